"""Serving public pages with fewer queries than Wagtail's defaults, with the same results.

Wagtail finds the site with one query per request, the active locale with another, and the
page by walking the tree one query per path segment (plus one per `.specific`). Here:

- Sites and locales are configuration: a few rows, read once per content version. Every
  save of a Site or Locale bumps the version (cms/cache.py), so a changed row is re-read
  by the next request in every process.
- The page is found from its `url_path`: one query for the page and all its ancestors on
  the requested path, one for its specific fields. Where a page on the way routes itself
  (RoutablePageMixin: the minutes archive's years and meetings), Wagtail's own `route()`
  takes over from that page, so sub-routes resolve exactly as before.

The result is stored where Wagtail's `Page.route_for_request` caches it, and Wagtail's
own serve view (hooks, view restrictions, `serve()`) does the rest.
"""

from __future__ import annotations

from collections.abc import Callable

from django.conf import settings
from django.http import Http404, HttpRequest, HttpResponseBase
from django.http.request import split_domain_port
from django.utils import translation
from wagtail import views as wagtail_views
from wagtail.models import Page, Site
from wagtail.url_routing import RouteResult

from cms.locales import locales_by_code
from cms.memo import _current_request, per_version


def _sites() -> list[Site]:
    return list(Site.objects.select_related("root_page"))


def _site_roots() -> dict[tuple[str, int], Page]:
    """The live translations of every site's root page, by (translation key, locale id)."""
    keys = {site.root_page.translation_key for site in per_version("sites", _sites)}
    pages = Page.objects.filter(translation_key__in=keys, live=True).only(
        "id", "path", "depth", "url_path", "locale_id", "translation_key", "live", "content_type_id"
    )
    return {(page.translation_key, page.locale_id): page for page in pages}


def find_site(request: HttpRequest) -> Site | None:
    """Site.find_for_request without a query: Wagtail's matching rules over the cached sites."""
    hostname = split_domain_port(request._get_raw_host())[0]
    port = request.get_port()
    try:
        port = int(port)
    except (TypeError, ValueError):
        port = None
    sites = per_version("sites", _sites, request)

    def rank(site: Site) -> int:
        # The order of wagtail.models.sites.get_site_for_hostname.
        if site.hostname == hostname and site.port == port:
            return 0
        if site.hostname == hostname and site.is_default_site:
            return 1
        if site.is_default_site:
            return 2
        return 3

    matches = sorted((s for s in sites if s.hostname == hostname or s.is_default_site), key=rank)
    if not matches:
        return None
    if len(matches) == 1 or rank(matches[0]) in (0, 1):
        return matches[0]
    if rank(matches[0]) == 2:
        return matches[len(matches) == 2]
    return None


def _wants_site(path: str) -> bool:
    """Public pages and API reads, which look the site up. Not the admin (Wagtail's own
    lookup), nor the health probes, which must answer even with the database or cache down."""
    if path.startswith("/api/"):
        return not path.endswith(("openapi.json", "/docs/"))
    return path.startswith(tuple(f"/{code}/" for code, _name in settings.LANGUAGES))


class SiteMiddleware:
    """Sets the request's site (as Site.find_for_request would) before any view asks for it."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponseBase]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        reset = _current_request.set(request)
        try:
            if not hasattr(request, "_wagtail_site") and _wants_site(request.path_info):
                request._wagtail_site = find_site(request)
            return self.get_response(request)
        finally:
            _current_request.reset(reset)


def _routes_itself(page: Page) -> bool:
    model = page.specific_class
    return model is not None and model.route is not Page.route


def route(request: HttpRequest, path: str) -> RouteResult | None:
    """The page (and sub-route) for `path` in the active language, or None (404)."""
    site = Site.find_for_request(request)
    if site is None:
        return None
    language = translation.get_language()
    locale = locales_by_code(request).get(language)
    root = site.root_page
    if locale is not None and root.locale_id != locale.pk:
        # As `root.localized`: the live translation in the active language, else the root itself.
        roots = per_version("site_roots", _site_roots, request)
        root = roots.get((root.translation_key, locale.pk), root)
    components = [part for part in path.split("/") if part]
    if not components and not _routes_itself(root):
        # The home page: already known from the site, no lookup needed.
        return RouteResult(root.get_specific()) if root.live else None
    prefixes = [
        root.url_path + "".join(f"{part}/" for part in components[:i]) for i in range(len(components) + 1)
    ]
    found = {
        page.url_path: page
        for page in Page.objects.filter(url_path__in=prefixes, path__startswith=root.path).only(
            "id", "path", "depth", "url_path", "content_type_id", "live", "locale_id", "translation_key"
        )
    }
    chain = []
    for prefix in prefixes:
        page = found.get(prefix)
        if page is None:
            break
        chain.append(page)
    if not chain:
        return None
    try:
        for index, page in enumerate(chain):
            if _routes_itself(page):
                return page.get_specific().route(request, components[index:])
        page = chain[-1]
        if len(chain) <= len(components) or not page.live:
            raise Http404
        return RouteResult(page.get_specific())
    except Http404:
        return None


def serve(request: HttpRequest, path: str) -> HttpResponseBase:
    """Wagtail's serve view, with the route found by `route()` (mounted by cms/upstream_overrides.py)."""
    if not hasattr(request, "_wagtail_route_for_request"):
        request._wagtail_route_for_request = route(request, path)
    return wagtail_views.serve(request, path)
