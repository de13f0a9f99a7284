"""KaltengKop settings: one module, read from environment variables.

Development needs no variable at all (SQLite in the project folder, DEBUG on).
Outside development, a missing SECRET_KEY is a start-up error, not a silent default.
"""

import os
from datetime import timedelta
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent


def envbool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    lowered = value.strip().lower()
    if lowered in {"1", "true", "yes", "on"}:
        return True
    if lowered in {"0", "false", "no", "off"}:
        return False
    raise ImproperlyConfigured(f"{name} must be true or false, not {value!r}")


def envint(name: str, default: int) -> int:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    try:
        return int(value)
    except ValueError:
        raise ImproperlyConfigured(f"{name} must be a whole number, not {value!r}") from None


def envlist(name: str, default: list[str]) -> list[str]:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    return [item.strip() for item in value.split(",") if item.strip()]


# wsgi.py (gunicorn) defaults DEBUG to off; manage.py leaves it on for development.
DEBUG = envbool("DEBUG", True)

SECRET_KEY = os.environ.get("SECRET_KEY", "")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured(
            "SECRET_KEY is not set. Set the SECRET_KEY environment variable to a long random "
            "string before starting KaltengKop with DEBUG off."
        )
    SECRET_KEY = "development-only-key-never-used-with-debug-off"

# seed_demo creates accounts with a published password: only in development, or when asked by name.
DEMO_DATA_ALLOWED = envbool("DEMO_DATA", DEBUG)

ALLOWED_HOSTS = envlist("ALLOWED_HOSTS", ["127.0.0.1", "localhost"] if DEBUG else [])
CSRF_TRUSTED_ORIGINS = envlist("CSRF_TRUSTED_ORIGINS", [])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "simple_history",
    "axes",
    "csp",
    "django_tasks",
    "django_tasks_db",
    "targets",
    "reports",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "kaltengkop.middleware.RefuseOddRequestsMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "kaltengkop.middleware.ChosenLanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # Before CSRF, which reads the body: a body too large is refused unread.
    "kaltengkop.middleware.RequestBodyLimitMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "kaltengkop.middleware.PrivatePagesMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    # Last, so that a locked-out login answers before the view runs.
    "axes.middleware.AxesMiddleware",
]

AUTHENTICATION_BACKENDS = [
    # Counts failed logins and refuses a locked-out client before the password is checked.
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]

ROOT_URLCONF = "kaltengkop.urls"
WSGI_APPLICATION = "kaltengkop.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "reports.context_processors.navigation",
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.parse(os.environ.get("DATABASE_URL") or f"sqlite:///{BASE_DIR / 'db.sqlite3'}")
}
# Opening a PostgreSQL connection costs more than a small page, so in production connections are
# reused for this many seconds. Under the ASGI worker a request's thread is not the next one's, so
# Django's per-thread persistent connections (its CONN_MAX_AGE) would never be reused: each app
# server process keeps a psycopg connection pool instead, of up to DATABASE_POOL_SIZE connections.
DATABASE_CONN_MAX_AGE = envint("DATABASE_CONN_MAX_AGE", 0 if DEBUG else 600)
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql" and DATABASE_CONN_MAX_AGE > 0:
    DATABASES["default"].setdefault("OPTIONS", {})["pool"] = {
        "min_size": 1,
        "max_size": envint("DATABASE_POOL_SIZE", 8),
        "max_lifetime": DATABASE_CONN_MAX_AGE,
        # A request waits this long for a free connection before it fails.
        "timeout": 30,
    }

# The pages' computed parts, kept under the data version (reports/cache.py). Several app servers on
# one PostgreSQL share its database cache (a table made by `createcachetable`); one development
# process keeps them in its own memory. CACHE_BACKEND chooses: "database" or "memory".
CACHE_BACKEND = os.environ.get("CACHE_BACKEND") or (
    "database" if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql" else "memory"
)
CACHE_OPTIONS = {
    # Entries of older data versions are never read again; past this many the oldest third goes.
    "MAX_ENTRIES": envint("CACHE_MAX_ENTRIES", 5000),
    "CULL_FREQUENCY": 3,
}
if CACHE_BACKEND == "database":
    _cache = {"BACKEND": "django.core.cache.backends.db.DatabaseCache", "LOCATION": "kaltengkop_cache"}
elif CACHE_BACKEND == "memory":
    _cache = {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "kaltengkop"}
else:
    raise ImproperlyConfigured(f'CACHE_BACKEND must be "database" or "memory", not {CACHE_BACKEND!r}')
CACHES = {"default": {**_cache, "TIMEOUT": envint("CACHE_TIMEOUT", 24 * 60 * 60), "OPTIONS": CACHE_OPTIONS}}

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
AUTH_USER_MODEL = "targets.User"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LOGIN_URL = "login"
# Every role lands on its worklist; the dashboard is one click away.
LOGIN_REDIRECT_URL = "targets:worklist"
LOGOUT_REDIRECT_URL = "login"

LANGUAGE_CODE = "id"
LANGUAGES = [("id", "Bahasa Indonesia"), ("en", "English")]
LOCALE_PATHS = [BASE_DIR / "kaltengkop" / "locale"]
TIME_ZONE = "Asia/Jakarta"
USE_I18N = True
USE_TZ = True
# Numbers are formatted explicitly (targets.formatting), so a year never reads "2.025".
USE_THOUSAND_SEPARATOR = False

STATIC_URL = "static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATICFILES_FINDERS = [
    "django.contrib.staticfiles.finders.FileSystemFinder",
    "django.contrib.staticfiles.finders.AppDirectoriesFinder",
    # plotly.js from the installed plotly package, as static/plotly/plotly.min.js; never committed.
    "kaltengkop.staticfinders.PlotlyFinder",
]
# Hashed names whatever DEBUG says, so that collectstatic and the server always agree; `make install`
# collects, and after changing a CSS or JS file it is run again.
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}

MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT") or BASE_DIR / "media")
MEDIA_URL = "media/"
# The summary PDF is built once per data version and kept in MEDIA_ROOT. A document of at most this
# many indicators is built inside the request (the 8 demo indicators take under a second); a larger
# one is built by the worker (`manage.py db_worker`) while the page shows its progress.
SUMMARY_PDF_INLINE_MAX_INDICATORS = envint("SUMMARY_PDF_INLINE_MAX_INDICATORS", 30)
# Stored copies kept per year, quarter, bureau and language: the newest data versions.
SUMMARY_PDF_KEEP = envint("SUMMARY_PDF_KEEP", 3)
# A build not finished after this long is taken as lost (a worker stopped mid-build) and may be redone.
SUMMARY_PDF_BUILD_TIMEOUT_MINUTES = envint("SUMMARY_PDF_BUILD_TIMEOUT_MINUTES", 15)
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}

# Evidence files are served only through a login-checked view, never from MEDIA_URL.
EVIDENCE_MAX_MB = envint("EVIDENCE_MAX_MB", 5)
# A request body larger than this is refused from its Content-Length before it is read (413);
# anonymous clients (the login form) get a small allowance only.
REQUEST_MAX_MB = envint("REQUEST_MAX_MB", 4 * EVIDENCE_MAX_MB)
ANONYMOUS_REQUEST_MAX_BYTES = 64 * 1024
# Uploads up to this size stay in memory; larger ones go to FILE_UPLOAD_TEMP_DIR, which therefore
# holds at most REQUEST_MAX_MB per request in flight.
FILE_UPLOAD_MAX_MEMORY_SIZE = 2_621_440
FILE_UPLOAD_TEMP_DIR = os.environ.get("FILE_UPLOAD_TEMP_DIR") or None

SESSION_COOKIE_SECURE = envbool("SECURE_COOKIES", not DEBUG)
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
# A working day, and the session ends when the browser closes.
SESSION_COOKIE_AGE = envint("SESSION_HOURS", 8) * 3600
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
# nginx (kaltengkop/deploy/nginx.conf) terminates HTTPS and says so in X-Forwarded-Proto.
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = envbool("SECURE_SSL_REDIRECT", False)
SECURE_HSTS_SECONDS = envint("SECURE_HSTS_SECONDS", 0)
SECURE_HSTS_INCLUDE_SUBDOMAINS = envbool("SECURE_HSTS_INCLUDE_SUBDOMAINS", False)
SECURE_HSTS_PRELOAD = envbool("SECURE_HSTS_PRELOAD", False)
SECURE_REDIRECT_EXEMPT = [r"^healthz/$"]
X_FRAME_OPTIONS = "DENY"

# Every page is the app's own: no inline script or style, nothing from another host.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        # plotly.js adds an empty <style> element (the hash of the empty string) and fills it through
        # the CSSOM, and positions the parts of a chart with style attributes. No script and no
        # stylesheet text may be inline.
        "style-src-elem": ["'self'", "'sha256-47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU='"],
        "style-src-attr": ["'unsafe-inline'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    }
}

# Login throttling (django-axes): five wrong passwords for one account from one address lock that
# pair out for a while; every failure is logged.
AXES_FAILURE_LIMIT = envint("LOGIN_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = timedelta(minutes=envint("LOGIN_LOCKOUT_MINUTES", 15))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "kaltengkop.views.locked_out"
AXES_CLIENT_IP_CALLABLE = "kaltengkop.middleware.client_ip"
AXES_VERBOSE = False

# The reporting calendar: a quarter's reports are due this many working days after it ends (Saturdays,
# Sundays, public holidays and cuti bersama not counted), unless the planners set another date.
REPORT_DUE_WORKING_DAYS = envint("REPORT_DUE_WORKING_DAYS", 10)
# Reminders (manage.py send_reminders): to staff this many working days before the due date, and to
# the head when a quarter has waited for approval more than this many days.
REMINDER_WORKING_DAYS_BEFORE_DUE = envint("REMINDER_WORKING_DAYS_BEFORE_DUE", 3)
APPROVAL_REMINDER_DAYS = envint("APPROVAL_REMINDER_DAYS", 5)

# Email: printed to the console unless an SMTP server is named.
EMAIL_HOST = os.environ.get("EMAIL_HOST", "")
EMAIL_BACKEND = (
    "django.core.mail.backends.smtp.EmailBackend"
    if EMAIL_HOST
    else "django.core.mail.backends.console.EmailBackend"
)
EMAIL_PORT = envint("EMAIL_PORT", 587)
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = envbool("EMAIL_USE_TLS", True)
EMAIL_TIMEOUT = 30
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "KaltengKop <kaltengkop@localhost>")
# The address in reminders' links, e.g. https://kaltengkop.example.go.id (no trailing slash).
SITE_URL = os.environ.get("SITE_URL", "http://127.0.0.1:8000").rstrip("/")

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"refusals_in_one_line": {"()": "kaltengkop.logfilters.RefusalsInOneLine"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "filters": ["refusals_in_one_line"]}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "WARNING")},
    "loggers": {
        # Failed and locked-out logins, one line each (kaltengkop.security), whatever LOG_LEVEL says.
        "kaltengkop.security": {"handlers": ["console"], "level": "INFO", "propagate": False},
        "axes": {"handlers": ["console"], "level": "ERROR", "propagate": False},
        # Every reminder sent, to whom and when, whatever LOG_LEVEL says.
        "kaltengkop.reminders": {"handlers": ["console"], "level": "INFO", "propagate": False},
    },
}
SIMPLE_HISTORY_REVERT_DISABLED = True
