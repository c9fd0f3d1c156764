"""The English translation: the catalogue is complete and the site really speaks English when asked.

The committed source of truth is src/openvth/locale/en/LC_MESSAGES/django.po; the compiled .mo is a build
product (`make install`). These tests compile the committed .po themselves into a temporary folder, so they
never test a stale .mo. gettext (msgfmt, xgettext, msgmerge) is a system package that `make install` installs.

When test_elke_bronstring_is_vertaald fails, a string was added to the code or a template without an English
translation. Fix it with (from src/openvth):

    django-admin makemessages -l en --settings=openvth.conf.settings -i 'migrations/*'

then translate the new (empty or `#, fuzzy`) entries in locale/en/LC_MESSAGES/django.po and remove the fuzzy
flags.
"""

from __future__ import annotations

import ast
import re
import shutil
import subprocess
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from django.conf import settings as django_settings
from django.core.management import call_command
from django.test import Client
from django.utils import translation

import openvth

PAKKET = Path(openvth.__file__).resolve().parent
PO = PAKKET / "locale" / "en" / "LC_MESSAGES" / "django.po"
BRONEXTENSIES = {".py", ".html", ".txt"}  # what makemessages reads for the "django" domain
PLAATSHOUDER = re.compile(r"%\((\w+)\)[sdif]")


# --- a tiny .po reader (polib is not a dependency) -------------------------------------------------------


@dataclass
class Regel:
    """One catalogue entry."""

    msgid: str = ""
    msgctxt: str | None = None
    msgid_plural: str | None = None
    msgstr: list[str] = field(default_factory=list)
    vlaggen: set[str] = field(default_factory=set)

    @property
    def sleutel(self) -> tuple[str | None, str]:
        return (self.msgctxt, self.msgid)

    @property
    def vertaald(self) -> bool:
        return bool(self.msgstr) and all(self.msgstr) and "fuzzy" not in self.vlaggen


def lees_po(pad: Path) -> list[Regel]:
    """Read the live entries of a .po file (the header included, obsolete `#~` entries left out)."""
    regels: list[Regel] = []
    for blok in re.split(r"\n\s*\n", pad.read_text(encoding="utf-8")):
        regel, velden, veld = Regel(), {}, None
        for lijn in blok.splitlines():
            lijn = lijn.strip()
            if lijn.startswith("#,"):
                regel.vlaggen |= {v.strip() for v in lijn[2:].split(",") if v.strip()}
            elif lijn.startswith("#") or not lijn:
                continue  # comments, references, previous (#|) and obsolete (#~) lines
            elif lijn.startswith('"'):
                velden[veld] += ast.literal_eval(lijn)
            else:
                veld, _, waarde = lijn.partition(" ")
                velden[veld] = ast.literal_eval(waarde)
        if "msgid" not in velden:
            continue
        regel.msgid = velden["msgid"]
        regel.msgctxt = velden.get("msgctxt")
        regel.msgid_plural = velden.get("msgid_plural")
        if regel.msgid_plural is None:
            regel.msgstr = [velden.get("msgstr", "")]
        else:
            regel.msgstr = [velden[k] for k in sorted(velden, key=_meervoudsindex) if k.startswith("msgstr[")]
        regels.append(regel)
    return regels


def _meervoudsindex(veld: str) -> int:
    return int(veld[7:-1]) if veld.startswith("msgstr[") else -1


def _kop(regels: list[Regel]) -> dict[str, str]:
    kop = next(r for r in regels if r.msgid == "" and r.msgctxt is None).msgstr[0]
    return dict(lijn.split(": ", 1) for lijn in kop.splitlines() if ": " in lijn)


def _berichten(regels: list[Regel]) -> list[Regel]:
    return [r for r in regels if r.msgid != ""]


def _gettext(programma: str) -> str:
    pad = shutil.which(programma)
    if pad is None:
        pytest.fail(f"{programma} not found: install gettext (`make install` does it).")
    return pad


# --- fixtures -------------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def gecompileerd(tmp_path_factory) -> Path:
    """The committed .po compiled (and checked) by msgfmt into a temporary LOCALE_PATHS entry."""
    locale = tmp_path_factory.mktemp("locale")
    doel = locale / "en" / "LC_MESSAGES"
    doel.mkdir(parents=True)
    uit = subprocess.run(
        [_gettext("msgfmt"), "--check", "-o", str(doel / "django.mo"), str(PO)],
        capture_output=True,
        text=True,
    )
    assert uit.returncode == 0, uit.stderr
    return locale


@pytest.fixture
def engels(settings, gecompileerd):
    """Serve translations from the freshly compiled catalogue.

    Changing LOCALE_PATHS resets Django's translation cache and active language, and so does restoring it.
    """
    settings.LOCALE_PATHS = [gecompileerd]


# --- (a) the committed catalogue is complete ------------------------------------------------------------


def test_catalogus_bestaat_en_is_engels():
    regels = lees_po(PO)
    kop = _kop(regels)
    assert kop["Language"] == "en"
    assert kop["Plural-Forms"].startswith("nplurals=2;")
    assert len(_berichten(regels)) > 100


def test_geen_onvertaalde_of_fuzzy_regels():
    regels = _berichten(lees_po(PO))
    fuzzy = [r.msgid for r in regels if "fuzzy" in r.vlaggen]
    leeg = [r.msgid for r in regels if not (r.msgstr and all(r.msgstr))]
    assert not fuzzy, f"fuzzy entries in {PO.name}: {fuzzy}"
    assert not leeg, f"untranslated entries in {PO.name}: {leeg}"
    assert "fuzzy" not in next(r for r in lees_po(PO) if r.msgid == "").vlaggen, "header is still fuzzy"


def test_meervouden_hebben_beide_vormen():
    meervouden = [r for r in _berichten(lees_po(PO)) if r.msgid_plural is not None]
    assert meervouden
    for regel in meervouden:
        assert len(regel.msgstr) == 2 and all(regel.msgstr), regel.msgid


def test_plaatshouders_blijven_gelijk():
    for regel in _berichten(lees_po(PO)):
        bron = set(PLAATSHOUDER.findall(regel.msgid + (regel.msgid_plural or "")))
        for vertaling in regel.msgstr:
            assert set(PLAATSHOUDER.findall(vertaling)) == bron, (regel.msgid, vertaling)


def test_msgfmt_keurt_de_catalogus_goed():
    uit = subprocess.run(
        [_gettext("msgfmt"), "--check", "--statistics", "-o", "/dev/null", str(PO)],
        capture_output=True,
        text=True,
        env={"LC_ALL": "C"},
    )
    assert uit.returncode == 0, uit.stderr
    assert "translated message" in uit.stderr
    assert "fuzzy" not in uit.stderr and "untranslated" not in uit.stderr, uit.stderr


# --- (b) key strings translate --------------------------------------------------------------------------


def test_kernbegrippen_vertalen(engels):
    from openvth.organisaties.models import Rol, Soort, Vertrouwelijkheid

    with translation.override("en"):
        assert translation.gettext("Organisaties") == "Organisations"
        assert translation.gettext("Inloggen") == "Log in"
        assert translation.gettext("Tweede factor") == "Second factor"
        assert translation.gettext("Herstelcodes") == "Recovery codes"
        assert translation.gettext("Inzagelog") == "Access log"
        assert str(Soort.OMGEVINGSDIENST.label) == "environmental service"
        assert str(Soort.KETENPARTNER.label) == "chain partner"
        assert str(Rol.TOEZICHTHOUDER.label) == "inspector"
        assert str(Rol.FUNCTIONEEL_BEHEERDER.label) == "functional administrator"
        assert str(Vertrouwelijkheid.VERTROUWELIJK.label) == "confidential"
        assert translation.gettext("U treedt nu op voor %(org)s.") % {"org": "Gemeente Utrecht"} == (
            "You are now acting for Gemeente Utrecht."
        )
        for aantal, verwacht in ((1, "1 organisation"), (3, "3 organisations")):
            vorm = translation.ngettext("%(aantal)s organisatie", "%(aantal)s organisaties", aantal)
            assert vorm % {"aantal": aantal} == verwacht
    with translation.override("nl"):
        assert translation.gettext("Organisaties") == "Organisaties"


# --- (c) the site in English ----------------------------------------------------------------------------


@pytest.mark.django_db
@pytest.mark.parametrize("hoe", ["cookie", "accept-language"])
def test_startpagina_in_het_engels(engels, hoe):
    client = Client()
    if hoe == "cookie":
        client.cookies[django_settings.LANGUAGE_COOKIE_NAME] = "en"
        antwoord = client.get("/", headers={"accept-language": "nl"})
    else:
        antwoord = client.get("/", headers={"accept-language": "en-GB,en;q=0.9"})
    assert antwoord.status_code == 200
    html = antwoord.content.decode()
    assert '<html lang="en"' in html
    for tekst in ("Organisations", "Skip to content", "Main navigation", "Log in", "Anyone can consult the"):
        assert tekst in html, tekst
    for tekst in ("Organisaties", "Naar de inhoud", "Inloggen"):
        assert tekst not in html, tekst


@pytest.mark.django_db
def test_startpagina_standaard_nederlands(engels):
    antwoord = Client().get("/")
    html = antwoord.content.decode()
    assert '<html lang="nl"' in html
    assert "Organisaties" in html and "Organisations" not in html


# --- (d) every string in the source is in the committed catalogue ---------------------------------------


def _kopieer_bron(doel: Path) -> None:
    """Copy what makemessages reads (and the committed catalogue) into `doel`, the layout unchanged."""
    for pad in PAKKET.rglob("*"):
        relatief = pad.relative_to(PAKKET)
        if not pad.is_file() or "__pycache__" in relatief.parts or relatief.parts[0] == "locale":
            continue
        if pad.suffix in BRONEXTENSIES:
            (doel / relatief).parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(pad, doel / relatief)
    (doel / PO.relative_to(PAKKET)).parent.mkdir(parents=True)
    shutil.copyfile(PO, doel / PO.relative_to(PAKKET))


def test_elke_bronstring_is_vertaald(tmp_path, settings, monkeypatch):
    for programma in ("xgettext", "msguniq", "msgmerge", "msgattrib"):
        _gettext(programma)
    kopie = tmp_path / "openvth"
    _kopieer_bron(kopie)
    # The same command as the developers run, in the copy: only the copy's locale folder may be written.
    settings.LOCALE_PATHS = [kopie / "locale"]
    monkeypatch.chdir(kopie)
    call_command("makemessages", locale=["en"], ignore_patterns=["migrations/*"], verbosity=0)

    vers = _berichten(lees_po(kopie / PO.relative_to(PAKKET)))
    assert len(vers) > 100, "makemessages found (almost) no strings: is the copy complete?"
    vertaald = {r.sleutel for r in _berichten(lees_po(PO)) if r.vertaald}
    ontbrekend = sorted(
        (f"{r.msgctxt}|" if r.msgctxt is not None else "") + r.msgid
        for r in vers
        if r.sleutel not in vertaald or not r.vertaald
    )
    assert not ontbrekend, (
        f"{len(ontbrekend)} string(s) in the source lack an English translation in {PO}: {ontbrekend}\n"
        "Run makemessages (see this module's docstring) and translate them."
    )
