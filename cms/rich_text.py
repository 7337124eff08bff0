"""Rich text rendering of the public site."""

from __future__ import annotations

from django.utils import translation
from django.utils.html import escape
from wagtail.models import Page
from wagtail.rich_text.pages import PageLinkHandler


class LocalizedPageLinkHandler(PageLinkHandler):
    """Rich text links to pages, as Wagtail's, without a locale query per link.

    Wagtail links each page's `.localized` version, which looks up the active locale (and
    then the translation) once per link. Here the locale comes from the per-version memo
    and every link's translation from one query.
    """

    @classmethod
    def expand_db_attributes_many(cls, attrs_list: list[dict]) -> list[str]:
        from cms.routing import locales_by_code

        pages = cls.get_many(attrs_list)
        locale = locales_by_code().get(translation.get_language() or "")
        translated: dict = {}
        keys = {p.translation_key for p in pages if p is not None and locale and p.locale_id != locale.pk}
        if keys:
            # As `.localized`: the live translation in the active language, else the page itself.
            translations = Page.objects.filter(translation_key__in=keys, locale=locale, live=True)
            translated = {p.translation_key: p for p in translations.defer_streamfields()}
        return [
            f'<a href="{escape(translated.get(page.translation_key, page).url)}">' if page else "<a>"
            for page in pages
        ]
