"""Hardening at the edge: download names (RFC 6266), the request id a client may choose, and logs that never hold
the iCalendar feed secret."""

from __future__ import annotations

import logging
import secrets
from datetime import timedelta
from types import SimpleNamespace

import pytest
from django.core.management import call_command
from django.http import HttpResponse
from django.test import Client, RequestFactory
from django.urls import reverse
from django.utils.http import content_disposition_header
from gunicorn.config import Config

from openvth.audit.middleware import RequestIdMiddleware
from openvth.audit.services import huidige_request_id
from openvth.handhaving import ical
from openvth.web import gunicornlog
from openvth.web.bestanden import content_disposition
from openvth.web.management.commands import serve

# --- Content-Disposition ---------------------------------------------------------------------------------------


def test_ascii_naam_zoals_django():
    for naam in ("register-2026-11-30.csv", "inspectieview-toezicht-2026-11-30.zip"):
        assert content_disposition(naam) == content_disposition_header(True, naam) == f'attachment; filename="{naam}"'
    assert content_disposition("a.ics", inline=True) == 'inline; filename="a.ics"'


def test_naam_buiten_ascii_krijgt_beide_vormen():
    assert content_disposition("Rapport Zoë — 5 m³.pdf") == (
        'attachment; filename="Rapport Zoe _ 5 m3.pdf"; '
        "filename*=UTF-8''Rapport%20Zo%C3%AB%20%E2%80%94%205%20m%C2%B3.pdf"
    )
    assert content_disposition("照片.jpg", inline=True) == (
        "inline; filename=\"__.jpg\"; filename*=UTF-8''%E7%85%A7%E7%89%87.jpg"
    )


def test_naam_kan_de_kop_niet_breken():
    """Quotes, backslashes, line breaks and a right-to-left override never reach the header as such."""
    kop = content_disposition('a"b\\c\r\nSet-Cookie: x=1\u202egpj.exe')
    assert "\r" not in kop and "\n" not in kop and "\u202e" not in kop
    assert kop == (
        "attachment; filename=\"a_b_cSet-Cookie: x=1gpj.exe\"; filename*=UTF-8''a%22b%5CcSet-Cookie%3A%20x%3D1gpj.exe"
    )
    assert content_disposition("\r\n") == 'attachment; filename="download"'


# --- X-Request-ID ----------------------------------------------------------------------------------------------


def _verzoek(request_id: str) -> tuple[str, str, str]:
    """One request through the middleware: (echoed id, `request.id` that actors carry, the id the audit services
    store when the actor has none)."""
    gezien = {}

    def view(request):
        gezien["request"], gezien["audit"] = request.id, huidige_request_id.get()
        return HttpResponse()

    antwoord = RequestIdMiddleware(view)(RequestFactory().get("/", HTTP_X_REQUEST_ID=request_id))
    return antwoord["X-Request-ID"], gezien["request"], gezien["audit"]


@pytest.mark.parametrize(
    "opgegeven",
    [
        "3f2504e0-4f89-11d3-9a0c-0305e82c3301",
        "3F2504E04F8911D39A0C0305E82C3301",
        "0123456789abcdef0123456789abcdef",
    ],
)
def test_request_id_van_de_client_als_het_een_uuid_is(opgegeven):
    assert _verzoek(opgegeven) == (opgegeven, opgegeven, opgegeven)


@pytest.mark.parametrize(
    "opgegeven",
    [
        "door-de-privacyfunctionaris-goedgekeurd",  # words in the audit trail
        "3f2504e0-4f89-11d3-9a0c-0305e82c3301\n",  # a trailing newline slips past `match` with `$`
        "3f2504e0-4f8911d3-9a0c-0305e82c3301",  # hyphens all or none
        "<script>alert(1)</script>",
        "",
    ],
)
def test_andere_request_id_wordt_vervangen(opgegeven):
    teruggegeven, actor_id, audit_id = _verzoek(opgegeven)
    assert teruggegeven == actor_id == audit_id != opgegeven
    assert len(teruggegeven) == 32 and int(teruggegeven, 16) >= 0


@pytest.mark.django_db
def test_request_id_over_http():
    r = Client().get("/api/v1/organisaties", headers={"X-Request-ID": "mijn-eigen-tekst-123"})
    assert r.status_code == 200 and r["X-Request-ID"] != "mijn-eigen-tekst-123" and len(r["X-Request-ID"]) == 32


# --- logs without the iCal secret ------------------------------------------------------------------------------


def _toegangsregel(logger_class: str, tmp_path, pad: str, query: str = "", referer: str = "-") -> str:
    """Run gunicorn's own access logging for one fake request and return the line it wrote."""
    bestand = tmp_path / f"toegang-{secrets.token_hex(4)}.log"
    cfg = Config()
    cfg.set("accesslog", str(bestand))
    cfg.set("logger_class", logger_class)
    cfg.set("access_log_format", '%(h)s "%(r)s" %(s)s "%(f)s" %(U)s %(q)s %({raw_uri}e)s %({authorization}i)s')
    logger = cfg.logger_class(cfg)
    kopregels = [("AUTHORIZATION", "Bearer ovt_geheimetoken"), ("REFERER", referer)]
    environ = {
        "REQUEST_METHOD": "GET",
        "RAW_URI": pad + (f"?{query}" if query else ""),
        "SERVER_PROTOCOL": "HTTP/1.1",
        "PATH_INFO": pad,
        "QUERY_STRING": query,
        "REMOTE_ADDR": "127.0.0.1",
        "HTTP_REFERER": referer,
        "HTTP_AUTHORIZATION": "Bearer ovt_geheimetoken",
    }
    antwoord = SimpleNamespace(status="200 OK", sent=12, headers=[("Content-Type", "text/calendar")])
    logger.access(antwoord, SimpleNamespace(headers=kopregels), environ, timedelta(milliseconds=5))
    logger.close_on_exec()
    for handler in logger.access_log.handlers:
        handler.flush()
    return bestand.read_text(encoding="utf-8")


@pytest.fixture
def feedpad():
    geheim = ical.PREFIX + secrets.token_urlsafe(32)
    return geheim, reverse("handhaving:agenda_feed", args=[geheim])


def test_toegangslog_zonder_agendageheim(feedpad, tmp_path):
    geheim, pad = feedpad
    # The plain gunicorn logger writes the secret: this is what the fix is for.
    assert geheim in _toegangsregel("gunicorn.glogging.Logger", tmp_path, pad)
    regel = _toegangsregel("openvth.web.gunicornlog.Logger", tmp_path, pad, query=f"x={geheim}", referer=pad)
    assert geheim not in regel and geheim.removeprefix(ical.PREFIX) not in regel and "ovt_geheimetoken" not in regel
    assert '"GET /handhaving/agenda/[verborgen].ics?x=[verborgen] HTTP/1.1" 200' in regel


def test_toegangslog_ook_niet_met_procentcodering(feedpad, tmp_path):
    geheim, _ = feedpad
    pad = "/handhaving/agend%61/%6F" + geheim[1:] + ".ics"
    regel = _toegangsregel("openvth.web.gunicornlog.Logger", tmp_path, pad)
    assert geheim[1:] not in regel and "[verborgen]" in regel


def test_ander_verkeer_ongewijzigd_gelogd(tmp_path):
    regel = _toegangsregel("openvth.web.gunicornlog.Logger", tmp_path, "/register/zoeken", query="q=caf%C3%A9")
    assert '"GET /register/zoeken?q=caf%C3%A9 HTTP/1.1" 200' in regel


def test_serve_gebruikt_de_schone_logger(monkeypatch):
    gestart = []
    monkeypatch.setattr(serve._Gunicorn, "run", lambda self: gestart.append(self.cfg.logger_class))
    call_command("serve", "--no-met-worker", stdout=open("/dev/null", "w"))
    assert gestart == [gunicornlog.Logger]


def test_django_log_zonder_agendageheim(feedpad):
    """Django's 'Internal Server Error: <path>' passes the filter set in settings.LOGGING."""
    geheim, pad = feedpad
    filters = [f for h in logging.getLogger().handlers for f in h.filters if isinstance(f, gunicornlog.GeheimFilter)]
    assert filters, "settings.LOGGING zet het GeheimFilter niet op de console"
    record = logging.LogRecord("django.request", logging.ERROR, __file__, 1, "Internal Server Error: %s", (pad,), None)
    assert filters[0].filter(record) and geheim not in record.getMessage()
    assert record.getMessage() == "Internal Server Error: /handhaving/agenda/[verborgen].ics"
