"""Where the access log is written (issue 14 item 5, ADR 0023): in selectors and paging helpers, so that a new page
or API route cannot forget it. A module outside this list that calls `audit.log_inzage` fails the test; adding one
means saying here why it reads as a selector does."""

from pathlib import Path

import openvth

BRON = Path(openvth.__file__).parent

TOEGESTAAN = {
    "audit/services.py": "defines log_inzage",
    "api/schemas.py": "the API's paging helper `pagineer`",
    "web/paginering.py": "the web's paging helper `gelogde_pagina`",
    "handhaving/documenten.py": "a letter reads its addressee, logged when the letter is drafted or read",
    "register/export.py": "streaming export: logs per batch of rows written",
    "toezicht/inspectieview.py": "streaming export to Inspectieview: logs per batch",
    "toezicht/programma_export.py": "the programme's CSV/PDF export reads the objects it lists",
    "toezicht/dossier.py": "the site dossier, a composition of selectors logged once per view",
    "web/inzageverzoek.py": "the privacy officer's search for a data subject (AVG art. 15) reads across records",
}


def _schrijvers() -> set[str]:
    return {
        str(pad.relative_to(BRON))
        for pad in BRON.rglob("*.py")
        if "log_inzage" in pad.read_text(encoding="utf-8")
        and pad.name != "selectors.py"
        and "migrations" not in pad.parts
    }


def test_het_toegangslog_wordt_alleen_in_selectors_en_pagineerhulpen_geschreven():
    assert _schrijvers() - TOEGESTAAN.keys() == set()


def test_de_lijst_noemt_geen_module_die_niet_meer_logt():
    """A stale entry would let a view of that name log again unnoticed."""
    assert TOEGESTAAN.keys() - _schrijvers() == set()
