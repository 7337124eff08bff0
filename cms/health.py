"""Liveness and readiness probes: the City of Helsinki's own (django-helsinki-health-endpoints).

`/healthz` is the library's view as it is: an empty 200 while the process lives.

`/readiness` is the library's view, extended: the library checks only the database, but this site
also cannot serve documents without its storage (S3 or Azure Blob) nor share its content version
and rate limits without the cache (Redis, when REDIS_URL is set). The answer keeps the library's
format — `status`, `version` (from pyproject.toml), `release` (SENTRY_RELEASE) and `database` as
"ok" or "error" — and adds the same "ok"/"error" for `storage` and `cache`, the list of what is
`down`, and in `checks` the reason for each: the kind of error, never its message (which may name
hosts or buckets). The full error goes to the log. 503 when anything is down.
"""

import json
import logging
import uuid

from django.conf import settings
from django.core.cache import cache
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.http import JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET
from helsinki_health_endpoints import views as helsinki

logger = logging.getLogger("cms.health")

# The library's liveness view, unchanged apart from never being cached by a proxy.
healthz = never_cache(helsinki.healthz)


def _storage() -> None:
    name = default_storage.save(f"readiness/{uuid.uuid4().hex}.txt", ContentFile(b"ok"))
    default_storage.delete(name)


def _cache() -> None:
    key = f"readiness:{uuid.uuid4().hex}"
    cache.set(key, "ok", 5)
    if cache.get(key) != "ok":
        raise RuntimeError("cache did not return the value written")
    cache.delete(key)


def extra_checks() -> dict:
    """What this site needs besides the database, which the library checks itself."""
    checks = {"storage": _storage}
    if settings.REDIS_URL:
        checks["cache"] = _cache
    return checks


@never_cache
@require_GET
def readiness(request):
    response = helsinki.readiness(request)
    body = json.loads(response.content)
    checks = {"database": "ok" if body["database"] == "ok" else "error: database unreachable"}
    for name, check in extra_checks().items():
        try:
            check()
            body[name] = checks[name] = "ok"
        except Exception as exc:
            logger.warning("Readiness: %s is down", name, exc_info=True)
            body[name] = "error"
            checks[name] = f"error: {exc.__class__.__name__}"
    down = [name for name, state in checks.items() if state != "ok"]
    body.update(status="error" if down else "ok", down=down, checks=checks)
    return JsonResponse(body, status=503 if down else 200)
