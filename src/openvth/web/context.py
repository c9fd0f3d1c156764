"""What every page needs: the acting actor, the organisations the user can switch between, and the menu of the
actor's work.

The menu is one explicit table (`HOOFDMENU`, `TOEZICHTMENU`): an item names the roles whose work it is. An item
with `rollen=None` is for everyone (`ingelogd` items only after logging in). Why a table and not conditions in the
template: a chain partner (OM, police) saw planning, risk models and checklists it has no use for (issue 13);
tests/web/test_menu.py reads this table, checks it against the expected menu per role and checks that no role is
offered a page that refuses it (403).
"""

from __future__ import annotations

from dataclasses import dataclass

from django.conf import settings
from django.urls import reverse
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from openvth.organisaties.models import Rol
from openvth.organisaties.toegang import Actor

from .acteur import actor_van

R = Rol


@dataclass(frozen=True)
class Menuitem:
    sleutel: str
    label: str | Promise
    url: str  # a URL name (namespace:name) or a path starting with "/"
    rollen: frozenset[str] | None = None  # None: every actor (or every logged-in one when `ingelogd`)
    ingelogd: bool = False

    def voor(self, actor: Actor) -> bool:
        if self.rollen is None:
            return not (self.ingelogd and actor.anoniem)
        return not actor.anoniem and actor.heeft_rol(*self.rollen)

    @property
    def href(self) -> str:
        return self.url if self.url.startswith("/") else reverse(self.url)


def _r(*rollen: Rol) -> frozenset[str]:
    return frozenset(str(r) for r in rollen)


TOEZICHT = _r(R.TOEZICHTHOUDER, R.PLANNER, R.MANAGER, R.FUNCTIONEEL_BEHEERDER, R.HANDHAVER, R.KETENPARTNER)
HOOFDMENU: tuple[Menuitem, ...] = (
    Menuitem("start", _("Start"), "web:start"),
    Menuitem("register", _("Register"), "register:zoeken"),
    Menuitem("organisaties", _("Organisaties"), "web:organisaties"),
    Menuitem("tokens", _("API-tokens"), "web:tokens", ingelogd=True),
    Menuitem("afspraken", _("Afspraken"), "web:afspraken", ingelogd=True),
    Menuitem("toezicht", _("Toezicht"), "toezicht:start", TOEZICHT),
    Menuitem(
        "handhaving",
        _("Handhaving"),
        "handhaving:overzicht",
        _r(R.HANDHAVER, R.TOEZICHTHOUDER, R.MANAGER, R.KETENPARTNER),
    ),
    Menuitem("vergunningen", _("Vergunningen"), "vergunningen:werkvoorraad", _r(R.VERGUNNINGVERLENER)),
    Menuitem(
        "termijnen",
        _("Termijnen"),
        "handhaving:termijnen",
        _r(R.HANDHAVER, R.TOEZICHTHOUDER, R.MANAGER, R.VERGUNNINGVERLENER),
    ),
    Menuitem("sjablonen", _("Briefsjablonen"), "handhaving:sjablonen", _r(R.FUNCTIONEEL_BEHEERDER)),
    Menuitem("datakwaliteit", _("Datakwaliteit"), "handhaving:datakwaliteit", _r(R.FUNCTIONEEL_BEHEERDER, R.MANAGER)),
    Menuitem("importeren", _("Importeren"), "/import/", _r(R.FUNCTIONEEL_BEHEERDER)),
    Menuitem("inzagelog", _("Inzagelog"), "web:inzagelog", _r(R.PRIVACY_OFFICER)),
    Menuitem("api", _("API"), "/api/v1/docs"),
)
# The Toezicht section: inspectors their controles, planners analyses and programmes, administrators the models and
# checklists, and chain partners only the chains they take part in.
TOEZICHTMENU: tuple[Menuitem, ...] = (
    Menuitem(
        "controles", _("Mijn controles"), "toezicht:controles", _r(R.TOEZICHTHOUDER, R.PLANNER, R.MANAGER, R.HANDHAVER)
    ),
    Menuitem("risicoanalyses", _("Risicoanalyses"), "toezicht:risicoanalyses", _r(R.PLANNER, R.MANAGER)),
    Menuitem("programmas", _("Uitvoeringsprogramma's"), "toezicht:programmas", _r(R.PLANNER, R.MANAGER)),
    Menuitem(
        "risicomodellen",
        _("Risicomodellen"),
        "toezicht:risicomodellen",
        _r(R.PLANNER, R.MANAGER, R.FUNCTIONEEL_BEHEERDER),
    ),
    Menuitem("checklists", _("Checklists"), "toezicht:checklists", _r(R.TOEZICHTHOUDER, R.FUNCTIONEEL_BEHEERDER)),
    Menuitem(
        "ketens",
        _("Ketens"),
        "toezicht:ketens",
        _r(R.TOEZICHTHOUDER, R.PLANNER, R.MANAGER, R.HANDHAVER, R.KETENPARTNER),
    ),
)


def menu(actor: Actor, tabel: tuple[Menuitem, ...] = HOOFDMENU) -> list[Menuitem]:
    """The items of `tabel` that are the actor's work, in table order."""
    return [item for item in tabel if item.voor(actor)]


def shell(request):
    actor = actor_van(request)
    return {
        "actor": actor,
        "rollen": sorted(str(Rol(r).label) for r in actor.rollen),
        "lidmaatschappen": getattr(request, "_openvth_leden", []),
        "tile_url": settings.OPENVTH_TILE_URL,
        "tile_attributie": settings.OPENVTH_TILE_ATTRIBUTIE,
        "hoofdmenu": menu(actor),
        "toezichtmenu": menu(actor, TOEZICHTMENU),
    }
