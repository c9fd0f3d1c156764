"""Tests voor regels/risico.py: validatie, IED-grenzen, verval, certificering, uitsplitsing, klassengrenzen en
gelijkheid van de vectoriële en de scalaire berekening."""

import copy
import json
from datetime import date, timedelta

import numpy as np
import pytest

from openvth.regels import risico
from openvth.regels.lhso import Gedrag, Gevolg
from openvth.regels.risico import (
    Certificering,
    Kenmerken,
    Naleefgegeven,
    OngeldigModel,
    laad_model,
    model_uit_dict,
    score,
    score_alle,
    voorbeeldmodel,
)
from openvth.regels.tabeldata import meegeleverd

PEIL = date(2026, 6, 1)
RUW = meegeleverd(risico.VOORBEELDBESTAND)
MODEL = voorbeeldmodel()


def _aangepast(wijzig):
    d = copy.deepcopy(RUW)
    wijzig(d)
    return d


def test_voorbeeldmodel_laadt():
    assert MODEL.versie == "voorbeeld-2026-1"
    assert "[check]" in MODEL.beschrijving
    assert [k.nummer for k in MODEL.klassen] == [1, 2, 3, 4, 5]
    assert MODEL.klassen[-1].frequentie_maanden_ied <= 12


def test_laad_model_uit_bestand(tmp_path):
    pad = tmp_path / "m.json"
    pad.write_text(json.dumps(RUW), "utf-8")
    assert laad_model(pad) == MODEL
    pad.write_text("{kapot", "utf-8")
    with pytest.raises(OngeldigModel, match="geen geldige JSON"):
        laad_model(pad)


@pytest.mark.parametrize(
    ("wijzig", "reden"),
    [
        (lambda d: d["gewichten"]["impact"].__setitem__("ied", -0.15), "negatief gewicht"),
        (lambda d: d["gewichten"]["impact"].__setitem__("ied", 0.25), "tellen op tot"),
        (lambda d: d["gewichten"]["prestatie"].__setitem__("certificering", 0.5), "tellen op tot"),
        (lambda d: d["gewichten"]["impact"].__setitem__("geur", 0.0), "onbekende impactcriteria"),
        (lambda d: d["gewichten"]["prestatie"].pop("certificering"), "geen gewicht voor prestatiecriteria"),
        (lambda d: d["gewichten"]["impact"].__setitem__("ied", "veel"), "verwacht een getal"),
        (lambda d: d["klassen"].reverse(), "klassen moeten 1..5"),
        (lambda d: d["klassen"].pop(2), "klassen moeten 1..4"),
        (lambda d: d["klassen"][1].__setitem__("van", 8), "overlappen"),
        (lambda d: d["klassen"][1].__setitem__("van", 12), "gat tussen"),
        (lambda d: d["klassen"][0].__setitem__("van", 1), "bij score 0 beginnen"),
        (lambda d: d["klassen"][2].__setitem__("tot", 20), "ligt niet boven"),
        (lambda d: d["klassen"][-1].__setitem__("tot", 100), "dekken de scores"),
        (lambda d: d["klassen"][0].__setitem__("frequentie_maanden_ied", 48), "art. 23 lid 4"),
        (lambda d: d["klassen"][-1].__setitem__("frequentie_maanden_ied", 18), "hoogste klasse 5"),
        (lambda d: d["klassen"][3].__setitem__("frequentie_maanden", 48), "minder vaak bezocht"),
        (lambda d: d["klassen"][0].__setitem__("kleur", "groen"), "onbekende velden"),
        (lambda d: d.__setitem__("extra", 1), "onbekende velden"),
        (lambda d: d.pop("normuren"), "ontbrekende velden"),
        (lambda d: d.__setitem__("schema", "iets/2"), "onbekend schema"),
        (lambda d: d.__setitem__("versie", " "), "versie ontbreekt"),
        (lambda d: d["impact"].__setitem__("emissie", [0, 0.5, 1]), "precies 4 waarden"),
        (lambda d: d["impact"].__setitem__("emissie", [0, 0.7, 0.5, 1]), "geen lagere waarde"),
        (lambda d: d["impact"]["activiteit"]["prefixen"].__setitem__("bal-3.9", 1.2), "tussen 0 en 1"),
        (lambda d: d["impact"]["omgeving"]["banden"][0].__setitem__("vanaf", 1), "beginnen bij 0"),
        (lambda d: d["impact"]["omgeving"]["banden"][2].__setitem__("vanaf", 1), "niet strikt oplopend"),
        (lambda d: d["prestatie"]["naleefhistorie"]["gevolg_gewicht"].pop("4"), "gevolgklassen"),
        (lambda d: d["prestatie"]["naleefhistorie"]["gevolg_gewicht"].__setitem__("B", 1), "assen|gevolgklasse"),
        (lambda d: d["prestatie"]["naleefhistorie"]["gedrag_gewicht"].__setitem__("E", 1), "onbekend gedrag"),
        (lambda d: d["prestatie"]["naleefhistorie"].__setitem__("halfwaardetijd_jaren", 0), "halfwaardetijd"),
        (lambda d: d["prestatie"]["certificering"].__setitem__("emas", 1.1), "tussen 0 en 1"),
        (
            lambda d: (
                d["prestatie"]["certificering"].__setitem__("iso14001", 1.0)
                or d["prestatie"]["certificering"].__setitem__("geen", 0.9)
            ),
            "niet verhogen",
        ),
        (lambda d: d["prestatie"]["certificering"].__setitem__("iso9001", 0.5), "onbekende waarde"),
        (lambda d: d["combinatie"].__setitem__("factor_min", 2.0), "factor_min"),
        (lambda d: d["combinatie"].__setitem__("methode", "som"), "onbekende methode"),
        (lambda d: d["normuren"].__setitem__("hercontrole", 0), "normuren"),
    ],
)
def test_inconsistent_model_geweigerd_met_reden(wijzig, reden):
    with pytest.raises(OngeldigModel, match=reden):
        model_uit_dict(_aangepast(wijzig))


def test_ongeldig_model_is_valueerror():
    assert issubclass(OngeldigModel, ValueError)


def test_ied_grens_precies_36_en_12_toegestaan():
    def wijzig(d):
        for k in d["klassen"]:
            k["frequentie_maanden_ied"] = 36
        d["klassen"][-1]["frequentie_maanden_ied"] = 12

    model_uit_dict(_aangepast(wijzig))
    with pytest.raises(OngeldigModel, match="≤ 36"):
        model_uit_dict(_aangepast(lambda d: (wijzig(d), d["klassen"][1].__setitem__("frequentie_maanden_ied", 37))))
    with pytest.raises(OngeldigModel, match="ten minste eens per jaar"):
        model_uit_dict(_aangepast(lambda d: (wijzig(d), d["klassen"][-1].__setitem__("frequentie_maanden_ied", 13))))


def test_ied_installatie_krijgt_ied_frequentie():
    k = Kenmerken("bal-3.7", woningen_250m=0)
    gewoon = score(MODEL, k, peildatum=PEIL)
    assert gewoon.klasse == 1 and gewoon.frequentie_maanden == 60
    # dezelfde score, maar als IED-installatie: nooit langer dan 36 maanden
    m = model_uit_dict(_aangepast(lambda d: d["gewichten"]["impact"].update(activiteit=0.45, ied=0.0)))
    ied = score(m, Kenmerken("bal-3.7", ied=True), peildatum=PEIL)
    assert ied.klasse == 1 and ied.frequentie_maanden == 36
    assert any("art. 23 lid 4" in r for r in ied.motivering)


def _schending(dagen_geleden, gevolg="3", gedrag="B"):
    return Naleefgegeven(PEIL - timedelta(days=dagen_geleden), Gevolg(gevolg), Gedrag(gedrag))


def _historie(r):
    return next(o for o in r.onderdelen if o.criterium == "naleefhistorie")


def test_verval_oude_overtreding_weegt_minder():
    oud = score(MODEL, Kenmerken("bal-3.4", historie=(_schending(3653),)), peildatum=PEIL)
    recent = score(MODEL, Kenmerken("bal-3.4", historie=(_schending(365),)), peildatum=PEIL)
    geen = score(MODEL, Kenmerken("bal-3.4"), peildatum=PEIL)
    assert geen.score < oud.score < recent.score
    assert _historie(oud).waarde < _historie(recent).waarde
    # halfwaardetijd: na precies één halfwaardetijd telt een overtreding half
    halfwaarde = round(MODEL.halfwaardetijd_jaren * 365.25)
    een = score(MODEL, Kenmerken("bal-3.4", historie=(_schending(0),)), peildatum=PEIL)
    half = score(MODEL, Kenmerken("bal-3.4", historie=(_schending(halfwaarde),)), peildatum=PEIL)
    assert _historie(half).waarde == pytest.approx(_historie(een).waarde / 2, rel=1e-3)  # 730 van 730,5 dagen


def test_overtreding_na_peildatum_telt_niet():
    later = Naleefgegeven(PEIL + timedelta(days=1), Gevolg.AANZIENLIJK, Gedrag.NOTOIR)
    met = score(MODEL, Kenmerken("bal-3.4", historie=(later,)), peildatum=PEIL)
    zonder = score(MODEL, Kenmerken("bal-3.4"), peildatum=PEIL)
    assert (met.score, met.klasse, _historie(met).waarde) == (zonder.score, zonder.klasse, 0.0)


def test_gevolg_en_gedrag_wegen_zwaarder():
    def h(gevolg, gedrag):
        return _historie(
            score(MODEL, Kenmerken("bal-3.4", historie=(_schending(30, gevolg, gedrag),)), peildatum=PEIL)
        ).waarde

    assert h("1", "B") < h("2", "B") < h("3", "B") < h("4", "B")
    assert h("2", "A") < h("2", "B") < h("2", "C") < h("2", "D")
    zonder = Naleefgegeven(PEIL - timedelta(days=30), Gevolg.BEPERKT)
    assert _historie(score(MODEL, Kenmerken("bal-3.4", historie=(zonder,)), peildatum=PEIL)).waarde == h("2", "B")
    # verzadiging: de waarde blijft ≤ 1
    veel = tuple(_schending(10, "4", "D") for _ in range(20))
    assert _historie(score(MODEL, Kenmerken("bal-3.4", historie=veel), peildatum=PEIL)).waarde == 1.0


@pytest.mark.parametrize("cert", [Certificering.ISO14001, Certificering.EMAS])
def test_certificering_verlaagt(cert):
    k = Kenmerken("bal-3.3", ied=True, emissieklasse=2, historie=(_schending(200),))
    zonder = score(MODEL, k, peildatum=PEIL)
    met = score(MODEL, Kenmerken(**{**k.__dict__, "certificering": cert}), peildatum=PEIL)
    assert met.score < zonder.score
    emas = score(MODEL, Kenmerken(**{**k.__dict__, "certificering": Certificering.EMAS}), peildatum=PEIL)
    assert emas.score <= met.score


def test_uitsplitsing_telt_op_tot_score():
    k = Kenmerken(
        "bal-3.3.1",
        ied=True,
        seveso=True,
        zzs=True,
        emissieklasse=3,
        ongevalsrisico=2,
        woningen_250m=75,
        historie=(_schending(100), _schending(900, "1", "A")),
        certificering=Certificering.ISO14001,
    )
    r = score(MODEL, k, peildatum=PEIL)
    assert sum(o.bijdrage for o in r.onderdelen) == pytest.approx(r.score, rel=1e-12)
    assert [o.criterium for o in r.onderdelen] == [*risico.IMPACTCRITERIA, *risico.PRESTATIECRITERIA]
    assert r.score == pytest.approx(MODEL.schaal * r.impact * r.prestatiefactor)
    assert r.modelversie == "voorbeeld-2026-1"
    assert any("klasse" in regel for regel in r.motivering)


def test_activiteitprefix_op_segmentgrens():
    assert MODEL.basisrisico("bal-3.2.12") == (0.80, "bal-3.2.12")
    assert MODEL.basisrisico("bal-3.2.1") == (0.40, "bal-3.2.1")
    assert MODEL.basisrisico("bal-3.2.13") == (0.30, "bal-3.2")  # niet bal-3.2.1
    assert MODEL.basisrisico("bal-3.20") == (MODEL.activiteit_standaard, None)
    assert MODEL.basisrisico("onbekend") == (MODEL.activiteit_standaard, None)


def _lineair_model():
    """Score = 100 × basisrisico: alleen het activiteitcriterium telt en de prestatiefactor is 1."""

    def wijzig(d):
        d["gewichten"]["impact"] = {c: 0.0 for c in risico.IMPACTCRITERIA} | {"activiteit": 1.0}
        d["combinatie"].update(factor_min=1.0, factor_max=1.0)
        d["impact"]["activiteit"]["prefixen"] = {"a": 0.1, "b": 0.2, "c": 0.55, "d": 1.0}
        d["klassen"][-1]["tot"] = 100

    return model_uit_dict(_aangepast(wijzig))


@pytest.mark.parametrize(("code", "klasse"), [("a", 2), ("b", 3), ("c", 5), ("d", 5)])
def test_klassengrens_ondergrens_inclusief(code, klasse):
    m = _lineair_model()
    r = score(m, Kenmerken(code), peildatum=PEIL)
    assert r.score == m.basisrisico(code)[0] * 100
    assert r.klasse == klasse  # 10 → klasse 2 [10, 20); 20 → klasse 3; 55 → klasse 5; 100 (max) → klasse 5


def test_kenmerken_validatie():
    with pytest.raises(ValueError, match="emissieklasse"):
        Kenmerken("x", emissieklasse=4)
    with pytest.raises(ValueError, match="woningen"):
        Kenmerken("x", woningen_250m=-1)


def test_uren_per_jaar():
    assert MODEL.uren_per_jaar(6, "periodieke controle") == 16
    with pytest.raises(KeyError, match="normuren"):
        MODEL.uren_per_jaar(12, "drone-inspectie")


CODES = [
    "bal-3.2.1",
    "bal-3.2.12",
    "bal-3.2.13",
    "bal-3.3.1",
    "bal-3.4",
    "bal-3.5.2",
    "bal-3.6.1",
    "bal-3.7.4",
    "bal-3.8",
    "bal-3.9",
    "x",
]


def _willekeurig(rng, n):
    kenmerken = []
    for _ in range(n):
        historie = tuple(
            Naleefgegeven(
                PEIL - timedelta(days=int(rng.integers(-400, 4000))),
                Gevolg(str(rng.integers(1, 5))),
                None if rng.random() < 0.2 else Gedrag("ABCD"[rng.integers(0, 4)]),
            )
            for _ in range(int(rng.poisson(1.5)))
        )
        kenmerken.append(
            Kenmerken(
                CODES[rng.integers(0, len(CODES))],
                ied=bool(rng.random() < 0.2),
                seveso=bool(rng.random() < 0.1),
                zzs=bool(rng.random() < 0.3),
                emissieklasse=int(rng.integers(0, 4)),
                ongevalsrisico=int(rng.integers(0, 4)),
                woningen_250m=int(rng.choice([0, 1, 9, 10, 49, 50, 200, 999])),
                historie=historie,
                certificering=Certificering(int(rng.integers(0, 3))),
            )
        )
    return kenmerken


def _als_arrays(kenmerken):
    hist = [(i, h) for i, k in enumerate(kenmerken) for h in k.historie]
    gedrag = risico._GEDRAG_CODES
    return dict(
        activiteitcodes=np.array([k.activiteitcode for k in kenmerken]),
        ied=np.array([k.ied for k in kenmerken]),
        seveso=np.array([k.seveso for k in kenmerken]),
        zzs=np.array([k.zzs for k in kenmerken]),
        emissieklasse=np.array([k.emissieklasse for k in kenmerken]),
        ongevalsrisico=np.array([k.ongevalsrisico for k in kenmerken]),
        woningen_250m=np.array([k.woningen_250m for k in kenmerken]),
        certificering=np.array([k.certificering.value for k in kenmerken]),
        historie_locatie=np.array([i for i, _ in hist], dtype=np.int64),
        historie_datum=np.array([h.datum for _, h in hist], dtype="datetime64[D]"),
        historie_gevolg=np.array([int(h.gevolg.value) for _, h in hist], dtype=np.int64),
        historie_gedrag=np.array(
            [0 if h.gedrag is None else gedrag.index(h.gedrag.value) for _, h in hist], dtype=np.int64
        ),
    )


@pytest.mark.parametrize("zaad", [1, 2, 3])
def test_vectorieel_gelijk_aan_scalair(zaad):
    rng = np.random.default_rng(zaad)
    kenmerken = _willekeurig(rng, 300)
    uit = score_alle(MODEL, **_als_arrays(kenmerken), peildatum=PEIL)
    los = [score(MODEL, k, peildatum=PEIL) for k in kenmerken]
    assert uit.score.tolist() == [r.score for r in los]  # bitgelijk, geen approx
    assert uit.klasse.tolist() == [r.klasse for r in los]
    assert uit.frequentie_maanden.tolist() == [r.frequentie_maanden for r in los]
    assert len(set(uit.klasse.tolist())) >= 3


def test_vectorieel_zonder_historie_en_leeg():
    k = [Kenmerken("bal-3.5"), Kenmerken("bal-3.3.1", ied=True, seveso=True, emissieklasse=3, ongevalsrisico=3)]
    arr = _als_arrays(k)
    for sleutel in ("historie_locatie", "historie_datum", "historie_gevolg", "historie_gedrag"):
        arr.pop(sleutel)
    uit = score_alle(MODEL, **arr, peildatum=PEIL)
    assert uit.score.tolist() == [score(MODEL, x, peildatum=PEIL).score for x in k]
    leeg = score_alle(MODEL, **{s: v[:0] for s, v in arr.items()}, peildatum=PEIL)
    assert leeg.score.shape == (0,)
    with pytest.raises(ValueError, match="buiten 0–3"):
        score_alle(MODEL, **{**arr, "emissieklasse": np.array([0, 4])}, peildatum=PEIL)
