"""The procedure table (`vergunningen/procedure.py`) as a table of cases: each step allowed or refused, with the field
and the article of the reason. Pure: no database, every date given."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta

import pytest

from openvth.organisaties.fouten import OngeldigeInvoer
from openvth.vergunningen import procedure
from openvth.vergunningen.procedure import Aanvulling, Zaak

ONTVANGEN = date(2026, 3, 2)  # a Monday
VANDAAG = date(2026, 12, 7)
REGULIER = Zaak("toestemmingsaanvraag", "omgevingsvergunning", "in_behandeling", ONTVANGEN, "regulier")
UITGEBREID = replace(REGULIER, procedure="uitgebreid")
MELDING = Zaak(
    "activiteitmelding", "", "ontvangen", ONTVANGEN, heeft_bijlagen=True, aanvang_activiteit=date(2026, 5, 1)
)
OPEN_AANVULLING = Aanvulling(date(2026, 3, 10), date(2026, 3, 24))
d = date


def _w(n: int) -> date:
    return ONTVANGEN + timedelta(weeks=n)


GEVALLEN = [
    # (name, zaak, handeling, datum, gegevens, None when allowed | (field, part of the reason))
    (
        "in behandeling",
        replace(REGULIER, status="ontvangen", procedure=""),
        "in_behandeling_nemen",
        _w(1),
        {"procedure": "regulier"},
        None,
    ),
    (
        "in behandeling na besluit",
        replace(REGULIER, status="besloten"),
        "in_behandeling_nemen",
        _w(1),
        {"procedure": "regulier"},
        ("handeling", "kan niet in de status 'besloten'"),
    ),
    ("melding afhandelen op een aanvraag", REGULIER, "afhandelen", _w(1), {}, ("handeling", "hoort niet bij")),
    ("onbekende stap", REGULIER, "toveren", _w(1), {}, ("handeling", "onbekend")),
    (
        "datum in de toekomst",
        REGULIER,
        "verlengen",
        VANDAAG + timedelta(days=1),
        {"weken": 2, "reden": "x"},
        ("datum", "in de toekomst"),
    ),
    (
        "vóór ontvangst",
        REGULIER,
        "verlengen",
        ONTVANGEN - timedelta(days=1),
        {"weken": 2, "reden": "x"},
        ("datum", "vóór de ontvangst"),
    ),
    (
        "vóór de vorige stap",
        replace(REGULIER, laatste_stap=_w(3)),
        "verlengen",
        _w(2),
        {"weken": 2, "reden": "x"},
        ("datum", "de vorige stap"),
    ),
    ("aanvulling vragen", REGULIER, "aanvulling_vragen", _w(1), {"aanvullen_voor": _w(3), "omschrijving": "x"}, None),
    (
        "tweede aanvulling terwijl er een loopt",
        replace(REGULIER, aanvullingen=(OPEN_AANVULLING,)),
        "aanvulling_vragen",
        _w(2),
        {"aanvullen_voor": _w(4), "omschrijving": "x"},
        ("datum", "Awb 4:5"),
    ),
    (
        "aanvultermijn vandaag",
        REGULIER,
        "aanvulling_vragen",
        _w(1),
        {"aanvullen_voor": _w(1), "omschrijving": "x"},
        ("aanvullen_voor", "Awb 4:5 lid 1"),
    ),
    (
        "aanvulling na de beslistermijn",
        REGULIER,
        "aanvulling_vragen",
        _w(9),
        {"aanvullen_voor": _w(11), "omschrijving": "x"},
        ("datum", "Awb 4:15"),
    ),
    (
        "aanvulling ontvangen",
        replace(REGULIER, status="opgeschort", aanvullingen=(OPEN_AANVULLING,)),
        "aanvulling_ontvangen",
        d(2026, 3, 20),
        {"aangevuld_op": d(2026, 3, 20)},
        None,
    ),
    (
        "aanvulling vóór het verzoek",
        replace(REGULIER, status="opgeschort", aanvullingen=(OPEN_AANVULLING,)),
        "aanvulling_ontvangen",
        d(2026, 3, 20),
        {"aangevuld_op": d(2026, 3, 9)},
        ("aangevuld_op", "na het verzoek"),
    ),
    (
        "termijn nog niet verstreken",
        replace(REGULIER, status="opgeschort", aanvullingen=(OPEN_AANVULLING,)),
        "aanvultermijn_verstreken",
        d(2026, 3, 24),
        {},
        ("datum", "tot en met 24-03-2026"),
    ),
    (
        "termijn verstreken",
        replace(REGULIER, status="opgeschort", aanvullingen=(OPEN_AANVULLING,)),
        "aanvultermijn_verstreken",
        d(2026, 3, 25),
        {},
        None,
    ),
    (
        "buiten behandeling zonder aanvulverzoek",
        REGULIER,
        "buiten_behandeling_stellen",
        _w(2),
        {"reden": "x"},
        ("datum", "Awb 4:5 lid 1"),
    ),
    (
        "buiten behandeling binnen vier weken",
        replace(REGULIER, aanvullingen=(replace(OPEN_AANVULLING, ongebruikt=True),)),
        "buiten_behandeling_stellen",
        d(2026, 4, 21),
        {"reden": "x"},
        None,
    ),
    (
        "buiten behandeling te laat",
        replace(REGULIER, aanvullingen=(replace(OPEN_AANVULLING, ongebruikt=True),)),
        "buiten_behandeling_stellen",
        d(2026, 4, 22),
        {"reden": "x"},
        ("datum", "Awb 4:5 lid 4"),
    ),
    ("verlengen", REGULIER, "verlengen", _w(7), {"weken": 6, "reden": "x"}, None),
    # Eight weeks end on Monday 27 April 2026, Koningsdag: the Atw moves the end to the 28th (art. 1).
    (
        "verlengen op de verschoven laatste dag",
        REGULIER,
        "verlengen",
        _w(8) + timedelta(days=1),
        {"weken": 6, "reden": "x"},
        None,
    ),
    (
        "verlengen na acht weken",
        REGULIER,
        "verlengen",
        _w(8) + timedelta(days=2),
        {"weken": 6, "reden": "x"},
        ("datum", "Ow art. 16.64 lid 2"),
    ),
    (
        "tweemaal verlengen",
        replace(REGULIER, verlenging_weken=2),
        "verlengen",
        _w(3),
        {"weken": 2, "reden": "x"},
        ("weken", "eenmaal"),
    ),
    ("zeven weken verlengen", REGULIER, "verlengen", _w(3), {"weken": 7, "reden": "x"}, ("weken", "zes weken")),
    (
        "uitgebreid: verlengen na acht weken",
        UITGEBREID,
        "verlengen",
        _w(8) + timedelta(days=2),
        {"weken": 6, "reden": "x"},
        ("datum", "Awb 3:18 lid 2"),
    ),
    (
        "ontwerp ter inzage in de reguliere procedure",
        replace(REGULIER, ontwerp_goedgekeurd=True),
        "ontwerp_ter_inzage",
        _w(4),
        {},
        ("datum", "afdeling 3.4"),
    ),
    ("ontwerp ter inzage zonder goedkeuring", UITGEBREID, "ontwerp_ter_inzage", _w(4), {}, ("besluit", "goedkeuren")),
    ("ontwerp ter inzage", replace(UITGEBREID, ontwerp_goedgekeurd=True), "ontwerp_ter_inzage", _w(4), {}, None),
    (
        "uitgebreid besluiten zonder ontwerp",
        replace(UITGEBREID, besluit_goedgekeurd=("verlenen", 2)),
        "besluit_bekendmaken",
        _w(20),
        {},
        ("datum", "Awb 3:11"),
    ),
    (
        "uitgebreid besluiten tijdens zienswijzen",
        replace(UITGEBREID, status="ter_inzage", ter_inzage=(_w(4), _w(10)), besluit_goedgekeurd=("verlenen", 2)),
        "besluit_bekendmaken",
        _w(10),
        {},
        ("datum", "Awb 3:16"),
    ),
    (
        "uitgebreid besluiten na zienswijzen",
        replace(UITGEBREID, status="ter_inzage", ter_inzage=(_w(4), _w(10)), besluit_goedgekeurd=("verlenen", 2)),
        "besluit_bekendmaken",
        _w(10) + timedelta(days=1),
        {},
        None,
    ),
    (
        "verlenen zonder voorschriften",
        replace(REGULIER, besluit_goedgekeurd=("verlenen", 0)),
        "besluit_bekendmaken",
        _w(4),
        {},
        ("besluit", "Ow art. 5.34"),
    ),
    (
        "gelijkwaardige maatregel zonder voorschriften",
        replace(REGULIER, subsoort="gelijkwaardige_maatregel", besluit_goedgekeurd=("verlenen", 0)),
        "besluit_bekendmaken",
        _w(4),
        {},
        None,
    ),
    (
        "verlenen na geweigerde instemming",
        replace(REGULIER, instemming_geweigerd=True, besluit_goedgekeurd=("verlenen", 1)),
        "besluit_bekendmaken",
        _w(4),
        {},
        ("besluit", "Ow art. 5.33"),
    ),
    (
        "weigeren na geweigerde instemming",
        replace(REGULIER, instemming_geweigerd=True, besluit_goedgekeurd=("weigeren", 0)),
        "besluit_bekendmaken",
        _w(4),
        {},
        None,
    ),
    (
        "besluiten terwijl instemming openstaat",
        replace(REGULIER, open_adviezen=((7, "instemming", _w(6)),), besluit_goedgekeurd=("verlenen", 1)),
        "besluit_bekendmaken",
        _w(4),
        {},
        ("datum", "Ow art. 16.16"),
    ),
    (
        "advies vragen",
        REGULIER,
        "advies_vragen",
        _w(2),
        {"adviseur": "de-dommel", "soort": "instemming", "grondslag": "Ow 16.16", "reageren_voor": _w(6)},
        None,
    ),
    (
        "adviestermijn vandaag",
        REGULIER,
        "advies_vragen",
        _w(2),
        {"adviseur": "x", "soort": "advies", "grondslag": "x", "reageren_voor": _w(2)},
        ("reageren_voor", "termijn"),
    ),
    (
        "instemming als advies beantwoord",
        replace(REGULIER, open_adviezen=((7, "instemming", _w(6)),)),
        "advies_ontvangen",
        _w(3),
        {"adviesverzoek": 7, "uitkomst": "advies", "beantwoord_op": _w(3)},
        ("uitkomst", "bij instemming"),
    ),
    (
        "onbekend adviesverzoek",
        REGULIER,
        "advies_ontvangen",
        _w(3),
        {"adviesverzoek": 8, "uitkomst": "advies", "beantwoord_op": _w(3)},
        ("adviesverzoek", "geen openstaand"),
    ),
    (
        "onherroepelijk binnen de bezwaartermijn",
        replace(REGULIER, status="besloten", bezwaartermijn_tot=_w(20)),
        "onherroepelijk_worden",
        _w(20),
        {},
        ("datum", "Awb 6:7"),
    ),
    (
        "onherroepelijk na bezwaar",
        replace(REGULIER, status="besloten", bezwaartermijn_tot=_w(20), bezwaar_ontvangen=True),
        "onherroepelijk_worden",
        _w(21),
        {},
        ("datum", "bezwaar"),
    ),
    (
        "bezwaar ontvangen",
        replace(REGULIER, status="besloten", bezwaartermijn_tot=_w(20)),
        "bezwaar_ontvangen",
        _w(19),
        {"ontvangen_op": _w(19)},
        None,
    ),
    (
        "bezwaar op een aanvraag in behandeling",
        REGULIER,
        "bezwaar_ontvangen",
        _w(19),
        {"ontvangen_op": _w(19)},
        ("handeling", "kan niet"),
    ),
    (
        "onherroepelijk",
        replace(REGULIER, status="besloten", bezwaartermijn_tot=_w(20)),
        "onherroepelijk_worden",
        _w(20) + timedelta(days=1),
        {},
        None,
    ),
    (
        "ingebrekestelling binnen de termijn",
        REGULIER,
        "ingebrekestelling_ontvangen",
        _w(9),
        {"ontvangen_op": _w(8)},
        ("ontvangen_op", "Awb 4:17 lid 3"),
    ),
    ("ingebrekestelling", REGULIER, "ingebrekestelling_ontvangen", _w(10), {"ontvangen_op": _w(10)}, None),
    ("melding afhandelen", MELDING, "afhandelen", _w(1), {}, None),
    (
        "melding zonder begin",
        replace(MELDING, aanvang_activiteit=None),
        "afhandelen",
        _w(1),
        {},
        ("datum", "begin van de activiteit"),
    ),
    (
        "melding zonder gegevens",
        replace(MELDING, heeft_bijlagen=False),
        "afhandelen",
        _w(1),
        {},
        ("datum", "gegevens en bescheiden"),
    ),
    ("intrekken", REGULIER, "intrekken", _w(1), {}, None),
    (
        "intrekken na het besluit",
        replace(REGULIER, status="besloten"),
        "intrekken",
        _w(1),
        {},
        ("handeling", "kan niet"),
    ),
]


@pytest.mark.parametrize(
    ("zaak", "handeling", "datum", "gegevens", "verwacht"), [g[1:] for g in GEVALLEN], ids=[g[0] for g in GEVALLEN]
)
def test_tabel(zaak, handeling, datum, gegevens, verwacht):
    if verwacht is None:
        beoordeling = procedure.beoordeel(zaak, handeling, datum=datum, ruw=gegevens, vandaag=VANDAAG)
        assert beoordeling.handeling is procedure.HANDELINGEN[handeling]
        return
    veld, reden = verwacht
    with pytest.raises(OngeldigeInvoer) as fout:
        procedure.beoordeel(zaak, handeling, datum=datum, ruw=gegevens, vandaag=VANDAAG)
    assert reden in fout.value.velden[veld], fout.value.velden


def test_elke_stap_noemt_zijn_grond_en_heeft_een_geval():
    for naam, h in procedure.HANDELINGEN.items():
        assert any(c in h.artikel for c in ("Awb", "Ow", "STAM")), naam
        assert any(g[2] == naam for g in GEVALLEN), f"geen geval voor {naam}"


def test_opgeschorte_termijn_wordt_gepland_tot_de_laatste_aanvuldag():
    zonder = procedure.beslistermijn(REGULIER, VANDAAG)
    met = procedure.beslistermijn(replace(REGULIER, aanvullingen=(OPEN_AANVULLING,)), VANDAAG)
    assert zonder is not None and met is not None
    # Suspended from 11 March to 25 March exclusive (14 days): the supplement on the last day given.
    assert met.onverschoven_einddatum == zonder.onverschoven_einddatum + timedelta(days=14)
    assert any("4:15" in r for r in met.motivering)


def test_instemming_twaalf_weken_en_uitgebreid_zes_maanden():
    acht = procedure.beslistermijn(REGULIER, VANDAAG)
    twaalf = procedure.beslistermijn(replace(REGULIER, instemming_vereist=True), VANDAAG)
    zes_maanden = procedure.beslistermijn(UITGEBREID, VANDAAG)
    assert acht and twaalf and zes_maanden
    assert acht.onverschoven_einddatum == _w(8) and twaalf.onverschoven_einddatum == _w(12)
    assert zes_maanden.einddatum == date(2026, 9, 2)
    assert procedure.beslistermijn(MELDING, VANDAAG) is None
