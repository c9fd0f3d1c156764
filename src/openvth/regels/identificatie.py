"""Dutch external identifiers: validate and normalise, or refuse with a Dutch reason. Pure Python, no Django.

Each validator takes the value as received (a str; the house number may be an int), returns the normalised form
to store, or raises `OngeldigeIdentificatie`. Reasons never repeat the value: a BSN must not end up in a log.
Non-str input is a programming error and raises TypeError.

Sources:
- KVK-nummer "bestaat uit 8 cijfers", vestigingsnummer "uniek nummer dat bestaat uit 12 cijfers": KVK API
  (developers.kvk.nl, schema of Basisprofiel/Vestigingsprofiel); kvk.nl "KVK-nummer: alles wat je moet weten".
  KVK publishes no check digit. All 20 test numbers on developers.kvk.nl happen to pass a weighted mod-11 test
  (weights 8..1), but no source says this holds for every number, so it is not applied: refusing a real
  number would be worse than accepting a typo the Handelsregister lookup will catch.
- BSN: 9 digits, an 8-digit number gets a leading zero, and the 11-proef with weights 9..2 and -1 for the last
  digit (RvIG, Logisch Ontwerp BSN; read here through secondary summaries [check the primary text]). A weighted
  sum of 0 (000000000, 000000012, ...) is refused too, as the usual statement of the rule has it [check].
- BAG: Kadaster LVBAG BAG API (IMBAG 2018-06-01, nen3610.yaml): object identifiers are 16 digits, 4 of the
  municipality + a 2-digit object type (01 verblijfsobject, 02 ligplaats, 03 standplaats, 10 pand,
  20 nummeraanduiding, 30 openbare ruimte) + a 10-digit sequence; a woonplaats is 4 digits 0001-9999; huisnummer
  ^[1-9][0-9]{0,4}$, huisletter ^[a-zA-Z]$, huisnummertoevoeging ^[0-9a-zA-Z]{1,4}$, postcode ^[1-9][0-9]{3}[A-Z]{2}$.
- Postcode letter pairs SA, SD and SS are not issued (PostNL; as in python-stdnum nl.postcode and the Dutch
  Wikipedia article "Postcodes in Nederland").
- SBI: CBS, SBI 2008 (and SBI 2025): up to five levels, digits only, the 5th digit a Dutch refinement; CBS writes
  01.13.1, KVK and ondernemersplein write 01131 / 6201. We store the KVK form (digits without dots).
- Gemeentecode: CBS "GM" + 4 digits, the 4 digits being the municipality code (also the BAG's first four).
"""

from __future__ import annotations

import random
import re
from enum import Enum

__all__ = [
    "BagObjecttype",
    "OngeldigeIdentificatie",
    "bag_objecttype",
    "bsn_elfproef",
    "maak_bsn",
    "maak_kvk",
    "maak_vestigingsnummer",
    "valideer_bag_id",
    "valideer_bsn",
    "valideer_gemeentecode",
    "valideer_huisletter",
    "valideer_huisnummer",
    "valideer_huisnummertoevoeging",
    "valideer_kvk_nummer",
    "valideer_postcode",
    "valideer_sbi_code",
    "valideer_vestigingsnummer",
    "valideer_woonplaats_id",
]


class OngeldigeIdentificatie(ValueError):
    """A value that is not a valid identifier of its kind (`soort`); `reden` says why, in Dutch."""

    def __init__(self, soort: str, reden: str) -> None:
        super().__init__(f"{soort}: {reden}")
        self.soort = soort
        self.reden = reden


class BagObjecttype(Enum):
    """Object type code in positions 5-6 of a BAG identifier (LVBAG BAG API, IMBAG 2018)."""

    VERBLIJFSOBJECT = "01"
    LIGPLAATS = "02"
    STANDPLAATS = "03"
    PAND = "10"
    NUMMERAANDUIDING = "20"
    OPENBARE_RUIMTE = "30"


_SCHEIDING = re.compile(r"[\s.\-]")
_BSN_GEWICHTEN = (9, 8, 7, 6, 5, 4, 3, 2, -1)
_POSTCODE = re.compile(r"([1-9][0-9]{3})\s?([A-Z]{2})")
_SBI = re.compile(r"[0-9]{2,5}|[0-9]{2}\.[0-9]{1,2}|[0-9]{2}\.[0-9]{2}\.[0-9]")


def _tekst(waarde: object, soort: str) -> str:
    if not isinstance(waarde, str):
        raise TypeError(f"{soort} moet als tekst (str) worden gegeven, niet als {type(waarde).__name__}")
    return waarde.strip()


def _cijfers(waarde: object, soort: str, lengte: int) -> str:
    """Digits only after dropping spaces, dots and hyphens (how numbers are often written); exactly `lengte`."""
    cijfers = _SCHEIDING.sub("", _tekst(waarde, soort))
    if not cijfers:
        raise OngeldigeIdentificatie(soort, f"is leeg; moet uit {lengte} cijfers bestaan")
    if not (cijfers.isascii() and cijfers.isdigit()):
        raise OngeldigeIdentificatie(soort, "mag alleen cijfers bevatten")
    if len(cijfers) != lengte:
        raise OngeldigeIdentificatie(soort, f"moet uit {lengte} cijfers bestaan, niet {len(cijfers)}")
    return cijfers


def valideer_kvk_nummer(waarde: str) -> str:
    """KVK-nummer: exactly 8 digits, leading zeros kept. No check digit (see module docstring)."""
    return _cijfers(waarde, "KVK-nummer", 8)


def valideer_vestigingsnummer(waarde: str) -> str:
    """Vestigingsnummer of the Handelsregister: exactly 12 digits (often with leading zeros), not all zeros."""
    nummer = _cijfers(waarde, "vestigingsnummer", 12)
    if nummer == "0" * 12:
        raise OngeldigeIdentificatie("vestigingsnummer", "mag niet uit alleen nullen bestaan")
    return nummer


def bsn_elfproef(cijfers: str) -> bool:
    """The BSN 11-proef on 9 digits: sum of digit x weight (9..2, then -1) divisible by 11 and not 0 (RvIG)."""
    som = sum(int(c) * g for c, g in zip(cijfers, _BSN_GEWICHTEN, strict=True))
    return som % 11 == 0 and som != 0


def valideer_bsn(waarde: str) -> str:
    """Burgerservicenummer: 9 digits (8 get a leading zero, per RvIG) passing the 11-proef; returns 9 digits."""
    cijfers = _SCHEIDING.sub("", _tekst(waarde, "BSN"))
    if len(cijfers) == 8:
        cijfers = "0" + cijfers
    cijfers = _cijfers(cijfers, "BSN", 9)
    if not bsn_elfproef(cijfers):
        raise OngeldigeIdentificatie("BSN", "voldoet niet aan de elfproef")
    return cijfers


def valideer_bag_id(waarde: str, objecttype: BagObjecttype | None = None) -> str:
    """BAG object identifier: 16 digits with a known object type code in positions 5-6 (`objecttype` if given)."""
    soort = f"BAG-identificatie ({objecttype.name.lower().replace('_', ' ')})" if objecttype else "BAG-identificatie"
    tekst = _tekst(waarde, soort)
    if tekst and not (tekst.isascii() and tekst.isdigit()):
        raise OngeldigeIdentificatie(soort, "mag alleen cijfers bevatten")
    if len(tekst) != 16:
        raise OngeldigeIdentificatie(soort, f"moet uit 16 cijfers bestaan, niet {len(tekst)}")
    try:
        gevonden = BagObjecttype(tekst[4:6])
    except ValueError:
        raise OngeldigeIdentificatie(soort, f"onbekende objecttypecode {tekst[4:6]!r} op positie 5-6") from None
    if objecttype is not None and gevonden is not objecttype:
        raise OngeldigeIdentificatie(
            soort, f"objecttypecode {gevonden.value} is een {gevonden.name.lower()}, verwacht {objecttype.value}"
        )
    return tekst


def bag_objecttype(bag_id: str) -> BagObjecttype:
    """The object type of a BAG identifier (validated first)."""
    return BagObjecttype(valideer_bag_id(bag_id)[4:6])


def valideer_woonplaats_id(waarde: str) -> str:
    """BAG woonplaatsidentificatie: 4 digits, 0001-9999."""
    code = _cijfers(waarde, "woonplaatsidentificatie", 4)
    if code == "0000":
        raise OngeldigeIdentificatie("woonplaatsidentificatie", "0000 bestaat niet (bereik 0001-9999)")
    return code


def valideer_postcode(waarde: str) -> str:
    """Postcode: 4 digits not starting with 0, optionally a space, 2 letters other than SA, SD, SS.
    Normalised to '1234AB' (the BAG form): upper case, no space."""
    tekst = _tekst(waarde, "postcode").upper()
    gevonden = _POSTCODE.fullmatch(tekst)
    if gevonden is None:
        raise OngeldigeIdentificatie("postcode", "moet bestaan uit 4 cijfers (niet beginnend met 0) en 2 letters")
    cijfers, letters = gevonden.groups()
    if letters in ("SA", "SD", "SS"):
        raise OngeldigeIdentificatie("postcode", f"de lettercombinatie {letters} wordt niet uitgegeven")
    return cijfers + letters


def valideer_huisnummer(waarde: int | str) -> int:
    """Huisnummer: a whole number 1-99999 (BAG)."""
    if isinstance(waarde, bool) or not isinstance(waarde, int | str):
        raise TypeError(f"huisnummer moet int of str zijn, niet {type(waarde).__name__}")
    if isinstance(waarde, str):
        tekst = waarde.strip()
        if not (tekst.isascii() and tekst.isdigit()):
            raise OngeldigeIdentificatie("huisnummer", "moet een geheel getal zijn")
        waarde = int(tekst)
    if not 1 <= waarde <= 99_999:
        raise OngeldigeIdentificatie("huisnummer", "moet tussen 1 en 99999 liggen")
    return waarde


def valideer_huisletter(waarde: str) -> str:
    """Huisletter: one letter a-z or A-Z (BAG). Case is kept as given: the BAG stores it so."""
    letter = _tekst(waarde, "huisletter")
    if not (len(letter) == 1 and letter.isascii() and letter.isalpha()):
        raise OngeldigeIdentificatie("huisletter", "moet precies één letter (a-z) zijn")
    return letter


def valideer_huisnummertoevoeging(waarde: str) -> str:
    """Huisnummertoevoeging: 1-4 letters or digits (BAG). Case is kept as given."""
    toevoeging = _tekst(waarde, "huisnummertoevoeging")
    if not (1 <= len(toevoeging) <= 4 and toevoeging.isascii() and toevoeging.isalnum()):
        raise OngeldigeIdentificatie("huisnummertoevoeging", "moet uit 1 tot 4 letters of cijfers bestaan")
    return toevoeging


def valideer_sbi_code(waarde: str) -> str:
    """SBI code: 2-5 digits (afdeling .. subklasse), or the CBS dotted form (47.21, 01.13.1); stored as digits.
    The code does not say whether it is SBI 2008 or SBI 2025: keep the version beside it."""
    tekst = _tekst(waarde, "SBI-code")
    if not _SBI.fullmatch(tekst):
        raise OngeldigeIdentificatie("SBI-code", "moet 2 tot 5 cijfers zijn, eventueel met punten als 47.21 of 01.13.1")
    code = tekst.replace(".", "")
    if code[:2] == "00":
        raise OngeldigeIdentificatie("SBI-code", "afdeling 00 bestaat niet")
    return code


def valideer_gemeentecode(waarde: str) -> str:
    """CBS gemeentecode: 'GM' + 4 digits (also accepted: 'gm0363', or just the 4 digits). Returns 'GM0363'."""
    tekst = _tekst(waarde, "gemeentecode").upper()
    cijfers = tekst[2:] if tekst.startswith("GM") else tekst
    if not (len(cijfers) == 4 and cijfers.isascii() and cijfers.isdigit()):
        raise OngeldigeIdentificatie("gemeentecode", "moet de vorm GM0000 hebben: GM en 4 cijfers")
    if cijfers == "0000":
        raise OngeldigeIdentificatie("gemeentecode", "GM0000 bestaat niet")
    return "GM" + cijfers


# --- synthetic data -------------------------------------------------------------------------------------------


def maak_bsn(rng: random.Random, voorvoegsel: str = "") -> str:
    """A number that passes the BSN 11-proef, deterministic for a seeded `rng`. It may be someone's real BSN:
    use only in test and demo data, never as if it were a person's. `voorvoegsel` fixes up to 7 first digits."""
    if not (voorvoegsel.isdigit() or voorvoegsel == "") or len(voorvoegsel) > 7:
        raise ValueError("voorvoegsel moet uit 0 tot 7 cijfers bestaan (het 8e cijfer moet vrij zijn)")
    while True:  # ends: varying the free 8th digit always reaches a valid check digit
        eerste = voorvoegsel + "".join(str(rng.randrange(10)) for _ in range(8 - len(voorvoegsel)))
        controle = sum(int(c) * g for c, g in zip(eerste, _BSN_GEWICHTEN, strict=False)) % 11
        if controle < 10 and bsn_elfproef(bsn := eerste + str(controle)):
            return bsn


def maak_kvk(rng: random.Random) -> str:
    """An 8-digit KVK-nummer (10000000-99999999). It also passes the weighted mod-11 test that all KVK test
    numbers pass, so synthetic data looks like real numbers; the validator does not require that."""
    while True:
        nummer = str(rng.randrange(10_000_000, 100_000_000))
        if sum(int(c) * g for c, g in zip(nummer, range(8, 0, -1), strict=True)) % 11 == 0:
            return nummer


def maak_vestigingsnummer(rng: random.Random) -> str:
    """A 12-digit vestigingsnummer, not all zeros."""
    return f"{rng.randrange(1, 10**12):012d}"
