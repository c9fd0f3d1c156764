"""The data-quality page: code lists with validity, and the visible records with unknown or expired codes."""

from __future__ import annotations

import pytest

from openvth.handhaving.models import Handhavingsmaatregel
from openvth.organisaties.models import Rol

from . import opbouw, zaak

pytestmark = pytest.mark.django_db


def test_pagina_toont_codelijsten_en_ongeldige_codes_alleen_binnen_eigen_zicht():
    overtreding = opbouw.overtreding(gedrag="B", gevolg="2")
    Handhavingsmaatregel.objects.create(overtreding=overtreding, instrument="VERZONNEN", fase="waarschuwing")
    beheerder = zaak.browser(zaak.gebruiker("kwaliteit", {"odzob": [Rol.FUNCTIONEEL_BEHEERDER]}))
    html = beheerder.get("/handhaving/datakwaliteit").content.decode()
    assert "Handhavingsinstrument" in html and "WAARSCHUWEN" in html  # the code list
    assert "VERZONNEN" in html and f"/handhaving/overtredingen/{overtreding.uuid}" in html  # the broken record

    buiten = zaak.browser(zaak.gebruiker("buiten", {"GM0363": [Rol.FUNCTIONEEL_BEHEERDER]}))
    assert "VERZONNEN" not in buiten.get("/handhaving/datakwaliteit").content.decode()
    vergunning = zaak.browser(zaak.gebruiker("vv", {"odzob": [Rol.VERGUNNINGVERLENER]}))
    assert vergunning.get("/handhaving/datakwaliteit").status_code == 403
