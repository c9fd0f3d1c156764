"""Demo requests in the demo region, made through the services as the demo permit officers would, dated in the past.

Thirteen requests at sites of the generated register in the demo municipality (Eindhoven, handled by the demo
service under mandate), so that every permit screen has something to show and every status occurs: received; in
treatment (regular procedure); suspended for a supplement; in treatment with the water authority's advice asked;
the extended procedure with consent given and the draft decision open for views; a permit granted with conditions
on the combustion plant (objection period running); one irrevocable; one refused; one whose decision period has
passed; a notification handled (the register shows it as notified) and a late one; one withdrawn by the applicant;
one left undecided after its supplement period lapsed unused (Awb 4:5).

The people: two permit officers at the service (one drafts, the other approves: four eyes) and a team leader who
holds the ondermandaat to decide for the municipality (Awb 10:9), recorded in the mandate register under the
municipality's mandate to the service (`organisaties.demo`). Idempotent: skipped when the first demo request
exists; the users are made once.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone
from django_otp.plugins.otp_totp.models import TOTPDevice

from openvth.organisaties import services as organisatie_services
from openvth.organisaties.demo import DEMO_APPARAAT, DEMO_DIENST, DEMO_GEMEENTE, DEMO_WACHTWOORD, Demogebruiker
from openvth.organisaties.models import Mandaat, Organisatie, Persoonsmandaat, Rol
from openvth.organisaties.selectors import actor_voor
from openvth.organisaties.services import systeem_actor
from openvth.organisaties.toegang import Actor
from openvth.register.models import Activiteituitvoering, Locatie, SoortBetrokkene

from . import besluiten, plaatsen
from .bericht import Aanvrageropgave, Bijlage, Locatieopgave, Verzoekgegevens
from .besluiten import Voorschriftopgave
from .models import Verzoek
from .services import verzoek_maken
from .stappen import stap_zetten

NUMMER = "DEMOVERZOEK{:02d}"
"""Demo request numbers: 13 characters like the Omgevingsloket's, stable, so a second run recognises the first."""
STOOKINSTALLATIE = "bal-3.2.1"  # vergunningplicht, meldingsplicht and informatieplicht (Bal §3.2.1)
WATERSCHAP = "de-dommel"  # the water authority of the Eindhoven region
AANTAL = 13
VOORSCHRIFTEN = [
    Voorschriftopgave(
        "1",
        "De stookinstallatie wordt ten minste eenmaal per jaar gekeurd en onderhouden door een deskundige; het "
        "keuringsrapport wordt vijf jaar bewaard.",
        STOOKINSTALLATIE,
    ),
    Voorschriftopgave(
        "2",
        "De emissie van NOx is ten hoogste 100 mg/Nm3 bij 3 % O2; de eerste meting vindt plaats binnen vier weken "
        "na ingebruikname.",
        STOOKINSTALLATIE,
    ),
    Voorschriftopgave(
        "3",
        "De afvoer van de rookgassen mondt ten minste 1 meter boven de hoogste dakrand uit.",
        STOOKINSTALLATIE,
    ),
]
BIJLAGEN = (Bijlage("aanvraagformulier.pdf", "application/pdf", "a1" * 32),)

DEMOGEBRUIKERS = (
    Demogebruiker(
        "vergunningverlener-od",
        {DEMO_DIENST: [Rol.VERGUNNINGVERLENER]},
        "vergunningverlener bij de omgevingsdienst",
        "ing. P. Bakker",
    ),
    Demogebruiker(
        "vergunningverlener-od2",
        {DEMO_DIENST: [Rol.VERGUNNINGVERLENER]},
        "tweede vergunningverlener bij de omgevingsdienst (vier ogen)",
        "drs. S. Yilmaz",
    ),
    # Decides under ondermandaat of the municipality (the mandate register); the name is printed under the decision.
    Demogebruiker(
        "teamleider-vergunningen",
        {DEMO_DIENST: [Rol.VERGUNNINGVERLENER, Rol.MANAGER]},
        "teamleider Vergunningen, beslist onder ondermandaat",
        "mr. R. de Groot",
    ),
)


def _werkdag(d: date) -> date:
    """The demo acts on working days only; moved back, so that a step never lands after today."""
    while d.weekday() >= 5:
        d -= timedelta(days=1)
    return d


def _gebruikers(actor: Actor) -> list[Demogebruiker]:
    User = get_user_model()
    for demo in DEMOGEBRUIKERS:
        gebruiker = User.objects.filter(username=demo.naam).first()
        if gebruiker is None:
            gebruiker = organisatie_services.gebruiker_maken(
                actor=actor,
                gebruikersnaam=demo.naam,
                wachtwoord=DEMO_WACHTWOORD,
                naam=demo.persoon,
                lidmaatschappen=demo.leden,
            )
        TOTPDevice.objects.get_or_create(user=gebruiker, name=DEMO_APPARAAT, defaults={"confirmed": True})
    return list(DEMOGEBRUIKERS)


def _ondermandaat(actor: Actor, gemeente: Organisatie, dienst: Organisatie, teamleider) -> bool:
    """The team leader's ondermandaat to decide on applications for the municipality (Awb 10:9)."""
    if Persoonsmandaat.objects.filter(mandaatgever=gemeente, gebruiker=teamleider).exists():
        return True
    mandaat = Mandaat.objects.filter(mandaatgever=gemeente, mandaatnemer=dienst, ondermandaat_toegestaan=True).first()
    if mandaat is None:
        return False
    organisatie_services.persoonsmandaat_maken(
        actor=actor,
        mandaatgever=gemeente,
        gebruiker=teamleider,
        functie=f"teamleider Vergunningen, {dienst.naam}",
        bevoegdheden=["besluit_vergunning"],
        besluit=f"Ondermandaatbesluit {dienst.afkorting or dienst.naam} (demo), onder {mandaat.besluit}",
        geldig_vanaf=date(timezone.localdate().year - 1, 1, 1),
    )
    return True


def _locaties(actor: Actor, dienst: Organisatie, gemeente: Organisatie) -> list[tuple[Locatie, Any]]:
    """Sites of the demo register in the municipality with a combustion plant and a company as its operator, each
    found again by its address (postcode and house number), as an applicant would give it."""
    uitvoeringen = (
        Activiteituitvoering.objects.filter(
            toezichtinstantie=dienst,
            gemeente=gemeente,
            bevoegd_gezag=gemeente,
            activiteit__code=STOOKINSTALLATIE,
            geldig_tot__isnull=True,
            afgevoerd_op__isnull=True,
            uitvoerder_betrokkene__soort=SoortBetrokkene.VESTIGING,
        )
        .select_related("vth_object__locatie", "uitvoerder_betrokkene")
        .order_by("id")
    )
    gekozen: dict[int, tuple[Locatie, Any]] = {}
    for u in uitvoeringen[:400]:
        locatie, vestiging = u.vth_object.locatie, u.uitvoerder_betrokkene
        if vestiging is None or locatie.pk in gekozen:
            continue
        if not (locatie.postcode and locatie.huisnummer and vestiging.vestigingsnummer):
            continue
        if plaatsen.locatie_zoeken(_opgave(locatie)) != locatie:
            continue  # another place shares the address: the request would land there
        gekozen[locatie.pk] = (locatie, vestiging)
        if len(gekozen) == AANTAL:
            break
    return list(gekozen.values())


def _opgave(locatie: Locatie) -> Locatieopgave:
    return Locatieopgave(
        postcode=locatie.postcode,
        huisnummer=locatie.huisnummer,
        huisletter=locatie.huisletter,
        huisnummertoevoeging=locatie.huisnummertoevoeging,
        gemeente=locatie.gemeente.code,
    )


@transaction.atomic
def vergunningen_demo_laden(
    *, dienst_code: str = DEMO_DIENST, gemeente_code: str = DEMO_GEMEENTE
) -> list[Demogebruiker]:
    """Load the permit demo (skipped when it is there, or when the register has too few sites); returns the demo
    users it made, for the log-in table."""
    systeem = systeem_actor("demo")
    gebruikers = _gebruikers(systeem)
    if Verzoek.objects.filter(verzoeknummer=NUMMER.format(1)).exists():
        return gebruikers
    dienst = Organisatie.objects.get(code=dienst_code)
    gemeente = Organisatie.objects.get(code=gemeente_code)
    User = get_user_model()
    mensen = {g.naam: User.objects.get(username=g.naam) for g in DEMOGEBRUIKERS}
    if not _ondermandaat(systeem, gemeente, dienst, mensen["teamleider-vergunningen"]):
        return gebruikers
    a, b, chef = (actor_voor(mensen[n], organisatie_id=dienst.pk) for n in mensen)
    locaties = _locaties(a, dienst, gemeente)
    if len(locaties) < AANTAL:
        return gebruikers
    _Demo(a, b, chef, locaties).bouw()
    return gebruikers


class _Demo:
    def __init__(self, a: Actor, b: Actor, chef: Actor, locaties: list):
        self.a, self.b, self.chef, self.locaties = a, b, chef, locaties
        self.vandaag = timezone.localdate()

    def dag(self, n: int) -> date:
        return _werkdag(self.vandaag - timedelta(days=n))

    def verzoek(self, i: int, ontvangen: int, omschrijving: str, **velden: Any) -> Verzoek:
        locatie, vestiging = self.locaties[i - 1]
        standaard: dict[str, Any] = {
            "verzoeknummer": NUMMER.format(i),
            "verzoekvolgnummer": "001",
            "soort": "toestemmingsaanvraag",
            "subsoort": "omgevingsvergunning",
            "ontvangen_op": self.dag(ontvangen),
            "activiteiten": (STOOKINSTALLATIE,),
            "locatie": _opgave(locatie),
            "aanvrager": Aanvrageropgave(
                soort=SoortBetrokkene.VESTIGING, naam=vestiging.naam, vestigingsnummer=vestiging.vestigingsnummer
            ),
            "omschrijving": omschrijving,
            "bijlagen": BIJLAGEN,
        }
        return verzoek_maken(actor=self.a, gegevens=Verzoekgegevens(**(standaard | velden)), bron="omgevingsloket")

    def stap(self, verzoek: Verzoek, handeling: str, dagen: int, actor: Actor | None = None, **gegevens: Any) -> None:
        waarden = {k: v.isoformat() if isinstance(v, date) else v for k, v in gegevens.items()}
        stap_zetten(
            actor=actor or self.a, verzoek=verzoek, handeling=handeling, datum=self.dag(dagen), gegevens=waarden
        )

    def besluit(self, verzoek: Verzoek, soort: str, motivering: str, *, ontwerp: bool = False) -> None:
        voorschriften = VOORSCHRIFTEN if soort == "verlenen" else []
        concept = besluiten.besluit_opstellen(
            actor=self.a,
            verzoek=verzoek,
            soort=soort,
            motivering=motivering,
            voorschriften=voorschriften,
            ontwerp=ontwerp,
        )
        besluiten.besluit_goedkeuren(actor=self.b, besluit=concept)

    def in_behandeling(self, verzoek: Verzoek, dagen: int, procedure: str = "regulier") -> None:
        self.stap(verzoek, "in_behandeling_nemen", dagen, procedure=procedure)

    def bouw(self) -> None:
        verleend = "De aanvraag voldoet aan de beoordelingsregels voor de milieubelastende activiteit (Bal §3.2.1)."
        # 1. Received, not yet taken into treatment.
        self.verzoek(1, 3, "Vervangen van de cv-ketels door een stookinstallatie van 1,2 MW")
        # 2. In treatment under the regular procedure (decide within 8 weeks).
        twee = self.verzoek(2, 20, "Stookinstallatie van 1,5 MW voor de bedrijfshal")
        self.in_behandeling(twee, 18)
        # 3. Suspended: a supplement asked (Awb 4:5, 4:15).
        drie = self.verzoek(3, 30, "Uitbreiding van de stookinstallatie met een tweede ketel")
        self.in_behandeling(drie, 28)
        self.stap(
            drie,
            "aanvulling_vragen",
            10,
            aanvullen_voor=self.vandaag + timedelta(days=18),
            omschrijving="Een emissieberekening (NOx) en een plattegrond met de plaats van de schoorsteen.",
        )
        # 4. In treatment with the water authority's advice asked (Ow art. 16.15).
        vier = self.verzoek(4, 25, "Stookinstallatie met lozing van condensaat op het vuilwaterriool")
        self.in_behandeling(vier, 23)
        self.stap(
            vier,
            "advies_vragen",
            15,
            adviseur=WATERSCHAP,
            soort="advies",
            grondslag="Ow art. 16.15; indirecte lozing van condensaat",
            reageren_voor=self.vandaag + timedelta(days=14),
        )
        # 5. Extended procedure: consent given, the draft decision open for views (Awb 3:11, 3:16).
        vijf = self.verzoek(5, 90, "Stookinstallatie van 20 MW met rookgasreiniging")
        self.in_behandeling(vijf, 88, "uitgebreid")
        self.stap(
            vijf,
            "advies_vragen",
            80,
            adviseur=WATERSCHAP,
            soort="instemming",
            grondslag="Ow art. 16.16; indirecte lozing van spuiwater op het oppervlaktewater",
            reageren_voor=self.vandaag - timedelta(days=40),
        )
        self.stap(
            vijf,
            "advies_ontvangen",
            50,
            adviesverzoek=vijf.adviesverzoeken.get().pk,
            uitkomst="instemming",
            beantwoord_op=self.dag(50),
            toelichting="Instemming onder voorwaarde van een spuiwaterbuffer.",
        )
        self.besluit(vijf, "verlenen", verleend, ontwerp=True)
        self.stap(vijf, "ontwerp_ter_inzage", 20, actor=self.chef)
        # 6. Granted with conditions; the objection period runs; the register shows the permit.
        zes = self.verzoek(6, 60, "Stookinstallatie van 2 MW voor de bakkerij")
        self.in_behandeling(zes, 58)
        self.besluit(zes, "verlenen", verleend)
        self.stap(zes, "besluit_bekendmaken", 14, actor=self.chef)
        # 7. Granted after a supplement, irrevocable: the objection period passed without objection.
        zeven = self.verzoek(7, 150, "Stookinstallatie van 3 MW voor de kassen")
        self.in_behandeling(zeven, 148)
        self.stap(
            zeven,
            "aanvulling_vragen",
            140,
            aanvullen_voor=self.dag(120),
            omschrijving="Het keuringsrapport van de bestaande installatie.",
        )
        self.stap(zeven, "aanvulling_ontvangen", 130, aangevuld_op=self.dag(130))
        self.besluit(zeven, "verlenen", verleend)
        self.stap(zeven, "besluit_bekendmaken", 100, actor=self.chef)
        self.stap(zeven, "onherroepelijk_worden", 0)
        # 8. Refused.
        acht = self.verzoek(8, 70, "Stookinstallatie op houtpellets naast de woonwijk")
        self.in_behandeling(acht, 68)
        self.besluit(
            acht,
            "weigeren",
            "De emissie van fijnstof overschrijdt de omgevingswaarde in de woonwijk; de aanvraag wordt geweigerd "
            "(Ow art. 5.18).",
        )
        self.stap(acht, "besluit_bekendmaken", 20, actor=self.chef)
        # 9. The decision period has passed (8 weeks after receipt): overdue in the deadline view.
        negen = self.verzoek(9, 75, "Stookinstallatie van 1 MW voor het zwembad")
        self.in_behandeling(negen, 73)
        # 10. A notification handled: the register records the activity as notified.
        self.verzoek(
            10,
            45,
            "Melding stookinstallatie van 400 kW",
            soort="activiteitmelding",
            subsoort="",
            aanvang_activiteit=self.dag(45) + timedelta(weeks=6),
        )
        tien = Verzoek.objects.get(verzoeknummer=NUMMER.format(10))
        self.stap(tien, "afhandelen", 40)
        # 11. A late notification: fewer than four weeks before the start (flagged, not refused).
        self.verzoek(
            11,
            12,
            "Melding stookinstallatie van 250 kW (per direct)",
            soort="activiteitmelding",
            subsoort="",
            aanvang_activiteit=self.dag(12) + timedelta(days=10),
        )
        elf = Verzoek.objects.get(verzoeknummer=NUMMER.format(11))
        self.stap(elf, "afhandelen", 10)
        # 12. Withdrawn by the applicant: a new volgnummer with doel 'intrekken'.
        twaalf = self.verzoek(12, 25, "Stookinstallatie voor een tijdelijke hal")
        self.in_behandeling(twaalf, 23)
        self.verzoek(12, 8, "Intrekking: de tijdelijke hal komt er niet", verzoekvolgnummer="002", doel="intrekken")
        # 13. Left undecided: the supplement period lapsed unused (Awb 4:5 lid 1, bekendgemaakt binnen vier weken).
        dertien = self.verzoek(13, 60, "Stookinstallatie van 900 kW")
        self.in_behandeling(dertien, 58)
        self.stap(
            dertien,
            "aanvulling_vragen",
            55,
            aanvullen_voor=self.dag(41),
            omschrijving="De gegevens over het brandstofverbruik en de rookgasafvoer.",
        )
        self.stap(dertien, "aanvultermijn_verstreken", 38)
        self.stap(
            dertien,
            "buiten_behandeling_stellen",
            35,
            actor=self.chef,
            reden="De gevraagde gegevens zijn niet binnen de gestelde termijn ontvangen (Awb 4:5 lid 1).",
        )
