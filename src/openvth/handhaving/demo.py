"""Demo cases in the demo region, made through the services as the demo handhaver would, dated around today.

Four cases, so every enforcement screen has something to show: a warning whose term ends this week, a last onder
dwangsom whose grace period is running, a forfeited dwangsom in collection, and a D4 case discussed with the OM
and the police and shared with them, with its evidence — the inspector's finding and photo and the BOA's
proces-verbaal (the demo users `officier` and `politie` see exactly that one). Idempotent: skipped when
the first demo case exists.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta
from html import escape

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from openvth.organisaties.models import Mandaat, Organisatie, Persoonsmandaat
from openvth.organisaties.selectors import actor_voor
from openvth.organisaties.services import persoonsmandaat_maken, systeem_actor
from openvth.register.models import Activiteituitvoering

from . import documenten, services
from .models import Documentsjabloon, Fase, Overtreding

KENMERK = "demo-zaak-{}"
LAST = {
    "strekking": "ongedaan maken van een overtreding",
    "begunstigingstermijn": "P4W",
    "vorm": "per tijdseenheid",
    "eenheid": "week",
    "bedrag": "500.00",
    "maximum": "2000.00",
    "belangenafweging": "Het belang van het voorschrift verzet zich niet tegen een dwangsom (Awb 5:32 lid 2): er is "
    "geen acuut gevaar en de overtreder kan de maatregelen zelf treffen.",
}


def _werkdag(d: date) -> date:
    """The demo acts on working days only (an inspector does not visit on Sunday)."""
    while d.weekday() >= 5:
        d += timedelta(days=1)
    return d


@transaction.atomic
def handhaving_demo_laden(*, dienst_code: str = "odzob", bewijs: Callable[[Overtreding], object] | None = None) -> bool:
    """Load the enforcement demo; False when it is already there (or the demo users are missing).

    `bewijs(zaak)` records the inspection evidence of the D4 case (a finding with a photo) before the consultation;
    the caller passes it from toezicht, which this app may not import (ADR 0017)."""
    if Overtreding.objects.filter(herkomst_referentie=KENMERK.format(1)).exists():
        return False
    gebruikers = get_user_model().objects.filter(username="handhaver")
    if not gebruikers.exists():
        return False
    dienst = Organisatie.objects.get(code=dienst_code)
    wie = actor_voor(gebruikers.get(), organisatie_id=dienst.pk)
    uitvoeringen = (
        Activiteituitvoering.objects.filter(toezichtinstantie=dienst, afgevoerd_op__isnull=True)
        .select_related("vth_object")
        .order_by("id")
    )
    objecten = list({u.vth_object_id: u for u in uitvoeringen[:200]}.values())[:4]
    if len(objecten) < 4:
        return False
    t = timezone.localdate()

    def zaak(nummer: int, uitvoering, dagen: int, gedrag: str, gevolg: str, omschrijving: str, voorschrift: str):
        return services.overtreding_maken(
            actor=wie,
            vth_object=uitvoering.vth_object,
            activiteituitvoering=uitvoering,
            herkomst="eigen_waarneming",
            herkomst_referentie=KENMERK.format(nummer),
            omschrijving=omschrijving,
            voorschrift=voorschrift,
            geconstateerd_op=_werkdag(t - timedelta(days=dagen)),
            gedrag=gedrag,
            gevolg=gevolg,
            behandelaar_id=wie.gebruiker_id,
        )

    def stap(maatregel, naar, dagen, **params):
        services.maatregel_stap_zetten(
            actor=wie, maatregel=maatregel, naar=naar, datum=_werkdag(t - timedelta(days=dagen)), **params
        )
        maatregel.refresh_from_db()

    # 1. A warning with two weeks to comply: the hercontrole falls due this week.
    een = zaak(1, objecten[0], 12, "B", "2", "Afvalstoffen buiten de vloeistofdichte opslag.", "Bal art. 3.48 lid 2")
    services.maatregel_maken(
        actor=wie,
        overtreding=een,
        instrument="WAARSCHUWEN",
        datum=_werkdag(t - timedelta(days=10)),
        hersteltermijn="P2W",
    )

    # 2. Warning → hercontrole → voornemen → last onder dwangsom: the grace period ends within the month.
    twee = zaak(
        2,
        objecten[1],
        66,
        "C",
        "3",
        "Stofemissie bij het overslaan van bulkgoed zonder afzuiging.",
        "Bal art. 3.28 lid 1",
    )
    lod = services.maatregel_maken(
        actor=wie,
        overtreding=twee,
        instrument="WAARSCHUWEN",
        datum=_werkdag(t - timedelta(days=64)),
        hersteltermijn="P2W",
    )
    stap(lod, Fase.HERCONTROLE, 47, kenmerk="HC-demo-2a")
    stap(lod, Fase.VOORNEMEN, 45, instrument="LOD")
    stap(lod, Fase.BESLUIT_LOD, 21, **LAST)

    # 3. A last onder dwangsom forfeited for two weeks, collected by invorderingsbeschikking and aanmaning.
    drie = zaak(
        3, objecten[2], 200, "B", "3", "Geen lekbakken onder de vaten met gevaarlijke stoffen.", "Bal art. 4.104"
    )
    last = services.maatregel_maken(
        actor=wie, overtreding=drie, instrument="LOD", datum=_werkdag(t - timedelta(days=196))
    )
    stap(last, Fase.BESLUIT_LOD, 175, **LAST)
    hercontrole = _werkdag(last.begunstigingstermijn_tot + timedelta(days=1))
    services.maatregel_stap_zetten(
        actor=wie, maatregel=last, naar=Fase.HERCONTROLE, datum=hercontrole, kenmerk="HC-demo-3a"
    )
    services.verbeurte_vastleggen(
        actor=wie,
        maatregel=last,
        datum=hercontrole + timedelta(days=14),
        verbeurd_vanaf=hercontrole,
        verbeurd_op=hercontrole + timedelta(days=13),
        aantal=2,
        kenmerk="HC-demo-3b",
    )
    # The offender is heard first (Awb 4:8 lid 1; ABRvS 12-09-2018, ECLI:NL:RVS:2018:2956).
    services.invorderingsbeschikking_nemen(
        actor=wie,
        maatregel=last,
        datum=_werkdag(hercontrole + timedelta(days=20)),
        gegevens={
            "zienswijze_gevraagd_op": hercontrole + timedelta(days=14),
            "zienswijze_ontvangen_op": hercontrole + timedelta(days=18),
        },
    )
    verbeurte = last.verbeurten.get()
    services.aanmaning_sturen(actor=wie, maatregel=last, datum=_werkdag(verbeurte.betalen_voor + timedelta(days=3)))

    # 4. A D4 case: consultation with OM and police, outcome both routes; shared with them one by one.
    vier = zaak(
        4,
        objecten[3],
        30,
        "D",
        "4",
        "Illegale lozing van afvalwater met gevaarlijke stoffen op de bodem.",
        "Bal art. 3.42, Wet milieubeheer art. 10.1",
    )
    if bewijs is not None:
        bewijs(vier)
    boa = get_user_model().objects.filter(username="toezichthouder").first()
    if boa is not None:  # the inspector is the BOA who reports the offence (Sv art. 152 lid 1)
        services.procesverbaal_vastleggen(
            actor=actor_voor(boa, organisatie_id=dienst.pk),
            overtreding=vier,
            nummer=f"PV-{t.year}-D4-001",
            datum=vier.geconstateerd_op,
            verbalisant="Demo Toezichthouder",
            verbalisantnummer="BOA-000000",
            inhoud=_demo_pv(vier),
            naam="proces-verbaal-demo-d4.pdf",
        )
    if not vier.afstemming_gewenst:  # the D4 position puts it on the agenda already under the default table
        services.overtreding_markeren_voor_afstemming(
            actor=wie, overtreding=vier, reden="cel D4: notoir gedrag, aanzienlijke gevolgen"
        )
    services.afstemmingsoverleg_vastleggen(
        actor=wie,
        overtreding=vier,
        datum=_werkdag(t - timedelta(days=9)),
        uitkomst="beide",
        deelnemers=[
            {"organisatie": dienst.code, "naam": "Demo Handhaver", "functie": "handhavingsjurist"},
            {"organisatie": "om-fp", "naam": "Demo Officier", "functie": "officier van justitie"},
            {"organisatie": "politie", "naam": "Demo Rechercheur", "functie": "milieurechercheur"},
        ],
        redenen="Bestuursrechtelijk herstel (last onder bestuursdwang) en strafrechtelijke vervolging wegens het "
        "calculerende gedrag en de onomkeerbare bodemverontreiniging.",
    )
    _brieven(dienst, twee, drie)
    return True


def _brieven(dienst: Organisatie, twee: Overtreding, drie: Overtreding) -> None:
    """The demo's letters: a voornemen and a besluit last onder dwangsom in case 2 and an invorderingsbeschikking in
    case 3, drafted by the handhaver and signed by the demo teamleider under an ondermandaat of each case's
    bevoegd gezag (Awb 10:9); skipped when the user or the templates are missing."""
    teamleider = get_user_model().objects.filter(username="teamleider").first()
    if teamleider is None or not Documentsjabloon.objects.filter(organisatie__isnull=True).exists():
        return
    systeem = systeem_actor("demo")
    for gezag in {twee.bevoegd_gezag, drie.bevoegd_gezag}:
        mandaat = Mandaat.objects.filter(mandaatgever=gezag, mandaatnemer=dienst, ondermandaat_toegestaan=True).first()
        if mandaat is None or Persoonsmandaat.objects.filter(mandaatgever=gezag, gebruiker=teamleider).exists():
            continue
        persoonsmandaat_maken(
            actor=systeem,
            mandaatgever=gezag,
            gebruiker=teamleider,
            functie=f"teamleider Handhaving, {dienst.naam}",
            bevoegdheden=["waarschuwing", "voornemen", "besluit_lod", "invorderingsbeschikking"],
            besluit=f"Ondermandaatbesluit {dienst.afkorting or dienst.naam} (demo), onder {mandaat.besluit}",
        )
    opsteller = actor_voor(get_user_model().objects.get(username="handhaver"), organisatie_id=dienst.pk)
    ondertekenaar = actor_voor(teamleider, organisatie_id=dienst.pk)
    lod = twee.maatregelen.get(instrument="LOD")
    voornemen_op = lod.stappen.get(naar=Fase.VOORNEMEN).datum
    omschrijving = (
        "Plaats een werkende afzuiging bij het overslaan van bulkgoed en sla geen bulkgoed meer over "
        "zonder die afzuiging."
    )
    brieven = [
        (
            documenten.document_maken(
                actor=opsteller,
                overtreding=twee,
                soort="voornemen",
                maatregel=lod,
                datum=voornemen_op,
                last={
                    **{k: LAST[k] for k in ("begunstigingstermijn", "vorm", "eenheid", "bedrag", "maximum")},
                    "omschrijving": omschrijving,
                },
            ),
            voornemen_op,
        ),
        (
            documenten.document_maken(actor=opsteller, overtreding=twee, soort="besluit_lod", maatregel=lod),
            lod.opgelegd_op,
        ),
    ]
    verbeurte = drie.maatregelen.get(instrument="LOD").verbeurten.get()
    brieven.append(
        (
            documenten.document_maken(
                actor=opsteller, overtreding=drie, soort="invorderingsbeschikking", verbeurte=verbeurte
            ),
            verbeurte.invorderingsbeschikking_op,
        )
    )
    for brief, datum in brieven:
        documenten.document_verzenden(actor=ondertekenaar, document=brief, datum=datum)


def _demo_pv(zaak: Overtreding) -> bytes:
    """A readable stand-in for the signed report (the real one comes from the BOA's own system), marked as demo."""
    from weasyprint import HTML  # lazy: WeasyPrint takes ~2 s to import, and only the demo's report needs it

    tekst = escape(zaak.omschrijving)
    return HTML(
        string=(
            "<html lang='nl'><body><h1>Proces-verbaal (DEMO)</h1>"
            f"<p>Nummer: PV-{zaak.geconstateerd_op.year}-D4-001. Datum: {zaak.geconstateerd_op:%d-%m-%Y}.</p>"
            f"<p>Bevindingen: {tekst} Overtreden: {escape(zaak.voorschrift)}.</p>"
            "<p>Opgemaakt op ambtseed door Demo Toezichthouder, BOA (art. 152 en 153 Wetboek van Strafvordering).</p>"
            "<p><em>Demonstratiegegevens, geen echt proces-verbaal.</em></p></body></html>"
        )
    ).write_pdf()
