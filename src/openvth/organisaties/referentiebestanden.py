"""Reading and validating the reference CSV files; refuses a malformed file as a whole with file:line."""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path

STANDAARD_MAP = Path(__file__).resolve().parent / "referentie"

_GM = re.compile(r"^GM\d{4}$")
_PV = re.compile(r"^PV\d{2}$")
_SLUG = re.compile(r"^[a-z0-9][a-z0-9-]{0,39}$")
_DATUM = re.compile(r"^(\d{4})(?:-(\d{2})-(\d{2}))?(?:\s*\((onbevestigd)\))?$")


class ReferentieFout(ValueError):
    """A reference file is malformed; nothing from it is loaded."""


@dataclass
class Rij:
    """One organisation as the files describe it; `velden` are the model fields to compare and store."""

    code: str
    velden: dict
    provincie: str | None = None
    opvolger: str | None = None


@dataclass
class Referentie:
    organisaties: list[Rij] = field(default_factory=list)
    werkgebied: list[tuple[str, str, bool, str]] = field(default_factory=list)  # (od, lid, afgeleid, bron)


def _lees(pad: Path, kolommen: set[str]) -> list[tuple[int, dict[str, str]]]:
    if not pad.is_file():
        raise ReferentieFout(f"{pad.name}: bestand ontbreekt in {pad.parent}")
    try:
        with pad.open(encoding="utf-8", newline="") as f:
            lezer = csv.DictReader(f)
            ontbrekend = kolommen - set(lezer.fieldnames or [])
            if ontbrekend:
                raise ReferentieFout(f"{pad.name}: kolommen ontbreken: {', '.join(sorted(ontbrekend))}")
            rijen = []
            for rij in lezer:
                if None in rij or any(v is None for v in rij.values()):
                    raise ReferentieFout(f"{pad.name}:{lezer.line_num}: verkeerd aantal kolommen")
                rijen.append((lezer.line_num, {k: v.strip() for k, v in rij.items()}))
            return rijen
    except UnicodeDecodeError as fout:
        raise ReferentieFout(f"{pad.name}: geen geldige UTF-8 ({fout.reason})") from fout
    except csv.Error as fout:
        raise ReferentieFout(f"{pad.name}: geen geldige CSV ({fout})") from fout


def _eis(voorwaarde: bool, plaats: str, melding: str) -> None:
    if not voorwaarde:
        raise ReferentieFout(f"{plaats}: {melding}")


def _datum(waarde: str, plaats: str, *, inclusief_einde: bool = False) -> tuple[date | None, str]:
    """Parse '2013-05-01', '2014' or '2025-12-31 (onbevestigd)'; an inclusive end becomes exclusive."""
    if not waarde:
        return None, ""
    treffer = _DATUM.match(waarde)
    _eis(treffer is not None, plaats, f"ongeldige datum '{waarde}'")
    jaar, maand, dag, onbevestigd = treffer.groups()
    try:
        d = date(int(jaar), int(maand or 1), int(dag or 1))
    except ValueError as fout:
        raise ReferentieFout(f"{plaats}: ongeldige datum '{waarde}'") from fout
    if inclusief_einde:
        d += timedelta(days=1)
    opmerking = " ".join(
        deel
        for deel in (
            f"datum {waarde}: alleen het jaar is bekend" if maand is None else "",
            f"datum {waarde}" if onbevestigd else "",
        )
        if deel
    )
    return d, opmerking


def lees_referentie(map: Path = STANDAARD_MAP) -> Referentie:
    ref = Referentie()
    provincies: set[str] = set()
    for regel, r in _lees(map / "provincies.csv", {"code", "naam", "naam_alternatief"}):
        plaats = f"provincies.csv:{regel}"
        _eis(bool(_PV.match(r["code"])), plaats, f"ongeldige provinciecode '{r['code']}' (verwacht PV + 2 cijfers)")
        _eis(bool(r["naam"]), plaats, "naam ontbreekt")
        provincies.add(r["code"])
        opmerking = f"Ook: {r['naam_alternatief']}" if r["naam_alternatief"] else ""
        ref.organisaties.append(
            Rij(r["code"], {"soort": "provincie", "naam": r["naam"], "cbs_code": r["code"], "opmerking": opmerking})
        )

    gemeenten: set[str] = set()
    for regel, r in _lees(map / "gemeenten.csv", {"code", "naam", "provincie_code", "lat", "lon", "inwoners"}):
        plaats = f"gemeenten.csv:{regel}"
        _eis(bool(_GM.match(r["code"])), plaats, f"ongeldige gemeentecode '{r['code']}' (verwacht GM + 4 cijfers)")
        _eis(r["code"] not in gemeenten, plaats, f"dubbele gemeentecode {r['code']}")
        _eis(r["provincie_code"] in provincies, plaats, f"onbekende provincie '{r['provincie_code']}'")
        try:
            lat, lon, inwoners = float(r["lat"]), float(r["lon"]), int(r["inwoners"])
        except ValueError as fout:
            raise ReferentieFout(f"{plaats}: lat, lon of inwoners is geen getal") from fout
        _eis(50.6 <= lat <= 53.7 and 3.2 <= lon <= 7.3, plaats, f"centroïde ({lat}, {lon}) ligt buiten Nederland")
        gemeenten.add(r["code"])
        ref.organisaties.append(
            Rij(
                r["code"],
                {
                    "soort": "gemeente",
                    "naam": r["naam"],
                    "cbs_code": r["code"],
                    "lat": lat,
                    "lon": lon,
                    "inwoners": inwoners,
                },
                provincie=r["provincie_code"],
            )
        )

    for regel, r in _lees(map / "waterschappen.csv", {"code", "naam"}):
        plaats = f"waterschappen.csv:{regel}"
        _eis(bool(_SLUG.match(r["code"])), plaats, f"ongeldige code '{r['code']}'")
        ref.organisaties.append(Rij(r["code"], {"soort": "waterschap", "naam": r["naam"]}))

    diensten: dict[str, dict[str, str]] = {}
    for regel, r in _lees(
        map / "omgevingsdiensten.csv",
        {"code", "naam", "afkorting", "provincie_codes", "geldig_vanaf", "geldig_tot", "opvolger", "opmerking"},
    ):
        plaats = f"omgevingsdiensten.csv:{regel}"
        _eis(bool(_SLUG.match(r["code"])), plaats, f"ongeldige code '{r['code']}'")
        vanaf, opm_vanaf = _datum(r["geldig_vanaf"], plaats)
        tot, opm_tot = _datum(r["geldig_tot"], plaats, inclusief_einde=True)
        _eis(vanaf is None or tot is None or tot > vanaf, plaats, "geldig_tot ligt vóór geldig_vanaf")
        for pv in filter(None, r["provincie_codes"].split(";")):
            _eis(pv in provincies, plaats, f"onbekende provincie '{pv}'")
            ref.werkgebied.append((r["code"], pv, False, "provincie_codes in omgevingsdiensten.csv"))
        opmerking = "; ".join(filter(None, (r["opmerking"], opm_vanaf, opm_tot)))
        diensten[r["code"]] = r
        ref.organisaties.append(
            Rij(
                r["code"],
                {
                    "soort": "omgevingsdienst",
                    "naam": r["naam"],
                    "afkorting": r["afkorting"],
                    "geldig_vanaf": vanaf,
                    "geldig_tot": tot,
                    "opmerking": opmerking,
                },
                opvolger=r["opvolger"] or None,
            )
        )
    for code, r in diensten.items():
        _eis(
            not r["opvolger"] or r["opvolger"] in diensten,
            f"omgevingsdiensten.csv ({code})",
            f"onbekende opvolger '{r['opvolger']}'",
        )

    gezien: set[tuple[str, str]] = set()
    for regel, r in _lees(
        map / "omgevingsdienst_gemeenten.csv", {"omgevingsdienst_code", "gemeente_code", "afgeleid", "bron"}
    ):
        plaats = f"omgevingsdienst_gemeenten.csv:{regel}"
        sleutel = (r["omgevingsdienst_code"], r["gemeente_code"])
        _eis(sleutel[0] in diensten, plaats, f"onbekende omgevingsdienst '{sleutel[0]}'")
        _eis(sleutel[1] in gemeenten, plaats, f"onbekende gemeente '{sleutel[1]}'")
        _eis(r["afgeleid"] in {"ja", "nee"}, plaats, f"afgeleid moet 'ja' of 'nee' zijn, niet '{r['afgeleid']}'")
        _eis(sleutel not in gezien, plaats, f"dubbele rij {sleutel[0]}/{sleutel[1]}")
        gezien.add(sleutel)
        ref.werkgebied.append((sleutel[0], sleutel[1], r["afgeleid"] == "ja", r["bron"]))

    for regel, r in _lees(map / "ketenpartners.csv", {"code", "soort", "naam", "afkorting", "opmerking"}):
        plaats = f"ketenpartners.csv:{regel}"
        _eis(bool(_SLUG.match(r["code"])), plaats, f"ongeldige code '{r['code']}'")
        _eis(
            r["soort"] in {"ketenpartner", "rijk"}, plaats, f"soort moet ketenpartner of rijk zijn, niet '{r['soort']}'"
        )
        ref.organisaties.append(
            Rij(
                r["code"],
                {"soort": r["soort"], "naam": r["naam"], "afkorting": r["afkorting"], "opmerking": r["opmerking"]},
            )
        )

    codes = [rij.code for rij in ref.organisaties]
    dubbel = {c for c in codes if codes.count(c) > 1}
    _eis(not dubbel, "referentie", f"code komt in meer bestanden voor: {', '.join(sorted(dubbel))}")
    return ref
