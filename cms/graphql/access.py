"""What the GraphQL API may show: the REST API's rules, imported here and nowhere else in GraphQL.

Every GraphQL type module reads visibility, language fallback and rendering through this module,
so that replacing the rule (cms/visibility.py) changes one import site.
"""

from cms.api.access import public_pages
from cms.api.board import event_items, meeting_items, source_meetings
from cms.api.board import get_default_locale as source_locale
from cms.api.i18n import get_locale, localize, translations_by_key
from cms.api.pages import _specific as specific
from cms.api.pages import render_pages, resolve_public_path, specific_queryset

__all__ = [
    "event_items",
    "get_locale",
    "localize",
    "meeting_items",
    "public_pages",
    "render_pages",
    "resolve_public_path",
    "source_locale",
    "source_meetings",
    "specific",
    "specific_queryset",
    "translations_by_key",
]
