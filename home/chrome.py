"""What every public page shows around its content: home link, menu, footer, breadcrumbs.

Built with two queries per request (footer settings, then the home page, its menu
children, the footer's pages and the current page's translations in one go), and page URLs are computed from
`url_path` without Wagtail's per-page site lookups, to keep public pages within
their query budget.
"""

from dataclasses import dataclass, field

from django.conf import settings
from django.db.models import Q
from wagtail.models import Page

from cms import visibility
from cms.locales import locales_by_code, locales_by_id
from cms.page_paths import page_path
from home.models import FooterSettings

# Fields the header, footer, breadcrumbs and search results need from a page.
PAGE_FIELDS = ("id", "title", "url_path", "depth", "path", "locale_id", "translation_key", "show_in_menus")


@dataclass
class Link:
    title: str
    url: str
    page_id: int | None = None


@dataclass
class Chrome:
    language_code: str
    home: Link | None = None
    locale_id: int | None = None
    menu: list[Link] = field(default_factory=list)
    footer: FooterSettings | None = None
    accessibility: Link | None = None
    privacy: Link | None = None
    # The live home page and its children, for other lookups in the same request (search).
    pages: list[Page] = field(default_factory=list)
    # The page being shown (its id) and its live versions by language, for the language switcher.
    page_id: int | None = None
    translations: dict[str, Page] = field(default_factory=dict)


def build_chrome(language_code: str, page: Page | None = None) -> Chrome:
    chrome = Chrome(language_code=language_code, page_id=page.pk if page is not None else None)
    chrome.footer = FooterSettings.for_language(language_code)
    footer_keys = {}
    if chrome.footer is not None:
        for name in ("accessibility", "privacy"):
            linked = getattr(chrome.footer, f"{name}_page")
            if linked is not None:
                footer_keys[linked.translation_key] = name
    default = settings.LANGUAGE_CODE
    # Locales from the per-version memo (cms/locales.py): filters by id, no join.
    locales = locales_by_code()
    by_id = locales_by_id()
    codes = [code for code in (language_code, default) if code in locales]
    # The home page and all its children: the menu, and the section pages (e.g. the
    # minutes archive) that search results link into, without another query.
    in_language = (
        Q(locale_id=locales[language_code].pk, depth__in=(2, 3)) if language_code in locales else Q(pk__in=[])
    )
    # The footer's pages in the visitor's language, or in Finnish when not translated.
    footer_pages = Q(translation_key__in=list(footer_keys), locale_id__in=[locales[c].pk for c in codes])
    wanted = in_language | footer_pages
    if page is not None:
        wanted |= Q(translation_key=page.translation_key)
    pages = []
    found = visibility.published_pages().filter(wanted).only(*PAGE_FIELDS, "content_type_id").order_by("path")
    for candidate in found:
        if candidate.locale_id in by_id:  # not a language the site serves: no link to it
            candidate.locale = by_id[candidate.locale_id]
            pages.append(candidate)
    if page is not None:
        chrome.translations = {
            p.locale.language_code: p for p in pages if p.translation_key == page.translation_key
        }
    # As before the translations joined the query: the menu levels and the footer's pages.
    chrome.pages = [
        p
        for p in pages
        if p.locale.language_code == language_code and (p.depth in (2, 3) or p.translation_key in footer_keys)
    ]
    for candidate in chrome.pages:
        if candidate.depth == 2 and chrome.home is None:
            chrome.home = Link(candidate.title, page_path(candidate, language_code), candidate.pk)
            chrome.locale_id = candidate.locale_id
    for candidate in chrome.pages:
        if (
            candidate.depth == 3
            and candidate.show_in_menus
            and chrome.home
            and candidate.path.startswith(_path_of(pages, chrome.home.page_id))
        ):
            chrome.menu.append(Link(candidate.title, page_path(candidate, language_code), candidate.pk))
    for key, name in footer_keys.items():
        matches = {p.locale.language_code: p for p in pages if p.translation_key == key}
        linked = matches.get(language_code) or matches.get(default)
        if linked is not None:
            setattr(
                chrome, name, Link(linked.title, page_path(linked, linked.locale.language_code), linked.pk)
            )
    return chrome


def _path_of(pages: list[Page], page_id: int | None) -> str:
    for page in pages:
        if page.pk == page_id:
            return page.path
    return "\0"


def breadcrumbs(page: Page, chrome: Chrome) -> list[Link]:
    """Links from the home page down to (not including) `page`; one query below the menu level."""
    if not isinstance(page, Page) or page.depth <= 2:
        return []
    if page.depth == 3:
        return [chrome.home] if chrome.home else []
    ancestors = page.get_ancestors().filter(depth__gte=2).only(*PAGE_FIELDS)
    return [Link(a.title, page_path(a), a.pk) for a in ancestors]
