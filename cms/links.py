"""Which page a link in content leads to: the one rule for the site and the API.

Content refers to pages by id, and a translated page usually keeps the ids of its source (a
Swedish page's link blocks and rich text point to Finnish pages). Where the linked page has a
live translation in the language of the text being shown, the link leads there; otherwise to
the page itself. Wagtail's own rich-text link handler follows this rule (`Page.localized`: the
live translation in the active language, else the page); link blocks (the `in_active_language`
filter) and the API (home/api/refs.py) ask `link_target()`, with the translations read in
one query by `link_translations()`; tests/api/test_absolute_urls.py compares the two surfaces.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.db.models import QuerySet
from wagtail.models import Page

from cms import visibility

Translations = dict[tuple[Any, int], Page]


def link_translations(
    pages: Iterable[Page | None], locale_ids: Iterable[int | None], candidates: QuerySet | None = None
) -> Translations:
    """{(translation key, locale id): translation} of `pages` into each of `locale_ids`: one query,
    none when every page is already in its language. `candidates`: the pages a link may lead to
    (default: live pages; the API passes its public ones)."""
    targets = {pk for pk in locale_ids if pk is not None}
    keys = {
        page.translation_key
        for page in pages
        if page is not None and any(target != page.locale_id for target in targets)
    }
    if not keys:
        return {}
    queryset = candidates if candidates is not None else visibility.published_pages()
    found = queryset.filter(translation_key__in=keys, locale_id__in=targets).defer_streamfields()
    return {(page.translation_key, page.locale_id): page for page in found}


def link_target(page: Page, locale_id: int | None, translations: Translations) -> Page:
    """The page a link to `page` leads to in text of `locale_id`: its translation there, else itself."""
    if locale_id is None or page.locale_id == locale_id:
        return page
    return translations.get((page.translation_key, locale_id), page)
