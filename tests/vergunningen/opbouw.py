"""What the request tests share: codes of the shipped catalogue, actors of Eindhoven's service, a portal message."""

from __future__ import annotations

from copy import deepcopy
from typing import Any

from openvth.organisaties.models import Rol
from openvth.organisaties.toegang import Actor

from ..fabrieken import LidmaatschapFactory, OrganisatieFactory, actor_van

STOOKINSTALLATIE = "bal-3.2.1"  # vergunningplicht (Bal art. 3.3 and the paragraph's own articles)
CREMATORIUM = "bal-3.7.4"  # meldingsplicht and informatieplicht, no vergunningplicht
SEVESO = "bal-3.3.1"  # ippc_seveso: the province decides

BERICHT: dict[str, Any] = {
    "verzoeknummer": "2026120100001",
    "verzoekvolgnummer": 1,
    "soort": "toestemmingsaanvraag",
    "subsoort": "omgevingsvergunning",
    "doel": "indienen",
    "ontvangenOp": "2026-12-01",
    "omschrijving": "Nieuwe stookinstallatie van 2 MW",
    "activiteiten": [STOOKINSTALLATIE],
    "locatie": {
        "postcode": "5611EB",
        "huisnummer": 1,
        "straat": "Markt",
        "woonplaats": "Eindhoven",
        "gemeente": "GM0772",
        "punt": {"crs": "EPSG:28992", "coordinaten": [161500, 383200]},
    },
    "aanvrager": {
        "soort": "vestiging",
        "naam": "Warmte B.V.",
        "kvkNummer": "12345678",
        "vestigingsnummer": "000012345678",
    },
    "bijlagen": [{"naam": "tekening.pdf", "mediatype": "application/pdf", "sha256": "ab" * 32}],
}


def bericht(**wijzigingen: Any) -> dict[str, Any]:
    """The example message with top-level fields replaced (None removes one)."""
    uit = deepcopy(BERICHT)
    for sleutel, waarde in wijzigingen.items():
        if waarde is None:
            uit.pop(sleutel, None)
        else:
            uit[sleutel] = waarde
    return uit


def behandelaar(code: str = "odzob", rol: str = Rol.VERGUNNINGVERLENER) -> Actor:
    return actor_van(LidmaatschapFactory(organisatie=OrganisatieFactory(code=code), rollen=[rol]))
