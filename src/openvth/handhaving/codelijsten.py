"""CIM code lists with validity dates: Handhavingsinstrument, Gedrag, Gevolg, Resultaat bevinding.

Uniform definitions are the cure for poor data quality (DOMAIN.md §10): every code a record uses must be on its
list and valid on the record's date. The values live in `codelijsten.json` (sources per list); the instruments
come from the LHSO table in `regels/data/lhso_standaard.json`, so code, zwaarte and validity have one home.
`openvth load-codelijsten` loads them idempotently; `datakwaliteit.py` reports records that break them.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from django.db import transaction
from django.db.models import Q, QuerySet

from openvth.audit import services as audit
from openvth.organisaties.fouten import OngeldigeInvoer
from openvth.organisaties.toegang import Actor
from openvth.regels import lhso

from .models import Codelijst, Codelijstwaarde

BESTAND = Path(__file__).resolve().parent / "codelijsten.json"
SCHEMA = "openvth.handhaving.codelijsten/1"
LHSO_BRON = "openvth/regels/data/lhso_standaard.json (LHSO 12-10-2022)"


def cim_zwaarte(zwaarte: int | None) -> str:
    """The CIM's Zwaarte ("licht, middel, zwaar") of the LHSO table's 0–9 scale (regels/data/README.md)."""
    if zwaarte is None:
        return ""
    return "licht" if zwaarte <= 3 else "middel" if zwaarte <= 6 else "zwaar"


@dataclass(frozen=True)
class Waarde:
    lijst: str
    code: str
    naam: str
    geldig_vanaf: date
    geldig_tot: date | None = None
    toelichting: str = ""
    zwaarte: int | None = None
    categorie: str = ""
    bron: str = ""

    def velden(self) -> dict[str, Any]:
        return {
            "naam": self.naam,
            "toelichting": self.toelichting,
            "zwaarte": self.zwaarte,
            "categorie": self.categorie,
            "geldig_tot": self.geldig_tot,
            "bron": self.bron[:300],
        }


def lees(pad: Path = BESTAND) -> list[Waarde]:
    """Every value of every list, validated completely (unknown list or field, bad date, duplicate → refused)."""
    try:
        inhoud = json.loads(pad.read_text(encoding="utf-8"))
    except (OSError, ValueError) as fout:
        raise OngeldigeInvoer(f"{pad.name}: niet te lezen ({fout})") from fout
    if not isinstance(inhoud, dict) or inhoud.get("schema") != SCHEMA or not isinstance(inhoud.get("lijsten"), dict):
        raise OngeldigeInvoer(f"{pad.name}: verwacht schema {SCHEMA!r} met 'lijsten'")
    if ontbreekt := set(Codelijst.values) - set(inhoud["lijsten"]):
        raise OngeldigeInvoer(f"{pad.name}: lijsten ontbreken: {', '.join(sorted(ontbreekt))}")
    waarden: list[Waarde] = []
    for lijst, definitie in inhoud["lijsten"].items():
        if lijst not in Codelijst.values:
            raise OngeldigeInvoer(f"{pad.name}: onbekende lijst '{lijst}'")
        bron = str(definitie.get("bron", "")).strip()
        if not bron:
            raise OngeldigeInvoer(f"{pad.name}: lijst '{lijst}' noemt geen bron")
        if definitie.get("uit_lhso_tabel"):
            waarden += _instrumenten(lijst, bron)
            continue
        for i, ruw in enumerate(definitie.get("waarden") or []):
            waarden.append(_waarde(lijst, ruw, bron, f"{pad.name}: {lijst}[{i}]"))
    sleutels = [(w.lijst, w.code, w.geldig_vanaf) for w in waarden]
    if dubbel := {s for s in sleutels if sleutels.count(s) > 1}:
        raise OngeldigeInvoer(f"{pad.name}: dubbele waarden {sorted(dubbel)}")
    return waarden


def _waarde(lijst: str, ruw: Any, bron: str, plaats: str) -> Waarde:
    toegestaan = {"code", "naam", "geldig_vanaf", "geldig_tot", "toelichting"}
    if not isinstance(ruw, dict) or set(ruw) - toegestaan or not {"code", "naam", "geldig_vanaf"} <= set(ruw):
        raise OngeldigeInvoer(f"{plaats}: verwacht code, naam, geldig_vanaf (en geldig_tot, toelichting)")
    try:
        vanaf = date.fromisoformat(ruw["geldig_vanaf"])
        tot = date.fromisoformat(ruw["geldig_tot"]) if ruw.get("geldig_tot") else None
    except (TypeError, ValueError) as fout:
        raise OngeldigeInvoer(f"{plaats}: ongeldige datum ({fout})") from fout
    if tot is not None and tot <= vanaf:
        raise OngeldigeInvoer(f"{plaats}: geldig_tot ligt niet na geldig_vanaf")
    return Waarde(lijst, str(ruw["code"]), str(ruw["naam"]), vanaf, tot, str(ruw.get("toelichting", "")), bron=bron)


def _instrumenten(lijst: str, bron: str) -> list[Waarde]:
    instrumenten = lhso.standaardtabel().instrumenten.values()
    return [
        Waarde(
            lijst,
            i.code,
            i.naam,
            i.geldig_vanaf or date(2022, 10, 12),
            i.geldig_tot,
            i.toelichting,
            i.zwaarte,
            i.categorie.value,
            bron,
        )
        for i in instrumenten
    ]


@dataclass
class Laadverslag:
    aangemaakt: list[str] = field(default_factory=list)
    gewijzigd: list[str] = field(default_factory=list)
    ongewijzigd: int = 0
    niet_meer_in_bestand: list[str] = field(default_factory=list)


@transaction.atomic
def codelijsten_laden(*, actor: Actor, pad: Path = BESTAND) -> Laadverslag:
    """Load the code lists: idempotent, updates in place, audited; a value dropped from the file is kept
    (records may use it) and reported, so an operator can end it with a `geldig_tot` instead."""
    waarden = lees(pad)
    bestaand = {(c.lijst, c.code, c.geldig_vanaf): c for c in Codelijstwaarde.objects.all()}
    verslag = Laadverslag()
    for w in waarden:
        sleutel = (w.lijst, w.code, w.geldig_vanaf)
        record = bestaand.pop(sleutel, None)
        if record is None:
            record = Codelijstwaarde.objects.create(
                lijst=w.lijst, code=w.code, geldig_vanaf=w.geldig_vanaf, **w.velden()
            )
            audit.schrijf(actor=actor, actie="codelijstwaarde.aangemaakt", object=record, na=audit.momentopname(record))
            verslag.aangemaakt.append(f"{w.lijst}:{w.code}")
            continue
        verschil = {k: v for k, v in w.velden().items() if getattr(record, k) != v}
        if not verschil:
            verslag.ongewijzigd += 1
            continue
        voor = audit.momentopname(record)
        for k, v in verschil.items():
            setattr(record, k, v)
        record.save()
        audit.schrijf(
            actor=actor, actie="codelijstwaarde.gewijzigd", object=record, voor=voor, na=audit.momentopname(record)
        )
        verslag.gewijzigd.append(f"{w.lijst}:{w.code} ({', '.join(verschil)})")
    verslag.niet_meer_in_bestand = sorted(f"{c.lijst}:{c.code}" for c in bestaand.values())
    return verslag


# --- reads (reference data: public, no access policy) --------------------------------------------------------


def codelijst(lijst: str, *, peildatum: date | None = None) -> QuerySet[Codelijstwaarde]:
    """The values of one list; with `peildatum` only those valid that day (`geldig_tot` exclusive)."""
    qs = Codelijstwaarde.objects.filter(lijst=lijst)
    if peildatum is not None:
        qs = qs.filter(Q(geldig_vanaf__lte=peildatum), Q(geldig_tot__isnull=True) | Q(geldig_tot__gt=peildatum))
    return qs.order_by("code", "geldig_vanaf")


def instrumentnaam(code: str) -> str:
    """The name of an instrument code (`LOD` → `Last onder dwangsom`), its newest version; an unknown code as is.
    A measure stores the code; pages show the name."""
    naam = (
        codelijst(Codelijst.HANDHAVINGSINSTRUMENT)
        .filter(code=code)
        .order_by("-geldig_vanaf")
        .values_list("naam", flat=True)
        .first()
    )
    return naam or code


def geldigheid(lijst: str, code: str | None = None) -> dict[str, list[tuple[date, date | None]]]:
    """Per code of `lijst` its validity periods (vanaf inclusive, tot exclusive), for many checks at once."""
    qs = Codelijstwaarde.objects.filter(lijst=lijst)
    if code is not None:
        qs = qs.filter(code=code)
    uit: dict[str, list[tuple[date, date | None]]] = {}
    for c, vanaf, tot in qs.values_list("code", "geldig_vanaf", "geldig_tot"):
        uit.setdefault(c, []).append((vanaf, tot))
    return uit


def reden_ongeldig(versies: list[tuple[date, date | None]] | None, lijst: str, code: str, op: date) -> str | None:
    """None when one of `versies` covers `op`; otherwise why not: unknown, not yet valid, or expired."""
    naam = Codelijst(lijst).label
    if not versies:
        return f"code '{code}' staat niet op de codelijst {naam}"
    if any(vanaf <= op and (tot is None or op < tot) for vanaf, tot in versies):
        return None
    eerste = min(vanaf for vanaf, _ in versies)
    if op < eerste:
        return f"code '{code}' van {naam} is pas geldig vanaf {eerste:%d-%m-%Y} (gebruikt op {op:%d-%m-%Y})"
    einde = max(tot for _, tot in versies if tot)
    return f"code '{code}' van {naam} is vervallen per {einde:%d-%m-%Y} (gebruikt op {op:%d-%m-%Y})"


def toets_code(lijst: str, code: str, peildatum: date) -> str | None:
    """None when `code` is on `lijst` and valid on `peildatum`; otherwise the reason."""
    return reden_ongeldig(geldigheid(lijst, code).get(code), lijst, code, peildatum)
