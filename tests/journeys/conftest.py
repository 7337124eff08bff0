"""Fixtures of the communications editor's journeys 1–4 (tests/journeys/test_editor_journeys.py).

Built on tests/journeys/staff.py (the board's site in fi/sv/en, staff accounts, the browser
that reaches only the live server, the login form, the English-string check), with what
journeys 1–4 add: seats, a current term's members with a personal deputy, a meeting held last
week still waiting for its minutes.

    journey_content   the live server with that content (a Content)
    editor            a member of the communications group, admin in Finnish
    screens           AdminScreens("fi"): every admin screen visited, checked for English
    editor_page       the editor's tab, signed in through the login form, on the dashboard
    public_page       a second tab, for what visitors see
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from zoneinfo import ZoneInfo

import pytest
from django.utils import timezone, translation
from wagtail.models import Locale

from tests.journeys.staff import (
    AdminScreens,
    BoardSite,
    browser_context,
    build_board_site,
    log_in,
    staff_user,
)

HELSINKI = ZoneInfo("Europe/Helsinki")

# The member leaves mid-term; her personal deputy stays; the successor is in the person
# register already, beside a namesake, so the chooser's search has to find the right one.
LEAVER = ("Laura", "Lähtijä")
DEPUTY = ("Dora", "Varajäsen")
SUCCESSOR = ("Seppo", "Seuraaja")
NAMESAKE = ("Seppo", "Sivullinen")
OTHER_MEMBERS = [("Aino", "Puheenjohtaja"), ("Helmi", "Malli"), ("Ilmari", "Kokeilu"), ("Olli", "Näyte")]

# Last week's meeting, in the three languages: (title, place).
HELD_MEETING = {
    "fi": ("Toimintasuunnitelma ja talousarvio", "Kaupungintalo, Pohjoisesplanadi 11–13"),
    "sv": ("Verksamhetsplan och budget", "Stadshuset, Norra esplanaden 11–13"),
    "en": ("Action plan and budget", "City Hall, Pohjoisesplanadi 11–13"),
}
HELD_MEETING_NUMBER = 9


@dataclass
class Content:
    """What the journeys start from."""

    site: BoardSite
    seats: dict = field(default_factory=dict)
    people: dict = field(default_factory=dict)
    memberships: dict = field(default_factory=dict)
    held_meeting: object = None


def _translate(obj, strings_by_code: dict[str, dict[str, str]]) -> None:
    from cms.localize_programmatic import translate_object

    for code, strings in strings_by_code.items():
        translate_object(obj, code, strings)


def _seats(content: Content) -> None:
    """The first two seats of each group, translated: a directory with every group in it."""
    from board import demo as board_demo
    from board.models import Seat

    fi = Locale.objects.get(language_code="fi")
    for group, names in board_demo.SEATS.items():
        for number, (name, sv, en) in enumerate(names[:2], start=1):
            seat = Seat.objects.create(group=group, number=number, name=name, locale=fi)
            _translate(seat, {"sv": {name: sv}, "en": {name: en}})
            content.seats[(group, number)] = seat


def _memberships(content: Content) -> None:
    from board.models import Membership, Organisation, Person, RoleKind, SeatGroup

    term = content.site.term

    def person(first, last, n):
        return Person.objects.create(
            first_name=first, last_name=last, email=f"{first.lower()}.{n}@example.invalid", email_public=True
        )

    people = {"leaver": person(*LEAVER, 1), "deputy": person(*DEPUTY, 2)}
    people["successor"] = person(*SUCCESSOR, 3)
    people["namesake"] = person(*NAMESAKE, 4)
    content.people = people

    def membership(key, who, kind, seat_key, **extra):
        membership = Membership(
            person=who,
            role=content.site.roles[kind],
            seat=content.seats[seat_key],
            term=term,
            start_date=term.start_date,
            decision_date=term.start_date - datetime.timedelta(days=20),
            diary_number="HEL 2024-016115",
            decision_section="§ 764",
            **extra,
        )
        membership.full_clean()  # the admin form's rules
        membership.save()
        content.memberships[key] = membership
        return membership

    agencies_1 = (SeatGroup.AGENCIES, 1)
    leaver = membership(
        "leaver",
        people["leaver"],
        RoleKind.MEMBER,
        agencies_1,
        organisation=Organisation.objects.get_or_create(name="Kaupunginkanslia", locale=Locale.get_default())[
            0
        ],
    )
    membership("deputy", people["deputy"], RoleKind.DEPUTY, agencies_1, deputy_of=leaver)
    seats = [
        (SeatGroup.ELECTED, 1),
        (SeatGroup.ELECTED, 2),
        (SeatGroup.AGENCIES, 2),
        (SeatGroup.ORGANISATIONS, 1),
    ]
    kinds = [RoleKind.CHAIR, RoleKind.MEMBER, RoleKind.MEMBER, RoleKind.VICE_CHAIR]
    for n, (name, seat_key, kind) in enumerate(zip(OTHER_MEMBERS, seats, kinds, strict=True), start=10):
        membership(name[1], person(*name, n), kind, seat_key)


def held_meeting_start() -> datetime.datetime:
    """Last week, at four in the afternoon in Helsinki."""
    day = timezone.localdate() - datetime.timedelta(days=7)
    return datetime.datetime.combine(day, datetime.time(16, 0), HELSINKI)


def _held_meeting(content: Content) -> None:
    """Held last week, agenda published, translated; the minutes are still missing."""
    from board.models import Meeting, MeetingStatus
    from documents.demo import get_or_create_pdf

    start = held_meeting_start()
    reference = f"{HELD_MEETING_NUMBER}/{start.year}"
    title, place = HELD_MEETING["fi"]
    agenda = get_or_create_pdf(
        f"Esityslista {reference}",
        [f"Kokous {reference}. 1. Avaus. 2. {title}."],
        "agenda",
        date=start.date(),
    )
    meeting = Meeting(
        locale=Locale.objects.get(language_code="fi"),
        title=title,
        number=HELD_MEETING_NUMBER,
        start=start,
        place=place,
        status=MeetingStatus.HELD,
        agenda=agenda,
    )
    meeting.full_clean()
    meeting.save()
    meeting.save_revision().publish()
    _translate(meeting, {code: {title: t, place: p} for code, (t, p) in HELD_MEETING.items() if code != "fi"})
    content.held_meeting = Meeting.objects.get(pk=meeting.pk)


@pytest.fixture
def journey_content(live_server, settings, tmp_path) -> Content:
    """The content, committed before the browser starts (Playwright's event loop forbids
    Django's synchronous database calls in this thread afterwards)."""
    from django.urls import get_resolver

    from board.permissions import ensure_communications_group

    settings.MEDIA_ROOT = str(tmp_path / "media")
    # A server loads its URLs at its first request, in the default language. Loading them here
    # first keeps them from being loaded inside a Swedish translate_object() below: Wagtail
    # builds the admin's forms (and freezes their choosers' button texts) when the URLs load.
    with translation.override(settings.LANGUAGE_CODE):
        get_resolver().url_patterns  # noqa: B018
    content = Content(site=build_board_site())
    _seats(content)
    _memberships(content)
    _held_meeting(content)
    ensure_communications_group()
    return content


@pytest.fixture
def editor(journey_content):
    from board.permissions import GROUP_NAME

    return staff_user("viestija", GROUP_NAME, "fi", "Venla", "Viestijä")


@pytest.fixture
def screens() -> AdminScreens:
    return AdminScreens("fi")


@pytest.fixture
def finnish_context(browser, live_server, monkeypatch):
    # Playwright's sync API runs an event loop in this thread; the test's own ORM reads are
    # ordinary synchronous code.
    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    with browser_context(browser, live_server.url, "fi-FI") as context:
        yield context


@pytest.fixture
def editor_page(editor, finnish_context, live_server, screens):
    page = finnish_context.new_page()
    log_in(page, live_server.url, editor, "fi", screens)
    return page


@pytest.fixture
def public_page(finnish_context):
    return finnish_context.new_page()
