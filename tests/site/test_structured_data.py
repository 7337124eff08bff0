"""schema.org JSON-LD, read as a JSON-LD processor (PyLD) reads it: the board on the home page,
meetings and calendar events as Events, checked against the database."""

import json
from zoneinfo import ZoneInfo

import pytest
from django.utils import timezone
from pyld import jsonld

from board.models import CalendarPage, Event, Meeting, MeetingStatus, MinutesArchivePage
from home.models import FooterSettings
from tests.site.conftest import parse, t

HELSINKI = ZoneInfo("Europe/Helsinki")
S = "https://schema.org/"
LANGUAGES = ("fi", "sv", "en")


def _offline_loader(url, options=None):
    """schema.org's context, reduced to what the pages use: no network in tests."""
    if url.rstrip("/") != "https://schema.org":
        raise AssertionError(f"the JSON-LD names a context other than schema.org: {url}")
    return {"contextUrl": None, "documentUrl": url, "document": {"@context": {"@vocab": S}}}


def json_ld(response) -> list[dict]:
    """Every node of the page's JSON-LD, expanded (full IRIs, values as lists)."""
    assert response.status_code == 200
    scripts = parse(response).xpath("//script[@type='application/ld+json']")
    nodes = []
    for script in scripts:
        nodes += jsonld.expand(json.loads(script.text), {"documentLoader": _offline_loader})
    return nodes


def value(node: dict, name: str):
    values = node.get(S + name, [])
    assert len(values) == 1, f"{name}: {values}"
    found = values[0]
    return found.get("@value", found.get("@id", found))


def of_type(nodes: list[dict], type_name: str) -> list[dict]:
    return [n for n in nodes if S + type_name in n.get("@type", [])]


def local_iso(instant) -> str:
    return timezone.localtime(instant, HELSINKI).isoformat()


@pytest.mark.parametrize("code", LANGUAGES)
def test_home_page_describes_the_board_as_a_government_organisation_of_the_city(client, demo, code):
    footer = FooterSettings.for_language(code)
    [board] = of_type(json_ld(client.get(f"/{code}/")), "GovernmentOrganization")
    assert value(board, "name") == footer.organisation
    assert value(board, "url") == f"http://testserver/{code}/"
    [parent] = board[S + "parentOrganization"]
    assert S + "GovernmentOrganization" in parent["@type"]
    assert value(parent, "name") == t(code, "City of Helsinki")
    # The address is the footer's, not invented: its last line gives postal code and locality.
    [address] = board[S + "address"]
    lines = footer.address.splitlines()
    code_and_place = lines[-1].removeprefix("FI-").split(" ", 1)
    assert [value(address, "postalCode"), value(address, "addressLocality")] == code_and_place
    assert value(address, "streetAddress") == ", ".join(lines[:-1])
    [contact] = board[S + "contactPoint"]
    assert S + "ContactPoint" in contact["@type"]
    assert value(contact, "email") == footer.email
    assert value(contact, "telephone") == footer.phone


def _meeting_url(code: str, meeting: Meeting) -> str:
    archive = MinutesArchivePage.objects.live().get(locale__language_code=code)
    return f"http://testserver{archive.url}{meeting.year}/{meeting.number}/"


def _text(meeting: Meeting, code: str) -> Meeting:
    """The meeting as a visitor in `code` reads it: its translation, or the Finnish text."""
    return (
        Meeting.objects.filter(
            translation_key=meeting.translation_key, locale__language_code=code, live=True
        ).first()
        or meeting
    )


@pytest.mark.parametrize("code", LANGUAGES)
@pytest.mark.parametrize("status", [MeetingStatus.CANCELLED, MeetingStatus.MINUTES_APPROVED])
def test_meeting_page_is_an_event_with_helsinki_times_status_place_and_language(client, demo, code, status):
    meeting = Meeting.objects.filter(locale__language_code="fi", live=True, status=status).first()
    assert meeting is not None, f"the demo has a meeting with status {status}"
    url = _meeting_url(code, meeting)
    [event] = of_type(json_ld(client.get(url)), "Event")
    text = _text(meeting, code)
    assert value(event, "name") == f"{meeting.reference} {text.title}"
    assert value(event, "startDate") == local_iso(meeting.start)
    assert value(event, "startDate")[-6:] in ("+02:00", "+03:00")  # Helsinki time, with its offset
    assert value(event, "endDate") > value(event, "startDate")
    expected_status = "EventCancelled" if status == MeetingStatus.CANCELLED else "EventScheduled"
    assert value(event, "eventStatus") == S + expected_status
    assert value(event, "inLanguage") == text.locale.language_code
    assert value(event, "url") == url
    [place] = event[S + "location"]
    assert value(place, "name") == text.place


def test_meeting_in_summer_and_winter_carries_the_offset_of_its_date(client, demo):
    meetings = Meeting.objects.filter(locale__language_code="fi", live=True)
    summer = next(
        m for m in meetings if timezone.localtime(m.start, HELSINKI).utcoffset().seconds == 3 * 3600
    )
    winter = next(
        m for m in meetings if timezone.localtime(m.start, HELSINKI).utcoffset().seconds == 2 * 3600
    )
    for meeting, offset in ((summer, "+03:00"), (winter, "+02:00")):
        [event] = of_type(json_ld(client.get(_meeting_url("fi", meeting))), "Event")
        assert value(event, "startDate").endswith(offset)


@pytest.mark.parametrize("code", LANGUAGES)
def test_calendar_page_lists_its_events_as_events(client, demo, code):
    calendar = CalendarPage.objects.live().get(locale__language_code=code)
    response = client.get(calendar.url)
    nodes = of_type(json_ld(response), "Event")
    shown = parse(response).xpath("//article[contains(@class,'event')]/@id")
    assert len(nodes) == len(shown) > 0
    by_url = {value(n, "url"): n for n in nodes}
    assert set(by_url) == {f"http://testserver{calendar.url}#{anchor}" for anchor in shown}
    for anchor in shown:
        source = Event.objects.get(pk=int(anchor.removeprefix("event-")))
        text = (
            Event.objects.filter(
                translation_key=source.translation_key, locale__language_code=code, live=True
            ).first()
            or source
        )
        node = by_url[f"http://testserver{calendar.url}#{anchor}"]
        assert value(node, "name") == text.title
        assert value(node, "startDate") == local_iso(source.start)
        if source.end:
            assert value(node, "endDate") == local_iso(source.end)
        assert value(node, "inLanguage") == text.locale.language_code
        assert value(node, "eventStatus") == S + "EventScheduled"


def test_text_cannot_end_the_json_ld_element(client, demo):
    meeting = Meeting.objects.filter(locale__language_code="fi", live=True).first()
    meeting.title = 'Kokous </script><script>alert("x")</script> & <!--'
    meeting.save()
    response = client.get(_meeting_url("fi", meeting))
    [script] = parse(response).xpath("//script[@type='application/ld+json']")
    assert "<" not in script.text and ">" not in script.text
    [event] = of_type(json_ld(response), "Event")
    assert value(event, "name") == f"{meeting.reference} {meeting.title}"
