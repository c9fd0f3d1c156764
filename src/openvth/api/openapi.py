"""The OpenAPI document as committed in `openapi.json` (a test fails when the code drifts from it)."""

import json
from pathlib import Path

OPENAPI_BESTAND = Path(__file__).resolve().parents[3] / "openapi.json"


def openapi_tekst() -> str:
    from .v1 import api

    return json.dumps(api.get_openapi_schema(), indent=2, ensure_ascii=False, sort_keys=True) + "\n"
