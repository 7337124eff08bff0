"""sitemap.xml: every public page a visitor can reach, in every language, with hreflang alternates.

What is public is decided by cms/visibility.py (`public_pages`: live,
outside any view restriction); meetings are the archive's published ones (board/models/pages.py).
A page type with sub-pages (the minutes archive's listing pages, years and meetings, the member
directory's terms) lists them in `sitemap_subpages()`: addresses under the page, the same in
every language, so each language version of the page has them and they are each other's
alternates. A sub-page's address in a language is cms/page_paths.py `view_path(s)`, as in the page's
own canonical link, hreflang alternates and language switcher (tests/site/test_language_context.py
compares them URL by URL). The search page and the e-mail alerts form are listed too: public
pages in every language, though no Wagtail pages.

Queries stay flat as content grows: one for the pages, one per page type with sub-pages
(not per page, nor per language), configuration from the per-version caches. The answer is
cached like every public GET (cms/http_cache.py: the content version bumps on every publish).

x-default points to Finnish, as in each page's head (templates/base.html): Finnish is the
board's working language and the source of every translation, so it exists for every page.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import datetime

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import translation
from django.views.decorators.http import require_safe

from cms import visibility
from cms.absolute_urls import absolute_url
from cms.locales import locales_by_id
from cms.page_paths import page_path, view_paths
from home.chrome import PAGE_FIELDS


@dataclass
class Entry:
    location: str
    lastmod: datetime | None = None
    # (language code, absolute URL) of every language version, this one included.
    alternates: list[tuple[str, str]] = field(default_factory=list)
    x_default: str = ""


PUBLIC_VIEWS = ("search", "alerts:subscribe")


def _languages() -> list[str]:
    return [code for code, _name in settings.LANGUAGES]


def _group(versions: dict[str, tuple[str, datetime | None]]) -> list[tuple[str, Entry]]:
    """One entry per language version, each listing all versions (itself included)."""
    order = [code for code in _languages() if code in versions]
    alternates = [(code, versions[code][0]) for code in order] if len(order) > 1 else []
    default = versions.get(settings.LANGUAGE_CODE)
    x_default = default[0] if default is not None and alternates else ""
    return [(code, Entry(versions[code][0], versions[code][1], alternates, x_default)) for code in order]


def sitemap_entries(request: HttpRequest) -> list[Entry]:
    locales = locales_by_id(request)
    pages = list(
        visibility.public_pages()
        .filter(depth__gte=2)
        .only(*PAGE_FIELDS, "last_published_at", "content_type_id")
        .order_by("path")
    )
    # Each page's versions by translation key; sub-pages by (translation key, suffix).
    groups: dict[tuple, dict[str, tuple[str, datetime | None]]] = defaultdict(dict)
    first_path: dict[tuple, str] = {}
    subpages: dict[type, list[tuple[str, datetime | None]]] = {}
    for page in pages:
        code = locales[page.locale_id].language_code
        url = absolute_url(page_path(page, code), request)
        groups[(page.translation_key, "")][code] = (url, page.last_published_at)
        first_path.setdefault((page.translation_key, ""), page.path)
        model = ContentType.objects.get_for_id(page.content_type_id).model_class()
        if model is None or not hasattr(model, "sitemap_subpages"):
            continue
        if model not in subpages:
            subpages[model] = model.sitemap_subpages()
        paths = view_paths(page, code, [suffix for suffix, _lastmod in subpages[model]])
        for (suffix, lastmod), path in zip(subpages[model], paths, strict=True):
            groups[(page.translation_key, suffix)][code] = (absolute_url(path, request), lastmod)
            first_path.setdefault((page.translation_key, suffix), page.path)
    # Public views that are not pages, after the pages: search and the e-mail alerts' form.
    for order, name in enumerate(PUBLIC_VIEWS):
        versions = {}
        for code in _languages():
            with translation.override(code):
                versions[code] = (absolute_url(reverse(name), request), None)
        groups[(name, "")] = versions
        first_path[(name, "")] = f"~{order}"
    # Language by language, in tree order, a page's sub-pages right after it.
    keys = sorted(groups, key=lambda key: (first_path[key], key[1]))
    by_language: dict[str, list[Entry]] = defaultdict(list)
    for key in keys:
        for code, entry in _group(groups[key]):
            by_language[code].append(entry)
    return [entry for code in _languages() for entry in by_language[code]]


@require_safe
def sitemap(request: HttpRequest) -> HttpResponse:
    """Every public page in every language, with its language versions as hreflang alternates."""
    return render(
        request,
        "sitemap.xml",
        {"entries": sitemap_entries(request)},
        content_type="application/xml; charset=utf-8",
    )
