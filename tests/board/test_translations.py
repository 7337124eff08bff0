"""Board content in Swedish: translated through wagtail-localize, facts always from the source."""

import datetime
from zoneinfo import ZoneInfo

import pytest
from lxml import html as lxml_html

from board import factories as f
from board.models import Event, Meeting, MeetingStatus, Person, RoleKind, Seat, SeatGroup
from documents.factories import DocumentFactory
from tests.board.scenario import build_board

HELSINKI = ZoneInfo("Europe/Helsinki")


@pytest.fixture
def swedish_pages(translated_home, board_pages, translate):
    slugs = {"directory": "medlemmar", "archive": "protokoll", "calendar": "verksamhetskalender"}
    for key, slug in slugs.items():
        translate(
            board_pages[key], "sv", {board_pages[key].title: f"{key} (sv)", board_pages[key].slug: slug}
        )
    return board_pages


def published_meeting(**kwargs):
    meeting = f.MeetingFactory(**kwargs)
    meeting.save_revision().publish()
    return meeting


def test_translated_meeting_shows_swedish_text_and_untranslated_falls_back_marked_finnish(
    client, swedish_pages, translate
):
    translated = published_meeting(
        number=1,
        start=datetime.datetime(2025, 2, 5, 16, tzinfo=HELSINKI),
        title="Talousarvio",
        place="Kaupungintalo",
    )
    published_meeting(
        number=2, start=datetime.datetime(2025, 3, 5, 16, tzinfo=HELSINKI), title="Vain suomeksi"
    )
    translate(translated, "sv", {"Talousarvio": "Budget", "Kaupungintalo": "Stadshuset"})
    doc = lxml_html.fromstring(client.get("/sv/protokoll/").content.decode())
    titles = {" ".join(a.text_content().split()): a for a in doc.xpath("//table//tbody//th//a")}
    assert set(titles) == {"1/2025 Budget", "2/2025 Vain suomeksi"}
    assert titles["2/2025 Vain suomeksi"].xpath(".//span/@lang") == ["fi"]
    assert titles["1/2025 Budget"].xpath(".//span/@lang") == []
    assert titles["1/2025 Budget"].get("href") == "/sv/protokoll/2025/1/"
    detail = client.get("/sv/protokoll/2025/1/").content.decode()
    assert "Stadshuset" in detail and "Kaupungintalo" not in detail


def test_synchronised_facts_come_from_the_source_even_before_the_translation_is_updated(
    client, swedish_pages, translate
):
    meeting = published_meeting(
        number=1, start=datetime.datetime(2025, 2, 5, 16, tzinfo=HELSINKI), title="Kokous"
    )
    translate(meeting, "sv", {"Kokous": "Möte"})
    meeting.status = MeetingStatus.CANCELLED
    meeting.save_revision().publish()
    sv = Meeting.objects.get(translation_key=meeting.translation_key, locale__language_code="sv")
    assert sv.status == MeetingStatus.CANCELLED  # copied at once (translations/synchronised.py)
    body = client.get("/sv/protokoll/2025/1/").content.decode()
    assert "Möte" in body
    assert f"meeting__status--{MeetingStatus.CANCELLED}" in body


def test_unpublished_translation_is_not_shown(client, swedish_pages, translate):
    meeting = published_meeting(
        number=1, start=datetime.datetime(2025, 2, 5, 16, tzinfo=HELSINKI), title="Kokous"
    )
    # A title no interface string contains ("Möten per år" would match a bare "Möte").
    translate(meeting, "sv", {"Kokous": "Utkastmötet"}, publish=False)
    sv = Meeting.objects.get(translation_key=meeting.translation_key, locale__language_code="sv")
    assert not sv.live
    body = client.get("/sv/protokoll/").content.decode()
    assert "Kokous" in body and "Utkastmötet" not in body


def test_seats_and_roles_are_translated_in_the_directory(
    client, swedish_pages, translate, roles, seats, terms
):
    build_board(roles, seats, terms)
    seat = seats[SeatGroup.ELECTED][0]
    translate(seat, "sv", {seat.name: "Stadsstyrelsen"})
    translate(roles[RoleKind.CHAIR], "sv", {"Puheenjohtaja": "Ordförande"})
    doc = lxml_html.fromstring(client.get("/sv/medlemmar/").content.decode())
    leaders = " ".join(doc.xpath('string(//section[@aria-labelledby="leaders-heading"])').split())
    assert "Ordförande: Aino Puheenjohtaja" in leaders
    row_headers = doc.xpath('//section[@aria-labelledby="group-elected"]//tbody/tr/th')
    assert row_headers[0].text_content() == "Stadsstyrelsen" and row_headers[0].get("lang") is None
    assert row_headers[1].get("lang") == "fi"  # not translated yet: Finnish, marked as such


def test_translation_keeps_numbers_and_documents_synchronised(translate, locales):
    agenda = DocumentFactory(title="Esityslista 1/2025", kind="agenda", read=False)
    meeting = published_meeting(
        number=1,
        start=datetime.datetime(2025, 2, 5, 16, tzinfo=HELSINKI),
        title="Kokous",
        status=MeetingStatus.AGENDA_PUBLISHED,
        agenda=agenda,
    )
    sv = translate(meeting, "sv", {"Kokous": "Möte"})
    assert (sv.number, sv.year, sv.start, sv.status, sv.agenda_id) == (
        1,
        2025,
        meeting.start,
        "agenda_published",
        agenda.pk,
    )
    assert sv.title == "Möte" and sv.live
    event = f.EventFactory(
        title="Seminaari",
        link="https://example.invalid/a",
        start=datetime.datetime(2026, 5, 5, 9, tzinfo=HELSINKI),
    )
    event.save_revision().publish()
    sv_event = translate(event, "sv", {"Seminaari": "Seminarium"})
    assert (sv_event.title, sv_event.link, sv_event.start) == ("Seminarium", event.link, event.start)


def test_search_covers_meetings_events_and_peoples_names_but_never_contact_details():
    from wagtail.search import index

    assert issubclass(Meeting, index.Indexed) and issubclass(Event, index.Indexed)
    assert issubclass(Person, index.Indexed) and not issubclass(Seat, index.Indexed)
    indexed = {f.field_name for model in (Meeting, Event) for f in model.search_fields}
    assert {"title", "summary", "number_and_year", "description"} <= indexed
    assert not indexed & {"email", "phone", "first_name", "last_name"}
    # People are searched by name only (a filter by id narrows the search to public people).
    searched = {f.field_name for f in Person.search_fields if isinstance(f, index.SearchField)}
    assert searched == {"first_name", "last_name"}
    assert {f.field_name for f in Person.search_fields} == {"first_name", "last_name", "id"}


def test_live_meetings_are_found_by_the_search_backend(locales):
    from wagtail.search.backends import get_search_backend

    published_meeting(number=1, title="Lausunto vapaaehtoistoiminnasta", summary="Kaupunginhallitukselle.")
    f.MeetingFactory(number=2, title="Lausunto luonnoksena", live=False)
    results = get_search_backend().search("Lausunto", Meeting.objects.filter(live=True))
    assert [m.title for m in results] == ["Lausunto vapaaehtoistoiminnasta"]
