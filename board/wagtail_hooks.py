"""The board's admin: snippet listings with search and filters, and the "to do" panels."""

from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.forms.models import register_form_field_override  # noqa: F401
from wagtail.admin.ui.components import Component
from wagtail.admin.ui.tables import BooleanColumn, Column
from wagtail.models import Locale
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from board.filters import MeetingFilterSet, MembershipFilterSet
from board.models import Event, Meeting, MeetingStatus, Membership, Person, Role, Seat, Term


class TermViewSet(SnippetViewSet):
    model = Term
    icon = "date"
    menu_label = _("Terms")
    list_display = [
        "__str__",
        Column("start_date", label=_("Start date")),
        Column("end_date", label=_("End date")),
    ]
    ordering = ["-start_date"]


class SeatViewSet(SnippetViewSet):
    model = Seat
    icon = "group"
    menu_label = _("Seats")
    list_display = ["name", Column("group", label=_("Group"), accessor="get_group_display"), "number"]
    list_filter = ["group"]
    search_fields = ["name"]
    search_backend_name = None
    ordering = ["group", "number"]


class RoleViewSet(SnippetViewSet):
    model = Role
    icon = "tag"
    menu_label = _("Roles")
    list_display = ["name", Column("kind", label=_("Kind"), accessor="get_kind_display")]
    search_fields = ["name"]
    search_backend_name = None
    ordering = ["sort_order"]


class PersonViewSet(SnippetViewSet):
    model = Person
    icon = "user"
    menu_label = _("People")
    list_display = [
        "full_name",
        BooleanColumn("email_public", label=_("Email may be published")),
        BooleanColumn("phone_public", label=_("Phone may be published")),
    ]
    # Searched in the database, not the search index: contact details stay out of the index.
    search_fields = ["first_name", "last_name"]
    search_backend_name = None
    ordering = ["last_name", "first_name"]


class MembershipViewSet(SnippetViewSet):
    model = Membership
    icon = "list-ul"
    menu_label = _("Memberships")
    list_display = [
        Column("person", label=_("Person")),
        Column("role", label=_("Role")),
        Column("seat", label=_("Seat"), accessor="seat_name"),
        Column("term", label=_("Term")),
        Column("start_date", label=_("Start date")),
        Column("end_date", label=_("End date")),
    ]
    filterset_class = MembershipFilterSet
    search_fields = ["person__first_name", "person__last_name", "organisation", "diary_number"]
    search_backend_name = None
    ordering = ["-term__start_date", "role__sort_order", "seat__group", "seat__number"]

    def get_queryset(self, request):
        return Membership.objects.select_related("person", "role", "seat", "term")


class MeetingViewSet(SnippetViewSet):
    model = Meeting
    icon = "calendar-alt"
    menu_label = _("Meetings")
    list_display = [
        "__str__",
        Column("start", label=_("Starts at"), accessor="local_start"),
        Column("status", label=_("Status"), accessor="get_status_display"),
    ]
    list_export = ["reference", "title", "start", "place", "status"]
    filterset_class = MeetingFilterSet
    ordering = ["-start"]


class EventViewSet(SnippetViewSet):
    model = Event
    icon = "date"
    menu_label = _("Events")
    list_display = ["title", Column("start", label=_("Starts at"), accessor="local_start")]
    ordering = ["-start"]


class BoardViewSetGroup(SnippetViewSetGroup):
    items = (
        MeetingViewSet,
        EventViewSet,
        MembershipViewSet,
        PersonViewSet,
        SeatViewSet,
        RoleViewSet,
        TermViewSet,
    )
    menu_icon = "group"
    menu_label = _("Advisory board")
    menu_name = "board"


register_snippet(BoardViewSetGroup)


class MeetingsToDoPanel(Component):
    """What the staff should do next: agendas to publish and minutes to add."""

    name = "board_meetings_to_do"
    order = 110
    template_name = "board/admin/meetings_to_do.html"
    limit = 10

    def get_context_data(self, parent_context=None):
        now = timezone.now()
        meetings = Meeting.objects.filter(locale=Locale.get_default()).exclude(status=MeetingStatus.CANCELLED)
        no_agenda = list(meetings.filter(start__gte=now, agenda__isnull=True).order_by("start")[: self.limit])
        no_minutes = list(
            meetings.filter(start__lt=now)
            .filter(
                Q(minutes__isnull=True)
                | Q(status__in=[MeetingStatus.PLANNED, MeetingStatus.AGENDA_PUBLISHED])
            )
            .order_by("start")[: self.limit]
        )
        for meeting in no_agenda + no_minutes:
            meeting.edit_url = reverse("wagtailsnippets_board_meeting:edit", args=[meeting.pk])
            meeting.status_outdated = meeting.status in (
                MeetingStatus.PLANNED,
                MeetingStatus.AGENDA_PUBLISHED,
            )
        return {"no_agenda": no_agenda, "no_minutes": no_minutes}


@hooks.register("construct_homepage_panels")
def add_meetings_panel(request, panels):
    if request.user.has_perm("board.change_meeting"):
        panels.append(MeetingsToDoPanel())
