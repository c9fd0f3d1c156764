"""Shared fixtures: the reference data loaded once per test database, actors and API clients."""

import pytest
from django.core.management import call_command

from openvth.organisaties.models import Organisatie
from openvth.organisaties.toegang import Actor


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """All organisations of the Netherlands, loaded once: tests run in transactions on top of them."""
    with django_db_blocker.unblock():
        call_command("load_reference", verbosity=0)
        call_command("load_codelijsten", verbosity=0)


@pytest.fixture
def org():
    """Look up an organisation by code: org('GM0363')."""
    return lambda code: Organisatie.objects.get(code=code)


@pytest.fixture
def maak_actor():
    def maak(organisatie, *rollen, gebruiker_id=10_000, scopes=None):
        return Actor(
            gebruiker_id=gebruiker_id,
            gebruikersnaam=f"test-{gebruiker_id}",
            organisatie=organisatie,
            rollen=frozenset(rollen),
            scopes=scopes,
        )

    return maak


def pytest_sessionfinish(session, exitstatus):
    """CI must never pass by skipping: a skipped test fails the run (the PostgreSQL suite is optional as a whole,
    in scripts/test.sh, never test by test)."""
    verslag = session.config.pluginmanager.get_plugin("terminalreporter")
    overgeslagen = verslag.stats.get("skipped", []) if verslag else []
    if overgeslagen and exitstatus == 0:
        for rapport in overgeslagen:
            verslag.write_line(f"OVERGESLAGEN (telt als fout): {rapport.nodeid}", red=True)
        session.exitstatus = 1
