"""The board's public pages: member directory, minutes archive and activity calendar."""

from __future__ import annotations

from django.conf import settings
from django.core.paginator import Paginator
from django.db import models
from django.http import Http404, HttpResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField
from wagtail.models import Page
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField

from board.directory import build_directory
from board.feeds import build_calendar, ics_response
from board.localization import DOCUMENT_LINK_FIELDS, localize
from board.models.meetings import Event, Meeting
from board.opendata.entry_points import entry_points
from board.reference import reference
from board.syndication import ANNOUNCED, FEED_ITEMS, build_feed, event_item, meeting_item
from cms import visibility
from cms.absolute_urls import absolute_url
from cms.locales import locales_by_id, source_locale
from cms.pages import Routed, SitePageMixin
from documents.languages import choose_file

INTRO_FEATURES = ["bold", "italic", "link", "document-link", "ol", "ul"]


class BoardPage(SitePageMixin, Page):
    """Common parts of the board's pages: an introduction, placed under the home page."""

    intro = RichTextField(gettext_lazy("introduction"), blank=True, features=INTRO_FEATURES)

    content_panels = Page.content_panels + [FieldPanel("intro")]
    search_fields = Page.search_fields + [index.SearchField("intro")]
    parent_page_types = ["home.HomePage"]
    subpage_types: list[str] = []
    max_count_per_parent = 1

    class Meta:
        abstract = True

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["source_language"] = settings.LANGUAGE_CODE
        return context


class MemberDirectoryPage(BoardPage):
    """The seats of a term with their members and deputies; past terms by `?term=<id>`."""

    template = "board/member_directory_page.html"

    class Meta:
        verbose_name = gettext_lazy("member directory")
        verbose_name_plural = gettext_lazy("member directories")

    def get_context(self, request, *args, **kwargs):

        context = super().get_context(request, *args, **kwargs)
        ref = reference()
        terms = ref.terms
        selected = ref.current_term()
        raw = request.GET.get("term")
        if raw:
            selected = next((t for t in terms if str(t.pk) == raw), None)
            if selected is None:
                raise Http404(_("No such term."))
        context["terms"] = terms
        context["directory"] = build_directory(selected) if selected else None
        context["routed"] = self._term_view(selected, ref.current_term())
        return context

    def _term_view(self, term, current) -> Routed | None:
        """A past or future term's directory; the current term's is the page itself."""
        if term is None or term == current:
            return None
        return Routed(f"?term={term.pk}", f"{self.title}: {term}")

    def routed_view(self, request) -> Routed | None:

        ref = reference()
        raw = request.GET.get("term")
        term = next((t for t in ref.terms if str(t.pk) == raw), None) if raw else None
        return self._term_view(term, ref.current_term())

    @classmethod
    def sitemap_subpages(cls) -> list[tuple[str, None]]:
        """Past and future terms' directories (`?term=<id>`), the same in every language (home/sitemap.py)."""

        ref = reference()
        current = ref.current_term()
        return [(f"?term={term.pk}", None) for term in ref.terms if term != current]


def source_meetings():
    """Published meetings in the source language; each carries the synchronised facts."""
    return (
        visibility.public_objects(Meeting)
        .filter(locale=source_locale())
        .select_related("agenda", "minutes")
        # Of the agenda and minutes only what a link to them shows (document_link.html, the
        # iCalendar feed): not the PDF's whole text nor twenty other columns per document.
        .only(
            *(f.attname for f in Meeting._meta.concrete_fields),
            *(f"{doc}__{name}" for doc in ("agenda", "minutes") for name in DOCUMENT_LINK_FIELDS),
        )
    )


class MinutesArchivePage(RoutablePageMixin, BoardPage):
    """Meetings by year, newest first; each meeting has its own URL (…/2026/3/) and
    iCalendar file (…/2026/3/ical/: Wagtail's page URLs allow no dots, so no ".ics")."""

    per_page = 20
    template = "board/minutes_archive_page.html"

    class Meta:
        verbose_name = gettext_lazy("minutes archive")
        verbose_name_plural = gettext_lazy("minutes archives")

    def meeting_url(self, meeting, base_url: str, name: str = "meeting") -> str:
        """The address of a meeting (or its calendar file, `name="meeting_ics"`) under `base_url`."""
        return base_url + self.reverse_subpage(name, args=(meeting.year, meeting.number))

    def _listing(self, request, year: int | None = None):

        meetings = source_meetings()
        # One query gives both the year filter and the count the paginator needs.
        per_year = dict(
            meetings.order_by().values_list("year").annotate(n=models.Count("pk")).values_list("year", "n")
        )
        years = sorted(per_year, reverse=True)
        if year is not None:
            if year not in per_year:
                raise Http404(_("No meetings in that year."))
            meetings = meetings.filter(year=year)
        paginator = Paginator(meetings, self.per_page)
        paginator.count = per_year[year] if year is not None else sum(per_year.values())
        page = paginator.get_page(request.GET.get("page"))
        base_url = self.get_url(request)
        items = localize(page.object_list)
        for item in items:
            item.url = self.meeting_url(item, base_url)
        return self.render(
            request,
            context_overrides={
                "routed": self._listing_view(year, page.number),
                "meetings": items,
                "page_obj": page,
                "years": [(y, base_url + self.reverse_subpage("year", args=(y,))) for y in years],
                "selected_year": year,
                "base_url": base_url,
            },
        )

    def _listing_view(self, year: int | None, number: int) -> Routed | None:
        """A year's meetings, or a later page of a listing (`?page=2`); None for the archive itself."""
        suffix = self.reverse_subpage("year", args=(year,)) if year is not None else ""
        if number > 1:
            suffix += f"?page={number}"
        if not suffix:
            return None
        return Routed(suffix, f"{self.title}: {year}" if year is not None else self.title)

    def _meeting_view(self, meeting) -> Routed:
        return Routed(
            self.reverse_subpage("meeting", args=(meeting.year, meeting.number)),
            f"{meeting.reference} {meeting.title}",
        )

    def routed_view(self, request) -> Routed | None:

        match = getattr(request, "routable_resolver_match", None)
        name, kwargs = (match.url_name, match.kwargs) if match is not None else ("index", {})
        if name == "meeting":
            meeting = source_meetings().filter(year=kwargs["year"], number=kwargs["number"]).first()
            if meeting is None:
                return None
            return self._meeting_view(localize([meeting], self.locale)[0])
        if name not in ("index", "year"):
            return super().routed_view(request)
        try:
            number = max(int(request.GET.get("page", 1)), 1)
        except ValueError:
            number = 1
        return self._listing_view(kwargs.get("year"), number)

    @classmethod
    def sitemap_subpages(cls) -> list[tuple[str, object]]:
        """(address under the archive, last change) of every listing page, year and published
        meeting: the same in every language (home/sitemap.py). One query, whatever the number."""
        rows = list(
            source_meetings().order_by("-year", "-number").values_list("year", "number", "last_published_at")
        )
        resolver = cls.get_resolver()
        pages = -(-len(rows) // cls.per_page)
        subpages: list[tuple[str, object]] = [(f"?page={n}", None) for n in range(2, pages + 1)]
        for year in dict.fromkeys(year for year, _number, _changed in rows):
            in_year = [changed for y, _number, changed in rows if y == year]
            suffix = resolver.reverse("year", year)
            subpages.append((suffix, max((c for c in in_year if c), default=None)))
            pages = -(-len(in_year) // cls.per_page)
            subpages += [(f"{suffix}?page={n}", None) for n in range(2, pages + 1)]
        subpages += [(resolver.reverse("meeting", y, n), changed) for y, n, changed in rows]
        return subpages

    @path("", name="index")
    def index_route(self, request):
        return self._listing(request)

    @path("<int:year>/", name="year")
    def year_route(self, request, year: int):
        return self._listing(request, year)

    def _meeting(self, year: int, number: int):

        meeting = source_meetings().filter(year=year, number=number).first()
        if meeting is None:
            raise Http404(_("No such meeting."))
        return localize([meeting])[0]

    @path("<int:year>/<int:number>/", name="meeting")
    def meeting_route(self, request, year: int, number: int):
        meeting = self._meeting(year, number)
        base_url = self.get_url(request)
        return self.render(
            request,
            template="board/meeting_page.html",
            context_overrides={
                "routed": self._meeting_view(meeting),
                "meeting": meeting,
                "base_url": base_url,
                "ics_url": base_url + self.reverse_subpage("meeting_ics", args=(year, number)),
            },
        )

    @path("<int:year>/<int:number>/ical/", name="meeting_ics")
    def meeting_ics_route(self, request, year: int, number: int):

        meeting = self._meeting(year, number)
        base_url = self.get_url(request)
        content = build_calendar(
            f"{meeting.reference} {meeting.title}",
            meetings=[meeting],
            meeting_url=lambda m: self.meeting_url(m, base_url),
            absolute=lambda url: absolute_url(url, request),
        )
        return ics_response(content, f"meeting-{year}-{number}.ics")


class CalendarPage(RoutablePageMixin, BoardPage):
    """Upcoming and past events, the calendar PDF, and the board's iCalendar feed."""

    past_count = 20
    template = "board/calendar_page.html"

    calendar_document = models.ForeignKey(
        settings.WAGTAILDOCS_DOCUMENT_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=gettext_lazy("calendar PDF"),
    )

    content_panels = BoardPage.content_panels + [FieldPanel("calendar_document")]
    # The same document in every language; pages show its translation when there is one.
    override_translatable_fields = [SynchronizedField("calendar_document", overridable=False)]

    class Meta:
        verbose_name = gettext_lazy("activity calendar")
        verbose_name_plural = gettext_lazy("activity calendars")

    @staticmethod
    def source_events():
        return (
            visibility.public_objects(Event)
            .filter(locale=source_locale())
            .select_related("document")
            .defer("document__extracted_text")
        )

    @path("", name="index")
    def index_route(self, request):

        now = timezone.now()
        events = self.source_events()
        upcoming = list(events.filter(models.Q(start__gte=now) | models.Q(end__gte=now)).order_by("start"))
        past = list(
            events.filter(start__lt=now).filter(models.Q(end__isnull=True) | models.Q(end__lt=now))[
                : self.past_count
            ]
        )
        localized = localize(upcoming + past)
        return self.render(
            request,
            context_overrides={
                "upcoming": localized[: len(upcoming)],
                "past": localized[len(upcoming) :],
                "feed_url": self.get_url(request) + self.reverse_subpage("feed"),
                "news_feeds": self.news_feed_urls(request),
                "calendar_document": self._localized_document(),
            },
        )

    def _localized_document(self):
        locale = locales_by_id().get(self.locale_id)
        return choose_file(self.calendar_document, locale.language_code if locale else settings.LANGUAGE_CODE)

    def news_feed_urls(self, request) -> dict[str, str]:
        """The RSS 2.0 and Atom feeds of this language (board/syndication.py)."""
        base = self.get_url(request)
        return {kind: base + self.reverse_subpage(f"news_{kind}") for kind in ("rss", "atom")}

    def _archive(self, request):
        archives = {
            a.locale_id: a
            for a in visibility.public_pages(MinutesArchivePage).filter(
                locale_id__in={self.locale_id, source_locale().pk}
            )
        }
        archive = archives.get(self.locale_id) or archives.get(source_locale().pk)
        return archive, (archive.get_url(request) if archive else None)

    @path("ical/", name="feed")
    def feed_route(self, request):
        archive, archive_url = self._archive(request)
        content = build_calendar(
            _("Volunteer Work Advisory Board"),
            meetings=localize(source_meetings()),
            events=localize(self.source_events()),
            meeting_url=lambda m: archive.meeting_url(m, archive_url) if archive_url else None,
            absolute=lambda url: absolute_url(url, request),
        )
        return ics_response(content, "calendar.ics")

    def _news_feed(self, request, kind: str):
        archive, archive_url = self._archive(request)
        absolute = lambda url: absolute_url(url, request)  # noqa: E731
        page_url = absolute(self.get_url(request))
        meetings = localize(
            source_meetings().filter(status__in=ANNOUNCED).order_by("-last_published_at")[:50]
        )
        events = localize(self.source_events().order_by("-first_published_at")[:FEED_ITEMS])
        items = [
            meeting_item(m, absolute(archive.meeting_url(m, archive_url)) if archive_url else None, absolute)
            for m in meetings
        ] + [event_item(e, page_url, absolute) for e in events]
        feed_urls = self.news_feed_urls(request)
        content = build_feed(
            kind,
            title=f"{_('Volunteer Work Advisory Board')}: {self.title}",
            link=page_url,
            feed_url=absolute(feed_urls[kind]),
            language=self.locale.language_code,
            items=items,
        )
        content_type = "application/rss+xml" if kind == "rss" else "application/atom+xml"
        return HttpResponse(content, content_type=f"{content_type}; charset=utf-8")

    @path("rss/", name="news_rss")
    def rss_route(self, request):
        return self._news_feed(request, "rss")

    @path("atom/", name="news_atom")
    def atom_route(self, request):
        return self._news_feed(request, "atom")


class OpenDataPage(BoardPage):
    """The board's open data: the OParl and Popolo entry points, with their licence.

    The addresses are made when the page is shown (cms/absolute_urls.py), so they lead to
    the server that shows it; the introduction is the editors' text."""

    template = "board/open_data_page.html"

    class Meta:
        verbose_name = gettext_lazy("open data page")
        verbose_name_plural = gettext_lazy("open data pages")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["entry_points"] = entry_points(request)
        context["licence_url"] = LICENCE_URLS.get(self.locale.language_code, LICENCE_URL)
        return context


LICENCE_URL = "https://creativecommons.org/licenses/by/4.0/"
LICENCE_URLS = {
    "fi": "https://creativecommons.org/licenses/by/4.0/deed.fi",
    "sv": "https://creativecommons.org/licenses/by/4.0/deed.sv",
}
