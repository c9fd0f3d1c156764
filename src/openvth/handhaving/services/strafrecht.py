"""The criminal-law route (samenwerkingsmodel): marking, the afstemmingsoverleg, sharing single cases, and the
proces-verbaal that the OM decides on."""

from __future__ import annotations

import hashlib
from collections.abc import Mapping, Sequence
from datetime import date
from typing import Any

from django.conf import settings
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone

from openvth.audit import services as audit
from openvth.organisaties import toegang
from openvth.organisaties.models import Mandaat, Organisatie, Rol, Vertrouwelijkheid
from openvth.organisaties.toegang import Actor

from ..models import (
    Afstemmingsoverleg,
    Overtreding,
    Procesverbaal,
    Uitkomst,
    Zaakdeling,
)
from .basis import (
    CONSTATEERDERS,
    HANDHAVERS,
    OVERTREDING_VELDEN,
    overtreding_vergrendeld,
    vandaag,
    vergelijk_etag,
    weiger,
)

# --- the criminal-law route (samenwerkingsmodel bestuursrecht–strafrecht) -----------------------------------


def _strafrechtpartners() -> dict[str, str]:
    """Organisation code → 'om' or 'opsporing' (police, special investigation services), from the settings."""
    return {
        **{c.lower(): "opsporing" for c in settings.OPENVTH_OPSPORING_CODES},
        **{c.lower(): "om" for c in settings.OPENVTH_OM_CODES},
    }


@transaction.atomic
def overtreding_markeren_voor_afstemming(*, actor: Actor, overtreding: Overtreding, reden: str = "") -> Overtreding:
    """Put a violation on the agenda of the consultation with OM and police (LHSO 2022 stap 3)."""
    overtreding = overtreding_vergrendeld(overtreding)
    toegang.vereis_schrijven(actor, overtreding, CONSTATEERDERS)
    if overtreding.afstemming_gewenst:
        weiger({"afstemming_gewenst": "de overtreding staat al op de agenda van het afstemmingsoverleg"})
    voor = audit.momentopname(overtreding, OVERTREDING_VELDEN)
    overtreding.afstemming_gewenst = True
    overtreding.save()
    audit.schrijf(
        actor=actor,
        actie="overtreding.voor_afstemming",
        object=overtreding,
        voor=voor,
        na={**audit.momentopname(overtreding, OVERTREDING_VELDEN), "reden": reden},
    )
    return overtreding


def _vereis_overleg(actor: Actor, overtreding: Overtreding) -> None:
    """A handhaver of the case's own organisations, or a chain partner the case is shared with: the write rule's
    one named exception (`ketenpartners`), because OM and police take part in the consultation."""
    toegang.vereis_schrijven(actor, overtreding, HANDHAVERS, ketenpartners=(Rol.KETENPARTNER,))


def _deelnemers(overtreding: Overtreding, ruw: Sequence[Mapping[str, Any]]) -> tuple[list[dict], set[int]]:
    """Validate participants: each from the authority's side (bevoegd gezag, uitvoerder, a mandated service) or
    from OM or police; at least one from each of the authority's side and the OM (samenwerkingsmodel)."""
    partners = _strafrechtpartners()
    eigen = {overtreding.bevoegd_gezag_id, overtreding.uitvoerder_id} | set(
        Mandaat.objects.geldig_op(vandaag())
        .filter(mandaatgever_id=overtreding.bevoegd_gezag_id)
        .values_list("mandaatnemer_id", flat=True)
    )
    fouten: dict[str, str] = {}
    uit, strafrecht, kanten = [], set(), set()
    if not ruw:
        weiger({"deelnemers": "noem de deelnemers (bevoegd gezag of omgevingsdienst, OM, politie)"})
    for i, d in enumerate(ruw):
        code, naam = str(d.get("organisatie", "")).strip(), str(d.get("naam", "")).strip()
        org = Organisatie.objects.filter(code__iexact=code).first()
        if org is None:
            fouten[f"deelnemers.{i}.organisatie"] = f"onbekende organisatie '{code}'"
            continue
        if not naam:
            fouten[f"deelnemers.{i}.naam"] = "naam van de deelnemer ontbreekt"
        soort = partners.get(org.code.lower())
        if soort is not None:
            kanten.add(soort)
            strafrecht.add(org.pk)
        elif org.pk in eigen:
            kanten.add("bestuur")
        else:
            fouten[f"deelnemers.{i}.organisatie"] = (
                f"{org.naam} is geen bevoegd gezag of uitvoerder van deze zaak, geen OM en geen politie"
            )
        uit.append({"organisatie": org.code, "naam": naam, "functie": str(d.get("functie", "")).strip()})
    if not fouten and "bestuur" not in kanten:
        fouten["deelnemers"] = "het bevoegd gezag of de omgevingsdienst neemt deel aan het overleg"
    if not fouten and "om" not in kanten:
        fouten["deelnemers"] = "het OM neemt deel: het beslist over de strafrechtelijke inzet"
    if fouten:
        weiger(fouten)
    return uit, strafrecht


@transaction.atomic
def afstemmingsoverleg_vastleggen(
    *,
    actor: Actor,
    overtreding: Overtreding,
    datum: date,
    deelnemers: Sequence[Mapping[str, Any]],
    uitkomst: str,
    redenen: str,
    verwachte_etag: str | None = None,
) -> Afstemmingsoverleg:
    """Record the consultation on one violation (samenwerkingsmodel bestuursrecht–strafrecht).

    Outcome `strafrechtelijk` or `beide`: the case becomes `strafrechtelijk` (invisible to everyone without the
    role and relation for that level) and is shared one by one with the OM and police organisations present.
    """
    overtreding = overtreding_vergrendeld(overtreding)
    _vereis_overleg(actor, overtreding)
    vergelijk_etag(overtreding, verwachte_etag)
    fouten: dict[str, str] = {}
    if uitkomst not in Uitkomst.values:
        fouten["uitkomst"] = f"kies uit {', '.join(Uitkomst.values)}"
    if not redenen.strip():
        fouten["redenen"] = "leg de redenen van de uitkomst vast"
    if datum > vandaag():
        fouten["datum"] = "het overleg ligt in de toekomst"
    elif datum < overtreding.geconstateerd_op:
        fouten["datum"] = "het overleg ligt vóór de constatering"
    if fouten:
        weiger(fouten)
    lijst, strafrecht = _deelnemers(overtreding, deelnemers)
    overleg = Afstemmingsoverleg.objects.create(
        overtreding=overtreding,
        datum=datum,
        deelnemers=lijst,
        uitkomst=uitkomst,
        redenen=redenen.strip(),
        vastgelegd_door_id=actor.gebruiker_id,
    )
    audit.schrijf(actor=actor, actie="afstemmingsoverleg.vastgelegd", object=overleg, na=audit.momentopname(overleg))
    voor = audit.momentopname(overtreding, OVERTREDING_VELDEN)
    overtreding.afstemming_gewenst = False
    if uitkomst in (Uitkomst.STRAFRECHTELIJK, Uitkomst.BEIDE):
        overtreding.vertrouwelijkheid = Vertrouwelijkheid.STRAFRECHTELIJK
    overtreding.save()
    audit.schrijf(
        actor=actor,
        actie="overtreding.afgestemd",
        object=overtreding,
        voor=voor,
        na=audit.momentopname(overtreding, OVERTREDING_VELDEN),
    )
    if uitkomst in (Uitkomst.STRAFRECHTELIJK, Uitkomst.BEIDE):
        actief = Zaakdeling.objects.filter(overtreding=overtreding, ingetrokken_op__isnull=True)
        for org in Organisatie.objects.filter(pk__in=strafrecht).exclude(pk__in=actief.values("ontvanger_id")):
            _deel(actor, overtreding, org, f"uitkomst afstemmingsoverleg: {uitkomst}", overleg)
    return overleg


def _deel(actor, overtreding, ontvanger, reden, overleg=None) -> Zaakdeling:
    deling = Zaakdeling.objects.create(
        overtreding=overtreding,
        ontvanger=ontvanger,
        reden=reden[:300],
        afstemmingsoverleg=overleg,
        gedeeld_door_id=actor.gebruiker_id,
    )
    audit.schrijf(actor=actor, actie="zaakdeling.gedeeld", object=deling, na=audit.momentopname(deling))
    return deling


@transaction.atomic
def zaak_delen(*, actor: Actor, overtreding: Overtreding, ontvanger: Organisatie, reden: str) -> Zaakdeling:
    """Share one case with the OM or a police organisation (access policy rule 4), e.g. for the consultation."""
    overtreding = overtreding_vergrendeld(overtreding)
    toegang.vereis_schrijven(actor, overtreding, HANDHAVERS)
    fouten: dict[str, str] = {}
    if ontvanger.code.lower() not in _strafrechtpartners():
        fouten["ontvanger"] = (
            f"{ontvanger.naam} is geen OM- of opsporingsorganisatie (OPENVTH_OM_CODES, OPENVTH_OPSPORING_CODES)"
        )
    elif Zaakdeling.objects.filter(overtreding=overtreding, ontvanger=ontvanger, ingetrokken_op__isnull=True).exists():
        fouten["ontvanger"] = f"de zaak is al gedeeld met {ontvanger.naam}"
    if not reden.strip():
        fouten["reden"] = "waarom wordt de zaak gedeeld"
    if fouten:
        weiger(fouten)
    return _deel(actor, overtreding, ontvanger, reden.strip())


@transaction.atomic
def zaakdeling_intrekken(*, actor: Actor, deling: Zaakdeling, reden: str = "") -> Zaakdeling:
    """End a share at once: the partner's next read of the case is a 404 (access rule 4 only counts shares not
    withdrawn); earlier reads stay in the access log, the reason in the audit event."""
    deling = Zaakdeling.objects.select_for_update().select_related("overtreding").get(pk=deling.pk)
    toegang.vereis_schrijven(actor, deling.overtreding, HANDHAVERS)
    if deling.ingetrokken_op is not None:
        weiger({"deling": "deze deling is al ingetrokken"})
    voor = audit.momentopname(deling)
    deling.ingetrokken_op = timezone.now()
    deling.ingetrokken_door_id = actor.gebruiker_id
    deling.save()
    audit.schrijf(
        actor=actor,
        actie="zaakdeling.ingetrokken",
        object=deling,
        voor=voor,
        na={**audit.momentopname(deling), "reden": reden.strip()[:300]},
    )
    return deling


# --- the proces-verbaal --------------------------------------------------------------------------------------

PV_VELDEN = (
    "overtreding",
    "nummer",
    "datum",
    "verbalisant",
    "verbalisantnummer",
    "naam",
    "mediatype",
    "grootte",
    "sha256",
    "vertrouwelijkheid",
)


@transaction.atomic
def procesverbaal_vastleggen(
    *,
    actor: Actor,
    overtreding: Overtreding,
    nummer: str,
    datum: date,
    verbalisant: str,
    inhoud: bytes,
    naam: str = "",
    verbalisantnummer: str = "",
) -> Procesverbaal:
    """Store the signed proces-verbaal (a PDF) of a violation with its number, date and reporting officer.

    Wetboek van Strafvordering (2026-01-01) art. 153 lid 2: the officer draws it up personally, dates and signs it;
    so the date and the officer are required and the date cannot lie before the violation was found or in the
    future. Written by the case's own organisations only (a BOA is a toezichthouder; a handhaver may file it), and
    — criminal-law data — never by a mandated service alone; OM and police read it through the shared case but
    never write (toegang rule 4). Stored as `strafrechtelijk`, never changed: a correction is a new report.
    """
    overtreding = overtreding_vergrendeld(overtreding)
    toegang.vereis_schrijven(actor, overtreding, CONSTATEERDERS)
    toegang.vereis_namens(
        actor,
        bevoegd_gezag_id=overtreding.bevoegd_gezag_id,
        uitvoerder_id=overtreding.uitvoerder_id,
        rollen=CONSTATEERDERS,
        vertrouwelijkheid=Vertrouwelijkheid.STRAFRECHTELIJK,
    )
    fouten: dict[str, str] = {}
    nummer, verbalisant = nummer.strip(), verbalisant.strip()
    if not nummer:
        fouten["nummer"] = "vul het nummer van het proces-verbaal in"
    elif len(nummer) > 60:
        fouten["nummer"] = "ten hoogste 60 tekens"
    elif Procesverbaal.objects.filter(overtreding=overtreding, nummer=nummer).exists():
        fouten["nummer"] = "de zaak heeft al een proces-verbaal met dit nummer (een aanvulling heeft een eigen nummer)"
    if not verbalisant:
        fouten["verbalisant"] = "wie maakte het proces-verbaal op (art. 153 lid 2 Sv)"
    if datum > vandaag():
        fouten["datum"] = "de dagtekening ligt in de toekomst"
    elif datum < overtreding.geconstateerd_op:
        fouten["datum"] = "de dagtekening ligt vóór de constatering van de overtreding"
    if not inhoud:
        fouten["bestand"] = "het bestand is leeg"
    elif len(inhoud) > settings.OPENVTH_BIJLAGE_MAX_MB * 1024 * 1024:
        fouten["bestand"] = f"het bestand is groter dan {settings.OPENVTH_BIJLAGE_MAX_MB} MB"
    elif not inhoud.startswith(b"%PDF-"):  # from the content, never from the name or the client's media type
        fouten["bestand"] = "een proces-verbaal is een PDF-bestand (het ondertekende stuk)"
    if fouten:
        weiger(fouten)
    schone_naam = (naam or "").replace("/", "_").replace("\\", "_").strip()[:200] or f"proces-verbaal-{nummer}.pdf"
    pv = Procesverbaal(
        overtreding=overtreding,
        nummer=nummer,
        datum=datum,
        verbalisant=verbalisant[:200],
        verbalisantnummer=verbalisantnummer.strip()[:40],
        naam=schone_naam,
        mediatype="application/pdf",
        grootte=len(inhoud),
        sha256=hashlib.sha256(inhoud).hexdigest(),
        vertrouwelijkheid=Vertrouwelijkheid.STRAFRECHTELIJK,
        vastgelegd_door_id=actor.gebruiker_id,
    )
    pv.bestand.save(f"{pv.uuid}", ContentFile(inhoud), save=False)
    try:
        pv.save()
        audit.schrijf(actor=actor, actie="procesverbaal.vastgelegd", object=pv, na=audit.momentopname(pv, PV_VELDEN))
    except Exception:
        pv.bestand.delete(save=False)  # no file without its record
        raise
    return pv
