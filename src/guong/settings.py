"""Settings read from the environment; a bad value stops the start, it is never guessed."""

import os
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

PACKAGE_DIR = Path(__file__).resolve().parent


def env(name: str, default: str | None = None) -> str | None:
    return os.environ.get(name, default)


def envbool(name: str, default: str) -> bool:
    value = os.environ.get(name, default).strip().lower()
    if value in ("1", "true", "yes", "on"):
        return True
    if value in ("0", "false", "no", "off", ""):
        return False
    raise ImproperlyConfigured(f"{name} must be true or false, not {value!r}")


DATA_DIR = Path(env("GUONG_DATA_DIR", "var")).resolve()
DEBUG = envbool("GUONG_DEBUG", "false")
SECRET_KEY = env("GUONG_SECRET_KEY") or ""
if not SECRET_KEY:
    if not DEBUG and env("GUONG_REQUIRE_SECRET", "0") == "1":
        raise ImproperlyConfigured("GUONG_SECRET_KEY must be set in production")
    SECRET_KEY = "insecure-development-key-set-GUONG_SECRET_KEY-in-production"
ALLOWED_HOSTS = [h.strip() for h in (env("GUONG_ALLOWED_HOSTS", "127.0.0.1,localhost")).split(",")]
ALLOWED_HOSTS = [h for h in ALLOWED_HOSTS if h]

_db_url = env("GUONG_DATABASE_URL") or f"sqlite:///{DATA_DIR / 'guong.sqlite3'}"
if not _db_url.startswith(("sqlite:", "postgres:", "postgresql:")):
    raise ImproperlyConfigured("GUONG_DATABASE_URL must be sqlite:///… or postgresql://…")
DATABASES = {"default": dj_database_url.parse(_db_url, conn_max_age=60)}
if DATABASES["default"]["ENGINE"].endswith("sqlite3"):
    DATA_DIR.mkdir(parents=True, exist_ok=True)
    DATABASES["default"]["OPTIONS"] = {
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        "transaction_mode": "IMMEDIATE",
    }
    DATABASES["default"]["TEST"] = {"NAME": None}
    DATABASES["default"]["CONN_MAX_AGE"] = 0
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
AUTH_USER_MODEL = "accounts.User"

INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django_htmx",
    "template_partials",
    "ninja",  # serves the API docs' Swagger UI from local static files, not a CDN
    "axes",
    "guong.core",
    "guong.org",
    "guong.members",
    "guong.accounts",
    "guong.meetings",
    "guong.documents",
    "guong.commitments",
    "guong.demo",
    "django_tasks",
    "django_tasks_db",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "guong.urls"
WSGI_APPLICATION = "guong.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [PACKAGE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    }
]

AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"

# Lockout after repeated failed logins (django-axes): 5 failures lock the
# username from that address for 30 minutes.
AXES_FAILURE_LIMIT = int(env("GUONG_LOGIN_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = 0.5
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "accounts/locked_out.html"
AXES_VERBOSE = False

LANGUAGE_CODE = "vi"
LANGUAGES = [("vi", "Tiếng Việt"), ("en", "English")]
LOCALE_PATHS = [PACKAGE_DIR / "locale"]
TIME_ZONE = "Asia/Ho_Chi_Minh"
USE_I18N = True
USE_TZ = True
FORMAT_MODULE_PATH = ["guong.formats"]

STATIC_URL = "static/"
STATICFILES_DIRS = [PACKAGE_DIR / "static"]  # the vendored assets and Gương's own CSS
STATIC_ROOT = DATA_DIR / "static"
STATIC_ROOT.mkdir(parents=True, exist_ok=True)  # WhiteNoise expects it, even before collectstatic
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedStaticFilesStorage"},
}
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = DEBUG
MEDIA_ROOT = DATA_DIR / "files"

SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_AGE = 60 * 60 * 8
CSRF_COOKIE_HTTPONLY = False
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True

EMAIL_BACKEND = env("GUONG_EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
DEFAULT_FROM_EMAIL = env("GUONG_FROM_EMAIL", "guong@localhost")
# Public address of the site, for links in e-mails and calendar feeds.
GUONG_SITE_URL = env("GUONG_SITE_URL", "http://127.0.0.1:8000")

# Background work (django-tasks). "immediate" runs a task in the caller's process, enough for one
# machine; "database" queues it for `guong db_worker` (docs/deploying.md).
_TASK_BACKENDS = {
    "immediate": "django_tasks.backends.immediate.ImmediateBackend",
    "database": "django_tasks_db.DatabaseBackend",
}
TASKS = {"default": {"BACKEND": _TASK_BACKENDS[env("GUONG_TASKS", "immediate")]}}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env("GUONG_LOG_LEVEL", "WARNING")},
}

# Largest upload accepted by the import page (a 100,000-row XLSX is about 6 MB).
DATA_UPLOAD_MAX_MEMORY_SIZE = 64 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 8 * 1024 * 1024
GUONG_IMPORT_MAX_BYTES = 64 * 1024 * 1024
