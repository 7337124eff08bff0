"""What the GraphQL API may show: visibility and language fallback, as the REST API reads them.

Every GraphQL type module reads visibility (cms/visibility.py, the one rule every public surface
asks) and language fallback through this module. Items are rendered by the REST API of the app
that owns them (board/api.py, home/api/pages.py), which each app's graphql_types imports: this
module, shared by them, imports no app.
"""

from django.db.models import QuerySet
from django.http import HttpRequest
from wagtail.models import Page

from cms import visibility
from cms.api.i18n import get_locale, localize, translations_by_key


def public_pages(request: HttpRequest, model: type = Page) -> QuerySet:
    """Live pages the public may see (cms/visibility.py); `request` kept for the resolvers' calls."""
    return visibility.public_pages(model)


public_objects = visibility.public_objects  # meetings and events: live (draft state)
public_images = visibility.public_images  # outside restricted collections

__all__ = [
    "get_locale",
    "localize",
    "public_images",
    "public_objects",
    "public_pages",
    "translations_by_key",
]
