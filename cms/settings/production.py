"""Production: the base settings, plus refusing to run when unsafe."""

from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403
from .base import DEBUG, SECRET_KEY

_INSECURE_KEYS = {"", "dev-only-insecure-key", "change-me"}

if SECRET_KEY in _INSECURE_KEYS or len(SECRET_KEY) < 40:
    raise ImproperlyConfigured(
        "SECRET_KEY is missing, a default value or shorter than 40 characters: "
        "set a long random SECRET_KEY in the environment."
    )
if DEBUG:
    raise ImproperlyConfigured("DEBUG must be off in production: unset DEBUG or set DEBUG=False.")

# Absolute URLs (API, sitemap, feeds, canonical links, webhooks, e-mails) start with SITE_BASE_URL
# (base.py, cms/absolute_urls.py): set it to the site's public https address.

# HTTPS only (SECURITY.md). Behind our proxies the scheme comes from X-Forwarded-Proto.
from .base import TRUSTED_PROXY_COUNT, env  # noqa: E402

SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=True)
# The health probes are called over plain HTTP by the platform inside the cluster.
SECURE_REDIRECT_EXEMPT = [r"^healthz$", r"^readiness$"]
if TRUSTED_PROXY_COUNT > 0:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
LANGUAGE_COOKIE_SECURE = True
SESSION_COOKIE_HTTPONLY = True
SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=31_536_000)  # one year
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
# Preloading commits the whole parent domain to HTTPS: the City decides it for hel.fi,
# not this site. Without it, silence only the check that asks for it.
SECURE_HSTS_PRELOAD = env.bool("SECURE_HSTS_PRELOAD", default=False)
if not SECURE_HSTS_PRELOAD:
    SILENCED_SYSTEM_CHECKS = ["security.W021"]

# Slow work leaves the request: queued in the database for `manage.py db_worker` (README).
from .base import REDIS_URL, env  # noqa: E402

TASKS_BACKEND = env.str("TASKS_BACKEND", default="database")
TASKS = {"default": {"BACKEND": TASKS_DEFAULT_BACKENDS[TASKS_BACKEND]}}  # noqa: F405
# Every process must see the same content version (cms/cache.py): in Redis, or without it in
# the database. A cache in each process's memory would let a worker serve a page made private
# or changed in another one, for as long as that worker lives.
from .base import CONTENT_VERSION_STORE  # noqa: E402

if CONTENT_VERSION_STORE not in ("cache", "database"):
    raise ImproperlyConfigured('CONTENT_VERSION_STORE must be "cache" (with REDIS_URL) or "database".')
if CONTENT_VERSION_STORE == "cache" and not REDIS_URL:
    raise ImproperlyConfigured(
        "CONTENT_VERSION_STORE=cache needs a cache shared by every process: without REDIS_URL "
        "each worker would keep its own content version and go on serving pages made private "
        "or changed in another worker. Set REDIS_URL, or leave CONTENT_VERSION_STORE unset "
        "(the database then keeps the version)."
    )
# Without Redis the proxies' purge list would be per process (a worker's purge would miss
# the answers another worker gave out), and each worker would hold its own response copies:
# the HTTP cache is off. The version itself is shared, through the database.
if not REDIS_URL:
    HTTP_CACHE_ENABLED = False

# Static files: hashed, compressed (gzip/brotli) copies made by collectstatic and served by
# WhiteNoise with a far-future, immutable Cache-Control (hashed names change with content).
STORAGES = {
    **STORAGES,  # noqa: F405
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
_security = MIDDLEWARE.index("django.middleware.security.SecurityMiddleware")  # noqa: F405
MIDDLEWARE = [
    *MIDDLEWARE[: _security + 1],  # noqa: F405
    "whitenoise.middleware.WhiteNoiseMiddleware",
    *MIDDLEWARE[_security + 1 :],  # noqa: F405
]

# --- E-mail (cms/mail.py) ---------------------------------------------------------------------
# Without EMAIL_URL nothing is sent: each message is logged as not sent, and the admin's
# "forgotten password" link is hidden rather than promising a message that never comes.
from .base import EMAIL_URL  # noqa: E402

if not EMAIL_URL:
    EMAIL_BACKEND = "cms.mail.UnconfiguredEmailBackend"
    WAGTAIL_PASSWORD_RESET_ENABLED = False
# --- end of e-mail ----------------------------------------------------------------------------
