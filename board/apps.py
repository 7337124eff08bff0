from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class BoardConfig(AppConfig):
    name = "board"
    verbose_name = _("Advisory board")
    # Which models change what visitors see (content version, cms/public_output.py).
    public_output = {
        "Meeting": True,
        "Event": True,
        "MemberDirectoryPage": True,
        "MinutesArchivePage": True,
        "CalendarPage": True,
        "Term": True,
        "Seat": True,
        "Role": True,
        "Person": True,
        "Membership": True,
        "Organisation": True,
        "OpenDataPage": True,
        # created/modified/deleted of the open data (board/opendata/stamps.py).
        "OpenDataStamp": True,
    }
    # Snippets whose publish, unpublish and delete are announced to WEBHOOK_URLS (cms/webhooks).
    webhook_models = ("Meeting", "Event")
    # Meetings, events and people's names in the site search (home/search.py `search_types()`).
    search_types = "board.search.SEARCH_TYPES"

    def ready(self) -> None:
        from board import reference  # noqa: F401  (cache invalidation signals)
        from board.opendata import stamps

        stamps.connect()
