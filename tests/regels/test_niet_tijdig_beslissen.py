"""Tests for regels/niet_tijdig_beslissen.py: Awb 4:17-4:20, worked examples computed by hand below.

Base case (2025): the decision period ends Monday 3 March (8 weeks after Monday 6 January); the written notice
of default arrives Wednesday 5 March. Two weeks after 5 March: Wednesday 19 March, a working day, so the Atw
moves nothing and 19 March is day 1 (Awb 4:17 lid 3). Day 14 = 19 March + 13 = Tuesday 1 April; day 15 =
2 April; day 28 = 19 March + 27 = Tuesday 15 April; day 29 = 16 April; day 42 = 19 March + 41 = Tuesday
29 April (13 days in March, 29 in April). Amounts (lid 2): 14 x 23 = 322; + 14 x 35 = 490 -> 812;
+ 14 x 45 = 630 -> 1,442 euro at most.
"""

from datetime import date, datetime

import pytest

from openvth.regels.niet_tijdig_beslissen import (
    MAXIMUM_DAGEN,
    Uitzondering,
    dwangsom_niet_tijdig_beslissen,
)
from openvth.regels.termijnen import Feestdagenkalender

KAL = Feestdagenkalender()
EINDE = date(2025, 3, 3)
ONTVANGEN = date(2025, 3, 5)


def bereken(peildatum, *, einde=EINDE, ontvangen=ONTVANGEN, **kwargs):
    return dwangsom_niet_tijdig_beslissen(
        einde_beslistermijn=einde, ingebrekestelling_ontvangen=ontvangen, peildatum=peildatum, kalender=KAL, **kwargs
    )


def tekst(u) -> str:
    return "\n".join(u.motivering)


@pytest.mark.parametrize(
    "peildatum, dagen, bedrag_cent, schijven",
    [
        # 18 March: still inside the two weeks; nothing owed yet.
        (date(2025, 3, 18), 0, 0, ()),
        # 19 March: day 1 at 23 euro.
        (date(2025, 3, 19), 1, 2300, ((1, 2300),)),
        # 1 April: day 14, the last at 23: 14 x 23 = 322.
        (date(2025, 4, 1), 14, 32200, ((14, 2300),)),
        # 2 April: day 15, the first at 35: 322 + 35 = 357.
        (date(2025, 4, 2), 15, 35700, ((14, 2300), (1, 3500))),
        # 15 April: day 28: 322 + 14 x 35 = 812.
        (date(2025, 4, 15), 28, 81200, ((14, 2300), (14, 3500))),
        # 16 April: day 29, the first at 45: 812 + 45 = 857.
        (date(2025, 4, 16), 29, 85700, ((14, 2300), (14, 3500), (1, 4500))),
        # 29 April: day 42, the maximum: 812 + 14 x 45 = 1,442.
        (date(2025, 4, 29), 42, 144200, ((14, 2300), (14, 3500), (14, 4500))),
        # 30 June: long past the maximum; still 42 days, 1,442 (lid 1).
        (date(2025, 6, 30), 42, 144200, ((14, 2300), (14, 3500), (14, 4500))),
    ],
)
def test_dagen_en_bedragen_per_schijf(peildatum, dagen, bedrag_cent, schijven):
    u = bereken(peildatum)
    assert (u.dagen, u.bedrag_cent) == (dagen, bedrag_cent)
    assert tuple((p.dagen, p.cent_per_dag) for p in u.perioden) == schijven
    assert u.eerste_dag == date(2025, 3, 19)
    assert u.maximum_bereikt_op == date(2025, 4, 29)
    assert sum(p.bedrag_cent for p in u.perioden) == u.bedrag_cent
    assert u.verschuldigd is (dagen > 0)


def test_schijven_hebben_aaneensluitende_data():
    p1, p2, p3 = bereken(date(2025, 4, 29)).perioden
    assert (p1.van, p1.tot_en_met) == (date(2025, 3, 19), date(2025, 4, 1))
    assert (p2.van, p2.tot_en_met) == (date(2025, 4, 2), date(2025, 4, 15))
    assert (p3.van, p3.tot_en_met) == (date(2025, 4, 16), date(2025, 4, 29))


def test_maximum_is_1442_euro_en_42_dagen():
    u = bereken(date(2025, 4, 29))
    assert MAXIMUM_DAGEN == 42
    assert u.bedrag_cent == 14 * 2300 + 14 * 3500 + 14 * 4500 == 144200
    assert "€ 1.442" in tekst(u)
    assert "Awb 4:17 lid 1" in tekst(u) and "maximum van 42 dagen is bereikt" in tekst(u)


@pytest.mark.parametrize(
    "peildatum, afgesloten, vaststellen",
    [
        # Running: the last day is not yet known, so no 4:18 date.
        (date(2025, 4, 10), False, None),
        # Day 42 on 29 April: closed; 4:18 two weeks later: Tuesday 13 May (a working day).
        (date(2025, 4, 29), True, date(2025, 5, 13)),
        (date(2025, 9, 1), True, date(2025, 5, 13)),
    ],
)
def test_vaststelling_awb_4_18(peildatum, afgesloten, vaststellen):
    u = bereken(peildatum)
    assert (u.afgesloten, u.vaststellen_uiterlijk) == (afgesloten, vaststellen)
    assert "Awb 4:18" in tekst(u)


@pytest.mark.parametrize(
    "bekendgemaakt, dagen, bedrag_cent, laatste, vaststellen",
    [
        # Made known Thursday 3 April: the last day in default is Wednesday 2 April = day 15: 322 + 35 = 357;
        # 4:18: 2 April + 14 days = Wednesday 16 April.
        (date(2025, 4, 3), 15, 35700, date(2025, 4, 2), date(2025, 4, 16)),
        # Made known on day 1 (19 March): the last day in default is 18 March, before day 1: nothing owed.
        (date(2025, 3, 19), 0, 0, None, None),
        # Made known the day after day 1 (20 March): one day, 23 euro; 4:18: 19 March + 14 = Wednesday 2 April.
        (date(2025, 3, 20), 1, 2300, date(2025, 3, 19), date(2025, 4, 2)),
        # Made known 10 May, after the maximum: still 42 days, 1,442; the last day owed stays 29 April.
        (date(2025, 5, 10), 42, 144200, date(2025, 4, 29), date(2025, 5, 13)),
    ],
)
def test_bekendmaking_beeindigt_de_dwangsom(bekendgemaakt, dagen, bedrag_cent, laatste, vaststellen):
    u = bereken(date(2025, 6, 30), bekendgemaakt=bekendgemaakt)
    assert (u.dagen, u.bedrag_cent, u.laatste_dag, u.vaststellen_uiterlijk) == (
        dagen,
        bedrag_cent,
        laatste,
        vaststellen,
    )
    assert u.afgesloten


def test_geen_ingebrekestelling_geen_dwangsom():
    u = bereken(date(2025, 6, 30), ontvangen=None)
    assert (u.dagen, u.bedrag_cent, u.eerste_dag) == (0, 0, None)
    assert "Geen schriftelijke ingebrekestelling" in tekst(u) and "Awb 4:17 lid 3" in tekst(u)


def test_tijdig_besluit_geen_dwangsom():
    # Made known on the last day of the period (3 March): in time.
    u = bereken(date(2025, 6, 30), ontvangen=None, bekendgemaakt=EINDE)
    assert u.bedrag_cent == 0 and "tijdig" in tekst(u)


@pytest.mark.parametrize(
    "uitzondering, onderdeel",
    [
        (Uitzondering.ONREDELIJK_LAAT_IN_GEBREKE_GESTELD, "lid 5 onder a"),
        (Uitzondering.GEEN_BELANGHEBBENDE, "lid 5 onder b"),
        (Uitzondering.KENNELIJK_NIET_ONTVANKELIJK_OF_ONGEGROND, "lid 5 onder c"),
    ],
)
def test_uitzonderingen_awb_4_17_lid_5(uitzondering, onderdeel):
    u = bereken(date(2025, 6, 30), uitzondering=uitzondering)
    assert (u.dagen, u.bedrag_cent, u.perioden) == (0, 0, ())
    assert onderdeel in tekst(u) and uitzondering.omschrijving in tekst(u)


@pytest.mark.parametrize(
    "einde, ontvangen, eerste, maximum",
    [
        # Notice received Saturday 12 April 2025; + 14 days = Saturday 26 April, also Koningsdag that year
        # (27 April is a Sunday). Atw art. 1: past Saturday 26 and Sunday 27 to Monday 28 April = day 1.
        # Day 42: 28 April + 41 = Sunday 8 June (3 days in April, 31 in May, 8 in June); not shifted (lid 1).
        (date(2025, 4, 7), date(2025, 4, 12), date(2025, 4, 28), date(2025, 6, 8)),
        # Notice received Thursday 11 December 2025; + 14 = Thursday 25 December (Christmas). Atw art. 1: past
        # 25, 26 (Boxing Day), 27, 28 December to Monday 29 December. Day 42: 29 Dec + 41 = Sunday 8 Feb 2026.
        (date(2025, 12, 1), date(2025, 12, 11), date(2025, 12, 29), date(2026, 2, 8)),
        # Control: notice received Wednesday 5 March; + 14 = Wednesday 19 March, no shift.
        (EINDE, ONTVANGEN, date(2025, 3, 19), date(2025, 4, 29)),
    ],
)
def test_atw_verschuift_de_twee_weken_niet_de_42_dagen(einde, ontvangen, eerste, maximum):
    u = bereken(maximum, einde=einde, ontvangen=ontvangen)
    assert (u.eerste_dag, u.maximum_bereikt_op, u.dagen) == (eerste, maximum, 42)
    assert "Atw art. 1" in tekst(u)


def test_atw_op_de_vaststellingstermijn_van_4_18():
    # Day 1 Monday 29 December 2025 (see above); made known Monday 12 January 2026: last day Sunday 11 January =
    # day 14, 322 euro. 4:18: 11 January + 14 = Sunday 25 January, Atw art. 1 -> Monday 26 January 2026.
    u = bereken(
        date(2026, 1, 12), einde=date(2025, 12, 1), ontvangen=date(2025, 12, 11), bekendgemaakt=date(2026, 1, 12)
    )
    assert (u.dagen, u.bedrag_cent, u.vaststellen_uiterlijk) == (14, 32200, date(2026, 1, 26))


@pytest.mark.parametrize(
    "aanvragers, aandeel, afronding",
    [
        (1, 144200, False),
        # Two applicants: 1,442 / 2 = 721 each.
        (2, 72100, False),
        # Three: 144,200 cent / 3 = 48,066 cent each, 2 cent left over.
        (3, 48066, True),
    ],
)
def test_meer_aanvragers_gelijk_deel_lid_6(aanvragers, aandeel, afronding):
    u = bereken(date(2025, 4, 29), aantal_aanvragers=aanvragers)
    assert u.aandeel_per_aanvrager_cent == aandeel
    assert ("lid 6" in tekst(u)) is (aanvragers > 1)
    assert ("[check afronding]" in tekst(u)) is afronding


def test_motivering_noemt_elk_artikel():
    t = tekst(bereken(date(2025, 4, 29)))
    for artikel in ("Awb 4:17 lid 1", "Awb 4:17 lid 2", "Awb 4:17 lid 3", "Awb 4:17 lid 4", "Awb 4:18", "4:19", "4:20"):
        assert artikel in t


@pytest.mark.parametrize(
    "kwargs, melding",
    [
        # Received on the last day of the period: premature.
        ({"ontvangen": EINDE}, "prematuur"),
        ({"ontvangen": date(2025, 2, 1)}, "prematuur"),
        ({"ontvangen": date(2025, 7, 1)}, "na de peildatum"),
        ({"bekendgemaakt": date(2025, 7, 1)}, "na de peildatum"),
        # Made known 4 March, after the period but before the notice of 5 March.
        ({"bekendgemaakt": date(2025, 3, 4)}, "vóór de ontvangst van de ingebrekestelling"),
        ({"aantal_aanvragers": 0}, "ten minste één aanvrager"),
    ],
)
def test_ongeldige_invoer(kwargs, melding):
    with pytest.raises(ValueError, match=melding):
        bereken(date(2025, 6, 30), **kwargs)


@pytest.mark.parametrize(
    "kwargs",
    [
        {"ontvangen": datetime(2025, 3, 5, 9, 0)},
        {"peildatum": "2025-06-30"},
        {"uitzondering": "b"},
        {"kalender": None},
    ],
)
def test_verkeerde_typen(kwargs):
    peildatum = kwargs.pop("peildatum", date(2025, 6, 30))
    with pytest.raises(TypeError):
        if "kalender" in kwargs:
            dwangsom_niet_tijdig_beslissen(
                einde_beslistermijn=EINDE, ingebrekestelling_ontvangen=ONTVANGEN, peildatum=peildatum, **kwargs
            )
        else:
            bereken(peildatum, **kwargs)
