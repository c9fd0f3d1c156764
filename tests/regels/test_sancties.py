"""Tests voor regels/sancties.py: de voorbeeldleidraad, de Awb-toetsen, evenredigheid en verbeurde dwangsommen."""

import copy
from datetime import date, timedelta
from decimal import Decimal as D

import pytest
from hypothesis import given
from hypothesis import strategies as st

from openvth.regels import lhso, sancties, tabeldata
from openvth.regels.lhso import InstrumentCategorie
from openvth.regels.sancties import (
    Begunstigingstermijn,
    BestaandeMaatregel,
    DwangsomGeweigerd,
    Dwangsomvorm,
    Rechtsmiddel,
    Rechtsmiddelsoort,
    Strekking,
    Tijdseenheid,
    Verbeurte,
    dwangsom_verjaring,
    dwangsomvoorstel,
    invordering_geschorst,
    laad_leidraden,
    toets_bedragen,
    toets_begunstigingstermijn,
    verbeurde_dwangsommen,
)
from openvth.regels.termijnen import Feestdagenkalender

LEIDRAAD = laad_leidraden()[0]
HERSTEL = InstrumentCategorie.BESTUURSRECHTELIJK_HERSTELLEND


def _ruw() -> dict:
    return copy.deepcopy(tabeldata.meegeleverd(sancties.VOORBEELDBESTAND))


def _voorstel(code: str = "AFVALSTOFFEN_ONJUIST_OPGESLAGEN", **kw) -> sancties.Dwangsomvoorstel:
    return dwangsomvoorstel(overtredingstype=code, leidraad=LEIDRAAD, **kw)


# --- de voorbeeldleidraad ------------------------------------------------------------------------------


def test_voorbeeldleidraad_heeft_tien_overtredingstypen():
    assert LEIDRAAD.versie == "LEIDRAAD-VOORBEELD-1" and LEIDRAAD.afwijkingsgrens == D(2)
    assert len(LEIDRAAD.overtredingstypen) == 10
    assert {
        "GEEN_MELDING",
        "GELUIDSNORMEN_OVERSCHREDEN",
        "LOZING_ZONDER_VERGUNNING",
        "ASBESTVERWIJDERING_ZONDER_MELDING",
        "OPSLAG_MEST_NIET_CONFORM",
    } <= set(LEIDRAAD.overtredingstypen)


@pytest.mark.parametrize("code", sorted(LEIDRAAD.overtredingstypen))
def test_elk_voorbeeldtype_geeft_een_gemotiveerd_voorstel(code):
    richt = LEIDRAAD.overtredingstypen[code]
    v = _voorstel(code)
    assert (v.vorm, v.bedrag, v.begunstigingstermijn) == (richt.vorm, richt.bedrag, richt.begunstigingstermijn)
    assert v.maximum == richt.maximum_voor(richt.bedrag) >= v.bedrag
    assert v.leidraadversie == LEIDRAAD.versie and v.waarschuwingen == ()
    tekst = "\n".join(v.motivering)
    for artikel in ("Awb 5:6", "Awb 5:32a lid 2", "Awb 5:32b lid 1", "Awb 5:32b lid 2", "Awb 5:32b lid 3"):
        assert artikel in tekst
    assert "volgen de leidraad" in tekst


def test_maximumfactor_en_eenheid_in_het_voorstel():
    v = _voorstel("GELUIDSNORMEN_OVERSCHREDEN")
    assert (v.vorm, v.eenheid, v.maximum) == (Dwangsomvorm.PER_OVERTREDING, None, D("10000.00"))
    w = _voorstel("OPSLAG_GEVAARLIJKE_STOFFEN")
    assert (w.eenheid, str(w.begunstigingstermijn)) == (Tijdseenheid.DAG, "5 dagen")
    assert "€ 500,00 per dag dat de last niet is uitgevoerd" in "\n".join(w.motivering)
    assert str(_voorstel("BODEMBESCHERMENDE_VOORZIENING_ONTBREEKT").begunstigingstermijn) == "3 maanden"


def test_onbekend_overtredingstype_geweigerd():
    with pytest.raises(ValueError, match="kent overtredingstype 'ONBEKEND' niet"):
        _voorstel("ONBEKEND")


# --- Awb 5:32a lid 2: begunstigingstermijn --------------------------------------------------------------


@pytest.mark.parametrize("strekking", [Strekking.ONGEDAAN_MAKEN, Strekking.VOORKOMEN_VERDERE_OVERTREDING])
def test_ontbrekende_begunstigingstermijn_geweigerd(strekking):
    with pytest.raises(DwangsomGeweigerd, match="begunstigingstermijn") as fout:
        _voorstel(strekking=strekking, begunstigingstermijn=None)
    assert fout.value.artikel == "Awb 5:32a lid 2"


def test_last_tot_voorkomen_herhaling_vraagt_geen_termijn():
    v = _voorstel("ASBESTVERWIJDERING_ZONDER_MELDING")
    assert v.begunstigingstermijn is None and v.strekking is Strekking.VOORKOMEN_HERHALING
    assert any("niet vereist" in r for r in v.motivering)
    met = _voorstel(
        "ASBESTVERWIJDERING_ZONDER_MELDING", begunstigingstermijn=Begunstigingstermijn(1, Tijdseenheid.WEEK)
    )
    assert str(met.begunstigingstermijn) == "1 week"


def test_andere_termijn_dan_de_leidraad():
    v = _voorstel(begunstigingstermijn=Begunstigingstermijn(6, Tijdseenheid.WEEK))
    assert "begunstigingstermijn 6 weken" in "\n".join(v.motivering)


@pytest.mark.parametrize("aantal", [0, -1, True, 1.5])
def test_begunstigingstermijn_weigert_ongeldig_aantal(aantal):
    with pytest.raises(ValueError):
        Begunstigingstermijn(aantal, Tijdseenheid.DAG)


def test_toets_begunstigingstermijn_direct():
    assert "2 dagen" in toets_begunstigingstermijn(Strekking.ONGEDAAN_MAKEN, Begunstigingstermijn(2, Tijdseenheid.DAG))
    with pytest.raises(DwangsomGeweigerd):
        toets_begunstigingstermijn(Strekking.ONGEDAAN_MAKEN, None)


# --- Awb 5:32b lid 1 en 2: vorm, bedrag, maximum -------------------------------------------------------


@pytest.mark.parametrize("bedrag", [D("0"), D("-100.00")])
def test_niet_positief_bedrag_geweigerd(bedrag):
    with pytest.raises(DwangsomGeweigerd, match="positief") as fout:
        _voorstel(bedrag=bedrag)
    assert fout.value.artikel == "Awb 5:32b lid 1"


def test_maximum_lager_dan_bedrag_geweigerd():
    with pytest.raises(DwangsomGeweigerd, match="lager dan het bedrag") as fout:
        _voorstel(bedrag=D("1000.00"), maximum=D("500.00"))
    assert fout.value.artikel == "Awb 5:32b lid 2"
    with pytest.raises(DwangsomGeweigerd, match="lager dan het bedrag"):  # vast leidraadmaximum € 10.000
        _voorstel(bedrag=D("12000.00"))


def test_ontbrekend_maximum_geweigerd():
    with pytest.raises(DwangsomGeweigerd, match="maximum.*verplicht") as fout:
        toets_bedragen(Dwangsomvorm.PER_OVERTREDING, D("100.00"), None, None)
    assert fout.value.artikel == "Awb 5:32b lid 2"


@pytest.mark.parametrize(
    "vorm, eenheid",
    [
        (Dwangsomvorm.PER_TIJDSEENHEID, None),
        (Dwangsomvorm.PER_OVERTREDING, Tijdseenheid.WEEK),
        (Dwangsomvorm.INEENS, Tijdseenheid.DAG),
    ],
)
def test_tijdseenheid_hoort_alleen_bij_per_tijdseenheid(vorm, eenheid):
    with pytest.raises(DwangsomGeweigerd, match="tijdseenheid"):
        toets_bedragen(vorm, D("100.00"), D("1000.00"), eenheid)


def test_ineens_maximum_gelijk_aan_bedrag():
    with pytest.raises(DwangsomGeweigerd, match="ineens"):
        toets_bedragen(Dwangsomvorm.INEENS, D("100.00"), D("200.00"), None)
    v = _voorstel("GEEN_MELDING", bedrag=D("2000.00"))
    assert v.maximum == D("2000.00")


def test_meer_dan_twee_decimalen_geweigerd():
    with pytest.raises(ValueError, match="twee decimalen"):
        toets_bedragen(Dwangsomvorm.PER_OVERTREDING, D("100.005"), D("1000.00"), None)


def test_ander_bedrag_krijgt_maximum_via_factor_en_vorm_kan_wijzigen():
    v = _voorstel("GELUIDSNORMEN_OVERSCHREDEN", bedrag=D("1500.00"))
    assert v.maximum == D("15000.00")
    w = _voorstel(vorm=Dwangsomvorm.PER_TIJDSEENHEID, eenheid=Tijdseenheid.DAG, bedrag=D("200.00"))
    assert (w.vorm, w.eenheid, w.maximum) == (Dwangsomvorm.PER_TIJDSEENHEID, Tijdseenheid.DAG, D("10000.00"))


# --- Awb 5:32b lid 3 en 4:84: evenredigheid --------------------------------------------------------------


def test_bedrag_lager_dan_economisch_voordeel_is_niet_effectief():
    v = _voorstel(economisch_voordeel=D("1500.00"))
    assert len(v.waarschuwingen) == 1 and "Niet effectief" in v.waarschuwingen[0]
    assert v.waarschuwingen[0] in v.motivering
    ok = _voorstel(economisch_voordeel=D("400.00"))
    assert ok.waarschuwingen == () and any("doorgaan loont niet" in r for r in ok.motivering)


def test_maximum_onder_kosten_naleving_is_niet_effectief():
    v = _voorstel(kosten_naleving=D("25000.00"))
    assert any("kosten van naleving" in w for w in v.waarschuwingen)
    assert _voorstel(kosten_naleving=D("8000.00")).waarschuwingen == ()


def test_bedrag_ver_boven_de_leidraad_is_onevenredig():
    v = _voorstel(bedrag=D("2500.00"), maximum=D("25000.00"))
    assert any("Onevenredig hoog" in w and "Awb 4:84" in w for w in v.waarschuwingen)


def test_afwijking_van_de_leidraad_vraagt_motivering():
    v = _voorstel(bedrag=D("1200.00"))
    assert any("Afwijking van de leidraad" in w and "Awb 4:84" in w for w in v.waarschuwingen)


def test_negatieve_kosten_geweigerd():
    with pytest.raises(ValueError, match="negatief"):
        _voorstel(kosten_naleving=D("-1"))


# --- Awb 5:6: samenloop van herstelsancties --------------------------------------------------------------


def test_tweede_herstelsanctie_geweigerd():
    lod = BestaandeMaatregel("Last onder dwangsom 2024-17", HERSTEL, van_kracht=True, herstelsanctie=True)
    with pytest.raises(DwangsomGeweigerd, match="al een herstelsanctie van kracht") as fout:
        _voorstel(bestaande_maatregelen=[lod])
    assert fout.value.artikel == "Awb 5:6"


def test_niet_blokkerende_maatregelen_worden_gemotiveerd():
    tabel = lhso.standaardtabel()
    bestaand = [
        BestaandeMaatregel("LOD 2023-04 (uitgewerkt)", HERSTEL, van_kracht=False, herstelsanctie=True),
        BestaandeMaatregel.uit_instrument(tabel.instrumenten["WAARSCHUWEN"], van_kracht=True),
        BestaandeMaatregel.uit_instrument(tabel.instrumenten["BESTUURLIJKE_BOETE"], van_kracht=True),
        BestaandeMaatregel.uit_instrument(tabel.instrumenten["PROCES_VERBAAL"], van_kracht=True),
    ]
    v = _voorstel(bestaande_maatregelen=bestaand)
    tekst = "\n".join(v.motivering)
    assert "niet meer van kracht" in tekst and "geen herstelsanctie (strafrechtelijk)" in tekst
    assert "geen herstelsanctie (bestuursrechtelijk bestraffend)" in tekst
    with pytest.raises(DwangsomGeweigerd, match="Awb 5:6"):
        _voorstel(bestaande_maatregelen=[BestaandeMaatregel.uit_instrument(tabel.instrumenten["LOB"], van_kracht=True)])


def test_strafrechtelijke_herstelsanctie_bestaat_niet():
    with pytest.raises(ValueError, match="herstelsanctie"):
        BestaandeMaatregel("PV", InstrumentCategorie.STRAFRECHTELIJK, van_kracht=True, herstelsanctie=True)


# --- verbeurde dwangsommen -------------------------------------------------------------------------------


def test_verbeurte_begrensd_op_maximum_en_uitgewerkt():
    v = _voorstel()  # € 1.000 per week, maximum € 10.000
    stand = verbeurde_dwangsommen(
        v,
        [
            Verbeurte(date(2025, 5, 1), 4),
            Verbeurte(date(2025, 4, 1), 4),
            Verbeurte(date(2025, 6, 1), 4),
            Verbeurte(date(2025, 7, 1), 1),
        ],
    )
    assert stand.posten == (
        (date(2025, 4, 1), D("4000.00")),
        (date(2025, 5, 1), D("4000.00")),
        (date(2025, 6, 1), D("2000.00")),
        (date(2025, 7, 1), D("0.00")),
    )
    assert (stand.totaal, stand.resterend, stand.maximum_bereikt, stand.uitgewerkt) == (
        D("10000.00"),
        D("0.00"),
        True,
        True,
    )
    assert any("begrensd tot € 2.000,00" in r for r in stand.motivering)
    assert "uitgewerkt" in stand.motivering[-1]


def test_verbeurte_onder_maximum():
    stand = verbeurde_dwangsommen(_voorstel(), [Verbeurte(date(2025, 4, 1), 3)])
    assert (stand.totaal, stand.resterend, stand.uitgewerkt) == (D("3000.00"), D("7000.00"), False)
    leeg = verbeurde_dwangsommen(_voorstel(), [])
    assert (leeg.totaal, leeg.uitgewerkt, leeg.posten) == (D("0.00"), False, ())


def test_dwangsom_ineens_wordt_eenmaal_verbeurd():
    v = _voorstel("GEEN_MELDING")
    stand = verbeurde_dwangsommen(v, [Verbeurte(date(2025, 4, 1)), Verbeurte(date(2025, 5, 1))])
    assert stand.totaal == D("1500.00") and stand.uitgewerkt and stand.posten[1][1] == D("0.00")
    with pytest.raises(ValueError, match="eenmaal"):
        verbeurde_dwangsommen(v, [Verbeurte(date(2025, 4, 1), 2)])


@pytest.mark.parametrize("aantal", [0, -2, True])
def test_verbeurte_weigert_ongeldig_aantal(aantal):
    with pytest.raises(ValueError):
        Verbeurte(date(2025, 1, 1), aantal)


bedragen = st.decimals(min_value=D("0.01"), max_value=D("50000"), places=2)


@given(
    bedrag=bedragen,
    factor=st.integers(1, 100),
    extra=bedragen,
    aantallen=st.lists(st.tuples(st.integers(0, 400), st.integers(1, 60)), max_size=12),
)
def test_totaal_overschrijdt_nooit_het_maximum(bedrag, factor, extra, aantallen):
    v = _voorstel("GELUIDSNORMEN_OVERSCHREDEN", bedrag=bedrag, maximum=bedrag * factor + extra)
    stand = verbeurde_dwangsommen(v, [Verbeurte(date(2025, 1, 1) + timedelta(d), n) for d, n in aantallen])
    onbegrensd = bedrag * sum(n for _, n in aantallen)
    assert stand.totaal <= v.maximum
    assert stand.totaal == min(v.maximum, onbegrensd) == sum(p for _, p in stand.posten)
    assert stand.maximum_bereikt == stand.uitgewerkt == (onbegrensd >= v.maximum)
    assert stand.resterend == v.maximum - stand.totaal >= 0


# --- loader ------------------------------------------------------------------------------------------------


def _typen(r):
    return r["leidraden"][0]["overtredingstypen"]


@pytest.mark.parametrize(
    "pas, patroon",
    [
        (lambda r: _typen(r)["GEEN_MELDING"].update(bedrag=1500.0), "tekst of geheel getal"),
        (lambda r: _typen(r)["GEEN_MELDING"].update(bedrag="15.005", maximum="15.005"), "twee decimalen"),
        (lambda r: _typen(r)["GEEN_MELDING"].update(bedrag="abc"), "geen bedrag"),
        (lambda r: _typen(r)["GEEN_MELDING"].pop("maximum"), "óf een maximum óf"),
        (lambda r: _typen(r)["GEURHINDER"].update(maximum_factor="10"), "óf een maximum óf"),
        (lambda r: _typen(r)["GEURHINDER"].update(maximum="100.00"), "Awb 5:32b lid 2.*lager dan het bedrag"),
        (lambda r: _typen(r)["GEURHINDER"].pop("begunstigingstermijn"), "Awb 5:32a lid 2.*GEURHINDER"),
        (lambda r: _typen(r)["GELUIDSNORMEN_OVERSCHREDEN"].update(maximum_factor="0.5"), "maximumfactor < 1"),
        (lambda r: _typen(r)["GEEN_MELDING"].update(eenheid="dag"), "tijdseenheid"),
        (lambda r: _typen(r)["GEEN_MELDING"].update(vorm="per maand"), "onbekende waarde 'per maand'"),
        (lambda r: _typen(r)["GEEN_MELDING"].update(kleur="rood"), "onbekende velden"),
        (lambda r: _typen(r)["GEEN_MELDING"]["begunstigingstermijn"].update(aantal=0), "≥ 1"),
        (lambda r: _typen(r)["GEEN_MELDING"]["begunstigingstermijn"].update(eenheid="jaar"), "onbekende waarde"),
        (lambda r: r["leidraden"].append(copy.deepcopy(r["leidraden"][0])), "dubbele versie 'LEIDRAAD-VOORBEELD-1'"),
        (lambda r: r["leidraden"][0].update(overtredingstypen={}), "overtredingstypen"),
        (lambda r: r["leidraden"][0].update(afwijkingsgrens="0.5"), "afwijkingsgrens"),
        (lambda r: r.update(schema="x/1"), "onbekend schema"),
        (lambda r: r.update(leidraden=[]), "lijst is leeg"),
    ],
)
def test_loader_weigert_misvormde_leidraad(pas, patroon):
    ruw = _ruw()
    pas(ruw)
    with pytest.raises(ValueError, match=patroon):
        laad_leidraden(ruw)


def test_loader_accepteert_eigen_leidraad():
    ruw = _ruw()
    ruw["leidraden"][0].update(versie="GM0363-2025", organisatie="gm0363", afwijkingsgrens="1.5")
    _typen(ruw)["GEEN_MELDING"].update(bedrag=2000, maximum=2000)
    eigen = laad_leidraden(ruw)[0]
    assert (eigen.organisatie, eigen.afwijkingsgrens) == ("gm0363", D("1.5"))
    v = dwangsomvoorstel(overtredingstype="GEEN_MELDING", leidraad=eigen)
    assert (v.bedrag, v.leidraadversie) == (D("2000"), "GM0363-2025")


# --- forfeiture date of a lump sum (ABRvS 28-02-2018, ECLI:NL:RVS:2018:653) -----------------------------------

EINDE_TERMIJN = date(2025, 1, 14)


def test_ineens_verbeurd_de_dag_na_de_begunstigingstermijn():
    datum, waarom = sancties.verbeurdatum(
        vorm=Dwangsomvorm.INEENS, begunstigingstermijn_tot=EINDE_TERMIJN, eerste=True, vastgesteld_op=date(2025, 3, 3)
    )
    assert datum == date(2025, 1, 15)
    assert "ECLI:NL:RVS:2018:653" in waarom and "Awb 5:35" in waarom


def test_ineens_later_alleen_met_reden_en_nooit_binnen_de_termijn():
    kw = dict(
        vorm=Dwangsomvorm.INEENS, begunstigingstermijn_tot=EINDE_TERMIJN, eerste=True, vastgesteld_op=date(2025, 3, 3)
    )
    with pytest.raises(DwangsomGeweigerd, match="alleen met een reden") as fout:
        sancties.verbeurdatum(**kw, opgegeven=date(2025, 3, 3))
    assert fout.value.artikel == "ABRvS 28-02-2018, ECLI:NL:RVS:2018:653"
    datum, waarom = sancties.verbeurdatum(**kw, opgegeven=date(2025, 2, 1), reden="hervat op 1 februari")
    assert datum == date(2025, 2, 1) and waarom.endswith("hervat op 1 februari")
    with pytest.raises(DwangsomGeweigerd, match="Awb 5:32a lid 2"):
        sancties.verbeurdatum(**kw, opgegeven=EINDE_TERMIJN, reden="x")


@pytest.mark.parametrize(
    "vorm, termijn, eerste",
    [
        (Dwangsomvorm.PER_TIJDSEENHEID, EINDE_TERMIJN, True),
        (Dwangsomvorm.PER_OVERTREDING, EINDE_TERMIJN, True),
        (Dwangsomvorm.INEENS, None, True),  # a last to prevent repetition: forfeited when the violation recurs
        (Dwangsomvorm.INEENS, EINDE_TERMIJN, False),
    ],
)
def test_andere_vormen_verbeuren_op_de_dag_van_de_overtreding(vorm, termijn, eerste):
    kw = dict(vorm=vorm, begunstigingstermijn_tot=termijn, eerste=eerste, vastgesteld_op=date(2025, 3, 3))
    assert sancties.verbeurdatum(**kw) == (date(2025, 3, 3), "")
    assert sancties.verbeurdatum(**kw, opgegeven=date(2025, 2, 2)) == (date(2025, 2, 2), "")


# --- limitation of collection: Awb 5:35 lid 2 (extension), 5:37a (stuiting, schorsing), 4:110 --------------------

KAL = Feestdagenkalender.met_besluiten()
VERBEURD = date(2025, 1, 15)
BEZWAAR, BEROEP, HB, VOVO = (
    Rechtsmiddelsoort.BEZWAAR,
    Rechtsmiddelsoort.BEROEP,
    Rechtsmiddelsoort.HOGER_BEROEP,
    Rechtsmiddelsoort.VOORLOPIGE_VOORZIENING,
)


def _verjaring(*rechtsmiddelen, stuitingen=()):
    return dwangsom_verjaring(
        verbeurd=VERBEURD,
        kalender=KAL,
        last_bekendgemaakt=date(2025, 1, 7),
        rechtsmiddelen=rechtsmiddelen,
        stuitingen=stuitingen,
    )


@pytest.mark.parametrize(
    "rechtsmiddelen, stuitingen, einde",
    [
        ((), (), date(2026, 1, 15)),  # Awb 5:35 lid 1: a year after forfeiture
        # Lid 2: an objection still pending on the day the claim would lapse: extended until irrevocably decided.
        ((Rechtsmiddel(BEZWAAR, date(2025, 2, 10)),), (), (date(2026, 1, 15), True)),
        # Decided on 20 December 2025, no appeal: the appeal period (6 weeks, ends Sat 31 January 2026 -> Atw Mon 2
        # February) is still open on 15 January 2026, so the claim lives until the decision is irrevocable.
        ((Rechtsmiddel(BEZWAAR, date(2025, 2, 10), date(2025, 12, 20), "ongegrond"),), (), date(2026, 2, 2)),
        # Decided and irrevocable long before: no extension.
        ((Rechtsmiddel(BEZWAAR, date(2025, 2, 10), date(2025, 6, 2), "ongegrond"),), (), date(2026, 1, 15)),
        # An appeal to the Council of State decided on 10 March 2026: irrevocable that day.
        (
            (
                Rechtsmiddel(BEZWAAR, date(2025, 2, 10), date(2025, 5, 1), "ongegrond"),
                Rechtsmiddel(BEROEP, date(2025, 6, 1), date(2025, 11, 3), "ongegrond"),
                Rechtsmiddel(HB, date(2025, 12, 1), date(2026, 3, 10), "ongegrond"),
            ),
            (),
            date(2026, 3, 10),
        ),
        # A withdrawn objection ends the procedure on the day of withdrawal.
        ((Rechtsmiddel(BEZWAAR, date(2025, 12, 1), date(2026, 1, 20), "ingetrokken"),), (), date(2026, 1, 20)),
        # 5:37a lid 1 with 4:110: the recovery decision of 1 October 2025 starts a new year.
        ((), ((date(2025, 10, 1), "invorderingsbeschikking"),), date(2026, 10, 1)),
        # ... but not after the claim lapsed.
        ((), ((date(2026, 2, 1), "invorderingsbeschikking"),), date(2026, 1, 15)),
        # Stuiting, then an appeal still pending on the new end: extended again.
        (
            (Rechtsmiddel(BEROEP, date(2025, 3, 1)),),
            ((date(2025, 10, 1), "invorderingsbeschikking"),),
            (date(2026, 10, 1), True),
        ),
        # 5:37a lid 4: collection suspended by the court on the limitation day: extended by the suspension (11 days).
        (
            (Rechtsmiddel(VOVO, date(2026, 1, 5), date(2026, 1, 10), "toegewezen", date(2026, 1, 20)),),
            (),
            date(2026, 1, 26),
        ),
        # A refused provisional measure changes nothing.
        ((Rechtsmiddel(VOVO, date(2026, 1, 5), date(2026, 1, 10), "afgewezen"),), (), date(2026, 1, 15)),
    ],
)
def test_verjaring_verlenging_en_stuiting(rechtsmiddelen, stuitingen, einde):
    v = _verjaring(*rechtsmiddelen, stuitingen=stuitingen)
    assert (v.datum, v.verlengd) == (einde if isinstance(einde, tuple) else (einde, False)), v.motivering
    assert v.motivering[0].startswith("Awb 5:35 lid 1")


def test_verjaring_motivering_noemt_de_artikelen():
    v = _verjaring(
        Rechtsmiddel(BEZWAAR, date(2025, 2, 10), date(2025, 12, 20), "ongegrond"),
        stuitingen=[(date(2026, 1, 30), "invorderingsbeschikking")],
    )
    tekst = "\n".join(v.motivering)
    assert "Awb 5:35 lid 2" in tekst and "Awb 4:110" in tekst and v.datum == date(2027, 1, 30)


def test_alleen_een_voorlopige_voorziening_schorst_de_invordering():
    assert (
        invordering_geschorst(
            [Rechtsmiddel(BEZWAAR, date(2025, 2, 10)), Rechtsmiddel(BEROEP, date(2025, 3, 10))], date(2025, 4, 1)
        )
        is None
    )  # Awb 6:16
    vovo = Rechtsmiddel(VOVO, date(2025, 3, 1), date(2025, 3, 20), "toegewezen", date(2025, 6, 30))
    assert "Awb 8:81" in invordering_geschorst([vovo], date(2025, 4, 1))
    assert invordering_geschorst([vovo], date(2025, 7, 1)) is None
    assert invordering_geschorst([vovo], date(2025, 3, 19)) is None


def test_rechtsmiddel_beslist_niet_voor_ingediend():
    with pytest.raises(ValueError):
        Rechtsmiddel(BEZWAAR, date(2025, 2, 10), date(2025, 2, 9))
