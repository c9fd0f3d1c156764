"""Planning and carrying out controles: ad hoc, from the programme and as a hercontrole of a violation; assigning
the inspector (separation of functions, rotation), the visit, closing, and the IED report deadlines.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal, InvalidOperation

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from openvth.audit import services as audit
from openvth.handhaving.workflow import kalender
from openvth.organisaties import toegang
from openvth.organisaties.fouten import NietGevonden, OngeldigeInvoer
from openvth.organisaties.models import Lidmaatschap, Rol
from openvth.organisaties.toegang import Actor
from openvth.regels import termijnen
from openvth.register.models import Activiteituitvoering, VthObject

from .. import selectors
from ..models import (
    Controle,
    ControleStatus,
    Controletype,
    Ketenactie,
    Programmataak,
    Reden,
    Vergunningbehandelaar,
)
from ..risicoanalyse import ied_objecten
from ..selectors import CONTROLEPLANNERS, PLANNERS, TOEZICHTHOUDERS
from .basis import OPEN_OVERTREDING, V, ongeldig

IED_RAPPORT = termijnen.Duur.parse("P2M")  # Richtlijn 2010/75/EU art. 23 lid 6: to the operator
IED_OPENBAAR = termijnen.Duur.parse("P4M")  # idem: public
AD_HOC = (Reden.PROJECT, Reden.INCIDENT, Reden.MELDING, Reden.INFORMATIE, Reden.HANDHAVINGSVERZOEK)


def _is_ied(vth_object_id: int, dag: date) -> bool:
    return vth_object_id in ied_objecten([vth_object_id], dag)


@transaction.atomic
def controle_plannen(
    *,
    actor: Actor,
    vth_object: VthObject,
    gepland_op: date,
    reden: str,
    controletype: str = Controletype.PERIODIEK,
    aangekondigd: bool = False,
    toelichting: str = "",
    activiteituitvoering: Activiteituitvoering | None = None,
    programmataak: Programmataak | None = None,
    ketenactie: Ketenactie | None = None,
    vertrouwelijkheid: str = V.INTERN,
) -> Controle:
    """Plan a controle from the programme (give `programmataak`) or ad hoc with a CIM reason.

    Ad-hoc reasons (project, incident, melding, informatie, handhavingsverzoek) need a `toelichting`; a
    hercontrole is planned with `hercontrole_plannen`. The competent authority and executing body are those of
    the activity execution when given, else of the VTH-object.
    """
    if reden == Reden.HERCONTROLE:
        raise ongeldig("Een hercontrole plant u vanuit de overtreding (hercontrole_plannen).", "reden")
    fouten: dict[str, str] = {}
    if reden not in Reden.values:
        fouten["reden"] = f"kies uit {', '.join(Reden.values)}"
    if controletype not in Controletype.values:
        fouten["controletype"] = "onbekend controletype (CIM-lijst Controletype)"
    if vertrouwelijkheid not in V.values:
        fouten["vertrouwelijkheid"] = "onbekend niveau"
    if reden == Reden.PROGRAMMA and programmataak is None:
        fouten["programmataak"] = "een controle uit het programma hoort bij een programmataak"
    if programmataak is not None and reden != reden_van_taak(programmataak):
        fouten["reden"] = f"een controle bij deze programmataak heeft reden '{reden_van_taak(programmataak)}'"
    if reden in AD_HOC and not toelichting.strip():
        fouten["toelichting"] = "geef de aanleiding van deze controle"
    if activiteituitvoering is not None and activiteituitvoering.vth_object_id != vth_object.pk:
        fouten["activiteituitvoering"] = "hoort niet bij dit VTH-object"
    if programmataak is not None:
        if programmataak.vth_object_id != vth_object.pk:
            fouten["programmataak"] = "hoort niet bij dit VTH-object"
        elif programmataak.vervallen_op is not None:
            fouten["programmataak"] = "deze taak is uit het programma gehaald"
        elif programmataak.controles.exclude(status=ControleStatus.VERVALLEN).exists():
            fouten["programmataak"] = "voor deze taak is al een controle gepland"
    if ketenactie is not None:
        if not ketenactie.keten.schakels.filter(vth_object=vth_object).exists():
            fouten["ketenactie"] = "dit VTH-object is geen schakel in de keten van deze actie"
        elif not ketenactie.van <= gepland_op <= ketenactie.tot:
            fouten["gepland_op"] = f"valt buiten de ketenactie ({ketenactie.van:%d-%m-%Y} – {ketenactie.tot:%d-%m-%Y})"
    if fouten:
        raise OngeldigeInvoer("De controle kan zo niet worden gepland.", fouten)
    bevoegd_gezag_id = activiteituitvoering.bevoegd_gezag_id if activiteituitvoering else vth_object.bevoegd_gezag_id
    uitvoerder_id = activiteituitvoering.toezichtinstantie_id if activiteituitvoering else vth_object.uitvoerder_id
    if not toegang.mag_zien(actor, vth_object) or (
        activiteituitvoering is not None and not toegang.mag_zien(actor, activiteituitvoering)
    ):
        raise NietGevonden()
    toegang.vereis_namens(
        actor,
        bevoegd_gezag_id=bevoegd_gezag_id,
        uitvoerder_id=uitvoerder_id,
        rollen=CONTROLEPLANNERS,
        vertrouwelijkheid=vertrouwelijkheid,
    )
    if ketenactie is not None and not selectors.keten_list(actor=actor).filter(pk=ketenactie.keten_id).exists():
        raise NietGevonden()
    controle = Controle.objects.create(
        bevoegd_gezag_id=bevoegd_gezag_id,
        uitvoerder_id=uitvoerder_id,
        gemeente_id=vth_object.locatie.gemeente_id,
        vertrouwelijkheid=vertrouwelijkheid,
        vth_object=vth_object,
        activiteituitvoering=activiteituitvoering,
        reden=reden,
        toelichting=toelichting.strip(),
        controletype=controletype,
        aangekondigd=aangekondigd,
        gepland_op=gepland_op,
        programmataak=programmataak,
        ketenactie=ketenactie,
        ied=_is_ied(vth_object.pk, gepland_op),
    )
    audit.schrijf(actor=actor, actie="controle.gepland", object=controle, na=audit.momentopname(controle))
    return controle


def reden_van_taak(taak: Programmataak) -> str:
    """A programme task's controle has reason 'programma'; a task proposed by a notification keeps its reason,
    'melding' (CIM Reden controle), so the notification counts as followed up."""
    return Reden.MELDING if taak.bron == Programmataak.Bron.MELDING else Reden.PROGRAMMA


def controletype_voor(inspectietype: str) -> str:
    """The CIM controletype of a programme task's inspection type (norm-hour key); periodic when not a CIM name."""
    return inspectietype if inspectietype in Controletype.values else Controletype.PERIODIEK


@transaction.atomic
def controle_plannen_uit_taak(
    *, actor: Actor, taak: Programmataak, gepland_op: date | None = None, aangekondigd: bool = False
) -> Controle:
    """A controle for a programme task, on the first day of its month unless a date is given; a task proposed by a
    notification gives reason 'melding' and names the notification as the controle's cause."""
    datum = gepland_op or date(taak.programma.jaar, taak.maand, 1)
    reden = reden_van_taak(taak)
    toelichting = ""
    if reden == Reden.MELDING and taak.melding is not None:
        melding = taak.melding
        toelichting = f"Controle na melding {melding.verzoeknummer}" + (
            f" (aanvang activiteit {melding.aanvang_activiteit:%d-%m-%Y})" if melding.aanvang_activiteit else ""
        )
    return controle_plannen(
        actor=actor,
        vth_object=taak.vth_object,
        gepland_op=datum,
        reden=reden,
        controletype=controletype_voor(taak.inspectietype),
        aangekondigd=aangekondigd,
        toelichting=toelichting,
        programmataak=taak,
    )


@dataclass(frozen=True)
class Hercontroledatum:
    datum: date
    motivering: str


IED_VERVOLGBEZOEK = termijnen.Duur(6, termijnen.Eenheid.MAAND)


def ied_vervolgbezoek_uiterlijk(overtreding) -> Hercontroledatum | None:
    """The last day for the additional site visit after a serious case of non-compliance found at an inspection of
    an IED installation (Richtlijn 2010/75/EU art. 23 lid 4, derde alinea: within six months of that inspection),
    counting from the earliest such inspection of this violation; None when there is none. Six months, set by the
    directive: the Atw does not apply (and would not to a period of months beyond 3, Atw art. 4)."""
    bevinding = (
        overtreding.bevindingen.filter(
            controle__ied=True,
            controle__uitgevoerd_op__isnull=False,
            gevolg__in=list(settings.OPENVTH_IED_ERNSTIGE_GEVOLGEN),
        )
        .select_related("controle")
        .order_by("controle__uitgevoerd_op", "id")
        .first()
    )
    if bevinding is None:
        return None
    inspectie = bevinding.controle.uitgevoerd_op
    uiterlijk = termijnen.einde_termijn(
        inspectie, IED_VERVOLGBEZOEK, kalender=kalender(), richting=termijnen.Richting.VOORUIT, wettelijk=False
    ).einddatum
    return Hercontroledatum(
        uiterlijk,
        f"aanvullend bezoek binnen zes maanden na de IED-inspectie van {inspectie:%d-%m-%Y} die een ernstig geval van "
        f"niet-naleving vond (gevolg {bevinding.gevolg}; Richtlijn 2010/75/EU art. 23 lid 4, derde alinea): uiterlijk "
        f"{uiterlijk:%d-%m-%Y}",
    )


def hercontroledatum(overtreding) -> Hercontroledatum | None:
    """When to re-inspect: the measure's own hercontrole date, else the day after its grace period or warning
    term ends; the newest measure that is not withdrawn counts. None when no measure sets a date."""
    maatregelen = overtreding.maatregelen.exclude(status="ingetrokken").order_by("-aangemaakt_op", "-id")
    for m in maatregelen:
        if m.hercontrole_op:
            return Hercontroledatum(m.hercontrole_op, f"hercontroledatum van maatregel {m.instrument}")
        if m.begunstigingstermijn_tot:
            return Hercontroledatum(
                m.begunstigingstermijn_tot + timedelta(days=1),
                f"dag na het einde van de begunstigingstermijn ({m.begunstigingstermijn_tot:%d-%m-%Y}) van "
                f"{m.instrument}",
            )
        stap = m.stappen.filter(termijn_tot__isnull=False).order_by("-geregistreerd_op", "-id").first()
        if stap is not None:
            return Hercontroledatum(
                stap.termijn_tot + timedelta(days=1),
                f"dag na het einde van de termijn ({stap.termijn_tot:%d-%m-%Y}) bij stap '{stap.naar}' van "
                f"{m.instrument}",
            )
    return None


@transaction.atomic
def hercontrole_plannen(
    *, actor: Actor, overtreding, gepland_op: date | None = None, aangekondigd: bool = False
) -> Controle:
    """A new Controle linked to the violation (CIM rule 20), dated from the warning or grace period."""
    toegang.vereis_schrijven(actor, overtreding, (*CONTROLEPLANNERS, Rol.HANDHAVER))
    if overtreding.status not in OPEN_OVERTREDING:
        raise ongeldig("Deze overtreding is niet meer open; een hercontrole heeft geen zin.", "overtreding")
    motivering = "datum opgegeven door de planner"
    ied = ied_vervolgbezoek_uiterlijk(overtreding)
    if gepland_op is None:
        berekend = hercontroledatum(overtreding)
        if berekend is None or (ied is not None and ied.datum < berekend.datum):
            berekend = ied
        if berekend is None:
            raise ongeldig(
                "Geen waarschuwing of begunstigingstermijn met een einddatum bekend; geef de datum van de hercontrole.",
                "gepland_op",
                "verplicht: geen termijn om van uit te gaan",
            )
        gepland_op, motivering = berekend.datum, berekend.motivering
    elif ied is not None and gepland_op > ied.datum:
        raise ongeldig(f"Te laat gepland: {ied.motivering}.", "gepland_op")
    controle = Controle.objects.create(
        bevoegd_gezag_id=overtreding.bevoegd_gezag_id,
        uitvoerder_id=overtreding.uitvoerder_id,
        gemeente_id=overtreding.gemeente_id,
        vertrouwelijkheid=overtreding.vertrouwelijkheid,
        vth_object_id=overtreding.vth_object_id,
        activiteituitvoering_id=overtreding.activiteituitvoering_id,
        reden=Reden.HERCONTROLE,
        toelichting=f"Hercontrole van overtreding {overtreding.voorschrift}: {motivering}.",
        controletype=Controletype.HERCONTROLE,
        aangekondigd=aangekondigd,
        gepland_op=gepland_op,
        overtreding=overtreding,
        ied=_is_ied(overtreding.vth_object_id, gepland_op),
    )
    audit.schrijf(actor=actor, actie="controle.hercontrole_gepland", object=controle, na=audit.momentopname(controle))
    return controle


@dataclass(frozen=True)
class Toewijzing:
    controle: Controle
    waarschuwing: str  # rotation warning shown to the planner; empty when none


def _lid_met_rol(gebruiker_id: int, organisaties: set[int], rol: str) -> bool:
    return any(
        rol in lid.rollen
        for lid in Lidmaatschap.objects.geldig_op(timezone.localdate()).filter(
            gebruiker_id=gebruiker_id, organisatie_id__in=organisaties
        )
    )


@transaction.atomic
def toezichthouder_toewijzen(*, actor: Actor, controle: Controle, toezichthouder_id: int) -> Toewijzing:
    """Assign the inspector: refused for whoever prepared a permit for the object; warns on lack of rotation."""
    toegang.vereis_schrijven(actor, controle, CONTROLEPLANNERS)
    controle = Controle.objects.select_for_update().get(pk=controle.pk)
    if controle.status != ControleStatus.GEPLAND:
        raise ongeldig("Alleen een geplande controle krijgt een (andere) toezichthouder.", "status")
    if not _lid_met_rol(toezichthouder_id, {controle.uitvoerder_id, controle.bevoegd_gezag_id}, Rol.TOEZICHTHOUDER):
        raise ongeldig(
            "Deze persoon is geen toezichthouder bij het bevoegd gezag of de uitvoerder van de controle.",
            "toezichthouder",
        )
    reden = selectors.scheiding_van_functies(controle.vth_object, toezichthouder_id)
    if reden:
        raise ongeldig(reden, "toezichthouder")
    waarschuwing = selectors.rotatiewaarschuwing(controle.vth_object, toezichthouder_id, behalve=controle.pk)
    voor = audit.momentopname(controle)
    controle.toezichthouder_id = toezichthouder_id
    controle.save(update_fields=["toezichthouder"])
    na = audit.momentopname(controle) | ({"rotatiewaarschuwing": waarschuwing} if waarschuwing else {})
    audit.schrijf(actor=actor, actie="controle.toezichthouder_toegewezen", object=controle, voor=voor, na=na)
    return Toewijzing(controle, waarschuwing)


def _ied_deadline(bezoek: date, duur: termijnen.Duur) -> date:
    termijn = termijnen.einde_termijn(
        bezoek, duur, kalender=kalender(), richting=termijnen.Richting.VOORUIT, wettelijk=False
    )
    return termijn.einddatum


def ied_deadlines(bezoek: date) -> tuple[date, date]:
    """(to the operator, public) for a site visit on `bezoek`: IED art. 23 lid 6, two and four months."""
    return _ied_deadline(bezoek, IED_RAPPORT), _ied_deadline(bezoek, IED_OPENBAAR)


def _uren(waarde) -> Decimal:
    try:
        uren = Decimal(str(waarde)).quantize(Decimal("0.1"))
    except (InvalidOperation, ValueError):
        raise ongeldig("Het aantal uren is geen getal.", "uren_besteed") from None
    if not Decimal(0) <= uren <= Decimal(999):
        raise ongeldig("Het aantal uren ligt tussen 0 en 999.", "uren_besteed")
    return uren


@transaction.atomic
def controle_uitvoeren(*, actor: Actor, controle: Controle, uitgevoerd_op: date, uren_besteed) -> Controle:
    """Record that the visit took place; for an IED installation the report deadlines start here."""
    toegang.vereis_schrijven(actor, controle, (*TOEZICHTHOUDERS, *PLANNERS))
    controle = Controle.objects.select_for_update().get(pk=controle.pk)
    if controle.status != ControleStatus.GEPLAND:
        raise ongeldig(f"De controle is al {controle.get_status_display()}.", "status")
    if controle.toezichthouder_id is None:
        raise ongeldig("Wijs eerst een toezichthouder toe.", "toezichthouder")
    if uitgevoerd_op > timezone.localdate():
        raise ongeldig("De uitvoeringsdatum ligt in de toekomst.", "uitgevoerd_op")
    uren = _uren(uren_besteed)
    voor = audit.momentopname(controle)
    controle.status = ControleStatus.UITGEVOERD
    controle.uitgevoerd_op = uitgevoerd_op
    controle.uren_besteed = uren
    controle.ied = controle.ied or _is_ied(controle.vth_object_id, uitgevoerd_op)
    if controle.ied:
        controle.rapport_uiterlijk_op, controle.openbaar_uiterlijk_op = ied_deadlines(uitgevoerd_op)
    controle.save()
    audit.schrijf(actor=actor, actie="controle.uitgevoerd", object=controle, voor=voor, na=audit.momentopname(controle))
    return controle


@transaction.atomic
def controle_afronden(*, actor: Actor, controle: Controle) -> Controle:
    """Close a carried-out controle; its overall result is derived from its findings, so it needs at least one."""
    toegang.vereis_schrijven(actor, controle, (*TOEZICHTHOUDERS, *PLANNERS))
    controle = Controle.objects.select_for_update().get(pk=controle.pk)
    if controle.status != ControleStatus.UITGEVOERD:
        raise ongeldig("Alleen een uitgevoerde controle kan worden afgerond.", "status")
    if not controle.bevindingen.exists():
        raise ongeldig("Leg eerst minstens één bevinding vast.", "bevindingen")
    voor = audit.momentopname(controle)
    controle.status = ControleStatus.AFGEROND
    controle.save(update_fields=["status"])
    audit.schrijf(actor=actor, actie="controle.afgerond", object=controle, voor=voor, na=audit.momentopname(controle))
    return controle


@transaction.atomic
def controle_vervallen(*, actor: Actor, controle: Controle, reden: str) -> Controle:
    toegang.vereis_schrijven(actor, controle, CONTROLEPLANNERS)
    controle = Controle.objects.select_for_update().get(pk=controle.pk)
    if controle.status != ControleStatus.GEPLAND:
        raise ongeldig("Alleen een geplande controle kan vervallen.", "status")
    if not reden.strip():
        raise ongeldig("Geef de reden waarom de controle vervalt.", "reden")
    voor = audit.momentopname(controle)
    controle.status = ControleStatus.VERVALLEN
    controle.toelichting = f"{controle.toelichting}\nVervallen: {reden.strip()}".strip()
    controle.save(update_fields=["status", "toelichting"])
    audit.schrijf(actor=actor, actie="controle.vervallen", object=controle, voor=voor, na=audit.momentopname(controle))
    return controle


def _rapportdatum(controle: Controle, op: date, veld: str) -> None:
    if controle.uitgevoerd_op is None:
        raise ongeldig("De controle is nog niet uitgevoerd.", veld)
    if op < controle.uitgevoerd_op:
        raise ongeldig("Deze datum ligt vóór de controle.", veld)
    if op > timezone.localdate():
        raise ongeldig("Deze datum ligt in de toekomst.", veld)


@transaction.atomic
def rapportverzending_vastleggen(*, actor: Actor, controle: Controle, op: date) -> Controle:
    """The report went to the operator on `op` (tracked against the IED deadline when it applies)."""
    toegang.vereis_schrijven(actor, controle, (*TOEZICHTHOUDERS, *PLANNERS))
    controle = Controle.objects.select_for_update().get(pk=controle.pk)
    _rapportdatum(controle, op, "rapport_verzonden_op")
    voor = audit.momentopname(controle)
    controle.rapport_verzonden_op = op
    controle.save(update_fields=["rapport_verzonden_op"])
    audit.schrijf(
        actor=actor,
        actie="controle.rapportverzending_vastleggen",
        object=controle,
        voor=voor,
        na=audit.momentopname(controle),
    )
    return controle


@transaction.atomic
def openbaarmaking_vastleggen(*, actor: Actor, controle: Controle, op: date) -> Controle:
    toegang.vereis_schrijven(actor, controle, (*TOEZICHTHOUDERS, *PLANNERS))
    controle = Controle.objects.select_for_update().get(pk=controle.pk)
    _rapportdatum(controle, op, "openbaar_gemaakt_op")
    voor = audit.momentopname(controle)
    controle.openbaar_gemaakt_op = op
    controle.save(update_fields=["openbaar_gemaakt_op"])
    audit.schrijf(
        actor=actor, actie="controle.rapport_openbaar", object=controle, voor=voor, na=audit.momentopname(controle)
    )
    return controle


@transaction.atomic
def vergunningbehandelaar_vastleggen(
    *, actor: Actor, vth_object: VthObject, gebruiker_id: int, kenmerk: str, datum: date
) -> Vergunningbehandelaar:
    """Record who prepared a permit for an object, so that person is not assigned to inspect it."""
    toegang.vereis_schrijven(actor, vth_object, (Rol.VERGUNNINGVERLENER, Rol.MANAGER, Rol.FUNCTIONEEL_BEHEERDER))
    if not kenmerk.strip():
        raise ongeldig("Noem het kenmerk van de vergunning of aanvraag.", "kenmerk")
    if not get_user_model().objects.filter(pk=gebruiker_id).exists():
        raise ongeldig("Onbekende medewerker.", "gebruiker")
    behandelaar, nieuw = Vergunningbehandelaar.objects.get_or_create(
        vth_object=vth_object, gebruiker_id=gebruiker_id, kenmerk=kenmerk.strip(), defaults={"datum": datum}
    )
    if nieuw:
        audit.schrijf(
            actor=actor,
            actie="vergunningbehandelaar.vastgelegd",
            object=behandelaar,
            na=audit.momentopname(behandelaar),
        )
    return behandelaar
