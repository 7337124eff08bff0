"""Per-client-IP rate limits on the public search and API, counted in the shared cache.

Counters live in Django's default cache (Redis in production), so every app server
sees the same count. A fixed window per rule: the first request of a window creates the
counter with the window as its lifetime; past the limit the answer is 429 with
Retry-After = seconds until the window ends.
"""

import hashlib
import math
import re
import time
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import caches
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from . import refusals
from .clientip import client_ip


@dataclass(frozen=True)
class Rule:
    name: str
    path_regex: str
    requests: int
    window: int

    def matches(self, path: str) -> bool:
        return re.search(self.path_regex, path) is not None


def rules() -> list[Rule]:
    return [Rule(**rule) for rule in getattr(settings, "RATELIMIT_RULES", [])]


def hit(rule: Rule, ip: str, now: float | None = None) -> int | None:
    """Count one request; return seconds to wait when over the limit, else None."""
    now = time.time() if now is None else now
    cache = caches[getattr(settings, "RATELIMIT_CACHE", "default")]
    bucket = int(now // rule.window)
    # Hash the address: keys stay short and safe whatever a proxy header contained.
    ip_hash = hashlib.sha256(ip.encode()).hexdigest()[:32]
    key = f"ratelimit:{rule.name}:{ip_hash}:{bucket}"
    cache.add(key, 0, timeout=rule.window + 1)
    try:
        count = cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, timeout=rule.window + 1)
        count = 1
    if count <= rule.requests:
        return None
    return max(1, math.ceil((bucket + 1) * rule.window - now))


def too_many_requests(request: HttpRequest, retry_after: int) -> HttpResponse:
    return refusals.refusal(request, lambda: _too_many_requests(request, retry_after))


def _too_many_requests(request: HttpRequest, retry_after: int) -> HttpResponse:
    detail = ngettext(
        "Too many requests. Try again in %(seconds)d second.",
        "Too many requests. Try again in %(seconds)d seconds.",
        retry_after,
    ) % {"seconds": retry_after}
    if request.path_info.startswith("/graphql/"):
        response = JsonResponse(
            {"errors": [{"message": detail, "extensions": {"code": "RATE_LIMITED", "retry": retry_after}}]},
            status=429,
        )
    elif request.path_info.startswith("/api/"):
        response = JsonResponse(
            {"status": 429, "title": _("Too many requests"), "detail": detail},
            status=429,
            content_type="application/problem+json",
        )
    else:
        response = HttpResponse(detail, status=429, content_type="text/plain; charset=utf-8")
    response["Retry-After"] = str(retry_after)
    return response


class RateLimitMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if getattr(settings, "RATELIMIT_ENABLED", True):
            path = request.path_info
            for rule in rules():
                if rule.matches(path):
                    wait = hit(rule, client_ip(request))
                    if wait is not None:
                        return too_many_requests(request, wait)
        return self.get_response(request)
