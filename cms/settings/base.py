"""Settings shared by every environment.

The environment is read once, here, with typed defaults; dev/test/production
modules only adjust what differs. Every variable is documented in `.env.example`.
"""

from pathlib import Path

import environ
from django.utils.translation import gettext_lazy as _

from cms.absolute_urls import validate_base_url

BASE_DIR = Path(__file__).resolve().parent.parent.parent
VAR_DIR = BASE_DIR / "var"

env = environ.Env()
# A local .env is optional; real deployments set variables in the environment.
environ.Env.read_env(BASE_DIR / ".env", overwrite=False)

DEBUG = env.bool("DEBUG", default=False)
SECRET_KEY = env.str("SECRET_KEY", default="dev-only-insecure-key")
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["127.0.0.1", "localhost"])
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])
# Scheme and host of every absolute URL the site and the API give (cms/absolute_urls.py), e.g.
# https://vapaaehtoistyo.hel.fi. Unset: each request's own scheme and host (`make run`, any PORT).
SITE_BASE_URL = validate_base_url(env.str("SITE_BASE_URL", default=""))
# Links in the admin's e-mails, and absolute URLs made without a request while SITE_BASE_URL is unset.
WAGTAILADMIN_BASE_URL = validate_base_url(
    env.str("WAGTAILADMIN_BASE_URL", default=SITE_BASE_URL or "http://127.0.0.1:8000"),
    "WAGTAILADMIN_BASE_URL",
)
REDIS_URL = env.str("REDIS_URL", default="")
STORAGE_BACKEND = env.str("STORAGE_BACKEND", default="filesystem")

INSTALLED_APPS = [
    "home",
    "board",
    "alerts",
    "documents",
    "translations",
    "cms",
    "cms.security",
    "wagtail_localize",
    "wagtail_localize.locales",
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.contrib.sitemaps",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail.api.v3",
    "corsheaders",
    "wagtail",
    "modelcluster",
    "taggit",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "django.contrib.postgres",
    "django_tasks_db",
    "csp",
    "axes",
    "helsinki_health_endpoints",
    "django_otp",
    "django_otp.plugins.otp_totp",
]

MIDDLEWARE = [
    # Permissions-Policy on every answer (PERMISSIONS_POLICY below), static files included.
    "django_permissions_policy.PermissionsPolicyMiddleware",
    "django.middleware.security.SecurityMiddleware",
    # Security headers and per-IP limits before any real work (cms/security).
    "cms.security.csp.PathContentSecurityPolicyMiddleware",
    "cms.security.ratelimit.RateLimitMiddleware",
    # CORS first, so that even error answers from /api/ carry the allowed origin.
    "corsheaders.middleware.CorsMiddleware",
    # NUL bytes, control characters, lone surrogates, bad encodings and over-long values:
    # 400 before any session, view or query sees them (cms/security/hostile.py).
    "cms.security.hostile.HostileInputMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    # Django's, except that API 404s are not redirected to /fi/… (cms/api/middleware.py).
    "cms.api.middleware.LocaleMiddleware",
    # After the language is known; 304s and cached copies skip everything below (cms/http_cache.py).
    "cms.http_cache.HttpCacheMiddleware",
    # The request's Wagtail site from the per-version configuration memo (cms/routing.py).
    "cms.routing.SiteMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "cms.security.twofactor.AdminTwoFactorMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    # Translators never change Finnish originals; Finnish-only pages get a notice under /sv/.
    "translations.guards.TranslatorLocaleGuardMiddleware",
    "translations.public.FinnishOnlyFallbackMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    # Last, as django-axes asks: turns a lockout into the login page with a message.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "cms.urls"
WSGI_APPLICATION = "cms.wsgi.application"

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
                "wagtail.contrib.settings.context_processors.settings",
            ],
        },
    },
]

DATABASES = {
    "default": env.db("DATABASE_URL", default=f"sqlite:///{VAR_DIR / 'db.sqlite3'}"),
}
DATABASES["default"].setdefault("CONN_MAX_AGE", env.int("DB_CONN_MAX_AGE", default=60))
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
if DATABASES["default"]["ENGINE"].endswith("postgresql"):
    # Short queries on small tables: PostgreSQL's JIT, triggered by the planner's estimates
    # for tables too small to have been analysed, costs far more than it saves here.
    DATABASES["default"].setdefault("OPTIONS", {}).setdefault("options", "-c jit=off")
elif DATABASES["default"]["ENGINE"].endswith("sqlite3"):
    # The web server and the scheduler (`make run`) write to one file. A transaction that reads,
    # then writes after another connection wrote, is refused at once ("database is locked"):
    # each would wait for the other. Taking the write lock at BEGIN makes them take turns, and
    # the timeout is how long one waits for its turn (tests/test_scheduler.py).
    DATABASES["default"].setdefault("OPTIONS", {}).update({"transaction_mode": "IMMEDIATE", "timeout": 20})
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "cms.cache_backend.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": env.str("CACHE_KEY_PREFIX", default="vtnk"),
        }
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

# The content version every cache of public output hangs on (cms/cache.py), shared by all
# processes: in Redis when there is one, else in the database (one row, one query a request).
CONTENT_VERSION_STORE = env.str("CONTENT_VERSION_STORE", default="cache" if REDIS_URL else "database")

# HTTP caching of public pages and API reads (cms/http_cache.py, cms/cache.py). ETags and
# cached copies follow the content version; the proxies' purge list is kept in the cache
# above, which must be shared (Redis) when several processes serve.
HTTP_CACHE_ENABLED = env.bool("HTTP_CACHE_ENABLED", default=True)
# The whole-response copy in the cache; off = "cache cold" (ETag/304 still on).
APP_CACHE_ENABLED = env.bool("APP_CACHE_ENABLED", default=True)
HTTP_CACHE_MAX_AGE = env.int("HTTP_CACHE_MAX_AGE", default=0)  # browsers: revalidate (cheap 304)
HTTP_CACHE_S_MAXAGE = env.int("HTTP_CACHE_S_MAXAGE", default=600)  # proxies: purged on change anyway
HTTP_CACHE_STALE_WHILE_REVALIDATE = env.int("HTTP_CACHE_STALE_WHILE_REVALIDATE", default=10)
HTTP_CACHE_APP_TIMEOUT = env.int("HTTP_CACHE_APP_TIMEOUT", default=3600)
HTTP_CACHE_MAX_BYTES = env.int("HTTP_CACHE_MAX_BYTES", default=2 * 1024 * 1024)
HTTP_CACHE_PRIVATE_PATHS = ["/admin/", "/django-admin/"]
HTTP_CACHE_UNCACHED_PATHS = ["/documents/", "/healthz", "/readiness", "/static/", "/media/"]
HTTP_CACHE_PRIVATE_PARAMS = ["token", "preview_token"]
HTTP_CACHE_BYPASS_COOKIES = ["messages"]
# nginx proxies to PURGE on every content change (deploy/nginx.conf), e.g. http://127.0.0.1:8080
FRONTEND_CACHE_PURGE_URLS = env.list("FRONTEND_CACHE_PURGE_URLS", default=[])
FRONTEND_CACHE_PURGE_TIMEOUT = env.float("FRONTEND_CACHE_PURGE_TIMEOUT", default=2.0)
FRONTEND_CACHE_PURGE_AGAIN_AFTER = env.float("FRONTEND_CACHE_PURGE_AGAIN_AFTER", default=2.0)
# Bump after the commit (no request can cache old rows under the new version). Tests run
# inside a transaction that never commits, so the test settings bump at once instead.
CONTENT_VERSION_BUMP_ON_COMMIT = True

# Background work (django-tasks): text extraction, webhooks, search index, proxy purges.
# "database" queues in PostgreSQL for `manage.py db_worker`; "immediate" runs in the request.
TASKS_DEFAULT_BACKENDS = {
    "immediate": "django_tasks.backends.immediate.ImmediateBackend",
    "database": "django_tasks_db.DatabaseBackend",
    # Runs nothing: bulk loads (bench/) that rebuild the search index afterwards.
    "dummy": "django_tasks.backends.dummy.DummyBackend",
}
TASKS_BACKEND = env.str("TASKS_BACKEND", default="immediate")
TASKS = {"default": {"BACKEND": TASKS_DEFAULT_BACKENDS[TASKS_BACKEND]}}

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Languages: Finnish first. The same three are the UI and the content languages.
LANGUAGE_CODE = "fi"
LANGUAGES = [("fi", "Suomi"), ("sv", "Svenska"), ("en", "English")]
WAGTAIL_CONTENT_LANGUAGES = LANGUAGES
WAGTAILADMIN_PERMITTED_LANGUAGES = LANGUAGES
WAGTAIL_I18N_ENABLED = True
# ASCII slugs in every language, as hel.fi (ä→a, ö→o, å→a): the admin's JS and cms/slugs.py.
WAGTAIL_ALLOW_UNICODE_SLUGS = False
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Europe/Helsinki"
USE_I18N = True
USE_TZ = True

WAGTAILLOCALIZE_SYNC_LIVE_STATUS_ON_TRANSLATE = False

STATIC_URL = "/static/"
STATIC_ROOT = env.path("STATIC_ROOT", default=VAR_DIR / "static")
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = env.path("MEDIA_ROOT", default=VAR_DIR / "media")

# Uploaded files (documents app): filesystem under var/media, S3-compatible object
# storage or Azure Blob Storage. Remote objects stay private: no public-read ACL,
# URLs are signed and expire; the site serves documents through Django anyway.
if STORAGE_BACKEND == "filesystem":
    DEFAULT_STORAGE = {"BACKEND": "django.core.files.storage.FileSystemStorage"}
elif STORAGE_BACKEND == "s3":
    DEFAULT_STORAGE = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": env.str("AWS_STORAGE_BUCKET_NAME"),
            "endpoint_url": env.str("AWS_S3_ENDPOINT_URL", default="") or None,
            "region_name": env.str("AWS_S3_REGION_NAME", default="") or None,
            # Unset keys: boto3 finds credentials itself (instance role, ~/.aws).
            "access_key": env.str("AWS_ACCESS_KEY_ID", default="") or None,
            "secret_key": env.str("AWS_SECRET_ACCESS_KEY", default="") or None,
            "location": env.str("STORAGE_PREFIX", default=""),
            "default_acl": None,
            "querystring_auth": True,
            "querystring_expire": env.int("STORAGE_URL_EXPIRE_SECONDS", default=300),
            "file_overwrite": False,
        },
    }
elif STORAGE_BACKEND == "azure":
    DEFAULT_STORAGE = {
        "BACKEND": "storages.backends.azure_storage.AzureStorage",
        "OPTIONS": {
            "azure_container": env.str("AZURE_CONTAINER"),
            # Either a connection string, or an account name with its key.
            "connection_string": env.str("AZURE_CONNECTION_STRING", default="") or None,
            "account_name": env.str("AZURE_ACCOUNT_NAME", default="") or None,
            "account_key": env.str("AZURE_ACCOUNT_KEY", default="") or None,
            "location": env.str("STORAGE_PREFIX", default=""),
            "expiration_secs": env.int("STORAGE_URL_EXPIRE_SECONDS", default=300),
            "overwrite_files": False,
        },
    }
else:
    from django.core.exceptions import ImproperlyConfigured

    raise ImproperlyConfigured(f"STORAGE_BACKEND must be filesystem, s3 or azure, not {STORAGE_BACKEND!r}")

STORAGES = {
    "default": DEFAULT_STORAGE,
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

WAGTAIL_SITE_NAME = _("Volunteer Work Advisory Board")
WAGTAILDOCS_DOCUMENT_MODEL = "documents.CustomDocument"
WAGTAILDOCS_EXTENSIONS = ["pdf"]
WAGTAILDOCS_DOCUMENT_FORM_BASE = "documents.forms.DocumentForm"
# Always through Django, so access checks and safe headers apply on every backend.
WAGTAILDOCS_SERVE_METHOD = "serve_view"
DOCUMENT_MAX_UPLOAD_MB = env.int("DOCUMENT_MAX_UPLOAD_MB", default=50)
WAGTAILDOCS_MAX_UPLOAD_SIZE = DOCUMENT_MAX_UPLOAD_MB * 1024 * 1024
# The upload's structure check parses every object: more are refused, so it stays quick.
DOCUMENT_MAX_PDF_OBJECTS = env.int("DOCUMENT_MAX_PDF_OBJECTS", default=10_000)
# Limits of the background process that reads a PDF's text (documents/extraction.py).
DOCUMENT_TEXT_CPU_SECONDS = env.int("DOCUMENT_TEXT_CPU_SECONDS", default=30)
DOCUMENT_TEXT_MEMORY_MB = env.int("DOCUMENT_TEXT_MEMORY_MB", default=512)
DOCUMENT_TEXT_WALL_SECONDS = env.int("DOCUMENT_TEXT_WALL_SECONDS", default=60)
# Seconds browsers and proxies may keep a public document.
DOCUMENT_CACHE_SECONDS = env.int("DOCUMENT_CACHE_SECONDS", default=3600)
# Database search with stemming in each object's language on PostgreSQL (cms/search_backend.py).
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "cms.search_backend"}}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env.str("LOG_LEVEL", default="INFO")},
    "loggers": {
        # One line per background task is noise at INFO; failures still show.
        "django_tasks": {"level": "WARNING"},
        "wagtail": {"level": env.str("WAGTAIL_LOG_LEVEL", default="WARNING")},
    },
}

# --- Security (cms/security, SECURITY.md). On in every environment so tests see it;
# HTTPS-only parts (redirect, HSTS, secure cookies) are in production.py.
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
# Powerful browser features: none for anyone (no page, embed or admin screen uses them);
# fullscreen for the site itself only.
PERMISSIONS_POLICY = {
    feature: []
    for feature in (
        "accelerometer",
        "ambient-light-sensor",
        "autoplay",
        "bluetooth",
        "browsing-topics",
        "camera",
        "display-capture",
        "encrypted-media",
        "geolocation",
        "gyroscope",
        "hid",
        "idle-detection",
        "interest-cohort",
        "magnetometer",
        "microphone",
        "midi",
        "payment",
        "publickey-credentials-get",
        "screen-wake-lock",
        "serial",
        "usb",
        "xr-spatial-tracking",
    )
} | {"fullscreen": ["self"]}
X_FRAME_OPTIONS = "DENY"  # Wagtail sets SAMEORIGIN itself on its preview views
# Number of our own reverse proxies in front of the app; only then is X-Forwarded-For trusted.
TRUSTED_PROXY_COUNT = env.int("TRUSTED_PROXY_COUNT", default=0)
# Content-Security-Policy (django-csp): enforced everywhere but the admin, where Wagtail's
# inline scripts and styles make it report-only (cms.security.csp picks per path).
# Media served from S3/Azure need their origin here, e.g. https://x.blob.core.windows.net
CSP_MEDIA_ORIGINS = env.list("CSP_MEDIA_ORIGINS", default=[])
_CSP_DIRECTIVES = {
    "default-src": ["'self'"],
    "script-src": ["'self'"],
    "style-src": ["'self'"],
    "img-src": ["'self'", "data:", *CSP_MEDIA_ORIGINS],
    "font-src": ["'self'", "data:"],
    "connect-src": ["'self'"],
    "object-src": ["'none'"],
    "base-uri": ["'none'"],
    "frame-ancestors": ["'self'"],
    "form-action": ["'self'"],
}
CONTENT_SECURITY_POLICY = {"DIRECTIVES": _CSP_DIRECTIVES}
CONTENT_SECURITY_POLICY_REPORT_ONLY = {"DIRECTIVES": _CSP_DIRECTIVES}
CSP_REPORT_ONLY_PATH_PREFIXES = ("/admin/", "/django-admin/")
# Rate limits per client IP, counted in the default cache (Redis: shared by all servers).
RATELIMIT_ENABLED = env.bool("RATELIMIT_ENABLED", default=True)
RATELIMIT_RULES = [
    {
        "name": "search",
        "path_regex": env.str("RATELIMIT_SEARCH_PATH_REGEX", default=r"^/(fi|sv|en)/(haku|sok|search)/"),
        "requests": env.int("RATELIMIT_SEARCH_REQUESTS", default=30),
        "window": env.int("RATELIMIT_SEARCH_WINDOW_SECONDS", default=60),
    },
    {
        "name": "graphql",
        "path_regex": r"^/graphql/",
        "requests": env.int("RATELIMIT_GRAPHQL_REQUESTS", default=300),
        "window": env.int("RATELIMIT_GRAPHQL_WINDOW_SECONDS", default=60),
    },
    {
        "name": "api",
        "path_regex": r"^/api/",
        "requests": env.int("RATELIMIT_API_REQUESTS", default=300),
        "window": env.int("RATELIMIT_API_WINDOW_SECONDS", default=60),
    },
]
# Brute-force protection (django-axes): AXES_FAILURE_LIMIT failures lock the pair of user name
# and client address, so a stranger elsewhere cannot lock a user out; one address is locked
# for every user name after LOGIN_ADDRESS_FAILURE_LIMIT failures (cms/security/lockout.py).
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_FAILURE_LIMIT = env.int("AXES_FAILURE_LIMIT", default=5)
LOGIN_ADDRESS_FAILURE_LIMIT = env.int("LOGIN_ADDRESS_FAILURE_LIMIT", default=20)
AXES_COOLOFF_MINUTES = env.int("AXES_COOLOFF_MINUTES", default=15)
AXES_COOLOFF_TIME = AXES_COOLOFF_MINUTES / 60  # hours
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_HANDLER = "cms.security.lockout.LockoutHandler"
AXES_RESET_ON_SUCCESS = True
AXES_CLIENT_IP_CALLABLE = "cms.security.clientip.axes_client_ip"
AXES_LOCKOUT_CALLABLE = "cms.security.lockout.lockout_response"
AXES_HTTP_RESPONSE_CODE = 429
# Wagtail's sign-in form with its password label translated (cms/security/forms.py).
WAGTAILADMIN_USER_LOGIN_FORM = "cms.security.forms.LoginForm"
# Two-factor authentication (django-otp, TOTP): optional for editors, required for superusers if on.
ADMIN_REQUIRE_2FA = env.bool("ADMIN_REQUIRE_2FA", default=False)
OTP_TOTP_ISSUER = "Vapaaehtoistyön neuvottelukunta"
# Admin sessions end after this much inactivity: every request renews the expiry.
SESSION_IDLE_SECONDS = env.int("SESSION_IDLE_SECONDS", default=2 * 60 * 60)
SESSION_COOKIE_AGE = SESSION_IDLE_SECONDS
SESSION_SAVE_EVERY_REQUEST = True
# Uploads: raster images only (SVG can carry scripts), and no decompression bombs.
WAGTAILIMAGES_EXTENSIONS = ["gif", "jpg", "jpeg", "png", "webp"]
WAGTAILIMAGES_MAX_IMAGE_PIXELS = env.int("WAGTAILIMAGES_MAX_IMAGE_PIXELS", default=40_000_000)
WAGTAILIMAGES_MAX_UPLOAD_SIZE = env.int("WAGTAILIMAGES_MAX_UPLOAD_SIZE", default=20 * 1024 * 1024)
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
# GDPR: contact details of people whose memberships ended this long ago are removed.
CONTACT_RETENTION_DAYS = env.int("CONTACT_RETENTION_DAYS", default=365)
# The people the GDPR commands export, erase and purge (cms/security/gdpr.py): a model with
# first/last name, e-mail, phone and `memberships`. Named here so that module imports no app.
PERSONAL_DATA_PERSON_MODEL = "board.Person"

# Headless API (cms/api). Browsers may call /api/ from these origins only.
CORS_ALLOWED_ORIGINS = env.list("CORS_ALLOWED_ORIGINS", default=[])
CORS_URLS_REGEX = r"^/(api|graphql)/.*$"
# Largest page size (`limit`) the API lists accept; larger asks get a 400.
API_LIMIT_MAX = env.int("API_LIMIT_MAX", default=100)
WAGTAILAPI_LIMIT_MAX = API_LIMIT_MAX
# Front end that renders drafts: Preview in the admin opens HEADLESS_PREVIEW_URL?token=…
HEADLESS_PREVIEW_URL = env.str("HEADLESS_PREVIEW_URL", default="")
HEADLESS_PREVIEW_MAX_AGE = env.int("HEADLESS_PREVIEW_MAX_AGE", default=600)
# Publish notifications: signed JSON POSTed to each URL on publish, unpublish and delete.
WEBHOOK_URLS = env.list("WEBHOOK_URLS", default=[])
WEBHOOK_SECRET = env.str("WEBHOOK_SECRET", default="")
WEBHOOK_MAX_ATTEMPTS = env.int("WEBHOOK_MAX_ATTEMPTS", default=5)
WEBHOOK_BACKOFF_SECONDS = env.float("WEBHOOK_BACKOFF_SECONDS", default=2.0)
WEBHOOK_TIMEOUT_SECONDS = env.float("WEBHOOK_TIMEOUT_SECONDS", default=5.0)

# --- E-mail (cms/email_url.py, cms/mail.py; README "E-mail") -----------------------------------
# EMAIL_URL names the server, e.g. smtp+tls://user:password@smtp.example.fi:587 (smtp://host:587
# also means STARTTLS; smtp+ssl://host:465 implicit TLS). Every message is queued as a task that
# sends it there, retrying EMAIL_MAX_ATTEMPTS times with back-off, and logs its final failure.
# Unset: `make run` prints messages to the console; production sends none (production.py).
from cms.email_url import email_settings  # noqa: E402

EMAIL_URL = env.str("EMAIL_URL", default="")
globals().update(email_settings(EMAIL_URL or "consolemail://"))
EMAIL_BACKEND = "cms.mail.TaskEmailBackend"
DEFAULT_FROM_EMAIL = env.str("DEFAULT_FROM_EMAIL", default="webmaster@localhost")
SERVER_EMAIL = env.str("SERVER_EMAIL", default="") or DEFAULT_FROM_EMAIL
EMAIL_MAX_ATTEMPTS = env.int("EMAIL_MAX_ATTEMPTS", default=5)
EMAIL_BACKOFF_SECONDS = env.float("EMAIL_BACKOFF_SECONDS", default=30.0)
# E-mail alerts (alerts/): batches, retries, link lifetimes, limits and retention.
ALERTS_BATCH_SIZE = env.int("ALERTS_BATCH_SIZE", default=200)
ALERTS_MAX_ATTEMPTS = env.int("ALERTS_MAX_ATTEMPTS", default=5)
ALERTS_BACKOFF_SECONDS = env.float("ALERTS_BACKOFF_SECONDS", default=60.0)
ALERTS_CONFIRM_MAX_AGE = env.int("ALERTS_CONFIRM_MAX_AGE", default=48 * 3600)
ALERTS_FORM_MAX_AGE = env.int("ALERTS_FORM_MAX_AGE", default=6 * 3600)
ALERTS_RATELIMIT_REQUESTS = env.int("ALERTS_RATELIMIT_REQUESTS", default=5)
ALERTS_RATELIMIT_WINDOW_SECONDS = env.int("ALERTS_RATELIMIT_WINDOW_SECONDS", default=600)
ALERTS_ADDRESS_INTERVAL_SECONDS = env.int("ALERTS_ADDRESS_INTERVAL_SECONDS", default=600)
ALERTS_UNCONFIRMED_DAYS = env.int("ALERTS_UNCONFIRMED_DAYS", default=7)
# --- end of e-mail ---------------------------------------------------------------------------

# /graphql/ (cms/graphql/views.py): the deepest nesting of fields and the highest cost
# (fields × items asked for) a query may have.
GRAPHQL_MAX_DEPTH = env.int("GRAPHQL_MAX_DEPTH", default=15)
GRAPHQL_MAX_COST = env.int("GRAPHQL_MAX_COST", default=2_000_000)

# The daily retention jobs run by `manage.py run_scheduler` (cms/housekeeping.py): each runs at
# the first pass of a scheduler and then once every HOUSEKEEPING_INTERVAL_HOURS, by one
# scheduler only.
HOUSEKEEPING_INTERVAL_HOURS = env.float("HOUSEKEEPING_INTERVAL_HOURS", default=24.0)
