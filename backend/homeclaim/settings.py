"""homeclaim settings: one file, driven by environment variables (see .env.example).

HOMECLAIM_ENV=local (the default) runs with zero configuration: SQLite and files under var/,
a secret key generated once and kept in var/. HOMECLAIM_ENV=production requires SECRET_KEY and
ALLOWED_HOSTS and turns on the HTTPS-only settings that `homeclaim check --deploy` asks for.
"""

import ipaddress
import os
import secrets
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.csp import CSP

from homeclaim.env import env_bool, env_choice, env_int, env_list, env_str

REPO_DIR = Path(__file__).resolve().parent.parent.parent
VAR_DIR = Path(env_str("VAR_DIR") or REPO_DIR / "var")
VAR_DIR.mkdir(parents=True, exist_ok=True)

ENVIRONMENT = env_choice("HOMECLAIM_ENV", "local", ("local", "production"))
PRODUCTION = ENVIRONMENT == "production"
DEBUG = env_bool("DEBUG", False)


def _secret_key() -> str:
    if key := env_str("SECRET_KEY"):
        return key
    if PRODUCTION:
        raise ImproperlyConfigured("SECRET_KEY is required when HOMECLAIM_ENV=production")
    path = VAR_DIR / "secret_key"
    if not path.exists():
        path.write_text(secrets.token_urlsafe(50))
        path.chmod(0o600)
    return path.read_text().strip()


SECRET_KEY = _secret_key()
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "" if PRODUCTION else "127.0.0.1,localhost,[::1]")
if PRODUCTION and not ALLOWED_HOSTS:
    raise ImproperlyConfigured("ALLOWED_HOSTS is required when HOMECLAIM_ENV=production")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "ninja",
    "django_tasks_db",
    "accounts",
    "claims",
    "receipts",
    "exports",
    "orgsetup",
    "notifications",
    "demo",
    "homeclaim",
]

MIDDLEWARE = [
    # First: a request id for every log line and the X-Request-ID header; requests counted by route.
    "homeclaim.observability.RequestMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    # Before anything reads a body: refuse one declared larger than its route accepts (413).
    "homeclaim.limits.RequestSizeMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
]

ROOT_URLCONF = "homeclaim.urls"
WSGI_APPLICATION = "homeclaim.wsgi.application"
AUTH_USER_MODEL = "accounts.User"
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]

# Database: SQLite under var/ unless DATABASE_URL says otherwise (postgres://… at scale).
DATABASES = {
    "default": dj_database_url.parse(
        env_str("DATABASE_URL") or f"sqlite:///{VAR_DIR / 'homeclaim.sqlite3'}",
        conn_max_age=env_int("DATABASE_CONN_MAX_AGE", 0),
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL and IMMEDIATE transactions let the web process and the task worker share the file.
    DATABASES["default"]["OPTIONS"] = {
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
    }
    # A file, not the shared in-memory database, so concurrent tests wait for locks as in real use.
    # One per process, so two test runs on one machine never share it.
    DATABASES["default"]["TEST"] = {"NAME": str(VAR_DIR / f"test-{os.getpid()}.sqlite3")}

PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Failed logins: from the Nth failure each attempt must wait twice as long as the last
# (slow down), and after LOGIN_LOCKOUT_AFTER failures the account is locked for a while.
LOGIN_SLOWDOWN_AFTER = env_int("LOGIN_SLOWDOWN_AFTER", 3, minimum=1)
LOGIN_LOCKOUT_AFTER = env_int("LOGIN_LOCKOUT_AFTER", 10, minimum=1)
LOGIN_LOCKOUT_SECONDS = env_int("LOGIN_LOCKOUT_SECONDS", 15 * 60, minimum=1)
# The same per client address (login and activation), so one client cannot try many usernames,
# and a "known device" (a signed cookie from an earlier login) is spared its username's lockout
# but keeps its own failure limit. An address starts over LOGIN_WINDOW_SECONDS after its last failure.
LOGIN_ADDRESS_SLOWDOWN_AFTER = env_int("LOGIN_ADDRESS_SLOWDOWN_AFTER", 20, minimum=1)
LOGIN_ADDRESS_LOCKOUT_AFTER = env_int("LOGIN_ADDRESS_LOCKOUT_AFTER", 50, minimum=1)
LOGIN_WINDOW_SECONDS = env_int("LOGIN_WINDOW_SECONDS", 3600, minimum=1)
KNOWN_DEVICE_DAYS = env_int("KNOWN_DEVICE_DAYS", 180, minimum=1)
# Reverse proxies (addresses or CIDRs) whose X-Forwarded-For names the real client; empty: the
# header is never trusted and the client is the connection's peer.
TRUSTED_PROXIES = env_list("TRUSTED_PROXIES")
try:
    [ipaddress.ip_network(proxy, strict=False) for proxy in TRUSTED_PROXIES]
except ValueError as bad:
    raise ImproperlyConfigured(f"TRUSTED_PROXIES: {bad}") from None

# API tokens expire: API_TOKEN_DAYS unless the creator asks for fewer or more, up to the maximum.
API_TOKEN_DAYS = env_int("API_TOKEN_DAYS", 90, minimum=1)
API_TOKEN_MAX_DAYS = env_int("API_TOKEN_MAX_DAYS", 365, minimum=1)

LANGUAGE_CODE = "en"
LANGUAGES = [("en", "English"), ("es", "Español")]
TIME_ZONE = env_str("TIME_ZONE", "America/Bogota")
USE_I18N = True
USE_TZ = True

# Nothing is loaded from anywhere but our own origin: no fonts, scripts or images from third parties.
SECURE_CSP = {
    "default-src": [CSP.SELF],
    "img-src": [CSP.SELF, "data:", "blob:"],
    "object-src": [CSP.NONE],
    "base-uri": [CSP.SELF],
    "form-action": [CSP.SELF],
    "frame-ancestors": [CSP.NONE],
}

STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "static"
STATIC_ROOT.mkdir(exist_ok=True)
WHITENOISE_USE_FINDERS = True  # serve app static files (API docs) without a collectstatic step
FRONTEND_DIST = REPO_DIR / "frontend" / "dist"
WHITENOISE_ROOT = FRONTEND_DIST if FRONTEND_DIST.exists() else None  # the built UI's /assets/…
# Vite names built assets after their content (index-BQ1a2b3c.js): phones may cache them forever.
WHITENOISE_IMMUTABLE_FILE_TEST = r"^.+-[0-9A-Za-z_-]{8}\.(js|css|woff2|svg|png)$"

# Receipts live in private storage: never under a public media URL. STORAGE=local keeps them in
# FILES_DIR; STORAGE=s3 in a private S3-compatible bucket (created when missing), still streamed
# through the API's access checks. The S3 defaults match `make s3` (SeaweedFS on this machine).
FILES_DIR = Path(env_str("FILES_DIR") or VAR_DIR / "files")
STORAGE = env_choice("STORAGE", "local", ("local", "s3"))
S3_PORT = env_int("S3_PORT", 8333, minimum=1)
S3_STORAGE_OPTIONS = {
    "endpoint_url": env_str("S3_ENDPOINT_URL") or f"http://127.0.0.1:{S3_PORT}",
    "bucket_name": env_str("S3_BUCKET") or "homeclaim",
    "access_key": env_str("S3_ACCESS_KEY") or "homeclaim",
    "secret_key": env_str("S3_SECRET_KEY") or "homeclaim-dev-secret",
    "region_name": env_str("S3_REGION") or "us-east-1",
    "addressing_style": "path",  # bucket in the path: works with SeaweedFS, MinIO and AWS alike
    "signature_version": "s3v4",
    "file_overwrite": False,
    "default_acl": None,
}
if PRODUCTION and STORAGE == "s3" and not env_str("S3_SECRET_KEY"):
    raise ImproperlyConfigured("S3_SECRET_KEY is required when HOMECLAIM_ENV=production")
STORAGES = {
    "default": (
        {"BACKEND": "core.storage.PrivateS3Storage", "OPTIONS": S3_STORAGE_OPTIONS}
        if STORAGE == "s3"
        else {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": str(FILES_DIR), "base_url": None},
        }
    ),
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
FILE_UPLOAD_PERMISSIONS = 0o600
FILE_UPLOAD_DIRECTORY_PERMISSIONS = 0o700

# Background work: the database is the queue. "immediate" runs tasks inline (tests, scripts).
TASKS = {
    "default": {
        "BACKEND": {
            "db": "django_tasks_db.DatabaseBackend",
            "immediate": "django.tasks.backends.immediate.ImmediateBackend",
        }[env_choice("TASK_BACKEND", "db", ("db", "immediate"))],
    }
}

SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
SESSION_COOKIE_AGE = env_int("SESSION_COOKIE_AGE", 12 * 3600, minimum=60)
CSRF_COOKIE_SAMESITE = "Lax"
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
if PRODUCTION:
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 31536000)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True

# Logs never carry receipt text, amounts tied to names or user file names: keep them terse.
# LOG_FORMAT=json: one JSON object per line with the request's id (homeclaim.logs).
LOG_FORMAT = env_choice("LOG_FORMAT", "plain", ("plain", "json"))
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"request_id": {"()": "homeclaim.logs.RequestIdFilter"}},
    "formatters": {
        "plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"},
        "json": {"()": "homeclaim.logs.JsonFormatter"},
    },
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "formatter": LOG_FORMAT,
            "filters": ["request_id"],
        }
    },
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "INFO").upper()},
}

# Operations: /api/health/ready fails when the oldest waiting receipt waited longer than this;
# Prometheus metrics at /metrics only when METRICS_TOKEN is set (then as a Bearer token).
READY_MAX_QUEUE_AGE = env_int("READY_MAX_QUEUE_AGE", 900, minimum=1)
METRICS_TOKEN = env_str("METRICS_TOKEN")

# Serving (`homeclaim serve`, `make run`): gunicorn processes × threads, and reading workers.
# A reading worker exits after OCR_WORKER_MAX_TASKS tasks or past OCR_WORKER_MAX_RSS_MB (0: never)
# and its supervisor starts a fresh one. Measured: one worker stays at 255-262 MB from its 25th to
# its 300th receipt (151 MB idle), so both are guards against a leak, not a routine.
WEB_CONCURRENCY = env_int("WEB_CONCURRENCY", 2, minimum=1)
WEB_THREADS = env_int("WEB_THREADS", 4, minimum=1)
WEB_TIMEOUT = env_int("WEB_TIMEOUT", 60, minimum=1)
OCR_WORKERS = env_int("OCR_WORKERS", 1, minimum=0)
OCR_WORKER_MAX_TASKS = env_int("OCR_WORKER_MAX_TASKS", 1000, minimum=0)
OCR_WORKER_MAX_RSS_MB = env_int("OCR_WORKER_MAX_RSS_MB", 1024, minimum=0)

# Receipts: limits for uploads, and the reading lease (a killed worker's job is retried).
RECEIPT_MAX_BYTES = env_int("RECEIPT_MAX_BYTES", 15 * 1024 * 1024, minimum=1)
RECEIPT_MAX_PIXELS = env_int("RECEIPT_MAX_PIXELS", 50_000_000, minimum=1)
RECEIPT_MAX_PDF_PAGES = env_int("RECEIPT_MAX_PDF_PAGES", 10, minimum=1)
# Decoding a picture costs memory whatever its file size (a 190 KB PNG of 49 MP: ~300 MB): at
# most this many at once on the machine, across web processes; an upload waiting longer than
# RECEIPT_DECODE_WAIT_SECONDS is answered 429 uploads_busy with Retry-After.
RECEIPT_MAX_CONCURRENT_DECODES = env_int("RECEIPT_MAX_CONCURRENT_DECODES", 2, minimum=1)
RECEIPT_DECODE_WAIT_SECONDS = env_int("RECEIPT_DECODE_WAIT_SECONDS", 20, minimum=1)
# The lease is short and the reading worker extends it every third of it (a heartbeat), up to
# RECEIPT_READ_MAX_SECONDS: a dead worker's receipt is free within a minute, not five.
RECEIPT_LEASE_SECONDS = env_int("RECEIPT_LEASE_SECONDS", 60, minimum=1)
RECEIPT_READ_MAX_SECONDS = env_int("RECEIPT_READ_MAX_SECONDS", 600, minimum=1)
RECEIPT_MAX_ATTEMPTS = env_int("RECEIPT_MAX_ATTEMPTS", 3, minimum=1)
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024  # bigger uploads spill to a temporary file
# Any other request body (JSON) is at most REQUEST_MAX_BYTES, refused from its Content-Length by
# homeclaim.limits before it is read; uploads get their own limit plus a multipart margin.
REQUEST_MAX_BYTES = env_int("REQUEST_MAX_BYTES", 2 * 1024 * 1024, minimum=1024)
DATA_UPLOAD_MAX_MEMORY_SIZE = REQUEST_MAX_BYTES
DATA_UPLOAD_MAX_NUMBER_FILES = 5
# A person sends at most UPLOADS_PER_HOUR receipts in any hour, and an organisation has at most
# ORG_QUEUE_MAX receipts waiting to be read: past either an upload is 429 with Retry-After (the
# queue's is ORG_QUEUE_RETRY_SECONDS) and nothing is stored.
UPLOADS_PER_HOUR = env_int("UPLOADS_PER_HOUR", 60, minimum=1)
ORG_QUEUE_MAX = env_int("ORG_QUEUE_MAX", 500, minimum=1)
ORG_QUEUE_RETRY_SECONDS = env_int("ORG_QUEUE_RETRY_SECONDS", 120, minimum=1)

# Organisation setup: people/rates imports and activation codes for people without a password.
SETUP_IMPORT_MAX_BYTES = env_int("SETUP_IMPORT_MAX_BYTES", 10 * 1024 * 1024, minimum=1)
SETUP_IMPORT_MAX_ROWS = env_int("SETUP_IMPORT_MAX_ROWS", 100_000, minimum=1)
ACTIVATION_CODE_DAYS = env_int("ACTIVATION_CODE_DAYS", 14, minimum=1)

# Exports: the bargaining pack hides any figure resting on fewer than EXPORT_K_ANONYMITY distinct
# workers (never fewer than 5); a report covers at most EXPORT_MAX_MONTHS months.
EXPORT_K_ANONYMITY = env_int("EXPORT_K_ANONYMITY", 10, minimum=5)
EXPORT_MAX_MONTHS = env_int("EXPORT_MAX_MONTHS", 24, minimum=1)

# Mail (notifications): through SMTP when EMAIL_HOST is set, else written as files under var/mail.
# The EMAIL_* variables fill Django 6.1's MAILERS (its EMAIL_* settings are deprecated).
# Links in mail start with SITE_URL (the address people open the app at).
_EMAIL_HOST = env_str("EMAIL_HOST")
if _EMAIL_HOST:
    _use_tls = env_bool("EMAIL_USE_TLS", True)
    MAILERS = {
        "default": {
            "BACKEND": "django.core.mail.backends.smtp.EmailBackend",
            "OPTIONS": {
                "host": _EMAIL_HOST,
                "port": env_int("EMAIL_PORT", 587 if _use_tls else 25, minimum=1),
                "username": env_str("EMAIL_HOST_USER"),
                "password": env_str("EMAIL_HOST_PASSWORD"),
                "use_tls": _use_tls,
                "timeout": env_int("EMAIL_TIMEOUT", 20, minimum=1),
            },
        }
    }
else:
    MAILERS = {
        "default": {
            "BACKEND": "django.core.mail.backends.filebased.EmailBackend",
            "OPTIONS": {"file_path": str(VAR_DIR / "mail")},
        }
    }
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "homeclaim <homeclaim@localhost>")
SITE_URL = env_str("SITE_URL", "http://127.0.0.1:8000")
