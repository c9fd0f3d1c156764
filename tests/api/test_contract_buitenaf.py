"""What the schemathesis run over HTTP (tests/buitenaf) found in the API plumbing, pinned in-process."""

import json

import pytest
from django.test import Client

from openvth.api.v1 import openapi_tekst
from openvth.organisaties.models import Organisatie, Rol
from openvth.organisaties.services import systeem_actor, token_maken

from ..fabrieken import LidmaatschapFactory


def _document():
    return json.loads(openapi_tekst())


@pytest.mark.django_db
def test_probleem_instance_is_een_uri_referentie():
    """A path may hold any character; `instance` is documented as a URI reference, so it is percent-encoded."""
    r = Client().get("/api/v1/vth-objecten/65\x11é")
    assert r.status_code == 400
    assert r.json()["instance"] == "/api/v1/vth-objecten/65%11%C3%A9"


def test_lijst_documenteert_json_en_geojson():
    """ninja's own 200 and the GeoJSON one from openapi_extra were merged, not the JSON one dropped."""
    for pad in ("/vth-objecten", "/activiteituitvoeringen"):
        inhoud = _document()["paths"][pad]["get"]["responses"]["200"]["content"]
        assert set(inhoud) == {"application/json", "application/geo+json"}, pad


def test_404_gedocumenteerd_waar_invoer_een_record_kan_noemen():
    paden = _document()["paths"]
    assert "404" in paden["/controles"]["post"]["responses"]  # the body names an activiteituitvoering
    assert "404" in paden["/inspectieview/export"]["get"]["responses"]  # the query names a VTH-object


def test_if_match_gedocumenteerd_bij_wijzigen_uitvoering():
    operatie = _document()["paths"]["/activiteituitvoeringen/{id}"]["patch"]
    assert {"412", "428"} <= set(operatie["responses"])
    assert any(p["name"] == "If-Match" and p["required"] for p in operatie["parameters"])


@pytest.mark.django_db
def test_multipart_zonder_boundary_is_400():
    lid = LidmaatschapFactory(organisatie=Organisatie.objects.get(code="odzob"), rollen=[Rol.TOEZICHTHOUDER])
    _token, sleutel = token_maken(
        actor=systeem_actor(), gebruiker=lid.gebruiker, organisatie=lid.organisatie, naam="t", scopes=["schrijven"]
    )
    r = Client().post(
        "/api/v1/controles/ba8a26c1-eaca-4337-b4a4-4ee07285add4/bijlagen",
        data=b"",
        content_type="multipart/form-data",
        headers={"Authorization": f"Bearer {sleutel}"},
    )
    assert r.status_code == 400, r.content
    assert r["Content-Type"] == "application/problem+json"


@pytest.mark.django_db
@pytest.mark.parametrize("waarde", ["0", "1700000000", "gisteren"])
def test_datum_als_getal_wordt_geweigerd(waarde):
    """pydantic read `peildatum=0` as Unix time (1 January 1970); a date on the wire is ISO 8601 only."""
    r = Client().get("/api/v1/activiteiten", {"peildatum": waarde})
    assert r.status_code == 400, r.content
    assert [p["name"] for p in r.json()["invalidParams"]] == ["peildatum"]


@pytest.mark.django_db
def test_iso_datum_blijft_geldig():
    assert Client().get("/api/v1/activiteiten", {"peildatum": "2024-01-01"}).status_code == 200


def test_datum_in_body_als_getal_wordt_geweigerd():
    from pydantic import ValidationError

    from openvth.toezicht.api.ketens import ActieIn

    with pytest.raises(ValidationError) as fout:
        ActieIn.model_validate({"naam": "x", "van": 0, "tot": "2026-01-01"})
    assert [e["loc"] for e in fout.value.errors()] == [("van",)]
    assert ActieIn.model_validate({"naam": "x", "van": "2026-01-01", "tot": "2026-01-02"}).van.year == 2026


@pytest.mark.django_db
@pytest.mark.parametrize("pad", ["/api/v1/activiteiten/ab%00c", "/api/v1/organisaties?q=a%00b"])
def test_nul_teken_in_de_url_is_400(pad):
    """PostgreSQL cannot compare a NUL character: a 500 there, a different answer on SQLite; now 400 on both."""
    r = Client().get(pad)
    assert r.status_code == 400, r.content
    assert r.json()["instance"].startswith("/api/v1/")


def test_nul_teken_in_de_body_wordt_geweigerd():
    from pydantic import ValidationError

    from openvth.toezicht.api.ketens import ActieIn

    with pytest.raises(ValidationError) as fout:
        ActieIn.model_validate({"naam": "a\x00b", "van": "2026-01-01", "tot": "2026-01-02"})
    assert [e["loc"] for e in fout.value.errors()] == [("naam",)]
