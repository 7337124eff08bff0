"""The board's admin: snippet listings that open their items, with search and filters, choosers
with search, and the "to do" panels."""

from django.contrib.admin.utils import quote
from django.db.models import Exists, OuterRef, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.ui.components import Component
from wagtail.admin.ui.tables import BooleanColumn, Column
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.chooser import ChooseResultsView, ChooseView, SnippetChooserViewSet
from wagtail.snippets.views.snippets import IndexView, SnippetViewSetGroup

from board.filters import (
    EventFilterSet,
    MeetingFilterSet,
    MembershipFilterSet,
    WordSearchFilterForm,
    word_search,
)
from board.localization import localized_map
from board.models import Event, Meeting, MeetingStatus, Membership, Organisation, Person, Role, Seat, Term
from board.reference import reference
from cms.locales import locale_for, source_locale
from translations.admin_strings import TranslatedSnippetViewSet
from translations.status import compute_rows


class WordSearchIndexView(IndexView):
    """Searches `search_fields` in the database word by word (board.filters.word_search)."""

    def search_queryset(self, queryset):
        if not self.is_searching:
            return queryset
        return word_search(queryset, self.search_fields, self.search_query)


def word_search_chooser(search_fields: list[str]) -> type[SnippetChooserViewSet]:
    """A snippet chooser whose search box searches `search_fields` in the database: Wagtail's
    chooser only searches models in the search index, and people are kept out of it."""
    form = type("WordSearchFilterForm", (WordSearchFilterForm,), {"search_fields": search_fields})
    choose = type("ChooseView", (ChooseView,), {"filter_form_class": form})
    results = type("ChooseResultsView", (ChooseResultsView,), {"filter_form_class": form})
    return type(
        "WordSearchChooserViewSet",
        (SnippetChooserViewSet,),
        {"choose_view_class": choose, "choose_results_view_class": results},
    )


class WordSearchSnippetViewSet(TranslatedSnippetViewSet):
    """A snippet listing whose search box searches `search_fields` in the database word by
    word (WordSearchIndexView), not through the search backend."""

    index_view_class = WordSearchIndexView
    search_backend_name = None


class TermViewSet(WordSearchSnippetViewSet):
    model = Term
    icon = "date"
    menu_label = _("Terms")
    list_display = [
        "__str__",
        Column("start_date", label=_("Start date")),
        Column("end_date", label=_("End date")),
    ]
    # A term is named by its years ("2025–2026").
    search_fields = ["start_date__year", "end_date__year"]
    ordering = ["-start_date"]


class SeatViewSet(WordSearchSnippetViewSet):
    model = Seat
    icon = "group"
    menu_label = _("Seats")
    list_display = ["name", Column("group", label=_("Group"), accessor="get_group_display"), "number"]
    list_filter = ["group"]
    search_fields = ["name"]
    ordering = ["group", "number"]


class RoleViewSet(WordSearchSnippetViewSet):
    model = Role
    icon = "tag"
    menu_label = _("Roles")
    list_display = ["name", Column("kind", label=_("Kind"), accessor="get_kind_display")]
    search_fields = ["name"]
    ordering = ["sort_order"]


class OrganisationViewSet(WordSearchSnippetViewSet):
    model = Organisation
    icon = "site"
    menu_label = _("Organisations")
    list_display = ["name"]
    search_fields = ["name"]
    ordering = ["name"]


PERSON_SEARCH = ["first_name", "last_name"]


class PersonViewSet(WordSearchSnippetViewSet):
    model = Person
    icon = "user"
    menu_label = _("People")
    list_display = [
        # The full name, under the model's translated name ("full_name" would be headed
        # "Full name", untranslated).
        "__str__",
        BooleanColumn("email_public", label=_("Email may be published")),
        BooleanColumn("phone_public", label=_("Phone may be published")),
    ]
    # Searched in the database, not the search index: contact details stay out of the index.
    search_fields = PERSON_SEARCH
    chooser_viewset_class = word_search_chooser(PERSON_SEARCH)
    ordering = ["last_name", "first_name"]


def _localized_name(kind: str):
    """A column accessor: the role's or seat's name in the working language (the rows chosen
    in a membership are Finnish; their translations come from the cached reference tables)."""

    def accessor(membership):
        related = getattr(membership, kind)
        if related is None:
            return ""
        rows = reference().roles if kind == "role" else reference().seats
        localized = localized_map(rows).get(related.pk)
        return localized.name if localized is not None else related.name

    return accessor


MEMBERSHIP_SEARCH = [f"person__{field}" for field in PERSON_SEARCH] + ["organisation__name", "diary_number"]


class MembershipViewSet(WordSearchSnippetViewSet):
    model = Membership
    icon = "list-ul"
    menu_label = _("Memberships")
    # The first column is the link that opens the membership (and its actions menu).
    list_display = [
        "person",
        Column("role", label=_("Role"), accessor=_localized_name("role")),
        Column("seat", label=_("Seat"), accessor=_localized_name("seat")),
        Column("term", label=_("Term")),
        Column("start_date", label=_("Start date")),
        Column("end_date", label=_("End date")),
    ]
    filterset_class = MembershipFilterSet
    search_fields = MEMBERSHIP_SEARCH
    # "Deputy of" chooses a membership: found by the member's name.
    chooser_viewset_class = word_search_chooser(MEMBERSHIP_SEARCH)
    ordering = ["-term__start_date", "role__sort_order", "seat__group", "seat__number"]

    def get_queryset(self, request):
        return Membership.objects.select_related("person", "role", "seat", "term")


# Search hits considered in the meetings' and events' lists.
MAX_SEARCH_HITS = 500


class WorkingLanguageIndexView(IndexView):
    """Each meeting or event once: its copy in the working language (the admin's language),
    else the Finnish original; with the state of every translation. The synchronised facts
    (time, status) are read from the original, which carries them (board/localization.py)."""

    def get_base_queryset(self):
        queryset = super().get_base_queryset()
        if self.request.GET.get("locale"):
            return queryset  # one language's copies, chosen in the filter
        working, source = locale_for(), source_locale()
        if working.pk == source.pk:
            return queryset.filter(locale=source)
        in_working = self.model.objects.filter(locale=working, translation_key=OuterRef("translation_key"))
        return queryset.filter(Q(locale=working) | Q(locale=source) & ~Exists(in_working))

    def search_queryset(self, queryset):
        # The search index cannot filter on "no copy in this language"; search all copies,
        # so a meeting is found by its title in any language, and keep the listed ones.
        if not self.is_searching:
            return queryset
        hits = super().search_queryset(self.model.objects.only("pk", "translation_key"))
        keys = {hit.translation_key for hit in hits[:MAX_SEARCH_HITS]}
        return queryset.filter(translation_key__in=keys)

    def get_context_data(self, *args, **kwargs):
        context = super().get_context_data(*args, **kwargs)
        self._attach_sources_and_states(list(context["object_list"]))
        return context

    def _attach_sources_and_states(self, rows) -> None:
        if not rows:
            return
        sources = {
            obj.translation_key: obj
            for obj in self.model.objects.filter(
                locale=source_locale(), translation_key__in=[r.translation_key for r in rows]
            )
        }
        namespace = self.model.snippet_viewset.url_namespace
        by_url = {reverse(f"{namespace}:edit", args=[quote(s.pk)]): key for key, s in sources.items()}
        # The translation dashboard owns the rule for "missing", "outdated", "up to date".
        states: dict = {}
        kind = self.model._meta.label_lower
        for state in compute_rows():
            if state.kind == kind and state.source_url in by_url:
                states.setdefault(by_url[state.source_url], []).append(state)
        for row in rows:
            row.source = sources.get(row.translation_key, row)
            row.translation_states = states.get(row.translation_key, [])


def _translations_cell(obj):
    """ "FI: original, SV: Up to date, EN: Missing", each state linking to what to do."""
    states = getattr(obj, "translation_states", None)
    if states is None:
        return ""
    parts = [format_html("{}: {}", source_locale().language_code.upper(), _("original"))]
    parts += [
        format_html('<a href="{}">{}: {}</a>', s.action_url, s.locale.language_code.upper(), s.state_label)
        if s.action_url
        else format_html("{}: {}", s.locale.language_code.upper(), s.state_label)
        for s in states
    ]
    return format_html_join(", ", "{}", ((p,) for p in parts))


def _synchronised(name: str):
    def accessor(obj):
        source = getattr(obj, "source", obj)
        return getattr(source, name)

    return accessor


def _status_display(obj):
    return getattr(obj, "source", obj).get_status_display()


class MeetingViewSet(TranslatedSnippetViewSet):
    model = Meeting
    icon = "calendar-alt"
    menu_label = _("Meetings")
    list_display = [
        "__str__",
        Column("start", label=_("Starts at"), accessor=_synchronised("local_start")),
        Column("status", label=_("Status"), accessor=_status_display),
        Column("translations", label=_("Translations"), accessor=_translations_cell),
    ]
    list_export = ["reference", "title", "start", "place", "status"]
    index_view_class = WorkingLanguageIndexView
    filterset_class = MeetingFilterSet
    ordering = ["-start"]


class EventViewSet(TranslatedSnippetViewSet):
    model = Event
    icon = "date"
    menu_label = _("Events")
    list_display = [
        "title",
        Column("start", label=_("Starts at"), accessor=_synchronised("local_start")),
        Column("translations", label=_("Translations"), accessor=_translations_cell),
    ]
    index_view_class = WorkingLanguageIndexView
    filterset_class = EventFilterSet
    ordering = ["-start"]


class BoardViewSetGroup(SnippetViewSetGroup):
    items = (
        MeetingViewSet,
        EventViewSet,
        MembershipViewSet,
        PersonViewSet,
        SeatViewSet,
        RoleViewSet,
        OrganisationViewSet,
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
        meetings = Meeting.objects.filter(locale=source_locale()).exclude(status=MeetingStatus.CANCELLED)
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
