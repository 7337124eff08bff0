"""The minutes archive, meeting pages, the calendar and the iCalendar feeds."""

import datetime
from zoneinfo import ZoneInfo

import icalendar
import pytest
from django.utils import timezone, translation
from lxml import html as lxml_html

from board import factories as f
from board.models import MeetingStatus, RoleKind
from documents.factories import DocumentFactory
from documents.pdfgen import build_pdf

HELSINKI = ZoneInfo("Europe/Helsinki")


def at(year, month, day, hour=16, minute=0):
    return datetime.datetime(year, month, day, hour, minute, tzinfo=HELSINKI)


def doc(response):
    return lxml_html.fromstring(response.content.decode())


def meeting(number, start, **kwargs):
    m = f.MeetingFactory(number=number, start=start, **kwargs)
    m.save_revision().publish()
    return m


@pytest.fixture
def meetings(board_pages):
    agenda = DocumentFactory(title="Esityslista 3/2025", kind="agenda", read=False)
    minutes = DocumentFactory(title="Pöytäkirja 3/2025", kind="minutes", read=False)
    return {
        "old": meeting(1, at(2024, 2, 7), title="Vuoden 2024 ensimmäinen", status=MeetingStatus.HELD),
        "m3": meeting(
            3,
            at(2025, 5, 14, 15, 30),
            title="Kevään kokous",
            status=MeetingStatus.MINUTES_APPROVED,
            agenda=agenda,
            minutes=minutes,
        ),
        "m1": meeting(1, at(2025, 1, 15), title="Tammikuun kokous", status=MeetingStatus.HELD),
        "cancelled": meeting(2, at(2025, 3, 12), title="Peruttu kokous", status=MeetingStatus.CANCELLED),
        "draft": f.MeetingFactory(number=4, start=at(2025, 9, 10), title="Luonnos", live=False),
    }


def test_archive_lists_meetings_by_year_newest_first(client, meetings):
    page = doc(client.get("/fi/kokousmuistiot/"))
    years = [
        h.text_content() for h in page.xpath('//main//section[starts-with(@aria-labelledby,"year-")]/h2')
    ]
    assert years == ["2025", "2024"]
    rows = [" ".join(r.text_content().split()) for r in page.xpath("//table//tbody/tr/th")]
    assert rows == [
        "3/2025 Kevään kokous",
        "2/2025 Peruttu kokous",
        "1/2025 Tammikuun kokous",
        "1/2024 Vuoden 2024 ensimmäinen",
    ]


def test_archive_rows_carry_date_status_and_pdf_links(client, meetings):
    page = doc(client.get("/fi/kokousmuistiot/"))
    row = page.xpath("//table//tbody/tr")[0]
    assert row.xpath(".//time/@datetime") == ["2025-05-14T15:30:00+03:00"]
    links = row.xpath(".//a[contains(@class,'document-link')]")
    m3 = meetings["m3"]
    assert [a.get("href") for a in links] == [m3.agenda.url, m3.minutes.url]
    assert all("PDF" in a.text_content() for a in links)
    size_text = links[1].text_content()
    assert "KB" in size_text or "kt" in size_text or "bytes" in size_text or "tavua" in size_text


def test_drafts_appear_nowhere_public(client, meetings):
    assert "Luonnos" not in client.get("/fi/kokousmuistiot/").content.decode()
    assert "Luonnos" not in client.get("/fi/kokousmuistiot/2025/").content.decode()
    assert client.get("/fi/kokousmuistiot/2025/4/").status_code == 404
    assert client.get("/fi/kokousmuistiot/2025/4/ical/").status_code == 404
    assert b"Luonnos" not in client.get("/fi/toimintakalenteri/ical/").content


def test_year_filter_shows_only_that_year(client, meetings):
    page = doc(client.get("/fi/kokousmuistiot/2024/"))
    assert [
        h.text_content() for h in page.xpath('//main//section[starts-with(@aria-labelledby,"year-")]/h2')
    ] == ["2024"]
    current = page.xpath('//nav[contains(@class,"year-filter")]//a[@aria-current="page"]')
    assert [a.text_content() for a in current] == ["2024"]


def test_year_without_meetings_is_a_404(client, meetings):
    assert client.get("/fi/kokousmuistiot/1999/").status_code == 404


def test_archive_is_paginated(client, board_pages):
    for n in range(1, 26):
        meeting(n, at(2023, 1, 1) + datetime.timedelta(days=7 * n), title=f"Kokous numero {n}")

    def numbers(url):
        page = doc(client.get(url))
        return [int(a.text_content().split("/")[0]) for a in page.xpath("//table//tbody/tr/th/a")]

    assert numbers("/fi/kokousmuistiot/") == list(range(25, 5, -1))
    assert numbers("/fi/kokousmuistiot/?page=2") == [5, 4, 3, 2, 1]
    nav = doc(client.get("/fi/kokousmuistiot/")).xpath('//nav[contains(@class,"pagination")]//a/@href')
    assert nav == ["?page=2"]
    # A bad page number shows the nearest real page rather than an error.
    assert numbers("/fi/kokousmuistiot/?page=abc") == list(range(25, 5, -1))
    assert numbers("/fi/kokousmuistiot/?page=99") == [5, 4, 3, 2, 1]


def test_each_meeting_has_its_own_page(client, meetings):
    response = client.get("/fi/kokousmuistiot/2025/3/")
    assert response.status_code == 200
    page = doc(response)
    assert " ".join(page.xpath("string(//h1)").split()) == "3/2025 Kevään kokous"
    body = response.content.decode()
    assert meetings["m3"].agenda.url in body and meetings["m3"].minutes.url in body
    with translation.override("fi"):
        assert str(MeetingStatus.MINUTES_APPROVED.label) in body
    link = page.xpath('//a[contains(@class,"ics-link")]/@href')
    assert link[0].endswith("/fi/kokousmuistiot/2025/3/ical/")
    archive = doc(client.get("/fi/kokousmuistiot/"))
    assert "/fi/kokousmuistiot/2025/3/" in archive.xpath("//table//tbody/tr/th/a/@href")


def test_unknown_meeting_is_a_404(client, meetings):
    assert client.get("/fi/kokousmuistiot/2025/99/").status_code == 404


def parse(response):
    assert response["Content-Type"].startswith("text/calendar")
    return icalendar.Calendar.from_ical(response.content)


def test_board_feed_lists_live_meetings_and_events_in_helsinki_time(client, meetings):
    event = f.EventFactory(title="Infotilaisuus", start=at(2025, 6, 2, 17), end=at(2025, 6, 2, 19))
    event.save_revision().publish()
    calendar = parse(client.get("/fi/toimintakalenteri/ical/"))
    events = {str(e["summary"]): e for e in calendar.walk("VEVENT")}
    assert set(events) == {
        "3/2025 Kevään kokous",
        "2/2025 Peruttu kokous",
        "1/2025 Tammikuun kokous",
        "1/2024 Vuoden 2024 ensimmäinen",
        "Infotilaisuus",
    }
    spring = events["3/2025 Kevään kokous"]
    assert spring["dtstart"].params["TZID"] == "Europe/Helsinki"
    assert spring.decoded("dtstart") == at(2025, 5, 14, 15, 30)
    assert spring.decoded("dtstart").utcoffset() == datetime.timedelta(hours=3)
    assert str(spring["url"]) == "http://testserver/fi/kokousmuistiot/2025/3/"
    assert "http://testserver" + meetings["m3"].minutes.url in str(spring["description"])
    assert [tz["tzid"] for tz in calendar.walk("VTIMEZONE")] == ["Europe/Helsinki"]
    assert str(events["2/2025 Peruttu kokous"]["status"]) == "CANCELLED"
    assert str(events["1/2025 Tammikuun kokous"]["status"]) == "CONFIRMED"
    assert events["Infotilaisuus"].decoded("dtend") == at(2025, 6, 2, 19)


def test_uids_are_stable_across_edits_and_languages(client, meetings):
    def uids():
        calendar = parse(client.get("/fi/toimintakalenteri/ical/"))
        return {str(e["uid"]) for e in calendar.walk("VEVENT")}

    before = uids()
    m = meetings["m1"]
    m.title = "Tammikuun kokous (muutettu)"
    m.save_revision().publish()
    assert uids() == before
    single = parse(client.get("/fi/kokousmuistiot/2025/1/ical/"))
    (only,) = single.walk("VEVENT")
    assert str(only["uid"]) == f"meeting-{m.translation_key}@vapaaehtoistyon-neuvottelukunta.hel.fi"
    assert str(only["uid"]) in before


def test_per_meeting_feed_marks_a_cancelled_meeting(client, meetings):
    calendar = parse(client.get("/fi/kokousmuistiot/2025/2/ical/"))
    (event,) = calendar.walk("VEVENT")
    assert str(event["status"]) == "CANCELLED"
    assert event.decoded("dtstart") == at(2025, 3, 12)


def test_feed_contact_follows_consent(client, meetings, roles, terms):
    person = f.PersonFactory(first_name="Sirpa", last_name="Sihteeri", email_public=True, phone_public=False)
    f.MembershipFactory(person=person, role=roles[RoleKind.SECRETARY], seat=None, term=terms["current"])
    for url in ("/fi/toimintakalenteri/ical/", "/fi/kokousmuistiot/2025/3/ical/"):
        content = client.get(url).content.decode()
        unfolded = content.replace("\r\n ", "")
        assert "CONTACT:Sirpa Sihteeri\\, " + person.email in unfolded
        assert person.phone not in unfolded
    person.email_public = False
    person.save()
    content = client.get("/fi/toimintakalenteri/ical/").content.decode().replace("\r\n ", "")
    assert person.email not in content
    assert "CONTACT:Sirpa Sihteeri" in content


def test_calendar_page_splits_upcoming_and_past_events_and_links_the_pdf(client, board_pages):
    now = timezone.now()
    for title, delta in (("Tuleva seminaari", 5), ("Mennyt koulutus", -5)):
        e = f.EventFactory(title=title, start=now + datetime.timedelta(days=delta))
        e.save_revision().publish()
    hidden = f.EventFactory(title="Julkaisematon", start=now + datetime.timedelta(days=3), live=False)
    assert hidden.pk
    pdf = DocumentFactory(title="Toimintakalenteri 2026", kind="calendar", read=False)
    calendar_page = board_pages["calendar"]
    calendar_page.calendar_document = pdf
    calendar_page.save_revision().publish()
    page = doc(client.get("/fi/toimintakalenteri/"))
    upcoming = page.xpath('//section[@aria-labelledby="upcoming-heading"]')[0].text_content()
    past = page.xpath('//section[@aria-labelledby="past-heading"]')[0].text_content()
    assert "Tuleva seminaari" in upcoming and "Mennyt koulutus" not in upcoming
    assert "Mennyt koulutus" in past
    assert "Julkaisematon" not in upcoming + past
    assert pdf.url in page.xpath("//a/@href")
    response = client.get(pdf.url)
    assert b"".join(response.streaming_content).startswith(b"%PDF")


def test_generated_pdfs_are_real(meetings):
    assert build_pdf("Esityslista").startswith(b"%PDF")
    with meetings["m3"].agenda.file.open("rb") as fh:
        assert fh.read(5) == b"%PDF-"
