"""Settings shared by every environment; anything deployment-specific comes from the environment."""

import os
from datetime import timedelta
from pathlib import Path

import dj_database_url
from csp.constants import NONCE, NONE, SELF
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

from newsroom.analytics import dap_script_url, with_dap
from newsroom.client_address import parse_trusted_proxies
from newsroom.code_version import code_version
from newsroom.storage import media_storage

BASE_DIR = Path(__file__).resolve().parent.parent.parent


def env_bool(name, default=False):
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name, default=""):
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


DEBUG = env_bool("DEBUG")
SECRET_KEY = os.environ.get("SECRET_KEY", "")
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "localhost,127.0.0.1,[::1]")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    # Before the admin: it registers the per-language fields of names and descriptions.
    "modeltranslation",
    # Django's admin, with the desk as its home page (articles.desk).
    "articles.desk.apps.DeskAdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    # Django's form templates, for FORM_RENDERER below.
    "django.forms",
    "csp",
    "taggit",
    "content_editor",
    "django_prose_editor",
    "django_countries",
    "reversion",
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "newsroom.security",
    "newsroom.operations",
    "articles",
    "importers",
    "public",
    "distribution",
    "rest_framework",
    "drf_spectacular",
    "corsheaders",
    "api",
]

MIDDLEWARE = [
    "newsroom.health.HealthCheckMiddleware",
    "newsroom.request_logging.RequestIDMiddleware",
    "django.middleware.security.SecurityMiddleware",
    # Before the page cache, so API answers served from it carry the CORS headers too.
    "corsheaders.middleware.CorsMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Before sessions and auth, so a cached page for an anonymous reader costs no query.
    "public.page_cache.PageCacheMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "newsroom.security.sessions.AbsoluteSessionLifetimeMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "newsroom.security.mfa.RequireMFAMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "articles.admin.csp.AdminStylePolicyMiddleware",
    # After CSPMiddleware, so it sees the finished page (and its CSP nonce) before CSP writes
    # the header.
    "public.middleware.ConditionalPageMiddleware",
    # Last, as django-axes requires: it turns a lock-out during sign-in into the lock-out page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "newsroom.urls"
WSGI_APPLICATION = "newsroom.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.i18n",
                "csp.context_processors.nonce",
                "public.context_processors.site",
            ],
        },
    },
]

# Form widgets render through TEMPLATES, so templates/ can add the time zone to the admin's
# date-and-time inputs (templates/admin/widgets/split_datetime.html).
FORM_RENDERER = "django.forms.renderers.TemplatesSetting"

DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=int(os.environ.get("DB_CONN_MAX_AGE", "60")),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # Django's backend, but a connection that served a request within the last second is not
    # health-checked again (one round trip less per page on a busy server).
    DATABASES["default"]["ENGINE"] = "newsroom.postgresql"
    # Parameters bound by the server, and a statement run twice on a connection prepared: the
    # public pages' reads are a few fixed statements (newsroom.compiled_reads) whose planning
    # cost more than running them. Connections live DB_CONN_MAX_AGE, so the plans are reused.
    # A transaction-pooling PgBouncer in between would need prepare_threshold None.
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        server_side_binding=True, prepare_threshold=2
    )
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

CACHE_URL = os.environ.get("CACHE_URL") or os.environ.get("REDIS_URL")
if CACHE_URL:
    CACHES = {
        "default": {
            "BACKEND": "newsroom.cache.ResilientRedisCache",
            "LOCATION": CACHE_URL,
            # Give up on an unreachable Redis quickly: a page should not wait on a copy.
            "OPTIONS": {"socket_connect_timeout": 0.5, "socket_timeout": 0.5},
        }
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
# Only cached renderings live in the default cache (sessions and lock-outs are in the
# database), so a deploy that changes the code starts with none of the old ones.
CACHES["default"]["KEY_PREFIX"] = code_version(BASE_DIR)
# The {% cache %} fragments of templates (the filter form's hint), which change only with the
# language, settings and templates: kept in each process's memory, so a deploy or a settings
# change starts afresh, and reading them costs no network trip.
CACHES["template_fragments"] = {
    "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
    "LOCATION": "template-fragments",
}

# Each process's own memory in front of Redis for the pages and release content readers ask for
# (public/tiered_cache.py): a hit then costs no network round trip. A byte budget per process;
# the entries used least recently make room.
MEMORY_CACHE_BYTES = int(os.environ.get("MEMORY_CACHE_BYTES", 32 * 1024 * 1024))
CACHES["memory"] = {
    "BACKEND": "newsroom.cache.ProcessMemoryCache",
    "LOCATION": "memory",
    "OPTIONS": {"MAX_BYTES": MEMORY_CACHE_BYTES},
}

# Whole-page cache for anonymous readers (public/page_cache.py). Any content change empties it
# within a second; PAGE_CACHE_SECONDS only bounds how long an entry may sit unused in the cache.
PAGE_CACHE_ENABLED = env_bool("PAGE_CACHE_ENABLED", default=True)
PAGE_CACHE_SECONDS = int(os.environ.get("PAGE_CACHE_SECONDS", 60 * 60))
# Each release's own page content, list card and feed item, kept per release version
# (public/release_cache.py, public/card_cache.py), so the pages of releases an edit did not
# touch render quickly once the page cache is emptied.
RELEASE_CACHE_ENABLED = env_bool("RELEASE_CACHE_ENABLED", default=True)
RELEASE_CACHE_SECONDS = int(os.environ.get("RELEASE_CACHE_SECONDS", 24 * 60 * 60))
# What browsers and a CDN may do with an anonymous page: keep it briefly, serve it stale while
# revalidating or while the origin is down. max-age (or s-maxage) plus stale-while-revalidate
# may not exceed 54 s, so a change reaches readers within a minute (check public.E001).
PAGE_CACHE_CONTROL = os.environ.get(
    "PAGE_CACHE_CONTROL", "public, max-age=30, stale-while-revalidate=20, stale-if-error=86400"
)

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "en"
LANGUAGES = [("en", _("English")), ("es", _("Spanish"))]
# Names, titles and descriptions of people, organizations and initiatives in each language
# (articles/translation.py); a Spanish one left empty reads the English one.
MODELTRANSLATION_DEFAULT_LANGUAGE = "en"
MODELTRANSLATION_FALLBACK_LANGUAGES = ("en",)
# A name saved in one language only (an import, a table row typed in the Spanish admin) is the
# English one too until someone translates it.
MODELTRANSLATION_AUTO_POPULATE = "required"
LOCALE_PATHS = [BASE_DIR / "locale"]
# The office's time zone (e.g. America/Panama): what staff type and everyone reads. Stored
# times are UTC; every date-and-time shown names its zone (newsroom/formats).
TIME_ZONE = os.environ.get("TIME_ZONE", "UTC")
FORMAT_MODULE_PATH = ["newsroom.formats"]
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", BASE_DIR / "staticfiles"))
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", BASE_DIR / "media"))
# Local files unless AWS_STORAGE_BUCKET_NAME is set (see newsroom/storage.py and docs/media.md).
MEDIA_STORAGE, MEDIA_ORIGIN = media_storage(os.environ)
STORAGES = {
    "default": MEDIA_STORAGE,
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
WHITENOISE_MAX_AGE = 60 * 60 * 24 * 365
# Files served at the site's root: /favicon.ico, which browsers ask for on every site.
WHITENOISE_ROOT = BASE_DIR / "static" / "root"

# The largest upload the media library accepts; Pillow validates the content itself.
IMAGE_MAX_BYTES = int(os.environ.get("IMAGE_MAX_BYTES", 25 * 1024 * 1024))
# Width x height (x frames) of the largest image accepted. Pillow itself refuses anything above
# about 89 megapixels as a possible decompression bomb, so a higher value has no effect.
IMAGE_MAX_PIXELS = int(os.environ.get("IMAGE_MAX_PIXELS", 40_000_000))
# Widths of the responsive copies made of every photo (never wider than the original).
IMAGE_RENDITION_WIDTHS = [480, 960, 1600]
# Photos larger than this (width x height) get their renditions from the task queue, not
# during the upload request.
IMAGE_BACKGROUND_RENDITION_PIXELS = int(
    os.environ.get("IMAGE_BACKGROUND_RENDITION_PIXELS", 4_000_000)
)
DATA_UPLOAD_MAX_MEMORY_SIZE = 10 * 1024 * 1024

# Security headers that hold in every environment; production adds HTTPS-only ones.
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = True

# The federal Digital Analytics Program: off unless the deployment names its agency code (e.g.
# DOD). When on, every page loads DAP's script, the policy below lets it reach Google Analytics,
# readers' browsers get DAP's analytics cookies and the privacy page says so
# (docs/public-site.md, "Analytics").
NEWSROOM_DAP_AGENCY = os.environ.get("NEWSROOM_DAP_AGENCY", "").strip()
NEWSROOM_DAP_SUBAGENCY = os.environ.get("NEWSROOM_DAP_SUBAGENCY", "").strip()
DAP_SCRIPT_URL = dap_script_url(agency=NEWSROOM_DAP_AGENCY, subagency=NEWSROOM_DAP_SUBAGENCY)

# A strict policy for every page: scripts only from us, and inline scripts only with the
# per-request nonce (public pages have none). The admin editors need a looser style-src (see
# articles.admin.csp).
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF, NONCE],
        "style-src": [SELF],
        "img-src": [SELF, "data:", *([MEDIA_ORIGIN] if MEDIA_ORIGIN else [])],
        "font-src": [SELF],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    }
}
CONTENT_SECURITY_POLICY["DIRECTIVES"] = with_dap(
    CONTENT_SECURITY_POLICY["DIRECTIVES"], script_url=DAP_SCRIPT_URL
)

TAGGIT_CASE_INSENSITIVE = True

# What the public site calls itself and which official-site banner it shows.
NEWSROOM_SITE_NAME = os.environ.get("NEWSROOM_SITE_NAME", "Newsroom")
NEWSROOM_AGENCY_NAME = os.environ.get("NEWSROOM_AGENCY_NAME", "Joint Public Affairs Office")
NEWSROOM_DOMAIN_KIND = os.environ.get("NEWSROOM_DOMAIN_KIND", "mil")  # "mil" or "gov"
_IS_MIL = NEWSROOM_DOMAIN_KIND == "mil"

# The footer identifier: "An official website of <parent agency>" and the links every federal
# site must carry. Empty about/accessibility/privacy links point at this site's own pages; set
# each one to your agency's page (docs/public-site.md, "Federal standards").
NEWSROOM_PARENT_AGENCY_NAME = os.environ.get(
    "NEWSROOM_PARENT_AGENCY_NAME", "U.S. Department of Defense" if _IS_MIL else NEWSROOM_AGENCY_NAME
)
NEWSROOM_PARENT_AGENCY_URL = os.environ.get(
    "NEWSROOM_PARENT_AGENCY_URL", "https://www.defense.gov/" if _IS_MIL else ""
)
NEWSROOM_REQUIRED_LINKS = {
    "about": os.environ.get("NEWSROOM_LINK_ABOUT", ""),
    "accessibility": os.environ.get("NEWSROOM_LINK_ACCESSIBILITY", ""),
    "foia": os.environ.get("NEWSROOM_LINK_FOIA") or "https://www.foia.gov/",
    "no_fear": os.environ.get("NEWSROOM_LINK_NO_FEAR")
    or (
        "https://prhome.defense.gov/NoFear/" if _IS_MIL else "https://www.eeoc.gov/no-fear-act-data"
    ),
    "oig": os.environ.get("NEWSROOM_LINK_OIG")
    or ("https://www.dodig.mil/" if _IS_MIL else "https://www.oversight.gov/"),
    "performance": os.environ.get("NEWSROOM_LINK_PERFORMANCE") or "https://www.performance.gov/",
    "privacy": os.environ.get("NEWSROOM_LINK_PRIVACY", ""),
}

# The press office, shown on the Contact page (linked from every page) and in JSON-LD.
NEWSROOM_CONTACT_EMAIL = os.environ.get("NEWSROOM_CONTACT_EMAIL", "")
NEWSROOM_CONTACT_PHONE = os.environ.get("NEWSROOM_CONTACT_PHONE", "")
NEWSROOM_CONTACT_ADDRESS = os.environ.get("NEWSROOM_CONTACT_ADDRESS", "")

# Search (public/search_engine.py): the stop words and stemming rules (a Snowball language:
# english, spanish, french, portuguese, …) of releases written in each language, so that
# "trainings" finds "training" and "entrenamientos" "entrenamiento"; NEWSROOM_SEARCH_ANALYZER
# for a language not listed. Changing them needs `manage.py rebuild_search_index`.
NEWSROOM_SEARCH_ANALYZER = os.environ.get("NEWSROOM_SEARCH_ANALYZER", "english")
NEWSROOM_SEARCH_ANALYZERS = {
    "en": NEWSROOM_SEARCH_ANALYZER,
    "es": os.environ.get("NEWSROOM_SEARCH_ANALYZER_ES", "spanish"),
}
# The search index's directory: written by the task worker, read by every web worker, so on a
# volume both see (docker-compose.yml). Rebuilt from the database by rebuild_search_index.
SEARCH_INDEX_DIR = Path(os.environ.get("SEARCH_INDEX_DIR", BASE_DIR / "var" / "search-index"))

LOGIN_URL = "admin:login"
# Where signing in leads when no safe "next" page was given: the desk, not a missing profile page.
LOGIN_REDIRECT_URL = "admin:index"

# The site's address as staff reach it, for links in e-mails (there is no request to ask).
NEWSROOM_SITE_URL = os.environ.get("NEWSROOM_SITE_URL", "http://127.0.0.1:8000")

# Outgoing e-mail (workflow notices to staff: articles/notifications.py). Django's own settings,
# from the environment; `make run` prints e-mails on the console instead (settings/dev.py).
EMAIL_BACKEND = os.environ.get("EMAIL_BACKEND", "django.core.mail.backends.smtp.EmailBackend")
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("EMAIL_PORT", 25))
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS")
EMAIL_USE_SSL = env_bool("EMAIL_USE_SSL")
# A slow mail server must not hold up the officer's request for long.
EMAIL_TIMEOUT = int(os.environ.get("EMAIL_TIMEOUT", 10))
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "newsroom@localhost")
SERVER_EMAIL = os.environ.get("SERVER_EMAIL", DEFAULT_FROM_EMAIL)

# Logs go to standard output: JSON lines in production (LOG_FORMAT=json), text elsewhere. Every
# record carries the request id that is also sent back in the X-Request-ID header.
LOG_FORMAT = os.environ.get("LOG_FORMAT", "text")
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"request_id": {"()": "newsroom.request_logging.RequestIDFilter"}},
    "formatters": {
        "json": {
            "()": "pythonjsonlogger.json.JsonFormatter",
            "fmt": ["asctime", "levelname", "name", "message", "request_id"],
            "rename_fields": {"asctime": "time", "levelname": "level", "name": "logger"},
        },
        "text": {"format": "%(asctime)s %(levelname)s %(name)s [%(request_id)s] %(message)s"},
    },
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "filters": ["request_id"],
            "formatter": "json" if LOG_FORMAT == "json" else "text",
        }
    },
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
    "loggers": {
        # Django's own handlers would print a second copy; errors reach the root handler.
        "django": {"handlers": ["console"], "level": "INFO", "propagate": False},
        "axes": {"level": "WARNING"},
    },
}

# Staff sign-in (docs/operations.md, "Sign-in security").
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
# Idle timeout: the session cookie expires this many seconds after the last request.
SESSION_COOKIE_AGE = int(os.environ.get("NEWSROOM_SESSION_IDLE_TIMEOUT", 30 * 60))
SESSION_SAVE_EVERY_REQUEST = True  # only non-empty sessions are saved: readers get no cookie
# Absolute lifetime: signed out this many seconds after signing in, however active.
NEWSROOM_SESSION_ABSOLUTE_LIFETIME = int(
    os.environ.get("NEWSROOM_SESSION_ABSOLUTE_LIFETIME", 12 * 60 * 60)
)
AXES_FAILURE_LIMIT = int(os.environ.get("NEWSROOM_SIGN_IN_FAILURE_LIMIT", 5))
AXES_COOLOFF_TIME = timedelta(minutes=int(os.environ.get("NEWSROOM_SIGN_IN_LOCKOUT_MINUTES", 30)))
# Lock the account for the address it was attacked from, so an attacker elsewhere cannot lock
# a colleague out of the office network.
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "newsroom.security.lockout.locked_out_response"
# The proxies in front of the app (docs/deploy.md, "The client address"): a number of hops
# (the bundled nginx alone is 1) or a comma-separated list of networks. Lock-outs, the sign-in
# log and nginx's logs all use the client address they give.
if "NEWSROOM_CLIENT_IP_HEADER" in os.environ:
    raise ImproperlyConfigured(
        "NEWSROOM_CLIENT_IP_HEADER is replaced by NEWSROOM_TRUSTED_PROXIES: set it to the "
        "number of proxies in front of the app (1 behind the bundled nginx alone, 2 with a "
        "load balancer in front of it) or to their networks, and remove "
        "NEWSROOM_CLIENT_IP_HEADER (docs/deploy.md)."
    )
NEWSROOM_TRUSTED_PROXIES = parse_trusted_proxies(os.environ.get("NEWSROOM_TRUSTED_PROXIES"))
AXES_CLIENT_IP_CALLABLE = "newsroom.client_address.client_address"
OTP_TOTP_ISSUER = os.environ.get("NEWSROOM_SITE_NAME", "Newsroom")

# Release checks (docs/release-checks.md).
# Sentences longer than this many words are flagged (Plain Writing Act guidance).
NEWSROOM_CHECKS_LONG_SENTENCE_WORDS = int(os.environ.get("NEWSROOM_CHECKS_LONG_SENTENCE_WORDS", 35))
# Headlines at least this similar (0–1, difflib's ratio) to another release's are flagged.
NEWSROOM_CHECKS_HEADLINE_SIMILARITY = float(
    os.environ.get("NEWSROOM_CHECKS_HEADLINE_SIMILARITY", 0.9)
)
# Abbreviations readers know without a spelled-out first reference (AP style).
NEWSROOM_CHECKS_COMMON_ABBREVIATIONS = env_list(
    "NEWSROOM_CHECKS_COMMON_ABBREVIATIONS",
    "U.S.,USA,DoD,NATO,UN,U.N.,EU,UK,TV,OK,GPS,FBI,CIA,COVID-19,HIV,AIDS,CEO,ID",
)
# Editorial workflow (docs/workflow.md).
# A release authority may not clear a release they created unless this is on.
NEWSROOM_ALLOW_SELF_CLEARANCE = env_bool("NEWSROOM_ALLOW_SELF_CLEARANCE")
# Editing the headline, summary or body of a cleared or scheduled release sends it back to review.
NEWSROOM_EDITS_REOPEN_REVIEW = env_bool("NEWSROOM_EDITS_REOPEN_REVIEW", default=True)
# What a release authority confirms when clearing; None uses the built-in list
# (articles.workflow.gates.DEFAULT_CLEARANCE_CHECKLIST).
NEWSROOM_CLEARANCE_CHECKLIST = None

# A second factor is mandatory for everyone who can clear or publish (newsroom/security/mfa.py).
# Production always enforces it; only the local development site may switch it off.
NEWSROOM_REQUIRE_MFA = True

# Background work (newsroom/celery.py, docs/distribution.md). The broker is the Redis the site
# already runs; with none, tasks run in the web process after each commit.
CELERY_BROKER_URL = os.environ.get("CELERY_BROKER_URL") or os.environ.get("REDIS_URL") or ""
CELERY_TASK_ALWAYS_EAGER = not CELERY_BROKER_URL
CELERY_TASK_IGNORE_RESULT = True
CELERY_TASK_ACKS_LATE = True  # a worker killed mid-task leaves it to another: tasks are idempotent
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
# Sends are spread over time with countdowns (DISTRIBUTION_SEND_RATE_PER_MINUTE); Redis hands
# an unacknowledged task to another worker after this long, so it must outlast the longest wait.
CELERY_BROKER_TRANSPORT_OPTIONS = {"visibility_timeout": 6 * 60 * 60}
CELERY_TASK_DEFAULT_QUEUE = "newsroom"
CELERY_WORKER_HIJACK_ROOT_LOGGER = False
# The scheduler (celery beat): how often it looks for scheduled releases whose time has come.
DISTRIBUTION_SCAN_SECONDS = float(os.environ.get("DISTRIBUTION_SCAN_SECONDS", 30))
CELERY_BEAT_SCHEDULE = {
    "announce-due-releases": {
        "task": "distribution.tasks.announce_due_releases",
        "schedule": DISTRIBUTION_SCAN_SECONDS,
    },
    "purge-unconfirmed-subscribers": {
        "task": "distribution.tasks.purge_unconfirmed_subscribers",
        "schedule": 60 * 60,
    },
}

# Mail (docs/distribution.md). Without EMAIL_HOST, messages are printed to the console.
EMAIL_HOST = os.environ.get("EMAIL_HOST", "")
EMAIL_BACKEND = os.environ.get(
    "EMAIL_BACKEND",
    "django.core.mail.backends.smtp.EmailBackend"
    if EMAIL_HOST
    else "django.core.mail.backends.console.EmailBackend",
)
EMAIL_PORT = int(os.environ.get("EMAIL_PORT", 587))
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", default=EMAIL_PORT == 587)
EMAIL_USE_SSL = env_bool("EMAIL_USE_SSL", default=EMAIL_PORT == 465)
EMAIL_TIMEOUT = int(os.environ.get("EMAIL_TIMEOUT", 20))
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "Newsroom <newsroom@localhost>")

# Subscriber alerts and webhooks (docs/distribution.md).
# The site's public address, for links in messages and webhook payloads (no request there).
NEWSROOM_SITE_URL = os.environ.get("NEWSROOM_SITE_URL", "http://127.0.0.1:8000").rstrip("/")
# Messages sent per minute across all workers, and how many one task sends on one connection.
DISTRIBUTION_SEND_RATE_PER_MINUTE = int(os.environ.get("DISTRIBUTION_SEND_RATE_PER_MINUTE", 600))
DISTRIBUTION_BATCH_SIZE = int(os.environ.get("DISTRIBUTION_BATCH_SIZE", 50))
# Addresses never confirmed are deleted after this many days.
DISTRIBUTION_UNCONFIRMED_DAYS = int(os.environ.get("DISTRIBUTION_UNCONFIRMED_DAYS", 7))
# Abuse limits of the subscription form: per client address and per e-mail address (per hour),
# and confirmation mails to one address (per day).
DISTRIBUTION_CLIENT_LIMIT_PER_HOUR = int(os.environ.get("DISTRIBUTION_CLIENT_LIMIT_PER_HOUR", 20))
DISTRIBUTION_ADDRESS_LIMIT_PER_HOUR = int(os.environ.get("DISTRIBUTION_ADDRESS_LIMIT_PER_HOUR", 5))
DISTRIBUTION_CONFIRMATIONS_PER_DAY = int(os.environ.get("DISTRIBUTION_CONFIRMATIONS_PER_DAY", 3))
# Webhooks go only to public HTTPS addresses. Tests switch this on for a receiver on loopback.
DISTRIBUTION_WEBHOOKS_ALLOW_LOOPBACK = False

# The read-only JSON API (docs/api.md): no authentication, no cookies, JSON only.
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.AllowAny"],
    "UNAUTHENTICATED_USER": None,
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_PARSER_CLASSES": [],
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "DEFAULT_THROTTLE_CLASSES": ["api.throttling.ClientAddressThrottle"],
    "DEFAULT_THROTTLE_RATES": {"anon": os.environ.get("API_RATE_LIMIT", "300/minute")},
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Newsroom API",
    "DESCRIPTION": "Published releases, with the people, organizations, initiatives and tags "
    "they name. Read-only; cursor pagination; ETag and If-None-Match supported.",
    "VERSION": "1",
    "SERVE_INCLUDE_SCHEMA": False,
    "COMPONENT_SPLIT_REQUEST": True,
}
# Anyone's page may read the API; nothing else on the site is shared across origins.
CORS_URLS_REGEX = r"^/api/.*$"
CORS_ALLOW_ALL_ORIGINS = True
CORS_ALLOW_METHODS = ["GET", "HEAD", "OPTIONS"]
CORS_EXPOSE_HEADERS = ["ETag", "Last-Modified"]
