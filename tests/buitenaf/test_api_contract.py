"""The API contract, tried over real HTTP against the production server: schemathesis generates requests from the
served `/api/v1/openapi.json` (valid and invalid ones, and the boundary values of its coverage phase) and checks
every answer against the document.

At most `VOORBEELDEN` generated examples per operation, anonymously and with a staff token (lezen + schrijven).
Failing is: a server error, a status code the operation does not document, a content type, header or body that
differs from the documented schema, and invalid input that is accepted. The seed is fixed, so a failure in CI is
the same failure on a developer's machine; the command that reproduces it is in the failure message.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

VOORBEELDEN = 8
CONTROLES = (
    "not_a_server_error",
    "status_code_conformance",
    "content_type_conformance",
    "response_headers_conformance",
    "response_schema_conformance",
    "negative_data_rejection",
)
ST = Path(sys.executable).with_name("st")


def _schemathesis(server, map: Path, *koppen: str) -> subprocess.CompletedProcess:
    opdracht = [
        str(ST),
        "run",
        f"{server.url}/api/v1/openapi.json",
        "--checks",
        ",".join(CONTROLES),
        "--phases",
        "examples,coverage,fuzzing",
        "--max-examples",
        str(VOORBEELDEN),
        "--seed",
        "2026",
        "--generation-database",
        "none",
        "--suppress-health-check",
        "all",
        # One worker: with two threads, hypothesis describes its lambdas with ast.parse concurrently, and Python
        # 3.11 keeps the AST constructor's recursion depth in state the threads share ("AST constructor
        # recursion depth mismatch", a runtime error of the tool that failed a CI run).
        "--workers",
        "1",
        "--request-timeout",
        "60",
        "--no-color",
        "--header",
        "X-Forwarded-Proto: https",
    ]
    for kop in koppen:
        opdracht += ["--header", kop]
    # its own folder as working directory: no schemathesis.toml or report of anyone else is read or written
    return subprocess.run(opdracht, cwd=map, capture_output=True, text=True, timeout=900, stdin=subprocess.DEVNULL)


@pytest.mark.parametrize("wie", ["anoniem", "token"])
def test_api_contract_zonder_serverfouten_en_afwijkingen(productieserver, tmp_path, wie):
    koppen = [f"Authorization: Bearer {productieserver.token}"] if wie == "token" else []
    uitkomst = _schemathesis(productieserver, tmp_path, *koppen)
    assert uitkomst.returncode == 0, f"{uitkomst.stdout}\n{uitkomst.stderr}"
    assert "No issues found" in uitkomst.stdout or "passed" in uitkomst.stdout, uitkomst.stdout
