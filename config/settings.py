"""Settings for hrcities, read from environment variables with safe defaults.

Development: `make run` writes `var/local.env` (DEBUG=true and a generated SECRET_KEY),
which fills any variable the environment does not set. Anything else is treated as
production and refuses to start without SECRET_KEY.
"""

import os
from datetime import timedelta
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

from config import localenv

BASE_DIR = Path(__file__).resolve().parent.parent
DATA_DIR = Path(os.environ.get("HRCITIES_DATA_DIR", BASE_DIR / "var"))


def env_bool(name: str, default: bool = False) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str = "") -> list[str]:
    return [part.strip() for part in os.environ.get(name, default).split(",") if part.strip()]


TESTING = env_bool("HRCITIES_TESTING", False)
# Tests never read the development file: the suite behaves the same whether or not
# `make run` has been run in this checkout.
if not TESTING:
    localenv.load(DATA_DIR / localenv.FILE_NAME)

DEBUG = env_bool("DEBUG", False)

SECRET_KEY = os.environ.get("SECRET_KEY", "")
if not SECRET_KEY:
    if DEBUG or TESTING:
        SECRET_KEY = "hrcities-development-key-not-for-production"
    else:
        raise ImproperlyConfigured(
            "SECRET_KEY is not set. Production (DEBUG=false) needs a long random SECRET_KEY; "
            "for local development run `make run` once "
            f"(it writes {DATA_DIR / localenv.FILE_NAME})."
        )

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "127.0.0.1,localhost,[::1]" if DEBUG else "")
if DEBUG or TESTING:
    ALLOWED_HOSTS += ["testserver", "127.0.0.1", "localhost"]
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "ninja",
    "axes",
    # Two-factor sign-in: authenticator apps (TOTP) and one-time recovery codes.
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "hrcities.core",
    "hrcities.accounts",
    "hrcities.taxonomy",
    "hrcities.network",
    "hrcities.commitments",
    "hrcities.archive",
    "hrcities.indicators",
    "hrcities.education",
    "hrcities.emergency",
    "hrcities.reports",
    "hrcities.search",
    "hrcities.classify",
    "hrcities.site",
    "hrcities.work",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "hrcities.core.middleware.SecurityHeadersMiddleware",
    # An API address with NUL or another control character never reaches a view.
    "hrcities.core.middleware.ApiTextMiddleware",
    # Outside the rest, so that what any of them answers a signed-in user is kept private.
    "hrcities.core.middleware.PrivateResponsesMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # Marks the session's user as verified once they gave a code (request.user.is_verified()).
    "django_otp.middleware.OTPMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "hrcities.core.middleware.RequestContextMiddleware",
    # A session that still owes a code, or a keeper the network requires to add an
    # authenticator app, reaches only sign-out and the two-factor pages.
    "hrcities.accounts.twofactor.middleware.TwoFactorMiddleware",
    # Last, so that sessions, language, CSRF and security headers apply to cached pages too.
    "hrcities.core.pagecache.PageCacheMiddleware",
    # Sign-in throttling answers a locked-out attempt before any view runs.
    "axes.middleware.AxesMiddleware",
]

# Anonymous visitors' pages are kept until the data changes (hrcities.core.pagecache), in
# each web process's memory. Off under DEBUG, so template edits show at once, and in tests,
# whose rolled-back transactions never raise the data version.
PAGE_CACHE = env_bool("PAGE_CACHE", not (DEBUG or TESTING))
CACHES = {
    "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
    "pages": {
        "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
        "LOCATION": "hrcities-pages",
        # A page is 20-80 kB: a few hundred pages per worker at most.
        "TIMEOUT": 3600,
        "OPTIONS": {"MAX_ENTRIES": 400},
    },
}

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "hrcities" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "hrcities.core.context_processors.platform",
                "hrcities.work.context_processors.work",
                "hrcities.accounts.context_processors.people",
            ],
        },
    }
]

DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL", f"sqlite:///{DATA_DIR / 'hrcities.sqlite3'}"),
        conn_max_age=int(os.environ.get("DB_CONN_MAX_AGE", "60")),
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets readers and the one writer work at once; a busy writer waits instead of failing.
    DATABASES["default"]["OPTIONS"] = {
        "init_command": (
            "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON;"
        ),
        "transaction_mode": "IMMEDIATE",
        "timeout": 60,
    }
    DATABASES["default"]["TEST"] = {"NAME": os.environ.get("SQLITE_TEST_NAME") or None}

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
AUTH_USER_MODEL = "accounts.User"
LOGIN_URL = "accounts:login"
# The user an API token belongs to (None for an unknown, expired or revoked token).
API_TOKEN_USER = "hrcities.accounts.services.user_for_token"
LOGIN_REDIRECT_URL = "core:home"
LOGOUT_REDIRECT_URL = "core:home"

# Sign-in throttling (django-axes): after five wrong passwords for one user name from one
# address, that pair waits 15 minutes; a right password before then clears the count.
# Counted in the database, so every application server sees the same attempts.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_FAILURE_LIMIT = int(os.environ.get("SIGN_IN_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = timedelta(minutes=int(os.environ.get("SIGN_IN_COOLOFF_MINUTES", "15")))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "hrcities.accounts.views.locked_out"
AXES_VERBOSE = False

# Two-factor sign-in (django-otp). Authenticator apps show the account under this name.
# After a wrong code the next try waits 1, 2, 4, 8 ... seconds (per device, in the database).
OTP_TOTP_ISSUER = os.environ.get("OTP_TOTP_ISSUER", "hrcities")
OTP_TOTP_THROTTLE_FACTOR = 1
OTP_STATIC_THROTTLE_FACTOR = 1

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
]
if TESTING:
    PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]

LANGUAGE_CODE = "en"
LANGUAGES = [("en", _("English")), ("ko", _("Korean"))]
LOCALE_PATHS = [BASE_DIR / "hrcities" / "locale"]
USE_I18N = True
TIME_ZONE = os.environ.get("TIME_ZONE", "Asia/Seoul")
USE_TZ = True
LANGUAGE_COOKIE_NAME = "hrcities_language"
LANGUAGE_COOKIE_SAMESITE = "Lax"

STATIC_URL = "/static/"
STATIC_ROOT = DATA_DIR / "static"
MEDIA_URL = "/media/"
MEDIA_ROOT = DATA_DIR / "media"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
        if DEBUG or TESTING
        else "whitenoise.storage.CompressedManifestStaticFilesStorage"
    },
}
WHITENOISE_USE_FINDERS = DEBUG or TESTING

# Security headers. Production gets secure cookies and HSTS; the CSP forbids every
# outside origin, so no page can pull a script, font or map tile from the network.
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"
if not DEBUG and not TESTING:
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    LANGUAGE_COOKIE_SECURE = True
    SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", "31536000"))
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    # Asks browsers to keep to HTTPS before the first visit once the host is on their list.
    SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", True)
    SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
CONTENT_SECURITY_POLICY = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'self'; "
    "form-action 'self'; frame-ancestors 'none'"
)

# Maps: the offline Natural Earth layer is always drawn; a tile server is optional.
MAP_TILE_URL = os.environ.get("MAP_TILE_URL", "")

# Where the shared reference data lives (read by tests and benchmarks; what the
# application ships is copied into hrcities/*/data/).
SHARED_DATA_DIR = Path(os.environ.get("HRCITIES_SHARED_DATA", BASE_DIR.parent / "shared" / "data"))

NINJA_PAGINATION_PER_PAGE = 50
NINJA_PAGINATION_MAX_LIMIT = 500

# Cross-lingual search: embed every indexed record with the multilingual sentence encoder
# (about 2.7 s to load once per process, ~150 MB). Off, search is keyword-only.
SEARCH_SEMANTIC = env_bool("HRCITIES_SEARCH_SEMANTIC", True)

# Tag suggestions: computed after each save of a taggable record by a worker thread (the
# save does not wait). Tests switch them on where they test them, and run them at once.
SUGGEST_ON_SAVE = env_bool("HRCITIES_SUGGEST_ON_SAVE", not TESTING)
SUGGEST_IN_BACKGROUND = env_bool("HRCITIES_SUGGEST_IN_BACKGROUND", not TESTING)
# The sentence vectors of an import's search documents are encoded after its commit.
VECTORS_IN_BACKGROUND = env_bool("HRCITIES_VECTORS_IN_BACKGROUND", not TESTING)

# Email. Development writes each message as a file under var/mail (the README says where);
# production sends through SMTP with EMAIL_HOST, EMAIL_PORT, EMAIL_HOST_USER,
# EMAIL_HOST_PASSWORD and EMAIL_USE_TLS; tests keep messages in memory.
# EMAIL_BACKEND=console prints them instead.
_EMAIL_BACKENDS = {
    "smtp": "django.core.mail.backends.smtp.EmailBackend",
    "file": "django.core.mail.backends.filebased.EmailBackend",
    "console": "django.core.mail.backends.console.EmailBackend",
    "memory": "django.core.mail.backends.locmem.EmailBackend",
}
_email_default = "memory" if TESTING else ("file" if DEBUG else "smtp")
EMAIL_BACKEND = _EMAIL_BACKENDS.get(
    os.environ.get("EMAIL_BACKEND", _email_default), os.environ.get("EMAIL_BACKEND", "")
)
EMAIL_FILE_PATH = Path(os.environ.get("EMAIL_FILE_PATH", DATA_DIR / "mail"))
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "587"))
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", True)
EMAIL_TIMEOUT = int(os.environ.get("EMAIL_TIMEOUT", "20"))
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "hrcities <noreply@localhost>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
# Reminders of what waits for people (hrcities.work): emails told at once go out from a
# background thread after the commit (at once in tests); `hrcities send_reminders` sends
# the daily digests on its first run at or after this local hour.
REMINDERS_IN_BACKGROUND = env_bool("HRCITIES_REMINDERS_IN_BACKGROUND", not TESTING)
REMINDER_DIGEST_HOUR = int(os.environ.get("REMINDER_DIGEST_HOUR", "7"))
# The address links in emails start with (no trailing slash), e.g. https://hrcities.example.org
SITE_URL = os.environ.get("SITE_URL", "http://127.0.0.1:8000").rstrip("/")

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "WARNING")},
}
