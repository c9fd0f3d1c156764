"""The one access policy: (actor, record kind) → a queryset filter.

Every selector starts from `zichtbaar(actor, queryset)`; nothing else in the code decides who may read what.
A record kind registers once (`registreer`) with the paths to its competent authority (`bevoegd_gezag`),
executing body (`uitvoerder`), confidentiality and, optionally, municipality (for regional sharing).

The rules (docs/toegang.md explains them for users; the access-matrix test checks them):

* ``openbaar`` — everyone, anonymous visitors included (selectors show them public fields only);
* other levels — an actor acting for organisation O, holding a role that the kind admits at that level
  (``Recordsoort.rollen``), sees the record when
    1. O is its bevoegd gezag or its uitvoerder (own organisation), or
    2. O holds a mandate, valid today, from its bevoegd gezag (mandated service), or
    3. a sharing agreement, valid today, lets O read this kind from its bevoegd gezag or uitvoerder, at or
       below the agreement's confidentiality ceiling and inside its region, if any;
    4. the record itself was shared with O (a case handed to OM or police: `Recordsoort.gedeeld`);
* ``strafrechtelijk`` is never reached through a mandate alone: only own organisation, an explicit
  sharing agreement whose ceiling is ``strafrechtelijk``, or the case shared with O (the criminal-law route).

A record one may not see is absent: detail selectors raise `NietGevonden` (the API answers 404, not 403).

Writing is narrower than reading (`vereis_schrijven` for an existing record, `vereis_namens` for a new one):

* only rules 1 and 2 give writing rights — own organisation, or a mandate valid today from the bevoegd gezag —
  and a mandate never for a ``strafrechtelijk`` record (as for reading);
* sharing agreements (rule 3) and records shared one by one (rule 4) give reading rights only: a record visible
  through them alone is refused with `GeenToestemming` (403; it is visible, so 404 would be a lie);
* one explicit exception, named by the service that needs it (`ketenpartners=`): a chain partner with whom a case
  was shared records the afstemmingsoverleg on it (samenwerkingsmodel bestuursrecht–strafrecht; the
  criminal-law route in `handhaving/services/strafrecht.py`);
* then the service's roles and, for a token, the `schrijven` scope.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace
from datetime import date
from typing import Any, TypeVar

from django.db.models import Model, Q, QuerySet
from django.utils import timezone

from .fouten import GeenToestemming, NietGevonden
from .models import Deelafspraak, Mandaat, Organisatie, Rol, Soort, Vertrouwelijkheid, Werkgebiedlid

V = Vertrouwelijkheid
_M = TypeVar("_M", bound=Model)
_R = TypeVar("_R")  # a queryset's row type: the model itself, or a dict/tuple after values()/values_list()
NIET_OPENBAAR = (V.INTERN, V.VERTROUWELIJK, V.STRAFRECHTELIJK)

# Which roles may read which level, unless a record kind says otherwise. Privacy officers audit access, they
# do not need case content beyond `intern`; chain-partner staff read only what is explicitly shared.
STANDAARD_ROLLEN: dict[str, frozenset[str]] = {
    V.INTERN: frozenset(Rol.values),
    V.VERTROUWELIJK: frozenset(
        {Rol.TOEZICHTHOUDER, Rol.HANDHAVER, Rol.VERGUNNINGVERLENER, Rol.MANAGER, Rol.KETENPARTNER}
    ),
    V.STRAFRECHTELIJK: frozenset({Rol.HANDHAVER, Rol.MANAGER, Rol.KETENPARTNER}),
}


@dataclass(frozen=True)
class Actor:
    """Who acts, for which organisation, in which roles. Anonymous when `gebruiker` is None."""

    gebruiker_id: int | None = None
    gebruikersnaam: str = ""
    organisatie: Organisatie | None = None
    rollen: frozenset[str] = frozenset()
    scopes: frozenset[str] | None = None  # None: a person in the web UI; a set: a token's scopes
    request_id: str = ""

    @property
    def anoniem(self) -> bool:
        return self.gebruiker_id is None

    def heeft_rol(self, *rollen: str) -> bool:
        return bool(self.rollen & set(rollen))


ANONIEM = Actor()


def persoon(actor: Actor) -> int:
    """The user id of an actor that writes as a person (a record's maker, approver or signer): never anonymous."""
    if actor.gebruiker_id is None:
        raise GeenToestemming("Log eerst in.")
    return actor.gebruiker_id


@dataclass(frozen=True)
class Recordsoort:
    """A kind of record under the policy, with the selectors that every read of it must go through.

    `lijst(actor=…)` returns a queryset of what the actor may see; `detail(actor=…, uuid=…)` returns one
    record or raises `NietGevonden`. The access-matrix test drives exactly these two.
    """

    sleutel: str
    model: type[Model]
    lijst: Callable[..., QuerySet[Any]]
    detail: Callable[..., Model]
    bevoegd_gezag: str = "bevoegd_gezag"
    uitvoerder: str = "uitvoerder"
    vertrouwelijkheid: str = "vertrouwelijkheid"
    gemeente: str | None = None
    rollen: dict[str, frozenset[str]] = field(default_factory=lambda: dict(STANDAARD_ROLLEN))
    omschrijving: str = ""
    # organisation pk → Q of the records shared with that organisation one by one (rule 4); None: not shareable.
    gedeeld: Callable[[int], Q] | None = None


_REGISTER: dict[str, Recordsoort] = {}


def registreer(soort: Recordsoort) -> Recordsoort:
    """Declare a record kind; done once in the app's `ready()`."""
    bestaand = _REGISTER.get(soort.sleutel)
    if bestaand is not None and bestaand.model is not soort.model:
        raise ValueError(f"Recordsoort {soort.sleutel} is al geregistreerd voor {bestaand.model}")
    _REGISTER[soort.sleutel] = soort
    return soort


def recordsoorten() -> dict[str, Recordsoort]:
    return dict(_REGISTER)


def recordsoort_van(model: type[Model]) -> Recordsoort:
    for soort in _REGISTER.values():
        if soort.model is model:
            return soort
    raise LookupError(f"{model.__name__} is geen geregistreerde recordsoort; registreer hem in toegang.")


def _gemeenten_in(regio: Organisatie, peildatum: date) -> set[int]:
    if regio.soort == Soort.GEMEENTE:
        return {regio.pk}
    if regio.soort == Soort.PROVINCIE:
        return set(Organisatie.objects.filter(provincie=regio).values_list("pk", flat=True))
    if regio.soort == Soort.OMGEVINGSDIENST:
        return set(
            Werkgebiedlid.objects.geldig_op(peildatum)
            .filter(omgevingsdienst=regio, lid__soort=Soort.GEMEENTE)
            .values_list("lid_id", flat=True)
        )
    return set()


def _mandaatgevers(organisatie_id: int, peildatum: date) -> set[int]:
    return set(
        Mandaat.objects.geldig_op(peildatum)
        .filter(mandaatnemer_id=organisatie_id)
        .values_list("mandaatgever_id", flat=True)
    )


def _filter(actor: Actor, soort: Recordsoort, peildatum: date) -> Q:
    vt, bg, uv = soort.vertrouwelijkheid, f"{soort.bevoegd_gezag}_id", f"{soort.uitvoerder}_id"
    toegestaan = Q(**{vt: V.OPENBAAR})
    if actor.anoniem or actor.organisatie is None:
        return toegestaan
    org = actor.organisatie.pk
    mandaatgevers = _mandaatgevers(org, peildatum)
    afspraken = list(
        Deelafspraak.objects.geldig_op(peildatum)
        .filter(ontvanger_id=org, recordsoort=soort.sleutel)
        .select_related("regio")
    )
    for niveau in NIET_OPENBAAR:
        if not actor.rollen & soort.rollen.get(niveau, frozenset()):
            continue
        bron = Q(**{bg: org}) | Q(**{uv: org})
        if mandaatgevers and niveau != V.STRAFRECHTELIJK:
            bron |= Q(**{f"{bg}__in": mandaatgevers})
        for afspraak in afspraken:
            if V.rang(afspraak.plafond) < V.rang(niveau):
                continue
            deel = Q(**{bg: afspraak.verstrekker_id}) | Q(**{uv: afspraak.verstrekker_id})
            if afspraak.regio_id is not None:
                if soort.gemeente is None:
                    continue  # a regional agreement cannot be applied to a kind without a place
                deel &= Q(**{f"{soort.gemeente}_id__in": _gemeenten_in(afspraak.regio, peildatum)})
            bron |= deel
        if soort.gedeeld is not None:
            bron |= soort.gedeeld(org)
        toegestaan |= Q(**{vt: niveau}) & bron
    return toegestaan


def zichtbaar(
    actor: Actor, queryset: QuerySet[_M, _R], *, peildatum: date | None = None, gedeeld: bool = True
) -> QuerySet[_M, _R]:
    """The records of `queryset` that `actor` may read today (or on `peildatum` for agreements); `gedeeld=False`
    leaves rule 4 out (what reaches the actor only through a shared record, e.g. a controle's loose attachments)."""
    soort = recordsoort_van(queryset.model)
    if not gedeeld:
        soort = replace(soort, gedeeld=None)
    return queryset.filter(_filter(actor, soort, peildatum or timezone.localdate()))


def mag_zien(actor: Actor, record: Model) -> bool:
    return zichtbaar(actor, type(record)._default_manager.filter(pk=record.pk)).exists()


def vereis_rol(actor: Actor, rollen: Iterable[str], *, scope: str | None = None) -> None:
    """Refuse an action for an actor without one of `rollen` (or, for a token, without `scope`)."""
    if actor.anoniem:
        raise GeenToestemming("Hiervoor moet u ingelogd zijn.")
    if not actor.heeft_rol(*rollen):
        raise GeenToestemming("Uw rol in deze organisatie staat deze handeling niet toe.")
    if scope and actor.scopes is not None and scope not in actor.scopes:
        raise GeenToestemming(f"Het token mist de scope '{scope}'.")


def _mag_namens(
    organisatie_id: int | None,
    bevoegd_gezag_id: int,
    uitvoerder_id: int,
    vertrouwelijkheid: str | None,
    peildatum: date,
) -> bool:
    """Rules 1 and 2 (the only ones that give writing rights) for one (bevoegd gezag, uitvoerder, level)."""
    if organisatie_id is None:
        return False
    if organisatie_id in (bevoegd_gezag_id, uitvoerder_id):
        return True
    return vertrouwelijkheid != V.STRAFRECHTELIJK and bevoegd_gezag_id in _mandaatgevers(organisatie_id, peildatum)


WEIGERING_ALLEEN_LEZEN = (
    "Uw organisatie is niet het bevoegd gezag, niet de uitvoerder en heeft geen mandaat (voor dit niveau); "
    "een deelafspraak of een gedeelde zaak geeft alleen leesrecht."
)


def vereis_namens(
    actor: Actor,
    *,
    bevoegd_gezag_id: int,
    uitvoerder_id: int,
    rollen: Iterable[str],
    scope: str = "schrijven",
    vertrouwelijkheid: str | None = None,
) -> None:
    """A new record for (bevoegd gezag, uitvoerder) at `vertrouwelijkheid`: the write rule of `vereis_schrijven`
    for a record that does not exist yet — own staff, or a service mandated by the authority (not for
    ``strafrechtelijk``). Sharing agreements give reading rights only, never writing rights.
    """
    vereis_rol(actor, rollen, scope=scope)
    org = actor.organisatie.pk if actor.organisatie else None
    if not _mag_namens(org, bevoegd_gezag_id, uitvoerder_id, vertrouwelijkheid, timezone.localdate()):
        raise GeenToestemming(WEIGERING_ALLEEN_LEZEN)


def _schrijfbron(org: int, soort: Recordsoort, peildatum: date) -> Q:
    """Rules 1 and 2 as a filter on the kind's own paths: the records organisation `org` may write."""
    bg, uv, vt = f"{soort.bevoegd_gezag}_id", f"{soort.uitvoerder}_id", soort.vertrouwelijkheid
    bron = Q(**{bg: org}) | Q(**{uv: org})
    if mandaatgevers := _mandaatgevers(org, peildatum):
        bron |= Q(**{f"{bg}__in": mandaatgevers}) & ~Q(**{vt: V.STRAFRECHTELIJK})
    return bron


def vereis_schrijven(
    actor: Actor,
    record: Model,
    rollen: Iterable[str],
    *,
    scope: str = "schrijven",
    ketenpartners: Iterable[str] = (),
) -> None:
    """The one write rule for an existing record (and for what is added to it: a finding to a controle, a letter
    or a measure to a case). Refuses, in this order:

    * invisible to the actor → `NietGevonden` (404, as for reading);
    * visible, but the actor's organisation is neither its bevoegd gezag nor its uitvoerder and holds no mandate
      valid today from the bevoegd gezag (never for ``strafrechtelijk``) → `GeenToestemming` (403): sharing
      agreements and one-by-one shares are read-only;
    * without one of `rollen`, or a token without `scope` → `GeenToestemming`.

    `ketenpartners` is the one exception, given by the service that needs it: actors in these roles of an
    organisation with whom this record was shared one by one (rule 4, `Recordsoort.gedeeld`) may do this write.
    """
    if not mag_zien(actor, record):
        raise NietGevonden()
    if actor.anoniem or actor.organisatie is None:
        vereis_rol(actor, rollen, scope=scope)  # refuses the anonymous visitor with the login message
        raise GeenToestemming(WEIGERING_ALLEEN_LEZEN)
    soort = recordsoort_van(type(record))
    dit = type(record)._default_manager.filter(pk=record.pk)
    if dit.filter(_schrijfbron(actor.organisatie.pk, soort, timezone.localdate())).exists():
        vereis_rol(actor, rollen, scope=scope)
        return
    ketenpartners = tuple(ketenpartners)
    if (
        ketenpartners
        and soort.gedeeld is not None
        and actor.heeft_rol(*ketenpartners)
        and dit.filter(soort.gedeeld(actor.organisatie.pk)).exists()
    ):
        vereis_rol(actor, ketenpartners, scope=scope)
        return
    raise GeenToestemming(WEIGERING_ALLEEN_LEZEN)
