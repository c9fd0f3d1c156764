"""Demo data for supervision in the demo region (ODZOB), made through the services as the demo users would.

A risk model version and one analysis run, next year's programme within a plausible capacity, checklists, a
few controles (one carried out with findings, one of them a violation; `d4_bewijs` adds the inspection and photo
behind the demo D4 case that OM and police see), a permit preparer for the separation
of functions, and a waste chain with a chain action. Idempotent: skipped when the demo model version exists.
"""

from __future__ import annotations

import io
from datetime import timedelta

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from openvth.organisaties.models import Organisatie
from openvth.organisaties.selectors import actor_voor
from openvth.organisaties.toegang import Actor
from openvth.regels import risico
from openvth.regels.tabeldata import meegeleverd
from openvth.register.models import VthObject

from .. import services
from ..models import Reden, Risicomodelversie

DEMO_MODELVERSIE = "odzob-demo-1"
CAPACITEIT = {"milieu": 9000, "afval": 2500, "agrarisch": 2500, "complexe bedrijven": 1200}
CHECKLISTS = {
    "bal-3.2": ("Algemene milieuregels", ["Zorgplicht: geen ongewone voorvallen", "Registratie energieverbruik"]),
    "bal-3.5": ("Afvalbeheer", ["Acceptatie- en verwerkingsbeleid aanwezig", "Afvalstoffenregister bijgehouden"]),
    "bal-3.6": ("Agrarische activiteiten", ["Mestopslag afgedekt", "Emissiearme stalsystemen in gebruik"]),
    "bal-3.3": ("Complexe bedrijven", ["Veiligheidsrapport actueel", "Beheersysteem preventie zware ongevallen"]),
}


def _actor(naam: str, organisatie: Organisatie) -> Actor:
    gebruiker = get_user_model().objects.get(username=naam)
    return actor_voor(gebruiker, organisatie_id=organisatie.pk)


@transaction.atomic
def toezicht_demo_laden(*, dienst_code: str = "odzob") -> bool:
    """Load the supervision demo; False when it is already there (or the demo users are missing)."""
    dienst = Organisatie.objects.get(code=dienst_code)
    if Risicomodelversie.objects.filter(regio=dienst, versie=DEMO_MODELVERSIE).exists():
        return False
    if not get_user_model().objects.filter(username__in=("planner", "toezichthouder", "beheerder")).count() == 3:
        return False
    planner, inspecteur = _actor("planner", dienst), _actor("toezichthouder", dienst)
    beheerder = _actor("beheerder", dienst)
    vandaag = timezone.localdate()
    definitie = meegeleverd(risico.VOORBEELDBESTAND) | {"versie": DEMO_MODELVERSIE}
    versie = services.risicomodel_vastleggen(
        actor=planner, regio=dienst, definitie=definitie, geldig_vanaf=vandaag.replace(month=1, day=1)
    )
    analyse = services.risicoanalyse_uitvoeren(actor=planner, modelversie=versie)
    programma = services.programma_genereren(actor=planner, analyse=analyse, jaar=vandaag.year, capaciteit=CAPACITEIT)
    for code, (naam, punten) in CHECKLISTS.items():
        onderwerp = services.controleonderwerp_maken(
            actor=beheerder, activiteitcode=code, naam=naam, geldig_vanaf=vandaag.replace(month=1, day=1)
        )
        for i, tekst in enumerate(punten):
            services.aandachtspunt_maken(
                actor=beheerder,
                onderwerp=onderwerp,
                tekst=tekst,
                volgorde=i,
                voorschrift=f"{code.replace('bal-', 'Bal §')}",
            )
    taken = list(programma.taken.order_by("-score", "id")[:3])
    controles = [services.controle_plannen_uit_taak(actor=planner, taak=t, gepland_op=vandaag) for t in taken]
    for c in controles:
        services.toezichthouder_toewijzen(actor=planner, controle=c, toezichthouder_id=inspecteur.gebruiker_id)
    uitgevoerd = controles[0]
    services.bevinding_vastleggen(
        actor=inspecteur, controle=uitgevoerd, resultaat="voorschriften_nageleefd", omschrijving="Registratie op orde."
    )
    services.bevinding_vastleggen(
        actor=inspecteur,
        controle=uitgevoerd,
        resultaat="niet_akkoord",
        omschrijving="Lekbak onder de opslag van olie ontbreekt.",
        voorschrift="Bal art. 4.1 (demo)",
        gedrag="B",
        gevolg="2",
    )
    services.controle_uitvoeren(actor=inspecteur, controle=uitgevoerd, uitgevoerd_op=vandaag, uren_besteed=5)
    eindhoven = Organisatie.objects.get(code="GM0772")
    vergunningverlener = get_user_model().objects.filter(username="vergunningverlener").first()
    obj_eindhoven = VthObject.objects.filter(bevoegd_gezag=eindhoven).order_by("id").first()
    if vergunningverlener and obj_eindhoven:
        services.vergunningbehandelaar_vastleggen(
            actor=_actor("vergunningverlener", eindhoven),
            vth_object=obj_eindhoven,
            gebruiker_id=vergunningverlener.pk,
            kenmerk="OLO-DEMO-1",
            datum=vandaag - timedelta(days=200),
        )
    schakels = list(
        VthObject.objects.filter(uitvoerder=dienst, uitvoeringen__activiteit__code__startswith="bal-3.5")
        .distinct()
        .order_by("id")[:3]
    )
    if len(schakels) == 3:
        keten = services.keten_maken(
            actor=inspecteur,
            naam="Bouw- en sloopafval Zuidoost-Brabant",
            stroom="EURAL 17 09 04",
            schakels=list(zip(schakels, ("producent", "inzamelaar", "verwerker"), strict=True)),
        )
        actie = services.ketenactie_maken(
            actor=inspecteur, keten=keten, naam="Actieweek bouwafval", van=vandaag, tot=vandaag + timedelta(days=14)
        )
        services.controle_plannen(
            actor=planner,
            vth_object=schakels[0],
            gepland_op=vandaag,
            reden=Reden.PROJECT,
            toelichting="Ketenactie bouw- en sloopafval",
            ketenactie=actie,
        )
    return True


def d4_bewijs(zaak) -> None:
    """The inspection behind the demo D4 case, before it goes to the consultation with OM and police: an incident
    controle at its object, the finding that joins the case (same object, authority and rule) with a photo, carried
    out on the day the violation was found. The OM and police see it once the case is shared with them."""
    dienst = zaak.uitvoerder
    planner, inspecteur = _actor("planner", dienst), _actor("toezichthouder", dienst)
    controle = services.controle_plannen(
        actor=planner,
        vth_object=zaak.vth_object,
        activiteituitvoering=zaak.activiteituitvoering,
        gepland_op=zaak.geconstateerd_op,
        reden=Reden.MELDING,
        toelichting="Melding van een lozing op de bodem (demo).",
    )
    services.toezichthouder_toewijzen(actor=planner, controle=controle, toezichthouder_id=inspecteur.gebruiker_id)
    bevinding = services.bevinding_vastleggen(
        actor=inspecteur,
        controle=controle,
        resultaat="niet_akkoord",
        omschrijving=zaak.omschrijving,
        voorschrift=zaak.voorschrift,
        gedrag="D",
        gevolg="4",
    )
    if bevinding.overtreding_id != zaak.pk:
        raise RuntimeError("De demobevinding sluit niet aan bij de D4-zaak.")
    services.bijlage_maken(
        actor=inspecteur,
        controle=controle,
        naam="lozing-bodem.png",
        inhoud=_demo_foto(),
        soort="foto",
        bevinding=bevinding,
    )
    services.controle_uitvoeren(
        actor=inspecteur, controle=controle, uitgevoerd_op=zaak.geconstateerd_op, uren_besteed=3
    )


def _demo_foto() -> bytes:
    """A drawn stand-in for the inspector's photo: dark stain on sand, labelled as demo."""
    # Lazy: Pillow (~0.15 s) only for the demo's photo.
    from PIL import Image, ImageDraw

    beeld = Image.new("RGB", (480, 320), (201, 178, 128))
    teken = ImageDraw.Draw(beeld)
    teken.ellipse((120, 90, 380, 250), fill=(58, 52, 44))
    teken.text((12, 12), "DEMO - lozing op de bodem", fill=(0, 0, 0))
    uit = io.BytesIO()
    beeld.save(uit, format="PNG")
    return uit.getvalue()
