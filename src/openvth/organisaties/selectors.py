"""Reads of organisations and of who-acts-for-whom.

Organisations, work areas and mandates are public reference data (the public register names the
responsible bodies), so these selectors need no confidentiality filter; records with a confidentiality level
go through `toegang.zichtbaar`.
"""

from __future__ import annotations

from datetime import date
from uuid import UUID

from django.contrib.auth import get_user_model
from django.db.models import Q, QuerySet
from django.utils import timezone

from .fouten import NietGevonden
from .models import (
    BEVOEGDE_GEZAGEN,
    ApiToken,
    Deelafspraak,
    Lidmaatschap,
    Mandaat,
    Organisatie,
    Persoonsmandaat,
    Werkgebiedlid,
)
from .toegang import Actor


def organisatie_list(
    *,
    actor: Actor,
    soort: str | None = None,
    code: str | None = None,
    q: str | None = None,
    peildatum: date | None = None,
) -> QuerySet[Organisatie]:
    qs = Organisatie.objects.select_related("provincie")
    if peildatum:
        qs = qs.geldig_op(peildatum)
    if soort:
        qs = qs.filter(soort=soort)
    if code:
        qs = qs.filter(code__iexact=code)
    if q:
        qs = qs.filter(Q(naam__icontains=q) | Q(afkorting__icontains=q) | Q(code__iexact=q))
    return qs.order_by("soort", "naam")


def organisatie_get(*, actor: Actor, uuid: UUID) -> Organisatie:
    try:
        return Organisatie.objects.select_related("provincie", "opvolger").get(uuid=uuid)
    except Organisatie.DoesNotExist:
        raise NietGevonden() from None


def werkgebied_list(
    *, actor: Actor, organisatie: Organisatie, peildatum: date | None = None
) -> QuerySet[Werkgebiedlid]:
    qs = Werkgebiedlid.objects.filter(omgevingsdienst=organisatie).select_related("lid")
    if peildatum:
        qs = qs.geldig_op(peildatum)
    return qs.order_by("lid__soort", "lid__naam")


def lidmaatschappen_van(gebruiker, peildatum: date | None = None) -> list[Lidmaatschap]:
    return lidmaatschappen_van_id(gebruiker.pk, peildatum)


def lidmaatschappen_van_id(gebruiker_id: int, peildatum: date | None = None) -> list[Lidmaatschap]:
    """Memberships valid on `peildatum` in organisations that exist then: an ended organisation acts no more."""
    peildatum = peildatum or timezone.localdate()
    return list(
        Lidmaatschap.objects.geldig_op(peildatum)
        .filter(
            Q(organisatie__geldig_vanaf__isnull=True) | Q(organisatie__geldig_vanaf__lte=peildatum),
            Q(organisatie__geldig_tot__isnull=True) | Q(organisatie__geldig_tot__gt=peildatum),
            gebruiker_id=gebruiker_id,
        )
        .select_related("organisatie")
        .order_by("organisatie__naam")
    )


# The session's key for the organisation a person chose to act for: the web's choice page writes it, the web pages
# and the API's session authentication read it (`actor_voor(organisatie_id=...)`).
SESSIE_ORGANISATIE = "openvth_organisatie"


def actor_voor(
    gebruiker, *, organisatie_id: int | None = None, request_id: str = "", leden: list[Lidmaatschap] | None = None
) -> Actor:
    """The actor for a logged-in person acting for one of their organisations (the first by default).

    `leden`: the person's memberships when the caller already loaded them (the web shell shows them too).
    """
    if gebruiker is None or not gebruiker.is_authenticated:
        return Actor(request_id=request_id)
    leden = lidmaatschappen_van(gebruiker) if leden is None else leden
    gekozen = next((lid for lid in leden if lid.organisatie_id == organisatie_id), leden[0] if leden else None)
    return Actor(
        gebruiker_id=gebruiker.pk,
        gebruikersnaam=gebruiker.get_username(),
        organisatie=gekozen.organisatie if gekozen else None,
        rollen=frozenset(gekozen.rollen) if gekozen else frozenset(),
        request_id=request_id,
    )


def mandaat_list(*, actor: Actor) -> QuerySet[Mandaat]:
    """Mandates given or received by the acting organisation (mandates are public decisions; this is a view)."""
    if actor.organisatie is None:
        return Mandaat.objects.none()
    org = actor.organisatie.pk
    return (
        Mandaat.objects.filter(Q(mandaatgever_id=org) | Q(mandaatnemer_id=org))
        .select_related("mandaatgever", "mandaatnemer")
        .order_by("-geldig_tot", "mandaatgever__naam")
    )


def mandaathouders(*, mandaatgever: Organisatie, bevoegdheid: str, peildatum: date) -> list[Persoonsmandaat]:
    """Who may sign a letter of kind `bevoegdheid` in the name of `mandaatgever` on `peildatum`.

    The mandate register is public (mandaatbesluiten are published); a person counts only while their mandate,
    their membership of the organisation they work for and, for an ondermandaat, the mandate above it are in
    force (Awb 10:9 lid 2 with 10:8: a withdrawn mandate carries no ondermandaat).
    """
    kandidaten = (
        Persoonsmandaat.objects.geldig_op(peildatum)
        .filter(mandaatgever=mandaatgever)
        .select_related("gebruiker", "mandaat")
        .order_by("gebruiker__last_name", "gebruiker__username", "id")
    )
    uit = []
    for pm in kandidaten:
        if bevoegdheid not in pm.bevoegdheden:
            continue
        if pm.mandaat is not None and not (pm.mandaat.geldig_op(peildatum) and pm.mandaat.ondermandaat_toegestaan):
            continue
        werkgever = pm.mandaat.mandaatnemer_id if pm.mandaat else mandaatgever.pk
        leden = Lidmaatschap.objects.geldig_op(peildatum).filter(gebruiker=pm.gebruiker, organisatie_id=werkgever)
        if not leden.exists():
            continue
        uit.append(pm)
    return uit


def persoonsmandaat_list(*, actor: Actor) -> QuerySet[Persoonsmandaat]:
    """The mandate register rows the acting organisation gave, or that its staff hold (mandates are published)."""
    if actor.organisatie is None:
        return Persoonsmandaat.objects.none()
    org = actor.organisatie.pk
    return (
        Persoonsmandaat.objects.filter(Q(mandaatgever_id=org) | Q(mandaat__mandaatnemer_id=org))
        .select_related("mandaatgever", "gebruiker", "mandaat")
        .order_by("mandaatgever__naam", "gebruiker__username", "id")
    )


def mandaatregister_keuzes(*, actor: Actor) -> tuple[QuerySet[Organisatie], QuerySet]:
    """In whose name the acting organisation can record a person's mandate (itself when it is a competent body;
    a body whose mandate to it allows ondermandaat, Awb 10:9), and to whom: its current staff."""
    if actor.organisatie is None:
        return Organisatie.objects.none(), get_user_model().objects.none()
    org, vandaag = actor.organisatie, timezone.localdate()
    onder = Mandaat.objects.geldig_op(vandaag).filter(mandaatnemer=org, ondermandaat_toegestaan=True)
    gevers = Organisatie.objects.filter(
        Q(pk__in=onder.values("mandaatgever_id")) | Q(pk=org.pk, soort__in=BEVOEGDE_GEZAGEN)
    ).order_by("naam")
    leden = Lidmaatschap.objects.geldig_op(vandaag).filter(organisatie=org).values("gebruiker_id")
    return gevers, get_user_model().objects.filter(pk__in=leden, is_active=True).order_by("username")


def deelafspraak_list(*, actor: Actor) -> QuerySet[Deelafspraak]:
    """Sharing agreements the acting organisation is party to; other organisations' agreements stay hidden."""
    if actor.organisatie is None:
        return Deelafspraak.objects.none()
    org = actor.organisatie.pk
    return (
        Deelafspraak.objects.filter(Q(ontvanger_id=org) | Q(verstrekker_id=org) | Q(voorgesteld_namens_id=org))
        .select_related("ontvanger", "verstrekker", "regio", "voorgesteld_namens")
        .order_by("verstrekker__naam", "recordsoort")
    )


def afspraak_get(*, actor: Actor, soort: str, uuid: UUID) -> Mandaat | Deelafspraak:
    lijst = mandaat_list(actor=actor) if soort == "mandaat" else deelafspraak_list(actor=actor)
    afspraak = lijst.filter(uuid=uuid).first()
    if afspraak is None:
        raise NietGevonden()
    return afspraak


class TokenOngeldig(Exception):
    """Unknown, expired or revoked token; the message says which (never which part of a secret)."""


def actor_voor_token(sleutel: str, *, request_id: str = "") -> Actor:
    """The actor behind a bearer token: its person, bound to the token's organisation and scopes."""
    try:
        token = ApiToken.objects.select_related("gebruiker", "organisatie").get(sleutel_hash=ApiToken.hash(sleutel))
    except ApiToken.DoesNotExist:
        raise TokenOngeldig("Onbekend token.") from None
    nu = timezone.now()
    if token.ingetrokken is not None:
        raise TokenOngeldig("Dit token is ingetrokken.")
    if token.verloopt <= nu:
        raise TokenOngeldig("Dit token is verlopen.")
    if not token.gebruiker.is_active:
        raise TokenOngeldig("De eigenaar van dit token is niet actief.")
    if not token.organisatie.geldig_op(timezone.localdate()):
        # An organisation that has ended (merged into a successor, abolished) acts no more, not even by a token.
        raise TokenOngeldig("De organisatie van dit token bestaat niet meer (beëindigd).")
    lid = next(
        (lid for lid in lidmaatschappen_van(token.gebruiker) if lid.organisatie_id == token.organisatie_id), None
    )
    if lid is None:
        raise TokenOngeldig("De eigenaar van dit token is geen lid meer van de organisatie.")
    if token.laatst_gebruikt is None or (nu - token.laatst_gebruikt).total_seconds() > 60:
        ApiToken.objects.filter(pk=token.pk).update(laatst_gebruikt=nu)
    return Actor(
        gebruiker_id=token.gebruiker_id,
        gebruikersnaam=token.gebruiker.get_username(),
        organisatie=token.organisatie,
        rollen=frozenset(lid.rollen),
        scopes=frozenset(token.scopes),
        request_id=request_id,
    )


def token_list(*, actor: Actor) -> QuerySet[ApiToken]:
    if actor.anoniem:
        return ApiToken.objects.none()
    return ApiToken.objects.filter(gebruiker_id=actor.gebruiker_id).select_related("organisatie")


def token_get(*, actor: Actor, uuid: UUID) -> ApiToken:
    try:
        return token_list(actor=actor).get(uuid=uuid)
    except (ApiToken.DoesNotExist, ValueError):
        raise NietGevonden() from None
