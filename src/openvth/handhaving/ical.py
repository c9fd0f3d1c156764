"""A personal iCalendar feed of enforcement deadlines and decision periods, behind a revocable per-user feed token.

Calendar apps cannot log in, so the feed URL itself carries a secret (`/handhaving/agenda/<token>.ics`). The
token is an `ApiToken` of the user with the single scope `agenda`, listed and revocable with the other tokens
(`/tokens`) and on the agenda page. Unlike an API token, its stored hash is an HMAC keyed with the server's
SECRET_KEY: a feed URL that leaks (calendar apps sync it to third-party servers) can therefore never be replayed
as a bearer token against the API, whose lookup is a plain SHA-256. Rotating SECRET_KEY invalidates all feeds.

The feed shows what the dashboard shows under "mijn": the deadlines of the cases the user handles and those of the
registered sources (`termijnbronnen`: the decision periods of the requests the user handles, ADR 0029), as the
access policy lets the user see them today; each feed read is access-logged like a page view.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from datetime import UTC, date, timedelta
from uuid import UUID

from django.conf import settings
from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone
from icalendar import Calendar, Event

from openvth.audit import services as audit
from openvth.organisaties import services as organisatie_services
from openvth.organisaties.fouten import NietGevonden, OngeldigeInvoer
from openvth.organisaties.models import ApiToken, Rol
from openvth.organisaties.selectors import lidmaatschappen_van
from openvth.organisaties.toegang import Actor, vereis_rol

from . import selectors, termijnbronnen

SCOPE = "agenda"
PREFIX = "ovcal_"
GELDIGHEID_DAGEN = 366  # like an API token at most a year; the user makes a new one when it ends
VOORUIT_DAGEN = 90  # how far ahead the feed looks; overdue deadlines are always included
# Roles whose work has deadlines: enforcement, and permit officers' decision periods (issue 15 item 6).
LEZERS = (Rol.HANDHAVER, Rol.MANAGER, Rol.TOEZICHTHOUDER, Rol.VERGUNNINGVERLENER)
DOEL = "agenda-abonnement handhavingstermijnen"
OPGESCHORT = "OPGESCHORT (aanvulling gevraagd)"  # a suspended decision period (Awb 4:15), in the event's summary


class FeedOngeldig(Exception):
    """Unknown, revoked or expired feed token, or its owner no longer a member: the feed answers 404."""


def _hash(sleutel: str) -> str:
    return hmac.new(settings.SECRET_KEY.encode(), f"openvth-agenda:{sleutel}".encode(), hashlib.sha256).hexdigest()


def agendatoken_list(*, actor: Actor) -> QuerySet[ApiToken]:
    if actor.anoniem:
        return ApiToken.objects.none()
    return ApiToken.objects.filter(gebruiker_id=actor.gebruiker_id, scopes=[SCOPE]).select_related("organisatie")


@transaction.atomic
def agendatoken_maken(*, actor: Actor, naam: str, dagen: int = GELDIGHEID_DAGEN) -> tuple[ApiToken, str]:
    """A feed token for the acting person and organisation; the secret is returned once and stored as an HMAC."""
    vereis_rol(actor, LEZERS)
    if actor.scopes is not None:
        raise OngeldigeInvoer("Een agenda-token maakt u in de webapplicatie, niet met een token.", {"token": "web"})
    fouten = {}
    if not naam.strip():
        fouten["naam"] = "verplicht"
    if not 1 <= dagen <= GELDIGHEID_DAGEN:
        fouten["dagen"] = f"1 tot en met {GELDIGHEID_DAGEN} dagen"
    if fouten:
        raise OngeldigeInvoer("Geef een naam en een geldigheid van 1 tot en met 366 dagen.", fouten)
    sleutel = PREFIX + secrets.token_urlsafe(32)
    token = ApiToken.objects.create(
        naam=naam.strip(),
        gebruiker_id=actor.gebruiker_id,
        organisatie=actor.organisatie,
        scopes=[SCOPE],
        prefix=sleutel[:12],
        sleutel_hash=_hash(sleutel),
        verloopt=timezone.now() + timedelta(days=dagen),
    )
    audit.schrijf(
        actor=actor,
        actie="agendatoken.aangemaakt",
        object=token,
        na=audit.momentopname(token, ["naam", "organisatie", "scopes", "prefix", "verloopt"]),
    )
    return token, sleutel


def agendatoken_intrekken(*, actor: Actor, uuid: UUID) -> ApiToken:
    """Revoke one of the actor's own feed tokens (audited by the token service)."""
    token = agendatoken_list(actor=actor).filter(uuid=uuid).first()
    if token is None:
        raise NietGevonden()
    return organisatie_services.token_intrekken(actor=actor, token=token)


def actor_voor_feed(sleutel: str) -> Actor:
    """The person behind a feed token, acting for the token's organisation with read-only scope `agenda`."""
    if not sleutel.startswith(PREFIX):
        raise FeedOngeldig("Onbekend agenda-token.")
    token = (
        ApiToken.objects.select_related("gebruiker", "organisatie")
        .filter(sleutel_hash=_hash(sleutel), scopes=[SCOPE])
        .first()
    )
    if token is None:
        raise FeedOngeldig("Onbekend agenda-token.")
    nu = timezone.now()
    if token.ingetrokken is not None or token.verloopt <= nu or not token.gebruiker.is_active:
        raise FeedOngeldig("Dit agenda-token is ingetrokken of verlopen.")
    leden = lidmaatschappen_van(token.gebruiker)
    lid = next((lid for lid in leden if lid.organisatie_id == token.organisatie_id), None)
    if lid is None:
        raise FeedOngeldig("De eigenaar van dit agenda-token is geen lid meer van de organisatie.")
    if token.laatst_gebruikt is None or (nu - token.laatst_gebruikt).total_seconds() > 60:
        ApiToken.objects.filter(pk=token.pk).update(laatst_gebruikt=nu)
    return Actor(
        gebruiker_id=token.gebruiker_id,
        gebruikersnaam=token.gebruiker.get_username(),
        organisatie=token.organisatie,
        rollen=frozenset(lid.rollen),
        scopes=frozenset({SCOPE}),
    )


def agenda(*, actor: Actor, basis_url: str, vandaag: date | None = None) -> bytes:
    """The actor's own deadlines (overdue and the next VOORUIT_DAGEN days) as an iCalendar (RFC 5545) file: the
    enforcement deadlines, then merged in date order those of the registered sources (decision periods)."""
    vandaag = vandaag or timezone.localdate()
    tot = vandaag + timedelta(days=VOORUIT_DAGEN)
    termijnen = selectors.termijn_list(actor=actor, behandelaar=actor.gebruiker_id, tot=tot)
    selectors.overtreding_weergave(  # the cases behind the deadlines show in the events: logged there
        actor=actor,
        zaken=selectors.overtreding_list(actor=actor).filter(uuid__in={t.overtreding for t in termijnen}),
        doel=DOEL,
        bedrijven=False,
    )
    overige = termijnbronnen.termijnen(
        actor=actor, tot=tot, doel=DOEL, behandelaar=actor.gebruiker_id, peildatum=vandaag
    ).items  # logged by their source
    kalender = Calendar()
    kalender.add("prodid", "-//OpenVTH//Handhavingstermijnen//NL")
    kalender.add("version", "2.0")
    kalender.add("calscale", "GREGORIAN")
    kalender.add("x-wr-calname", f"Termijnen {actor.gebruikersnaam}")
    kalender.add("x-wr-timezone", settings.TIME_ZONE)
    gestempeld = timezone.now().astimezone(UTC).replace(microsecond=0)
    basis = basis_url.rstrip("/")
    gebeurtenissen = [
        (
            (not termijn.verlopen, termijn.datum),
            _gebeurtenis(
                uid=_uid(termijn),
                datum=termijn.datum,
                samenvatting=f"{'VERLOPEN: ' if termijn.verlopen else ''}{termijn.soort}: {termijn.omschrijving}",
                beschrijving=termijn.omschrijving,
                url=f"{basis}/handhaving/overtredingen/{termijn.overtreding}",
                gestempeld=gestempeld,
            ),
        )
        for termijn in termijnen
    ]
    for item in overige:
        toestand = [woord for woord, geldt in (("VERLOPEN", item.verlopen), (OPGESCHORT, item.opgeschort)) if geldt]
        gebeurtenissen.append(
            (
                (not item.verlopen, item.datum),
                _gebeurtenis(
                    uid=_uid_item(item),
                    datum=item.datum,
                    samenvatting="".join(f"{w}: " for w in toestand) + item.titel,
                    beschrijving="\n".join([item.titel, *(w.lower() for w in toestand), *item.motivering.splitlines()]),
                    url=f"{basis}{item.link}",
                    gestempeld=gestempeld,
                ),
            )
        )
    for _volgorde, gebeurtenis in sorted(gebeurtenissen, key=lambda g: g[0]):  # stable: enforcement first per day
        kalender.add_component(gebeurtenis)
    return kalender.to_ical()


def _gebeurtenis(*, uid: str, datum: date, samenvatting: str, beschrijving: str, url: str, gestempeld) -> Event:
    """An all-day event (RFC 5545 §3.6.1: DTEND the next day), transparent: a deadline does not make one busy."""
    gebeurtenis = Event()
    gebeurtenis.add("uid", uid)
    gebeurtenis.add("dtstamp", gestempeld)
    gebeurtenis.add("dtstart", datum)
    gebeurtenis.add("dtend", datum + timedelta(days=1))
    gebeurtenis.add("summary", samenvatting)
    gebeurtenis.add("description", f"{beschrijving}\n{url}")
    gebeurtenis.add("url", url)
    gebeurtenis.add("transp", "TRANSPARENT")
    return gebeurtenis


def _uid_item(item: termijnbronnen.Termijnitem) -> str:
    """Stable per record (a request), not per date: when its period moves, the calendar app moves the event."""
    return f"{hashlib.sha256(f'{item.bron}|{item.sleutel}'.encode()).hexdigest()[:32]}@openvth"


def _uid(termijn) -> str:
    """Stable per deadline, so a calendar app updates an event instead of adding a copy on each sync."""
    sleutel = f"{termijn.soort}|{termijn.overtreding}|{termijn.maatregel or ''}|{termijn.datum.isoformat()}"
    return f"{hashlib.sha256(sleutel.encode()).hexdigest()[:32]}@openvth"
