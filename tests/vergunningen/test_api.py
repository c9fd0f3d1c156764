"""API of requests over HTTP: intake (201, then 200 for the same body), problem details naming the field, the list
and the detail with the derivation, access (another organisation: 404 to read, 403 to write) and the access log."""

from __future__ import annotations

import pytest
from django.test import Client

from openvth.audit.models import Inzage
from openvth.organisaties.models import Lidmaatschap, Organisatie, Rol
from openvth.organisaties.services import systeem_actor, token_maken
from openvth.vergunningen.models import Verzoek

from ..fabrieken import BetrokkeneFactory, DeelafspraakFactory, GebruikerFactory, VerzoekFactory
from .opbouw import CREMATORIUM, bericht

pytestmark = pytest.mark.django_db
PROBLEEM = "application/problem+json"
VERZOEKEN = "/api/v1/verzoeken"


def _client(code: str, rol: str = Rol.VERGUNNINGVERLENER) -> Client:
    gebruiker = GebruikerFactory()
    organisatie = Organisatie.objects.get(code=code)
    Lidmaatschap.objects.create(gebruiker=gebruiker, organisatie=organisatie, rollen=[rol])
    _t, sleutel = token_maken(
        actor=systeem_actor(), gebruiker=gebruiker, organisatie=organisatie, naam="test", scopes=["lezen", "schrijven"]
    )
    return Client(headers={"Authorization": f"Bearer {sleutel}"})


def _post(client: Client, inhoud: dict):
    return client.post(VERZOEKEN, inhoud, content_type="application/json")


def test_ontvangen_opnieuw_en_lezen():
    dienst = _client("odzob")
    r = _post(dienst, bericht())
    assert r.status_code == 201, r.content
    body = r.json()
    assert r["Location"] == f"{VERZOEKEN}/{body['id']}"
    assert body["nieuw"] is True and body["bron"] == "api" and body["verzoekvolgnummer"] == "001"
    assert body["bevoegdGezag"]["code"] == "GM0772" and body["uitvoerder"]["code"] == "odzob"
    assert any("Omgevingswet art. 5.8" in regel for regel in body["afleiding"])
    assert body["aanvrager"]["naam"] == "Warmte B.V." and body["activiteiten"] == ["bal-3.2.1"]

    opnieuw = _post(dienst, bericht())
    assert (
        opnieuw.status_code == 200
        and opnieuw.json()["nieuw"] is False
        and "niets gewijzigd" in opnieuw.json()["melding"]
    )
    assert Verzoek.objects.count() == 1

    detail = dienst.get(f"{VERZOEKEN}/{body['id']}")
    assert detail.status_code == 200 and detail.json()["locatie"]["gemeente"]["code"] == "GM0772"
    lijst = dienst.get(VERZOEKEN, {"soort": "toestemmingsaanvraag", "activiteit": "bal-3.2.1"})
    assert lijst.status_code == 200 and [v["id"] for v in lijst.json()["results"]] == [body["id"]]
    assert dienst.get(VERZOEKEN, {"soort": "activiteitmelding"}).json()["count"] == 0
    assert Inzage.objects.filter(object_id=body["id"], doel="behandelen verzoek").exists()
    assert Inzage.objects.filter(object_id=body["id"], doel="raadplegen verzoeken (lijst)").exists()


def test_weigering_als_problem_json_met_het_veld():
    dienst = _client("odzob")
    r = _post(dienst, bericht(activiteiten=[CREMATORIUM]))
    assert r.status_code == 400 and r["Content-Type"] == PROBLEEM
    assert [p["name"] for p in r.json()["invalidParams"]] == ["activiteiten.0"]
    buiten = bericht(locatie={"gemeente": "GM0772", "punt": {"crs": "OGC:CRS84", "coordinaten": [13.4, 52.5]}})
    r = _post(dienst, buiten)
    assert r.status_code == 400 and [p["name"] for p in r.json()["invalidParams"]] == ["locatie.punt"]
    assert _post(dienst, bericht(verzoekvolgnummer=0)).status_code == 400  # the API's own schema
    _post(dienst, bericht())
    r = _post(dienst, bericht(omschrijving="Andere inhoud"))
    assert r.status_code == 400 and "verschilt in omschrijving" in r.json()["detail"]
    assert Verzoek.objects.count() == 1


def test_andere_organisatie_leest_niet_en_schrijft_niet():
    verzoek = VerzoekFactory(aanvrager=BetrokkeneFactory(natuurlijk_persoon=True), vertrouwelijkheid="vertrouwelijk")
    amsterdam = _client("GM0363")
    assert amsterdam.get(f"{VERZOEKEN}/{verzoek.uuid}").status_code == 404
    assert amsterdam.get(VERZOEKEN).json()["count"] == 0
    assert _post(amsterdam, bericht()).status_code == 403
    aanvulling = bericht(verzoeknummer=verzoek.verzoeknummer, verzoekvolgnummer=2, doel="aanvullen")
    assert _post(amsterdam, aanvulling).status_code == 404  # someone else's request: as if it did not exist
    DeelafspraakFactory(ontvanger=Organisatie.objects.get(code="ilt"), recordsoort="vergunningen.verzoek")
    ilt = _client("ilt", Rol.TOEZICHTHOUDER)
    assert ilt.get(f"{VERZOEKEN}/{verzoek.uuid}").status_code == 200  # reading through the agreement
    assert _post(ilt, aanvulling).status_code == 403  # but never writing
    assert Verzoek.objects.count() == 1
    geweigerd = Inzage.objects.filter(
        object_id=str(verzoek.uuid), organisatie_id=Organisatie.objects.get(code="GM0363").pk
    )
    assert geweigerd.exists()  # the refused read is in the access log of the request's organisations
