"""The execution programme for adoption by the competent authority: a CSV and a PDF of the same content.

Why: the programme is adopted (vastgesteld) by the competent authority, not by the service that drafted it
(Besluit omgevingsrecht art. 7.3 until 2024; under the Omgevingswet the yearly programme of the U&H strategy of
Omgevingsbesluit art. 13.5, DOMAIN.md §2 [check the article number]). What it adopts is the hours per task
category and per authority, the planned hours against the capacity per expertise, and — so that the choice is the
authority's and not a silent one — what did not fit (`Uitvoeringsprogramma.verslag`).

`gegevens` gathers everything through the access-scoped selectors (the object names of what did not fit through
`vthobject_list`, non-public ones logged); `csv_tekst` and `pdf` only format it. The PDF goes through the
inspection report's WeasyPrint pipeline (`rapport.opmaken`: no network, embedded stylesheet) and is in Dutch like
every document an administrative body issues (Awb art. 2:6 lid 1).
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field
from datetime import datetime
from decimal import Decimal
from pathlib import Path

from django.template.loader import render_to_string
from django.utils import timezone, translation

from openvth.audit import services as audit
from openvth.organisaties.models import Taakcategorie
from openvth.organisaties.toegang import Actor
from openvth.register import selectors as register_selectors
from openvth.register.export import csv_cel

from . import rapport, selectors
from .models import Uitvoeringsprogramma

STIJL = Path(__file__).resolve().parent / "static" / "toezicht" / "programma.css"
DOEL = "export uitvoeringsprogramma"
CSV_KOLOMMEN = ("onderdeel", "naam", "taken", "uren", "capaciteit", "toelichting")


@dataclass(frozen=True)
class Regel:
    naam: str
    taken: int
    uren: Decimal
    capaciteit: Decimal | None = None
    toelichting: str = ""

    @property
    def over(self) -> bool:
        return self.capaciteit is not None and self.uren > self.capaciteit


@dataclass(frozen=True)
class NietIngepland:
    naam: str
    klasse: int
    score: float
    expertise: str
    normuren: Decimal


@dataclass(frozen=True)
class Programmagegevens:
    jaar: int
    uitvoerder: str
    status: str
    vastgesteld_op: datetime | None
    peildatum_analyse: object
    per_taakcategorie: tuple[Regel, ...]
    per_bevoegd_gezag: tuple[Regel, ...]
    per_expertise: tuple[Regel, ...]
    totaal: Regel
    niet_per_expertise: tuple[Regel, ...]
    niet_ingepland: tuple[NietIngepland, ...]
    opgemaakt_op: datetime = field(default_factory=timezone.now)

    @property
    def niet_totaal(self) -> Regel:
        return Regel(
            "totaal",
            sum(r.taken for r in self.niet_per_expertise),
            sum((r.uren for r in self.niet_per_expertise), Decimal(0)),
        )


def _uren(waarde) -> Decimal:
    return Decimal(str(waarde or 0)).quantize(Decimal("0.1"))


def gegevens(*, actor: Actor, programma: Uitvoeringsprogramma) -> Programmagegevens:
    """Everything the export shows, read through the selectors (the programme itself was got by the caller)."""
    realisatie = selectors.programma_realisatie(actor=actor, programma=programma)
    categorie_label = dict(Taakcategorie.choices)
    per_expertise_gepland: dict[str, tuple[int, Decimal]] = {}
    for expertise, uren in selectors.programmataak_list(actor=actor, programma=programma).values_list(
        "expertise", "normuren"
    ):
        n, u = per_expertise_gepland.get(expertise, (0, Decimal(0)))
        per_expertise_gepland[expertise] = (n + 1, u + uren)
    capaciteit = {c.expertise: c.uren for c in programma.capaciteit.all()}
    verslag = programma.verslag.get("per_expertise", {})
    per_expertise = tuple(
        Regel(
            e,
            per_expertise_gepland.get(e, (0, 0))[0],
            _uren(per_expertise_gepland.get(e, (0, 0))[1]),
            capaciteit=_uren(capaciteit[e]) if e in capaciteit else None,
        )
        for e in sorted(set(capaciteit) | set(per_expertise_gepland))
    )
    niet_per_expertise = tuple(
        Regel(
            e,
            int(v.get("niet_ingepland_taken", 0)),
            _uren(v.get("niet_ingepland_uren")),
            toelichting=f"waarvan {v['niet_ingepland_ied']} IED" if v.get("niet_ingepland_ied") else "",
        )
        for e, v in sorted(verslag.items())
        if v.get("niet_ingepland_taken")
    )
    top = programma.verslag.get("hoogste_niet_ingepland", [])
    objecten = {
        str(o.uuid): o
        for o in register_selectors.vthobject_list(actor=actor).filter(
            uuid__in=[r["vth_object"] for r in top if r.get("vth_object")]
        )
    }
    audit.log_inzage(actor=actor, objecten=list(objecten.values()), doel=DOEL)
    totaal = realisatie["totaal"]
    return Programmagegevens(
        jaar=programma.jaar,
        uitvoerder=programma.uitvoerder.naam,
        status=str(programma.get_status_display()),
        vastgesteld_op=programma.vastgesteld_op,
        peildatum_analyse=programma.risicoanalyse.peildatum,
        per_taakcategorie=tuple(
            Regel(str(categorie_label.get(r["taakcategorie"], r["taakcategorie"])), r["gepland"], _uren(r["normuren"]))
            for r in realisatie["per_taakcategorie"]
        ),
        per_bevoegd_gezag=tuple(
            Regel(r["bevoegd_gezag"], r["gepland"], _uren(r["normuren"])) for r in realisatie["per_bevoegd_gezag"]
        ),
        per_expertise=per_expertise,
        totaal=Regel(
            "totaal",
            totaal["gepland"],
            _uren(totaal["normuren"]),
            capaciteit=_uren(sum(capaciteit.values(), Decimal(0))),
        ),
        niet_per_expertise=niet_per_expertise,
        niet_ingepland=tuple(
            NietIngepland(
                naam=objecten[r["vth_object"]].naam if r.get("vth_object") in objecten else "(niet zichtbaar)",
                klasse=int(r["klasse"]),
                score=float(r["score"]),
                expertise=r["expertise"],
                normuren=_uren(r["normuren"]),
            )
            for r in top
        ),
    )


def csv_tekst(g: Programmagegevens) -> str:
    """One table in long form (`onderdeel` says which part a row belongs to), `;`-separated as Dutch spreadsheets
    expect, decimal points as in the API; cells pass `csv_cel` so that no name runs as a formula."""
    buffer = io.StringIO()
    schrijver = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    schrijver.writerow(CSV_KOLOMMEN)

    def rij(onderdeel: str, r: Regel) -> None:
        schrijver.writerow([csv_cel(v) for v in (onderdeel, r.naam, r.taken, r.uren, r.capaciteit, r.toelichting)])

    for r in g.per_taakcategorie:
        rij("taakcategorie", r)
    for r in g.per_bevoegd_gezag:
        rij("bevoegd gezag", r)
    for r in g.per_expertise:
        rij("expertise", r)
    rij("totaal", g.totaal)
    for r in g.niet_per_expertise:
        rij("niet ingepland", r)
    for n in g.niet_ingepland:
        schrijver.writerow(
            [
                csv_cel(v)
                for v in (
                    "niet ingepland object",
                    n.naam,
                    1,
                    n.normuren,
                    None,
                    f"klasse {n.klasse}, score {n.score:.1f}, {n.expertise}",
                )
            ]
        )
    return buffer.getvalue()


def html(g: Programmagegevens) -> str:
    with translation.override("nl"):
        return render_to_string("toezicht/programma_pdf.html", {"p": g})


def pdf(g: Programmagegevens) -> bytes:
    return rapport.opmaken(html(g), STIJL.read_text(encoding="utf-8"))


def bestandsnaam(g: Programmagegevens, extensie: str) -> str:
    return f"uitvoeringsprogramma-{g.jaar}-{g.uitvoerder}.{extensie}"
