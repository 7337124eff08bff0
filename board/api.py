"""The board in the API: terms, seats, people and memberships, meetings, events.

Public and read-only. Lists are built like the site's pages (board.localization): from
the Finnish source rows, which carry the synchronised facts (numbers, dates, status,
documents), with the translated text of the whole page of items read in one query.
Contact details go only through `Person.public_email` / `public_phone`, the board's
single consent rule.
"""

from __future__ import annotations

import datetime
from typing import Any, Literal

from django.db.models import Q
from django.http import Http404, HttpRequest
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from ninja import Query, Router, Schema
from pydantic import Field

from board.directory import build_directory, prime_serving
from board.localization import localized_map
from board.models import (
    CalendarPage,
    Event,
    Meeting,
    MeetingStatus,
    Membership,
    MinutesArchivePage,
    Person,
    Seat,
    SeatGroup,
    Term,
)
from board.reference import reference
from cms import visibility
from cms.absolute_urls import page_url
from cms.api.common import Id, IsoDate, LocaleQuery, Pagination, api_url, envelope, paginate, paginated
from cms.api.errors import error_responses
from cms.api.i18n import Translation, pick_version, versions_by_key
from cms.locales import locale_for, locales_by_id, source_locale
from home.api import blocks
from home.api.refs import DocumentLink, Refs

router = Router(tags=["board"])

MAX_YEAR = 2200
Year = int


# Schemas ------------------------------------------------------------------------------------


class TermItem(Schema):
    """A two-year term of the board."""

    id: int
    start_date: datetime.date
    end_date: datetime.date
    is_current: bool = Field(description="The term running today.")


class RoleRef(Schema):
    kind: Literal["chair", "vice_chair", "member", "deputy", "secretary", "expert"]
    name: str = Field(description="The role's name in the requested language.")


class PersonRef(Schema):
    id: int
    first_name: str
    last_name: str
    email: str | None = Field(description="Only when the person consented and serves now; else null.")
    phone: str | None = Field(description="Only when the person consented and serves now; else null.")


class SeatHolder(Schema):
    membership_id: int
    person: PersonRef
    role: RoleRef
    organisation: str = Field(description="The agency, party or organisation the person comes from.")
    start_date: datetime.date
    end_date: datetime.date | None
    holdover: bool = Field(description="Continues from an earlier term until a successor is appointed.")


class SeatItem(Schema):
    """A seat with its member and personal deputy in the chosen term."""

    id: int
    group: Literal["elected", "agencies", "organisations"]
    group_label: str
    number: int
    name: str = Field(description="The agency or sector the seat represents, in the requested language.")
    fallback: bool = Field(description="True when the name is not translated and is shown in Finnish.")
    translations: list[Translation]
    member: SeatHolder | None
    deputy: SeatHolder | None


class SeatRef(Schema):
    id: int
    group: str
    number: int
    name: str


class MembershipItem(Schema):
    id: int
    term: TermItem
    role: RoleRef
    seat: SeatRef | None
    organisation: str
    start_date: datetime.date
    end_date: datetime.date | None
    deputy_of: int | None = Field(description="For a personal deputy: the member's membership id.")
    decision: str = Field(
        description="The appointing decision: diary number and section, e.g. HEL 2025-001234 § 12."
    )
    is_current: bool


class PersonItem(Schema):
    """A person with their memberships (newest first)."""

    id: int
    first_name: str
    last_name: str
    email: str | None = Field(description="Only when the person consented and serves now; else null.")
    phone: str | None = Field(description="Only when the person consented and serves now; else null.")
    memberships: list[MembershipItem]


class AttachmentItem(Schema):
    document: DocumentLink | None
    text: str


class BoardMeta(Schema):
    type: str = Field(description="`board.Meeting` or `board.Event`.")
    locale: str = Field(description="Language of the texts shown.")
    detail_url: str
    html_url: str | None = Field(description="Absolute public address, when the site shows it.")


class MeetingItem(Schema):
    """A board meeting with its documents."""

    id: int
    meta: BoardMeta
    fallback: bool = Field(description="True when the meeting is not translated and is shown in Finnish.")
    translations: list[Translation]
    reference: str = Field(description="Number and year as the board writes it, e.g. 3/2026.")
    number: int
    year: int
    title: str
    start: datetime.datetime
    place: str
    status: Literal["planned", "agenda_published", "held", "minutes_approved", "cancelled"]
    status_label: str
    summary: str
    agenda: DocumentLink | None
    minutes: DocumentLink | None
    attachments: list[AttachmentItem]
    ics_url: str | None


class EventItem(Schema):
    """An item of the activity calendar."""

    id: int
    meta: BoardMeta
    fallback: bool
    translations: list[Translation]
    title: str
    start: datetime.datetime
    end: datetime.datetime | None
    place: str
    description: str
    link: str
    document: DocumentLink | None


TermList = paginated(TermItem, "TermList")
SeatList = paginated(SeatItem, "SeatList")
PersonList = paginated(PersonItem, "PersonList")
MeetingList = paginated(MeetingItem, "MeetingList")
EventList = paginated(EventItem, "EventList")


# Helpers ------------------------------------------------------------------------------------


def _current_term_id() -> int | None:
    term = reference().current_term()
    return term.pk if term else None


def _term(term: Term, current_id: int | None) -> dict:
    return {
        "id": term.pk,
        "start_date": term.start_date,
        "end_date": term.end_date,
        "is_current": term.pk == current_id,
    }


def _person(person: Person) -> dict:
    return {
        "id": person.pk,
        "first_name": person.first_name,
        "last_name": person.last_name,
        # The board's single consent rule: consented field and currently serving.
        "email": person.public_email,
        "phone": person.public_phone,
    }


def _role(view: Any) -> dict:
    return {"kind": view.kind, "name": view.name}


def _translations(
    request: HttpRequest, versions: dict, shown: Any, name: str, kwarg: str, urls: dict | None = None
):
    out = []
    for code, obj in sorted(versions.items()):
        if obj.pk == shown.pk:
            continue
        out.append(
            {
                "locale": code,
                "id": obj.pk,
                "url": (urls or {}).get(code),
                "detail_url": api_url(request, name, **{kwarg: obj.pk}),
            }
        )
    return out


def _source(model: type, pk: int) -> Any:
    """The Finnish source row of any language version, or 404 (drafts never found)."""
    obj = visibility.public_objects(model).filter(pk=pk).first()
    if obj is None:
        raise Http404(_("Not found."))
    source = obj.get_translation_or_none(get_default_locale())
    if source is None or not visibility.is_public(source):
        source = obj
    return source


def get_default_locale():
    return source_locale()


# Terms ---------------------------------------------------------------------------------------


@router.get(
    "/terms/",
    response={200: TermList, **error_responses(400)},
    url_name="list_terms",
    summary="List terms",
    description="The board's terms of office, newest first; `is_current` marks the one running today.",
    operation_id="terms_list",
)
def list_terms(request: HttpRequest, lang: LocaleQuery = Query(...), pagination: Pagination = Query(...)):  # noqa: B008
    current_id = _current_term_id()
    terms = reference().terms
    count, terms = len(terms), terms[pagination.offset : pagination.offset + pagination.limit]
    return envelope(count, pagination, [_term(t, current_id) for t in terms])


@router.get(
    "/terms/{term_id}/",
    response={200: TermItem, **error_responses(400, 404)},
    url_name="detail_term",
    summary="Term detail",
    description="One term of office by id; 404 when there is none.",
    operation_id="terms_detail",
)
def term_detail(request: HttpRequest, term_id: Id, lang: LocaleQuery = Query(...)):  # noqa: B008
    term = Term.objects.filter(pk=term_id).first()
    if term is None:
        raise Http404(_("No such term."))
    return _term(term, _current_term_id())


# Seats --------------------------------------------------------------------------------------


class SeatQuery(Schema):
    term: Id | None = Field(default=None, description="Term id; the current term by default.")
    group: Literal["elected", "agencies", "organisations"] | None = None


def _holder(membership: Membership | None, holdover: bool) -> dict | None:
    if membership is None:
        return None
    return {
        "membership_id": membership.pk,
        "person": _person(membership.person),
        "role": _role(membership.role_view),
        "organisation": _organisation_name(getattr(membership, "organisation_view", None)),
        "start_date": membership.start_date,
        "end_date": membership.end_date,
        "holdover": holdover,
    }


@router.get(
    "/seats/",
    response={200: SeatList, **error_responses(400, 404)},
    url_name="list_seats",
    summary="List seats with their member and deputy",
    description="The seats of a term (the current one by default) in their order, each with its member "
    "and deputy, their role and organisation; `group` narrows to one group of seats.",
    operation_id="seats_list",
)
def list_seats(
    request: HttpRequest,
    query: SeatQuery = Query(...),  # noqa: B008
    lang: LocaleQuery = Query(...),  # noqa: B008
    pagination: Pagination = Query(...),  # noqa: B008
):
    ref = reference()
    term = next((t for t in ref.terms if t.pk == query.term), None) if query.term else ref.current_term()
    if term is None:
        if query.term:
            raise Http404(_("No such term."))
        return envelope(0, pagination, [])
    with translation.override(lang.locale):
        directory = build_directory(term)
        entries = [entry for group in directory.groups for entry in group.seats]
        if query.group:
            entries = [entry for entry in entries if entry.seat.group == query.group]
        labels = dict(SeatGroup.choices)
        count = len(entries)
        entries = entries[pagination.offset : pagination.offset + pagination.limit]
        sources = [entry.seat.source for entry in entries]
        versions = versions_by_key(Seat, sources)
        items = []
        for entry in entries:
            seat = entry.seat
            items.append(
                {
                    "id": seat.text.pk,
                    "group": seat.group,
                    "group_label": str(labels[seat.group]),
                    "number": seat.number,
                    "name": seat.name,
                    "fallback": seat.fallback,
                    "translations": [
                        {"locale": code, "id": obj.pk, "url": None, "detail_url": None}
                        for code, obj in sorted(versions.get(seat.translation_key, {}).items())
                        if obj.pk != seat.text.pk
                    ],
                    "member": _holder(entry.member, entry.member_holdover),
                    "deputy": _holder(entry.deputy, entry.deputy_holdover),
                }
            )
    return envelope(count, pagination, items)


# People -------------------------------------------------------------------------------------


class PeopleQuery(Schema):
    term: Id | None = Field(default=None, description="Only people with a membership in this term.")
    current: bool | None = Field(
        default=None, description="Only people serving now (true) or no longer (false)."
    )


def _organisation_name(organisation) -> str:
    """The organisation's name in the answer's language (its own where not translated)."""
    return organisation.name if organisation is not None else ""


def _membership(
    m: Membership,
    roles: dict,
    seats: dict,
    organisations: dict,
    terms: dict,
    current_ids: set,
    current_term: int | None,
):
    seat = seats.get(m.seat_id)
    return {
        "id": m.pk,
        "term": _term(terms[m.term_id], current_term),
        "role": _role(roles[m.role_id]),
        "seat": {"id": seat.text.pk, "group": seat.group, "number": seat.number, "name": seat.name}
        if seat
        else None,
        "organisation": _organisation_name(organisations.get(m.organisation_id)),
        "start_date": m.start_date,
        "end_date": m.end_date,
        "deputy_of": m.deputy_of_id,
        "decision": m.decision,
        "is_current": m.pk in current_ids,
    }


@router.get(
    "/people/",
    response={200: PersonList, **error_responses(400)},
    url_name="list_people",
    summary="List people with their memberships",
    description="Everyone who has held a membership, by last name, each with all their memberships "
    "(term, seat, role, organisation, dates); filter by `term` or by whether they serve now.",
    operation_id="people_list",
)
def list_people(
    request: HttpRequest,
    query: PeopleQuery = Query(...),  # noqa: B008
    lang: LocaleQuery = Query(...),  # noqa: B008
    pagination: Pagination = Query(...),  # noqa: B008
):
    people = Person.objects.with_serving().filter(memberships__isnull=False)
    if query.term:
        people = people.filter(memberships__term_id=query.term)
    if query.current is not None:
        people = people.filter(serving=query.current)
    count, page = paginate(people.distinct().order_by("last_name", "first_name", "pk"), pagination)
    return envelope(count, pagination, _people_items(page, lang.locale))


def _people_items(people: list[Person], code: str) -> list[dict]:
    if not people:
        return []
    ids = [p.pk for p in people]
    memberships = list(
        Membership.objects.filter(person_id__in=ids).select_related("term").order_by("-start_date", "pk")
    )
    current_ids = set(Membership.objects.current().filter(person_id__in=ids).values_list("pk", flat=True))
    locale = get_locale_by_code(code)
    ref = reference()
    roles = localized_map(ref.roles, locale)
    seats = localized_map(ref.seats, locale)
    organisations = localized_map(ref.organisations, locale)
    terms = {m.term_id: m.term for m in memberships}
    current_term = _current_term_id()
    by_person: dict[int, list] = {}
    for m in memberships:
        by_person.setdefault(m.person_id, []).append(m)
    return [
        {
            **_person(person),
            "memberships": [
                _membership(m, roles, seats, organisations, terms, current_ids, current_term)
                for m in by_person.get(person.pk, [])
            ],
        }
        for person in people
    ]


def get_locale_by_code(code: str):
    return locale_for(code)


@router.get(
    "/people/{person_id}/",
    response={200: PersonItem, **error_responses(400, 404)},
    url_name="detail_person",
    summary="Person detail",
    description="One person by id with all their memberships; 404 for an unknown id.",
    operation_id="people_detail",
)
def person_detail(request: HttpRequest, person_id: Id, lang: LocaleQuery = Query(...)):  # noqa: B008
    person = Person.objects.with_serving().filter(pk=person_id, memberships__isnull=False).distinct().first()
    if person is None:
        raise Http404(_("No such person."))
    prime_serving([person])
    return _people_items([person], lang.locale)[0]


# Meetings -----------------------------------------------------------------------------------


class MeetingQuery(Schema):
    year: int | None = Field(default=None, ge=1900, le=MAX_YEAR, description="Meetings of this year.")
    status: Literal["planned", "agenda_published", "held", "minutes_approved", "cancelled"] | None = None
    from_date: IsoDate | None = Field(
        default=None, alias="from", description="Meetings on or after this date."
    )
    to_date: IsoDate | None = Field(default=None, alias="to", description="Meetings on or before this date.")
    order: Literal["start", "-start"] = Field(default="-start", description="Newest first by default.")


def _archives(request: HttpRequest) -> dict[str, tuple[Any, str]]:
    """The live minutes archive page of each language with its absolute URL: one query."""
    cached = getattr(request, "_api_archives", None)
    if cached is None:
        cached = {}
        by_id = locales_by_id(request)
        for page in visibility.public_pages(MinutesArchivePage).order_by("path"):
            page.locale = by_id.get(page.locale_id) or page.locale
            cached.setdefault(page.locale.language_code, (page, page_url(page, request)))
        request._api_archives = cached
    return cached


def _meeting_urls(request: HttpRequest, meeting: Meeting) -> dict[str, str]:
    urls = {}
    for code, (page, base) in _archives(request).items():
        if base:
            urls[code] = page.meeting_url(meeting, base)
    return urls


def _collect_meeting(meeting: Meeting, shown: Meeting, refs: Refs) -> None:
    refs.want("document", meeting.agenda_id)
    refs.want("document", meeting.minutes_id)
    blocks.collect(shown.attachments.stream_block, shown.attachments.raw_data, refs)


def _meeting_item(request: HttpRequest, source: Meeting, versions: dict, code: str, refs: Refs) -> dict:
    shown, fallback = pick_version(source, versions, code)
    urls = _meeting_urls(request, source)
    archive = _archives(request).get(code) or _archives(request).get(source.locale.language_code)
    ics_url = None
    if archive and archive[1]:
        ics_url = archive[0].meeting_url(source, archive[1], name="meeting_ics")
    attachments = blocks.render(shown.attachments.stream_block, shown.attachments.raw_data, refs)
    return {
        "id": shown.pk,
        "meta": {
            "type": "board.Meeting",
            "locale": shown.locale.language_code,
            "detail_url": api_url(request, "detail_meeting", meeting_id=shown.pk),
            "html_url": urls.get(code) or urls.get(source.locale.language_code),
        },
        "fallback": fallback,
        "translations": _translations(request, versions, shown, "detail_meeting", "meeting_id", urls),
        "reference": source.reference,
        "number": source.number,
        "year": source.year,
        "title": shown.title,
        "start": source.start,
        "place": shown.place,
        "status": source.status,
        "status_label": str(MeetingStatus(source.status).label),
        "summary": shown.summary,
        "agenda": refs.document(source.agenda_id),
        "minutes": refs.document(source.minutes_id),
        "attachments": [item["value"] for item in attachments],
        "ics_url": ics_url,
    }


def meeting_items(request: HttpRequest, sources: list[Meeting], code: str) -> list[dict]:
    if not sources:
        return []
    versions = versions_by_key(Meeting, sources)
    refs = Refs(request, language=code)
    for source in sources:
        shown, _fallback = pick_version(source, versions.get(source.translation_key, {}), code)
        _collect_meeting(source, shown, refs)
    refs.load()
    with translation.override(code):
        return [
            _meeting_item(request, source, versions.get(source.translation_key, {}), code, refs)
            for source in sources
        ]


def source_meetings():
    return visibility.public_objects(Meeting).filter(locale=get_default_locale()).select_related("locale")


@router.get(
    "/meetings/",
    response={200: MeetingList, **error_responses(400)},
    url_name="list_meetings",
    summary="List meetings with their documents",
    description="The board's meetings, newest first by default, each with its status, place, agenda, "
    "minutes, attachments and calendar file (`ics_url`); filter by year, status or a date range.",
    operation_id="meetings_list",
)
def list_meetings(
    request: HttpRequest,
    query: MeetingQuery = Query(...),  # noqa: B008
    lang: LocaleQuery = Query(...),  # noqa: B008
    pagination: Pagination = Query(...),  # noqa: B008
):
    meetings = source_meetings()
    if query.year:
        meetings = meetings.filter(year=query.year)
    if query.status:
        meetings = meetings.filter(status=query.status)
    if query.from_date:
        meetings = meetings.filter(start__date__gte=query.from_date)
    if query.to_date:
        meetings = meetings.filter(start__date__lte=query.to_date)
    count, page = paginate(meetings.order_by(query.order, "pk"), pagination)
    return envelope(count, pagination, meeting_items(request, page, lang.locale))


@router.get(
    "/meetings/{meeting_id}/",
    response={200: MeetingItem, **error_responses(400, 404)},
    url_name="detail_meeting",
    summary="Meeting detail",
    description="One meeting by id in the requested language, with its documents; 404 for an unknown "
    "or unpublished meeting.",
    operation_id="meetings_detail",
)
def meeting_detail(request: HttpRequest, meeting_id: Id, lang: LocaleQuery = Query(...)):  # noqa: B008
    source = _source(Meeting, meeting_id)
    return meeting_items(request, [source], lang.locale)[0]


# Events -------------------------------------------------------------------------------------


class EventQuery(Schema):
    from_date: IsoDate | None = Field(
        default=None, alias="from", description="Events ending on or after this date."
    )
    to_date: IsoDate | None = Field(
        default=None, alias="to", description="Events starting on or before this date."
    )
    upcoming: bool | None = Field(
        default=None, description="Only events not yet over (true) or over (false)."
    )
    order: Literal["start", "-start"] = "start"


def event_items(request: HttpRequest, sources: list[Event], code: str) -> list[dict]:
    if not sources:
        return []
    versions = versions_by_key(Event, sources)
    refs = Refs(request, language=code)
    for source in sources:
        refs.want("document", source.document_id)
    refs.load()
    calendars = getattr(request, "_api_calendars", None)
    if calendars is None:
        by_id = locales_by_id(request)
        calendars = {
            by_id[p.locale_id].language_code: page_url(p, request)
            for p in visibility.public_pages(CalendarPage).order_by("path")
            if p.locale_id in by_id
        }
    items = []
    for source in sources:
        group = versions.get(source.translation_key, {})
        shown, fallback = pick_version(source, group, code)
        items.append(
            {
                "id": shown.pk,
                "meta": {
                    "type": "board.Event",
                    "locale": shown.locale.language_code,
                    "detail_url": api_url(request, "detail_event", event_id=shown.pk),
                    "html_url": calendars.get(code) or calendars.get(source.locale.language_code),
                },
                "fallback": fallback,
                "translations": _translations(request, group, shown, "detail_event", "event_id", calendars),
                "title": shown.title,
                "start": source.start,
                "end": source.end,
                "place": shown.place,
                "description": shown.description,
                "link": source.link,
                "document": refs.document(source.document_id),
            }
        )
    return items


@router.get(
    "/events/",
    response={200: EventList, **error_responses(400)},
    url_name="list_events",
    summary="List events of the activity calendar",
    description="Events of the activity calendar, soonest first by default, with their time, place "
    "and linked document; filter by a date range or by whether they are over.",
    operation_id="events_list",
)
def list_events(
    request: HttpRequest,
    query: EventQuery = Query(...),  # noqa: B008
    lang: LocaleQuery = Query(...),  # noqa: B008
    pagination: Pagination = Query(...),  # noqa: B008
):
    events = visibility.public_objects(Event).filter(locale=get_default_locale()).select_related("locale")
    if query.from_date:
        events = events.filter(Q(start__date__gte=query.from_date) | Q(end__date__gte=query.from_date))
    if query.to_date:
        events = events.filter(start__date__lte=query.to_date)
    if query.upcoming is not None:
        now = timezone.now()
        not_over = Q(start__gte=now) | Q(end__gte=now)
        events = events.filter(not_over) if query.upcoming else events.exclude(not_over)
    count, page = paginate(events.order_by(query.order, "pk"), pagination)
    return envelope(count, pagination, event_items(request, page, lang.locale))


@router.get(
    "/events/{event_id}/",
    response={200: EventItem, **error_responses(400, 404)},
    url_name="detail_event",
    summary="Event detail",
    description="One event by id in the requested language; 404 for an unknown or unpublished event.",
    operation_id="events_detail",
)
def event_detail(request: HttpRequest, event_id: Id, lang: LocaleQuery = Query(...)):  # noqa: B008
    source = _source(Event, event_id)
    return event_items(request, [source], lang.locale)[0]
