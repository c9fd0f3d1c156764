"""The menu per role (issue 13 item 6): each role sees the menu of its work, and no role is offered a page that
refuses it. The expected menus are written out here, so a change to `web.context.HOOFDMENU`/`TOEZICHTMENU` shows
up as a reviewed change to this table."""

from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model

from openvth.organisaties.models import Lidmaatschap, Organisatie, Rol
from openvth.organisaties.toegang import Actor
from openvth.web.context import HOOFDMENU, TOEZICHTMENU, menu
from tests.toezicht.test_views import klant

ALGEMEEN = ["start", "register", "organisaties", "tokens", "afspraken"]
VERWACHT_HOOFDMENU = {
    None: ["start", "register", "organisaties", "api"],  # anonymous
    "toezichthouder": [*ALGEMEEN, "toezicht", "handhaving", "termijnen", "api"],
    "handhaver": [*ALGEMEEN, "toezicht", "handhaving", "termijnen", "api"],
    "vergunningverlener": [*ALGEMEEN, "vergunningen", "termijnen", "api"],
    "adviseur": [*ALGEMEEN, "api"],
    "planner": [*ALGEMEEN, "toezicht", "api"],
    "manager": [*ALGEMEEN, "toezicht", "handhaving", "termijnen", "datakwaliteit", "api"],
    "functioneel_beheerder": [*ALGEMEEN, "toezicht", "sjablonen", "datakwaliteit", "importeren", "api"],
    "privacy_officer": [*ALGEMEEN, "inzagelog", "api"],
    "ketenpartner": [*ALGEMEEN, "toezicht", "handhaving", "api"],
}
VERWACHT_TOEZICHTMENU = {
    None: [],
    "toezichthouder": ["controles", "checklists", "ketens"],
    "handhaver": ["controles", "ketens"],
    "vergunningverlener": [],
    "adviseur": [],
    "planner": ["controles", "risicoanalyses", "programmas", "risicomodellen", "ketens"],
    "manager": ["controles", "risicoanalyses", "programmas", "risicomodellen", "ketens"],
    "functioneel_beheerder": ["risicomodellen", "checklists"],
    "privacy_officer": [],
    "ketenpartner": ["ketens"],
}


def _actor(rol: str | None) -> Actor:
    if rol is None:
        return Actor(gebruiker_id=None, gebruikersnaam="", organisatie=None, rollen=frozenset())
    return Actor(gebruiker_id=1, gebruikersnaam="x", organisatie=None, rollen=frozenset({rol}))


def test_elke_rol_staat_in_de_tabel():
    assert set(VERWACHT_HOOFDMENU) - {None} == set(Rol.values)


@pytest.mark.parametrize("rol", list(VERWACHT_HOOFDMENU))
def test_menu_per_rol(rol):
    assert [i.sleutel for i in menu(_actor(rol))] == VERWACHT_HOOFDMENU[rol]
    assert [i.sleutel for i in menu(_actor(rol), TOEZICHTMENU)] == VERWACHT_TOEZICHTMENU[rol]


def test_ketenpartner_ziet_geen_planning_risicomodellen_of_checklists():
    sleutels = {i.sleutel for i in menu(_actor("ketenpartner"), TOEZICHTMENU)}
    assert not sleutels & {"risicoanalyses", "programmas", "risicomodellen", "checklists"}


@pytest.mark.django_db
@pytest.mark.parametrize("rol", Rol.values)
def test_geen_menulink_naar_een_pagina_die_weigert_en_de_pagina_toont_het_menu(rol):
    gebruiker = get_user_model().objects.create(username=f"menu-{rol}")
    odzob = Organisatie.objects.get(code="odzob")
    Lidmaatschap.objects.create(gebruiker=gebruiker, organisatie=odzob, rollen=[rol])
    web = klant(
        Actor(gebruiker_id=gebruiker.pk, gebruikersnaam=gebruiker.username, organisatie=odzob, rollen=frozenset({rol}))
    )
    items = menu(_actor(rol)) + menu(_actor(rol), TOEZICHTMENU)
    for item in items:
        if item.sleutel == "api":
            continue  # the API reference is public and outside these views
        antwoord = web.get(item.href)
        assert antwoord.status_code in (200, 302), (rol, item.href, antwoord.status_code)
    html = web.get("/toezicht/ketens").content.decode()
    hoofd = html.split('aria-label="Hoofdnavigatie"', 1)[1].split("</nav>", 1)[0]
    for item in HOOFDMENU:
        assert (f'href="{item.href}"' in hoofd) == (item in items), (rol, item.sleutel)
    for item in TOEZICHTMENU:
        assert (f'href="{item.href}"' in html.split("<main", 1)[1]) == (item in items), (rol, item.sleutel)
