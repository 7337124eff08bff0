"""Settings shared by every environment.

The environment is read once, here, with typed defaults; dev/test/production
modules only adjust what differs. Every variable is documented in `.env.example`.
"""

from pathlib import Path

import environ
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent.parent
VAR_DIR = BASE_DIR / "var"

env = environ.Env()
# A local .env is optional; real deployments set variables in the environment.
environ.Env.read_env(BASE_DIR / ".env", overwrite=False)

DEBUG = env.bool("DEBUG", default=False)
SECRET_KEY = env.str("SECRET_KEY", default="dev-only-insecure-key")
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["127.0.0.1", "localhost"])
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])
WAGTAILADMIN_BASE_URL = env.str("WAGTAILADMIN_BASE_URL", default="http://127.0.0.1:8000")
REDIS_URL = env.str("REDIS_URL", default="")
STORAGE_BACKEND = env.str("STORAGE_BACKEND", default="filesystem")

INSTALLED_APPS = [
    "home",
    "board",
    "documents",
    "translations",
    "cms",
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
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    # CORS first, so that even error answers from /api/ carry the allowed origin.
    "corsheaders.middleware.CorsMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    # After the language is known; 304s and cached copies skip everything below (cms/http_cache.py).
    "cms.http_cache.HttpCacheMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    # Translators never change Finnish originals; Finnish-only pages get a notice under /sv/.
    "translations.guards.TranslatorLocaleGuardMiddleware",
    "translations.public.FinnishOnlyFallbackMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
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
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": env.str("CACHE_KEY_PREFIX", default="vtnk"),
        }
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

# HTTP caching of public pages and API reads (cms/http_cache.py, cms/cache.py). ETags and
# cached copies follow a content version kept in the cache above: with several processes
# that cache must be shared (Redis), or they would disagree on the version.
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
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Europe/Helsinki"
USE_I18N = True
USE_TZ = True

WAGTAILLOCALIZE_SYNC_LIVE_STATUS_ON_TRANSLATE = False

STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "static"
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = VAR_DIR / "media"

STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

WAGTAIL_SITE_NAME = _("Volunteer Work Advisory Board")
WAGTAILDOCS_DOCUMENT_MODEL = "documents.CustomDocument"
WAGTAILDOCS_EXTENSIONS = ["pdf"]
# Database search with stemming in each object's language on PostgreSQL (cms/search_backend.py).
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "cms.search_backend"}}
WAGTAILAPI_BASE_URL = WAGTAILADMIN_BASE_URL

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

# Headless API (cms/api). Browsers may call /api/ from these origins only.
CORS_ALLOWED_ORIGINS = env.list("CORS_ALLOWED_ORIGINS", default=[])
CORS_URLS_REGEX = r"^/api/.*$"
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
