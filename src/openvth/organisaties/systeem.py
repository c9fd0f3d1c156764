"""The system itself as an actor: operator commands run on the server (CLI) act without a person.

Such an actor has a name (the command, audited as `gebruikersnaam`) but no user id. A record that needs an owning
user (`aangemaakt_door`, `uitgevoerd_door`) gets the inactive system account instead, so that every app that
writes on behalf of an operator command uses the same account rather than inventing its own.
"""

from __future__ import annotations

from django.contrib.auth import get_user_model

from .toegang import Actor

SYSTEEMGEBRUIKER = "openvth-systeem"


def is_systeem(actor: Actor) -> bool:
    """True for an operator command (`services.systeem_actor`): a name but no person behind it."""
    return actor.gebruiker_id is None and bool(actor.gebruikersnaam)


def systeemgebruiker():
    """The account that owns records made by operator commands (audited under the command's name)."""
    gebruiker, _ = get_user_model().objects.get_or_create(
        username=SYSTEEMGEBRUIKER, defaults={"is_active": False, "first_name": "OpenVTH (systeem)"}
    )
    return gebruiker


def gebruiker_id(actor: Actor) -> int:
    """The user that owns a record the actor makes: the person acting, else the system account."""
    return actor.gebruiker_id or systeemgebruiker().pk
