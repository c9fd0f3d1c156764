"""Every write on supervision records. Each one checks access first, refuses bad input with `OngeldigeInvoer`
(field → reason, nothing stored), runs in one transaction and appends an audit event. The access check is the
one write rule, `toegang.vereis_schrijven` (on an existing record) or `toegang.vereis_namens` (a new one): own
organisation or a mandate; a sharing agreement lets another service read a controle, never change it.

Modules: the risk-analysis run is in `risicoanalyse.py`, programme generation and the planner's adjustments in
`programma.py`; both are re-exported here so that callers have one entry point.

Rules applied here, with their sources:

* Separation of functions: whoever prepared a permit for a VTH-object does not inspect it (an organisational
  rule of the old Besluit omgevingsrecht, DOMAIN.md §1 [check its successor in the Omgevingsbesluit]):
  assigning such an inspector is refused.
* Rotation: a warning (not a refusal) when the same inspector carried out the last N visits; N is the setting
  `OPENVTH_ROTATIE_N` (default 3 [check], DOMAIN.md §1).
* IED report deadlines (Richtlijn 2010/75/EU art. 23 lid 6): after a site visit at an IED installation the report
  goes to the operator within two months and is made public within four months. Counted with
  `regels.termijnen.einde_termijn` as a period set by the directive, not by Dutch statute: the Algemene
  termijnenwet does not extend it (`wettelijk=False`), so the deadline never moves past the directive's.
* A finding's Bevindingoordeel is the LHSO position: gedrag A–D, gevolg 1–4 (LHSO 2022 stap 1); a finding
  judged "niet akkoord, voorschriften overtreden" becomes a violation, or joins an open violation of the same
  object and rule (CIM rule 23: attach new findings to the existing OVERTREDING).
* A hercontrole is a new Controle linked to the violation (CIM rule 20), on the day after the warning's or the
  grace period's end date, unless the measure names a hercontrole date itself.
* IED follow-up visit (Richtlijn 2010/75/EU art. 23 lid 4, derde alinea): when an inspection of an IED
  installation found a serious case of non-compliance, an additional site visit takes place within six months of
  that inspection. "Serious" is not defined by the directive: a finding whose LHSO gevolg is in
  `OPENVTH_IED_ERNSTIGE_GEVOLGEN` (default 3 and 4, "van belang" and "aanzienlijk en/of onomkeerbaar"; a policy
  choice). The hercontrole is then planned no later than that date, and a later date is refused.
"""

from __future__ import annotations

import hashlib
import io
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal, InvalidOperation

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.db.models import Max

from openvth.audit import services as audit
from openvth.handhaving.workflow import kalender
from openvth.organisaties import toegang
from openvth.organisaties.models import Lidmaatschap, Organisatie, Rol, Vertrouwelijkheid
from openvth.organisaties.services import OngeldigeInvoer
from openvth.organisaties.toegang import Actor, GeenToestemming
from openvth.regels import risico, termijnen
from openvth.regels.lhso import Gedrag, Gevolg
from openvth.register.models import Activiteit, Activiteituitvoering, VthObject

from . import selectors
from .models import (
    Bevinding,
    Bijlage,
    Certificering,
    Controle,
    Controleaandachtspunt,
    Controleonderwerp,
    ControleStatus,
    Controletype,
    Keten,
    Ketenactie,
    Ketenschakel,
    Programmataak,
    Reden,
    ResultaatBevinding,
    Risicokenmerk,
    Risicomodelversie,
    Vergunningbehandelaar,
)
from .selectors import BEHEERDERS, CONTROLEPLANNERS, KETENBEHEERDERS, PLANNERS, TOEZICHTHOUDERS

V = Vertrouwelijkheid
GEDRAG = tuple(g.value for g in Gedrag)  # A–D (LHSO 2022 stap 1)
GEVOLG = tuple(g.value for g in Gevolg)  # 1–4
IED_RAPPORT = termijnen.Duur.parse("P2M")  # Richtlijn 2010/75/EU art. 23 lid 6: to the operator
IED_OPENBAAR = termijnen.Duur.parse("P4M")  # idem: public
AD_HOC = (Reden.PROJECT, Reden.INCIDENT, Reden.MELDING, Reden.INFORMATIE, Reden.HANDHAVINGSVERZOEK)
OPEN_OVERTREDING = ("geconstateerd", "in_behandeling")
AFBEELDINGSFORMATEN = {
    "JPEG": "image/jpeg",
    "PNG": "image/png",
    "WEBP": "image/webp",
    "GIF": "image/gif",
    "TIFF": "image/tiff",
}


def _ongeldig(melding: str, veld: str, reden: str | None = None) -> OngeldigeInvoer:
    return OngeldigeInvoer(melding, {veld: reden or melding})


def _momentopname(obj) -> dict:
    return audit.momentopname(obj)


# --- risk models and features ---------------------------------------------------------------------------------


@transaction.atomic
def risicomodel_vastleggen(
    *, actor: Actor, regio: Organisatie | None, definitie: dict, geldig_vanaf: date | None = None
) -> Risicomodelversie:
    """Store a new version of a region's risk model after `regels.risico.model_uit_dict` accepted it.

    An inconsistent model (weights not summing to 1, overlapping or gapped classes, IED frequencies beyond the
    directive, …) is refused with the rule's own reason. `regio` None (a national model) only from the CLI.
    """
    if regio is None:
        if not (actor.gebruiker_id is None and actor.gebruikersnaam):
            raise GeenToestemming("Een landelijk risicomodel wordt alleen vanaf de opdrachtregel vastgelegd.")
    else:
        toegang.vereis_rol(actor, PLANNERS, scope="schrijven")
        if actor.organisatie != regio:
            raise GeenToestemming(f"Alleen {regio.naam} zelf legt haar risicomodel vast.")
    try:
        model = risico.model_uit_dict(definitie)
    except risico.OngeldigModel as fout:
        raise _ongeldig(str(fout), "definitie") from None
    if Risicomodelversie.objects.filter(regio=regio, versie=model.versie).exists():
        raise _ongeldig(f"Versie '{model.versie}' bestaat al voor deze regio; kies een nieuw versienummer.", "versie")
    ingang = geldig_vanaf or model.geldig_vanaf or selectors._vandaag()
    versie = Risicomodelversie.objects.create(
        regio=regio,
        versie=model.versie,
        definitie=definitie,
        geldig_vanaf=ingang,
        aangemaakt_door_id=actor.gebruiker_id or _systeemgebruiker().pk,
    )
    audit.schrijf(actor=actor, actie="risicomodel.vastgelegd", object=versie, na=_momentopname(versie))
    return versie


def _systeemgebruiker():
    """The account that owns records made by operator commands (audited under the command's name)."""
    gebruiker, _ = get_user_model().objects.get_or_create(
        username="openvth-systeem", defaults={"is_active": False, "first_name": "OpenVTH (systeem)"}
    )
    return gebruiker


@transaction.atomic
def risicokenmerk_vastleggen(
    *,
    actor: Actor,
    vth_object: VthObject,
    bron: str,
    geldig_vanaf: date | None = None,
    emissieklasse: int | None = None,
    ongevalsrisico: int | None = None,
    zzs: bool | None = None,
    certificering: str = "",
    woningen_250m: int | None = None,
) -> Risicokenmerk:
    """Record measured risk features of an object (empty = unknown); supersedes earlier ones from `geldig_vanaf`."""
    toegang.vereis_schrijven(actor, vth_object, (*TOEZICHTHOUDERS, *PLANNERS))
    fouten = {}
    for naam, waarde in (("emissieklasse", emissieklasse), ("ongevalsrisico", ongevalsrisico)):
        if waarde is not None and waarde not in (0, 1, 2, 3):
            fouten[naam] = "0, 1, 2 of 3"
    if certificering and certificering not in Certificering.values:
        fouten["certificering"] = f"kies uit {', '.join(Certificering.values)}"
    if woningen_250m is not None and woningen_250m < 0:
        fouten["woningen250m"] = "niet negatief"
    if not bron.strip():
        fouten["bron"] = "noem de bron (meting, BAG-telling, vergunning, …)"
    if fouten:
        raise OngeldigeInvoer("De risicokenmerken zijn ongeldig.", fouten)
    kenmerk = Risicokenmerk.objects.create(
        vth_object=vth_object,
        emissieklasse=emissieklasse,
        ongevalsrisico=ongevalsrisico,
        zzs=zzs,
        certificering=certificering,
        woningen_250m=woningen_250m,
        bron=bron.strip(),
        geldig_vanaf=geldig_vanaf or selectors._vandaag(),
        vastgelegd_door_id=actor.gebruiker_id,
    )
    audit.schrijf(actor=actor, actie="risicokenmerk.vastgelegd", object=kenmerk, na=_momentopname(kenmerk))
    return kenmerk


# --- controles ------------------------------------------------------------------------------------------------


def _is_ied(vth_object_id: int, dag: date) -> bool:
    from .risicoanalyse import ied_objecten

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
        raise _ongeldig("Een hercontrole plant u vanuit de overtreding (hercontrole_plannen).", "reden")
    fouten: dict[str, str] = {}
    if reden not in Reden.values:
        fouten["reden"] = f"kies uit {', '.join(Reden.values)}"
    if controletype not in Controletype.values:
        fouten["controletype"] = "onbekend controletype (CIM-lijst Controletype)"
    if vertrouwelijkheid not in V.values:
        fouten["vertrouwelijkheid"] = "onbekend niveau"
    if reden == Reden.PROGRAMMA and programmataak is None:
        fouten["programmataak"] = "een controle uit het programma hoort bij een programmataak"
    if programmataak is not None and reden != Reden.PROGRAMMA:
        fouten["reden"] = "een controle bij een programmataak heeft reden 'programma'"
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
            fouten["geplandOp"] = f"valt buiten de ketenactie ({ketenactie.van:%d-%m-%Y} – {ketenactie.tot:%d-%m-%Y})"
    if fouten:
        raise OngeldigeInvoer("De controle kan zo niet worden gepland.", fouten)
    bevoegd_gezag_id = activiteituitvoering.bevoegd_gezag_id if activiteituitvoering else vth_object.bevoegd_gezag_id
    uitvoerder_id = activiteituitvoering.toezichtinstantie_id if activiteituitvoering else vth_object.uitvoerder_id
    if not toegang.mag_zien(actor, vth_object) or (
        activiteituitvoering is not None and not toegang.mag_zien(actor, activiteituitvoering)
    ):
        raise toegang.NietGevonden()
    toegang.vereis_namens(
        actor,
        bevoegd_gezag_id=bevoegd_gezag_id,
        uitvoerder_id=uitvoerder_id,
        rollen=CONTROLEPLANNERS,
        vertrouwelijkheid=vertrouwelijkheid,
    )
    if ketenactie is not None and not selectors.keten_list(actor=actor).filter(pk=ketenactie.keten_id).exists():
        raise toegang.NietGevonden()
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
    audit.schrijf(actor=actor, actie="controle.gepland", object=controle, na=_momentopname(controle))
    return controle


def controletype_voor(inspectietype: str) -> str:
    """The CIM controletype of a programme task's inspection type (norm-hour key); periodic when not a CIM name."""
    return inspectietype if inspectietype in Controletype.values else Controletype.PERIODIEK


@transaction.atomic
def controle_plannen_uit_taak(
    *, actor: Actor, taak: Programmataak, gepland_op: date | None = None, aangekondigd: bool = False
) -> Controle:
    """A controle for a programme task, on the first day of its month unless a date is given."""
    datum = gepland_op or date(taak.programma.jaar, taak.maand, 1)
    return controle_plannen(
        actor=actor,
        vth_object=taak.vth_object,
        gepland_op=datum,
        reden=Reden.PROGRAMMA,
        controletype=controletype_voor(taak.inspectietype),
        aangekondigd=aangekondigd,
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
        raise _ongeldig("Deze overtreding is niet meer open; een hercontrole heeft geen zin.", "overtreding")
    motivering = "datum opgegeven door de planner"
    ied = ied_vervolgbezoek_uiterlijk(overtreding)
    if gepland_op is None:
        berekend = hercontroledatum(overtreding)
        if berekend is None or (ied is not None and ied.datum < berekend.datum):
            berekend = ied
        if berekend is None:
            raise _ongeldig(
                "Geen waarschuwing of begunstigingstermijn met een einddatum bekend; geef de datum van de hercontrole.",
                "geplandOp",
                "verplicht: geen termijn om van uit te gaan",
            )
        gepland_op, motivering = berekend.datum, berekend.motivering
    elif ied is not None and gepland_op > ied.datum:
        raise _ongeldig(f"Te laat gepland: {ied.motivering}.", "geplandOp")
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
    audit.schrijf(actor=actor, actie="controle.hercontrole_gepland", object=controle, na=_momentopname(controle))
    return controle


@dataclass(frozen=True)
class Toewijzing:
    controle: Controle
    waarschuwing: str  # rotation warning shown to the planner; empty when none


def _lid_met_rol(gebruiker_id: int, organisaties: set[int], rol: str) -> bool:
    return any(
        rol in lid.rollen
        for lid in Lidmaatschap.objects.geldig_op(selectors._vandaag()).filter(
            gebruiker_id=gebruiker_id, organisatie_id__in=organisaties
        )
    )


@transaction.atomic
def toezichthouder_toewijzen(*, actor: Actor, controle: Controle, toezichthouder_id: int) -> Toewijzing:
    """Assign the inspector: refused for whoever prepared a permit for the object; warns on lack of rotation."""
    toegang.vereis_schrijven(actor, controle, CONTROLEPLANNERS)
    controle = Controle.objects.select_for_update().get(pk=controle.pk)
    if controle.status != ControleStatus.GEPLAND:
        raise _ongeldig("Alleen een geplande controle krijgt een (andere) toezichthouder.", "status")
    if not _lid_met_rol(toezichthouder_id, {controle.uitvoerder_id, controle.bevoegd_gezag_id}, Rol.TOEZICHTHOUDER):
        raise _ongeldig(
            "Deze persoon is geen toezichthouder bij het bevoegd gezag of de uitvoerder van de controle.",
            "toezichthouder",
        )
    reden = selectors.scheiding_van_functies(controle.vth_object, toezichthouder_id)
    if reden:
        raise _ongeldig(reden, "toezichthouder")
    waarschuwing = selectors.rotatiewaarschuwing(controle.vth_object, toezichthouder_id, behalve=controle.pk)
    voor = _momentopname(controle)
    controle.toezichthouder_id = toezichthouder_id
    controle.save(update_fields=["toezichthouder"])
    na = _momentopname(controle) | ({"rotatiewaarschuwing": waarschuwing} if waarschuwing else {})
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
        raise _ongeldig("Het aantal uren is geen getal.", "urenBesteed") from None
    if not Decimal(0) <= uren <= Decimal(999):
        raise _ongeldig("Het aantal uren ligt tussen 0 en 999.", "urenBesteed")
    return uren


@transaction.atomic
def controle_uitvoeren(*, actor: Actor, controle: Controle, uitgevoerd_op: date, uren_besteed) -> Controle:
    """Record that the visit took place; for an IED installation the report deadlines start here."""
    toegang.vereis_schrijven(actor, controle, (*TOEZICHTHOUDERS, *PLANNERS))
    controle = Controle.objects.select_for_update().get(pk=controle.pk)
    if controle.status != ControleStatus.GEPLAND:
        raise _ongeldig(f"De controle is al {controle.get_status_display()}.", "status")
    if controle.toezichthouder_id is None:
        raise _ongeldig("Wijs eerst een toezichthouder toe.", "toezichthouder")
    if uitgevoerd_op > selectors._vandaag():
        raise _ongeldig("De uitvoeringsdatum ligt in de toekomst.", "uitgevoerdOp")
    uren = _uren(uren_besteed)
    voor = _momentopname(controle)
    controle.status = ControleStatus.UITGEVOERD
    controle.uitgevoerd_op = uitgevoerd_op
    controle.uren_besteed = uren
    controle.ied = controle.ied or _is_ied(controle.vth_object_id, uitgevoerd_op)
    if controle.ied:
        controle.rapport_uiterlijk_op, controle.openbaar_uiterlijk_op = ied_deadlines(uitgevoerd_op)
    controle.save()
    audit.schrijf(actor=actor, actie="controle.uitgevoerd", object=controle, voor=voor, na=_momentopname(controle))
    return controle


@transaction.atomic
def controle_afronden(*, actor: Actor, controle: Controle) -> Controle:
    """Close a carried-out controle; its overall result is derived from its findings, so it needs at least one."""
    toegang.vereis_schrijven(actor, controle, (*TOEZICHTHOUDERS, *PLANNERS))
    controle = Controle.objects.select_for_update().get(pk=controle.pk)
    if controle.status != ControleStatus.UITGEVOERD:
        raise _ongeldig("Alleen een uitgevoerde controle kan worden afgerond.", "status")
    if not controle.bevindingen.exists():
        raise _ongeldig("Leg eerst minstens één bevinding vast.", "bevindingen")
    voor = _momentopname(controle)
    controle.status = ControleStatus.AFGEROND
    controle.save(update_fields=["status"])
    audit.schrijf(actor=actor, actie="controle.afgerond", object=controle, voor=voor, na=_momentopname(controle))
    return controle


@transaction.atomic
def controle_laten_vervallen(*, actor: Actor, controle: Controle, reden: str) -> Controle:
    toegang.vereis_schrijven(actor, controle, CONTROLEPLANNERS)
    controle = Controle.objects.select_for_update().get(pk=controle.pk)
    if controle.status != ControleStatus.GEPLAND:
        raise _ongeldig("Alleen een geplande controle kan vervallen.", "status")
    if not reden.strip():
        raise _ongeldig("Geef de reden waarom de controle vervalt.", "reden")
    voor = _momentopname(controle)
    controle.status = ControleStatus.VERVALLEN
    controle.toelichting = f"{controle.toelichting}\nVervallen: {reden.strip()}".strip()
    controle.save(update_fields=["status", "toelichting"])
    audit.schrijf(actor=actor, actie="controle.vervallen", object=controle, voor=voor, na=_momentopname(controle))
    return controle


def _rapportdatum(controle: Controle, op: date, veld: str) -> None:
    if controle.uitgevoerd_op is None:
        raise _ongeldig("De controle is nog niet uitgevoerd.", veld)
    if op < controle.uitgevoerd_op:
        raise _ongeldig("Deze datum ligt vóór de controle.", veld)
    if op > selectors._vandaag():
        raise _ongeldig("Deze datum ligt in de toekomst.", veld)


@transaction.atomic
def rapport_verzonden(*, actor: Actor, controle: Controle, op: date) -> Controle:
    """The report went to the operator on `op` (tracked against the IED deadline when it applies)."""
    toegang.vereis_schrijven(actor, controle, (*TOEZICHTHOUDERS, *PLANNERS))
    controle = Controle.objects.select_for_update().get(pk=controle.pk)
    _rapportdatum(controle, op, "rapportVerzondenOp")
    voor = _momentopname(controle)
    controle.rapport_verzonden_op = op
    controle.save(update_fields=["rapport_verzonden_op"])
    audit.schrijf(
        actor=actor, actie="controle.rapport_verzonden", object=controle, voor=voor, na=_momentopname(controle)
    )
    return controle


@transaction.atomic
def rapport_openbaar_gemaakt(*, actor: Actor, controle: Controle, op: date) -> Controle:
    toegang.vereis_schrijven(actor, controle, (*TOEZICHTHOUDERS, *PLANNERS))
    controle = Controle.objects.select_for_update().get(pk=controle.pk)
    _rapportdatum(controle, op, "openbaarGemaaktOp")
    voor = _momentopname(controle)
    controle.openbaar_gemaakt_op = op
    controle.save(update_fields=["openbaar_gemaakt_op"])
    audit.schrijf(
        actor=actor, actie="controle.rapport_openbaar", object=controle, voor=voor, na=_momentopname(controle)
    )
    return controle


# --- findings -------------------------------------------------------------------------------------------------


def _oordeel(gedrag: str, gevolg: str) -> tuple[str, str]:
    """Validate a Bevindingoordeel: both axes or neither; letters are behaviour, digits consequence (LHSO)."""
    gedrag, gevolg = (gedrag or "").strip().upper(), (gevolg or "").strip()
    if not gedrag and not gevolg:
        return "", ""
    if gedrag in GEVOLG and gevolg.upper() in GEDRAG:
        raise OngeldigeInvoer(
            "Gedrag en gevolg zijn verwisseld: gedrag is een letter A–D, gevolg een cijfer 1–4 (LHSO).",
            {"gedrag": "letter A–D, niet een cijfer", "gevolg": "cijfer 1–4, niet een letter"},
        )
    fouten = {}
    if gedrag not in GEDRAG:
        fouten["gedrag"] = "letter A–D (goedwillend, onverschillig, calculerend, notoir/crimineel)"
    if gevolg not in GEVOLG:
        fouten["gevolg"] = "cijfer 1–4 (vrijwel nihil, beperkt, van belang, aanzienlijk/onomkeerbaar)"
    if fouten:
        raise OngeldigeInvoer("Het bevindingoordeel (LHSO) is ongeldig.", fouten)
    return gedrag, gevolg


def _open_overtreding(actor: Actor, controle: Controle, voorschrift: str):
    """An open violation of the same object, authority and rule that the actor may see (to join), or None."""
    from openvth.handhaving.selectors import overtreding_list

    return (
        overtreding_list(actor=actor)
        .filter(
            vth_object_id=controle.vth_object_id,
            bevoegd_gezag_id=controle.bevoegd_gezag_id,
            voorschrift__iexact=voorschrift,
            status__in=OPEN_OVERTREDING,
        )
        .order_by("geconstateerd_op", "id")
        .first()
    )


@transaction.atomic
def bevinding_vastleggen(
    *,
    actor: Actor,
    controle: Controle,
    resultaat: str,
    omschrijving: str = "",
    voorschrift: str = "",
    aandachtspunt: Controleaandachtspunt | None = None,
    gedrag: str = "",
    gevolg: str = "",
) -> Bevinding:
    """Record one finding; "niet akkoord" creates a violation or joins the open one for the same rule.

    Refused: no or unknown result; a Bevindingoordeel on a compliant finding; swapped or invalid axes; a
    violation without the rule broken (Awb 5:9) or without description. Nothing is stored when refused.
    """
    toegang.vereis_schrijven(actor, controle, TOEZICHTHOUDERS)
    controle = Controle.objects.select_for_update().get(pk=controle.pk)
    if controle.status not in (ControleStatus.GEPLAND, ControleStatus.UITGEVOERD):
        raise _ongeldig(f"Bij een {controle.get_status_display()} controle komen geen bevindingen meer.", "status")
    if not resultaat:
        raise _ongeldig("Een bevinding heeft een resultaat (CIM Resultaat bevinding).", "resultaat", "verplicht")
    if resultaat not in ResultaatBevinding.values:
        raise _ongeldig(f"Onbekend resultaat; kies uit {', '.join(ResultaatBevinding.values)}.", "resultaat")
    gedrag, gevolg = _oordeel(gedrag, gevolg)
    overtreden = resultaat == ResultaatBevinding.OVERTREDEN
    if (gedrag or gevolg) and not overtreden:
        raise _ongeldig(
            "Een bevindingoordeel (gedrag/gevolg) hoort alleen bij 'niet akkoord, voorschriften overtreden'.",
            "gedrag",
        )
    if aandachtspunt is not None:
        voorschrift = voorschrift.strip() or aandachtspunt.voorschrift
    if overtreden:
        fouten = {}
        if not voorschrift.strip():
            fouten["voorschrift"] = "noem het overtreden voorschrift (Awb 5:9)"
        if not omschrijving.strip():
            fouten["omschrijving"] = "beschrijf wat is aangetroffen"
        if fouten:
            raise OngeldigeInvoer("Een overtreding vraagt om voorschrift en omschrijving.", fouten)
    volgnummer = (controle.bevindingen.aggregate(m=Max("volgnummer"))["m"] or 0) + 1
    bevinding = Bevinding(
        controle=controle,
        volgnummer=volgnummer,
        aandachtspunt=aandachtspunt,
        resultaat=resultaat,
        omschrijving=omschrijving.strip(),
        voorschrift=voorschrift.strip(),
        gedrag=gedrag,
        gevolg=gevolg,
        vastgelegd_door_id=actor.gebruiker_id,
    )
    samengevoegd = False
    if overtreden:
        bestaand = _open_overtreding(actor, controle, bevinding.voorschrift)
        if bestaand is not None:
            bevinding.overtreding, samengevoegd = bestaand, True
        else:
            from openvth.handhaving import services as handhaving

            bevinding.overtreding = handhaving.overtreding_create(
                actor,
                vth_object=controle.vth_object,
                activiteituitvoering=controle.activiteituitvoering,
                herkomst="bevinding",
                herkomst_referentie=str(bevinding.uuid),
                omschrijving=bevinding.omschrijving,
                voorschrift=bevinding.voorschrift,
                geconstateerd_op=controle.uitgevoerd_op or selectors._vandaag(),
                gedrag=gedrag or None,
                gevolg=gevolg or None,
                vertrouwelijkheid=V.INTERN if controle.vertrouwelijkheid == V.OPENBAAR else controle.vertrouwelijkheid,
            )
    bevinding.save()
    na = _momentopname(bevinding) | (
        {"overtreding": str(bevinding.overtreding.uuid), "samengevoegd": samengevoegd} if overtreden else {}
    )
    audit.schrijf(actor=actor, actie="bevinding.vastgelegd", object=bevinding, na=na)
    return bevinding


# --- attachments ----------------------------------------------------------------------------------------------


def bijlage_max_bytes() -> int:
    return settings.OPENVTH_BIJLAGE_MAX_MB * 1024 * 1024


def herken_bestand(inhoud: bytes) -> tuple[str, str] | None:
    """(kind, media type) from the content itself — never the name: ('foto', image/…) or ('document', PDF)."""
    if inhoud.startswith(b"%PDF-"):
        return "document", "application/pdf"
    from PIL import Image, UnidentifiedImageError

    try:
        with Image.open(io.BytesIO(inhoud)) as beeld:
            formaat = beeld.format
            beeld.verify()  # reads the whole structure: a truncated or forged file fails here
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError, Image.DecompressionBombError):
        return None
    if formaat not in AFBEELDINGSFORMATEN:
        return None
    return "foto", AFBEELDINGSFORMATEN[formaat]


@transaction.atomic
def bijlage_toevoegen(
    *,
    actor: Actor,
    controle: Controle,
    naam: str,
    inhoud: bytes,
    soort: str = "foto",
    bevinding: Bevinding | None = None,
) -> Bijlage:
    """Attach a photo (any image Pillow can verify) or a document (PDF) to a controle or one of its findings.

    The type comes from the content (Pillow / the PDF signature), not from the file name or the client's
    media type; a 'foto' that is not an image is refused. Stored under the data folder's media with its SHA-256.
    """
    toegang.vereis_schrijven(actor, controle, TOEZICHTHOUDERS)
    if soort not in ("foto", "document"):
        raise _ongeldig("Kies 'foto' of 'document'.", "soort")
    if bevinding is not None and bevinding.controle_id != controle.pk:
        raise _ongeldig("Deze bevinding hoort niet bij deze controle.", "bevinding")
    if controle.status in (ControleStatus.AFGEROND, ControleStatus.VERVALLEN):
        raise _ongeldig(f"Bij een {controle.get_status_display()} controle komen geen bijlagen meer.", "status")
    if not inhoud:
        raise _ongeldig("Het bestand is leeg.", "bestand")
    if len(inhoud) > bijlage_max_bytes():
        raise _ongeldig(f"Het bestand is groter dan {bijlage_max_bytes() // (1024 * 1024)} MB.", "bestand")
    herkend = herken_bestand(inhoud)
    if soort == "foto" and (herkend is None or herkend[0] != "foto"):
        raise _ongeldig("Dit bestand is geen afbeelding (JPEG, PNG, WebP, GIF of TIFF).", "bestand")
    if soort == "document" and (herkend is None or herkend[0] != "document"):
        raise _ongeldig("Een document is een PDF-bestand.", "bestand")
    schone_naam = (naam or "").replace("/", "_").replace("\\", "_").strip()[:200] or "bijlage"
    bijlage = Bijlage(
        controle=controle,
        bevinding=bevinding,
        naam=schone_naam,
        mediatype=herkend[1],
        grootte=len(inhoud),
        sha256=hashlib.sha256(inhoud).hexdigest(),
        toegevoegd_door_id=actor.gebruiker_id,
    )
    bijlage.bestand.save(f"{bijlage.uuid}", ContentFile(inhoud), save=False)
    try:
        bijlage.save()
        audit.schrijf(actor=actor, actie="bijlage.toegevoegd", object=bijlage, na=_momentopname(bijlage))
    except Exception:
        bijlage.bestand.delete(save=False)  # no file without its record
        raise
    return bijlage


# --- checklists (functional administrators) --------------------------------------------------------------------


def _catalogus_code(code: str) -> str:
    code = (code or "").strip()
    if not Activiteit.objects.filter(code=code).exists():
        raise _ongeldig(f"'{code}' is geen activiteitcode uit de catalogus.", "activiteitcode")
    return code


@transaction.atomic
def controleonderwerp_maken(
    *, actor: Actor, activiteitcode: str, naam: str, volgorde: int = 0, geldig_vanaf: date | None = None
) -> Controleonderwerp:
    toegang.vereis_rol(actor, BEHEERDERS, scope="schrijven")
    code = _catalogus_code(activiteitcode)
    if not naam.strip():
        raise _ongeldig("Geef het onderwerp een naam.", "naam")
    onderwerp = Controleonderwerp.objects.create(
        activiteitcode=code,
        naam=naam.strip()[:200],
        volgorde=volgorde,
        geldig_vanaf=geldig_vanaf or selectors._vandaag(),
    )
    audit.schrijf(actor=actor, actie="controleonderwerp.aangemaakt", object=onderwerp, na=_momentopname(onderwerp))
    return onderwerp


@transaction.atomic
def controleonderwerp_wijzigen(
    *,
    actor: Actor,
    onderwerp: Controleonderwerp,
    naam: str | None = None,
    volgorde: int | None = None,
    geldig_tot: date | None = None,
) -> Controleonderwerp:
    """Rename, reorder or end a topic (ending keeps it for the findings that used it)."""
    toegang.vereis_rol(actor, BEHEERDERS, scope="schrijven")
    voor = _momentopname(onderwerp)
    if naam is not None:
        if not naam.strip():
            raise _ongeldig("Geef het onderwerp een naam.", "naam")
        onderwerp.naam = naam.strip()[:200]
    if volgorde is not None:
        onderwerp.volgorde = volgorde
    if geldig_tot is not None:
        if geldig_tot <= onderwerp.geldig_vanaf:
            raise _ongeldig("De einddatum ligt na de begindatum.", "geldigTot")
        onderwerp.geldig_tot = geldig_tot
    onderwerp.save()
    audit.schrijf(
        actor=actor, actie="controleonderwerp.gewijzigd", object=onderwerp, voor=voor, na=_momentopname(onderwerp)
    )
    return onderwerp


@transaction.atomic
def aandachtspunt_maken(
    *, actor: Actor, onderwerp: Controleonderwerp, tekst: str, voorschrift: str = "", volgorde: int = 0
) -> Controleaandachtspunt:
    toegang.vereis_rol(actor, BEHEERDERS, scope="schrijven")
    if not tekst.strip():
        raise _ongeldig("Beschrijf wat er gecontroleerd wordt.", "tekst")
    punt = Controleaandachtspunt.objects.create(
        onderwerp=onderwerp, tekst=tekst.strip()[:500], voorschrift=voorschrift.strip()[:300], volgorde=volgorde
    )
    audit.schrijf(actor=actor, actie="controleaandachtspunt.aangemaakt", object=punt, na=_momentopname(punt))
    return punt


@transaction.atomic
def aandachtspunt_wijzigen(
    *,
    actor: Actor,
    punt: Controleaandachtspunt,
    tekst: str | None = None,
    voorschrift: str | None = None,
    volgorde: int | None = None,
) -> Controleaandachtspunt:
    toegang.vereis_rol(actor, BEHEERDERS, scope="schrijven")
    voor = _momentopname(punt)
    if tekst is not None:
        if not tekst.strip():
            raise _ongeldig("Beschrijf wat er gecontroleerd wordt.", "tekst")
        punt.tekst = tekst.strip()[:500]
    if voorschrift is not None:
        punt.voorschrift = voorschrift.strip()[:300]
    if volgorde is not None:
        punt.volgorde = volgorde
    punt.save()
    audit.schrijf(actor=actor, actie="controleaandachtspunt.gewijzigd", object=punt, voor=voor, na=_momentopname(punt))
    return punt


# --- separation of functions ----------------------------------------------------------------------------------


@transaction.atomic
def vergunningbehandelaar_vastleggen(
    *, actor: Actor, vth_object: VthObject, gebruiker_id: int, kenmerk: str, datum: date
) -> Vergunningbehandelaar:
    """Record who prepared a permit for an object, so that person is not assigned to inspect it."""
    toegang.vereis_schrijven(actor, vth_object, (Rol.VERGUNNINGVERLENER, Rol.MANAGER, Rol.FUNCTIONEEL_BEHEERDER))
    if not kenmerk.strip():
        raise _ongeldig("Noem het kenmerk van de vergunning of aanvraag.", "kenmerk")
    if not get_user_model().objects.filter(pk=gebruiker_id).exists():
        raise _ongeldig("Onbekende medewerker.", "gebruiker")
    behandelaar, nieuw = Vergunningbehandelaar.objects.get_or_create(
        vth_object=vth_object, gebruiker_id=gebruiker_id, kenmerk=kenmerk.strip(), defaults={"datum": datum}
    )
    if nieuw:
        audit.schrijf(
            actor=actor, actie="vergunningbehandelaar.vastgelegd", object=behandelaar, na=_momentopname(behandelaar)
        )
    return behandelaar


# --- chains ---------------------------------------------------------------------------------------------------


def _schakel_fouten(keten: Keten | None, objecten: list[VthObject]) -> dict[str, str]:
    gezien: set[int] = set()
    for obj in objecten:
        if obj.pk in gezien:
            return {"vthObject": f"'{obj.naam}' staat twee keer in de keten; een object is één schakel."}
        gezien.add(obj.pk)
    if keten is not None:
        dubbel = keten.schakels.filter(vth_object__in=objecten).select_related("vth_object").first()
        if dubbel is not None:
            return {"vthObject": f"'{dubbel.vth_object.naam}' staat al in deze keten; een object is één schakel."}
    return {}


@transaction.atomic
def keten_maken(
    *,
    actor: Actor,
    naam: str,
    stroom: str = "",
    omschrijving: str = "",
    schakels: list[tuple[VthObject, str]] | None = None,
) -> Keten:
    """A chain managed by the actor's organisation, optionally with its links in order (all or nothing)."""
    toegang.vereis_rol(actor, KETENBEHEERDERS, scope="schrijven")
    if actor.organisatie is None:
        raise GeenToestemming("Een keten wordt beheerd door een organisatie.")
    if not naam.strip():
        raise _ongeldig("Geef de keten een naam.", "naam")
    schakels = schakels or []
    if fouten := _schakel_fouten(None, [o for o, _ in schakels]):
        raise OngeldigeInvoer("De keten kan zo niet worden vastgelegd.", fouten)
    keten = Keten.objects.create(
        naam=naam.strip()[:200],
        stroom=stroom.strip()[:200],
        beheerder=actor.organisatie,
        omschrijving=omschrijving.strip(),
    )
    audit.schrijf(actor=actor, actie="keten.aangemaakt", object=keten, na=_momentopname(keten))
    for obj, rol in schakels:
        ketenschakel_toevoegen(actor=actor, keten=keten, vth_object=obj, rol=rol)
    return keten


@transaction.atomic
def ketenschakel_toevoegen(
    *, actor: Actor, keten: Keten, vth_object: VthObject, rol: str, volgorde: int | None = None
) -> Ketenschakel:
    """Add a link; an object already in the chain is refused (and the database constraint backs that up)."""
    toegang.vereis_rol(actor, KETENBEHEERDERS, scope="schrijven")
    if actor.organisatie is None or keten.beheerder_id != actor.organisatie.pk:
        raise GeenToestemming("Alleen de beheerder van de keten voegt schakels toe.")
    if not toegang.mag_zien(actor, vth_object):
        raise toegang.NietGevonden()
    if rol not in Ketenschakel.Rol.values:
        raise _ongeldig(f"Kies een rol uit {', '.join(Ketenschakel.Rol.values)}.", "rol")
    if fouten := _schakel_fouten(keten, [vth_object]):
        raise OngeldigeInvoer("Deze schakel kan niet worden toegevoegd.", fouten)
    if volgorde is None:
        volgorde = (keten.schakels.aggregate(m=Max("volgorde"))["m"] or 0) + 1
    try:
        with transaction.atomic():
            schakel = Ketenschakel.objects.create(keten=keten, vth_object=vth_object, rol=rol, volgorde=volgorde)
    except IntegrityError:
        raise _ongeldig(f"'{vth_object.naam}' staat al in deze keten.", "vthObject") from None
    audit.schrijf(actor=actor, actie="ketenschakel.toegevoegd", object=schakel, na=_momentopname(schakel))
    return schakel


@transaction.atomic
def ketenactie_maken(*, actor: Actor, keten: Keten, naam: str, van: date, tot: date) -> Ketenactie:
    toegang.vereis_rol(actor, KETENBEHEERDERS, scope="schrijven")
    if actor.organisatie is None or keten.beheerder_id != actor.organisatie.pk:
        raise GeenToestemming("Alleen de beheerder van de keten plant ketenacties.")
    if not naam.strip():
        raise _ongeldig("Geef de actie een naam.", "naam")
    if tot < van:
        raise _ongeldig("De actie eindigt vóór ze begint.", "tot")
    actie = Ketenactie.objects.create(keten=keten, naam=naam.strip()[:200], van=van, tot=tot)
    audit.schrijf(actor=actor, actie="ketenactie.aangemaakt", object=actie, na=_momentopname(actie))
    return actie


def ketendeling_afspreken(
    *, actor: Actor, keten: Keten, ontvanger: Organisatie, grondslag: str, plafond: str = V.INTERN
):
    """The actor's organisation lets a partner in the chain read its findings (a Deelafspraak for
    `toezicht.bevinding`, made by `organisaties.services.deelafspraak_create`, which checks and audits it)."""
    from openvth.organisaties.services import deelafspraak_create

    partners = {p.organisatie.pk for p in selectors.ketenpartners(actor=actor, keten=keten)}
    if actor.organisatie is None or actor.organisatie.pk not in partners:
        raise GeenToestemming("Alleen een partner in de keten deelt zijn bevindingen met de keten.")
    if ontvanger.pk not in partners:
        raise _ongeldig(f"{ontvanger.naam} is geen partner in deze keten.", "ontvanger")
    return deelafspraak_create(
        actor=actor,
        ontvanger=ontvanger,
        verstrekker=actor.organisatie,
        recordsoort="toezicht.bevinding",
        grondslag=grondslag,
        plafond=plafond,
    )


# The risk analysis run and the programme live in their own modules; one entry point for callers.
from .programma import (  # noqa: E402
    programma_genereren,
    programma_vaststellen,
    programmataak_toevoegen,
    programmataak_verschuiven,
    programmataak_vervallen,
)
from .risicoanalyse import risicoanalyse_uitvoeren  # noqa: E402

__all__ = [
    "aandachtspunt_maken",
    "aandachtspunt_wijzigen",
    "bevinding_vastleggen",
    "bijlage_toevoegen",
    "controle_afronden",
    "controle_laten_vervallen",
    "controle_plannen",
    "controle_plannen_uit_taak",
    "controle_uitvoeren",
    "controleonderwerp_maken",
    "controleonderwerp_wijzigen",
    "hercontrole_plannen",
    "keten_maken",
    "ketenactie_maken",
    "ketendeling_afspreken",
    "ketenschakel_toevoegen",
    "programma_genereren",
    "programma_vaststellen",
    "programmataak_toevoegen",
    "programmataak_verschuiven",
    "programmataak_vervallen",
    "rapport_openbaar_gemaakt",
    "rapport_verzonden",
    "risicoanalyse_uitvoeren",
    "risicokenmerk_vastleggen",
    "risicomodel_vastleggen",
    "toezichthouder_toewijzen",
    "vergunningbehandelaar_vastleggen",
]
