#!/usr/bin/env python3
"""Regenerate the Bal chapter 3 activity catalogue from a local copy of MinBZK/regelrecht-corpus.

    python scripts/bal_catalogus.py PAD_NAAR_CORPUS [--versie 2026-07-11] [--catalogus CSV] [--uit CSV]

PAD_NAAR_CORPUS is a checkout of https://github.com/MinBZK/regelrecht-corpus (a work tree; its commit is read with
git when available). Without --versie the newest consolidation file is used. The current catalogue (default: the one
in this repository) supplies what the law text cannot: names confirmed elsewhere, basistaak, waterschap; every row it
has keeps its code. The result is written to --uit (default: standard output), in the catalogue's column layout.

What is derived from the corpus, and how (the YAML carries article texts and reference metadata, no headings):
- paragraph membership: the `paragraaf` metadata of every reference to an article, carried forward over articles
  that are never referred to (articles are in order);
- aanwijzingsartikel: the first article of a chapter-3 paragraph that designates an activity;
- vergunningplicht: chapter-3 articles that refer to Omgevingswet art. 5.1 and speak of an omgevingsvergunning;
- informatieplicht: articles that speak of providing gegevens en bescheiden;
- meldingsplicht: the chapter-4 paragraphs named by the chapter-3 "richtingaanwijzer" article, searched for the
  articles that forbid the activity "zonder dit ten minste vier weken voor het begin ervan te melden" (Ow art. 4.4);
  the chapter-4 information duties ("gegevens en bescheiden") are found the same way. A paragraph whose
  richtingaanwijzer names no chapter-4 paragraph, or that has none, gets neither duty from chapter 4.
Headings are not in the corpus. The names of the current catalogue are kept (see its README for where the confirmed
ones come from); a heading taken from another source is entered there by hand, with that source in `bron`.
Names of new rows are not headings (the corpus has none): they are left as "[afgeleid] zie art. N" for a person to
word from that article, and flagged [check].
"""

from __future__ import annotations

import argparse
import csv
import re
import subprocess
import sys
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

import yaml

WORTEL = Path(__file__).resolve().parent.parent
CATALOGUS = WORTEL / "src" / "openvth" / "register" / "referentie" / "activiteiten.csv"
MAP = Path("regulation/nl/amvb/besluit_activiteiten_leefomgeving")
BAL = "BWBR0041330"
OW = "BWBR0037885"
KOLOMMEN = [
    "code",
    "bovenliggende_code",
    "niveau",
    "naam",
    "sector",
    "kwalificaties",
    "basistaak",
    "ippc_seveso",
    "waterschap",
    "bron",
    "aanwijzingsartikel",
    "vergunningplicht_artikelen",
    "informatieplicht_artikelen",
    "meldingsplicht_artikelen",
]
# Word patterns (not sentences of the law) that mark a duty in an article's text.
AANWIJZING = re.compile(r"\b(?:wordt|worden)\s+aangewezen\b", re.I)
VERGUNNING = re.compile(r"\bomgevingsvergunning\b", re.I)
INFORMATIE = re.compile(r"\bgegevens\s+en\s+bescheiden\b", re.I)
# The notification duty (Ow art. 4.4) as chapter 4 words it, e.g. art. 4.1030: "Het is verboden een activiteit als
# bedoeld in artikel 4.1029 te verrichten zonder dit ten minste vier weken voor het begin ervan te melden." Not a
# melding: a gelijkwaardige maatregel reported "vier weken van tevoren" (art. 4.1023), or "waarvoor een melding is
# gedaan" (art. 4.1151). Whitespace is normalised first: the corpus wraps lines inside the sentence.
MELDING = re.compile(
    r"\bverboden\b.{0,300}?\bzonder dit ten minste vier weken voor het begin\b.{0,40}?\bte melden\b", re.I
)
RICHTING = re.compile(r"\bwordt\s+voldaan\s+aan\s+de\s+regels\b", re.I)


def nummer_sleutel(nummer: str) -> tuple:
    """Sort key for article and paragraph numbers such as 3.40b or 3.2.12."""
    return tuple((int(m.group(1)), m.group(2)) for m in re.finditer(r"(\d+)([a-z]*)", nummer))


@dataclass
class Paragraaf:
    nummer: str
    afdeling: str
    artikelen: list[str] = field(default_factory=list)
    aanwijzing: str = ""
    vergunning: list[str] = field(default_factory=list)
    informatie: list[str] = field(default_factory=list)
    hoofdstuk4: list[str] = field(default_factory=list)
    melding: list[str] = field(default_factory=list)


def versiebestand(corpus: Path, versie: str | None) -> Path:
    bestanden = sorted(p for p in (corpus / MAP).glob("*.yaml") if re.fullmatch(r"\d{4}-\d{2}-\d{2}", p.stem))
    if not bestanden:
        raise SystemExit(f"{corpus / MAP}: geen geconsolideerde versies gevonden")
    if versie is None:
        return bestanden[-1]
    for p in bestanden:
        if p.stem == versie:
            return p
    raise SystemExit(f"versie {versie} niet gevonden; beschikbaar: {', '.join(p.stem for p in bestanden)}")


def corpuscommit(corpus: Path) -> str:
    try:
        uit = subprocess.run(
            ["git", "-C", str(corpus), "rev-parse", "HEAD"], capture_output=True, text=True, check=True
        )
    except (OSError, subprocess.CalledProcessError):
        return "onbekend"
    return uit.stdout.strip()


def lees(bestand: Path) -> list[dict]:
    with bestand.open(encoding="utf-8") as f:
        return yaml.safe_load(f)["articles"]


def indelen(artikelen: list[dict]) -> tuple[dict[str, str], dict[str, str]]:
    """Article number → paragraaf, and chapter-3 paragraaf → afdeling, from the reference metadata."""
    paragraaf: dict[str, str] = {}
    afdeling: dict[str, str] = {}
    for a in artikelen:
        for r in a.get("references") or ():
            if r.get("bwb_id") != BAL or not r.get("paragraaf"):
                continue
            if r.get("artikel"):
                paragraaf.setdefault(str(r["artikel"]), str(r["paragraaf"]))
            if str(r.get("hoofdstuk")) == "3" and r.get("afdeling"):
                afdeling.setdefault(str(r["paragraaf"]), str(r["afdeling"]))
    # Carry forward over articles nobody refers to; a jump to another chapter resets.
    vorige = None
    for a in artikelen:
        nr = str(a["number"])
        if nr in paragraaf:
            vorige = paragraaf[nr]
        elif vorige and vorige.split(".")[0] == nr.split(".")[0]:
            paragraaf[nr] = vorige
    return paragraaf, afdeling


def analyseer(artikelen: list[dict]) -> dict[str, Paragraaf]:
    indeling, afdeling = indelen(artikelen)
    per_nummer = {str(a["number"]): a for a in artikelen}
    paragrafen: dict[str, Paragraaf] = {}
    hoofdstuk4: dict[str, list[str]] = defaultdict(list)
    for a in artikelen:
        nr = str(a["number"])
        par = indeling.get(nr)
        if par is None:
            continue
        if nr.startswith("4."):
            hoofdstuk4[par].append(nr)
            continue
        if not nr.startswith("3.") or par.count(".") != 2:
            continue
        p = paragrafen.setdefault(par, Paragraaf(par, afdeling.get(par, par.rsplit(".", 1)[0])))
        p.artikelen.append(nr)
        tekst = a.get("text") or ""
        refs = a.get("references") or ()
        if not p.aanwijzing and AANWIJZING.search(tekst):
            p.aanwijzing = nr
        if VERGUNNING.search(tekst) and any(r.get("bwb_id") == OW and str(r.get("artikel")) == "5.1" for r in refs):
            p.vergunning.append(nr)
        if INFORMATIE.search(tekst):
            p.informatie.append(nr)
        if RICHTING.search(tekst):
            for r in refs:
                if r.get("bwb_id") == BAL and str(r.get("hoofdstuk")) == "4" and r.get("paragraaf"):
                    if str(r["paragraaf"]) not in p.hoofdstuk4:
                        p.hoofdstuk4.append(str(r["paragraaf"]))
    for p in paragrafen.values():
        for par4 in p.hoofdstuk4:
            for nr in hoofdstuk4.get(par4, ()):
                tekst = " ".join((per_nummer[nr].get("text") or "").split())
                if MELDING.search(tekst):
                    p.melding.append(nr)
                if INFORMATIE.search(tekst):
                    p.informatie.append(nr)
    return paragrafen


def rijen(paragrafen: dict[str, Paragraaf], bestaand: dict[str, dict], bron: str) -> list[dict]:
    """Catalogue rows: existing rows keep their non-derivable columns, duties and provenance come from the corpus."""
    afdelingen = sorted({p.afdeling for p in paragrafen.values()}, key=nummer_sleutel)
    uit: list[dict] = []

    def rij(code: str, ouder: str, niveau: int, sector: str, kw: set[str], extra: dict, herkomst: str) -> dict:
        oud = bestaand.get(code, {})
        naam = oud.get("naam") or (f"[afgeleid] zie art. {extra['aanwijzingsartikel']}" if niveau == 2 else code)
        return {
            "code": code,
            "bovenliggende_code": ouder,
            "niveau": str(niveau),
            "naam": naam,
            "sector": sector,
            "kwalificaties": ";".join(sorted(kw)),
            "basistaak": oud.get("basistaak", "onbekend"),
            "ippc_seveso": oud.get("ippc_seveso", "ja" if sector and code.startswith("bal-3.3") else "nee"),
            "waterschap": oud.get("waterschap", "nee"),
            "bron": f"{bron}; {herkomst}" + ("" if oud.get("naam") else "; naam [check]"),
            **extra,
        }

    for afd in afdelingen:
        code = f"bal-{afd}"
        sector = bestaand.get(code, {}).get("naam", code)
        kinderen = sorted((p for p in paragrafen.values() if p.afdeling == afd), key=lambda p: nummer_sleutel(p.nummer))
        kw_afd: set[str] = set()
        for p in kinderen:
            kw = {"zorgplicht"}
            kw |= {"vergunningplicht"} if p.vergunning else set()
            kw |= {"informatieplicht"} if p.informatie else set()
            kw |= {"meldingsplicht"} if p.melding else set()
            kw_afd |= kw
            extra = {
                "aanwijzingsartikel": p.aanwijzing,
                "vergunningplicht_artikelen": ";".join(p.vergunning),
                "informatieplicht_artikelen": ";".join(p.informatie),
                "meldingsplicht_artikelen": ";".join(p.melding),
            }
            herkomst = f"art. {p.artikelen[0]}-{p.artikelen[-1]}; hoofdstuk 4: par. {', '.join(p.hoofdstuk4) or '-'}"
            uit.append(rij(f"bal-{p.nummer}", code, 2, sector, kw, extra, herkomst))
        leeg = {k: "" for k in KOLOMMEN[10:]}
        uit.append(rij(code, "", 1, sector, kw_afd, leeg, "vereniging paragrafen"))
    return sorted(uit, key=lambda r: (int(r["niveau"]), nummer_sleutel(r["code"][4:])))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus", type=Path, help="checkout van MinBZK/regelrecht-corpus")
    parser.add_argument("--versie", help="geconsolideerde versie (bestandsnaam zonder .yaml); standaard de nieuwste")
    parser.add_argument("--catalogus", type=Path, default=CATALOGUS, help="huidige catalogus (codes en namen blijven)")
    parser.add_argument("--uit", type=Path, help="doelbestand; standaard standaarduitvoer")
    args = parser.parse_args(argv)
    bestand = versiebestand(args.corpus, args.versie)
    bron = f"MinBZK/regelrecht-corpus@{corpuscommit(args.corpus)} {MAP / bestand.name}"
    with args.catalogus.open(encoding="utf-8", newline="") as f:
        bestaand = {r["code"]: r for r in csv.DictReader(f)}
    nieuw = rijen(analyseer(lees(bestand)), bestaand, bron)
    ontbrekend = set(bestaand) - {r["code"] for r in nieuw}
    for code in sorted(ontbrekend):  # a code is never dropped: other data refers to it
        print(f"let op: {code} staat niet (meer) in deze versie; rij ongewijzigd behouden", file=sys.stderr)
        nieuw.append({k: bestaand[code].get(k, "") for k in KOLOMMEN})
    doel = args.uit.open("w", encoding="utf-8", newline="") if args.uit else sys.stdout
    try:
        w = csv.DictWriter(doel, fieldnames=KOLOMMEN, lineterminator="\r\n")
        w.writeheader()
        w.writerows(nieuw)
    finally:
        if args.uit:
            doel.close()
    print(f"{len(nieuw)} rijen uit {bestand.name}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
