import io

import pytest
from django.core.cache import cache
from django.core.management import call_command


@pytest.fixture(autouse=True)
def catalogus(db):
    """Every request test checks activities against the shipped Bal chapter 3 catalogue."""
    cache.clear()  # the API's throttle counters live in the shared (database) cache
    call_command("load_catalogus", stdout=io.StringIO())
