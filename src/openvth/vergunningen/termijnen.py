"""Decision periods on the deadline page and in the agenda feed of `handhaving`, and timeliness per authority.

Issue 15 item 6: the officers who watch enforcement deadlines watch the decision periods of open requests in the
same place (a period that passes unnoticed means no permit by default, Ow art. 16.64, or a penalty for not
deciding in time, Awb 4:17). ADR 0029 keeps `handhaving` from importing this app, so this module is this app's
`Termijnbron`, registered at start-up by `apps.py`. The periods and the counts come from `selectors` (the access
policy); this module only turns them into the deadline page's generic items and logs what a page or feed shows.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from uuid import UUID

from django.utils.translation import gettext_lazy as _
from django.utils.translation import gettext_noop

from openvth.handhaving import termijnbronnen
from openvth.handhaving.termijnbronnen import Bronlijst, Termijnbron, Termijnitem, Tijdigheidsrij
from openvth.organisaties.toegang import Actor
from openvth.register import selectors as register_selectors

from . import selectors

SLEUTEL = "beslistermijnen"
SOORT = gettext_noop("beslistermijn")  # stored Dutch; the page shows it through web.termen.term


def pad(verzoek: UUID) -> str:
    """The request's case page."""
    return f"/vergunningen/{verzoek}"


def beslistermijnen(
    *,
    actor: Actor,
    tot: date,
    organisatie: int | None = None,
    behandelaar: int | None = None,
    peildatum: date | None = None,
    bevoegd_gezag: str = "",
    maximum: int | None = None,
) -> Bronlijst:
    """The decision periods of open requests up to `tot`, overdue and suspended ones included, as deadline items:
    at most `maximum` of them read (a team's thousands are counted per authority, not read)."""
    telling = selectors.beslistermijn_telling(actor=actor, tot=tot, organisatie=organisatie, behandelaar=behandelaar)
    totaal = telling.get(bevoegd_gezag, 0) if bevoegd_gezag else sum(telling.values())
    signalen = selectors.beslistermijn_list(
        actor=actor,
        tot=tot,
        organisatie=organisatie,
        behandelaar=behandelaar,
        peildatum=peildatum,
        bevoegd_gezag=bevoegd_gezag,
        aantal=maximum,
    )
    wie = _onderwerpen(actor, [s.verzoek for s in signalen])
    items = [
        Termijnitem(
            bron=SLEUTEL,
            soort=SOORT,
            datum=s.datum,
            kenmerk=s.verzoeknummer,
            titel=s.omschrijving,
            link=pad(s.verzoek),
            bevoegd_gezag=s.bevoegd_gezag,
            verlopen=s.verlopen,
            opgeschort=s.opgeschort,
            motivering=s.motivering,
            sleutel=f"vergunningen.verzoek:{s.verzoek}",
            onderwerp=wie.get(s.verzoek, ("", ""))[0],
            plaats=wie.get(s.verzoek, ("", ""))[1],
        )
        for s in signalen
    ]
    return Bronlijst(items, frozenset(telling), max(0, totaal - len(items)))


def _onderwerpen(actor: Actor, uuids: list[UUID]) -> dict[UUID, tuple[str, str]]:
    """Applicant and place per request: the applicant's name only when the actor may see that register party
    (a natural person is not named to whom the register hides him), the place always."""
    if not uuids:
        return {}
    rijen = list(
        selectors.verzoek_list(actor=actor)
        .filter(uuid__in=uuids)
        .values_list("uuid", "aanvrager_id", "locatie__woonplaats", "locatie__gemeente__naam")
    )
    namen = dict(
        register_selectors.betrokkene_list(actor=actor).filter(pk__in={r[1] for r in rijen}).values_list("pk", "naam")
    )
    return {u: (namen.get(a, ""), woonplaats or gemeente) for u, a, woonplaats, gemeente in rijen}


def inzien(*, actor: Actor, items: Iterable[Termijnitem], doel: str) -> None:
    """Log the requests shown (and the applicant named beside them), through the selector that logs them."""
    selectors.verzoeken_ingezien(actor=actor, uuids={UUID(i.sleutel.rpartition(":")[2]) for i in items}, doel=doel)


def tijdigheid(*, actor: Actor, jaar: int, peildatum: date | None = None) -> list[Tijdigheidsrij]:
    return [
        Tijdigheidsrij(t.bevoegd_gezag, jaar, t.besloten, t.tijdig, t.open_verlopen)
        for t in selectors.tijdigheid(actor=actor, jaar=jaar, peildatum=peildatum)
    ]


def registreer() -> None:
    """Called once from `apps.py`."""
    termijnbronnen.registreer(
        Termijnbron(
            sleutel=SLEUTEL,
            naam=_("beslistermijnen"),
            termijnen=beslistermijnen,
            inzien=inzien,
            tijdigheid=tijdigheid,
        )
    )
