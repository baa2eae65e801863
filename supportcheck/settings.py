"""Settings for SupportCheck, read from the environment.

Development works without any variable set (SQLite, DEBUG on). With DEBUG=False the
production rules apply: a real SECRET_KEY is required and the security settings that
`manage.py check --deploy` looks for are switched on.
"""

import os
from datetime import timedelta
from pathlib import Path
from urllib.parse import urlsplit

import dj_database_url
from csp.constants import NONE, SELF
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent

# Refused below when DEBUG is off.
DEV_SECRET_KEY = "dev-only-insecure-secret-key-do-not-use-in-production"  # noqa: S105  # nosec B105


def envbool(name: str, default: str) -> bool:
    """Read a boolean; anything but a clear yes/no is a configuration error."""
    value = os.environ.get(name, default).strip().lower()
    if value in ("1", "true", "yes", "on"):
        return True
    if value in ("0", "false", "no", "off"):
        return False
    raise ImproperlyConfigured(f"{name} must be true or false, not {value!r}")


def envint(name: str, default: str) -> int:
    value = os.environ.get(name, default)
    try:
        return int(value)
    except ValueError as error:
        raise ImproperlyConfigured(f"{name} must be a whole number, not {value!r}") from error


def envlist(name: str, default: str) -> list[str]:
    return [part.strip() for part in os.environ.get(name, default).split(",") if part.strip()]


DEBUG = envbool("DEBUG", "true")
SECRET_KEY = os.environ.get("SECRET_KEY", DEV_SECRET_KEY)
if not DEBUG and (SECRET_KEY == DEV_SECRET_KEY or len(SECRET_KEY) < 50):
    raise ImproperlyConfigured(
        "Production settings (DEBUG=false) need a real SECRET_KEY of at least 50 characters, "
        "for example from: python -c 'import secrets; print(secrets.token_urlsafe(50))'"
    )

ALLOWED_HOSTS = envlist("ALLOWED_HOSTS", "localhost,127.0.0.1,[::1]" if DEBUG else "")
CSRF_TRUSTED_ORIGINS = envlist("CSRF_TRUSTED_ORIGINS", "")


def _site_url() -> str:
    """The site's address, where HR's PDF links to the app's own pages. It comes from
    configuration, never from a request's Host header: the kept PDF's fingerprint includes
    it, and a Host that changes per request would render the report again every time.
    Without SITE_URL, production uses the first of ALLOWED_HOSTS over https."""
    default = "http://localhost:8000/"
    if not DEBUG and ALLOWED_HOSTS:
        default = f"https://{ALLOWED_HOSTS[0].lstrip('.')}/"
    value = os.environ.get("SITE_URL", default).strip()
    parts = urlsplit(value)
    if parts.scheme not in ("https", "http") or not parts.netloc:
        raise ImproperlyConfigured(
            f"SITE_URL must be an address such as https://supportcheck.example.org/, not {value!r}"
        )
    return value if value.endswith("/") else value + "/"


SITE_URL = _site_url()

# The original fiche this tool is built on; the app's own summary lives at /fiche/.
FICHE_URL = os.environ.get(
    "FICHE_URL",
    "https://abbet.be/Fiche-6-1-2-Het-belang-van-sociale-ondersteuning?lang=fr",
)
# The fiche for each reader's language (FICHE_URL_NL, FICHE_URL_FR, FICHE_URL_EN). ABBET's
# site shows the Dutch fiche with a Dutch or French frame (lang=); English readers get the
# Dutch frame. A FICHE_URL given in the environment is every language's default. Over https:
# the link leaves the app from a page that is itself served over https.
_FICHE_NL = "https://abbet.be/Fiche-6-1-2-Het-belang-van-sociale-ondersteuning?lang=nl"
FICHE_URLS = {
    language: os.environ.get(
        f"FICHE_URL_{language.upper()}",
        os.environ.get("FICHE_URL", FICHE_URL if language == "fr" else _FICHE_NL),
    )
    for language in ("nl", "fr", "en")
}

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "csp",
    "crispy_forms",
    "crispy_bootstrap5",
    "axes",
    "django_tasks",
    "django_tasks_db",
    "questionnaire",
]

MIDDLEWARE = [
    # First, so it times everything (static files and redirects too) and every response
    # carries its X-Request-ID: one log line per request, without path or personal data.
    "supportcheck.request_logging.RequestLogMiddleware",
    # Outside WhiteNoise, so static files carry it too (supportcheck/permissions_policy.py).
    "supportcheck.permissions_policy.PermissionsPolicyMiddleware",
    "supportcheck.login_redirect.LoginNextMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # django-csp's, with the policies built once per process (supportcheck/csp_policy.py).
    "supportcheck.csp_policy.CSPMiddleware",
    # A POST body that cannot be read (a charset other than UTF-8, a multipart body without
    # a boundary) gets our 400 page here, inside every header-adding middleware above and
    # before the CSRF check or a 404 page could read it again.
    "supportcheck.error_pages.MalformedBodyMiddleware",
    # The rest are inner to the ones above, so the pages they put in place of a view's
    # still get the CSP and security headers. A lost database connection becomes the 503
    # "try again in a moment" page (every other error stays a 500).
    "supportcheck.db_outage.DatabaseOutageMiddleware",
    # A method a view does not take (PUT, DELETE, ...) gets a page saying nothing changed.
    "supportcheck.error_pages.MethodNotAllowedPageMiddleware",
    # Login throttling: the lockout page in place of the login page (see AXES_ below).
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "supportcheck.urls"
WSGI_APPLICATION = "supportcheck.wsgi.application"

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
                "questionnaire.core.context_processors.fiche",
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        # A worker keeps its connection for a minute in production (a new PostgreSQL
        # connection per request cut the questionnaires served by a third, bench_serving.py);
        # health-checked before reuse. 0 in development: runserver's threads would leak them.
        conn_max_age=envint("CONN_MAX_AGE", "0" if DEBUG else "60"),
        conn_health_checks=True,
    )
}
if DATABASES["default"].get("ENGINE", "").endswith("sqlite3"):
    # Development: the task worker renders a PDF holding the write lock (kept_pdf.py) while
    # pages are served: in SQLite's write-ahead log mode readers never wait for the writer,
    # and a writer waits up to 20 s for the lock.
    DATABASES["default"]["OPTIONS"] = {"init_command": "PRAGMA journal_mode=WAL;", "timeout": 20}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Long work runs on Django's Tasks API (the django-tasks backport on Django 5.2) with the
# database backend: a task is a row in the app's own database (SQLite or PostgreSQL), written
# in the enqueuing transaction, and `manage.py worker` processes run it (docs/deploy.md).
# Define tasks with `from django_tasks import task`; enqueue with `some_task.enqueue(...)`.
TASKS = {
    "default": {
        "BACKEND": "django_tasks_db.DatabaseBackend",
        "QUEUES": ["default"],
    }
}

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "/hr/"
LOGOUT_REDIRECT_URL = "home"

LANGUAGE_CODE = "nl"
LANGUAGES = [("nl", _("Dutch")), ("fr", _("French")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
# English dates in the European order ("30 November 2026"), see supportcheck/formats/en.
FORMAT_MODULE_PATH = ["supportcheck.formats"]
TIME_ZONE = "Europe/Brussels"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
# Where collectstatic writes (a container path, a test's tmp dir).
if os.environ.get("STATIC_ROOT"):
    STATIC_ROOT = Path(os.environ["STATIC_ROOT"])
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
        if DEBUG
        else "whitenoise.storage.CompressedManifestStaticFilesStorage"
    },
}

CRISPY_ALLOWED_TEMPLATE_PACKS = "bootstrap5"
CRISPY_TEMPLATE_PACK = "bootstrap5"

# The questionnaire keeps answers in progress in the session, so a respondent can close
# the tab and come back; a month is long enough for a survey wave.
SESSION_COOKIE_AGE = 60 * 60 * 24 * 31
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_HTTPONLY = True
# The language switcher's cookie gets the flags of the others (Secure in production, below).
LANGUAGE_COOKIE_HTTPONLY = True
LANGUAGE_COOKIE_SAMESITE = "Lax"
X_FRAME_OPTIONS = "DENY"

# A strict policy: no inline scripts or styles anywhere (no style="" attributes either;
# SVG charts use presentation attributes such as fill=""). Everything is served from here.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    }
}
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
# Browser features the site never uses, switched off for its pages and whatever they could
# embed (the Permissions-Policy header, supportcheck/permissions_policy.py). Left out on
# purpose: clipboard-write (the copy buttons of HR's links) and fullscreen (the browser's PDF
# viewer shows the reports full screen). Only names that browsers know: an unknown one
# puts a warning in the browser's console.
PERMISSIONS_POLICY: dict[str, list[str]] = {
    feature: []
    for feature in (
        "accelerometer",
        "autoplay",
        "browsing-topics",
        "camera",
        "display-capture",
        "encrypted-media",
        "gamepad",
        "geolocation",
        "gyroscope",
        "hid",
        "idle-detection",
        "local-fonts",
        "magnetometer",
        "microphone",
        "midi",
        "payment",
        "picture-in-picture",
        "publickey-credentials-get",
        "screen-wake-lock",
        "serial",
        "usb",
        "web-share",
        "xr-spatial-tracking",
    )
}

# Small bodies only: the longest legitimate form is the questionnaire (well under 20 KB).
DATA_UPLOAD_MAX_MEMORY_SIZE = 64 * 1024
DATA_UPLOAD_MAX_NUMBER_FIELDS = 200

if not DEBUG:
    SECURE_SSL_REDIRECT = envbool("SECURE_SSL_REDIRECT", "true")
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    LANGUAGE_COOKIE_SECURE = True
    SECURE_HSTS_SECONDS = envint("SECURE_HSTS_SECONDS", str(60 * 60 * 24 * 365))
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = envbool("SECURE_HSTS_PRELOAD", "true")

# /healthz: load balancers probe app servers over plain http; the HTTPS redirect would fail them.
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]

# Logging: JSON lines in production (one object per line for the log collector), readable text in
# development; LOG_FORMAT=json|text overrides. Django's request loggers name raw paths,
# which hold report tokens: HidePathsFilter puts the route in their place.
LOG_LEVEL = os.environ.get("LOG_LEVEL", "INFO").upper()
LOG_FORMAT = os.environ.get("LOG_FORMAT", "text" if DEBUG else "json")
if LOG_FORMAT not in ("json", "text"):
    raise ImproperlyConfigured(f"LOG_FORMAT must be json or text, not {LOG_FORMAT!r}")
_hide_paths = {"filters": ["hide_paths"]}
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"hide_paths": {"()": "supportcheck.request_logging.HidePathsFilter"}},
    "formatters": {
        "json": {"()": "supportcheck.request_logging.JsonFormatter"},
        "text": {"format": "%(asctime)s %(levelname)s %(name)s: %(message)s"},
    },
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": LOG_FORMAT}},
    "root": {"handlers": ["console"], "level": LOG_LEVEL},
    "loggers": {
        # WeasyPrint logs every rendering step at INFO; its warnings and errors still show.
        "weasyprint": {"level": "WARNING"},
        # fontTools subsets the PDFs' fonts and logs every table and glyph list at INFO:
        # some fifty lines per font of every PDF, formatted and written for nothing.
        "fontTools": {"level": "WARNING"},
        # Django's own handlers go (they would print twice in DEBUG); all reaches the root.
        "django": {"handlers": [], "level": LOG_LEVEL},
        "django.request": _hide_paths,
        "django.server": {"handlers": [], **_hide_paths},
        "django.security.csrf": _hide_paths,
    },
}

# Client addresses, login throttling (django-axes), report-link throttling.
# Behind a load balancer or reverse proxy every request comes from the proxy's address.
# TRUSTED_PROXY_COUNT=n (the number of proxies that append to X-Forwarded-For in front of
# the app, usually 1) makes the client's address the n-th entry from the right of that
# header. Leave it at 0 when clients reach the app directly: the header is then ignored,
# since anyone could send one (questionnaire/core/throttle.py: client_ip).
TRUSTED_PROXY_COUNT = envint("TRUSTED_PROXY_COUNT", "0")

AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
# Five wrong passwords for one username from one address lock that combination for 15
# minutes (every further try restarts the wait); a right password resets the count.
# Locking the username+address pair, not the username alone, means nobody can lock a
# colleague out from elsewhere by typing their name; locking the pair, not the address
# alone, means colleagues behind one office NAT do not lock each other out. Guessing one
# account from many addresses stays possible at 5 tries per address per 15 minutes: the
# password validators (length, common passwords) are the defence against that.
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_FAILURE_LIMIT = 5
AXES_COOLOFF_TIME = timedelta(minutes=15)
AXES_RESET_ON_SUCCESS = True
AXES_CLIENT_IP_CALLABLE = "questionnaire.core.throttle.client_ip"
AXES_USERNAME_CALLABLE = "questionnaire.core.throttle.login_username"
AXES_LOCKOUT_CALLABLE = "questionnaire.core.throttle.login_locked_out"
# Keep no log of successful logins (addresses and browsers of HR staff); failed attempts
# are kept only until their cool-off has passed. Log lines name no user or address.
AXES_DISABLE_ACCESS_LOG = True
AXES_VERBOSE = False

# Wrong private report links: after this many from one client within the window, every
# report link answers 429 to that client until the window has passed (throttle.py).
REPORT_LINK_MISS_LIMIT = 20
REPORT_LINK_MISS_WINDOW = timedelta(minutes=10)

# Access codes (core/access_codes.py, docs/privacy.md "Guessing access codes"), never counted per
# client address, so that everyone behind one office address gets in: codes that are none
# of a campaign's count against the campaign, at most CODE_MISS_LIMIT per window, and one
# code can be entered at most CODE_TRY_LIMIT times per window (a code-holder cannot keep
# testing whether it got spent). Windows are fixed: they start at multiples of their length.
CODE_MISS_LIMIT = 1000
CODE_MISS_WINDOW = timedelta(minutes=10)
CODE_TRY_LIMIT = 5
CODE_TRY_WINDOW = timedelta(hours=1)

# Data retention.
# `manage.py purge_responses` deletes the responses of campaigns closed longer ago than
# this many months (docs/data-retention.md).
RETENTION_MONTHS = envint("RETENTION_MONTHS", "24")

# E-mail: invitations and their reminder (questionnaire/core/invitations.py), under Django's
# own setting names (docs/deploy.md, "Sending e-mail"). Without EMAIL_HOST in development
# (`make run`) nothing leaves the machine: each message is written as a file to sent_mail/
# (git-ignored). EMAIL_BACKEND may name another of Django's backends, for example
# django.core.mail.backends.console.EmailBackend to print them.
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = envint("EMAIL_PORT", "25")
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = envbool("EMAIL_USE_TLS", "false")
EMAIL_USE_SSL = envbool("EMAIL_USE_SSL", "false")
if EMAIL_USE_TLS and EMAIL_USE_SSL:
    raise ImproperlyConfigured("Set EMAIL_USE_TLS (STARTTLS) or EMAIL_USE_SSL, not both")
# Seconds before a mail server that stopped answering counts as a failed message.
EMAIL_TIMEOUT = envint("EMAIL_TIMEOUT", "30")
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "SupportCheck <noreply@localhost>")
_DEV_MAIL = DEBUG and "EMAIL_HOST" not in os.environ
EMAIL_BACKEND = os.environ.get(
    "EMAIL_BACKEND",
    "django.core.mail.backends.filebased.EmailBackend"
    if _DEV_MAIL
    else "django.core.mail.backends.smtp.EmailBackend",
)
EMAIL_FILE_PATH = os.environ.get("EMAIL_FILE_PATH", str(BASE_DIR / "sent_mail"))
