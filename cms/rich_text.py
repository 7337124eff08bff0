"""Rich text rendering of the public site."""

from __future__ import annotations

from django.utils import translation
from django.utils.html import escape
from wagtail.rich_text.pages import PageLinkHandler

from cms.links import link_target, link_translations


class LocalizedPageLinkHandler(PageLinkHandler):
    """Rich text links to pages, as Wagtail's, without a locale query per link.

    Wagtail links each page's `.localized` version, which looks up the active locale (and
    then the translation) once per link. Here the locale comes from the per-version memo
    and every link's translation from one query, by the rule the API follows too (cms/links.py).
    """

    @classmethod
    def expand_db_attributes_many(cls, attrs_list: list[dict]) -> list[str]:
        from cms.routing import locales_by_code

        pages = cls.get_many(attrs_list)
        locale = locales_by_code().get(translation.get_language() or "")
        locale_id = locale.pk if locale is not None else None
        translations = link_translations(pages, [locale_id])
        return [
            f'<a href="{escape(link_target(page, locale_id, translations).url)}">' if page else "<a>"
            for page in pages
        ]
