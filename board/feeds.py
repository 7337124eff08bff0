"""iCalendar feeds of the board's meetings and events (RFC 5545, built with `icalendar`)."""

from __future__ import annotations

import datetime
from collections.abc import Callable, Iterable
from zoneinfo import ZoneInfo

import icalendar
from django.conf import settings
from django.http import HttpResponse
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from board.localization import Localized
from board.models.meetings import MeetingStatus
from board.models.people import Membership, RoleKind
from board.vtimezone import vtimezone
from documents.languages import language_note

HELSINKI = ZoneInfo(settings.TIME_ZONE)
# Meetings are announced with a start time only; calendars get the usual two hours.
MEETING_DURATION = datetime.timedelta(hours=2)
UID_DOMAIN = "vapaaehtoistyon-neuvottelukunta.hel.fi"
PRODID = "-//Helsinki//Vapaaehtoistyon neuvottelukunta//FI"


def meeting_uid(meeting) -> str:
    # The translation key is shared by every language version and never changes.
    return f"meeting-{meeting.translation_key}@{UID_DOMAIN}"


def event_uid(event) -> str:
    return f"event-{event.translation_key}@{UID_DOMAIN}"


def secretary_contact() -> str | None:
    """The current secretary as the feed's contact, with only the details they agreed to publish."""
    membership = (
        Membership.objects.current().filter(role__kind=RoleKind.SECRETARY).select_related("person").first()
    )
    if membership is None:
        return None
    person = membership.person
    person.serving = True
    parts = [person.full_name, person.public_email, person.public_phone]
    return ", ".join(p for p in parts if p)


def _local(value: datetime.datetime) -> datetime.datetime:
    """Helsinki time, except in the hour that autumn's change repeats: there UTC, since a
    local time names the first of the two hours (RFC 5545 §3.3.5) and would be an hour early."""
    local = timezone.localtime(value, HELSINKI)
    if local.replace(fold=1 - local.fold).utcoffset() != local.utcoffset():
        return value.astimezone(datetime.UTC)
    return local


def _stamp(obj) -> datetime.datetime:
    return (obj.last_published_at or obj.first_published_at or timezone.now()).astimezone(datetime.UTC)


def _document_line(label: str, document, absolute: Callable[[str], str]) -> str:
    """ "Föredragningslista (PDF, på finska): https://…": the file chosen for the feed's
    language (board/localization.py, by documents/languages.py), and its language when another."""
    note = language_note(document, get_language() or settings.LANGUAGE_CODE)
    meta = ", ".join(m for m in (_("PDF"), note) if m)
    return f"{label} ({meta}): {absolute(document.url)}"


def _meeting_event(
    meeting: Localized, url: str | None, contact: str | None, absolute: Callable[[str], str]
) -> icalendar.Event:
    event = icalendar.Event()
    event.add("uid", meeting_uid(meeting))
    event.add("dtstamp", _stamp(meeting.source))
    event.add("dtstart", _local(meeting.start))
    event.add("dtend", _local(meeting.start + MEETING_DURATION))
    event.add("summary", f"{meeting.reference} {meeting.title}")
    if meeting.place:
        event.add("location", meeting.place)
    lines = [meeting.summary] if meeting.summary else []
    for label, document in ((_("Agenda"), meeting.agenda), (_("Minutes"), meeting.minutes)):
        if document is not None:
            lines.append(_document_line(label, document, absolute))
    if lines:
        event.add("description", "\n".join(lines))
    if url:
        event.add("url", url)
    if contact:
        event.add("contact", contact)
    event.add("status", "CANCELLED" if meeting.status == MeetingStatus.CANCELLED else "CONFIRMED")
    return event


def _calendar_event(item: Localized, contact: str | None, absolute: Callable[[str], str]) -> icalendar.Event:
    event = icalendar.Event()
    event.add("uid", event_uid(item))
    event.add("dtstamp", _stamp(item.source))
    event.add("dtstart", _local(item.start))
    if item.end:
        event.add("dtend", _local(item.end))
    event.add("summary", item.title)
    if item.place:
        event.add("location", item.place)
    lines = [item.description] if item.description else []
    if item.document is not None:
        lines.append(_document_line(item.document.title, item.document, absolute))
    if lines:
        event.add("description", "\n".join(lines))
    if item.link:
        event.add("url", item.link)
    if contact:
        event.add("contact", contact)
    event.add("status", "CONFIRMED")
    return event


def build_calendar(
    name: str,
    meetings: Iterable[Localized] = (),
    events: Iterable[Localized] = (),
    meeting_url: Callable[[Localized], str | None] = lambda m: None,
    absolute: Callable[[str], str] = lambda url: url,
) -> bytes:
    calendar = icalendar.Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", name)
    calendar.add("x-wr-timezone", settings.TIME_ZONE)
    contact = secretary_contact()
    components = []
    for meeting in meetings:
        url = meeting_url(meeting)
        components.append(_meeting_event(meeting, absolute(url) if url else None, contact, absolute))
    components += [_calendar_event(event, contact, absolute) for event in events]
    if components:
        # Yearly rules from board.vtimezone, not icalendar's one-line RDATE list that ical.js
        # (Thunderbird) misreads; first, so that clients know the zone before the events.
        earliest = min(component.decoded("dtstart") for component in components)
        calendar.add_component(vtimezone(settings.TIME_ZONE, earliest))
    for component in components:
        calendar.add_component(component)
    return calendar.to_ical()


def ics_response(content: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
