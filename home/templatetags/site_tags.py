"""Template tags used by the base layout on every page."""

from django import template
from django.conf import settings
from django.template.defaultfilters import filesizeformat
from django.urls import translate_url
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.translation import get_language, gettext
from wagtail.models import Locale, Page

from cms import visibility
from cms.links import link_target, link_translations
from cms.locales import locales_by_code, locales_by_id
from documents.languages import choose_file, file_language, language_note
from documents.rich_text import add_file_language_notes

register = template.Library()


def _language_name(code: str) -> str:
    return dict(settings.LANGUAGES).get(code, code)


@register.simple_tag(takes_context=True)
def language_links(context) -> list[dict]:
    """The current page in every language where it exists and is live.

    For pages, only live translations are listed, each at the same routed view (a meeting,
    a year, a term) as this one. Other views (search, errors) link to the same path and
    query string in every language.
    """
    request = context.get("request")
    page = context.get("page")
    current = get_language()
    links = []
    if isinstance(page, Page) and page.pk:
        # The live versions come with the page chrome's query (home/chrome.py).
        from cms.page_paths import view_path
        from home.templatetags.chrome_tags import routed_suffix, site_chrome

        translations = site_chrome(context).translations
        suffix = routed_suffix(context)
        for code, _name in settings.LANGUAGES:
            translated = translations.get(code)
            if translated is None:
                continue
            links.append(
                {
                    "code": code,
                    "name": _language_name(code),
                    "url": view_path(translated, code, suffix),
                    "current": code == current,
                }
            )
        return links
    path = request.get_full_path() if request else "/"
    for code, _name in settings.LANGUAGES:
        links.append(
            {
                "code": code,
                "name": _language_name(code),
                "url": translate_url(path, code),
                "current": code == current,
            }
        )
    return links


@register.simple_tag(takes_context=True)
def home_url(context) -> str:
    """URL of the home page in the active language."""
    request = context.get("request")
    try:
        locale = Locale.get_active()
    except Locale.DoesNotExist:
        return "/"
    home = visibility.published_pages().filter(depth=2, locale=locale).first()
    return home.get_url(request=request) if home else f"/{get_language()}/"


@register.filter
def in_active_language(page: Page | None) -> Page | None:
    """The page a link block leads to in the active language (cms/links.py, as the API links it):
    its live translation, else itself; no query when the page is already in that language."""

    locale = locales_by_code().get(get_language() or "")
    if page is None or locale is None or page.locale_id == locale.pk:
        return page
    return link_target(page, locale.pk, link_translations([page], [locale.pk]))


@register.simple_tag
def document_link(document, label: str = "") -> str:
    """A link to a PDF with its size: `{% document_link meeting.agenda label %}`.

    Links the document's file in the page's (active) language where there is one
    (documents/languages.py); a file in another language is said so inside the link text,
    in the page's language ("(PDF, 20 kB, på finska)"), and by `hreflang`. A title shown in
    another language than the page's carries its `lang`.

    A tag rather than an included template: lists show two per row, and an include costs
    several times more to render.
    """
    if not document:
        return ""

    page_language = get_language() or settings.LANGUAGE_CODE
    document = choose_file(document, page_language)
    meta = [gettext("PDF")]
    if document.file_size:
        meta.append(filesizeformat(document.file_size))
    note = language_note(document, page_language)
    if note:
        meta.append(note)
    if label:
        text = label
    else:
        locale = locales_by_id().get(getattr(document, "locale_id", None))
        title_language = locale.language_code if locale is not None else page_language
        text = (
            format_html('<span lang="{}">{}</span>', title_language, document.title)
            if title_language != page_language
            else document.title
        )
    return format_html(
        '<a href="{}" hreflang="{}" class="document-link">{} '
        '<span class="document-link__meta">({})</span></a>',
        document.url,
        file_language(document),
        text,
        ", ".join(str(m) for m in meta),
    )


@register.filter
def file_language_notes(html):
    """Expanded rich text with the language note inside each link to a file in another
    language than the page's (documents/rich_text.py)."""

    return mark_safe(add_file_language_notes(str(html)))  # noqa: S308 - rich text, already expanded
