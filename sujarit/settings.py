"""One settings file, driven by environment variables (see docs/OPERATIONS.md)."""

import os
from pathlib import Path

import dj_database_url
from django.utils.translation import gettext_lazy as _

# Templates, static files (the Sarabun fonts among them) and the Thai catalogue are package data, so
# an installed wheel runs as a checkout does. BASE_DIR is the checkout (or site-packages when installed).
PACKAGE_DIR = Path(__file__).resolve().parent
BASE_DIR = PACKAGE_DIR.parent
# Data lives in var/ of the checkout; an installed copy uses ./var unless SUJARIT_VAR_DIR says where.
_IN_CHECKOUT = (BASE_DIR / "manage.py").is_file()
VAR_DIR = Path(os.environ.get("SUJARIT_VAR_DIR", BASE_DIR / "var" if _IN_CHECKOUT else Path.cwd() / "var"))


def env_bool(name, default=False):
    return os.environ.get(name, str(default)).lower() in ("1", "true", "yes", "on")


DEBUG = env_bool("DEBUG", False)
# Receipts of the corruption channel, client tags, form tokens and sessions are HMACs under this key:
# with the key published in this file anyone could forge them. The web server refuses to start with it
# unless DEBUG is on (`make run`); command-line tools (plan lint, compilemessages-py) may use it.
DEVELOPMENT_SECRET_KEY = "dev-only-" + "sujarit-not-for-production-use-0123456789abcdef"
SECRET_KEY = os.environ.get("SECRET_KEY", "") or DEVELOPMENT_SECRET_KEY
ALLOWED_HOSTS = os.environ.get("ALLOWED_HOSTS", "127.0.0.1,localhost,testserver").split(",")
CSRF_TRUSTED_ORIGINS = [o for o in os.environ.get("CSRF_TRUSTED_ORIGINS", "").split(",") if o]

INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django_tasks",
    "django_tasks_db",
    "sujarit.core",
    "sujarit.plans",
    "sujarit.complaints",
    "sujarit.disclosure",
    "sujarit.procurement",
    "sujarit.finance",
    "sujarit.surveys",
    "sujarit.registers",
    "sujarit.queue",
    "sujarit.integrity",
    "sujarit.website",
    "sujarit.oversight",
    "sujarit.api.apps.ApiConfig",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Cached public pages for visitors without a cookie of the site, answered before sessions and the
    # database (core/pagecache.py; docs/ARCHITECTURE.md, "Public page caching").
    "sujarit.core.pagecache.PublicPageMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "sujarit.core.middleware.ThaiFirstLocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "sujarit.core.dbrouter.ReplicaReadsMiddleware",
    "sujarit.core.middleware.SessionExpiryMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "sujarit.core.middleware.SecurityHeadersMiddleware",
    "sujarit.core.middleware.RetiredOrganizationMiddleware",
]

ROOT_URLCONF = "sujarit.urls"
WSGI_APPLICATION = "sujarit.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [PACKAGE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "sujarit.core.context_processors.sujarit",
            ],
            "builtins": ["sujarit.core.templatetags.thai"],
        },
    }
]

# SQLite (WAL) by default; PostgreSQL when DATABASE_URL is set.
DATABASE_URL = os.environ.get("DATABASE_URL", "")
if DATABASE_URL:
    DATABASES = {"default": dj_database_url.parse(DATABASE_URL, conn_max_age=60)}
else:
    VAR_DIR.mkdir(parents=True, exist_ok=True)
    DATABASES = {
        "default": {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": os.environ.get("SQLITE_PATH", str(VAR_DIR / "sujarit.sqlite3")),
            "OPTIONS": {
                "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON;",
                "transaction_mode": "IMMEDIATE",
                "timeout": 20,
            },
        }
    }
# Behind PgBouncer in transaction pooling (docs/OPERATIONS.md): no server-side cursors, and no
# persistent connections (the pooler keeps them).
if DATABASE_URL and env_bool("SUJARIT_PGBOUNCER", False):
    DATABASES["default"].update({"DISABLE_SERVER_SIDE_CURSORS": True, "CONN_MAX_AGE": 0})
# Public reads from a streaming replica when DATABASE_REPLICA_URL is set (core/dbrouter.py); a client
# that wrote reads from the primary for SUJARIT_REPLICA_PIN_SECONDS.
DATABASE_REPLICA_URL = os.environ.get("DATABASE_REPLICA_URL", "")
if DATABASE_URL and DATABASE_REPLICA_URL:
    DATABASES["replica"] = dj_database_url.parse(DATABASE_REPLICA_URL, conn_max_age=60)
    DATABASES["replica"]["TEST"] = {"MIRROR": "default"}
    DATABASE_ROUTERS = ["sujarit.core.dbrouter.ReplicaRouter"]
SUJARIT_REPLICA_PIN_SECONDS = int(os.environ.get("SUJARIT_REPLICA_PIN_SECONDS", 15))
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# The cache holds throttle counters, proof-of-work challenges and the public pages' cache: per process
# by default; shared by every application process when REDIS_URL is set (several processes behind
# one address must count a client's tries together).
REDIS_URL = os.environ.get("REDIS_URL", "")
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": os.environ.get("SUJARIT_CACHE_PREFIX", "sujarit"),
        }
    }
# How long a process trusts the organization's version it keeps in the cache before reading it from the
# database again: the bound on how stale a public page can be in a process that did not make the change
# (core.audit.remembered_version; the change's own process, or all of them with REDIS_URL, see it at once).
SUJARIT_PUBLIC_VERSION_SECONDS = int(os.environ.get("SUJARIT_PUBLIC_VERSION_SECONDS", 5))

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
]
LOGIN_URL = "core_site:login"
# User names are looked up in one normal form (NFKC, no surrounding spaces, case-folded): core/accounts.py.
AUTHENTICATION_BACKENDS = ["sujarit.core.accounts.UsernameBackend"]

LANGUAGE_CODE = "th"
LANGUAGES = [("th", _("Thai")), ("en", _("English"))]
LOCALE_PATHS = [PACKAGE_DIR / "locale"]
USE_I18N = True
USE_TZ = True
TIME_ZONE = "Asia/Bangkok"

STATIC_URL = "/static/"
STATICFILES_DIRS = [PACKAGE_DIR / "static"]
STATIC_ROOT = VAR_DIR / "staticfiles"
STATIC_ROOT.mkdir(parents=True, exist_ok=True)
WHITENOISE_USE_FINDERS = True
WHITENOISE_MIMETYPES = {".ttf": "font/ttf", ".woff2": "font/woff2"}
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", VAR_DIR / "media"))
# Attachments are served through views that check access, never straight from MEDIA_ROOT.
MEDIA_URL = "/media-not-served/"

# Staff sessions end after a working day without a request (8 hours); citizens' and reporters' sessions
# when the browser closes (core.middleware.SessionExpiryMiddleware).
SESSION_COOKIE_AGE = int(os.environ.get("SUJARIT_SESSION_IDLE_MINUTES", 8 * 60)) * 60
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
SESSION_COOKIE_SECURE = env_bool("SECURE_COOKIES", False)
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
X_FRAME_OPTIONS = "DENY"
# HTTPS behind the TLS-terminating proxy (docs/OPERATIONS.md): redirect plain HTTP, send HSTS. The
# proxy must say the request came over HTTPS (X-Forwarded-Proto: https), or every request redirects.
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", False)
if env_bool("SUJARIT_TRUST_X_FORWARDED_PROTO", False):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_HSTS_SECONDS = int(os.environ.get("SUJARIT_HSTS_SECONDS", 0))
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SUJARIT_HSTS_INCLUDE_SUBDOMAINS", False)
SECURE_HSTS_PRELOAD = env_bool("SUJARIT_HSTS_PRELOAD", False)

TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}

# Upload limits for core.files (bytes); per-module limits may be lower.
SUJARIT_MAX_UPLOAD_BYTES = int(os.environ.get("SUJARIT_MAX_UPLOAD_BYTES", 20 * 1024 * 1024))
DATA_UPLOAD_MAX_MEMORY_SIZE = SUJARIT_MAX_UPLOAD_BYTES + 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
# Pictures with more pixels are refused from their header, before decoding (a 190 KB PNG can claim
# 7000 × 7000 pixels). Re-encoding a case photo costs ~5 bytes a pixel at its peak, one file at a time:
# 30 MP (~160 MB) is above a phone's usual photo (12–24 MP) and fits a small server.
SUJARIT_MAX_IMAGE_PIXELS = int(os.environ.get("SUJARIT_MAX_IMAGE_PIXELS", 30_000_000))

# Progress reports of the action plan are due on the first of these month-days after their round ends
# (6 = the 6-month round ending 31 Mar, 12 = the whole year ending 30 Sep). Override with
# SUJARIT_PLAN_REPORT_DUE="6=04-30,12=10-31". See "Progress reporting" in docs/ARCHITECTURE.md.
SUJARIT_PLAN_REPORT_DUE = {6: "04-30", 12: "10-31"}
if os.environ.get("SUJARIT_PLAN_REPORT_DUE"):
    SUJARIT_PLAN_REPORT_DUE.update(
        (int(k), v.strip())
        for k, v in (
            part.split("=", 1) for part in os.environ["SUJARIT_PLAN_REPORT_DUE"].split(",") if "=" in part
        )
    )

# E-mail for notifications (docs/OPERATIONS.md).
EMAIL_BACKEND = os.environ.get("EMAIL_BACKEND", "django.core.mail.backends.smtp.EmailBackend")
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("EMAIL_PORT", 25))
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "sujarit@localhost")

# Sign-in throttling (core/throttle.py): wrong passwords within the window lock the account for that
# client; past the account's ceiling (from every client) each client gets only 3 tries; wrong 2FA codes
# lock the account's second step.
SUJARIT_SIGNIN_LOCK_MINUTES = int(os.environ.get("SUJARIT_SIGNIN_LOCK_MINUTES", 15))
SUJARIT_SIGNIN_MAX_FAILURES = int(os.environ.get("SUJARIT_SIGNIN_MAX_FAILURES", 10))
SUJARIT_SIGNIN_ACCOUNT_CEILING = int(os.environ.get("SUJARIT_SIGNIN_ACCOUNT_CEILING", 100))
SUJARIT_TOTP_MAX_FAILURES = int(os.environ.get("SUJARIT_TOTP_MAX_FAILURES", 5))

# The protected corruption channel (docs/ARCHITECTURE.md, "The corruption channel"): Argon2id cost
# of receipt and officer-key derivation (libsodium's "interactive" level: 2 passes, 64 MiB), and the
# proof-of-work a submission must carry (leading zero bits of sha256; 0 turns it off).
SUJARIT_KDF_OPSLIMIT = int(os.environ.get("SUJARIT_KDF_OPSLIMIT", 2))
SUJARIT_KDF_MEMLIMIT = int(os.environ.get("SUJARIT_KDF_MEMLIMIT", 64 * 1024 * 1024))
SUJARIT_POW_BITS = int(os.environ.get("SUJARIT_POW_BITS", 14))
# The proof-of-work rises with the rate (one bit per challenge a client asks for beyond a few in ten
# minutes, one per doubling of the organization's reports a minute beyond SUJARIT_SUBMISSIONS_PER_MINUTE)
# up to this many bits; a client may send SUJARIT_REPORTS_PER_CLIENT corruption reports an hour.
SUJARIT_POW_MAX_BITS = int(os.environ.get("SUJARIT_POW_MAX_BITS", 22))
SUJARIT_REPORTS_PER_CLIENT = int(os.environ.get("SUJARIT_REPORTS_PER_CLIENT", 10))
# Reports a minute per organization: Open311 refuses more; the corruption channel makes each further
# report's proof-of-work harder instead of closing for everyone.
SUJARIT_SUBMISSIONS_PER_MINUTE = int(os.environ.get("SUJARIT_SUBMISSIONS_PER_MINUTE", 60))

# OIT item owners are reminded this many days before an item falls due (`sujarit disclosure daily`).
SUJARIT_OIT_REMIND_DAYS = int(os.environ.get("SUJARIT_OIT_REMIND_DAYS", 14))

# The site's public address, for links in e-mails (e.g. https://sujarit.laemsom.go.th); without it
# e-mails carry paths only.
SUJARIT_SITE_URL = os.environ.get("SUJARIT_SITE_URL", "")

# One-organization deployments send "/" to the organization's public pages.
SUJARIT_DEFAULT_ORG = os.environ.get("SUJARIT_DEFAULT_ORG", "")
# The public site's contact page draws a map from this tile server ("https://tiles.example/{z}/{x}/{y}.png")
# when it is set; without it the page gives the address and a link with the coordinates.
SUJARIT_MAP_TILE_URL = os.environ.get("SUJARIT_MAP_TILE_URL", "")
SUJARIT_WEBSITE_MAX_IMAGE_BYTES = int(os.environ.get("SUJARIT_WEBSITE_MAX_IMAGE_BYTES", 8 * 1024 * 1024))

# A map layer on the complaint form, only when an operator names a tile server the site may use
# (e.g. "https://tiles.example.go.th/{z}/{x}/{y}.png"); its origin is added to the CSP's img-src.
# Without it the form offers the phone's position and the village list, and fetches nothing.
SUJARIT_MAP_TILES = os.environ.get("SUJARIT_MAP_TILES", "")
SUJARIT_MAP_ATTRIBUTION = os.environ.get("SUJARIT_MAP_ATTRIBUTION", "")
SUJARIT_MAP_CENTER = os.environ.get("SUJARIT_MAP_CENTER", "13.7563,100.5018")  # lat,lon before a position

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "WARNING")},
    # At DEBUG the template engine logs the whole context of a missing variable — on an integrity
    # officer's page that is a decrypted report. Never below INFO, whatever LOG_LEVEL says.
    "filters": {"harfbuzz_subset_notice": {"()": "sujarit.core.logfilters.HarfBuzzSubsetNotice"}},
    "loggers": {
        "django.template": {"level": "INFO"},
        # the per-font "fontTools instead of HarfBuzz-Subset" notice, ~50 lines a run (core/logfilters.py)
        "weasyprint": {"filters": ["harfbuzz_subset_notice"]},
    },
}
