"""Tests for regels/termijnen.py: tables from the published rules plus hypothesis properties."""

from datetime import date, datetime, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from openvth.regels.termijnen import (
    Duur,
    Eenheid,
    Feestdagenkalender,
    Opschorting,
    Procedure,
    Richting,
    aanmaningstermijn,
    beslistermijn,
    bezwaar_beroepstermijn,
    boete_beslistermijn,
    boete_vervaltermijn,
    dwangsom_betaaltermijn,
    dwangsom_verjaringstermijn,
    einde_termijn,
    koningsdag,
    lees_gelijkgestelde_dagen,
    meldingstermijn,
    pasen,
    zienswijzetermijn,
)

KAL = Feestdagenkalender()
W = Eenheid.WEEK
D = Eenheid.DAG
# Decree days of the "Besluit gelijkstelling van 2 januari 2026, 15 mei 2026, 7 mei 2027, 28 april 2028 en
# 26 mei 2028 met een algemeen erkende feestdag" (Atw art. 3 lid 3), added as data the way an operator would.
BESLUIT_2026_2028 = frozenset(
    {
        (date(2026, 1, 2), "vrijdag na Nieuwjaarsdag, Besluit gelijkstelling 2026-2028"),
        (date(2026, 5, 15), "vrijdag na Hemelvaartsdag, Besluit gelijkstelling 2026-2028"),
        (date(2027, 5, 7), "vrijdag na Hemelvaartsdag, Besluit gelijkstelling 2026-2028"),
        (date(2028, 4, 28), "vrijdag na Koningsdag, Besluit gelijkstelling 2026-2028"),
        (date(2028, 5, 26), "vrijdag na Hemelvaartsdag, Besluit gelijkstelling 2026-2028"),
    }
)


def termijn(start: date, aantal: int, eenheid: Eenheid = W, **kwargs):
    kwargs.setdefault("richting", Richting.VOORUIT)
    kwargs.setdefault("wettelijk", True)
    return einde_termijn(start, Duur(aantal, eenheid), kalender=kwargs.pop("kalender", KAL), **kwargs)


def tekst(t) -> str:
    return "\n".join(t.motivering)


# --- calendar -------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "jaar, verwacht",
    [
        (2000, date(2000, 4, 23)),
        (2008, date(2008, 3, 23)),
        (2011, date(2011, 4, 24)),
        (2019, date(2019, 4, 21)),
        (2024, date(2024, 3, 31)),
        (2025, date(2025, 4, 20)),
        (2026, date(2026, 4, 5)),
        (2027, date(2027, 3, 28)),
        (2038, date(2038, 4, 25)),
        (2285, date(2285, 3, 22)),
    ],
)
def test_pasen_bekende_data(jaar, verwacht):
    assert pasen(jaar) == verwacht


def _feestdagen(jaar, *maand_dag):
    return {date(jaar, m, d) for m, d in maand_dag}


@pytest.mark.parametrize(
    "jaar, verwacht",
    [
        (2006, _feestdagen(2006, (1, 1), (4, 14), (4, 17), (4, 29), (5, 5), (5, 25), (6, 5), (12, 25), (12, 26))),
        (2013, _feestdagen(2013, (1, 1), (3, 29), (4, 1), (4, 30), (5, 5), (5, 9), (5, 20), (12, 25), (12, 26))),
        (2014, _feestdagen(2014, (1, 1), (4, 18), (4, 21), (4, 26), (5, 5), (5, 29), (6, 9), (12, 25), (12, 26))),
        (2024, _feestdagen(2024, (1, 1), (3, 29), (4, 1), (4, 27), (5, 5), (5, 9), (5, 20), (12, 25), (12, 26))),
        (2025, _feestdagen(2025, (1, 1), (4, 18), (4, 21), (4, 26), (5, 5), (5, 29), (6, 9), (12, 25), (12, 26))),
        (2026, _feestdagen(2026, (1, 1), (4, 3), (4, 6), (4, 27), (5, 5), (5, 14), (5, 25), (12, 25), (12, 26))),
    ],
)
def test_feestdagen_per_jaar(jaar, verwacht):
    assert set(KAL.feestdagen(jaar)) == verwacht


def test_feestdagen_redenen_en_artikelen():
    dagen = KAL.feestdagen(2025)
    assert dagen[date(2025, 4, 18)] == "Goede Vrijdag (Atw art. 3 lid 2)"
    assert dagen[date(2025, 4, 21)] == "Tweede Paasdag (Atw art. 3 lid 1)"
    assert dagen[date(2025, 4, 26)] == "Koningsdag (Atw art. 3 lid 1)"
    assert KAL.feestdagen(2006)[date(2006, 4, 29)] == "Koninginnedag (Atw art. 3 lid 1)"


def test_samenvallende_feestdagen_2016():
    # Ascension fell on 5 May 2016: one date, both reasons.
    dagen = KAL.feestdagen(2016)
    assert len(dagen) == 8
    assert dagen[date(2016, 5, 5)] == "5 mei (Atw art. 3 lid 1) en Hemelvaartsdag (Atw art. 3 lid 1)"


@pytest.mark.parametrize(
    "jaar, verwacht",
    [
        (2014, date(2014, 4, 26)),
        (2025, date(2025, 4, 26)),
        (2026, date(2026, 4, 27)),
        (2031, date(2031, 4, 26)),
        (2006, date(2006, 4, 29)),
        (2012, date(2012, 4, 30)),
        (2000, date(2000, 4, 29)),
    ],
)
def test_koningsdag_zondagregel(jaar, verwacht):
    assert koningsdag(jaar)[0] == verwacht


def test_vijf_mei_elk_jaar_ook_zonder_lustrum():
    assert all(date(j, 5, 5) in KAL.feestdagen(j) for j in range(1990, 2060))


def test_reden_weekend_en_feestdag():
    assert KAL.reden(date(2025, 4, 26)) == "zaterdag; Koningsdag (Atw art. 3 lid 1)"
    assert KAL.reden(date(2025, 4, 27)) == "zondag"
    assert KAL.reden(date(2025, 4, 28)) is None
    assert KAL.is_werkdag(date(2025, 4, 28))


def test_gelijkgestelde_dagen_via_besluit():
    kal = Feestdagenkalender(gelijkgestelde_dagen=BESLUIT_2026_2028)
    assert kal.feestdagen(2026)[date(2026, 5, 15)].endswith("(Atw art. 3 lid 3)")
    assert date(2026, 5, 15) not in KAL.feestdagen(2026)  # the default ships no decree days
    assert Feestdagenkalender().met_gelijkstelling(date(2026, 5, 15), "besluit").reden(date(2026, 5, 15))
    # Thursday 14 May 2026 (Ascension) -> Friday 15 (decree day) -> weekend -> Monday 18 May.
    t = termijn(date(2026, 4, 2), 6, kalender=kal)
    assert t.onverschoven_einddatum == date(2026, 5, 14)
    assert t.einddatum == date(2026, 5, 18)
    assert "vrijdag na Hemelvaartsdag, Besluit gelijkstelling 2026-2028 (Atw art. 3 lid 3)" in tekst(t)


@pytest.mark.parametrize(
    "fout",
    [
        {(date(2026, 5, 15), "")},
        {(date(2026, 5, 15),)},
        {("2026-05-15", "besluit")},
        {(datetime(2026, 5, 15), "besluit")},
        {(date(2026, 5, 15), 5)},
    ],
)
def test_gelijkgestelde_dagen_ongeldig(fout):
    with pytest.raises((ValueError, TypeError)):
        Feestdagenkalender(gelijkgestelde_dagen=frozenset(fout))


# --- days equated by royal decree (Atw art. 3 lid 3), shipped as data --------------------------------------

BESLUITEN = Feestdagenkalender.met_besluiten()


def test_meegeleverde_besluiten_noemen_hun_besluit():
    dagen = dict(BESLUITEN.gelijkgestelde_dagen)
    assert len(dagen) == 18
    assert all(", gelijkgesteld met een algemeen erkende feestdag bij " in r for r in dagen.values())
    assert "Besluit van 24 oktober 2016, nr. 2016001827" in dagen[date(2018, 12, 31)]
    assert "Besluit gelijkstelling van 2 januari 2026, 15 mei 2026" in dagen[date(2026, 5, 15)]
    # No decree for 2020-2021 was found: none is inferred (regels/data/README.md).
    assert not [d for d in dagen if d.year in (2020, 2021)]
    assert all(d.weekday() < 5 for d in dagen)  # a decree equates working days only


@pytest.mark.parametrize(
    "start, duur, onverschoven, einde, zonder_besluit",
    [
        # The cases: a statutory week from 7 May 2026, the objection period from 21 November 2025.
        (date(2026, 5, 7), "P1W", date(2026, 5, 14), date(2026, 5, 18), date(2026, 5, 15)),
        (date(2025, 11, 21), "P6W", date(2026, 1, 2), date(2026, 1, 5), date(2026, 1, 2)),
        (date(2027, 4, 30), "P1W", date(2027, 5, 7), date(2027, 5, 10), date(2027, 5, 7)),
        (date(2028, 4, 21), "P1W", date(2028, 4, 28), date(2028, 5, 1), date(2028, 4, 28)),
        # 5 May is a holiday every year (art. 3 lid 1 "de vijfde mei"), not only every fifth year; in 2027 it runs
        # into Ascension Day (6 May) and the decree day (7 May).
        (date(2026, 4, 28), "P1W", date(2026, 5, 5), date(2026, 5, 6), date(2026, 5, 6)),
        (date(2027, 4, 28), "P1W", date(2027, 5, 5), date(2027, 5, 10), date(2027, 5, 7)),
        # Good Friday is no holiday of lid 1 but equated with them for the Atw (art. 3 lid 2): 3 April 2026, then
        # the weekend and Easter Monday.
        (date(2026, 3, 27), "P1W", date(2026, 4, 3), date(2026, 4, 7), date(2026, 4, 7)),
        # Month ends: the last day of a shorter month, then art. 1.
        (date(2026, 1, 31), "P1M", date(2026, 2, 28), date(2026, 3, 2), date(2026, 3, 2)),
        (date(2028, 1, 31), "P1M", date(2028, 2, 29), date(2028, 2, 29), date(2028, 2, 29)),
        (date(2025, 11, 30), "P3M", date(2026, 2, 28), date(2026, 3, 2), date(2026, 3, 2)),
        # Art. 2: a period of three days needs two days that are none of these; decree days do not count.
        (date(2026, 5, 13), "P3D", date(2026, 5, 16), date(2026, 5, 19), date(2026, 5, 18)),
        (date(2025, 12, 30), "P3D", date(2026, 1, 2), date(2026, 1, 5), date(2026, 1, 2)),
        (date(2024, 12, 24), "P3D", date(2024, 12, 27), date(2024, 12, 31), date(2024, 12, 30)),
        # Art. 2 does not apply below three days; art. 1 still does.
        (date(2026, 5, 13), "P2D", date(2026, 5, 15), date(2026, 5, 18), date(2026, 5, 15)),
        # Art. 4 onder a: 90 days, twelve weeks and three months shift; one more unit, or a year, never.
        (date(2026, 2, 14), "P90D", date(2026, 5, 15), date(2026, 5, 18), date(2026, 5, 15)),
        (date(2026, 2, 13), "P91D", date(2026, 5, 15), date(2026, 5, 15), date(2026, 5, 15)),
        (date(2026, 2, 20), "P12W", date(2026, 5, 15), date(2026, 5, 18), date(2026, 5, 15)),
        (date(2026, 2, 13), "P13W", date(2026, 5, 15), date(2026, 5, 15), date(2026, 5, 15)),
        (date(2025, 11, 30), "P4M", date(2026, 3, 30), date(2026, 3, 30), date(2026, 3, 30)),
        (date(2025, 5, 30), "P1Y", date(2026, 5, 30), date(2026, 5, 30), date(2026, 5, 30)),
    ],
)
def test_termijnen_rond_besluitdagen_feestdagen_en_grenzen(start, duur, onverschoven, einde, zonder_besluit):
    t = einde_termijn(start, Duur.parse(duur), kalender=BESLUITEN, richting=Richting.VOORUIT, wettelijk=True)
    assert (t.onverschoven_einddatum, t.einddatum) == (onverschoven, einde)
    assert (
        einde_termijn(start, Duur.parse(duur), kalender=KAL, richting=Richting.VOORUIT, wettelijk=True).einddatum
        == zonder_besluit
    )


def test_verschoven_termijn_noemt_het_besluit():
    t = bezwaar_beroepstermijn(date(2025, 11, 21), kalender=BESLUITEN)
    assert t.einddatum == date(2026, 1, 5)
    assert (
        "vrijdag 2 januari 2026 overgeslagen: vrijdag na Nieuwjaarsdag (do 01-01-2026), gelijkgesteld met een "
        "algemeen erkende feestdag bij Besluit gelijkstelling van 2 januari 2026"
    ) in tekst(t)


def test_extra_besluit_en_correctie_via_csv():
    nieuw = (
        "datum,reden,besluit,bron\n2029-05-11,vrijdag na Hemelvaartsdag,Besluit gelijkstelling 2029,Stcrt.\n"
        '2026-05-15,vrijdag na Hemelvaartsdag,"Besluit gelijkstelling 2026-2028 (Stcrt. 2025, 1)",Stcrt.\n'
    )
    kal = Feestdagenkalender.met_besluiten(nieuw)
    assert "Besluit gelijkstelling 2029" in kal.reden(date(2029, 5, 11))
    assert "(Stcrt. 2025, 1)" in kal.reden(date(2026, 5, 15))  # a later file corrects a citation
    assert len(kal.gelijkgestelde_dagen) == 19


@pytest.mark.parametrize(
    "csv_tekst, melding",
    [
        ("datum,reden,besluit\n2026-05-15,x,y\n", "kolommen"),
        ("datum,reden,besluit,bron\n15-05-2026,x,y,z\n", "regel 2: geen datum"),
        ("datum,reden,besluit,bron\n2026-05-15,x,,z\n", "besluit zijn verplicht"),
        ("datum,reden,besluit,bron\n2026-05-15,x,y,z\n2026-05-15,x,y,z\n", "ook op regel 2"),
        ("datum,reden,besluit,bron\n2026-05-15,x,y\n", "precies 4 velden"),
        ("datum,reden,besluit,bron\n2026-05-15,x,y,z,extra\n", "precies 4 velden"),
    ],
)
def test_gelijkgestelde_dagen_csv_ongeldig(csv_tekst, melding):
    with pytest.raises(ValueError, match=melding):
        lees_gelijkgestelde_dagen(csv_tekst)


def test_jaren_voor_1990_niet_ondersteund():
    with pytest.raises(ValueError, match="1990"):
        KAL.feestdagen(1985)


# --- durations ------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "iso, verwacht",
    [
        ("P8W", Duur(8, W)),
        ("P3D", Duur(3, D)),
        ("P6M", Duur(6, Eenheid.MAAND)),
        ("P1Y", Duur(1, Eenheid.JAAR)),
        (" P13W ", Duur(13, W)),
        ("P08W", Duur(8, W)),
    ],
)
def test_duur_parse(iso, verwacht):
    assert Duur.parse(iso) == verwacht


@pytest.mark.parametrize(
    "iso, melding",
    [
        ("P0D", "nul"),
        ("P0W", "nul"),
        ("-P8W", "negatieve"),
        ("P-8W", "negatieve"),
        ("PT8H", "uren"),
        ("P1DT2H", "uren"),
        ("P1Y2M", "combinaties"),
        ("P1W2D", "combinaties"),
        ("P1.5W", "verwacht"),
        ("8W", "verwacht"),
        ("p8w", "verwacht"),
        ("P8X", "verwacht"),
        ("P", "verwacht"),
        ("", "verwacht"),
        ("P8", "verwacht"),
    ],
)
def test_duur_parse_ongeldig(iso, melding):
    with pytest.raises(ValueError, match=melding):
        Duur.parse(iso)


def test_duur_constructie_ongeldig():
    with pytest.raises(TypeError):
        Duur.parse(8)  # type: ignore[arg-type]
    with pytest.raises(ValueError):
        Duur(0, W)
    with pytest.raises(TypeError):
        Duur(True, W)
    with pytest.raises(TypeError):
        Duur(2, "W")  # type: ignore[arg-type]


def test_duur_tekst_en_iso():
    assert str(Duur(1, W)) == "1 week" and str(Duur(6, W)) == "6 weken"
    assert str(Duur(1, Eenheid.JAAR)) == "1 jaar" and str(Duur(1, D)) == "1 dag"
    assert Duur(8, W).iso == "P8W"


# --- the Atw calculator ---------------------------------------------------------------------------------


def test_zes_weken_vanaf_maandag_2_maart():
    t = termijn(date(2026, 3, 2), 6)
    assert t.einddatum == date(2026, 4, 13) and not t.verschoven


@pytest.mark.parametrize(
    "bekendmaking, basis, einde, reden",
    [
        (date(2025, 3, 10), date(2025, 4, 21), date(2025, 4, 22), "Tweede Paasdag (Atw art. 3 lid 1)"),
        (date(2025, 3, 15), date(2025, 4, 26), date(2025, 4, 28), "zaterdag; Koningsdag (Atw art. 3 lid 1)"),
        (date(2026, 3, 16), date(2026, 4, 27), date(2026, 4, 28), "Koningsdag (Atw art. 3 lid 1)"),
        (date(2025, 3, 24), date(2025, 5, 5), date(2025, 5, 6), "5 mei (Atw art. 3 lid 1)"),
        (date(2025, 11, 13), date(2025, 12, 25), date(2025, 12, 29), "Eerste Kerstdag (Atw art. 3 lid 1)"),
        (date(2025, 1, 4), date(2025, 2, 15), date(2025, 2, 17), "zaterdag"),
        (date(2026, 2, 20), date(2026, 4, 3), date(2026, 4, 7), "Goede Vrijdag (Atw art. 3 lid 2)"),
    ],
)
def test_bezwaartermijn_verschuift(bekendmaking, basis, einde, reden):
    t = bezwaar_beroepstermijn(bekendmaking, kalender=KAL)
    assert (t.onverschoven_einddatum, t.einddatum) == (basis, einde)
    assert t.verschoven and t.atw_toegepast
    assert f"overgeslagen: {reden}." in tekst(t)
    assert "Awb 6:7" in t.motivering[0]


def test_kerstperiode_slaat_elke_dag_over_met_reden():
    t = bezwaar_beroepstermijn(date(2025, 11, 13), kalender=KAL)
    overgeslagen = [r for r in t.motivering if "overgeslagen" in r]
    assert len(overgeslagen) == 4  # 25, 26, 27 (za), 28 (zo) December
    assert "zondag 28 december 2025 overgeslagen: zondag." in overgeslagen[-1]


def test_artikel_2_drie_dagen_over_weekend():
    # Friday + 3 days = Monday: art. 1 does nothing, but only Monday is a working day -> Tuesday.
    t = termijn(date(2025, 3, 7), 3, D)
    assert t.onverschoven_einddatum == date(2025, 3, 10)
    assert t.einddatum == date(2025, 3, 11)
    assert "Atw art. 2: verlengd tot en met dinsdag 11 maart 2025." in tekst(t)


def test_artikel_1_en_2_samen_rond_pasen():
    # Thursday 17 April 2025 + 3 days = Easter Sunday -> art. 1: Tuesday 22 -> art. 2: Wednesday 23.
    t = termijn(date(2025, 4, 17), 3, D)
    assert t.einddatum == date(2025, 4, 23)
    assert "Goede Vrijdag" not in tekst(t).split("Atw art. 2")[0]  # Good Friday lies inside, not at the end
    assert "bevat 1 dag(en)" in tekst(t)


def test_drie_dagen_vanaf_donderdag_zonder_feestdag():
    t = termijn(date(2025, 3, 6), 3, D)  # Sunday -> Monday; Friday and Monday are two working days
    assert t.einddatum == date(2025, 3, 10)
    assert t.motivering[-1].startswith("Atw art. 2: de termijn bevat twee dagen")


def test_twee_dagen_vallen_niet_onder_artikel_2():
    t = termijn(date(2025, 3, 6), 2, D)  # Saturday -> Monday by art. 1 only
    assert t.einddatum == date(2025, 3, 10)
    assert "korter dan drie dagen" in tekst(t)


@pytest.mark.parametrize(
    "aantal, eenheid, toegepast",
    [
        (90, D, True),
        (91, D, False),
        (12, W, True),
        (13, W, False),
        (3, Eenheid.MAAND, True),
        (4, Eenheid.MAAND, False),
        (1, Eenheid.JAAR, False),
        (2, Eenheid.JAAR, False),
    ],
)
def test_artikel_4_grenzen(aantal, eenheid, toegepast):
    assert (Duur(aantal, eenheid).atw_uitsluiting() is None) is toegepast
    assert termijn(date(2025, 1, 1), aantal, eenheid).atw_toegepast is toegepast


def test_zes_maanden_en_een_jaar_verschuiven_nooit():
    zes_maanden = beslistermijn(date(2024, 10, 26), kalender=KAL, procedure=Procedure.UITGEBREID)
    assert zes_maanden.einddatum == date(2025, 4, 26) and not zes_maanden.verschoven  # Saturday, Koningsdag
    assert "Atw art. 4 onder a" in tekst(zes_maanden) and "meer dan 3 maanden" in tekst(zes_maanden)
    jaar = dwangsom_verjaringstermijn(date(2024, 4, 26), kalender=KAL)
    assert jaar.einddatum == date(2025, 4, 26) and not jaar.verschoven
    assert "een of meer jaren" in tekst(jaar)


@pytest.mark.parametrize(
    "start, aantal, eenheid, einde",
    [
        (date(2025, 8, 31), 6, Eenheid.MAAND, date(2026, 2, 28)),
        (date(2023, 8, 31), 6, Eenheid.MAAND, date(2024, 2, 29)),
        (date(2024, 2, 29), 1, Eenheid.JAAR, date(2025, 2, 28)),
        (date(2025, 1, 31), 1, Eenheid.MAAND, date(2025, 2, 28)),
        (date(2025, 3, 15), 10, D, date(2025, 3, 25)),
    ],
)
def test_maanden_en_jaren_kalenderregel(start, aantal, eenheid, einde):
    t = termijn(start, aantal, eenheid, wettelijk=False)
    assert t.einddatum == einde


def test_maand_die_dag_mist_motiveert():
    assert "laatste dag van die maand" in tekst(termijn(date(2025, 1, 31), 1, Eenheid.MAAND))


def test_meldingstermijn_terugrekenen():
    t = meldingstermijn(date(2025, 5, 24), kalender=KAL)  # 4 weeks back = Saturday 26 April, Koningsdag
    assert t.einddatum == date(2025, 4, 26) and not t.verschoven and not t.atw_toegepast
    assert "Atw art. 1 lid 2" in tekst(t)
    assert meldingstermijn(date(2025, 6, 2), kalender=KAL, duur=Duur(2, W)).einddatum == date(2025, 5, 19)


def test_besluittermijn_verschuift_standaard_niet_maar_wel_met_beleid():
    zonder = termijn(date(2025, 4, 12), 2, wettelijk=False)  # Saturday 26 April 2025
    assert zonder.einddatum == date(2025, 4, 26) and not zonder.verschoven
    assert "verschuift besluittermijnen niet" in tekst(zonder)
    met = termijn(date(2025, 4, 12), 2, wettelijk=False, verschuif_besluittermijnen=True)
    assert met.einddatum == date(2025, 4, 28) and met.verschoven
    assert "naar analogie" in tekst(met)
    lang = termijn(date(2024, 10, 26), 6, Eenheid.MAAND, wettelijk=False, verschuif_besluittermijnen=True)
    assert not lang.verschoven  # art. 4 applies by analogy too


def test_invoer_gecontroleerd():
    with pytest.raises(TypeError):
        termijn(datetime(2025, 1, 1), 6)
    with pytest.raises(TypeError):
        termijn(date(2025, 1, 1), 6, richting="vooruit")
    with pytest.raises(ValueError, match="datumbereik"):
        termijn(date(9999, 12, 25), 2)


# --- named Awb / Omgevingswet periods -------------------------------------------------------------------


def test_beslistermijn_regulier_met_paasmaandag():
    t = beslistermijn(date(2025, 2, 24), kalender=KAL)
    assert (t.onverschoven_einddatum, t.einddatum) == (date(2025, 4, 21), date(2025, 4, 22))
    assert "Ow art. 16.64" in t.motivering[0]


def test_beslistermijn_bronnen_en_instemming():
    # Ow art. 16.64 lid 1: 12 weeks when the intended decision needs instemming (art. 16.16): Monday 6 January
    # 2025 + 12 weeks = Monday 31 March 2025, a working day. Twelve weeks is not "more than twelve": the Atw applies.
    t = beslistermijn(date(2025, 1, 6), kalender=KAL, instemming=True)
    assert (t.einddatum, t.atw_toegepast) == (date(2025, 3, 31), True)
    assert "12 weken" in t.motivering[0] and "Ow art. 16.16" in t.motivering[0]
    assert "Ow art. 16.64 lid 1" in t.motivering[0]
    assert "Ow art. 16.64 lid 2" in beslistermijn(date(2025, 1, 6), kalender=KAL, verlenging_weken=2).motivering[0]
    # Extended procedure: 6 months (Awb 3:18 lid 1); an extension at most 6 weeks, once (Ow art. 16.66 lid 3).
    u = beslistermijn(date(2025, 1, 6), kalender=KAL, procedure=Procedure.UITGEBREID, verlenging_weken=6)
    assert "Awb 3:18 lid 1" in u.motivering[0] and "Ow art. 16.66 lid 3" in u.motivering[0]
    assert u.einddatum == date(2025, 8, 17)  # 6 July 2025 + 6 weeks; months never shift (Atw art. 4)
    with pytest.raises(ValueError, match="reguliere"):
        beslistermijn(date(2025, 1, 6), kalender=KAL, procedure=Procedure.UITGEBREID, instemming=True)


def test_beslistermijn_met_opschorting_en_verlenging():
    aanvulling = Opschorting.aanvulling(date(2025, 1, 20), date(2025, 1, 31))
    assert (aanvulling.begin, aanvulling.einde) == (date(2025, 1, 21), date(2025, 1, 31))
    t = beslistermijn(date(2025, 1, 6), kalender=KAL, opschortingen=[aanvulling])
    assert t.einddatum == date(2025, 3, 13)  # 3 March + 10 suspended days
    assert "10 dagen" in tekst(t)
    t = beslistermijn(date(2025, 1, 6), kalender=KAL, opschortingen=[aanvulling], verlenging_weken=6)
    assert t.einddatum == date(2025, 4, 24)
    assert "Verlenging met 6 weken" in tekst(t)
    assert beslistermijn(date(2025, 1, 6), kalender=KAL, verlenging_weken=6).einddatum == date(2025, 4, 14)


@pytest.mark.parametrize(
    "reeksen, dagen",
    [
        ([(date(2025, 1, 21), date(2025, 1, 31)), (date(2025, 1, 25), date(2025, 2, 5))], 15),  # overlapping
        ([(date(2025, 1, 21), date(2025, 1, 31)), (date(2025, 1, 31), date(2025, 2, 5))], 15),  # adjacent
        ([(date(2025, 1, 21), date(2025, 1, 31)), (date(2025, 1, 22), date(2025, 1, 23))], 10),  # nested
        ([(date(2025, 1, 21), date(2025, 1, 21))], 0),  # empty
        ([(date(2025, 1, 7), date(2025, 1, 9)), (date(2025, 2, 1), date(2025, 2, 4))], 5),  # separate
    ],
)
def test_opschortingen_samenvoegen(reeksen, dagen):
    t = beslistermijn(date(2025, 1, 6), kalender=KAL, opschortingen=[Opschorting(b, e) for b, e in reeksen])
    assert t.onverschoven_einddatum == date(2025, 3, 3) + timedelta(days=dagen)


def test_opschorting_ongeldig():
    with pytest.raises(ValueError, match="vóór zij begint"):
        Opschorting(date(2025, 2, 1), date(2025, 1, 31))
    with pytest.raises(ValueError, match="niet binnen de termijn"):  # before the period started
        beslistermijn(date(2025, 1, 6), kalender=KAL, opschortingen=[Opschorting(date(2025, 1, 6), date(2025, 1, 8))])
    with pytest.raises(ValueError, match="niet binnen de termijn"):  # after it ended
        beslistermijn(date(2025, 1, 6), kalender=KAL, opschortingen=[Opschorting(date(2025, 3, 4), date(2025, 3, 8))])
    with pytest.raises(ValueError):
        Opschorting.aanvulling(date(2025, 1, 20), date(2025, 1, 19))
    with pytest.raises(ValueError, match="6 weken"):
        beslistermijn(date(2025, 1, 6), kalender=KAL, verlenging_weken=7)


def test_opschorting_zelfde_dag_aangevuld_is_leeg():
    o = Opschorting.aanvulling(date(2025, 1, 20), date(2025, 1, 20))
    assert o.einde == o.begin


def test_zienswijze_uniforme_procedure_begint_op_dag_terinzagelegging():
    t = zienswijzetermijn(date(2025, 3, 13), kalender=KAL, uniforme_procedure=True)
    assert t.einddatum == date(2025, 4, 23) and not t.verschoven  # Thursday -> Wednesday six weeks on
    t = zienswijzetermijn(date(2025, 3, 11), kalender=KAL, uniforme_procedure=True)
    assert (t.onverschoven_einddatum, t.einddatum) == (date(2025, 4, 21), date(2025, 4, 22))
    assert "Awb 3:16" in t.motivering[0]
    with pytest.raises(ValueError, match="zes weken"):
        zienswijzetermijn(date(2025, 3, 11), kalender=KAL, uniforme_procedure=True, duur=Duur(4, W))


def test_zienswijze_awb_4_8_configureerbaar_en_niet_wettelijk():
    t = zienswijzetermijn(date(2025, 4, 12), kalender=KAL)
    assert t.einddatum == date(2025, 4, 26) and not t.verschoven
    assert "Awb 4:8" in t.motivering[0]
    t = zienswijzetermijn(date(2025, 4, 12), kalender=KAL, duur=Duur(10, D), verschuif_besluittermijnen=True)
    assert t.einddatum == date(2025, 4, 22)  # Easter Monday 21 April -> Tuesday


def test_dwangsom_betaaltermijn_vijf_mei():
    t = dwangsom_betaaltermijn(date(2025, 3, 24), kalender=KAL)
    assert t.einddatum == date(2025, 5, 6) and "Awb 5:33" in t.motivering[0]


def test_boete_beslistermijn_dertien_weken_verschuift_niet():
    t = boete_beslistermijn(date(2025, 1, 25), kalender=KAL)
    assert t.einddatum == date(2025, 4, 26) and not t.verschoven
    assert "meer dan 12 weken" in tekst(t)
    om = Opschorting(date(2025, 2, 1), date(2025, 2, 15), "voorgelegd aan het OM (Awb 5:51 lid 2)")
    t = boete_beslistermijn(date(2025, 1, 25), kalender=KAL, opschortingen=[om])
    assert t.einddatum == date(2025, 5, 10)


def test_boete_vervaltermijn_drie_of_vijf_jaar():
    t = boete_vervaltermijn(date(2022, 4, 26), kalender=KAL, zware_procedure=False)
    assert t.einddatum == date(2025, 4, 26) and "Awb 5:45 lid 2" in t.motivering[0]
    t = boete_vervaltermijn(date(2022, 4, 26), kalender=KAL, zware_procedure=True)
    assert t.einddatum == date(2027, 4, 26) and "Awb 5:45 lid 1" in t.motivering[0] and not t.verschoven


def test_aanmaningstermijn():
    t = aanmaningstermijn(date(2025, 4, 12), kalender=KAL)
    assert t.einddatum == date(2025, 4, 28) and "Awb 4:112" in t.motivering[0]


# --- properties -----------------------------------------------------------------------------------------

datums = st.dates(min_value=date(1990, 1, 1), max_value=date(2100, 12, 31))
duren = st.one_of(
    st.builds(Duur, st.integers(1, 200), st.just(D)),
    st.builds(Duur, st.integers(1, 30), st.just(W)),
    st.builds(Duur, st.integers(1, 24), st.just(Eenheid.MAAND)),
    st.builds(Duur, st.integers(1, 5), st.just(Eenheid.JAAR)),
)
kalenders = st.frozensets(st.tuples(datums, st.just("besluit")), max_size=5).map(
    lambda dagen: Feestdagenkalender(gelijkgestelde_dagen=dagen)
)


def werkdagen(kal, start, eind):
    return sum(kal.is_werkdag(start + timedelta(days=i)) for i in range(1, (eind - start).days + 1))


@given(datums, duren, kalenders)
def test_wettelijk_vooruit_eindigt_op_werkdag(start, duur, kal):
    t = einde_termijn(start, duur, kalender=kal, richting=Richting.VOORUIT, wettelijk=True)
    assert t.einddatum >= t.onverschoven_einddatum
    if duur.atw_uitsluiting() is None:
        assert t.atw_toegepast and kal.is_werkdag(t.einddatum)
    else:
        assert not t.verschoven and not t.atw_toegepast


@given(datums, duren)
def test_wettelijk_eindigt_nooit_op_een_besluitdag(start, duur):
    t = einde_termijn(start, duur, kalender=BESLUITEN, richting=Richting.VOORUIT, wettelijk=True)
    if duur.atw_uitsluiting() is None:
        assert t.einddatum not in dict(BESLUITEN.gelijkgestelde_dagen)
        assert (
            t.einddatum == einde_termijn(start, duur, kalender=KAL, richting=Richting.VOORUIT, wettelijk=True).einddatum
            or t.verschoven
        )
    else:
        assert t.einddatum == t.onverschoven_einddatum


@given(datums, duren, kalenders)
def test_artikel_2_houdt_altijd(start, duur, kal):
    t = einde_termijn(start, duur, kalender=kal, richting=Richting.VOORUIT, wettelijk=True)
    if duur.atw_uitsluiting() is None and duur.minimaal_dagen >= 3:
        assert werkdagen(kal, start, t.einddatum) >= 2


@given(datums, duren, kalenders)
def test_verschuiving_is_minimaal(start, duur, kal):
    t = einde_termijn(start, duur, kalender=kal, richting=Richting.VOORUIT, wettelijk=True)
    dag = t.onverschoven_einddatum
    while dag < t.einddatum:  # no earlier day would have satisfied art. 1 and 2
        assert not kal.is_werkdag(dag) or (duur.minimaal_dagen >= 3 and werkdagen(kal, start, dag) < 2)
        dag += timedelta(days=1)


@given(datums, duren, kalenders, st.booleans())
def test_terugrekenen_verschuift_nooit(start, duur, kal, wettelijk):
    t = einde_termijn(
        start, duur, kalender=kal, richting=Richting.TERUG, wettelijk=wettelijk, verschuif_besluittermijnen=True
    )
    assert not t.verschoven and t.einddatum == t.onverschoven_einddatum < start
    if duur.eenheid in (D, W):
        assert t.einddatum == start - timedelta(days=duur.minimaal_dagen)


@given(datums, duren, kalenders)
def test_besluittermijn_verschuift_standaard_nooit(start, duur, kal):
    t = einde_termijn(start, duur, kalender=kal, richting=Richting.VOORUIT, wettelijk=False)
    assert not t.verschoven and not t.atw_toegepast and t.einddatum == t.onverschoven_einddatum
    assert (
        t.einddatum
        == einde_termijn(start, duur, kalender=kal, richting=Richting.VOORUIT, wettelijk=True).onverschoven_einddatum
    )


@given(duren)
def test_duur_iso_heen_en_terug(duur):
    assert Duur.parse(duur.iso) == duur


@given(st.integers(1583, 4000))
def test_pasen_is_zondag_tussen_22_maart_en_25_april(jaar):
    p = pasen(jaar)
    assert p.weekday() == 6 and date(jaar, 3, 22) <= p <= date(jaar, 4, 25)


@given(st.lists(st.tuples(st.integers(1, 50), st.integers(0, 20)), max_size=4))
def test_opschorting_telt_elke_dag_eenmaal(reeksen):
    ontvangst = date(2025, 1, 6)
    opschortingen = [Opschorting(ontvangst + timedelta(days=b), ontvangst + timedelta(days=b + n)) for b, n in reeksen]
    dagen = {o.begin + timedelta(days=i) for o in opschortingen for i in range((o.einde - o.begin).days)}
    t = beslistermijn(ontvangst, kalender=KAL, opschortingen=opschortingen)
    assert t.onverschoven_einddatum == date(2025, 3, 3) + timedelta(days=len(dagen))
