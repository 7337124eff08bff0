"""The board's demo content: complete, fictional, translated, and idempotent."""

import io
import re

import pytest
from django.core.management import call_command
from django.test import TestCase
from django.utils import timezone
from lxml import html as lxml_html
from pypdf import PdfReader
from wagtail.models import Page, Revision

from board.models import (
    Event,
    Meeting,
    MeetingStatus,
    Membership,
    Person,
    Role,
    RoleKind,
    Seat,
    SeatGroup,
    Term,
)
from tests.conftest import module_transaction


def load_demo() -> None:
    # wagtail-localize publishes translations on commit; run those callbacks as a commit would.
    with TestCase.captureOnCommitCallbacks(execute=True):
        call_command("load_demo", stdout=io.StringIO())


@pytest.fixture(scope="module")
def demo_db(django_db_setup, django_db_blocker):
    """The demo loaded once for this module (it takes minutes), rolled back afterwards."""
    with module_transaction(django_db_blocker):
        load_demo()
        yield


@pytest.fixture
def demo(demo_db, db):
    return load_demo


def snapshot() -> dict:
    from wagtail.documents import get_document_model

    return {
        model.__name__: model.objects.count()
        for model in (
            Term,
            Seat,
            Role,
            Person,
            Membership,
            Meeting,
            Event,
            Page,
            Revision,
            get_document_model(),
        )
    }


def test_demo_builds_two_terms_of_all_21_seats_and_is_idempotent(demo):
    before = snapshot()
    demo()
    assert snapshot() == before

    assert [str(t) for t in Term.objects.all()] == ["2025–2026", "2023–2024"]
    fi_seats = Seat.objects.filter(locale__language_code="fi")
    assert fi_seats.count() == 21
    assert {g: fi_seats.filter(group=g).count() for g in SeatGroup.values} == {
        "elected": 5,
        "agencies": 6,
        "organisations": 10,
    }
    for term in Term.objects.all():
        memberships = Membership.objects.filter(term=term)
        holders = memberships.filter(role__kind__in=[RoleKind.CHAIR, RoleKind.VICE_CHAIR, RoleKind.MEMBER])
        assert holders.values("seat").distinct().count() == 21
        assert memberships.filter(role__kind=RoleKind.DEPUTY).values("seat").distinct().count() == 21
        assert memberships.filter(role__kind=RoleKind.CHAIR).count() == 1
        assert memberships.filter(role__kind=RoleKind.VICE_CHAIR).count() == 1
        assert memberships.filter(role__kind=RoleKind.SECRETARY).count() == 1
        for membership in memberships:
            membership.full_clean()  # every demo row obeys the admin's rules
    current = Term.objects.first()
    ended = Membership.objects.filter(term=current, end_date__isnull=False, role__kind=RoleKind.MEMBER).get()
    assert Membership.objects.filter(term=current, seat=ended.seat, start_date__gt=ended.end_date).exists()
    assert Membership.objects.filter(term=current, role__kind=RoleKind.EXPERT).exists()

    people = Person.objects.all()
    assert all(re.fullmatch(r"[a-z]+\.[a-z]+@example\.invalid", p.email) for p in people)
    assert people.filter(email_public=True).exists() and people.filter(email_public=False).exists()
    assert people.filter(phone_public=True).exists() and people.filter(phone_public=False).exists()


def test_demo_meetings_cover_three_years_with_real_pdfs_and_consistent_statuses(demo):
    meetings = Meeting.objects.filter(locale__language_code="fi")
    assert set(meetings.values_list("year", flat=True)) >= {2024, 2025, 2026}
    assert meetings.filter(status=MeetingStatus.CANCELLED).count() == 1
    now = timezone.now()
    for meeting in meetings:
        assert meeting.live
        meeting.full_clean()
        numbers = list(meetings.filter(year=meeting.year).order_by("start").values_list("number", flat=True))
        assert numbers == list(range(1, len(numbers) + 1))
        if meeting.status in (MeetingStatus.HELD, MeetingStatus.MINUTES_APPROVED):
            assert meeting.start < now
        if meeting.status in (MeetingStatus.PLANNED, MeetingStatus.AGENDA_PUBLISHED):
            assert meeting.start > now
    approved = meetings.filter(status=MeetingStatus.MINUTES_APPROVED)
    assert approved.count() >= 10
    sample = approved.first()
    for document in (sample.agenda, sample.minutes):
        with document.file.open("rb") as fh:
            text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(fh.read())).pages)
        assert "neuvottelukunnan kokous" in text.lower()
        assert document.file_size and document.file_hash
    assert Event.objects.filter(locale__language_code="fi", live=True).count() >= 3
    assert Event.objects.filter(locale__language_code="fi", start__gt=now).exists()
    assert Event.objects.filter(locale__language_code="fi", start__lt=now).exists()


PAGES = [
    ("/fi/jasenet/", "Kaupunginhallitus"),
    ("/sv/medlemmar/", "Stadsstyrelsen"),
    ("/en/members/", "City Board"),
    ("/fi/kokousmuistiot/", "Toimintasuunnitelma ja talousarvio"),
    ("/sv/protokoll/", "Verksamhetsplan och budget"),
    ("/en/minutes/", "Action plan and budget"),
    ("/fi/toimintakalenteri/", "Vapaaehtoisten päivä"),
    ("/sv/verksamhetskalender/", "De frivilligas dag"),
    ("/en/calendar/", "Volunteers' Day"),
]


def test_demo_pages_render_in_three_languages(client, demo):
    for url, expected in PAGES:
        response = client.get(url)
        assert response.status_code == 200, url
        doc = lxml_html.fromstring(response.content.decode())
        assert expected in doc.xpath("string(//main)"), url
        assert doc.get("lang") == url[1:3]


def test_home_pages_link_to_the_board_pages_in_their_language(client, demo):
    for code, paths, text in (
        ("fi", ["/fi/jasenet/", "/fi/kokousmuistiot/", "/fi/toimintakalenteri/"], "Kokousmuistiot"),
        ("sv", ["/sv/medlemmar/", "/sv/protokoll/", "/sv/verksamhetskalender/"], "Protokoll"),
        ("en", ["/en/members/", "/en/minutes/", "/en/calendar/"], "Meeting minutes"),
    ):
        doc = lxml_html.fromstring(client.get(f"/{code}/").content.decode())
        hrefs = doc.xpath("//main//a/@href")
        for path in paths:
            assert path in hrefs, (code, path)
        assert text in [a.text_content() for a in doc.xpath("//main//a")]
