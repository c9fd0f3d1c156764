"""Portal messages: idempotent re-delivery, conflicting re-delivery refused, supplements, and the profile itself
(the JSON Schema file, the API's schema and the reader agree)."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema_rs
import pytest

from openvth.audit.models import Auditgebeurtenis
from openvth.organisaties.fouten import OngeldigeInvoer
from openvth.vergunningen import bericht as berichtmodule
from openvth.vergunningen import services
from openvth.vergunningen.models import Verzoek
from openvth.vergunningen.schemas import VerzoekIn
from openvth.vergunningen.services import verzoekbericht_verwerken

from .opbouw import BERICHT, behandelaar, bericht

pytestmark = pytest.mark.django_db
SCHEMA = Path(berichtmodule.__file__).with_name("verzoekbericht.schema.json")


def test_zelfde_bericht_opnieuw_verandert_niets():
    actor = behandelaar()
    eerste = verzoekbericht_verwerken(actor=actor, bericht=bericht())
    assert eerste.nieuw and eerste.verzoek.bron == "omgevingsloket" and len(eerste.verzoek.bericht_sha256) == 64
    opnieuw = dict(reversed(list(bericht().items())))  # other key order, same content
    tweede = verzoekbericht_verwerken(actor=actor, bericht=opnieuw)
    assert not tweede.nieuw and tweede.verzoek == eerste.verzoek
    assert "al ontvangen" in tweede.melding and "niets gewijzigd" in tweede.melding
    assert Verzoek.objects.count() == 1
    assert Auditgebeurtenis.objects.filter(actie="verzoek.aangemaakt").count() == 1


def test_tweemaal_tegelijk_bezorgd_geeft_geen_databasefout(monkeypatch):
    """Two deliveries of one message at the same moment: both look, neither finds it, one stores it and the unique
    constraint refuses the other, which then answers as for a repeat instead of with a database error."""
    actor = behandelaar()
    eerste = verzoekbericht_verwerken(actor=actor, bericht=bericht())
    echt = services._ontvangen
    keren = iter([None])  # the first look misses the stored request, as the racing delivery's look did
    monkeypatch.setattr(services, "_ontvangen", lambda gegevens: next(keren, None) or echt(gegevens))
    tweede = verzoekbericht_verwerken(actor=actor, bericht=bericht())
    assert not tweede.nieuw and tweede.verzoek == eerste.verzoek and "niets gewijzigd" in tweede.melding
    assert Verzoek.objects.count() == 1


def test_zelfde_nummer_met_andere_inhoud_geweigerd_en_niets_opgeslagen():
    actor = behandelaar()
    verzoekbericht_verwerken(actor=actor, bericht=bericht())
    audit_voor = Auditgebeurtenis.objects.count()
    with pytest.raises(OngeldigeInvoer) as fout:
        verzoekbericht_verwerken(actor=actor, bericht=bericht(omschrijving="Iets anders"))
    assert fout.value.velden == {"verzoekvolgnummer": "al ontvangen met andere inhoud"}
    assert "verschilt in omschrijving" in str(fout.value)
    assert Verzoek.objects.count() == 1 and Verzoek.objects.get().omschrijving == BERICHT["omschrijving"]
    assert Auditgebeurtenis.objects.count() == audit_voor


def test_nieuw_volgnummer_is_een_aanvulling():
    actor = behandelaar()
    verzoekbericht_verwerken(actor=actor, bericht=bericht())
    aanvulling = verzoekbericht_verwerken(
        actor=actor,
        bericht=bericht(
            verzoekvolgnummer="002",
            doel="aanvullen",
            locatie=None,
            aanvrager=None,
            activiteiten=None,
            bijlagen=[{"naam": "akoestisch-rapport.pdf", "mediatype": "application/pdf", "sha256": "cd" * 32}],
        ),
    )
    assert aanvulling.nieuw and aanvulling.verzoek.verzoekvolgnummer == "002"
    assert list(Verzoek.objects.order_by("verzoekvolgnummer").values_list("verzoekvolgnummer", "doel")) == [
        ("001", "indienen"),
        ("002", "aanvullen"),
    ]
    assert aanvulling.verzoek.bijlagen[0]["naam"] == "akoestisch-rapport.pdf"


@pytest.mark.parametrize(
    ("wijziging", "veld"),
    [
        ({"verzoeknummer": "2026-12-01/1"}, "verzoeknummer"),
        ({"verzoekvolgnummer": 1000}, "verzoekvolgnummer"),
        ({"verzoekvolgnummer": True}, "verzoekvolgnummer"),
        ({"soort": "klacht"}, "soort"),
        ({"ontvangenOp": "01-12-2026"}, "ontvangen_op"),
        ({"activiteiten": "bal-3.2.1"}, "activiteiten"),
        ({"locatie": {"postcode": "5611EB"}}, "locatie"),
        ({"locatie": {"punt": {"crs": "EPSG:3035", "coordinaten": [1, 2]}}}, "locatie.punt.crs"),
        ({"bijlagen": [{"naam": "a.pdf", "mediatype": "application/pdf", "sha256": "xyz"}]}, "bijlagen.0.sha256"),
        ({"onbekend": 1}, "onbekend"),
    ],
)
def test_ongeldig_bericht_noemt_het_veld(wijziging, veld):
    with pytest.raises(OngeldigeInvoer) as fout:
        verzoekbericht_verwerken(actor=behandelaar(), bericht=bericht(**wijziging))
    assert veld in fout.value.velden
    assert not Verzoek.objects.exists()


def test_voorbeeldbericht_voldoet_aan_het_schema():
    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    jsonschema_rs.validator_for(schema).validate(BERICHT)
    assert not jsonschema_rs.validator_for(schema).is_valid(bericht(soort="klacht"))


def test_schemabestand_en_api_beschrijven_hetzelfde_profiel():
    """The JSON Schema file (for portal messages) and `VerzoekIn` (the API's body) name the same fields at every
    level, and the reader accepts exactly those (`bericht.SLEUTELS`…)."""
    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    api = VerzoekIn.model_json_schema(by_alias=True)

    assert set(schema["properties"]) == set(api["properties"]) == berichtmodule.SLEUTELS
    for naam, api_naam, sleutels in (
        ("locatie", "VerzoekLocatieIn", berichtmodule.LOCATIESLEUTELS),
        ("aanvrager", "VerzoekAanvragerIn", berichtmodule.AANVRAGERSLEUTELS),
        ("bijlage", "VerzoekBijlage", berichtmodule.BIJLAGESLEUTELS),
    ):
        assert set(schema["$defs"][naam]["properties"]) == set(api["$defs"][api_naam]["properties"]) == sleutels


def test_vingerafdruk_hangt_niet_af_van_volgorde_of_opmaak():
    assert berichtmodule.vingerafdruk({"a": 1, "b": [1, 2]}) == berichtmodule.vingerafdruk({"b": [1, 2], "a": 1})
    assert berichtmodule.vingerafdruk({"a": 1}) != berichtmodule.vingerafdruk({"a": 2})
