"""A VTIMEZONE that every calendar client reads the same way (RFC 5545 §3.6.5).

icalendar's `add_missing_timezones()` lists every change of a zone in one comma-separated
RDATE; Mozilla's ical.js (Thunderbird) reads only its first value and shows summer times an
hour late. Here the zone's changes, taken from the tz database, are written as the tz
database itself states them: one STANDARD or DAYLIGHT component per rule (e.g. "last Sunday
of October at 01:00 UTC") with a yearly RRULE, bounded by UNTIL when the rule ended and
open when it is the rule in force. A change that follows no yearly rule gets a component of
its own, so no client ever has to read a list of dates.
"""

from __future__ import annotations

import calendar
import datetime
import functools
from dataclasses import dataclass
from zoneinfo import ZoneInfo

import icalendar

UTC = datetime.UTC
DAY = datetime.timedelta(days=1)
WEEKDAYS = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")
# Changes are searched up to this year; the rule still in force then is written as open-ended.
HORIZON_YEAR = 2100


@dataclass(frozen=True)
class Change:
    utc: datetime.datetime
    offset_from: datetime.timedelta
    offset_to: datetime.timedelta
    name: str
    daylight: bool

    @property
    def onset(self) -> datetime.datetime:
        """Wall-clock time just before the change, as DTSTART and RRULE need it (RFC 5545 §3.6.5)."""
        return (self.utc + self.offset_from).replace(tzinfo=None)

    @property
    def rule(self) -> tuple:
        """What a run of yearly changes shares: the same offsets, month, weekday rule and time."""
        onset = self.onset
        weekday = WEEKDAYS[onset.weekday()]
        last_week = onset.day > calendar.monthrange(onset.year, onset.month)[1] - 7
        byday = f"-1{weekday}" if last_week else f"{(onset.day - 1) // 7 + 1}{weekday}"
        return (self.daylight, self.offset_from, self.offset_to, self.name, onset.month, byday, onset.time())


def _state(zone: ZoneInfo, moment: datetime.datetime) -> tuple[datetime.timedelta, bool, str]:
    local = moment.astimezone(zone)
    return local.utcoffset(), bool(local.dst()), local.tzname() or ""


def _changes(zone: ZoneInfo, first_year: int, last_year: int) -> list[Change]:
    """Every change of offset or name between the two years, to the second."""
    moment = datetime.datetime(first_year, 1, 1, tzinfo=UTC)
    end = datetime.datetime(last_year + 1, 1, 1, tzinfo=UTC)
    state = _state(zone, moment)
    changes = []
    while moment < end:
        following = moment + DAY
        new_state = _state(zone, following)
        if new_state != state:
            low, high = moment, following  # state at low is the old one, at high the new one
            while high - low > datetime.timedelta(seconds=1):
                middle = low + (high - low) / 2
                middle = middle.replace(microsecond=0)
                if _state(zone, middle) == state:
                    low = middle
                else:
                    high = middle
            offset, daylight, name = new_state
            changes.append(Change(high, state[0], offset, name, daylight))
            state = new_state
        moment = following
    return changes


def _offset_component(change: Change, onset: datetime.datetime) -> icalendar.cal.Component:
    component = icalendar.TimezoneDaylight() if change.daylight else icalendar.TimezoneStandard()
    component.add("dtstart", onset)
    component.add("tzoffsetfrom", change.offset_from)
    component.add("tzoffsetto", change.offset_to)
    if change.name:
        component.add("tzname", change.name)
    return component


@functools.lru_cache(maxsize=8)
def _build(tzid: str, first_year: int) -> bytes:
    zone = ZoneInfo(tzid)
    timezone = icalendar.Timezone()
    timezone.add("tzid", tzid)
    # The offset in force when the calendar begins, before the first change written below.
    start = datetime.datetime(first_year, 1, 1, tzinfo=UTC)
    offset, daylight, name = _state(zone, start)
    initial = Change(start, offset, offset, name, daylight)
    timezone.add_component(_offset_component(initial, start.replace(tzinfo=None)))

    runs: list[list[Change]] = []
    open_runs: dict[tuple, list[Change]] = {}
    for change in _changes(zone, first_year, HORIZON_YEAR):
        run = open_runs.get(change.rule)
        if run is not None and run[-1].onset.year == change.onset.year - 1:
            run.append(change)
            continue
        run = [change]
        runs.append(run)
        open_runs[change.rule] = run
    for run in runs:
        first, last = run[0], run[-1]
        component = _offset_component(first, first.onset)
        if len(run) > 1:
            month, byday = first.rule[4], first.rule[5]
            rrule = {"freq": "YEARLY", "bymonth": month, "byday": byday}
            if last.onset.year < HORIZON_YEAR - 1:
                # In UTC (RFC 5545) and a day after the last change: the same changes, and
                # clients that compare UNTIL with local times (dateutil) keep the last one.
                rrule["until"] = last.utc + DAY
            component.add("rrule", rrule)
        timezone.add_component(component)
    return timezone.to_ical()


def vtimezone(tzid: str, earliest: datetime.datetime | None = None) -> icalendar.Timezone:
    """The zone from 1970 (or the year of `earliest`, if before) with its rules in force today."""
    first_year = min(1970, earliest.year) if earliest else 1970
    return icalendar.Timezone.from_ical(_build(tzid, first_year))
