"""Settings for history_site, driven by environment variables.

Without any variable set the site runs as in production: debug off, every HTTPS protection
on, and it refuses to start without a real secret key. DJANGO_DEBUG=1 asks for development mode
(`make run` does), with a secret key generated once per checkout under var/.
"""

import os
from datetime import timedelta
from pathlib import Path

import dj_database_url
from csp.constants import NONE, SELF, UNSAFE_HASHES
from django.core.exceptions import ImproperlyConfigured
from django.core.management.utils import get_random_secret_key

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = Path(os.environ.get("HISTORY_SITE_VAR_DIR", BASE_DIR / "var"))


def env_bool(name, default):
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name, default):
    value = os.environ.get(name)
    if value is None:
        return default
    return [item.strip() for item in value.split(",") if item.strip()]


# Debug is for a developer's own machine and has to be asked for (`make run` does).
DEBUG = env_bool("DJANGO_DEBUG", False)


def development_secret_key():
    """A random key made once per checkout and kept under var/, as the admin password is.

    Never a constant in the repository: anyone who reads the code could forge signed links.
    """
    key_file = VAR_DIR / "secret-key.txt"
    if not key_file.exists():
        VAR_DIR.mkdir(parents=True, exist_ok=True)
        key_file.touch(mode=0o600)
        key_file.write_text(get_random_secret_key() + "\n")
    return key_file.read_text().strip()


SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY") or (development_secret_key() if DEBUG else "")
if not DEBUG and (
    not SECRET_KEY or SECRET_KEY.startswith("django-insecure") or len(SECRET_KEY) < 50
):
    raise ImproperlyConfigured(
        "Set DJANGO_SECRET_KEY to a random value of at least 50 characters in production "
        '(python -c "import secrets; print(secrets.token_urlsafe(64))"), '
        "or DJANGO_DEBUG=1 on a development machine."
    )

ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS", ["127.0.0.1", "localhost", "[::1]"])
CSRF_TRUSTED_ORIGINS = env_list("DJANGO_CSRF_TRUSTED_ORIGINS", [])

SITE_NAME = os.environ.get("SITE_NAME", "This Day in History")
SITE_PUBLISHER = os.environ.get("SITE_PUBLISHER", "History Site Editors")
# The site's public address, for links in emails (which are sent without a request).
SITE_URL = os.environ.get("SITE_URL", "http://127.0.0.1:8000").rstrip("/")
SITE_ID = 1

INSTALLED_APPS = [
    "history_site.apps.NewsroomAdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.sites",
    "django.contrib.redirects",
    "django.contrib.sitemaps",
    "django.contrib.humanize",
    "django_ratelimit",
    "axes",
    "csp",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "simple_history",
    "revisions",
    "images",
    "events",
    "editorial",
    "newsletter",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    # Outside the others, so it sees each response as sent; it compresses public pages only.
    "history_site.compression.PublicCompressionMiddleware",
    # Kept public pages are served from here, with the headers the layers below gave them.
    "history_site.page_cache.PublicPageCacheMiddleware",
    "csp.middleware.CSPMiddleware",
    "django_permissions_policy.PermissionsPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    "django.contrib.redirects.middleware.RedirectFallbackMiddleware",
    # A write that waited too long for the database answers "busy" with the form data kept.
    "history_site.busy.DatabaseBusyMiddleware",
    # Last, as django-axes asks: it turns a locked-out login into the lockout page.
    "axes.middleware.AxesMiddleware",
]

AUTHENTICATION_BACKENDS = [
    # Counts failed logins and refuses any login, right password or not, while locked out.
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]

ROOT_URLCONF = "history_site.urls"
# Reader forms refused for CSRF come back filled in instead of as a bare 403 page.
CSRF_FAILURE_VIEW = "history_site.views.csrf_failure"
WSGI_APPLICATION = "history_site.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "history_site" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "history_site.context_processors.site",
            ],
            "libraries": {"fragments": "history_site.templatetags.fragments"},
        },
    },
]

if os.environ.get("DATABASE_URL"):
    # Connections are kept for a minute and checked before reuse, so a database restart costs
    # each worker a reconnect, not an error page.
    DATABASES = {
        "default": dj_database_url.parse(
            os.environ["DATABASE_URL"], conn_max_age=60, conn_health_checks=True
        )
    }
else:
    VAR_DIR.mkdir(parents=True, exist_ok=True)
    DATABASES = {
        "default": {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": VAR_DIR / "db.sqlite3",
            "OPTIONS": {
                # Writers queue instead of failing with "database is locked".
                "transaction_mode": "IMMEDIATE",
                "timeout": 20,
                "init_command": (
                    "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON;"
                ),
            },
        }
    }

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

if os.environ.get("REDIS_URL"):
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": os.environ["REDIS_URL"],
            # A Redis that is down answers nothing: give up quickly and serve without it.
            "OPTIONS": {"socket_connect_timeout": 0.5, "socket_timeout": 0.5},
        }
    }
else:
    # One process's memory. Room for the kept pages and the list-item fragments of a busy
    # day (Django's default of 300 entries would evict pages to make room for items).
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "OPTIONS": {"MAX_ENTRIES": 5000},
        }
    }

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "en-us"
TIME_ZONE = os.environ.get("TIME_ZONE", "America/New_York")
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATICFILES_DIRS = [BASE_DIR / "history_site" / "static"]
STATIC_ROOT = Path(os.environ.get("DJANGO_STATIC_ROOT", VAR_DIR / "static"))
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(os.environ.get("DJANGO_MEDIA_ROOT", VAR_DIR / "media"))
# The image library's files (images/): never under MEDIA_ROOT, so no static handler serves an
# embargoed image; the public gets renditions only through images.views. MEDIA_S3_BUCKET puts
# them on an S3-compatible store instead, under a private prefix, still served only through
# that view (pip install "history_site[s3]"; credentials from AWS_ACCESS_KEY_ID and
# AWS_SECRET_ACCESS_KEY).
MEDIA_S3_BUCKET = os.environ.get("MEDIA_S3_BUCKET", "")
IMAGES_ROOT = Path(os.environ.get("DJANGO_IMAGES_ROOT", VAR_DIR / "images"))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "images": (
        {
            "BACKEND": "storages.backends.s3.S3Storage",
            "OPTIONS": {
                "bucket_name": MEDIA_S3_BUCKET,
                "endpoint_url": os.environ.get("MEDIA_S3_ENDPOINT_URL") or None,
                "region_name": os.environ.get("MEDIA_S3_REGION") or None,
                "location": "image-library",
                "default_acl": "private",
                "file_overwrite": False,
            },
        }
        if MEDIA_S3_BUCKET
        else {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": IMAGES_ROOT, "base_url": "/images-not-served-directly/"},
        }
    ),
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}

# Uploads: refuse absurd requests before they reach a form.
DATA_UPLOAD_MAX_MEMORY_SIZE = 2 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 2 * 1024 * 1024
MAX_IMAGE_UPLOAD_BYTES = int(os.environ.get("MAX_IMAGE_UPLOAD_BYTES", 10 * 1024 * 1024))
MAX_IMAGE_PIXELS = int(os.environ.get("MAX_IMAGE_PIXELS", 40_000_000))

# EMAIL_FILE_PATH (a directory) writes every email there instead of sending it: for staging.
EMAIL_FILE_PATH = os.environ.get("EMAIL_FILE_PATH", "")
if EMAIL_FILE_PATH:
    _default_email_backend = "django.core.mail.backends.filebased.EmailBackend"
elif DEBUG:
    _default_email_backend = "django.core.mail.backends.console.EmailBackend"
else:
    _default_email_backend = "django.core.mail.backends.smtp.EmailBackend"
EMAIL_BACKEND = os.environ.get("DJANGO_EMAIL_BACKEND", _default_email_backend)
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("EMAIL_PORT", 25))
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "history@localhost")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
# Where readers write to have their personal data erased (the privacy page names it).
PRIVACY_CONTACT = os.environ.get("PRIVACY_CONTACT", DEFAULT_FROM_EMAIL)

# The daily email ("History Every Day"). Readers tick both statements; each subscriber's record
# keeps the exact words they ticked, so changing these texts never rewrites past consent.
NEWSLETTER_FROM_EMAIL = os.environ.get("NEWSLETTER_FROM_EMAIL", DEFAULT_FROM_EMAIL)
NEWSLETTER_CONSENT_TEXT = os.environ.get(
    "NEWSLETTER_CONSENT_TEXT",
    f"I agree to receive the daily \u201c{SITE_NAME}\u201d email from {SITE_PUBLISHER}. "
    "I can unsubscribe at any time with the link in every email.",
)
NEWSLETTER_ELIGIBILITY_TEXT = os.environ.get(
    "NEWSLETTER_ELIGIBILITY_TEXT", "I am 16 years of age or older."
)
# A copy of the daily email claimed by a run that then died is taken over by the next run
# after this long; a live run sends each copy within seconds.
NEWSLETTER_SENDING_LEASE_SECONDS = int(os.environ.get("NEWSLETTER_SENDING_LEASE_SECONDS", 15 * 60))
NEWSLETTER_CONFIRM_MAX_AGE_SECONDS = int(
    os.environ.get("NEWSLETTER_CONFIRM_MAX_AGE_SECONDS", 60 * 60 * 24 * 3)
)

# Share links for previews of unpublished changes, for reviewers without an account.
PREVIEW_LINK_MAX_AGE_SECONDS = int(os.environ.get("PREVIEW_LINK_MAX_AGE_SECONDS", 7 * 24 * 3600))

# Reader forms (fact-check reports, newsletter): a person takes a few seconds to fill one in.
READER_FORM_MIN_SECONDS = float(os.environ.get("READER_FORM_MIN_SECONDS", 3))
READER_FORM_MAX_AGE_SECONDS = int(os.environ.get("READER_FORM_MAX_AGE_SECONDS", 60 * 60 * 24))
# Fact-check reports a client may send (accepted or not) per period: "5/h", "20/d"…
FACT_CHECK_RATE = os.environ.get("FACT_CHECK_RATE", "5/h")
# "We received your report" emails to one address (letter case and +tags ignored) per period.
FACT_CHECK_ACKNOWLEDGEMENT_RATE = os.environ.get("FACT_CHECK_ACKNOWLEDGEMENT_RATE", "3/d")
# Newsletter emails (confirmations, "already subscribed") to one address per period; past it a
# signup still gets the same answer, and the latest email sent stays the one to use.
NEWSLETTER_EMAILS_PER_ADDRESS_RATE = os.environ.get("NEWSLETTER_EMAILS_PER_ADDRESS_RATE", "3/h")
# Rate limits count per client address; behind a proxy, name the header that carries it.
RATELIMIT_IP_META_KEY = os.environ.get("RATELIMIT_IP_META_KEY") or None
if os.environ.get("REDIS_URL"):
    # django-ratelimit lists only django-redis as supported; Django's own RedisCache is shared
    # by every process and increments atomically (INCRBY), which is all the counts need.
    SILENCED_SYSTEM_CHECKS = ["django_ratelimit.W001"]
else:
    # One process in development and tests. In production `check --deploy` warns instead
    # (history_site.W001): without REDIS_URL each worker would count, and cache, on its own.
    SILENCED_SYSTEM_CHECKS = ["django_ratelimit.E003", "django_ratelimit.W001"]

# Public pages (history_site/page_cache.py): browsers keep a page a minute and then ask again
# (a 304 if nothing changed); shared caches (a CDN, nginx) keep it longer and may serve it a
# little stale while they fetch the new one. With FRONT_CACHE_PURGE_URL set, publishing asks
# the front cache to drop the changed pages at once (HTTP PURGE), so S-MAXAGE can be long.
# PUBLIC_PAGE_CACHE=0 renders every public page afresh (for measuring, or debugging a page).
PUBLIC_PAGE_CACHE = env_bool("PUBLIC_PAGE_CACHE", True)
PUBLIC_PAGE_MAX_AGE = int(os.environ.get("PUBLIC_PAGE_MAX_AGE", 60))
PUBLIC_PAGE_S_MAXAGE = int(os.environ.get("PUBLIC_PAGE_S_MAXAGE", 300))
PUBLIC_PAGE_STALE_WHILE_REVALIDATE = int(os.environ.get("PUBLIC_PAGE_STALE_WHILE_REVALIDATE", 60))
FRONT_CACHE_PURGE_URL = os.environ.get("FRONT_CACHE_PURGE_URL", "")

# Admin login throttling (django-axes): a few wrong passwords lock out that username, and
# separately that client address, for a while. Administrators unlock from the admin's "Access
# attempts" list or with `manage.py axes_reset_username NAME` / `axes_reset_ip ADDRESS`.
AXES_FAILURE_LIMIT = int(os.environ.get("LOGIN_FAILURE_LIMIT", 5))
AXES_COOLOFF_TIME = timedelta(minutes=int(os.environ.get("LOGIN_LOCKOUT_MINUTES", 30)))
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "registration/locked_out.html"
AXES_IPWARE_META_PRECEDENCE_ORDER = [RATELIMIT_IP_META_KEY or "REMOTE_ADDR"]
# Failed attempts are kept (they are the lockout); a log of every successful login is not.
AXES_DISABLE_ACCESS_LOG = True

# Content-Security-Policy (django-csp): every script and stylesheet comes from our own files,
# nothing inline. JSON-LD blocks are data, which CSP does not govern. The one allowed style
# attribute is django-simple-history's history-page paginator ("border-top: 0").
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "style-src-attr": [UNSAFE_HASHES, "'sha256-XMXSevYjgSjXgRafBFDvtjwX+yyWLrxfso9DcNZ9UXM='"],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [NONE],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    }
}
# Permissions-Policy (django-permissions-policy): no page needs these browser features.
PERMISSIONS_POLICY = {
    feature: []
    for feature in [
        "accelerometer",
        "autoplay",
        "browsing-topics",
        "camera",
        "display-capture",
        "geolocation",
        "gyroscope",
        "magnetometer",
        "microphone",
        "midi",
        "payment",
        "usb",
    ]
}

# How long personal data is kept (days), applied by `manage.py apply_retention` (daily cron).
# Erasure on request: `manage.py erase_personal_data --email ADDRESS` or the admin actions.
RETENTION = {
    # Readers' names and addresses on fact-check reports, counted from the resolution.
    "report_contact_details": timedelta(days=int(os.environ.get("RETAIN_REPORT_CONTACT_DAYS", 90))),
    # The daily email's delivery log, per subscriber and day.
    "delivery_log": timedelta(days=int(os.environ.get("RETAIN_DELIVERY_LOG_DAYS", 90))),
    # Signups whose confirmation link was never used.
    "unconfirmed_signups": timedelta(days=int(os.environ.get("RETAIN_UNCONFIRMED_DAYS", 30))),
    # Unsubscribed addresses and their consent records, counted from the unsubscription.
    "unsubscribed": timedelta(days=int(os.environ.get("RETAIN_UNSUBSCRIBED_DAYS", 365))),
    # Failed admin logins (the lockout itself lasts LOGIN_LOCKOUT_MINUTES).
    "failed_logins": timedelta(days=int(os.environ.get("RETAIN_FAILED_LOGINS_DAYS", 30))),
}

SIMPLE_HISTORY_HISTORY_ID_USE_UUID = False
SIMPLE_HISTORY_REVERT_DISABLED = True

SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True
if not DEBUG:
    SECURE_SSL_REDIRECT = env_bool("DJANGO_SECURE_SSL_REDIRECT", True)
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_HSTS_SECONDS = int(os.environ.get("DJANGO_HSTS_SECONDS", 60 * 60 * 24 * 365))
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("DJANGO_LOG_LEVEL", "WARNING")},
}
