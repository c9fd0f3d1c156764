"""Tests voor regels/lhso.py: de standaardtabel, assen, omstandigheden, recidive, instrumenten en de loader."""

import copy
from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from openvth.regels import lhso, tabeldata
from openvth.regels.lhso import (
    Advies,
    BsbRecidiveregel,
    Cel,
    EerdereOvertreding,
    Gedrag,
    Gedragsescalatieregel,
    Gevolg,
    Omstandigheid,
    Spoor,
    advies,
    laad_interventietabellen,
    parse_gedrag,
    parse_gevolg,
    standaardtabel,
)

TABEL = standaardtabel()
PEIL = date(2025, 3, 1)
B, N, S = (
    Spoor.BESTUURSRECHTELIJK,
    Spoor.BESTUURSRECHTELIJK_STRAFRECHT_NA_AFSTEMMING,
    Spoor.BESTUURSRECHTELIJK_EN_STRAFRECHTELIJK,
)
# De gedocumenteerde standaardkeuze (data/README.md), met de hand uitgeschreven: rij = gedrag, kolom = gevolg 1-4.
VERWACHT_SPOOR = {"A": (B, B, B, N), "B": (B, B, N, S), "C": (N, N, S, S), "D": (S, S, S, S)}
ALLEEN_BSB = (BsbRecidiveregel(),)


def _ruw() -> dict:
    return copy.deepcopy(tabeldata.meegeleverd(lhso.STANDAARDBESTAND))


def _eerder(*jaren_terug: float, gesanctioneerd: bool = True, relevant: bool = True) -> list[EerdereOvertreding]:
    return [EerdereOvertreding(PEIL - timedelta(days=round(j * 365)), gesanctioneerd, relevant) for j in jaren_terug]


# --- de standaardtabel --------------------------------------------------------------------------------------


@pytest.mark.parametrize("cel", [c.code for c in Cel.alle()])
def test_standaardtabel_spoor_per_cel(cel):
    c = Cel.parse(cel)
    verwacht = VERWACHT_SPOOR[c.gedrag.value][int(c.gevolg.value) - 1]
    assert TABEL.cellen[c].spoor is verwacht
    uit = advies(gedrag=c.gedrag, gevolg=c.gevolg, tabel=TABEL, peildatum=PEIL)
    assert (uit.cel, uit.oorspronkelijke_cel, uit.spoor) == (c, c, verwacht)
    assert uit.tabelversie == "LHSO-2022-standaard-1"
    assert any(f"cel {cel}" in regel for regel in uit.motivering)


def test_standaardtabel_is_monotoon_in_beide_assen():
    for g in Gedrag:
        for v in Gevolg:
            rang = TABEL.cellen[Cel(g, v)].spoor.rang
            letters, cijfers = list(Gedrag), list(Gevolg)
            if (i := letters.index(g)) < 3:
                assert TABEL.cellen[Cel(letters[i + 1], v)].spoor.rang >= rang
            if (j := cijfers.index(v)) < 3:
                assert TABEL.cellen[Cel(g, cijfers[j + 1])].spoor.rang >= rang


def test_standaardtabel_metadata_en_recidiveregels():
    assert TABEL.versie == "LHSO-2022-standaard-1" and TABEL.organisatie is None
    assert TABEL.recidiveregels == (BsbRecidiveregel(3, 5, True), Gedragsescalatieregel(1, 2, False, 1))
    assert TABEL.bsb_contra_gedrag == {Gedrag.NOTOIR} and TABEL.bsb_contra_gevolg == {Gevolg.AANZIENLIJK}
    assert set(TABEL.omstandigheden) == set(Omstandigheid)


def test_klassen_hebben_cim_naam_en_definitie():
    assert [g.naam for g in Gedrag] == ["goedwillend", "onverschillig", "calculerend", "notoir/crimineel"]
    assert [v.naam for v in Gevolg] == ["vrijwel nihil", "beperkt", "van belang", "aanzienlijk en/of onomkeerbaar"]
    assert all(len(k.definitie) > 30 for k in (*Gedrag, *Gevolg))


# --- assen ------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("waarde", ["1", "2", "3", "4", "beperkt", "van belang"])
def test_gevolg_als_gedrag_geeft_assen_verwisseld(waarde):
    with pytest.raises(ValueError, match="Assen verwisseld.*letters .* gedrag, cijfers .* gevolgen"):
        parse_gedrag(waarde)


@pytest.mark.parametrize("waarde", ["A", "b", "C", "D", "calculerend", "notoir/crimineel"])
def test_gedrag_als_gevolg_geeft_assen_verwisseld(waarde):
    with pytest.raises(ValueError, match="Assen verwisseld.*letters .* gedrag, cijfers .* gevolgen"):
        parse_gevolg(waarde)


def test_advies_met_verwisselde_assen_wordt_geweigerd():
    with pytest.raises(ValueError, match="Assen verwisseld"):
        advies(gedrag="3", gevolg="B", tabel=TABEL, peildatum=PEIL)
    with pytest.raises(ValueError, match="Assen verwisseld in cel '3C'.*'C3'"):
        Cel.parse("3C")


@pytest.mark.parametrize("waarde", ["E", "", "AB", "x", "0"])
def test_onbekend_gedrag_geweigerd(waarde):
    with pytest.raises(ValueError, match="Onbekende gedragsklasse"):
        parse_gedrag(waarde)


@pytest.mark.parametrize("waarde", ["5", "0", "", "veel", True])
def test_onbekend_gevolg_geweigerd(waarde):
    with pytest.raises(ValueError, match="Onbekende gevolgklasse"):
        parse_gevolg(waarde)


@pytest.mark.parametrize("tekst", ["", "C", "C33", "E1", "C5"])
def test_onbekende_cel_geweigerd(tekst):
    with pytest.raises(ValueError):
        Cel.parse(tekst)


def test_invoer_als_letter_cijfer_of_cim_naam():
    assert parse_gedrag("c") is parse_gedrag("calculerend") is Gedrag.CALCULEREND
    assert parse_gevolg(4) is parse_gevolg("aanzienlijk en/of onomkeerbaar") is Gevolg.AANZIENLIJK
    assert str(Cel.parse(" b3 ")) == "B3"


# --- omstandigheden ---------------------------------------------------------------------------------------


def _adv(cel: str, *omst, **kw) -> Advies:
    c = Cel.parse(cel)
    kw.setdefault("recidiveregels", ())
    return advies(gedrag=c.gedrag, gevolg=c.gevolg, tabel=TABEL, peildatum=PEIL, omstandigheden=omst, **kw)


def test_financieel_gewin_voegt_strafrecht_na_afstemming_toe():
    uit = _adv("B2", Omstandigheid.FINANCIEEL_GEWIN_BEOOGD)
    assert uit.cel == Cel.parse("B2") and uit.spoor is N
    assert any("Verzwarende omstandigheid 'financieel gewin beoogd'" in r for r in uit.motivering)
    assert any("Spoor verzwaard" in r for r in uit.motivering)


def test_gevaar_maakt_spoor_strafrechtelijk_en_sluit_bsb_uit():
    uit = _adv("A2", "GEVAAR_OF_WEERLOZE_SLACHTOFFERS")
    assert uit.spoor is S and not uit.bsb_toegestaan and uit.verwijzing_om
    codes = [i.code for i in uit.instrumenten]
    assert "PROCES_VERBAAL" in codes and "BSB" not in codes


def test_belemmering_toezicht_verhoogt_gedrag_een_stap():
    uit = _adv("B2", Omstandigheid.BELEMMERING_TOEZICHT)
    assert (uit.oorspronkelijke_cel, uit.cel) == (Cel.parse("B2"), Cel.parse("C2"))
    assert uit.spoor is N and not uit.bsb_toegestaan and uit.verwijzing_om


def test_verzachtende_omstandigheid_verlaagt_gedrag():
    uit = _adv("B3", Omstandigheid.OVERMACHTACHTIGE_SITUATIE)
    assert uit.cel == Cel.parse("A3") and uit.spoor is B
    assert any("Verzachtende omstandigheid" in r for r in uit.motivering)


def test_legalisatie_in_gang_motiveert_zonder_verschuiving():
    uit = _adv("B2", "legalisatie in gang")
    assert uit.cel == Cel.parse("B2") and any("legalisatie" in r for r in uit.motivering)


def test_gedrag_blijft_binnen_de_as():
    assert _adv("A1", Omstandigheid.ZELF_GEMELD_EN_HERSTELD).cel == Cel.parse("A1")
    uit = _adv("D2", Omstandigheid.BELEMMERING_TOEZICHT, Omstandigheid.VALSHEID_OF_FRAUDE)
    assert uit.cel == Cel.parse("D2") and any("buiten de as" in r for r in uit.motivering)


def test_omstandigheid_telt_eenmaal_en_onbekende_wordt_geweigerd():
    assert _adv("B2", "BELEMMERING_TOEZICHT", "BELEMMERING_TOEZICHT").cel == Cel.parse("C2")
    with pytest.raises(ValueError, match="onbekende waarde 'maanstand'"):
        _adv("B2", "maanstand")


# --- recidive -------------------------------------------------------------------------------------------


def test_bsb_regel_drie_gesanctioneerd_binnen_vijf_jaar_verwijst_naar_om():
    uit = _adv("C3", eerdere_overtredingen=_eerder(0.5, 2, 4.9), recidiveregels=ALLEEN_BSB)
    assert not uit.bsb_toegestaan and uit.verwijzing_om
    assert "BSB" not in [i.code for i in uit.instrumenten]
    assert any("§ 2.8 onder 2d" in r for r in uit.motivering)


def test_bsb_regel_twee_is_niet_genoeg():
    uit = _adv("C3", eerdere_overtredingen=_eerder(0.5, 2), recidiveregels=ALLEEN_BSB)
    assert uit.bsb_toegestaan and not uit.verwijzing_om
    assert "BSB" in [i.code for i in uit.instrumenten]


def test_bsb_regel_telt_geen_overtreding_ouder_dan_vijf_jaar():
    oud = EerdereOvertreding(date(2020, 2, 29), True)  # vijf jaar en een dag vóór 2025-03-01
    uit = _adv("C3", eerdere_overtredingen=[*_eerder(0.5, 2), oud], recidiveregels=ALLEEN_BSB)
    assert uit.bsb_toegestaan


def test_bsb_regel_venster_is_inclusief_precies_vijf_jaar():
    grens = EerdereOvertreding(date(2020, 3, 1), True)
    assert not _adv("C3", eerdere_overtredingen=[*_eerder(0.5, 2), grens], recidiveregels=ALLEEN_BSB).bsb_toegestaan


@pytest.mark.parametrize("kw", [{"gesanctioneerd": False}, {"relevant": False}])
def test_bsb_regel_telt_alleen_gesanctioneerde_relevante_overtredingen(kw):
    eerdere = [*_eerder(0.5, 2), *_eerder(3, **kw)]
    assert _adv("C3", eerdere_overtredingen=eerdere, recidiveregels=ALLEEN_BSB).bsb_toegestaan


def test_bsb_regel_telt_vanaf_de_overtredingsdatum_niet_erna():
    eerdere = _eerder(0.5, 2, 3)
    uit = _adv("C3", eerdere_overtredingen=eerdere, recidiveregels=ALLEEN_BSB, overtredingsdatum=PEIL - timedelta(800))
    assert uit.bsb_toegestaan  # alleen de overtreding van 3 jaar terug ligt vóór de overtredingsdatum


def test_bsb_regel_bij_bestuursrechtelijk_spoor_geen_verwijzing():
    uit = _adv("A1", eerdere_overtredingen=_eerder(1, 2, 3), recidiveregels=ALLEEN_BSB)
    assert uit.spoor is B and not uit.bsb_toegestaan and not uit.verwijzing_om
    assert any("bij eventueel strafrechtelijk optreden" in r for r in uit.motivering)


def test_lokale_recidiveregel_verhoogt_gedrag_binnen_twee_jaar():
    uit = advies(gedrag="B", gevolg="2", tabel=TABEL, peildatum=PEIL, eerdere_overtredingen=_eerder(1.5))
    assert uit.cel == Cel.parse("C2") and any("lokale recidiveregel" in r for r in uit.motivering)
    assert advies(
        gedrag="B", gevolg="2", tabel=TABEL, peildatum=PEIL, eerdere_overtredingen=_eerder(2.5)
    ).cel == Cel.parse("B2")


def test_lokale_recidiveregel_is_configureerbaar():
    regel = Gedragsescalatieregel(aantal=2, jaren=5, stappen=2)
    uit = _adv("A2", eerdere_overtredingen=_eerder(1, 4, gesanctioneerd=False), recidiveregels=(regel,))
    assert uit.cel == Cel.parse("C2")
    assert _adv("A2", eerdere_overtredingen=_eerder(1), recidiveregels=(regel,)).cel == Cel.parse("A2")


@pytest.mark.parametrize("kw", [{"aantal": 0}, {"jaren": 0}, {"stappen": 0}, {"stappen": 4}])
def test_recidiveregel_weigert_nulwaarden(kw):
    with pytest.raises(ValueError):
        Gedragsescalatieregel(**kw)


# --- instrumenten ----------------------------------------------------------------------------------------


def test_instrumenten_gesorteerd_en_gefilterd_op_geldigheid():
    voor = advies(gedrag="C", gevolg="2", tabel=TABEL, peildatum=date(2023, 6, 1), recidiveregels=())
    na = advies(gedrag="C", gevolg="2", tabel=TABEL, peildatum=date(2024, 6, 1), recidiveregels=())
    assert "BESTUURLIJKE_BOETE" not in [i.code for i in voor.instrumenten]
    assert any("Niet geldig op 2023-06-01" in r for r in voor.motivering)
    assert "BESTUURLIJKE_BOETE" in [i.code for i in na.instrumenten]
    assert [i.zwaarte for i in na.instrumenten] == sorted(i.zwaarte for i in na.instrumenten)


def test_geldig_tot_is_exclusief():
    ruw = _ruw()
    ruw["instrumenten"][0]["geldig_tot"] = "2025-03-01"  # INFORMEREN, genoemd in A1
    tabel = laad_interventietabellen(ruw)[0]

    def codes(d: date) -> list[str]:
        return [i.code for i in advies(gedrag="A", gevolg="1", tabel=tabel, peildatum=d).instrumenten]

    assert "INFORMEREN" in codes(date(2025, 2, 28)) and "INFORMEREN" not in codes(date(2025, 3, 1))


@given(
    g=st.sampled_from(list(Gedrag)),
    v=st.sampled_from(list(Gevolg)),
    omst=st.lists(st.sampled_from(list(Omstandigheid)), max_size=4),
    eerder=st.lists(st.tuples(st.integers(1, 3000), st.booleans(), st.booleans()), max_size=6),
    peil=st.dates(date(2022, 1, 1), date(2030, 12, 31)),
)
def test_eigenschappen_van_elk_advies(g, v, omst, eerder, peil):
    eerdere = [EerdereOvertreding(peil - timedelta(d), s, r) for d, s, r in eerder]
    uit = advies(gedrag=g, gevolg=v, tabel=TABEL, peildatum=peil, omstandigheden=omst, eerdere_overtredingen=eerdere)
    assert uit.cel.gevolg is v and uit.spoor.rang >= TABEL.cellen[uit.cel].spoor.rang
    assert all(i.geldig_op(peil) for i in uit.instrumenten)
    assert [i.zwaarte for i in uit.instrumenten] == sorted(i.zwaarte for i in uit.instrumenten)
    assert not (uit.bsb_toegestaan and uit.verwijzing_om)
    assert not uit.bsb_toegestaan or uit.spoor is not B
    assert uit.verwijzing_om == (uit.spoor is not B and not uit.bsb_toegestaan)
    assert uit.motivering and uit.tabelversie == TABEL.versie


# --- loader en tabelvalidatie ---------------------------------------------------------------------------


def _weiger(pas, patroon):
    ruw = _ruw()
    pas(ruw)
    with pytest.raises(ValueError, match=patroon):
        laad_interventietabellen(ruw)


def _cellen(ruw):
    return ruw["tabellen"][0]["cellen"]


def test_loader_weigert_onbekende_cel():
    _weiger(lambda r: _cellen(r).update(E5=_cellen(r)["A1"]), "onbekende cel 'E5'")


def test_loader_weigert_verwisselde_cel():
    _weiger(lambda r: _cellen(r).update({"1A": _cellen(r).pop("A1")}), "onbekende cel '1A'.*Assen verwisseld")


def test_loader_weigert_ontbrekende_cel():
    _weiger(lambda r: _cellen(r).pop("D4"), r"ontbrekende cellen \['D4'\]")


def test_loader_weigert_dubbele_cel():
    _weiger(lambda r: _cellen(r).update(a1=_cellen(r)["A1"]), "cel A1 komt dubbel voor")


def test_loader_weigert_onbekende_instrumentcode():
    _weiger(lambda r: _cellen(r)["B2"]["instrumenten"].append("TOVERSTAF"), "onbekend instrument 'TOVERSTAF'")


def test_loader_weigert_dubbele_versie():
    _weiger(lambda r: r["tabellen"].append(copy.deepcopy(r["tabellen"][0])), "dubbele versie 'LHSO-2022-standaard-1'")


def test_loader_weigert_dubbele_instrumentcode():
    _weiger(lambda r: r["instrumenten"].append(copy.deepcopy(r["instrumenten"][0])), "dubbele code 'INFORMEREN'")


def test_loader_weigert_strafrecht_in_bestuursrechtelijke_cel():
    _weiger(lambda r: _cellen(r)["A1"]["instrumenten"].append("PROCES_VERBAAL"), "cel A1 is bestuursrechtelijk")


def test_loader_weigert_strafrechtelijke_cel_zonder_strafrechtelijk_middel():
    _weiger(lambda r: _cellen(r)["D1"].update(instrumenten=["LOD"]), "cel D1 vraagt strafrecht")


def test_loader_weigert_cel_zonder_bestuursrechtelijk_instrument():
    _weiger(lambda r: _cellen(r)["D4"].update(instrumenten=["PROCES_VERBAAL"]), "geen bestuursrechtelijk")


def test_loader_weigert_ontbrekende_omstandigheid():
    _weiger(
        lambda r: r["tabellen"][0]["omstandigheden"].pop("LEGALISATIE_IN_GANG"),
        r"geen effect voor omstandigheden \['LEGALISATIE_IN_GANG'\]",
    )


def test_loader_weigert_verzachtende_omstandigheid_die_verzwaart():
    _weiger(
        lambda r: r["tabellen"][0]["omstandigheden"]["OVERMACHTACHTIGE_SITUATIE"].update(gedrag_stappen=1),
        "past niet bij een verzachtende",
    )


@pytest.mark.parametrize(
    "pas, patroon",
    [
        (lambda r: r.update(schema="iets/2"), "onbekend schema"),
        (lambda r: r.update(extra=1), "onbekende velden"),
        (lambda r: r["instrumenten"][0].update(zwaarte=True), "geheel getal"),
        (lambda r: r["instrumenten"][0].update(geldig_vanaf="12-10-2022"), "geen datum"),
        (lambda r: r["instrumenten"][0].update(categorie="magisch"), "onbekende waarde 'magisch'"),
        (lambda r: _cellen(r)["A1"].update(spoor="strafrechtelijk"), "onbekende waarde 'strafrechtelijk'"),
        (
            lambda r: r["tabellen"][0]["recidiveregels"].append({"soort": "maan", "aantal": 1, "jaren": 1}),
            "onbekende soort",
        ),
        (lambda r: r["tabellen"][0]["recidiveregels"][0].update(stappen=1), "onbekende soort"),
        (lambda r: r["tabellen"][0].update(tabellen=[]), "onbekende velden"),
        (lambda r: r.update(tabellen=[]), "lijst is leeg"),
        (lambda r: r["tabellen"][0]["bsb"].update(instrument="LOD"), "niet strafrechtelijk"),
    ],
)
def test_loader_weigert_misvormde_gegevens(pas, patroon):
    _weiger(pas, patroon)


def test_kies_tabel_per_organisatie_en_peildatum():
    ruw = _ruw()
    eigen = copy.deepcopy(ruw["tabellen"][0])
    eigen.update(versie="GM0363-1", organisatie="gm0363", geldig_vanaf="2025-01-01")
    ruw["tabellen"].append(eigen)
    tabellen = laad_interventietabellen(ruw)
    assert lhso.kies_tabel(tabellen, organisatie="gm0363", peildatum=PEIL).versie == "GM0363-1"
    assert lhso.kies_tabel(tabellen, organisatie="gm0363", peildatum=date(2024, 6, 1)).versie == TABEL.versie
    assert lhso.kies_tabel(tabellen, organisatie="pv30", peildatum=PEIL).versie == TABEL.versie
    with pytest.raises(ValueError, match="Geen interventietabel"):
        lhso.kies_tabel(tabellen, organisatie=None, peildatum=date(2023, 1, 1))
