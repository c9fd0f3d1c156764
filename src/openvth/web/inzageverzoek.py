"""The privacy officer's view of the access log: readable labels, and a data subject's access request (AVG art. 15).

Why in the web layer: a label needs every record kind's own fields (the company and address of an execution, the
zaaknummer of a case, the object and date of a controle), and only this layer may know register, handhaving and
toezicht together (tests/test_lagen.py). The log itself stays in `audit` and is read through its selectors.

Labels are looked up in one query per record kind on the page and one for the readers, never per row. A record
that no longer resolves keeps the description stored in the log row when it was read.

The access request (AVG art. 15 lid 1: the personal data, the purposes, the recipients; lid 3: a copy) is answered
by the controller, which is the officer's organisation: the export lists every record of that organisation holding
the person's data, whatever its confidentiality, and every logged access to those records. Which of it is handed
over (art. 15 lid 4, art. 23 and UAVG art. 41: criminal-law data, the rights of others) is the officer's decision;
the export is the complete working list for it. The person is looked up by name, KvK or establishment number or
uuid, never by BSN (Wet algemene bepalingen BSN art. 10: only for the purposes the law allows; a search field
would invite typing it).
"""

from __future__ import annotations

import csv
import io
import uuid
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from django.contrib.auth import get_user_model
from django.db.models import Q
from django.template.loader import render_to_string
from django.utils import timezone, translation

from openvth.audit import selectors as audit_selectors
from openvth.audit import services as audit
from openvth.audit.models import Inzage
from openvth.handhaving.models import Handhavingsmaatregel, Overtreding, Procesverbaal
from openvth.organisaties.fouten import GeenToestemming, NietGevonden
from openvth.organisaties.models import Rol
from openvth.organisaties.toegang import Actor, recordsoorten
from openvth.register.export import csv_cel
from openvth.register.models import Activiteituitvoering, Betrokkene, SoortBetrokkene, VthObject
from openvth.toezicht import rapport
from openvth.toezicht.models import Bevinding, Controle
from openvth.vergunningen.models import Verzoek, Verzoekactiviteit

from .templatetags.datums import datum_kort

DOEL = "inzageverzoek AVG art. 15"
STIJL = Path(__file__).resolve().parent / "static" / "openvth" / "inzageverzoek.css"


def _uuids(ids: Iterable[str]) -> list[uuid.UUID]:
    uit = []
    for waarde in ids:
        try:
            uit.append(uuid.UUID(str(waarde)))
        except ValueError:
            continue
    return uit


def _object_adres(obj: VthObject) -> str:
    adres = obj.locatie.adres if obj.locatie_id else ""
    return f"{obj.naam}, {adres}" if adres else obj.naam


def _controle(c: Controle) -> str:
    return f"{c.vth_object.naam}, {datum_kort(c.uitgevoerd_op or c.gepland_op)}"


# Per record kind: how to fetch a page's records in one query and the label each gets.
_LABELS = {
    "register.betrokkene": (
        lambda ids: Betrokkene.objects.filter(uuid__in=ids),
        lambda b: f"{b.naam} (KvK {b.kvk_nummer})" if b.kvk_nummer else b.naam,
    ),
    "register.vthobject": (
        lambda ids: VthObject.objects.filter(uuid__in=ids).select_related("locatie"),
        _object_adres,
    ),
    "register.activiteituitvoering": (
        lambda ids: (
            Activiteituitvoering.objects.filter(uuid__in=ids)
            .select_related("vth_object__locatie", "uitvoerder_betrokkene", "activiteit")
            .order_by("id")
        ),  # the newest version wins below
        lambda u: (
            f"{u.uitvoerder_betrokkene.naam if u.uitvoerder_betrokkene_id else u.vth_object.naam}, "
            f"{u.vth_object.locatie.adres} — {u.activiteit.naam}"
        ),
    ),
    "handhaving.overtreding": (
        lambda ids: Overtreding.objects.filter(uuid__in=ids).select_related("vth_object"),
        lambda o: f"zaak {o.zaaknummer or '—'}, {o.vth_object.naam}",
    ),
    "handhaving.handhavingsmaatregel": (
        lambda ids: Handhavingsmaatregel.objects.filter(uuid__in=ids).select_related("overtreding__vth_object"),
        lambda m: f"{m.instrument}, zaak {m.overtreding.zaaknummer or '—'}, {m.overtreding.vth_object.naam}",
    ),
    "handhaving.procesverbaal": (
        lambda ids: Procesverbaal.objects.filter(uuid__in=ids).select_related("overtreding"),
        lambda p: f"proces-verbaal {p.nummer}, zaak {p.overtreding.zaaknummer or '—'}",
    ),
    "toezicht.controle": (
        lambda ids: Controle.objects.filter(uuid__in=ids).select_related("vth_object"),
        _controle,
    ),
    "toezicht.bevinding": (
        lambda ids: Bevinding.objects.filter(uuid__in=ids).select_related("controle__vth_object"),
        lambda b: f"bevinding {b.volgnummer} bij controle {_controle(b.controle)}",
    ),
    "vergunningen.verzoek": (
        lambda ids: Verzoek.objects.filter(uuid__in=ids),
        lambda v: f"verzoek {v.verzoeknummer}-{v.verzoekvolgnummer} ({v.soort})",
    ),
    "vergunningen.verzoekactiviteit": (
        lambda ids: Verzoekactiviteit.objects.filter(uuid__in=ids).select_related("verzoek", "activiteit"),
        lambda a: f"{a.activiteit.code} in verzoek {a.verzoek.verzoeknummer}-{a.verzoek.verzoekvolgnummer}",
    ),
}


def soort_label(soort: str) -> str:
    """The record kind in words (the model's verbose name), e.g. 'overtreding' for `handhaving.overtreding`."""
    recordsoort = recordsoorten().get(soort)
    return str(recordsoort.model._meta.verbose_name) if recordsoort else soort


def record_labels(sleutels: Iterable[tuple[str, str]]) -> dict[tuple[str, str], str]:
    """(kind, object_id) → readable label; one query per kind."""
    per_soort: dict[str, set[str]] = {}
    for soort, object_id in sleutels:
        per_soort.setdefault(soort, set()).add(str(object_id))
    uit: dict[tuple[str, str], str] = {}
    for soort, ids in per_soort.items():
        if soort not in _LABELS:
            continue
        ophalen, label = _LABELS[soort]
        for record in ophalen(_uuids(ids)):
            uit[(soort, str(record.uuid))] = label(record)
    return uit


def lezers(actor_ids: Iterable[int | None]) -> dict[int, str]:
    """User id → full name (the username when no name is known); one query."""
    uit = {}
    for gebruiker in get_user_model().objects.filter(pk__in={i for i in actor_ids if i}):
        uit[gebruiker.pk] = gebruiker.get_full_name() or gebruiker.get_username()
    return uit


def leesbaar(regels: Iterable[Inzage]) -> list[Inzage]:
    """The log rows with `lezer`, `soort_label` and `record_label` set for display."""
    regels = list(regels)
    labels = record_labels((r.object_soort, r.object_id) for r in regels)
    namen = lezers(r.actor_id for r in regels)
    for r in regels:
        r.lezer = namen.get(r.actor_id, r.actor_naam)
        r.soort_label = soort_label(r.object_soort)
        r.record_label = labels.get((r.object_soort, r.object_id), r.object_omschrijving)
    return regels


# --- the access request -------------------------------------------------------------------------------------------


def _vereis(actor: Actor) -> int:
    if not actor.heeft_rol(Rol.PRIVACY_OFFICER) or actor.organisatie is None:
        raise GeenToestemming("Alleen de privacy officer behandelt een inzageverzoek.")
    return actor.organisatie.pk


def personen_zoeken(*, actor: Actor, q: str) -> list[Betrokkene]:
    """Natural persons of the officer's organisation matching `q` (name, KvK or establishment number, uuid); the
    names shown are logged as a read."""
    org = _vereis(actor)
    q = q.strip()
    if len(q) < 2:
        return []
    filter_ = Q(naam__icontains=q) | Q(kvk_nummer=q) | Q(vestigingsnummer=q)
    if _uuids([q]):
        filter_ |= Q(uuid=_uuids([q])[0])
    personen = list(
        Betrokkene.objects.filter(soort=SoortBetrokkene.NATUURLIJK_PERSOON)
        .filter(Q(bevoegd_gezag_id=org) | Q(uitvoerder_id=org))
        .filter(filter_)
        .order_by("naam", "id")[:50]
    )
    audit.log_inzage(actor=actor, objecten=personen, doel=f"{DOEL}: zoeken", verwant=False)
    return personen


@dataclass(frozen=True)
class Record:
    soort: str
    object_id: str
    soort_label: str
    label: str
    verband: str
    vertrouwelijkheid: str


@dataclass(frozen=True)
class Toegang:
    tijdstip: datetime
    lezer: str
    organisatie: str
    soort_label: str
    record: str
    doel: str
    geweigerd: bool


@dataclass(frozen=True)
class Inzageverzoek:
    persoon: str
    persoon_id: str
    organisatie: str
    records: tuple[Record, ...]
    toegangen: tuple[Toegang, ...]
    opgemaakt_op: datetime = field(default_factory=timezone.now)


def _vertrouwelijkheid(record) -> str:
    if hasattr(record, "vertrouwelijkheid"):
        return record.vertrouwelijkheid
    return getattr(getattr(record, "overtreding", None), "vertrouwelijkheid", "")


def inzageverzoek(*, actor: Actor, persoon_uuid: uuid.UUID) -> Inzageverzoek:
    """Every record of the officer's organisation holding the person's data, and every logged access to them.

    The records: the person; the activity executions they carry out and the objects of those executions (or the
    objects of which they are the establishment); the controles, cases and measures at those objects, which may
    describe the person's conduct."""
    org = _vereis(actor)
    eigen = Q(bevoegd_gezag_id=org) | Q(uitvoerder_id=org)
    persoon = (
        Betrokkene.objects.filter(uuid=persoon_uuid, soort=SoortBetrokkene.NATUURLIJK_PERSOON).filter(eigen).first()
    )
    if persoon is None:
        raise NietGevonden()
    uitvoeringen = list(
        Activiteituitvoering.objects.filter(uitvoerder_betrokkene=persoon)
        .filter(Q(bevoegd_gezag_id=org) | Q(toezichtinstantie_id=org))
        .order_by("uuid", "-id")
    )
    objecten = list(
        VthObject.objects.filter(Q(pk__in={u.vth_object_id for u in uitvoeringen}) | Q(vestiging=persoon))
        .filter(eigen | Q(pk__in={u.vth_object_id for u in uitvoeringen}))
        .order_by("naam", "id")
    )
    controles = list(Controle.objects.filter(vth_object__in=objecten).filter(eigen).order_by("gepland_op", "id"))
    zaken = list(Overtreding.objects.filter(vth_object__in=objecten).filter(eigen).order_by("aangemaakt_op", "id"))
    maatregelen = list(Handhavingsmaatregel.objects.filter(overtreding__in=zaken).order_by("id"))

    gezien: set[tuple[str, str]] = set()
    rijen: list[tuple[object, str, str]] = []

    def voeg_toe(records: Iterable, verband: str) -> None:
        for r in records:
            sleutel = (r._meta.label_lower, str(r.uuid))
            if sleutel not in gezien:
                gezien.add(sleutel)
                rijen.append((r, sleutel[0], verband))

    voeg_toe([persoon], "de persoon zelf")
    voeg_toe(uitvoeringen, "voert de activiteit uit")
    voeg_toe(objecten, "object van de activiteit of vestiging")
    voeg_toe(controles, "controle bij het object")
    voeg_toe(zaken, "handhavingszaak over het object")
    voeg_toe(maatregelen, "maatregel in de zaak")
    labels = record_labels((soort, str(r.uuid)) for r, soort, _ in rijen)
    records = tuple(
        Record(
            soort=soort,
            object_id=str(r.uuid),
            soort_label=soort_label(soort),
            label=labels.get((soort, str(r.uuid)), str(r)),
            verband=verband,
            vertrouwelijkheid=_vertrouwelijkheid(r),
        )
        for r, soort, verband in rijen
    )
    # Read the log before logging this request, so the export does not list itself.
    log = leesbaar(audit_selectors.inzage_van_records(actor=actor, records=gezien))
    label_per = {(r.soort, r.object_id): r.label for r in records}
    toegangen = tuple(
        Toegang(
            tijdstip=r.tijdstip,
            lezer=r.lezer,
            organisatie=r.organisatie_naam,
            soort_label=r.soort_label,
            record=label_per.get((r.object_soort, r.object_id), r.record_label),
            doel=r.doel,
            geweigerd=r.doel.startswith(f"{audit.GEWEIGERD}:"),
        )
        for r in log
    )
    audit.log_inzage(actor=actor, objecten=[r for r, _, _ in rijen], doel=DOEL, verwant=False)
    return Inzageverzoek(
        persoon=persoon.naam,
        persoon_id=str(persoon.uuid),
        organisatie=actor.organisatie.naam,
        records=records,
        toegangen=toegangen,
    )


CSV_KOLOMMEN = ("onderdeel", "soort", "record", "verband_of_doel", "vertrouwelijkheid", "tijdstip", "wie", "namens")


def csv_tekst(v: Inzageverzoek) -> str:
    """Records first (`onderdeel` = record), then accesses (`onderdeel` = inzage), `;`-separated."""
    buffer = io.StringIO()
    schrijver = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    schrijver.writerow(CSV_KOLOMMEN)
    for r in v.records:
        schrijver.writerow(
            [csv_cel(x) for x in ("record", r.soort_label, r.label, r.verband, r.vertrouwelijkheid, "", "", "")]
        )
    for t in v.toegangen:
        tijd = timezone.localtime(t.tijdstip).isoformat(timespec="seconds")
        schrijver.writerow(
            [csv_cel(x) for x in ("inzage", t.soort_label, t.record, t.doel, "", tijd, t.lezer, t.organisatie)]
        )
    return buffer.getvalue()


def html(v: Inzageverzoek) -> str:
    with translation.override("nl"):
        return render_to_string("web/inzageverzoek_pdf.html", {"v": v})


def pdf(v: Inzageverzoek) -> bytes:
    return rapport.opmaken(html(v), STIJL.read_text(encoding="utf-8"))


def bestandsnaam(v: Inzageverzoek, extensie: str) -> str:
    return f"inzageverzoek-{timezone.localdate().isoformat()}-{v.persoon_id[:8]}.{extensie}"
