"""A page's public path in each language: the inverse of serving (cms/routing.py).

The one rule for an address: the page chrome (home/chrome.py), the canonical link and the
language switcher, the sitemap, the search hits and the "only in Finnish" redirect
(translations/public.py) all ask it.
"""

from django.urls import reverse
from django.utils import translation
from wagtail.models import Page


def page_path(page: Page, language_code: str | None = None) -> str:
    """The public path of a page under a site root (the home page of its language).

    Each language's home page sits at depth 2 and is served at /<language>/, so a
    page's path is its `url_path` without the home segment, under its language prefix.
    """
    relative = "/".join(page.url_path.strip("/").split("/")[1:])
    relative = f"{relative}/" if relative else ""
    with translation.override(language_code or translation.get_language()):
        return reverse("wagtail_serve", args=(relative,))


def view_path(page: Page, language_code: str | None = None, suffix: str = "") -> str:
    """The public path of what a page shows: the page itself, or its routed view (a meeting,
    a year, a term: `suffix` of cms/pages.py `Routed`), the suffix the same in every language.

    The one rule for a view's address in each language: the canonical link, the hreflang
    alternates and the language switcher (chrome_tags, site_tags), the sitemap and the
    "only in Finnish" redirect all ask it.
    """
    return view_paths(page, language_code, [suffix])[0]


def view_paths(page: Page, language_code: str | None, suffixes: list[str]) -> list[str]:
    """`view_path` for many views of one page (the sitemap: every meeting), reversing the page's path once."""
    base = page_path(page, language_code)
    return [base + suffix for suffix in suffixes]
