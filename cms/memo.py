"""Memos kept per content version: small configuration tables (sites, locales, the board's
reference tables, view restrictions) read once per process and content version.

Any change to such a table bumps the content version after its commit (cms/cache.py), so the
next request in every process reads it anew. Models may import this module.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from contextvars import ContextVar
from typing import Any

from django.http import HttpRequest

from cms import cache as content_cache

_memo: dict[str, tuple[str, Any]] = {}
_memo_lock = threading.Lock()
# The request being served (set by SiteMiddleware), for code that is not handed the request.
_current_request: ContextVar[HttpRequest | None] = ContextVar("current_request", default=None)


def request_version(request: HttpRequest | None = None) -> content_cache.ContentVersion:
    """The content version for this request, read at most once per request (cms/cache.py:
    from the shared cache, or from the database without one)."""
    request = request if request is not None else _current_request.get()
    version = getattr(request, "_content_version", None)
    if version is None:
        version = content_cache.get_version()
        if request is not None:
            request._content_version = version
    return version


def per_version(name: str, build: Callable[[], Any], request: HttpRequest | None = None) -> Any:
    """`build()`, computed once per process and content version (small configuration tables only)."""
    token = request_version(request).token
    entry = _memo.get(name)
    if entry is not None and entry[0] == token:
        return entry[1]
    value = build()
    with _memo_lock:
        _memo[name] = (token, value)
    return value
