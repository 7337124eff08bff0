"""Public pages that exist only in Finnish, reached under /sv/ or /en/.

Two ways to get there: a Finnish path under another language prefix (no such page in the
Swedish tree, so Wagtail answers 404), and a language whose home page is not live (Wagtail
then routes in the Finnish tree and would render Finnish text in a page marked lang="sv").
Both answer with a notice in the visitor's language that links to the Finnish page, or
redirect to the page's live translation when there is one. A page's routed view (a meeting,
a year, a term) stays itself: the notice names it and links to it, the redirect keeps it.
"""

from django.conf import settings
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils.translation import get_language
from wagtail.models import Page, Site

from cms import visibility
from cms.locales import locales_by_id, source_locale
from cms.page_paths import view_path
from translations.content import locale_ids


def _active_code() -> str:
    return (get_language() or "").split("-")[0]


def notice_or_redirect(page: Page, request: HttpRequest) -> HttpResponse | None:
    """None when `page` is in the active language; otherwise where to send the visitor."""
    code = _active_code()
    # Compared by id from a cached map: this runs on every page view.
    if not code or page.locale_id == locale_ids().get(code):
        return None
    # Only a language whose home page is live serves its own pages.
    served = visibility.published_pages().filter(depth=2, locale__language_code=code).exists()
    translation = (
        visibility.published_pages(page.get_translations()).filter(locale__language_code=code).first()
    )
    page = page.specific
    # A routed view (a meeting, a year, a term) keeps its place: the same suffix in every language.
    routed = page.routed_view(request) if hasattr(page, "routed_view") else None
    suffix = routed.suffix if routed is not None else ""
    if served and translation is not None:
        return redirect(view_path(translation, code, suffix))
    original = locales_by_id(request)[page.locale_id].language_code
    response = TemplateResponse(
        request,
        "translations/only_in_finnish.html",
        {"page": page, "routed": routed, "original_url": view_path(page, original, suffix)},
    )
    response["Content-Language"] = code
    # The Finnish page is the one to index; this notice is only a signpost to it.
    response["X-Robots-Tag"] = "noindex"
    return response


def _finnish_page_for_path(request: HttpRequest, path: str) -> Page | None:
    site = Site.find_for_request(request)
    if site is None:
        return None
    root = site.root_page.specific
    default = source_locale()
    if root.locale_id != default.pk:
        root = root.get_translations().filter(locale=default).first()
        if root is None:
            return None
        root = root.specific
    components = [part for part in path.split("/") if part]
    try:
        result = root.route(request, components)
    except Http404:
        return None
    page = getattr(result, "page", None) or result[0]
    if page.locale_id != default.pk or not page.live:
        return None
    return page


class FinnishOnlyFallbackMiddleware:
    """Turns a 404 under /sv/ or /en/ for a live Finnish path into the notice."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if not isinstance(exception, Http404):
            return None
        match = getattr(request, "resolver_match", None)
        if match is None or match.url_name != "wagtail_serve":
            return None
        if _active_code() == settings.LANGUAGE_CODE:
            return None
        page = _finnish_page_for_path(request, match.args[0] if match.args else "")
        if page is None:
            return None
        response = notice_or_redirect(page, request)
        if isinstance(response, TemplateResponse):
            response.render()
        return response
