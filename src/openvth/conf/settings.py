"""Settings: one file, every value from the environment (docs/configuratie.md lists them all).

No setting exists only in production: `OPENVTH_PRODUCTIE=1` switches the secure defaults on, the same code
runs everywhere.
"""

import ipaddress
import os
from pathlib import Path

import dj_database_url
from django.utils.translation import gettext_lazy as _

PAKKET_DIR = Path(__file__).resolve().parent.parent


def _vlag(naam: str, standaard: bool = False) -> bool:
    waarde = os.environ.get(naam)
    if waarde is None:
        return standaard
    return waarde.strip().lower() in {"1", "true", "ja", "yes", "on"}


def _lijst(naam: str, standaard: str) -> list[str]:
    return [deel.strip() for deel in os.environ.get(naam, standaard).split(",") if deel.strip()]


PRODUCTIE = _vlag("OPENVTH_PRODUCTIE")
DEBUG = _vlag("OPENVTH_DEBUG", standaard=False)

# The data folder lives outside the source tree: the SQLite database, uploads and generated files.
DATA_DIR = Path(os.environ.get("OPENVTH_DATA_DIR", Path.home() / ".local" / "share" / "openvth")).resolve()

_ONVEILIGE_SLEUTEL = "openvth-ontwikkelsleutel-niet-voor-productie-" + "x" * 20
SECRET_KEY = os.environ.get("OPENVTH_SECRET_KEY", "" if PRODUCTIE else _ONVEILIGE_SLEUTEL)
if PRODUCTIE and len(SECRET_KEY) < 50:
    raise RuntimeError("OPENVTH_SECRET_KEY moet in productie gezet zijn (minstens 50 tekens).")

ALLOWED_HOSTS = _lijst("OPENVTH_ALLOWED_HOSTS", "" if PRODUCTIE else "127.0.0.1,localhost,testserver")
CSRF_TRUSTED_ORIGINS = _lijst("OPENVTH_CSRF_TRUSTED_ORIGINS", "")

INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "axes",
    "csp",
    "django_tasks",
    "django_tasks_db",
    "openvth.audit",
    "openvth.organisaties",
    "openvth.register",
    "openvth.handhaving",
    "openvth.vergunningen",
    "openvth.toezicht",
    "openvth.web",
    "openvth.api",
    "openvth.ogc",  # its HTML pages' templates (ogc/templates)
]

MIDDLEWARE = [
    "openvth.web.middleware.ClientAdresMiddleware",  # first: every later layer sees the real client address
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "openvth.audit.middleware.RequestIdMiddleware",
    "openvth.api.middleware.ApiMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "openvth.web.middleware.TweeFactorMiddleware",
    "axes.middleware.AxesMiddleware",
    "openvth.web.fouten.DomeinfoutMiddleware",  # a domain error leaving a web view: its 404/403 page
]

ROOT_URLCONF = "openvth.conf.urls"
WSGI_APPLICATION = "openvth.conf.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "openvth.web.context.shell",
            ],
            # One date style everywhere (web/templatetags/datums.py) and the data vocabulary in the user's language
            # (web/templatetags/termen.py), without a {% load %} in every template.
            "builtins": ["openvth.web.templatetags.datums", "openvth.web.templatetags.termen"],
        },
    }
]

# Database: embedded SQLite (WAL) unless DATABASE_URL names another server (PostgreSQL in production).
if os.environ.get("DATABASE_URL"):
    DATABASES = {"default": dj_database_url.parse(os.environ["DATABASE_URL"], conn_max_age=60)}
else:
    DATABASES = {
        "default": {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": os.environ.get("OPENVTH_SQLITE_PATH", str(DATA_DIR / "openvth.sqlite3")),
            # Kept open between requests of a worker thread, as for PostgreSQL: opening the file and running the
            # PRAGMAs per request cost ~2 ms of a ~12 ms map answer (benchmarks/kaart.py).
            "CONN_MAX_AGE": 60,
            "OPTIONS": {
                "init_command": (
                    "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON; "
                    "PRAGMA busy_timeout=10000;"
                ),
                "transaction_mode": "IMMEDIATE",
            },
        }
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 12}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "web:inloggen"
LOGIN_REDIRECT_URL = "web:start"
LOGOUT_REDIRECT_URL = "web:start"

# Lock-out after repeated failed log-ins (django-axes), per user name and address together.
AXES_FAILURE_LIMIT = int(os.environ.get("OPENVTH_LOGIN_POGINGEN", "5"))
AXES_COOLOFF_TIME = float(os.environ.get("OPENVTH_LOGIN_BLOKKADE_UREN", "0.25"))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "web/geblokkeerd.html"
AXES_VERBOSE = False
# The client address behind trusted proxies (OPENVTH_VERTROUWDE_PROXIES), the same as throttling uses: without it
# the lock-out keyed on the proxy's address, so anyone could lock any staff member out.
AXES_CLIENT_IP_CALLABLE = "openvth.gedeeld.clientadres.client_adres"

OTP_TOTP_ISSUER = "OpenVTH"

LANGUAGE_CODE = "nl"
LANGUAGES = [("nl", _("Nederlands")), ("en", _("English"))]
LOCALE_PATHS = [PAKKET_DIR / "locale"]
USE_I18N = True
TIME_ZONE = "Europe/Amsterdam"
USE_TZ = True

STATIC_URL = "/static/"
# collectstatic's target in production; during development and tests files are served from their finders.
STATIC_ROOT = (
    Path(os.environ.get("OPENVTH_STATIC_ROOT", DATA_DIR / "static"))
    if PRODUCTIE or os.environ.get("OPENVTH_STATIC_ROOT")
    else None
)
# Front-end packages come from npm at build time (package.json) and are served from node_modules, never
# copied into the repository; only the files named in OPENVTH_NPM_BESTANDEN (openvth/web/statisch.py says why).
NODE_MODULES = Path(os.environ.get("OPENVTH_NODE_MODULES", PAKKET_DIR.parent.parent / "node_modules"))
STATICFILES_DIRS = [
    (f"vendor/{naam}", NODE_MODULES / pad)
    for naam, pad in {
        "leaflet": "leaflet/dist",
        "htmx": "htmx.org/dist",
        "utrecht": "@utrecht/component-library-css/dist",
        "utrecht-tokens": "@utrecht/design-tokens/dist",
        "world-atlas": "world-atlas",
        "topojson-client": "topojson-client/dist",
        "swagger-ui": "swagger-ui-dist",
    }.items()
    if (NODE_MODULES / pad).is_dir()
]
OPENVTH_NPM_BESTANDEN = {
    "vendor/leaflet": ("leaflet.js", "leaflet.js.map", "leaflet.css", "images/*.png"),
    "vendor/htmx": ("htmx.min.js",),
    "vendor/utrecht": ("index.css",),
    "vendor/utrecht-tokens": ("theme.css",),
    # The maps' built-in base layer (web/static/openvth/ondergrond.js): Natural Earth 1:50m countries as TopoJSON.
    "vendor/world-atlas": ("countries-50m.json", "LICENSE"),
    "vendor/topojson-client": ("topojson-client.min.js",),
    # The API reference at /api/v1/docs (ADR 0026); the maps too, because the manifest storage follows sourceMappingURL.
    "vendor/swagger-ui": ("swagger-ui-bundle.js", "swagger-ui-bundle.js.map", "swagger-ui.css", "swagger-ui.css.map"),
}
STATICFILES_FINDERS = [
    "openvth.web.statisch.NpmFinder",
    "django.contrib.staticfiles.finders.AppDirectoriesFinder",
]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
        if PRODUCTIE
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}
WHITENOISE_USE_FINDERS = not PRODUCTIE
MEDIA_ROOT = DATA_DIR / "media"

# Map: the tile URL is a setting, by default PDOK's BRT-Achtergrondkaart (Kadaster, CC BY 4.0) in Web Mercator;
# empty means "no tiles". Either way the built-in base layer (the Netherlands' outline and the municipalities'
# names, web/static/openvth/ondergrond.js) is drawn underneath, so a map without network is never empty.
PDOK_BRT_TILE_URL = "https://service.pdok.nl/brt/achtergrondkaart/wmts/v2_0/standaard/EPSG:3857/{z}/{x}/{y}.png"
OPENVTH_TILE_URL = os.environ.get("OPENVTH_TILE_URL", PDOK_BRT_TILE_URL)
OPENVTH_TILE_ATTRIBUTIE = os.environ.get(
    "OPENVTH_TILE_ATTRIBUTIE", "Kaartgegevens © Kadaster" if OPENVTH_TILE_URL == PDOK_BRT_TILE_URL else ""
)

# API
OPENVTH_API_VERSIE = "1.0.0"
# The contact named in the OpenAPI document (NL API Design Rules /core/doc-openapi-contact).
OPENVTH_API_CONTACT = (
    os.environ.get("OPENVTH_API_CONTACT_NAAM", "OpenVTH API-beheer"),
    os.environ.get("OPENVTH_API_CONTACT_EMAIL", "api@openvth.example.org"),
    os.environ.get("OPENVTH_API_CONTACT_URL", "https://openvth.example.org/api"),
)
OPENVTH_ANONIEM_LIMIET = os.environ.get("OPENVTH_ANONIEM_LIMIET", "120/m")
# Anonymous downloads of the register (/register/export.*): at most this many rows (filter further for more) and
# this many downloads per client address; staff exports are bounded by the access policy and logged instead.
OPENVTH_ANONIEM_EXPORT_MAX_RIJEN = int(os.environ.get("OPENVTH_ANONIEM_EXPORT_MAX_RIJEN", "10000"))
OPENVTH_ANONIEM_EXPORT_LIMIET = os.environ.get("OPENVTH_ANONIEM_EXPORT_LIMIET", "10/h")
OPENVTH_TOKEN_GELDIGHEID_DAGEN = int(os.environ.get("OPENVTH_TOKEN_GELDIGHEID_DAGEN", "90"))
NINJA_PAGINATION_MAX_PER_PAGE_SIZE = 100

# Enforcement (docs/handhaving.md): policy defaults an authority may change; [check] values in DOMAIN.md.
OPENVTH_ZIENSWIJZETERMIJN = os.environ.get("OPENVTH_ZIENSWIJZETERMIJN", "P2W")
# The shortest view period (Awb 4:8) the workflow accepts, on a voornemen and before an invorderingsbeschikking. The
# Awb sets no length; 2 weeks is a policy choice that matches common practice (docs/handhaving.md).
OPENVTH_MIN_ZIENSWIJZETERMIJN = os.environ.get("OPENVTH_MIN_ZIENSWIJZETERMIJN", "P2W")
# LHSO gevolg classes that make a finding at an IED installation "a serious case of non-compliance", which calls for
# an additional site visit within six months (Richtlijn 2010/75/EU art. 23 lid 4); the directive does not define it.
OPENVTH_IED_ERNSTIGE_GEVOLGEN = _lijst("OPENVTH_IED_ERNSTIGE_GEVOLGEN", "3,4")
OPENVTH_VERSCHUIF_BESLUITTERMIJNEN = _vlag("OPENVTH_VERSCHUIF_BESLUITTERMIJNEN", standaard=False)
# Atw art. 3 lid 3: CSV files (comma-separated paths) with days equated by a royal decree newer than the ones shipped
# in regels/data/atw_gelijkgestelde_dagen.csv (same columns datum,reden,besluit,bron).
OPENVTH_ATW_GELIJKGESTELDE_DAGEN = _lijst("OPENVTH_ATW_GELIJKGESTELDE_DAGEN", "")
OPENVTH_VERJARING_WAARSCHUWING_DAGEN = int(os.environ.get("OPENVTH_VERJARING_WAARSCHUWING_DAGEN", "42"))
OPENVTH_OM_CODES = _lijst("OPENVTH_OM_CODES", "om-fp")
OPENVTH_OPSPORING_CODES = _lijst("OPENVTH_OPSPORING_CODES", "politie")
OPENVTH_LHSO_TABELBESTAND = os.environ.get("OPENVTH_LHSO_TABELBESTAND", "")

# Supervision (docs/toezicht.md): rotation warning after N visits by the same inspector [check]; attachment limit.
OPENVTH_ROTATIE_N = int(os.environ.get("OPENVTH_ROTATIE_N", "3"))
OPENVTH_BIJLAGE_MAX_MB = int(os.environ.get("OPENVTH_BIJLAGE_MAX_MB", "20"))

# Background work (imports): django-tasks with its database backend; `openvth db_worker` runs the queue.
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
# The largest import file, web upload and command alike (docs/import.md): refused before it is stored or read.
OPENVTH_IMPORT_MAX_MB = int(os.environ.get("OPENVTH_IMPORT_MAX_MB", "1024"))

# Reverse proxies whose X-Forwarded-For entries are believed (docs/beheer.md "Behind a proxy"): addresses or
# networks (CIDR). Empty: REMOTE_ADDR is the client and the header is ignored (openvth.gedeeld.clientadres).
OPENVTH_VERTROUWDE_PROXIES = _lijst("OPENVTH_VERTROUWDE_PROXIES", "")
for _proxy in OPENVTH_VERTROUWDE_PROXIES:
    try:
        ipaddress.ip_network(_proxy, strict=False)
    except ValueError:
        raise RuntimeError(f"OPENVTH_VERTROUWDE_PROXIES: '{_proxy}' is geen IP-adres of netwerk (CIDR).") from None

# One cache for all workers and processes (throttle counts): a per-process cache multiplied every limit by the
# number of workers. Redis when OPENVTH_REDIS_URL is set; else a table in the database (migration web/0001).
CACHETABEL = "openvth_cache"
if os.environ.get("OPENVTH_REDIS_URL"):
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": os.environ["OPENVTH_REDIS_URL"],
            "KEY_PREFIX": "openvth",
        }
    }
else:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.db.DatabaseCache",
            "LOCATION": CACHETABEL,
            # Django's default of 300 entries would cull live throttle counts as soon as 300 clients were seen.
            "OPTIONS": {"MAX_ENTRIES": 20_000},
        }
    }

# Security headers. CSP allows only our own origin (plus the tile host when one is configured).
_tile_bron = ()
if OPENVTH_TILE_URL.startswith("http"):
    from urllib.parse import urlsplit

    _delen = urlsplit(OPENVTH_TILE_URL.replace("{s}", "a"))
    _tile_bron = (f"{_delen.scheme}://{_delen.netloc}".replace("://a.", "://*."),)
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ("'self'",),
        "script-src": ("'self'",),
        "style-src": ("'self'",),
        "img-src": ("'self'", "data:", *_tile_bron),
        "connect-src": ("'self'",),
        "font-src": ("'self'",),
        "object-src": ("'none'",),
        "base-uri": ("'self'",),
        "form-action": ("'self'",),
        "frame-ancestors": ("'none'",),
    }
}
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
SESSION_COOKIE_AGE = int(os.environ.get("OPENVTH_SESSIE_SECONDEN", str(8 * 3600)))
CSRF_COOKIE_HTTPONLY = True
if PRODUCTIE:
    SECURE_SSL_REDIRECT = _vlag("OPENVTH_SSL_REDIRECT", standaard=True)
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_HSTS_SECONDS = int(os.environ.get("OPENVTH_HSTS_SECONDEN", "31536000"))
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"geheimen": {"()": "openvth.web.gunicornlog.GeheimFilter"}},  # no iCal feed secret in a log line
    "handlers": {"console": {"class": "logging.StreamHandler", "filters": ["geheimen"]}},
    "root": {"handlers": ["console"], "level": os.environ.get("OPENVTH_LOGNIVEAU", "WARNING")},
}
