"""The register's one derivation of the competent authority and the executing service (register/bevoegdheid.py),
shared by the import and by requests."""

from __future__ import annotations

from datetime import date

import pytest

from openvth.organisaties.models import Organisatie
from openvth.register import bevoegdheid

from ..fabrieken import ActiviteitFactory

pytestmark = pytest.mark.django_db
VANDAAG = date(2026, 12, 7)


def test_gemeente_provincie_en_water():
    eindhoven = Organisatie.objects.get(code="GM0772")
    brabant = bevoegdheid.provincie_van(eindhoven)
    assert brabant is not None and brabant.soort == "provincie"
    gewoon = bevoegdheid.bevoegd_gezag_afleiden(ActiviteitFactory(code="a"), eindhoven, brabant)
    assert gewoon.organisatie == eindhoven and "Omgevingswet art. 5.8" in gewoon.reden
    ippc = bevoegdheid.bevoegd_gezag_afleiden(ActiviteitFactory(code="b", ippc_seveso=True), eindhoven, brabant)
    assert ippc.organisatie == brabant and "IPPC/Seveso" in ippc.reden
    zonder = bevoegdheid.bevoegd_gezag_afleiden(ActiviteitFactory(code="c", ippc_seveso=True), eindhoven, None)
    assert zonder.organisatie is None and zonder.grond == bevoegdheid.GEEN_PROVINCIE
    water = bevoegdheid.bevoegd_gezag_afleiden(ActiviteitFactory(code="d", waterschap=True), eindhoven, brabant)
    assert (
        water.organisatie is None
        and water.reden == "d is een wateractiviteit: vul het waterschap of Rijkswaterstaat in"
    )


def test_uitvoerder_is_de_ene_omgevingsdienst():
    eindhoven = Organisatie.objects.get(code="GM0772")
    diensten = bevoegdheid.omgevingsdiensten_van(eindhoven, VANDAAG)
    assert [d.code for d in diensten] == ["odzob"]
    een = bevoegdheid.uitvoerder_afleiden(eindhoven, diensten, VANDAAG)
    assert een.organisatie == diensten[0] and "07-12-2026" in een.reden
    geen = bevoegdheid.uitvoerder_afleiden(eindhoven, [], VANDAAG)
    assert geen.organisatie is None and geen.reden.startswith("geen omgevingsdienst(en) met")
    twee = bevoegdheid.uitvoerder_afleiden(eindhoven, [*diensten, Organisatie.objects.get(code="odmh")], VANDAAG)
    assert twee.organisatie is None and twee.reden.startswith("2 omgevingsdienst(en)")
