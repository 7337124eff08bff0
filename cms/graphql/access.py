"""What the GraphQL API may show: the REST API's rules, imported here and nowhere else in GraphQL.

Every GraphQL type module reads visibility (cms/visibility.py, the one rule every public surface
asks), language fallback and rendering through this module.
"""

from django.db.models import QuerySet
from django.http import HttpRequest
from wagtail.models import Page

from cms import visibility
from cms.api.board import event_items, meeting_items, source_meetings
from cms.api.board import get_default_locale as source_locale
from cms.api.i18n import get_locale, localize, translations_by_key
from cms.api.pages import _specific as specific
from cms.api.pages import render_pages, resolve_public_path, specific_queryset
from cms.api.refs import Refs


def public_pages(request: HttpRequest, model: type = Page) -> QuerySet:
    """Live pages the public may see (cms/visibility.py); `request` kept for the resolvers' calls."""
    return visibility.public_pages(model)


public_objects = visibility.public_objects  # meetings and events: live (draft state)
public_images = visibility.public_images  # outside restricted collections


def rich_text(request: HttpRequest, html: str, locale_id: int | None, language: str) -> str:
    """Database rich text as the REST API answers it: absolute links (to the linked page's
    translation in `language`), links to hidden items without an address, no Wagtail markup."""
    refs = Refs(request, language=language)
    refs.locale_id = locale_id
    refs.want_rich_text(html)
    refs.load()
    return refs.rich_text(html)


__all__ = [
    "event_items",
    "get_locale",
    "localize",
    "meeting_items",
    "public_images",
    "public_objects",
    "public_pages",
    "render_pages",
    "resolve_public_path",
    "rich_text",
    "source_locale",
    "source_meetings",
    "specific",
    "specific_queryset",
    "translations_by_key",
]
