"""Liveness and readiness probes, answered as JSON like other City of Helsinki services."""

import uuid

from django.conf import settings
from django.core.cache import cache
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import connection
from django.http import JsonResponse
from django.views.decorators.cache import never_cache


@never_cache
def healthz(request):
    return JsonResponse({"status": "ok"})


def _database() -> None:
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")


def _storage() -> None:
    name = default_storage.save(f"readiness/{uuid.uuid4().hex}.txt", ContentFile(b"ok"))
    default_storage.delete(name)


def _cache() -> None:
    key = f"readiness:{uuid.uuid4().hex}"
    cache.set(key, "ok", 5)
    if cache.get(key) != "ok":
        raise RuntimeError("cache did not return the value written")
    cache.delete(key)


@never_cache
def readiness(request):
    checks = {"database": _database, "storage": _storage}
    if settings.REDIS_URL:
        checks["cache"] = _cache
    results = {}
    for name, check in checks.items():
        try:
            check()
            results[name] = "ok"
        except Exception as exc:  # noqa: BLE001 - any failure means "not ready"
            results[name] = f"error: {exc.__class__.__name__}"
    down = [name for name, state in results.items() if state != "ok"]
    return JsonResponse(
        {"status": "error" if down else "ok", "down": down, "checks": results},
        status=503 if down else 200,
    )
