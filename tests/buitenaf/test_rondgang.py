"""Production smoke test: every page the public and each demo role can reach answers without a server error, and
every static file a page names exists (issue 11: a production deployment served 500 on every HTML page).

The crawl follows same-origin links from the start page, breadth first, over plain HTTP with a cookie session
(no browser). It visits every route, not every record: paths that differ only in an identifier are one route, of
which it opens `PER_ROUTE` example(s), with and without a query string (list filters and page numbers would
otherwise be endless), and one of each download (a path with a file extension: exports, PDFs, archives, where
the query only repeats the list's page); at most `MAX_PAGINAS` pages per role. It never follows log-out or links
that act.
"""

from __future__ import annotations

import re
from collections import Counter, deque
from html.parser import HTMLParser
from urllib.parse import urljoin, urlsplit

import pytest
import requests

from .conftest import DEMOROLLEN, Bezoeker

MAX_PAGINAS = 300
PER_ROUTE = 1
ID = re.compile(r"/(\d+|[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}|[A-Za-z]{2}\d{4})(?=/|$)")
# Links that change state or end the session: not for a crawler (they are POST forms anyway; this is a guard).
OVERSLAAN = re.compile(r"/(uitloggen|intrekken|beeindigen|verwijderen|annuleren)(/|$)|^/i18n/")
DOWNLOAD = re.compile(r"\.(?!html$)[a-z]+$")
CSS_URL = re.compile(r"""url\(\s*['"]?([^'")]+)['"]?\s*\)""")


class _Verwijzingen(HTMLParser):
    def __init__(self):
        super().__init__()
        self.links: list[str] = []
        self.statisch: list[str] = []

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "a" and a.get("href"):
            self.links.append(a["href"])
        for naam in ("href", "src"):
            if tag in ("link", "script", "img") and (a.get(naam) or "").startswith("/static/"):
                self.statisch.append(a[naam])


def _rondgang(bezoeker: Bezoeker, rol: str) -> tuple[list[str], int]:
    """Crawl from the start page; returns the problems found and the number of pages seen."""
    problemen: list[str] = []
    gezien: set[str] = {"/"}
    varianten: Counter[tuple[str, bool]] = Counter()
    statisch_gezien: set[str] = set()
    wachtrij = deque(["/"])
    paginas = 0
    while wachtrij and paginas < MAX_PAGINAS:
        pad = wachtrij.popleft()
        try:
            antwoord = bezoeker.get(pad)
        except requests.exceptions.ChunkedEncodingError as fout:  # a streamed answer that broke off: a server error
            problemen.append(f"{rol}: afgebroken antwoord op {pad}: {fout}")
            continue
        finally:
            paginas += 1
        if antwoord.status_code >= 500:
            problemen.append(f"{rol}: {antwoord.status_code} op {pad}")
            continue
        if "text/html" not in antwoord.headers.get("Content-Type", ""):
            continue
        verwijzingen = _Verwijzingen()
        verwijzingen.feed(antwoord.text)
        for bestand in verwijzingen.statisch:
            if bestand not in statisch_gezien:
                statisch_gezien.add(bestand)
                problemen.extend(_controleer_statisch(bezoeker, bestand, pad, statisch_gezien))
        hier = urlsplit(antwoord.url).path
        for href in verwijzingen.links:
            doel = urlsplit(urljoin(hier, href))
            if doel.scheme not in ("", "http", "https") or (
                doel.netloc and doel.netloc != urlsplit(antwoord.url).netloc
            ):
                continue
            volledig = doel.path + (f"?{doel.query}" if doel.query else "")
            if volledig in gezien or OVERSLAAN.search(doel.path) or doel.path.startswith("/static/"):
                continue
            download = DOWNLOAD.search(doel.path) is not None
            route = (ID.sub("/{id}", doel.path), bool(doel.query) and not download)
            if varianten[route] >= (1 if download else PER_ROUTE):
                continue
            gezien.add(volledig)
            varianten[route] += 1
            wachtrij.append(volledig)
    return problemen, paginas


def _controleer_statisch(bezoeker: Bezoeker, bestand: str, pagina: str, gezien: set[str]) -> list[str]:
    """The file exists; a stylesheet's own url() references exist too."""
    antwoord = bezoeker.get(bestand, volg=False)
    if antwoord.status_code != 200:
        return [f"{bestand} (op {pagina}): {antwoord.status_code}"]
    problemen = []
    if bestand.endswith(".css"):
        for verwijzing in CSS_URL.findall(antwoord.text):
            if verwijzing.startswith(("data:", "#", "http:", "https:")):
                continue
            doel = urljoin(bestand, verwijzing).split("#")[0].split("?")[0]
            if doel not in gezien:
                gezien.add(doel)
                problemen.extend(_controleer_statisch(bezoeker, doel, bestand, gezien))
    return problemen


def test_het_publiek_ziet_elke_pagina_zonder_serverfout(bezoeker):
    problemen, paginas = _rondgang(bezoeker, "publiek")
    assert not problemen, "\n".join(problemen)
    assert paginas >= 5, f"de rondgang vond maar {paginas} pagina's"


@pytest.mark.parametrize("rol", DEMOROLLEN)
def test_elke_demorol_ziet_elke_pagina_zonder_serverfout(bezoeker, rol):
    bezoeker.inloggen(rol)
    problemen, paginas = _rondgang(bezoeker, rol)
    assert not problemen, "\n".join(problemen + ["", bezoeker.server.logstaart()])
    assert paginas >= 5, f"de rondgang vond maar {paginas} pagina's"
