"""Absolute URLs: the one place that decides the scheme and host of every link that leaves the site.

The API (`html_url`, `detail_url`, `translations[].url`, `ics_url`, documents and images), the
sitemap and robots.txt, canonical, hreflang and Open Graph links, structured data, calendar
feeds, webhooks and e-mails all ask here, so that they agree.

- `SITE_BASE_URL` set (production, e.g. `https://vapaaehtoistyo.hel.fi`): every absolute URL
  starts with it, whichever host a request came in on.
- Unset (development, `make run` on any `PORT`): a request's own scheme and host
  (`request.get_host()`, guarded by `ALLOWED_HOSTS`), so that links lead back to the server
  that was asked. Without a request (webhooks, e-mails sent by background work),
  `WAGTAILADMIN_BASE_URL`.

Pages are addressed by their path under their language's prefix (`/sv/…`), never by the
host name of Wagtail's Site record. Answers that contain absolute URLs are cached per scheme
and host (cms/http_cache.py `request_key`, deploy/nginx.conf `proxy_cache_key`), so one
host's links are never served to another.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

if TYPE_CHECKING:  # the settings modules import this one: nothing heavier at import time
    from django.http import HttpRequest


def validate_base_url(value: str, name: str = "SITE_BASE_URL") -> str:
    """`value` without a trailing slash, or ImproperlyConfigured: a scheme and a host, nothing more."""
    value = (value or "").strip().rstrip("/")
    if not value:
        return ""
    parts = urlsplit(value)
    extra = parts.path or parts.query or parts.fragment or parts.username
    if parts.scheme not in ("http", "https") or not parts.hostname or extra:
        raise ImproperlyConfigured(
            f"{name} must be a scheme and a host (and port), such as https://example.hel.fi, not {value!r}."
        )
    return value


def base_url(request: HttpRequest | None = None) -> str:
    """Scheme and host of absolute URLs, without a trailing slash."""
    configured = getattr(settings, "SITE_BASE_URL", "")
    if configured:
        return configured.rstrip("/")
    if request is not None:
        return f"{request.scheme}://{request.get_host()}"
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/")


def absolute_url(path: str, request: HttpRequest | None = None) -> str:
    """`path` (e.g. `/sv/medlemmar/`) as an absolute URL; an already absolute URL stays as it is
    (files on remote storage come with their own signed addresses)."""
    if path.startswith(("http://", "https://")):
        return path
    if not path.startswith("/"):
        path = f"/{path}"
    return base_url(request) + path


def page_url(page: Any, request: HttpRequest | None = None) -> str | None:
    """The absolute public URL of a page, under its language's prefix (None: not routable)."""
    parts = page.get_url_parts(request=request)
    if parts is None or parts[2] is None:
        return None
    return absolute_url(parts[2], request)
