"""The toezicht API end to end: problem details on bad input, 404 for what one may not see."""

from __future__ import annotations

import io
import zipfile

import pytest
from django.core.cache import cache
from django.test import Client
from django.utils import timezone
from PIL import Image

from openvth.organisaties.models import Organisatie
from openvth.organisaties.services import systeem_actor, token_maken
from openvth.toezicht.models import Bevinding, Bijlage, Controle, Risicoanalyse

pytestmark = pytest.mark.django_db
PROBLEEM = "application/problem+json"
VANDAAG = timezone.localdate()


@pytest.fixture
def api(medewerker):
    """api('odzob', 'planner') → a client with a bearer token for a new person in those roles."""
    from django.contrib.auth import get_user_model

    def maak(code: str, *rollen: str, naam: str | None = None) -> Client:
        actor = medewerker(code, *rollen, naam=naam)
        gebruiker = get_user_model().objects.get(pk=actor.gebruiker_id)
        _, sleutel = token_maken(
            actor=systeem_actor(),
            gebruiker=gebruiker,
            organisatie=Organisatie.objects.get(code=code),
            naam="test",
            scopes=["lezen", "schrijven"],
        )
        return Client(HTTP_AUTHORIZATION=f"Bearer {sleutel}")

    cache.clear()
    return maak


def _invalid(r) -> set[str]:
    assert r.status_code == 400, r.content
    assert r["Content-Type"] == PROBLEEM
    return {p["name"] for p in r.json()["invalidParams"]}


def test_van_risicoanalyse_tot_bevinding(api, modelversie, object_in_regio, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    planner = api("odzob", "planner", naam="api-planner")
    r = planner.post("/api/v1/risicoanalyses", {"modelversie": str(modelversie.uuid)}, content_type="application/json")
    assert r.status_code == 201, r.content
    analyse = r.json()
    assert analyse["aantal"] == Risicoanalyse.objects.get().aantal and len(analyse["top"]) == 20
    assert sum(o["bijdrage"] for o in analyse["top"][0]["uitsplitsing"]) == pytest.approx(
        analyse["top"][0]["score"], abs=0.05
    )
    kaart = planner.get(f"/api/v1/risicoanalyses/{analyse['id']}/kaart")
    assert kaart["Content-Type"] == "application/geo+json" and len(kaart.json()["features"]) == analyse["aantal"]
    r = planner.post(
        "/api/v1/uitvoeringsprogrammas",
        {"risicoanalyse": analyse["id"], "jaar": VANDAAG.year, "capaciteit": {"milieu": 200}},
        content_type="application/json",
    )
    assert r.status_code == 201, r.content
    programma = r.json()
    taken = planner.get(f"/api/v1/uitvoeringsprogrammas/{programma['id']}/taken", {"pageSize": 100}).json()
    assert taken["count"] == programma["verslag"]["taken"] > 0
    taak = taken["results"][0]
    assert (
        planner.patch(
            f"/api/v1/programmataken/{taak['id']}", {"maand": 13}, content_type="application/json"
        ).status_code
        == 400
    )
    r = planner.post(
        "/api/v1/controles",
        {"programmataak": taak["id"], "geplandOp": VANDAAG.isoformat()},
        content_type="application/json",
    )
    assert r.status_code == 201, r.content
    controle = r.json()
    assert controle["reden"] == "programma" and controle["status"] == "gepland"
    inspecteur = api("odzob", "toezichthouder", naam="api-inspecteur")
    r = planner.post(
        f"/api/v1/controles/{controle['id']}/toezichthouder",
        {"toezichthouder": "api-inspecteur"},
        content_type="application/json",
    )
    assert r.status_code == 200 and r.json()["toezichthouder"] == "api-inspecteur"
    assert _invalid(
        inspecteur.post(
            f"/api/v1/controles/{controle['id']}/bevindingen", {"omschrijving": "x"}, content_type="application/json"
        )
    ) == {"resultaat"}
    r = inspecteur.post(
        f"/api/v1/controles/{controle['id']}/bevindingen",
        {
            "resultaat": "niet_akkoord",
            "omschrijving": "lekbak vol",
            "voorschrift": "art. 4.1 Bal",
            "gedrag": "B",
            "gevolg": "2",
        },
        content_type="application/json",
    )
    assert r.status_code == 201 and r.json()["overtreding"]
    assert _invalid(
        inspecteur.post(
            f"/api/v1/controles/{controle['id']}/bevindingen",
            {"resultaat": "niet_akkoord", "omschrijving": "x", "voorschrift": "y", "gedrag": "2", "gevolg": "B"},
            content_type="application/json",
        )
    ) == {"gedrag", "gevolg"}
    nep = io.BytesIO(b"dit is geen foto")
    nep.name = "foto.jpg"
    assert _invalid(inspecteur.post(f"/api/v1/controles/{controle['id']}/bijlagen", {"bestand": nep})) == {"bestand"}
    foto = io.BytesIO()
    Image.new("RGB", (2, 2)).save(foto, format="JPEG")
    foto.seek(0)
    foto.name = "lek.jpg"
    r = inspecteur.post(f"/api/v1/controles/{controle['id']}/bijlagen", {"bestand": foto})
    assert r.status_code == 201 and r.json()["mediatype"] == "image/jpeg"
    inhoud = inspecteur.get(f"/api/v1/bijlagen/{r.json()['id']}/inhoud")
    assert inhoud.status_code == 200 and b"".join(inhoud.streaming_content)[:2] == b"\xff\xd8"
    r = inspecteur.post(
        f"/api/v1/controles/{controle['id']}/uitvoeren",
        {"uitgevoerdOp": VANDAAG.isoformat(), "urenBesteed": "4"},
        content_type="application/json",
    )
    assert r.status_code == 200 and r.json()["status"] == "uitgevoerd"
    realisatie = planner.get(f"/api/v1/uitvoeringsprogrammas/{programma['id']}/realisatie").json()
    assert realisatie["totaal"]["uitgevoerd"] == 1
    dossier = inspecteur.get(f"/api/v1/vth-objecten/{controle['vthObject']['id']}/dossier").json()
    assert [c["id"] for c in dossier["controles"]] == [controle["id"]] and len(dossier["overtredingen"]) == 1
    export = inspecteur.get("/api/v1/inspectieview/export", {"vthObject": controle["vthObject"]["id"]})
    assert export.status_code == 200 and export["Content-Type"] == "application/zip"
    namen = zipfile.ZipFile(io.BytesIO(b"".join(export.streaming_content))).namelist()
    assert {"inspectie.csv", "bevinding.csv", "overtreding.csv", "inspectieobject.csv"} <= set(namen)
    # another organisation sees none of it
    vreemd = api("GM0363", "toezichthouder", naam="api-amsterdam")
    assert vreemd.get(f"/api/v1/controles/{controle['id']}").status_code == 404
    assert vreemd.get(f"/api/v1/risicoanalyses/{analyse['id']}").status_code == 404
    assert vreemd.get(f"/api/v1/uitvoeringsprogrammas/{programma['id']}").status_code == 404
    assert vreemd.get("/api/v1/controles").json()["count"] == 0
    assert Bijlage.objects.count() == 1 and Bevinding.objects.count() == 1


def test_inconsistent_model_en_functiescheiding_als_problem(api, regio, modeldefinitie, object_in_regio):
    planner = api("odzob", "planner", naam="api-planner")
    modeldefinitie["gewichten"]["prestatie"]["naleefhistorie"] = 0.9
    r = planner.post("/api/v1/risicomodelversies", {"definitie": modeldefinitie}, content_type="application/json")
    assert _invalid(r) == {"definitie"} and "tellen op tot" in r.json()["detail"]
    r = planner.post(
        "/api/v1/controles",
        {"vthObject": str(object_in_regio.uuid), "geplandOp": VANDAAG.isoformat(), "reden": "melding"},
        content_type="application/json",
    )
    assert _invalid(r) == {"toelichting"}
    r = planner.post(
        "/api/v1/controles",
        {
            "vthObject": str(object_in_regio.uuid),
            "geplandOp": VANDAAG.isoformat(),
            "reden": "melding",
            "toelichting": "melding bodem",
        },
        content_type="application/json",
    )
    controle = r.json()
    api("odzob", "toezichthouder", "vergunningverlener", naam="api-dubbel")
    from django.contrib.auth import get_user_model

    from openvth.toezicht.models import Vergunningbehandelaar

    Vergunningbehandelaar.objects.create(
        vth_object=object_in_regio,
        kenmerk="V-1",
        datum=VANDAAG,
        gebruiker=get_user_model().objects.get(username="api-dubbel"),
    )
    r = planner.post(
        f"/api/v1/controles/{controle['id']}/toezichthouder",
        {"toezichthouder": "api-dubbel"},
        content_type="application/json",
    )
    assert _invalid(r) == {"toezichthouder"} and "Functiescheiding" in r.json()["detail"]
    assert Controle.objects.get().toezichthouder_id is None


def test_keten_met_dubbel_object_geweigerd(api, object_in_regio):
    beheerder = api("odzob", "toezichthouder", naam="api-keten")
    schakel = {"vthObject": str(object_in_regio.uuid), "rol": "producent"}
    r = beheerder.post(
        "/api/v1/ketens",
        {"naam": "Afval", "schakels": [schakel, schakel | {"rol": "verwerker"}]},
        content_type="application/json",
    )
    assert _invalid(r) == {"vthObject"}
    r = beheerder.post("/api/v1/ketens", {"naam": "Afval", "schakels": [schakel]}, content_type="application/json")
    assert r.status_code == 201
    r = beheerder.post(f"/api/v1/ketens/{r.json()['id']}/schakels", schakel, content_type="application/json")
    assert _invalid(r) == {"vthObject"}


def test_anoniem_krijgt_401(client):
    assert Client().get("/api/v1/controles").status_code == 401
