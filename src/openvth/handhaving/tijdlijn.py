"""The case page's view of one violation: its timeline, its measures with their terms and ledger, the next steps.

Read-only assembly for `views.overtreding`: it takes a violation the caller already read through the selector
(access checked and logged there) and turns its history into rows a template can show. The next workflow steps
come from the transition table (`workflow.mogelijke_overgangen`), never from a list in a template.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime

from django.utils import timezone
from django.utils.translation import gettext as _

from . import codelijsten, selectors, workflow
from .documenten import euro
from .models import Fase, Handhavingsmaatregel, Overtreding


@dataclass
class Gebeurtenis:
    """One row of the timeline: when, what, and the motivation a jurist can check (shown on demand)."""

    datum: date
    soort: str
    titel: str
    tekst: str = ""
    termijn_tot: date | None = None
    motivering: list[str] = field(default_factory=list)
    anker: str = ""
    volgorde: float = 0.0


def regels(tekst: str) -> list[str]:
    return [r.strip() for r in (tekst or "").splitlines() if r.strip()]


def _dag(moment: datetime) -> date:
    return timezone.localdate(moment)


def _stempel(moment: datetime | None) -> float:
    return moment.timestamp() if moment else 0.0


def tijdlijn(overtreding: Overtreding, maatregelen: list[Handhavingsmaatregel]) -> list[Gebeurtenis]:
    """Everything that happened in the case, oldest first: finding, positions, steps, forfeitures, collection,
    consultations, letters."""
    rijen = [
        Gebeurtenis(
            overtreding.geconstateerd_op,
            "constatering",
            _("Overtreding geconstateerd"),
            f"{overtreding.voorschrift}: {overtreding.omschrijving}",
            volgorde=_stempel(overtreding.aangemaakt_op),
        )
    ]
    for p in overtreding.posities.all():
        rijen.append(
            Gebeurtenis(
                _dag(p.vastgesteld_op),
                "positie",
                _("Gepositioneerd in cel %(cel)s") % {"cel": p.cel},
                # The track is a data text of the LHSO table; the catalogue has it in the user's language.
                f"{_(p.spoor) if p.spoor else '—'} · {p.tabelversie}",
                motivering=regels(p.motivering),
                anker="posities",
                volgorde=_stempel(p.vastgesteld_op),
            )
        )
    for m in maatregelen:
        naam = codelijsten.instrumentnaam(m.instrument)
        instrument = _(naam) if naam else "—"  # a data text, translated where it is shown
        for s in m.stappen.all():
            rijen.append(
                Gebeurtenis(
                    s.datum,
                    "stap",
                    f"{instrument}: {Fase(s.naar).label if s.naar in Fase.values else s.naar}",
                    s.artikel,
                    termijn_tot=s.termijn_tot,
                    motivering=regels(s.motivering),
                    anker=f"maatregel-{m.uuid}",
                    volgorde=_stempel(s.geregistreerd_op),
                )
            )
        for v in m.verbeurten.all():
            rijen.append(
                Gebeurtenis(
                    v.datum,
                    "verbeurte",
                    _("Dwangsom verbeurd: %(bedrag)s") % {"bedrag": euro(v.bedrag)},
                    _("betalen uiterlijk %(betalen)s; verjaart %(verjaart)s")
                    % {"betalen": v.betalen_voor.strftime("%d-%m-%Y"), "verjaart": v.verjaart_op.strftime("%d-%m-%Y")},
                    termijn_tot=v.betalen_voor,
                    motivering=regels(v.motivering),
                    anker=f"maatregel-{m.uuid}",
                    volgorde=_stempel(v.geregistreerd_op),
                )
            )
            for naam, dag in (
                (_("Invorderingsbeschikking"), v.invorderingsbeschikking_op),
                (_("Aanmaning"), v.aanmaning_op),
                (_("Dwangbevel"), v.dwangbevel_op),
                (_("Betaald"), v.betaald_op),
            ):
                if dag:
                    rijen.append(
                        Gebeurtenis(
                            dag,
                            "invordering",
                            f"{naam}: {euro(v.bedrag)}",
                            _("verbeurte van %(datum)s") % {"datum": v.datum.strftime("%d-%m-%Y")},
                            anker=f"maatregel-{m.uuid}",
                            volgorde=_stempel(v.geregistreerd_op) + 1,
                        )
                    )
    for a in overtreding.afstemmingen.all():
        rijen.append(
            Gebeurtenis(
                a.datum,
                "afstemming",
                _("Afstemmingsoverleg: %(uitkomst)s") % {"uitkomst": a.get_uitkomst_display()},
                a.redenen,
                anker="afstemming",
                volgorde=_stempel(a.geregistreerd_op),
            )
        )
    for d in overtreding.documenten.all():
        rijen.append(
            Gebeurtenis(
                _dag(d.gemaakt_op),
                "document",
                _("Brief opgesteld: %(soort)s") % {"soort": d.get_soort_display()},
                _("sjabloon versie %(versie)s") % {"versie": d.sjabloonversie},
                anker="documenten",
                volgorde=_stempel(d.gemaakt_op),
            )
        )
    return sorted(rijen, key=lambda r: (r.datum, r.volgorde))


@dataclass
class Maatregelweergave:
    """One measure on the case page: its steps, the running term, its ledger, and the steps it may take next."""

    maatregel: Handhavingsmaatregel
    stappen: list
    grootboek: selectors.Grootboek | None
    overgangen: list[tuple[str, workflow.Overgang]]
    formulieren: list = field(default_factory=list)  # (naar, overgang, form) for whoever may take the steps
    posten: list = field(default_factory=list)  # (ledger entry, collection form or None)


def maatregelen(overtreding: Overtreding) -> list[Maatregelweergave]:
    uit = []
    for m in overtreding.maatregelen.prefetch_related("stappen", "verbeurten").order_by("aangemaakt_op", "id"):
        heeft_dwangsom = m.dwangsom_bedrag is not None or m.verbeurten.exists()
        grootboek = selectors.grootboek_voor(m) if heeft_dwangsom else None
        uit.append(
            Maatregelweergave(
                maatregel=m,
                stappen=list(m.stappen.all()),
                grootboek=grootboek,
                overgangen=list(workflow.mogelijke_overgangen(m.fase).items()),
                posten=[(p, None) for p in grootboek.posten] if grootboek else [],
            )
        )
    return uit


def eerste_stappen(instrument: str, overtreding: Overtreding) -> list[tuple[str, workflow.Overgang]]:
    """The edges out of START that fit this instrument: those whose instrument guards hold (the route of the
    instrument decides; whether the other guards hold is only known with the input)."""
    toestand = workflow.Toestand(
        fase=workflow.START, instrument=instrument, geconstateerd_op=overtreding.geconstateerd_op
    )
    context = workflow.Context(toestand, timezone.localdate(), {})
    return [
        (naar, overgang)
        for naar, overgang in workflow.mogelijke_overgangen(workflow.START).items()
        if all(b.toets(context) is None for b in overgang.bewakers if b.veld == "instrument")
    ]
