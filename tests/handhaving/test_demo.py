"""The enforcement demo: four cases made through the services, idempotent, the OM sees exactly its shared case."""

from __future__ import annotations

import io
from datetime import timedelta

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.utils import timezone

from openvth.handhaving import selectors
from openvth.handhaving.demo import handhaving_demo_laden
from openvth.handhaving.models import Overtreding
from openvth.organisaties.demo import demo_laden
from openvth.organisaties.models import Organisatie, Vertrouwelijkheid
from openvth.organisaties.selectors import actor_voor
from openvth.organisaties.services import systeem_actor

pytestmark = pytest.mark.django_db


def _actor(naam: str, code: str):
    return actor_voor(get_user_model().objects.get(username=naam), organisatie_id=Organisatie.objects.get(code=code).pk)


def test_demo_zaken_idempotent_en_alleen_de_gedeelde_zaak_voor_het_om(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path  # the D4 case's proces-verbaal is a stored file
    call_command("load_catalogus", stdout=io.StringIO())
    call_command("generate", locaties=60, seed=7, omgevingsdienst="odzob", stdout=io.StringIO())
    demo_laden(actor=systeem_actor("demo"))
    assert handhaving_demo_laden(dienst_code="odzob") is True
    assert handhaving_demo_laden(dienst_code="odzob") is False
    assert Overtreding.objects.count() == 4

    officier = _actor("officier", "om-fp")
    zichtbaar = list(selectors.overtreding_list(actor=officier))
    assert [o.vertrouwelijkheid for o in zichtbaar] == [Vertrouwelijkheid.STRAFRECHTELIJK]

    handhaver = _actor("handhaver", "odzob")
    vandaag = timezone.localdate()
    termijnen = selectors.termijn_list(actor=handhaver, tot=vandaag + timedelta(days=30))
    assert any(vandaag <= t.datum <= vandaag + timedelta(days=7) for t in termijnen), termijnen
