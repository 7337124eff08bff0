"""Each rule of the board, broken through the real snippet admin: the form says why, nothing is saved."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone
from lxml import html as lxml_html

from board import factories as f
from board.models import Meeting, MeetingStatus, Membership, RoleKind, SeatGroup
from documents.factories import DocumentFactory
from tests.board.admin_forms import error_text, form_values, use_english
from tests.board.conftest import day

ADD_MEMBERSHIP = reverse("wagtailsnippets_board_membership:add")
ADD_MEETING = reverse("wagtailsnippets_board_meeting:add")


@pytest.fixture
def editor(admin_client, superuser):
    use_english(superuser)
    return admin_client


def membership_form(client, **fields):
    data = form_values(client, ADD_MEMBERSHIP)
    data.update({k: "" if v is None else str(v) for k, v in fields.items()})
    return data


def meeting_form(client, url=ADD_MEETING, **fields):
    data = form_values(client, url)
    # The attachments StreamField is drawn by JavaScript; with no attachments it posts a zero count.
    data.setdefault("attachments-count", "0")
    data.update({k: "" if v is None else str(v) for k, v in fields.items()})
    return data


@pytest.fixture
def seat(seats):
    return seats[SeatGroup.ORGANISATIONS][0]


def test_membership_ending_before_it_starts_is_refused(editor, roles, seat, terms):
    person = f.PersonFactory()
    data = membership_form(
        editor,
        person=person.pk,
        term=terms["current"].pk,
        role=roles[RoleKind.MEMBER].pk,
        seat=seat.pk,
        start_date=day(terms["current"], 59),
        end_date=day(terms["current"], 31),
    )
    response = editor.post(ADD_MEMBERSHIP, data)
    assert response.status_code == 200
    assert "A membership cannot end before it starts." in error_text(response)
    assert not Membership.objects.exists()


def test_a_valid_membership_is_saved_through_the_same_form(editor, roles, seat, terms):
    person = f.PersonFactory()
    data = membership_form(
        editor,
        person=person.pk,
        term=terms["current"].pk,
        role=roles[RoleKind.MEMBER].pk,
        seat=seat.pk,
        start_date=day(terms["current"], 0),
        end_date="",
    )
    response = editor.post(ADD_MEMBERSHIP, data)
    assert response.status_code == 302, error_text(response)
    saved = Membership.objects.get()
    assert (saved.person, saved.seat, saved.end_date) == (person, seat, None)


def test_second_chair_in_the_same_term_is_refused(editor, roles, seats, terms):
    first = f.MembershipFactory(
        role=roles[RoleKind.CHAIR], seat=seats[SeatGroup.ELECTED][0], term=terms["current"]
    )
    data = membership_form(
        editor,
        person=f.PersonFactory().pk,
        term=terms["current"].pk,
        role=roles[RoleKind.CHAIR].pk,
        seat=seats[SeatGroup.ELECTED][1].pk,
        start_date=day(terms["current"], 151),
    )
    response = editor.post(ADD_MEMBERSHIP, data)
    assert response.status_code == 200
    assert f"The term already has a chair for this period: {first.person}." in error_text(response)
    assert Membership.objects.filter(role__kind=RoleKind.CHAIR).count() == 1


def test_a_new_chair_after_the_previous_one_left_is_accepted(editor, roles, seats, terms):
    f.MembershipFactory(
        role=roles[RoleKind.CHAIR],
        seat=seats[SeatGroup.ELECTED][0],
        term=terms["current"],
        end_date=terms["current"].start_date + datetime.timedelta(days=150),
    )
    data = membership_form(
        editor,
        person=f.PersonFactory().pk,
        term=terms["current"].pk,
        role=roles[RoleKind.CHAIR].pk,
        seat=seats[SeatGroup.ELECTED][1].pk,
        start_date=day(terms["current"], 151),
    )
    assert editor.post(ADD_MEMBERSHIP, data).status_code == 302
    assert Membership.objects.filter(role__kind=RoleKind.CHAIR).count() == 2


def test_deputy_for_a_seat_without_a_member_is_refused(editor, roles, seat, terms):
    data = membership_form(
        editor,
        person=f.PersonFactory().pk,
        term=terms["current"].pk,
        role=roles[RoleKind.DEPUTY].pk,
        seat=seat.pk,
        start_date=day(terms["current"], 0),
    )
    response = editor.post(ADD_MEMBERSHIP, data)
    assert response.status_code == 200
    assert "The seat has no member in this term for this period: appoint the member first." in error_text(
        response
    )
    assert not Membership.objects.exists()


def test_deputy_is_refused_when_the_member_belongs_to_another_term(editor, roles, seat, terms):
    f.MembershipFactory(role=roles[RoleKind.MEMBER], seat=seat, term=terms["previous"])
    data = membership_form(
        editor,
        person=f.PersonFactory().pk,
        term=terms["current"].pk,
        role=roles[RoleKind.DEPUTY].pk,
        seat=seat.pk,
        start_date=day(terms["current"], 0),
    )
    response = editor.post(ADD_MEMBERSHIP, data)
    assert "appoint the member first" in error_text(response)
    assert Membership.objects.count() == 1


def test_member_without_a_seat_is_refused(editor, roles, terms):
    data = membership_form(
        editor,
        person=f.PersonFactory().pk,
        term=terms["current"].pk,
        role=roles[RoleKind.MEMBER].pk,
        seat="",
        start_date=day(terms["current"], 0),
    )
    response = editor.post(ADD_MEMBERSHIP, data)
    assert "Choose the seat for a member, chair, vice chair or deputy." in error_text(response)
    assert not Membership.objects.exists()


def test_meeting_number_used_twice_in_a_year_is_refused(editor, locales):
    f.MeetingFactory(number=3, start=timezone.make_aware(datetime.datetime(2026, 3, 5, 16)))
    data = meeting_form(
        editor,
        title="Toinen kokous",
        number=3,
        start="2026-09-10 16:00",
        status=MeetingStatus.PLANNED,
        **{"action-publish": "action-publish"},
    )
    response = editor.post(ADD_MEETING, data)
    assert response.status_code == 200
    assert "Meeting number 3/2026 is already in use." in error_text(response)
    assert Meeting.objects.count() == 1


def test_same_number_in_another_year_is_accepted(editor, locales):
    f.MeetingFactory(number=3, start=timezone.make_aware(datetime.datetime(2025, 3, 5, 16)))
    data = meeting_form(editor, title="Kokous", number=3, start="2026-03-05 16:00", status="planned")
    assert editor.post(ADD_MEETING, data).status_code == 302, error_text(editor.post(ADD_MEETING, data))
    assert sorted(Meeting.objects.values_list("year", flat=True)) == [2025, 2026]


def test_minutes_approved_without_minutes_is_refused_on_create(editor, locales):
    data = meeting_form(
        editor, title="Kokous", number=1, start="2025-02-05 16:00", status=MeetingStatus.MINUTES_APPROVED
    )
    response = editor.post(ADD_MEETING, data)
    assert response.status_code == 200
    assert "Add the minutes document before marking the minutes approved." in error_text(response)
    assert not Meeting.objects.exists()


def test_minutes_approved_without_minutes_is_refused_on_edit(editor, locales):
    meeting = f.MeetingFactory(status=MeetingStatus.HELD)
    url = reverse("wagtailsnippets_board_meeting:edit", args=[meeting.pk])
    data = meeting_form(editor, url, status=MeetingStatus.MINUTES_APPROVED, **{"action-publish": "1"})
    response = editor.post(url, data)
    assert response.status_code == 200
    assert "Add the minutes document before marking the minutes approved." in error_text(response)
    meeting.refresh_from_db()
    assert meeting.status == MeetingStatus.HELD
    assert meeting.latest_revision is None


def test_minutes_approved_with_minutes_is_published(editor, locales):
    meeting = f.MeetingFactory(status=MeetingStatus.HELD)
    minutes = DocumentFactory(title="Pöytäkirja 1/2025", kind="minutes", read=False)
    url = reverse("wagtailsnippets_board_meeting:edit", args=[meeting.pk])
    data = meeting_form(
        editor, url, status=MeetingStatus.MINUTES_APPROVED, minutes=minutes.pk, **{"action-publish": "1"}
    )
    assert editor.post(url, data).status_code == 302
    meeting.refresh_from_db()
    assert (meeting.status, meeting.minutes) == (MeetingStatus.MINUTES_APPROVED, minutes)


def test_agenda_published_without_agenda_is_refused(editor, locales):
    data = meeting_form(
        editor, title="Kokous", number=1, start="2025-02-05 16:00", status=MeetingStatus.AGENDA_PUBLISHED
    )
    response = editor.post(ADD_MEETING, data)
    assert "Add the agenda document before marking the agenda published." in error_text(response)
    assert not Meeting.objects.exists()


def test_future_meeting_cannot_be_marked_held(editor, locales):
    start = (timezone.localtime() + datetime.timedelta(days=20)).strftime("%Y-%m-%d %H:%M")
    data = meeting_form(editor, title="Kokous", number=1, start=start, status=MeetingStatus.HELD)
    response = editor.post(ADD_MEETING, data)
    assert "A meeting that has not started yet cannot be held." in error_text(response)
    assert not Meeting.objects.exists()


def test_event_ending_before_it_starts_is_refused(editor, locales):
    url = reverse("wagtailsnippets_board_event:add")
    data = form_values(editor, url)
    data.update(title="Seminaari", start="2026-05-05 12:00", end="2026-05-05 10:00")
    response = editor.post(url, data)
    assert "An event cannot end before it starts." in error_text(response)
    from board.models import Event

    assert not Event.objects.exists()


def test_term_ending_before_it_starts_is_refused(editor):
    from board.models import Term

    url = reverse("wagtailsnippets_board_term:add")
    data = form_values(editor, url)
    data.update(start_date="2027-01-01", end_date="2026-12-31")
    response = editor.post(url, data)
    assert "A term must end after it starts." in error_text(response)
    assert not Term.objects.exists()


def test_membership_form_offers_only_source_language_seats_and_roles(editor, roles, seat, locales):
    copy = seat.copy_for_translation(locales["sv"])
    copy.name = "Sektor (sv)"
    copy.save()
    response = editor.get(ADD_MEMBERSHIP)
    doc = lxml_html.fromstring(response.content.decode())
    seat_options = {o.get("value") for o in doc.xpath('//select[@name="seat"]/option') if o.get("value")}
    role_options = {o.get("value") for o in doc.xpath('//select[@name="role"]/option') if o.get("value")}
    assert str(seat.pk) in seat_options and str(copy.pk) not in seat_options
    assert role_options == {str(r.pk) for r in roles.values()}
