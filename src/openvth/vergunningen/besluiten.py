"""Decisions on requests (CIM BESLUIT) and what they do to the register: drafting with conditions, four-eyes
approval, laying a draft open for views, making a decision known, and the register update in the same transaction.

A decision grants, changes, revises, refuses or withdraws a TOESTEMMING. Made known (`bekendmaken`), it gets its
objection period (Awb 6:7, 6:8) and its entry into force (Ow art. 16.79 lid 1), the permission and its conditions
apply from that day, and the register gets a new version of each activity execution concerned, with the decision
as its legitimatie and that day as its start. Everything happens in the transaction of the step that made it
known (`stappen.stap_zetten`): a register write that is refused refuses the decision.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from django.db import transaction
from django.utils import timezone

from openvth.audit import services as audit
from openvth.handhaving.bewakers import kalender
from openvth.organisaties import toegang
from openvth.organisaties.fouten import GeenToestemming, OngeldigeInvoer
from openvth.organisaties.models import Persoonsmandaat, Rol, Vertrouwelijkheid
from openvth.organisaties.toegang import Actor
from openvth.regels import termijnen
from openvth.register import services as register_services
from openvth.register.models import Activiteit, Activiteituitvoering, Kwalificatie, SoortBetrokkene, Status, VthObject

from . import procedure
from .models import (
    Aanvraagsoort,
    Besluit,
    Besluitsoort,
    Besluitstatus,
    Procedure,
    Toestemming,
    Toestemmingstatus,
    Verzoek,
    Verzoeksoort,
    Voorschrift,
)

OPSTELLERS = (Rol.VERGUNNINGVERLENER,)
GOEDKEURDERS = (Rol.VERGUNNINGVERLENER, Rol.MANAGER)
GEVOLGDE_VELDEN = ("soort", "ontwerp", "status", "kenmerk", "goedgekeurd_door", "bekendgemaakt_op", "in_werking_op")
_DAG = timedelta(days=1)
MAX_VOORSCHRIFTEN = 500


@dataclass(frozen=True)
class Voorschriftopgave:
    nummer: str
    tekst: str
    activiteit: str = ""


def _open_besluit(verzoek: Verzoek, ontwerp: bool) -> Besluit | None:
    return (
        verzoek.besluiten.filter(ontwerp=ontwerp, status__in=(Besluitstatus.CONCEPT, Besluitstatus.GOEDGEKEURD))
        .order_by("-id")
        .first()
    )


def _voorschriften_controleren(verzoek: Verzoek, opgaven: list[Voorschriftopgave]) -> dict[str, Activiteit]:
    if len(opgaven) > MAX_VOORSCHRIFTEN:
        raise OngeldigeInvoer(velden={"voorschriften": f"ten hoogste {MAX_VOORSCHRIFTEN}"})
    codes = {va.activiteit.code: va.activiteit for va in verzoek.activiteiten.select_related("activiteit")}
    gezien: set[str] = set()
    fouten: dict[str, str] = {}
    activiteiten: dict[str, Activiteit] = {}
    for i, v in enumerate(opgaven):
        nummer, tekst = v.nummer.strip(), v.tekst.strip()
        if not nummer or len(nummer) > 20:
            fouten[f"voorschriften.{i}.nummer"] = "verplicht, ten hoogste 20 tekens"
        elif nummer in gezien:
            fouten[f"voorschriften.{i}.nummer"] = f"voorschrift {nummer} staat er al"
        gezien.add(nummer)
        if not tekst:
            fouten[f"voorschriften.{i}.tekst"] = "verplicht"
        if v.activiteit and v.activiteit not in codes:
            fouten[f"voorschriften.{i}.activiteit"] = f"geen activiteit van dit verzoek; kies uit {', '.join(codes)}"
        elif v.activiteit:
            activiteiten[v.activiteit] = codes[v.activiteit]
    if fouten:
        raise OngeldigeInvoer("Niet alle voorschriften zijn in orde.", fouten)
    return activiteiten


@transaction.atomic
def besluit_opstellen(
    *,
    actor: Actor,
    verzoek: Verzoek,
    soort: str,
    motivering: str,
    voorschriften: list[Voorschriftopgave] = (),  # type: ignore[assignment]
    ontwerp: bool = False,
    betreft_toestemming: Toestemming | None = None,
) -> Besluit:
    """Draft a decision (or the draft decision of the extended procedure) with its conditions. A new draft replaces
    an earlier one not yet made known (that one is kept, `vervallen`)."""
    verzoek = Verzoek.objects.select_for_update().get(pk=verzoek.pk)
    toegang.vereis_schrijven(actor, verzoek, OPSTELLERS)
    fouten: dict[str, str] = {}
    if verzoek.soort != Verzoeksoort.TOESTEMMINGSAANVRAAG:
        raise OngeldigeInvoer("Op een melding of informatie wordt niet besloten.", {"verzoek": "geen aanvraag"})
    if verzoek.status not in (procedure.OPEN - {"ontvangen"}):
        raise OngeldigeInvoer(
            f"Het verzoek is {verzoek.get_status_display()}: neem het eerst in behandeling of het is al afgerond.",
            {"verzoek": verzoek.status},
        )
    if soort not in Besluitsoort.values:
        fouten["soort"] = f"kies uit {', '.join(Besluitsoort.values)}"
    if not motivering.strip():
        fouten["motivering"] = "verplicht: een besluit berust op een deugdelijke motivering (Awb 3:46)"
    if ontwerp and verzoek.procedure != Procedure.UITGEBREID:
        fouten["ontwerp"] = "een ontwerpbesluit hoort bij de uitgebreide procedure (Awb afdeling 3.4)"
    if soort in (Besluitsoort.WIJZIGEN, Besluitsoort.REVISIE, Besluitsoort.INTREKKEN):
        if betreft_toestemming is None:
            fouten["betreft_toestemming"] = "welke toestemming dit besluit wijzigt of intrekt"
        elif (
            betreft_toestemming.status != Toestemmingstatus.VAN_KRACHT
            or betreft_toestemming.bevoegd_gezag_id != verzoek.bevoegd_gezag_id
        ):
            fouten["betreft_toestemming"] = "een toestemming van dit bevoegd gezag die van kracht is"
    elif betreft_toestemming is not None:
        fouten["betreft_toestemming"] = "alleen bij wijzigen, revisie of intrekken"
    if soort in (Besluitsoort.WEIGEREN, Besluitsoort.INTREKKEN) and voorschriften:
        fouten["voorschriften"] = "een weigering of intrekking heeft geen voorschriften"
    if fouten:
        raise OngeldigeInvoer("Het besluit is niet in orde.", fouten)
    activiteiten = _voorschriften_controleren(verzoek, list(voorschriften))
    if (oud := _open_besluit(verzoek, ontwerp)) is not None:
        oud.status = Besluitstatus.VERVALLEN
        oud.save(update_fields=["status"])
    volgnummer = verzoek.besluiten.count() + 1
    besluit = Besluit.objects.create(
        verzoek=verzoek,
        soort=soort,
        ontwerp=ontwerp,
        kenmerk=f"{verzoek.verzoeknummer}-{'O' if ontwerp else 'B'}{volgnummer:02d}",
        motivering=motivering.strip(),
        betreft_toestemming=betreft_toestemming,
        opgesteld_door_id=toegang.persoon(actor),
    )
    Voorschrift.objects.bulk_create(
        [
            Voorschrift(
                besluit=besluit,
                nummer=v.nummer.strip(),
                tekst=v.tekst.strip(),
                activiteit=activiteiten.get(v.activiteit),
            )
            for v in voorschriften
        ]
    )
    audit.schrijf(
        actor=actor,
        actie="besluit.opgesteld",
        object=besluit,
        na=audit.momentopname(besluit, GEVOLGDE_VELDEN)
        | {"voorschriften": len(voorschriften), "vervangt": oud and oud.pk},
    )
    return besluit


@transaction.atomic
def besluit_goedkeuren(*, actor: Actor, besluit: Besluit) -> Besluit:
    """The second pair of eyes: another permit officer or a manager of the organisations of the request approves
    the draft; the one who drafted it cannot (also a database constraint)."""
    besluit = Besluit.objects.select_for_update().select_related("verzoek").get(pk=besluit.pk)
    toegang.vereis_schrijven(actor, besluit.verzoek, GOEDKEURDERS)
    if besluit.status != Besluitstatus.CONCEPT:
        raise OngeldigeInvoer(f"Dit besluit is {besluit.get_status_display()}.", {"status": besluit.status})
    if besluit.opgesteld_door_id == actor.gebruiker_id:
        raise GeenToestemming("U stelde dit besluit zelf op; een tweede vergunningverlener moet het goedkeuren.")
    voor = audit.momentopname(besluit, GEVOLGDE_VELDEN)
    besluit.status, besluit.goedgekeurd_door_id, besluit.goedgekeurd_op = (
        Besluitstatus.GOEDGEKEURD,
        actor.gebruiker_id,
        timezone.now(),
    )
    besluit.save(update_fields=["status", "goedgekeurd_door", "goedgekeurd_op"])
    audit.schrijf(
        actor=actor,
        actie="besluit.goedgekeurd",
        object=besluit,
        voor=voor,
        na=audit.momentopname(besluit, GEVOLGDE_VELDEN),
    )
    return besluit


def _ondertekend(besluit: Besluit, actor: Actor, mandaat: Persoonsmandaat | None) -> None:
    besluit.ondertekend_door_id = actor.gebruiker_id
    besluit.persoonsmandaat = mandaat


def ter_inzage_leggen(*, actor: Actor, verzoek: Verzoek, datum: date, mandaat: Persoonsmandaat | None) -> Besluit:
    """The approved draft is laid open for inspection on `datum` (Awb 3:11); views can be given for six weeks from
    that day (Awb 3:16 lid 1-2). Called by `stappen.stap_zetten` inside its transaction."""
    ontwerp = verzoek.besluiten.select_for_update().get(ontwerp=True, status=Besluitstatus.GOEDGEKEURD)
    termijn = termijnen.zienswijzetermijn(datum, kalender=kalender(), uniforme_procedure=True)
    ontwerp.status, ontwerp.bekendgemaakt_op, ontwerp.zienswijzen_tot = (
        Besluitstatus.TER_INZAGE,
        datum,
        termijn.einddatum,
    )
    ontwerp.termijn_motivering = "\n".join(termijn.motivering)
    _ondertekend(ontwerp, actor, mandaat)
    ontwerp.save()
    return ontwerp


def bekendmaken(*, actor: Actor, verzoek: Verzoek, datum: date, mandaat: Persoonsmandaat | None) -> Besluit:
    """Take and make known the approved decision on `datum`: its objection period and entry into force, the
    permission and its conditions, and the register's new situation. Called inside `stap_zetten`'s transaction."""
    besluit = verzoek.besluiten.select_for_update().get(ontwerp=False, status=Besluitstatus.GOEDGEKEURD)
    termijn = procedure.bezwaartermijn(datum)
    besluit.status, besluit.bekendgemaakt_op = Besluitstatus.BEKENDGEMAAKT, datum
    besluit.in_werking_op = procedure.in_werking(datum)
    besluit.bezwaartermijn_tot = termijn.einddatum
    besluit.termijn_motivering = "\n".join(
        [
            *termijn.motivering,
            f"In werking met ingang van {termijnen.datum_tekst(besluit.in_werking_op)} (Ow art. 16.79 lid 1).",
        ]
    )
    _ondertekend(besluit, actor, mandaat)
    besluit.save()
    verzoek.besluiten.filter(ontwerp=True, status=Besluitstatus.TER_INZAGE).update(status=Besluitstatus.VERVALLEN)
    if besluit.soort != Besluitsoort.WEIGEREN:
        _register_bijwerken(actor, verzoek, besluit)
    audit.schrijf(
        actor=actor, actie="besluit.bekendgemaakt", object=besluit, na=audit.momentopname(besluit, GEVOLGDE_VELDEN)
    )
    return besluit


def bezwaar_vastleggen(*, verzoek: Verzoek, ontvangen_op: date) -> Besluit:
    besluit = verzoek.besluiten.select_for_update().get(ontwerp=False, status=Besluitstatus.BEKENDGEMAAKT)
    if besluit.bekendgemaakt_op is not None and ontvangen_op < besluit.bekendgemaakt_op:
        raise OngeldigeInvoer(velden={"ontvangen_op": "vóór de bekendmaking van het besluit"})
    besluit.bezwaar_ontvangen_op = ontvangen_op
    besluit.save(update_fields=["bezwaar_ontvangen_op"])
    return besluit


def onherroepelijk_maken(*, verzoek: Verzoek, datum: date) -> Besluit:
    """The objection period passed without objection: irrevocable from the day after its last day."""
    besluit = verzoek.besluiten.select_for_update().get(ontwerp=False, status=Besluitstatus.BEKENDGEMAAKT)
    assert besluit.bezwaartermijn_tot is not None  # set when it was made known
    besluit.status, besluit.onherroepelijk_op = Besluitstatus.ONHERROEPELIJK, besluit.bezwaartermijn_tot + _DAG
    besluit.save(update_fields=["status", "onherroepelijk_op"])
    return besluit


# --- the register ---------------------------------------------------------------------------------------------


def _vth_object(actor: Actor, verzoek: Verzoek) -> VthObject:
    """The VTH-object the request concerns: linked at intake, else the one of this authority at its place, else a new
    one named after the applicant (a new site gets its register entry from its first permit or notification)."""
    if verzoek.vth_object is not None:
        return verzoek.vth_object
    bestaand = (
        toegang.zichtbaar(actor, VthObject.objects.filter(locatie=verzoek.locatie, geldig_tot__isnull=True))
        .order_by("id")
        .first()
    )
    if bestaand is None:
        aanvrager = verzoek.aanvrager
        bestaand = register_services.vthobject_maken(
            actor=actor,
            naam=aanvrager.naam[:300],
            lokaal_id=f"verzoek-{verzoek.verzoeknummer}",
            locatie=verzoek.locatie,
            bevoegd_gezag=verzoek.bevoegd_gezag,
            uitvoerder=verzoek.uitvoerder,
            vestiging=aanvrager if aanvrager.soort == SoortBetrokkene.VESTIGING else None,
            vertrouwelijkheid=_register_niveau(verzoek),
            geldig_vanaf=verzoek.ontvangen_op,
        )
    verzoek.vth_object = bestaand
    return bestaand


def _natuurlijk(verzoek: Verzoek) -> bool:
    return verzoek.aanvrager.soort == SoortBetrokkene.NATUURLIJK_PERSOON


def _register_niveau(verzoek: Verzoek) -> str:
    """The register is public where the law allows; a natural person's activity keeps the request's level."""
    if _natuurlijk(verzoek):
        return verzoek.vertrouwelijkheid
    return Vertrouwelijkheid.OPENBAAR


def _uitvoering_bijwerken(
    actor: Actor,
    verzoek: Verzoek,
    obj: VthObject,
    activiteit,
    *,
    vanaf: date,
    legitimatie: str,
    kwalificatie: str,
    status: str,
) -> Activiteituitvoering:
    huidig = (
        toegang.zichtbaar(actor, Activiteituitvoering.objects.filter(vth_object=obj, activiteit=activiteit))
        .filter(geldig_tot__isnull=True, afgevoerd_op__isnull=True)
        .first()
    )
    if huidig is None:
        return register_services.uitvoering_maken(
            actor=actor,
            gegevens=register_services.Uitvoeringsgegevens(
                activiteit=activiteit.code,
                vth_object=obj,
                bevoegd_gezag=verzoek.bevoegd_gezag.code,
                toezichtinstantie=verzoek.uitvoerder.code,
                status=status,
                kwalificaties=(kwalificatie,) if kwalificatie else (),
                omschrijving=verzoek.omschrijving[:500],
                legitimatie=legitimatie[:100],
                vertrouwelijkheid=_register_niveau(verzoek),
                uitvoerder_betrokkene=verzoek.aanvrager
                if verzoek.aanvrager.soort != SoortBetrokkene.NATUURLIJK_PERSOON
                else None,
            ),
            geldig_vanaf=vanaf,
            bron_systeem="openvth-vergunningen",
        )
    wijzigingen: dict[str, object] = {"legitimatie": legitimatie[:100]}
    if kwalificatie and kwalificatie not in huidig.kwalificaties:
        wijzigingen["kwalificaties"] = [*huidig.kwalificaties, kwalificatie]
    return register_services.uitvoering_wijzigen(
        actor=actor,
        uuid=huidig.uuid,
        verwachte_etag=register_services.etag(huidig),
        wijzigingen=wijzigingen,
        geldig_vanaf=max(vanaf, huidig.geldig_vanaf or vanaf),
    )


def _register_bijwerken(actor: Actor, verzoek: Verzoek, besluit: Besluit) -> None:
    vanaf = besluit.in_werking_op
    assert vanaf is not None
    obj = _vth_object(actor, verzoek)
    activiteiten = [va.activiteit for va in verzoek.activiteiten.select_related("activiteit")]
    voorschriften = list(besluit.voorschriften.all())
    if besluit.soort == Besluitsoort.VERLENEN:
        toestemming = Toestemming.objects.create(
            soort=verzoek.subsoort or Aanvraagsoort.OMGEVINGSVERGUNNING,
            kenmerk=besluit.kenmerk,
            vth_object=obj,
            bevoegd_gezag=verzoek.bevoegd_gezag,
            uitvoerder=verzoek.uitvoerder,
            gemeente=verzoek.locatie.gemeente,
            vertrouwelijkheid=max(Vertrouwelijkheid.INTERN, verzoek.vertrouwelijkheid, key=Vertrouwelijkheid.rang),
            verleend_bij=besluit,
            geldig_vanaf=vanaf,
        )
        toestemming.activiteiten.set(activiteiten)
        legitimatie = besluit.kenmerk
    else:
        assert besluit.betreft_toestemming is not None  # besluit_opstellen requires it for these kinds
        toestemming = besluit.betreft_toestemming
        vervallen = toestemming.voorschriften.filter(geldig_tot__isnull=True)
        if besluit.soort == Besluitsoort.WIJZIGEN:
            vervallen = vervallen.filter(nummer__in=[v.nummer for v in voorschriften])
        vervallen.update(geldig_tot=vanaf)
        if besluit.soort == Besluitsoort.INTREKKEN:
            toestemming.status, toestemming.geldig_tot = Toestemmingstatus.INGETROKKEN, vanaf
            toestemming.save(update_fields=["status", "geldig_tot"])
            legitimatie = ""
        else:
            legitimatie = f"{toestemming.kenmerk}; gewijzigd bij {besluit.kenmerk}"
        activiteiten = list(toestemming.activiteiten.all())
        obj = toestemming.vth_object
    Voorschrift.objects.filter(pk__in=[v.pk for v in voorschriften]).update(toestemming=toestemming, geldig_vanaf=vanaf)
    kwalificatie = Kwalificatie.VERGUNNINGPLICHT if toestemming.soort == Aanvraagsoort.OMGEVINGSVERGUNNING else ""
    for activiteit in activiteiten:
        if kwalificatie and kwalificatie not in activiteit.kwalificaties:
            kwalificatie = ""
        _uitvoering_bijwerken(
            actor,
            verzoek,
            obj,
            activiteit,
            vanaf=vanaf,
            legitimatie=legitimatie,
            kwalificatie=kwalificatie,
            status=Status.VOORGENOMEN,
        )


MELDINGKWALIFICATIE: dict[str, str] = {
    Verzoeksoort.ACTIVITEITMELDING: Kwalificatie.MELDINGSPLICHT,
    Verzoeksoort.ACTIVITEITINFORMATIE: Kwalificatie.INFORMATIEPLICHT,
}


def melding_registreren(*, actor: Actor, verzoek: Verzoek, datum: date) -> None:
    """A notification or information makes the register record the activity as notified (its legitimatie), from
    the day it starts or, when that lies in the past, the day it was received. An unusual event changes nothing."""
    kwalificatie = MELDINGKWALIFICATIE.get(verzoek.soort)
    if kwalificatie is None:
        return
    obj = _vth_object(actor, verzoek)
    vanaf = verzoek.aanvang_activiteit or verzoek.ontvangen_op
    status = Status.VOORGENOMEN if vanaf > datum else Status.UITVOERING
    for va in verzoek.activiteiten.select_related("activiteit"):
        _uitvoering_bijwerken(
            actor,
            verzoek,
            obj,
            va.activiteit,
            vanaf=max(vanaf, verzoek.ontvangen_op),
            legitimatie=f"{'melding' if kwalificatie == Kwalificatie.MELDINGSPLICHT else 'informatie'} "
            f"{verzoek.verzoeknummer}",
            kwalificatie=kwalificatie,
            status=status,
        )
