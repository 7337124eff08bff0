"""RSS 2.0 and Atom feeds of the board's news, per language (…/kalenteri/rss/, …/atom/):
a meeting's agenda published, its minutes approved or the meeting cancelled, and events.
Built with Django's feedgenerator; the iCalendar feed of the same items is board/feeds.py.

Each item's dates are the moments it was last and first published, written with their offset
from UTC in Helsinki time (+03:00 in summer, +02:00 in winter); the meeting's or event's own
time is in the item's text, in Helsinki time.
"""

from __future__ import annotations

from zoneinfo import ZoneInfo

from django.conf import settings
from django.utils import timezone
from django.utils.feedgenerator import Atom1Feed, Rss201rev2Feed
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from board.feeds import UID_DOMAIN
from board.models.meetings import MeetingStatus

HELSINKI = ZoneInfo(settings.TIME_ZONE)
FEED_ITEMS = 50
# Tag URIs (RFC 4151) as the items' ids: the same in every language, never changing.
TAG = f"tag:{UID_DOMAIN},2026:"
# What each announced status says about a meeting.
ANNOUNCED = (MeetingStatus.AGENDA_PUBLISHED, MeetingStatus.MINUTES_APPROVED, MeetingStatus.CANCELLED)
FEED_CLASSES = {"rss": Rss201rev2Feed, "atom": Atom1Feed}


def _helsinki(value):
    return timezone.localtime(value, HELSINKI) if value else None


def _when(item) -> str:
    start = date_format(timezone.localtime(item.start, HELSINKI), "DATETIME_FORMAT")
    return f"{start}, {item.place}" if item.place else start


def _status_label(status: str) -> str:
    return str(dict(MeetingStatus.choices)[status])


def meeting_item(meeting, url: str | None, absolute) -> dict:
    label = _status_label(meeting.status)
    lines = [_when(meeting)]
    if meeting.summary:
        lines.append(meeting.summary)
    document = meeting.minutes if meeting.status == MeetingStatus.MINUTES_APPROVED else meeting.agenda
    if document is not None and meeting.status != MeetingStatus.CANCELLED:
        lines.append(f"{document.title}: {absolute(document.url)}")
    return {
        "title": f"{label}: {meeting.reference} {meeting.title}",
        "link": url or "",
        "description": "\n".join(lines),
        # One item per meeting and status: a new status is a new item for feed readers.
        "unique_id": f"{TAG}meeting-{meeting.translation_key}-{meeting.status}",
        "unique_id_is_permalink": False,
        "pubdate": _helsinki(meeting.last_published_at or meeting.first_published_at),
        "updateddate": _helsinki(meeting.last_published_at or meeting.first_published_at),
        "categories": [label],
    }


def event_item(event, calendar_url: str, absolute) -> dict:
    lines = [_when(event)]
    if event.description:
        lines.append(event.description)
    if event.document is not None:
        lines.append(f"{event.document.title}: {absolute(event.document.url)}")
    return {
        "title": event.title,
        "link": event.link or f"{calendar_url}#event-{event.pk}",
        "description": "\n".join(lines),
        "unique_id": f"{TAG}event-{event.translation_key}",
        "unique_id_is_permalink": False,
        "pubdate": _helsinki(event.first_published_at or event.last_published_at),
        "updateddate": _helsinki(event.last_published_at or event.first_published_at),
        "categories": [_("Event")],
    }


def build_feed(kind: str, *, title: str, link: str, feed_url: str, language: str, items: list[dict]) -> str:
    feed = FEED_CLASSES[kind](
        title=title,
        link=link,
        feed_url=feed_url,
        description=_("New agendas, approved minutes, cancelled meetings and events of the board."),
        language=language,
    )
    items = sorted(items, key=lambda i: i["pubdate"] or timezone.now(), reverse=True)[:FEED_ITEMS]
    for item in items:
        feed.add_item(**item)
    return feed.writeString("utf-8")
