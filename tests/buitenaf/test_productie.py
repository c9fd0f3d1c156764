"""The deployment by docs/beheer.md: `check --deploy` reports no issue once `collectstatic` has run, and the
production server answers as production (HTTPS behind the proxy, HSTS, hashed static files)."""

import re

import requests


def test_check_deploy_meldt_niets(productieserver):
    productieserver.openvth("check", "--deploy", "--fail-level", "WARNING")


def test_productie_serveert_gehashte_statische_bestanden(bezoeker):
    pagina = bezoeker.get("/")
    assert pagina.status_code == 200
    assert pagina.headers["Strict-Transport-Security"].startswith("max-age=")
    stijlen = re.findall(r'href="(/static/[^"]+\.css)"', pagina.text)
    assert stijlen and all(re.search(r"\.[0-9a-f]{12}\.css$", s) for s in stijlen), stijlen
    assert bezoeker.get(stijlen[0]).headers["Cache-Control"].startswith("max-age=315360000")


def test_zonder_proxykop_verwijst_productie_naar_https(productieserver):
    antwoord = requests.get(productieserver.url + "/", allow_redirects=False, timeout=60)
    assert antwoord.status_code == 301
    assert antwoord.headers["Location"].startswith("https://")
