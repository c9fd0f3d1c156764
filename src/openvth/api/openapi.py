"""What the OpenAPI document says beyond the operations (authentication, security schemes, examples), and where it
is committed: `openapi.json`, which a test compares with `v1.openapi_tekst()`."""

from pathlib import Path

OPENAPI_BESTAND = Path(__file__).resolve().parents[3] / "openapi.json"


AUTHENTICATIE = """## Authenticatie

Openbare gegevens (het register, de LHSO-adviezen) zijn zonder inloggen te lezen. Voor al het andere identificeert
u zich op één van twee manieren:

* **Bearer-token** (machineclients): de header `Authorization: Bearer ovth_…`. Een token hoort bij één organisatie en
  heeft scopes: `lezen` voor GET, `schrijven` voor wijzigingen. Een beheerder maakt het op de pagina [/tokens](/tokens)
  of met `openvth token create --gebruiker <naam> --organisatie <code> --naam <tokennaam> --scope lezen --scope
  schrijven`; het token wordt één keer getoond.
* **Sessiecookie** (de browser): na inloggen op deze site, met tweede factor. Een wijziging vraagt dan ook de header
  `X-CSRFToken` met het CSRF-token van de site.

Een ontbrekend of ongeldig token geeft 401 met `WWW-Authenticate: Bearer`; een token zonder de benodigde scope 403."""

BEVEILIGING = {
    "TokenAuth": (
        "Bearer-token van één organisatie (`Authorization: Bearer ovth_…`), met scopes `lezen` en/of `schrijven`. "
        "Aan te maken op /tokens of met `openvth token create`."
    ),
    "SessieAuth": (
        "De sessiecookie van een ingelogde browser (met tweede factor); wijzigingen vragen ook de header X-CSRFToken."
    ),
}
"""Descriptions of the security schemes ninja derives from `auth.TokenAuth` and `auth.SessieAuth`."""

VOORBEELDEN = {
    "Probleem": {
        "type": "https://openvth.example.org/problemen/ongeldige-invoer",
        "title": "Bad Request",
        "status": 400,
        "detail": "De invoer is ongeldig.",
        "instance": "/api/v1/organisaties?pageSize=500",
        "invalidParams": [{"name": "pageSize", "code": "less_than_equal", "reason": "Input should be ≤ 100"}],
    },
    "Links": {
        "self": "https://openvth.example.org/api/v1/organisaties?page=2",
        "first": "https://openvth.example.org/api/v1/organisaties?page=1",
        "prev": "https://openvth.example.org/api/v1/organisaties?page=1",
        "next": "https://openvth.example.org/api/v1/organisaties?page=3",
        "last": "https://openvth.example.org/api/v1/organisaties?page=18",
    },
    "OrganisatieKort": {
        "id": "3f1c2b9e-8a51-4a8e-9d1e-5b7c0e2a4f10",
        "code": "GM0772",
        "soort": "gemeente",
        "naam": "Eindhoven",
    },
    "Adres": {
        "straat": "Stadhuisplein",
        "huisnummer": 1,
        "huisletter": "",
        "huisnummertoevoeging": "",
        "postcode": "5611 EM",
        "woonplaats": "Eindhoven",
        "bagId": "0772200000000001",
    },
    "AdviesIn": {"gedrag": "B", "gevolg": "2", "peildatum": "2026-03-01"},
    "ControleIn": {
        "vthObject": "0b6f5d1e-2c4a-4f7e-9a3b-8d2e1f0c5a7b",
        "controletype": "periodieke controle",
        "reden": "programma",
        "geplandOp": "2026-04-14",
        "aangekondigd": False,
        "toelichting": "",
        "vertrouwelijkheid": "intern",
    },
}
"""One example per main schema, shown by the reference at /api/v1/docs; Spectral (oas3-valid-schema-example, the
ADR linter in tests/api/test_openapi.py) checks each against its schema."""
