"""The shipped Bal chapter 3 catalogue: complete against the shared table of contents, sourced, well formed, and the
duties of hand-checked paragraphs; plus the regeneration script on a small corpus-shaped fixture."""

import csv
import importlib.util
import io
import sys
from pathlib import Path

import pytest
import yaml

from openvth.organisaties.fouten import OngeldigeInvoer
from openvth.organisaties.services import systeem_actor
from openvth.register.services import CATALOGUS, catalogus_laden

ROOT = Path(__file__).resolve().parents[2]
INHOUD = ROOT.parent / "shared" / "reference" / "bal-hoofdstuk3.csv"
_spec = importlib.util.spec_from_file_location("bal_catalogus", ROOT / "scripts" / "bal_catalogus.py")
assert _spec and _spec.loader
bal_catalogus = importlib.util.module_from_spec(_spec)
sys.modules["bal_catalogus"] = bal_catalogus  # its dataclass looks its module up while being defined
_spec.loader.exec_module(bal_catalogus)


def _rijen() -> dict[str, dict[str, str]]:
    with CATALOGUS.open(encoding="utf-8", newline="") as f:
        return {r["code"]: r for r in csv.DictReader(f)}


def test_alle_afdelingen_en_paragrafen():
    rijen = _rijen()
    assert sorted(c for c, r in rijen.items() if r["niveau"] == "1") == sorted(f"bal-3.{n}" for n in range(1, 12))
    assert sum(r["niveau"] == "2" for r in rijen.values()) == 103
    if INHOUD.exists():  # the shared table of contents sits next to the repository on the lead's machine
        with INHOUD.open(encoding="utf-8", newline="") as f:
            assert {r["code"] for r in csv.DictReader(f)} <= set(rijen)


def test_codes_uniek_ouders_bestaan_elke_rij_een_bron():
    with CATALOGUS.open(encoding="utf-8", newline="") as f:
        lijst = list(csv.DictReader(f))
    rijen = {r["code"]: r for r in lijst}
    assert len(rijen) == len(lijst)
    for r in lijst:
        assert "regelrecht-corpus@" in r["bron"], r["code"]
        if r["niveau"] == "1":
            assert r["bovenliggende_code"] == ""
        else:
            ouder = rijen[r["bovenliggende_code"]]
            assert int(ouder["niveau"]) == int(r["niveau"]) - 1
            assert r["code"].startswith(ouder["code"] + ".")
            assert r["aanwijzingsartikel"], r["code"]


def test_codes_van_de_vorige_catalogus_blijven():
    oud = {"bal-3.2", "bal-3.3", "bal-3.4", "bal-3.5", "bal-3.6", "bal-3.7", "bal-3.8", "bal-3.2.1", "bal-3.2.5"}
    oud |= {"bal-3.2.6", "bal-3.2.12", "bal-3.3.1", "bal-3.3.13", "bal-3.6.1", "bal-3.6.2", "bal-3.6.3", "bal-3.6.4"}
    assert oud | {"bal-3.7.4"} <= set(_rijen())


@pytest.mark.parametrize(
    ("code", "vergunning", "informatie"),
    [
        # Read by hand in the 2026-07-11 consolidation: art. 3.36 designates, 3.37 applies Ow 5.1.
        ("bal-3.2.12", "3.37", ""),
        # Art. 3.30 designates (fireworks), 3.31 applies Ow 5.1; 3.32 points to par. 4.102.
        ("bal-3.2.10", "3.31", ""),
        # Art. 3.33 designates (explosives), 3.34 applies Ow 5.1; 3.35 points to par. 4.103.
        ("bal-3.2.11", "3.34", ""),
        # Art. 3.184 designates waste treatment; 3.193-3.197 apply Ow 5.1 (3.185-3.192 per the shared table).
        ("bal-3.5.11", ";".join(f"3.{n}" for n in range(185, 198)), "3.199"),
        # No article of chapter 3 requires a permit for a crematorium; art. 3.241 is its information duty.
        ("bal-3.7.4", "", "3.241"),
    ],
)
def test_plichten_met_de_hand_nagelezen(code, vergunning, informatie):
    r = _rijen()[code]
    assert r["vergunningplicht_artikelen"] == vergunning
    assert r["informatieplicht_artikelen"] == informatie
    assert ("vergunningplicht" in r["kwalificaties"].split(";")) == bool(vergunning)
    if informatie:
        assert "informatieplicht" in r["kwalificaties"].split(";")


@pytest.mark.parametrize(
    ("code", "melding"),
    [
        # Read in the 2026-07-11 consolidation: art. 3.20 points to par. 4.111 (melding 4.1136) and 4.112 (4.1149).
        ("bal-3.2.6", "4.1136;4.1149"),
        # Art. 3.32 points only to par. 4.102, whose art. 4.1030 is the melding.
        ("bal-3.2.10", "4.1030"),
        # Art. 3.23 points to par. 4.91 (melding 4.897) and 4.92 (4.903).
        ("bal-3.2.7", "4.897;4.903"),
        # Art. 3.26 points to par. 4.93-4.97, one melding article each.
        ("bal-3.2.8", "4.911;4.927;4.943;4.959;4.984"),
        # Art. 3.8 points to par. 4.46 (melding 4.569) and 4.110 (4.1128, discharging cooling water).
        ("bal-3.2.2", "4.569;4.1128"),
        # Art. 3.14-3.14b point to par. 4.30 (melding 4.427), 4.30a and 4.30b (none: permit-bound activity only).
        ("bal-3.2.4", "4.427"),
        # Art. 3.17 points to par. 4.33 (melding 4.433) and 4.110 (4.1128).
        ("bal-3.2.5", "4.433;4.1128"),
        # Art. 3.29 points to par. 4.98 (melding 4.1005) and 4.99 (4.1016).
        ("bal-3.2.9", "4.1005;4.1016"),
        # Art. 3.35 points to par. 4.103, whose art. 4.1049 is the melding.
        ("bal-3.2.11", "4.1049"),
        # Art. 3.38 points to par. 4.100 (art. 4.1021-4.1024); 4.1022 is the melding, 4.1023 a gelijkwaardige maatregel.
        ("bal-3.2.12", "4.1022"),
        # Art. 3.322 points to par. 4.109: no four-week melding, but art. 4.1119 (48 hours before flaring or venting).
        ("bal-3.10.1", "4.1119"),
    ],
)
def test_meldingsartikelen_met_de_hand_nagelezen(code, melding):
    r = _rijen()[code]
    assert r["meldingsplicht_artikelen"] == melding
    assert "meldingsplicht" in r["kwalificaties"].split(";")
    if code != "bal-3.2.6":  # read in version b, whose bron keeps the wording of that pass
        assert "meldingsplicht en informatieplicht conservatief" not in r["bron"], code


def test_informatieartikel_mijnbouwwerk_uit_paragraaf_4_109():
    # Art. 4.1117: data and documents four weeks before the start of the activity of art. 4.1116.
    assert _rijen()["bal-3.10.1"]["informatieplicht_artikelen"] == "4.1117"


@pytest.mark.parametrize(
    "code",
    [
        "bal-3.2.3",  # art. 3.9-3.10: wholly permit-bound, no richtingaanwijzer to chapter 4
        "bal-3.2.14",  # art. 3.40b-3.40c: likewise
        "bal-3.9.4",  # richtingaanwijzer 3.315 names only par. 5.4.1
        "bal-3.9.5",  # richtingaanwijzer 3.318 names only par. 5.4.1
        "bal-3.2.13",  # richtingaanwijzer 3.40a names only par. 4.32 (art. 4.431c-4.431d), which has no melding
        "bal-3.3.12",  # art. 3.85: wholly permit-bound; richtingaanwijzer 3.86 names only chapter-5 paragraphs
    ],
)
def test_geen_meldingsplicht_waar_de_wet_er_geen_kent(code):
    r = _rijen()[code]
    assert "meldingsplicht" not in r["kwalificaties"].split(";") and r["meldingsplicht_artikelen"] == ""
    assert "meldingsplicht: geen" in r["bron"] or "meldingsplicht en informatieplicht: geen" in r["bron"]


def test_114_rijen_elke_paragraaf_een_aanwijzingsartikel():
    rijen = _rijen()
    assert len(rijen) == 114
    assert all(r["aanwijzingsartikel"].startswith("3.") for r in rijen.values() if r["niveau"] == "2")


def test_plichtartikelen_staan_in_het_goede_hoofdstuk_en_de_goede_paragraaf():
    """Permit articles are chapter 3, melding articles chapter 4 (chapter 3 designates, chapter 4 holds the
    notification duties); a chapter-3 article cited for a paragraph lies between its designating article and the
    next paragraph's, since chapter 3 is ordered by paragraph."""
    sleutel = bal_catalogus.nummer_sleutel
    paragrafen = sorted(
        (r for r in _rijen().values() if r["niveau"] == "2"), key=lambda r: sleutel(r["aanwijzingsartikel"])
    )
    assert [r["code"] for r in paragrafen] == sorted((r["code"] for r in paragrafen), key=lambda c: sleutel(c[4:]))
    for i, r in enumerate(paragrafen):
        vergunning, informatie, melding = (
            [a for a in r[k].split(";") if a]
            for k in ("vergunningplicht_artikelen", "informatieplicht_artikelen", "meldingsplicht_artikelen")
        )
        assert all(a.startswith("3.") for a in vergunning), r["code"]
        assert all(a.startswith("4.") for a in melding), r["code"]
        assert all(a.startswith(("3.", "4.")) for a in informatie), r["code"]
        onder = sleutel(r["aanwijzingsartikel"])
        boven = sleutel(paragrafen[i + 1]["aanwijzingsartikel"]) if i + 1 < len(paragrafen) else None
        for a in [a for a in vergunning + informatie if a.startswith("3.")]:
            assert onder < sleutel(a) and (boven is None or sleutel(a) < boven), (r["code"], a)


def test_kwalificaties_en_artikelkolommen_stemmen_overeen():
    """A cited article means the duty; a duty without an article is only allowed as a marked conservative guess
    (melding, information) or, for the permit, never: chapter 3 is where permit duties are designated."""
    for r in _rijen().values():
        if r["niveau"] != "2":
            continue
        kw = set(r["kwalificaties"].split(";"))
        assert ("vergunningplicht" in kw) == bool(r["vergunningplicht_artikelen"]), r["code"]
        for plicht, kolom in (
            ("meldingsplicht", "meldingsplicht_artikelen"),
            ("informatieplicht", "informatieplicht_artikelen"),
        ):
            if r[kolom]:
                assert plicht in kw, r["code"]
            elif plicht in kw:
                assert "conservatief opgenomen [check]" in r["bron"], (r["code"], plicht)


def test_geen_afgeleide_naam_waar_de_kop_bevestigd_is():
    for r in _rijen().values():
        bevestigd = "naam: letterlijke kop" in r["bron"]
        assert not (bevestigd and "[afgeleid]" in r["naam"]), r["code"]
        if not bevestigd:
            assert "[check]" in r["bron"], r["code"]  # an unconfirmed name is marked for a person to check


def test_afdeling_draagt_de_plichten_van_haar_paragrafen():
    rijen = _rijen()
    for r in rijen.values():
        if r["niveau"] == "2":
            assert set(r["kwalificaties"].split(";")) <= set(rijen[r["bovenliggende_code"]]["kwalificaties"].split(";"))


@pytest.mark.django_db
def test_lader_weigert_plichtartikel_zonder_kwalificatie(tmp_path):
    with CATALOGUS.open(encoding="utf-8", newline="") as f:
        lijst = list(csv.DictReader(f))
    rij = next(r for r in lijst if r["code"] == "bal-3.2.12")
    rij["kwalificaties"] = "zorgplicht"
    pad = tmp_path / "activiteiten.csv"
    with pad.open("w", encoding="utf-8", newline="") as f:
        w = csv.DictWriter(f, fieldnames=list(lijst[0]), lineterminator="\r\n")
        w.writeheader()
        w.writerows(lijst)
    with pytest.raises(OngeldigeInvoer, match="vergunningplicht_artikelen"):
        catalogus_laden(actor=systeem_actor("test"), pad=pad)


@pytest.mark.django_db
def test_lader_leest_de_oude_kolommen_nog(tmp_path):
    with CATALOGUS.open(encoding="utf-8", newline="") as f:
        lijst = list(csv.DictReader(f))
    kolommen = list(lijst[0])[:10]
    pad = tmp_path / "oud.csv"
    with pad.open("w", encoding="utf-8", newline="") as f:
        w = csv.DictWriter(f, fieldnames=kolommen, extrasaction="ignore", lineterminator="\r\n")
        w.writeheader()
        w.writerows(lijst)
    assert catalogus_laden(actor=systeem_actor("test"), pad=pad).aangemaakt == len(lijst)


# --- the regeneration script on a fixture shaped like the corpus (placeholder wording, not the law's) ---------------


def _ref(artikel=None, paragraaf=None, hoofdstuk=None, afdeling=None, bwb="BWBR0041330"):
    r = {"id": "ref", "bwb_id": bwb}
    for k, v in (("artikel", artikel), ("hoofdstuk", hoofdstuk), ("paragraaf", paragraaf), ("afdeling", afdeling)):
        if v:
            r[k] = v
    return r


FIXTURE = [
    {"number": "3.4", "text": "X wordt aangewezen (proef).", "references": []},
    {
        "number": "3.5",
        "text": "Proef: omgevingsvergunning voor art. 3.4.",
        "references": [_ref("5.1", bwb="BWBR0037885"), _ref("3.4", "3.2.1", "3", "3.2")],
    },
    {
        "number": "3.6",
        "text": "Bij 3.4 wordt voldaan aan de regels over par. 4.3.",
        "references": [_ref("3.4", "3.2.1", "3", "3.2"), _ref(paragraaf="4.3", hoofdstuk="4")],
    },
    {"number": "3.7", "text": "Y wordt aangewezen (proef).", "references": []},
    {
        "number": "3.8",
        "text": "Proef: gegevens en bescheiden vooraf.",
        "references": [_ref("3.7", "3.2.2", "3", "3.2")],
    },
    {
        "number": "4.5",
        "text": "1 Het is verboden de milieubelastende activiteit, bedoeld in [artikel 4.4][ref1], te verrichten"
        " zonder dit ten\n      minste vier weken voor het begin ervan te melden.",
        "references": [],
    },
    {
        # A gelijkwaardige maatregel reported in advance is not the activity's melding (cf. art. 4.1023).
        "number": "4.6",
        "text": "b. het verboden de maatregel te treffen zonder dit ten minste vier weken van tevoren te melden.",
        "references": [_ref("4.5", "4.3", "4")],
    },
]


def test_script_leidt_plichten_af_uit_het_corpus(tmp_path):
    map_ = tmp_path / "corpus" / bal_catalogus.MAP
    map_.mkdir(parents=True)
    (map_ / "2024-01-01.yaml").write_text(yaml.safe_dump({"articles": FIXTURE[:1]}), encoding="utf-8")
    (map_ / "2026-07-11.yaml").write_text(yaml.safe_dump({"articles": FIXTURE}), encoding="utf-8")
    with CATALOGUS.open(encoding="utf-8", newline="") as f:
        lijst = [r for r in csv.DictReader(f) if r["code"] in ("bal-3.2", "bal-3.2.1", "bal-3.7.4")]
    catalogus = tmp_path / "catalogus.csv"
    with catalogus.open("w", encoding="utf-8", newline="") as f:
        w = csv.DictWriter(f, fieldnames=list(lijst[0]), lineterminator="\r\n")
        w.writeheader()
        w.writerows(lijst)
    uit = tmp_path / "uit.csv"
    assert bal_catalogus.main([str(tmp_path / "corpus"), "--catalogus", str(catalogus), "--uit", str(uit)]) == 0
    rijen = {r["code"]: r for r in csv.DictReader(io.StringIO(uit.read_text(encoding="utf-8")))}
    p1 = rijen["bal-3.2.1"]
    assert (p1["aanwijzingsartikel"], p1["vergunningplicht_artikelen"], p1["meldingsplicht_artikelen"]) == (
        "3.4",
        "3.5",
        "4.5",
    )
    assert p1["kwalificaties"] == "meldingsplicht;vergunningplicht;zorgplicht"
    assert p1["naam"] == "Stookinstallatie"  # a name the catalogue already has is kept
    p2 = rijen["bal-3.2.2"]
    assert (p2["informatieplicht_artikelen"], p2["kwalificaties"]) == ("3.8", "informatieplicht;zorgplicht")
    assert p2["naam"] == "[afgeleid] zie art. 3.7" and "[check]" in p2["bron"]
    assert "2026-07-11.yaml" in p1["bron"]  # newest consolidation by default
    assert "bal-3.7.4" in rijen  # codes absent from this version are kept, never dropped
