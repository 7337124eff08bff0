"""Public views that are not pages: search, sitemap.xml, robots.txt and the error pages."""

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.template import loader
from django.urls import reverse
from django.utils import translation
from django.utils.functional import lazy
from django.utils.http import urlencode
from django.views.decorators.http import require_safe
from wagtail.models import Locale

from cms.absolute_urls import absolute_url
from home.search import MAX_QUERY_LENGTH, site_search
from home.sitemap import sitemap  # noqa: F401 (cms/urls.py)
from home.templatetags.chrome_tags import site_chrome

# The search page's address in each language: /fi/haku/, /sv/sok/, /en/search/.
SEARCH_PATHS = {"fi": "haku/", "sv": "sok/", "en": "search/"}
SEARCH_PER_PAGE = 10


def _search_route() -> str:
    return SEARCH_PATHS.get(translation.get_language() or settings.LANGUAGE_CODE, "search/")


# A lazy route is resolved and reversed per active language, like a translated URL.
search_route = lazy(_search_route, str)()


def _pagination(current: int, last: int) -> list[int | None]:
    """Page numbers to show: first, last and two around the current one; None is a gap."""
    shown = sorted({1, last, *range(max(1, current - 2), min(last, current + 2) + 1)})
    numbers: list[int | None] = []
    for number in shown:
        if numbers and number - numbers[-1] > 1:
            numbers.append(None)
        numbers.append(number)
    return numbers


@require_safe
def search(request: HttpRequest) -> HttpResponse:
    language_code = translation.get_language()
    chrome = site_chrome({"request": request})
    locale = Locale(pk=chrome.locale_id, language_code=language_code) if chrome.locale_id else None
    raw_query = request.GET.get("q", "")
    results = site_search(
        raw_query,
        language_code,
        request.GET.get("page", 1),
        SEARCH_PER_PAGE,
        locale=locale,
        known_pages=chrome.pages,
    )
    base = reverse("search")
    pages = [
        {"number": n, "url": f"{base}?{urlencode({'q': results.query, 'page': n})}" if n else ""}
        for n in _pagination(results.page, results.num_pages)
    ]
    return render(
        request,
        "search/search.html",
        {
            "results": results,
            # The field shows what was typed, bounded: a 10 000-character query is not echoed back.
            "query_value": raw_query[:MAX_QUERY_LENGTH],
            "max_query_length": MAX_QUERY_LENGTH,
            "pagination": pages if results.num_pages > 1 else [],
            "previous_url": f"{base}?{urlencode({'q': results.query, 'page': results.page - 1})}",
            "next_url": f"{base}?{urlencode({'q': results.query, 'page': results.page + 1})}",
            "first_number": (results.page - 1) * results.per_page + 1,
            "type_counts": [(results.labels[k], c) for k, c in results.counts.items() if c],
        },
    )


@require_safe
def robots(request: HttpRequest) -> HttpResponse:
    lines = [
        "User-agent: *",
        "Disallow: /admin/",
        "Disallow: /api/",
        f"Sitemap: {absolute_url(reverse('sitemap'), request)}",
        "",
    ]
    return HttpResponse("\n".join(lines), content_type="text/plain; charset=utf-8")


def _language_from_path(path: str) -> str:
    prefix = path.lstrip("/").split("/", 1)[0]
    codes = [code for code, _name in settings.LANGUAGES]
    return prefix if prefix in codes else settings.LANGUAGE_CODE


def page_not_found(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    """404 in the language of the address, in the site's look."""
    with translation.override(_language_from_path(request.path)):
        return render(request, "404.html", {"meta_description": ""}, status=404)


def server_error(request: HttpRequest) -> HttpResponse:
    """500 in the language of the address. Renders without the database, which may be the cause.

    Under /api/ the API's problem+json, as for every other API error (cms/api/errors.py)."""
    if request.path_info.startswith("/api/"):
        from cms.api.errors import problem

        with translation.override(translation.get_language_from_request(request)):
            return problem(
                500, translation.gettext("Something went wrong on our side. Please try again in a moment.")
            )
    language_code = _language_from_path(request.path)
    with translation.override(language_code):
        html = loader.get_template("500.html").render({"LANGUAGE_CODE": language_code})
    return HttpResponse(html, status=500)
