"""Behind a reverse proxy: which address is the client, and a throttle that holds across workers and headers.

Only X-Forwarded-For entries appended by proxies in OPENVTH_VERTROUWDE_PROXIES are believed, read from the right;
the count lives in a cache shared by all workers (the database, or Redis when OPENVTH_REDIS_URL is set).
"""

import os
import shutil
import socket
import subprocess
import sys
import time

import pytest
from django.core.cache import cache, caches
from django.db import connection
from django.test import Client, RequestFactory, override_settings

from openvth.gedeeld.clientadres import PEER, bepaal_client_adres

pytestmark = pytest.mark.django_db
LIJST = "/api/v1/organisaties"


@pytest.fixture
def client():
    cache.clear()
    return Client()


def _adres(remote: str, xff: str | None = None) -> str:
    meta = {"REMOTE_ADDR": remote}
    if xff is not None:
        meta["HTTP_X_FORWARDED_FOR"] = xff
    return bepaal_client_adres(meta)


# --- the client address --------------------------------------------------------------------------------------


def test_zonder_vertrouwde_proxies_telt_alleen_remote_addr(settings):
    settings.OPENVTH_VERTROUWDE_PROXIES = []
    assert _adres("192.0.2.1", "203.0.113.5") == "192.0.2.1"


@pytest.mark.parametrize(
    ("remote", "xff", "client"),
    [
        ("10.0.0.2", "203.0.113.5", "203.0.113.5"),  # one trusted proxy
        ("10.0.0.2", "6.6.6.6, 203.0.113.5", "203.0.113.5"),  # what the client wrote itself is ignored
        ("10.0.0.2", "6.6.6.6, 203.0.113.5, 10.0.0.9", "203.0.113.5"),  # two trusted proxies in a row
        ("10.0.0.2", "10.0.0.7, 10.0.0.9", "10.0.0.7"),  # only proxies: the left-most is the client
        ("192.0.2.1", "203.0.113.5", "192.0.2.1"),  # an untrusted peer's header is not believed at all
        ("10.0.0.2", "", "10.0.0.2"),  # a trusted proxy that sent no header is itself the client
        ("10.0.0.2", "6.6.6.6, onzin", "10.0.0.2"),  # garbage where an address should be: stay with the proxy
        ("10.0.0.2", "203.0.113.5:4711", "203.0.113.5"),  # a port, as some load balancers append
        ("10.0.0.2", "[2001:db8::1]:443", "2001:db8::1"),
        ("10.0.0.2", "::ffff:203.0.113.5", "203.0.113.5"),
    ],
)
def test_rechts_naar_links_over_vertrouwde_proxies(settings, remote, xff, client):
    settings.OPENVTH_VERTROUWDE_PROXIES = ["10.0.0.0/24"]
    assert _adres(remote, xff) == client


def test_ongeldige_proxy_instelling_weigert_te_starten():
    omgeving = {**os.environ, "OPENVTH_VERTROUWDE_PROXIES": "10.0.0.0/24,proxy.example"}
    r = subprocess.run(
        [sys.executable, "-c", "import openvth.conf.settings"], env=omgeving, capture_output=True, text=True
    )
    assert r.returncode != 0 and "proxy.example" in r.stderr


def test_middleware_zet_het_clientadres_voor_de_rest_en_het_toegangslog(client, settings):
    """REMOTE_ADDR is rewritten in the WSGI environ itself, which is what gunicorn's access log reads (%(h)s)."""
    settings.OPENVTH_VERTROUWDE_PROXIES = ["127.0.0.1"]
    r = client.get(LIJST, headers={"X-Forwarded-For": "6.6.6.6, 203.0.113.5"})
    assert r.wsgi_request.META["REMOTE_ADDR"] == "203.0.113.5"
    assert r.wsgi_request.META[PEER] == "127.0.0.1"


# --- throttling -------------------------------------------------------------------------------------------------


def test_roterende_header_omzeilt_de_limiet_niet(client, settings):
    """Ninja's default took the whole X-Forwarded-For as the identity: 300 of 300 requests passed."""
    settings.OPENVTH_ANONIEM_LIMIET = "3/m"
    statussen = [client.get(LIJST, headers={"X-Forwarded-For": f"198.51.100.{i}"}).status_code for i in range(5)]
    assert statussen == [200, 200, 200, 429, 429]


def test_achter_proxy_telt_de_limiet_per_client(client, settings):
    settings.OPENVTH_VERTROUWDE_PROXIES = ["127.0.0.1"]
    settings.OPENVTH_ANONIEM_LIMIET = "2/m"

    def vraag(xff):
        return client.get(LIJST, headers={"X-Forwarded-For": xff}).status_code

    assert [vraag(f"{i}.{i}.{i}.{i}, 203.0.113.5") for i in range(1, 4)] == [200, 200, 429]  # spoofed left part
    assert vraag("198.51.100.7") == 200  # another client behind the same proxy has its own count


# --- one cache for all workers ------------------------------------------------------------------------------------


def test_standaardcache_is_de_gedeelde_databasetabel(settings):
    from django.core.cache.backends.db import DatabaseCache

    assert isinstance(caches["default"], DatabaseCache)
    assert settings.CACHETABEL in connection.introspection.table_names()
    cache.set("proef", 41)
    tweede_worker = caches.create_connection("default")  # another process would open its own connection like this
    assert tweede_worker.get("proef") == 41


def test_migratie_maakt_de_cachetabel(settings):
    """`migrate` makes the table (openvth demo, a deployment and the test database all run it)."""
    from django.db.migrations.executor import MigrationExecutor

    plan = MigrationExecutor(connection).loader.graph.leaf_nodes("web")
    assert plan == [("web", "0001_cachetabel")]
    assert MigrationExecutor(connection).loader.applied_migrations.get(("web", "0001_cachetabel")) is not None


def test_cache_volgt_de_omgeving():
    code = "from openvth.conf import settings as s; print(s.CACHES['default']['BACKEND'])"
    omgeving = {k: v for k, v in os.environ.items() if k != "OPENVTH_REDIS_URL"}
    zonder = subprocess.run([sys.executable, "-c", code], env=omgeving, capture_output=True, text=True, check=True)
    met = subprocess.run(
        [sys.executable, "-c", code],
        env={**omgeving, "OPENVTH_REDIS_URL": "redis://127.0.0.1:6379/0"},
        capture_output=True,
        text=True,
        check=True,
    )
    assert zonder.stdout.strip() == "django.core.cache.backends.db.DatabaseCache"
    assert met.stdout.strip() == "django.core.cache.backends.redis.RedisCache"


def _vrije_poort() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture
def redis_url():
    """A private redis-server on a free port for this test (a Debian package, like Chromium for the browser
    tests); stopped afterwards, so no process stays behind."""
    programma = shutil.which("redis-server")
    assert programma, "redis-server ontbreekt: apt-get install redis-server (make systeem doet dat)"
    poort = _vrije_poort()
    proces = subprocess.Popen(
        [programma, "--port", str(poort), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        for _ in range(100):
            try:
                socket.create_connection(("127.0.0.1", poort), timeout=0.1).close()
                break
            except OSError:
                time.sleep(0.05)
        yield f"redis://127.0.0.1:{poort}/0"
    finally:
        proces.terminate()
        proces.wait(timeout=10)


def test_limiet_in_redis(redis_url, settings):
    import redis

    instelling = {"default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": redis_url}}
    settings.OPENVTH_ANONIEM_LIMIET = "2/m"
    with override_settings(CACHES=instelling):
        client = Client()
        assert [client.get(LIJST).status_code for _ in range(3)] == [200, 200, 429]
        assert any(b"throttle_anoniem_127.0.0.1" in sleutel for sleutel in redis.Redis.from_url(redis_url).keys())


def test_request_factory_zonder_middleware_gebruikt_dezelfde_regel(settings):
    """Code that sees a request the middleware did not (axes in a test, a management command) gets the same answer."""
    from openvth.gedeeld.clientadres import client_adres

    settings.OPENVTH_VERTROUWDE_PROXIES = ["127.0.0.1"]
    verzoek = RequestFactory().get("/", headers={"X-Forwarded-For": "6.6.6.6, 203.0.113.5"})
    assert client_adres(verzoek) == "203.0.113.5"


def test_limiet_houdt_de_stand_per_draad(client, settings):
    """ninja keeps a request's throttle state on the throttle object, shared by a gthread worker's threads: a
    request in another thread must not replace this one's key and history between its check and its wait()."""
    import threading

    from openvth.api.auth import AnoniemeLimiet

    settings.OPENVTH_ANONIEM_LIMIET = "5/m"
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}  # no lock in a test
    limiet = AnoniemeLimiet()
    fabriek = RequestFactory()
    assert limiet.allow_request(fabriek.get("/", REMOTE_ADDR="192.0.2.1"))
    andere = threading.Thread(target=limiet.allow_request, args=(fabriek.get("/", REMOTE_ADDR="192.0.2.2"),))
    andere.start()
    andere.join()
    assert limiet.key == "throttle_anoniem_192.0.2.1" and len(limiet.history) == 1


def test_toegangslog_van_gunicorn_ziet_het_clientadres(settings):
    """gunicorn writes its access log line (%(h)s) from the WSGI environ it passed to the application, after the
    response: the middleware rewrites REMOTE_ADDR in that very dict, so the log names the client, not the proxy."""
    from wsgiref.util import setup_testing_defaults

    from django.core.handlers.wsgi import WSGIHandler

    settings.OPENVTH_VERTROUWDE_PROXIES = ["127.0.0.1"]
    environ = {"PATH_INFO": "/api/v1/", "REMOTE_ADDR": "127.0.0.1", "HTTP_X_FORWARDED_FOR": "6.6.6.6, 203.0.113.5"}
    setup_testing_defaults(environ)
    environ["SERVER_NAME"] = "testserver"
    statussen = []
    b"".join(WSGIHandler()(environ, lambda status, headers, *_: statussen.append(status)))
    assert statussen == ["200 OK"]
    assert environ["REMOTE_ADDR"] == "203.0.113.5" and environ[PEER] == "127.0.0.1"
