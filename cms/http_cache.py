"""HTTP caching of public pages and API reads: conditional GET, whole-response cache, Cache-Control.

For an anonymous GET or HEAD of a public path, the ETag and Last-Modified are computed
*before* the view runs, from the content version (cms/cache.py) and the request's key
(host, path, sorted query, active language): a matching `If-None-Match` or
`If-Modified-Since` is answered 304 at the cost of one cache read. Otherwise a cached copy
of the whole response is served if there is one for this version; failing that the view
runs and a cacheable answer (200, 301, 404, 410; no cookies set; nothing private) is stored.
A version bump makes every older copy unreachable at once, so nothing stale is served.

Public answers carry `Cache-Control: public, max-age, s-maxage, stale-while-revalidate`;
admin, preview and authenticated answers carry `private, no-store`.

Placed right after LocaleMiddleware: the active language is known, and everything outside
(security headers, CSP, CORS, rate limits) still runs on every request, cached or not.
"""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Callable
from urllib.parse import parse_qsl

from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import DisallowedHost
from django.http import HttpRequest, HttpResponse, HttpResponseNotModified
from django.http.response import HttpResponseBase
from django.utils.cache import patch_cache_control
from django.utils.http import http_date, parse_etags, parse_http_date_safe

from cms import cache as content_cache

logger = logging.getLogger(__name__)

CACHEABLE_STATUSES = frozenset({200, 301, 404, 410})
# Vary headers whose variation is already in the key (language) or that the outer
# middleware recompute on every answer (CORS's Origin, the session's Cookie).
HARMLESS_VARY = frozenset({"accept-language", "accept-encoding", "origin", "cookie"})
PUBLIC, PRIVATE, PASS = "public", "private", "pass"


def classify(request: HttpRequest) -> str:
    """PUBLIC (cache it), PRIVATE (never cache, say so) or PASS (leave the headers alone)."""
    path = request.path_info
    if any(path.startswith(prefix) for prefix in settings.HTTP_CACHE_PRIVATE_PATHS):
        return PRIVATE
    if request.COOKIES.get(settings.SESSION_COOKIE_NAME) or "HTTP_AUTHORIZATION" in request.META:
        return PRIVATE
    if any(name in request.GET for name in settings.HTTP_CACHE_PRIVATE_PARAMS):
        return PRIVATE  # headless preview tokens
    if request.method not in ("GET", "HEAD"):
        return PASS
    if any(path.startswith(prefix) for prefix in settings.HTTP_CACHE_UNCACHED_PATHS):
        return PASS
    # A pending flash message would be lost behind a cached copy.
    if any(name in request.COOKIES for name in settings.HTTP_CACHE_BYPASS_COOKIES):
        return PASS
    return PUBLIC


def request_key(request: HttpRequest, host: str) -> str:
    """What a public answer depends on, besides the content version."""
    pairs = parse_qsl(request.META.get("QUERY_STRING", ""), keep_blank_values=True)
    pairs.sort(key=lambda kv: kv[0])  # stable: repeated parameters keep their order
    query = "&".join(f"{k}={v}" for k, v in pairs)
    language = getattr(request, "LANGUAGE_CODE", "") or ""
    return f"{request.scheme}|{host}|{request.path}|{query}|{language}"


def _digest(*parts: str) -> str:
    return hashlib.blake2b("\x1f".join(parts).encode(), digest_size=16).hexdigest()


def _public_cache_control(response: HttpResponseBase) -> None:
    patch_cache_control(
        response,
        public=True,
        max_age=settings.HTTP_CACHE_MAX_AGE,
        s_maxage=settings.HTTP_CACHE_S_MAXAGE,
        stale_while_revalidate=settings.HTTP_CACHE_STALE_WHILE_REVALIDATE,
    )


def _make_private(response: HttpResponseBase) -> None:
    cache_control = response.get("Cache-Control", "")
    if "public" in cache_control or "s-maxage" in cache_control or "max-age" in cache_control:
        del response["Cache-Control"]
    patch_cache_control(response, private=True, no_store=True)


def _is_cacheable(request: HttpRequest, response: HttpResponseBase) -> bool:
    if request.method != "GET" or response.status_code not in CACHEABLE_STATUSES:
        return False
    if response.streaming or response.cookies or not isinstance(response, HttpResponse):
        return False
    cache_control = response.get("Cache-Control", "").lower()
    if any(word in cache_control for word in ("private", "no-store", "no-cache")):
        return False
    session = getattr(request, "session", None)
    if session is not None and session.modified:
        return False
    if response.has_header("Vary"):
        varied = {v.strip().lower() for v in response["Vary"].split(",")}
        if not varied <= HARMLESS_VARY:
            return False
    return len(response.content) <= settings.HTTP_CACHE_MAX_BYTES


def _proxy_may_store(response: HttpResponseBase) -> bool:
    cache_control = response.get("Cache-Control", "").lower()
    if response.cookies or any(word in cache_control for word in ("private", "no-store", "no-cache")):
        return False
    return "public" in cache_control or "max-age" in cache_control or response.has_header("Expires")


def _from_cache(entry: tuple, request: HttpRequest) -> HttpResponse:
    status, headers, content = entry
    response = HttpResponse(b"" if request.method == "HEAD" else content, status=status)
    for name, value in headers:
        response.headers[name] = value
    return response


def _not_modified(request: HttpRequest, etag: str, last_modified: int) -> HttpResponse | None:
    """304 when the client's copy is this version (RFC 9110 13.2.2, steps 3 and 4)."""
    if_none_match = request.META.get("HTTP_IF_NONE_MATCH")
    if if_none_match:
        tags = parse_etags(if_none_match)
        weak = etag.removeprefix("W/")
        if "*" not in tags and not any(t.removeprefix("W/") == weak for t in tags):
            return None
    else:
        since = parse_http_date_safe(request.META.get("HTTP_IF_MODIFIED_SINCE", ""))
        if since is None or last_modified > since:
            return None
    response = HttpResponseNotModified()
    response["ETag"] = etag
    response["Last-Modified"] = http_date(last_modified)
    _public_cache_control(response)
    return response


class HttpCacheMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponseBase]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        kind = classify(request)
        if kind == PRIVATE:
            response = self.get_response(request)
            _make_private(response)
            return response
        if kind == PASS or not settings.HTTP_CACHE_ENABLED:
            response = self.get_response(request)
            if request.method in ("GET", "HEAD") and _proxy_may_store(response):
                # e.g. a public document with its own caching headers: purged with the rest.
                content_cache.remember_proxy_key(request.META.get("HTTP_X_PROXY_CACHE_KEY", ""))
            return response
        try:
            host = request.get_host()
        except DisallowedHost:
            host = None
        if host is None:
            return self.get_response(request)  # CommonMiddleware answers 400

        key = request_key(request, host)
        response_key = f"cms:response:{_digest(key)}"
        conditional = "HTTP_IF_NONE_MATCH" in request.META or "HTTP_IF_MODIFIED_SINCE" in request.META
        if settings.APP_CACHE_ENABLED and not conditional:
            # One cache round trip: the version and this URL's copy (valid only for that version).
            version, entry = content_cache.get_version_and(response_key)
        else:
            version, entry = content_cache.get_version(), None
        request._content_version = version  # cms/memo.py reuses it
        etag = f'W/"{_digest(version.token, key)}"'
        proxy_key = request.META.get("HTTP_X_PROXY_CACHE_KEY", "")
        not_modified = _not_modified(request, etag, version.last_modified) if conditional else None
        if not_modified is not None:
            content_cache.remember_proxy_key(proxy_key)
            return not_modified

        if conditional and settings.APP_CACHE_ENABLED:
            entry = cache.get(response_key)  # the client's copy is older: serve ours if we have it
        if entry is not None and entry[0] == version.token:
            response = _from_cache(entry[1:], request)
            response["X-App-Cache"] = "hit"
            content_cache.remember_proxy_key(proxy_key)
            return response

        response = self.get_response(request)
        if not _is_cacheable(request, response):
            return response
        if response.status_code == 200:
            response["ETag"] = etag
            response["Last-Modified"] = http_date(version.last_modified)
        _public_cache_control(response)
        if settings.APP_CACHE_ENABLED:
            headers = [(k, v) for k, v in response.items() if k.lower() != "x-app-cache"]
            cache.set(
                response_key,
                (version.token, response.status_code, headers, response.content),
                timeout=settings.HTTP_CACHE_APP_TIMEOUT,
            )
            response["X-App-Cache"] = "miss"
        content_cache.remember_proxy_key(proxy_key)
        return response
