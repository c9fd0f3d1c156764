"""Issue 13 item 9: in English the enforcement vocabulary kept as data is English too, with the Dutch legal term
beside it where it is a term of art (web/termen.py).

The LHSO classes, tracks and instruments come from `regels/` and its table, the next steps from the workflow
table, the demo checklists from the demo data; none of them passes through `{% translate %}`, so the completeness
test of test_vertalingen.py cannot see them. Here every such text of the shipped data must have an English entry,
and four pages in English may show a Dutch domain label only in brackets beside its English.
"""

from __future__ import annotations

import html
import io
import re

import pytest
from django.conf import settings as django_settings
from django.core.management import call_command
from django.utils import timezone, translation

from openvth.handhaving import codelijsten, workflow
from openvth.handhaving.selectors import Termijnsoort
from openvth.organisaties.models import Organisatie, Rol
from openvth.organisaties.selectors import actor_voor
from openvth.regels import lhso
from openvth.toezicht import services as toezicht
from openvth.toezicht.management.demo import CHECKLISTS
from openvth.web.termen import term

from ..handhaving import zaak
from .test_vertalingen import engels, gecompileerd  # noqa: F401 (fixtures: the freshly compiled catalogue)

pytestmark = pytest.mark.usefixtures("engels")

# Instruments whose name is a legal term of art: the English must carry the Dutch term (lower case) beside it.
VAKTERM_INSTRUMENTEN = ("LOD", "LOB", "BESTUURLIJKE_BOETE", "BSB", "PROCES_VERBAAL", "GEDOGEN")

# Data texts that English writes the same way.
ZELFDE_IN_HET_ENGELS = {"week"}

# Dutch domain labels that must not stand alone on an English page (in brackets beside the English is fine).
NEDERLANDS = (
    "goedwillend",
    "onverschillig",
    "calculerend",
    "notoir",
    "vrijwel nihil",
    "beperkt",
    "van belang",
    "aanzienlijk",
    "bestuursrechtelijk",
    "strafrechtelijk",
    "last onder dwangsom",
    "last onder bestuursdwang",
    "bestuurlijke boete",
    "bestuurlijke strafbeschikking",
    "gedoogbeschikking",
    "proces-verbaal",
    "verscherpt toezicht",
    "waarschuwing",
    "hercontrole",
    "voornemen",
    "intrekken",
    "beëindigd",
    "begunstigingstermijn",
    "zienswijzetermijn",
    "omstandigheid",
    "afvalbeheer",
    "afvalstoffenregister",
    "zorgplicht",
)


def _stappen(tabel) -> list[workflow.Overgang]:
    return [o for stappen in tabel.values() for o in stappen.values()]


def _datateksten() -> list[str]:
    tabel = lhso.standaardtabel()
    overgangen = [o for tabel_ in (workflow.OVERGANGEN, workflow.VERBEURTE_OVERGANGEN) for o in _stappen(tabel_)]
    params = [p for o in overgangen for p in o.params]
    return [
        *(k.naam for k in (*lhso.Gedrag, *lhso.Gevolg)),
        *(k.definitie for k in (*lhso.Gedrag, *lhso.Gevolg)),
        *(o.value for o in lhso.Omstandigheid),
        *(s.value for s in lhso.Spoor),
        *(c.value for c in lhso.InstrumentCategorie),
        *(i.naam for i in tabel.instrumenten.values()),
        *(o.naam for o in overgangen if o in _stappen(workflow.OVERGANGEN)),  # collection: forms.PostForm.NAMEN
        *(o.artikel for o in overgangen),
        *(b.voorwaarde for o in overgangen for b in o.bewakers if isinstance(b, workflow.Bewaker)),
        *(p.uitleg for p in params),
        *(f.value for f in workflow.VerbeurteFase),
        *(s.value for s in Termijnsoort),
        *(k for p in params if p.naam != "instrument" for k in p.keuzes),  # instruments: by their name
        *(t for w in codelijsten.lees() for t in (w.naam, w.toelichting) if t),
        *(naam for naam, _ in CHECKLISTS.values()),
        *(punt for _, punten in CHECKLISTS.values() for punt in punten),
    ]


def test_elke_meegeleverde_datatekst_heeft_engels():
    with translation.override("en"):
        zonder = sorted({t for t in _datateksten() if term(t) == t} - ZELFDE_IN_HET_ENGELS)
    assert not zonder, f"data texts without an English entry in web/termen.py and django.po: {zonder}"


def test_vaktermen_houden_het_nederlands_ernaast():
    tabel = lhso.standaardtabel()
    vaktermen = [
        *(k.naam for k in (*lhso.Gedrag, *lhso.Gevolg)),
        *(s.value for s in lhso.Spoor),
        *(tabel.instrumenten[code].naam for code in VAKTERM_INSTRUMENTEN),
    ]
    with translation.override("en"):
        for tekst in vaktermen:
            engels_ = term(tekst)
            assert engels_ != tekst and f"({tekst.lower()}" in engels_.lower(), (tekst, engels_)
        assert term("Last onder dwangsom") == "Order subject to a penalty (last onder dwangsom)"
    with translation.override("nl"):
        assert term("Last onder dwangsom") == "Last onder dwangsom"


def test_keuzes_van_gedrag_en_gevolg_in_het_engels():
    """The wizard's and the finding form's radio and select labels are chosen per request (lazy)."""
    from openvth.handhaving.forms import PositioneringForm
    from openvth.toezicht.forms import BevindingForm

    with translation.override("en"):
        assert ("C", "C — calculating (calculerend)") in [
            (k, str(v)) for k, v in BevindingForm().fields["gedrag"].choices
        ]
        assert ("3", "3 — significant (van belang)") in [
            (k, str(v)) for k, v in BevindingForm().fields["gevolg"].choices
        ]
        omstandigheden = [str(v) for _, v in PositioneringForm().fields["omstandigheden"].choices]
        assert "danger to people or defenceless victims" in omstandigheden
    with translation.override("nl"):
        assert ("C", "C — calculerend") in [(k, str(v)) for k, v in BevindingForm().fields["gedrag"].choices]


def test_onbekende_tekst_blijft_zoals_ingevoerd():
    with translation.override("en"):
        assert term("Lekbakken onder de olieopslag") == "Lekbakken onder de olieopslag"
        assert term("") == "" and term(None) == ""


# --- the pages ------------------------------------------------------------------------------------------------


def _zichtbaar(fragment: str) -> str:
    """The text a reader sees: no scripts, no tags, entities decoded, whitespace collapsed."""
    fragment = re.sub(r"<(script|style)\b.*?</\1>", " ", fragment, flags=re.S)
    return re.sub(r"\s+", " ", html.unescape(re.sub(r"<[^>]+>", " ", fragment))).strip()


def _los_nederlands(tekst: str) -> list[str]:
    """The Dutch domain labels in `tekst` outside brackets (a bracket holds the Dutch term beside the English)."""
    buiten = tekst
    while re.search(r"\([^()]*\)", buiten):
        buiten = re.sub(r"\([^()]*\)", " ", buiten)
    return [w for w in NEDERLANDS if re.search(rf"(?<!\w){re.escape(w)}(?!\w)", buiten, re.I)]


def _stukken(pagina: str, patroon: str) -> list[str]:
    return [_zichtbaar(s) for s in re.findall(patroon, pagina, re.S)]


@pytest.fixture
def jurist():
    return zaak.gebruiker("jurist", {"odzob": [Rol.HANDHAVER]})


@pytest.fixture
def client_en(jurist):
    client = zaak.browser(jurist)
    client.cookies[django_settings.LANGUAGE_COOKIE_NAME] = "en"
    return client


@pytest.fixture
def overtreding(jurist):
    overtreding = zaak.overtreding(jurist)
    zaak.positie(jurist, overtreding, gedrag="C", gevolg="2")
    return overtreding


@pytest.mark.django_db
def test_lhso_wizard_en_matrix_in_het_engels(client_en, overtreding):
    pagina = client_en.get(f"/handhaving/overtredingen/{overtreding.uuid}/positioneren").content.decode()
    tekst = _zichtbaar(pagina)
    for verwacht in (
        "A — well-intentioned (goedwillend)",
        "D — notorious/criminal (notoir/crimineel)",
        "4 — considerable and/or irreversible (aanzienlijk en/of onomkeerbaar)",
        "Wants to comply with the rules",
        "danger to people or defenceless victims",
    ):
        assert verwacht in tekst, verwacht
    matrix = _zichtbaar(re.search(r'<table class="ovth-matrix".*?</table>', pagina, re.S).group(0))
    assert "calculating (calculerend)" in matrix and "significant (van belang)" in matrix
    assert not _los_nederlands(tekst), _los_nederlands(tekst)
    # The script shows the API's Dutch track and instruments through the page's own list of terms.
    termen = re.search(r'<script id="lhso-termen" type="application/json">(.*?)</script>', pagina, re.S).group(1)
    assert '"Last onder dwangsom": "Order subject to a penalty (last onder dwangsom)"' in termen


@pytest.mark.django_db
def test_advies_zonder_script_in_het_engels(client_en, overtreding):
    pagina = client_en.post(
        f"/handhaving/overtredingen/{overtreding.uuid}/positioneren",
        {"gedrag": "C", "gevolg": "3", "handhaving_geindiceerd": "on", "actie": "advies"},
    ).content.decode()
    advies = _zichtbaar(re.search(r'<div id="advies-inhoud".*?</div>', pagina, re.S).group(0))
    assert "Track: administrative remedy and criminal law (bestuursrechtelijk herstel en strafrechtelijk)" in advies
    assert "Order subject to a penalty (last onder dwangsom)" in advies
    assert "Administrative fine (bestuurlijke boete)" in advies


@pytest.mark.django_db
def test_instrumentenlijst_in_het_engels(client_en, overtreding):
    pagina = client_en.get(f"/handhaving/overtredingen/{overtreding.uuid}/maatregel").content.decode()
    opties = _stukken(pagina, r"<option[^>]*>(.*?)</option>")
    assert "Order subject to a penalty (last onder dwangsom) — advised" in opties
    for verwacht in (
        "Administrative enforcement order (last onder bestuursdwang)",
        "Administrative fine (bestuurlijke boete)",
        "Administrative penalty order (bestuurlijke strafbeschikking)",
        "Toleration decision (gedoogbeschikking)",
        "Intensified supervision (verscherpt toezicht)",
    ):
        assert verwacht in opties, verwacht
    assert "track administrative law (bestuursrechtelijk)" in _zichtbaar(pagina)
    assert not _los_nederlands(_zichtbaar(pagina)), _los_nederlands(_zichtbaar(pagina))
    # The first step of a chosen instrument: its heading and button.
    pagina = client_en.get(f"/handhaving/overtredingen/{overtreding.uuid}/maatregel", {"instrument": "LOD"})
    knoppen = _stukken(
        pagina.content.decode(), r'<button class="utrecht-button utrecht-button--primary-action"[^>]*>(.*?)</button>'
    )
    assert "Notice of intended order, inviting views (voornemen, zienswijze)" in knoppen
    assert not _los_nederlands(" ".join(knoppen)), knoppen


@pytest.mark.django_db
def test_zaak_met_volgende_stappen_in_het_engels(client_en, jurist, overtreding):
    zaak.dwangsom(jurist, overtreding)
    pagina = client_en.get(f"/handhaving/overtredingen/{overtreding.uuid}").content.decode()
    kop = _stukken(pagina, r'<h3 class="utrecht-heading-3" id="maatregel-kop-[^"]*">(.*?)</h3>')
    assert kop == [
        "Order subject to a penalty (last onder dwangsom) — decision: order subject to a penalty "
        "(besluit last onder dwangsom)"
    ]
    knoppen = _stukken(pagina, r'<button class="utrecht-button utrecht-button--primary-action"[^>]*>(.*?)</button>')
    samenvattingen = _stukken(pagina, r'<details class="ovth-stap"[^>]*>\s*<summary>(.*?)</summary>')
    for stap in (
        "Re-inspection: violation continues (hercontrole)",
        "Violation ended",
        "Withdraw the measure",
        "Toleration decision (gedoogbeschikking)",
    ):
        assert stap in knoppen and stap in samenvattingen, stap
    positie = _stukken(pagina, r'<p class="utrecht-paragraph"><strong>Cell C2</strong>(.*?)</p>')
    assert positie and "administrative law (bestuursrechtelijk)" in positie[0]
    advies = _stukken(pagina, r'<p class="utrecht-paragraph">Advised instruments:(.*?)</p>')
    assert advies == [
        "Written warning with re-inspection (schriftelijke waarschuwing), "
        "Order subject to a penalty (last onder dwangsom)"
    ]
    stappen = _stukken(
        pagina, r'<td class="utrecht-table__cell">[^<]*→[^<]*</td>\s*<td class="utrecht-table__cell">(.*?)</td>'
    )
    assert stappen == [
        "16 February 2026 (period for views (zienswijzetermijn))",
        "30 March 2026 (grace period (begunstigingstermijn))",
    ]
    gronden = _stukken(pagina, r'</summary>\s*<p class="utrecht-paragraph ovth-klein">(.*?)</p>')
    assert "Re-inspection after the term (CIM: a new Controle prompted by the Overtreding)" in gronden
    voorwaarden = _stukken(pagina, r'<p class="utrecht-paragraph ovth-klein">Conditions:(.*?)</p>')
    assert "the grace period (begunstigingstermijn) has passed" in voorwaarden
    keuzes = _stukken(pagina, r'<select name="m\d+-ingetrokken-werking".*?</select>')
    assert keuzes and "for the future" in keuzes[0] and "with retroactive effect" in keuzes[0]
    labels = " ".join(kop + knoppen + samenvattingen + positie + advies + stappen + gronden + voorwaarden + keuzes)
    assert not _los_nederlands(labels), _los_nederlands(labels)


@pytest.mark.django_db
def test_checklist_in_het_engels():
    """The shipped demo checklist, as the demo loads it, on the checklist page of its administrator."""
    call_command("load_catalogus", verbosity=0, stdout=io.StringIO())
    beheerder = zaak.gebruiker("beheerder", {"odzob": [Rol.FUNCTIONEEL_BEHEERDER]})
    actor = actor_voor(beheerder, organisatie_id=Organisatie.objects.get(code="odzob").pk)
    naam, punten = CHECKLISTS["bal-3.5"]
    onderwerp = toezicht.controleonderwerp_maken(
        actor=actor, activiteitcode="bal-3.5", naam=naam, geldig_vanaf=timezone.localdate()
    )
    for i, tekst in enumerate(punten):
        toezicht.aandachtspunt_maken(actor=actor, onderwerp=onderwerp, tekst=tekst, volgorde=i)
    toezicht.aandachtspunt_maken(actor=actor, onderwerp=onderwerp, tekst="Lekbak onder de olieopslag", volgorde=9)
    client = zaak.browser(beheerder)
    client.cookies[django_settings.LANGUAGE_COOKIE_NAME] = "en"
    pagina = client.get("/toezicht/checklists").content.decode()
    kop = _stukken(pagina, rf'<h2 class="utrecht-heading-2" id="onderwerp-kop-{onderwerp.pk}">(.*?)</h2>')
    assert kop == ["Waste management (bal-3.5)"]
    tekst = _zichtbaar(pagina)
    assert "Acceptance and processing policy in place" in tekst and "Waste register kept up to date" in tekst
    assert "Lekbak onder de olieopslag" in tekst  # what a user typed stays as typed
    assert not _los_nederlands(tekst), _los_nederlands(tekst)
