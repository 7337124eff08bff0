"""The board's searchable types: meetings, events and people's names (home/search.py runs the
search; BoardConfig.search_types names this list)."""

from collections.abc import Callable

from django.db.models import Model, OuterRef, QuerySet, Subquery
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _
from wagtail.models import Locale

from board.models import Membership
from home.search import HitContext, SearchHit, SearchType, excerpt, translatable_objects


def _start(obj: Model):
    return getattr(obj, "start", None)


def _dated_hit(
    kind: str, label: Promise, listing: str
) -> Callable[[Model, list[str], HitContext], SearchHit]:
    """Meetings and events: linked to their page under the minutes archive or the calendar."""

    def to_hit(obj: Model, words: list[str], context: HitContext) -> SearchHit:
        url, page_type = context.listing_url(listing)
        if page_type is not None and kind == "meeting" and hasattr(page_type, "meeting_url"):
            url = page_type.meeting_url(obj, url)
        text = ""
        for name in ("summary", "description"):
            value = getattr(obj, name, "")
            if value:
                text = str(value)
                break
        return SearchHit(kind, str(label), str(obj), url, excerpt(text, words), _start(obj), obj)

    return to_hit


def _people(model: type[Model], locale: Locale | None) -> QuerySet:
    """People the directory shows by name (board.models.people.PersonQuerySet.public), with
    whether they serve now and the term of their latest membership, for the link; names only,
    never contact details."""
    latest = Membership.objects.filter(person=OuterRef("pk")).order_by("-term__start_date", "-start_date")
    return (
        model._default_manager.public()
        .with_serving()
        .only("id", "first_name", "last_name")
        .annotate(_latest_term=Subquery(latest.values("term_id")[:1]))
    )


def _person_hit(person: Model, words: list[str], context: HitContext) -> SearchHit:
    """A person links to the member directory: the current one if they serve now, else the
    term of their latest membership."""
    url, _page = context.listing_url("board.MemberDirectoryPage")
    term_id = getattr(person, "_latest_term", None)
    if url and term_id and not getattr(person, "serving", False):
        url = f"{url}?term={term_id}"
    return SearchHit("person", str(_("Person")), str(person), url, "", None, person)


SEARCH_TYPES = [
    SearchType(
        "meeting",
        _("Meetings"),
        "board.Meeting",
        translatable_objects,
        _dated_hit("meeting", _("Meeting"), "board.MinutesArchivePage"),
        _start,
    ),
    SearchType(
        "event",
        _("Events"),
        "board.Event",
        translatable_objects,
        _dated_hit("event", _("Event"), "board.CalendarPage"),
        _start,
    ),
    SearchType("person", _("People"), "board.Person", _people, _person_hit),
]
