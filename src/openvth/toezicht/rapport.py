"""The inspection report to the operator as a PDF (WeasyPrint), rendered from a plain data structure.

Why a plain structure: the view gathers everything through the access-scoped selectors first, so this module
never touches the database and a test can state exactly what the report contains.

* The report is always in Dutch: Awb art. 2:6 lid 1 — an administrative body uses the Dutch language — so the
  template holds plain Dutch text, whatever language the inspector's screen is in.
* WeasyPrint fetches nothing over the network: `GeenNetwerk` answers only `data:` URLs (the photos, embedded by
  this module) and refuses every other URL, so a stray link in a description can neither leak data nor hang
  the rendering. The stylesheet is read from this app's static folder and passed as a string.
* What goes to the operator is what was found and the rule it breaks, never the authority's internal reasoning:
  no LHSO cell or track, no instruments under consideration, no internal notes (issue 12). References are
  readable: the controle's kenmerk (`kenmerk`) and a violation's zaaknummer, not UUIDs.
* IED installations (Richtlijn 2010/75/EU art. 23 lid 6): the report goes to the operator within two months of
  the site visit and is made public within four months; the deadlines are computed by the services and only
  printed here.
"""

from __future__ import annotations

import base64
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path

from django.template.loader import render_to_string
from django.utils import timezone, translation

STIJL = Path(__file__).resolve().parent / "static" / "toezicht" / "rapport.css"


class NetwerkGeweigerd(ValueError):
    """A URL other than `data:` was asked for while rendering the report."""


def _fetcher_klasse():
    # Lazy: WeasyPrint takes ~2 s to import, and only a PDF needs it.
    from weasyprint.urls import URLFetcher, URLFetcherResponse

    class GeenNetwerk(URLFetcher):
        """WeasyPrint URL fetcher that serves `data:` URLs itself and refuses everything else."""

        def __init__(self):
            super().__init__(allowed_protocols=("data",), allow_redirects=False, fail_on_errors=False)
            self.geweigerd: list[str] = []

        def fetch(self, url, headers=None):
            if not url.startswith("data:"):
                self.geweigerd.append(url)
                raise NetwerkGeweigerd(f"Geen netwerktoegang bij het opmaken van het rapport: {url[:80]}")
            kop, _, inhoud = url.partition(",")
            mediatype = kop[5:].removesuffix(";base64") or "text/plain"
            gegevens = base64.b64decode(inhoud) if kop.endswith(";base64") else inhoud.encode()
            return URLFetcherResponse(url, gegevens, {"Content-Type": mediatype})

    return GeenNetwerk


@dataclass(frozen=True)
class Foto:
    naam: str
    mediatype: str
    inhoud: bytes

    @property
    def data_url(self) -> str:
        return f"data:{self.mediatype};base64,{base64.b64encode(self.inhoud).decode('ascii')}"


@dataclass(frozen=True)
class Rapportbevinding:
    onderwerp: str
    aandachtspunt: str
    resultaat: str
    nageleefd: bool
    omschrijving: str = ""
    voorschrift: str = ""
    overtreding: str = ""  # zaaknummer of the violation it created or joined
    fotos: tuple[Foto, ...] = ()


@dataclass(frozen=True)
class Rapportgegevens:
    """Everything the report shows; built by the view from selector results."""

    kenmerk: str
    uitvoerder: str
    bevoegd_gezag: str
    object_naam: str
    adres: str
    vestiging: str
    kvk: str
    reden: str
    aangekondigd: bool
    uitgevoerd_op: date | None
    toezichthouder: str
    bevindingen: tuple[Rapportbevinding, ...]
    ied: bool = False
    rapport_uiterlijk: date | None = None
    openbaar_uiterlijk: date | None = None
    opgemaakt_op: datetime | None = None
    activiteiten: tuple[str, ...] = field(default_factory=tuple)

    @property
    def aantal_overtredingen(self) -> int:
        return sum(1 for b in self.bevindingen if not b.nageleefd and b.overtreding)


def kenmerk(jaar: int, volgnummer: int) -> str:
    """The controle's readable reference on the report: TZ-year-number (the operator quotes it on the phone)."""
    return f"TZ-{jaar}-{volgnummer:06d}"


def html(gegevens: Rapportgegevens) -> str:
    with translation.override("nl"):
        return render_to_string("toezicht/rapport.html", {"r": gegevens})


def pdf(gegevens: Rapportgegevens) -> bytes:
    """The report as PDF bytes; refuses (silently drops) every resource that is not embedded."""
    return opmaken(html(gegevens), STIJL.read_text(encoding="utf-8"))


def opmaken(html_tekst: str, stijl_tekst: str) -> bytes:
    """HTML and a stylesheet to PDF bytes with no network access: the one WeasyPrint pipeline of this app (the
    report and the programme export)."""
    # Lazy: WeasyPrint takes ~2 s to import, and only a PDF needs it.
    from weasyprint import CSS, HTML

    fetcher = _fetcher_klasse()()
    stijl = CSS(string=stijl_tekst, url_fetcher=fetcher)
    document = HTML(string=html_tekst, base_url="data:,", url_fetcher=fetcher)
    return document.write_pdf(stylesheets=[stijl])


def bestandsnaam(gegevens: Rapportgegevens) -> str:
    datum = (gegevens.uitgevoerd_op or timezone.localdate()).isoformat()
    return f"controlerapport-{datum}-{gegevens.kenmerk}.pdf"
