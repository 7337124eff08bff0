"""schema.org Event data for meetings and calendar events (shown as JSON-LD by their pages).

Times are Helsinki local time with their UTC offset (ISO 8601), as visitors read them. A
meeting is announced with a start only: its end is the calendar feeds' usual duration.
"""

from zoneinfo import ZoneInfo

from django.conf import settings
from django.utils import timezone

from board.feeds import MEETING_DURATION
from home.structured_data import SCHEMA

HELSINKI = ZoneInfo(settings.TIME_ZONE)


def local_iso(value) -> str:
    return timezone.localtime(value, HELSINKI).isoformat()


def _language(item, language_code: str) -> str:
    # Untranslated text is shown (and so described) in the source language.
    return settings.LANGUAGE_CODE if getattr(item, "fallback", False) else language_code


def _event(name: str, item, start, end, url: str, language_code: str, organiser: str | None) -> dict:
    data = {
        "@context": SCHEMA,
        "@type": "Event",
        "name": name,
        "startDate": local_iso(start),
        "eventAttendanceMode": f"{SCHEMA}/OfflineEventAttendanceMode",
        "inLanguage": _language(item, language_code),
        "url": url,
    }
    if end is not None:
        data["endDate"] = local_iso(end)
    if item.place:
        data["location"] = {"@type": "Place", "name": item.place}
    if organiser:
        data["organizer"] = {"@id": organiser}
    return data


def meeting_event(meeting, url: str, language_code: str, organiser: str | None = None) -> dict:
    data = _event(
        f"{meeting.reference} {meeting.title}",
        meeting,
        meeting.start,
        meeting.start + MEETING_DURATION,
        url,
        language_code,
        organiser,
    )
    data["eventStatus"] = f"{SCHEMA}/{'EventCancelled' if meeting.is_cancelled else 'EventScheduled'}"
    if meeting.summary:
        data["description"] = meeting.summary
    return data


def calendar_event(event, url: str, language_code: str, organiser: str | None = None) -> dict:
    data = _event(event.title, event, event.start, event.end, url, language_code, organiser)
    # Events have no status: one that is called off is unpublished.
    data["eventStatus"] = f"{SCHEMA}/EventScheduled"
    if event.description:
        data["description"] = event.description
    return data
