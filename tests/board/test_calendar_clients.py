"""The iCalendar feeds as real calendar software reads them.

Mozilla's ical.js (the parser of Thunderbird and many web calendars, from npm, run by node
through tests/board/icaljs_times.mjs) once read a third of the events an hour late: it takes
only the first value of a comma-separated RDATE, and the feed's VTIMEZONE listed every
daylight-saving change in one. Here every feed the site serves is read by ical.js, by
Python's icalendar (through the tz database by TZID and through the feed's own VTIMEZONE)
and compared, event by event, with the API, over the benchmark's 40-year data set plus
meetings and events at the changes of every year 1990–2030.

What the site does at the changes (Helsinki moves its clocks at 01:00 UTC: in spring from
03:00 to 04:00, in autumn from 04:00 back to 03:00):
- a local time that does not exist (03:30 on the last Sunday of March) or that happens twice
  (03:30 on the autumn change night) is refused by the admin form, with nothing saved;
- an instant inside the repeated hour (stored through the API or a data import) goes to the
  feed in UTC, since a local time there would name the first of the two hours.
"""

import datetime
import json
import os
import shutil
import subprocess
from pathlib import Path
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo

import icalendar
import pytest
from django.urls import reverse
from lxml import html as lxml_html

from bench import dataset
from board import factories as f
from board.feeds import MEETING_DURATION
from board.models import Event, Meeting, MeetingStatus
from board.vtimezone import vtimezone
from tests.board.admin_forms import error_text, form_values, use_english

ROOT = Path(__file__).resolve().parents[2]
SCRIPT = Path(__file__).with_name("icaljs_times.mjs")
HELSINKI = ZoneInfo("Europe/Helsinki")
UTC = datetime.UTC
BOUNDARY_YEARS = range(1990, 2031)


# Readers ------------------------------------------------------------------------------------


def icaljs(feeds: list[bytes]) -> list[dict[str, tuple]]:
    """Each feed as ical.js reads it: {uid: (start, end)} in UTC."""
    node = shutil.which("node")
    if node is None or not (ROOT / "node_modules" / "ical.js").is_dir():
        pytest.fail("node or node_modules/ical.js is missing: run `make install` (npm ci)")
    result = subprocess.run(
        [node, str(SCRIPT)],
        input=json.dumps([feed.decode() for feed in feeds]),
        capture_output=True,
        text=True,
        cwd=ROOT,
        # A reader in another zone than Helsinki and UTC: nothing may come from the machine's clock.
        env={**os.environ, "TZ": "America/New_York"},
        check=False,
    )
    assert result.returncode == 0, result.stderr
    return [
        {e["uid"]: (_instant(e["start"]), e["end"] and _instant(e["end"])) for e in events}
        for events in json.loads(result.stdout)
    ]


def _instant(text: str) -> datetime.datetime:
    return datetime.datetime.fromisoformat(text.replace("Z", "+00:00")).astimezone(UTC)


def icalendar_times(calendar: icalendar.Calendar, own_zone: bool = False) -> dict[str, tuple]:
    """{uid: (start, end)} as Python's icalendar reads the feed: TZIDs through the tz database,
    or with `own_zone` through the VTIMEZONE in the feed, as clients without one do."""
    zones = {str(tz["tzid"]): tz.to_tz(lookup_tzid=False) for tz in calendar.walk("VTIMEZONE")}

    def read(event, name):
        if name not in event:
            return None
        value = event.decoded(name)
        tzid = event[name].params.get("TZID")
        if own_zone and tzid:
            value = value.replace(tzinfo=zones[tzid])
        return value.astimezone(UTC)

    return {str(e["uid"]): (read(e, "dtstart"), read(e, "dtend")) for e in calendar.walk("VEVENT")}


def rfc5545_problems(feed: bytes, calendar: icalendar.Calendar) -> list[str]:
    """What a validator would reject: required and single properties, content lines, zones."""
    problems = []
    text = feed.decode("utf-8")
    if not text.endswith("\r\n") or "\n" in text.replace("\r\n", ""):
        problems.append("content lines must end with CRLF")
    problems += [
        f"line over 75 octets: {line[:30]}…" for line in text.split("\r\n") if len(line.encode()) > 75
    ]
    if calendar.name != "VCALENDAR" or str(calendar.get("version")) != "2.0":
        problems.append("not an iCalendar 2.0 object")
    tzids = {str(tz["tzid"]) for tz in calendar.walk("VTIMEZONE")}
    used = set()
    for component in calendar.walk():
        name = component.name
        problems += [f"{name}: {error}" for error in component.errors]
        problems += [f"{name} lacks {prop}" for prop in component.required if prop not in component]
        problems += [
            f"{name} repeats {prop}" for prop in component.singletons if isinstance(component.get(prop), list)
        ]
        if len([prop for prop in component.exclusive if prop in component]) > 1:
            problems.append(f"{name} has more than one of {component.exclusive}")
        for prop in component.values():
            if tzid := getattr(prop, "params", {}).get("TZID"):
                used.add(tzid)
        if name == "VTIMEZONE" and not component.walk("STANDARD") + component.walk("DAYLIGHT"):
            problems.append(f"VTIMEZONE {component['tzid']} has no STANDARD or DAYLIGHT")
        if name in ("STANDARD", "DAYLIGHT"):
            until = component.get("rrule", {}).get("UNTIL")
            if until and until[0].tzinfo is None:
                problems.append(f"{name} RRULE UNTIL not in UTC")
        if name == "VEVENT":
            if "dtstamp" in component and not component["dtstamp"].to_ical().endswith(b"Z"):
                problems.append(f"DTSTAMP of {component['uid']} not in UTC")
            if "dtend" in component and component.decoded("dtend") <= component.decoded("dtstart"):
                problems.append(f"{component['uid']} ends before it starts")
    uids = [str(e["uid"]) for e in calendar.walk("VEVENT")]
    if len(uids) != len(set(uids)):
        problems.append("a UID twice in one feed")
    if used - tzids:
        problems.append(f"TZID without VTIMEZONE: {used - tzids}")
    return problems


# Data ---------------------------------------------------------------------------------------


def changes(year: int) -> list[datetime.datetime]:
    """Helsinki's clock changes of the year, as UTC instants, from the tz database."""
    found = []
    moment = datetime.datetime(year, 1, 1, tzinfo=UTC)
    while moment.year == year:
        if (
            moment.astimezone(HELSINKI).utcoffset()
            != (moment - datetime.timedelta(hours=1)).astimezone(HELSINKI).utcoffset()
        ):
            found.append(moment)
        moment += datetime.timedelta(hours=1)
    return found


def add_boundary_items(years) -> None:
    """At each change: a meeting and events across it, in the skipped or in the repeated hour."""
    half = datetime.timedelta(minutes=30)
    for year in years:
        spring, autumn = changes(year)
        for number, start in ((13, spring - half), (14, autumn - half)):
            f.MeetingFactory(number=number, start=start, title=f"Kellonsiirtokokous {number}/{year}")
        f.EventFactory(title=f"Kevätyö {year}", start=spring - half, end=spring + half)  # 02:30 → 04:30
        f.EventFactory(title=f"Syysyö {year}", start=autumn - half, end=autumn + half)  # 03:30 → 03:30
        f.EventFactory(title=f"Toinen 03.30 {year}", start=autumn + half, end=None)
        for number, month in ((21, 1), (22, 7)):  # winter and summer, beyond the data set's years too
            start = datetime.datetime(year, month, 15, 18, 0, tzinfo=HELSINKI)
            f.MeetingFactory(number=number, start=start, status=MeetingStatus.PLANNED)


def api_items(client, kind: str, locale: str) -> list[dict]:
    items, offset = [], 0
    while True:
        response = client.get(
            f"/api/v3/{kind}/", {"locale": locale, "limit": 100, "offset": offset, "order": "start"}
        )
        assert response.status_code == 200, response.content[:300]
        answer = response.json()
        items += answer["items"]
        offset += len(answer["items"])
        if offset >= answer["count"]:
            return items


def api_time(value: str | None) -> datetime.datetime | None:
    # iCalendar counts whole seconds; the data set's events carry microseconds.
    return value and datetime.datetime.fromisoformat(value).astimezone(UTC).replace(microsecond=0)


def local_path(url: str) -> str:
    return urlsplit(url).path


# Tests --------------------------------------------------------------------------------------


def test_every_feed_gives_the_api_times_in_icaljs_and_icalendar_over_40_years(
    client, locales, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        summary = dataset.build(years=40, meetings_per_year=12, real_pdfs=False, events=40)
    add_boundary_items(BOUNDARY_YEARS)
    keys = {
        **{("meetings", pk): key for pk, key in Meeting.objects.values_list("pk", "translation_key")},
        **{("events", pk): key for pk, key in Event.objects.values_list("pk", "translation_key")},
    }

    # What the API says, in Finnish and in Swedish alike, by the UID each item has in the feeds.
    expected: dict[str, tuple] = {}
    feed_urls: dict[str, str | None] = {}  # feed path -> the UID of its only event, or None
    calendar_pages = set()

    def says(uid: str, times: tuple) -> None:
        assert expected.setdefault(uid, times) == times, uid

    for locale in ("fi", "sv"):
        for item in api_items(client, "meetings", locale):
            start = api_time(item["start"])
            uid = f"meeting-{keys['meetings', item['id']]}@vapaaehtoistyon-neuvottelukunta.hel.fi"
            says(uid, (start, start + MEETING_DURATION))
            feed_urls[local_path(item["ics_url"])] = uid
        for item in api_items(client, "events", locale):
            uid = f"event-{keys['events', item['id']]}@vapaaehtoistyon-neuvottelukunta.hel.fi"
            says(uid, (api_time(item["start"]), api_time(item["end"])))
            calendar_pages.add(local_path(item["meta"]["html_url"]))
    for page in calendar_pages:  # each calendar page links its language's feed
        (link,) = lxml_html.fromstring(client.get(page).content).xpath('//a[@class="ics-link"]/@href')
        feed_urls[local_path(link)] = None
    meetings = Meeting.objects.filter(locale__language_code="fi").count()
    assert meetings == summary["meetings"] + 4 * len(BOUNDARY_YEARS)
    assert len(expected) == meetings + 40 + 3 * len(BOUNDARY_YEARS)
    assert len([u for u in feed_urls.values() if u is None]) == 2  # the Finnish and Swedish calendars
    assert len(set(feed_urls.values()) - {None}) == meetings  # a feed for every meeting

    feeds = {}
    for url in feed_urls:
        response = client.get(url)
        assert response.status_code == 200, url
        assert response["Content-Type"] == "text/calendar; charset=utf-8"
        feeds[url] = response.content
    # Summer and winter time alike, over all the years.
    offsets = {v[0].astimezone(HELSINKI).utcoffset() for v in expected.values()}
    assert offsets == {datetime.timedelta(hours=2), datetime.timedelta(hours=3)}
    first_year = datetime.date.today().year - 39  # the benchmark's 40 years, and on to 2030
    assert {v[0].year for v in expected.values()} >= set(range(first_year, BOUNDARY_YEARS.stop))

    compared = 0
    zones = set()
    for (url, feed), read_by_icaljs in zip(feeds.items(), icaljs(list(feeds.values())), strict=True):
        calendar = icalendar.Calendar.from_ical(feed)
        assert rfc5545_problems(feed, calendar) == [], url
        zones.add(feed[feed.index(b"BEGIN:VTIMEZONE") : feed.index(b"END:VTIMEZONE")])
        by_icalendar = icalendar_times(calendar)
        if feed_urls[url] is None:
            assert set(by_icalendar) == set(expected), url  # the whole calendar
            assert icalendar_times(calendar, own_zone=True) == by_icalendar, url
        else:
            assert set(by_icalendar) == {feed_urls[url]}, url  # the meeting, under its one UID
        for uid, times in by_icalendar.items():
            assert times == expected[uid], (url, uid, "icalendar")
            assert read_by_icaljs[uid] == expected[uid], (url, uid, "ical.js")
            compared += 1
    assert len(zones) == 1  # the same VTIMEZONE in every feed
    print(f"events compared: {compared} in {len(feeds)} feeds")
    assert compared == 2 * len(expected) + len(feed_urls) - 2


def test_the_zone_agrees_with_the_tz_database_in_icaljs_hour_by_hour_around_every_change():
    """board.vtimezone for zones with other histories than Helsinki's; every local hour
    three hours either side of each change 1970–2045 that exists and happens once."""
    for name in ("Europe/Helsinki", "America/New_York", "Australia/Sydney", "Europe/London"):
        zone = ZoneInfo(name)
        calendar = icalendar.Calendar()
        calendar.add("prodid", "-//test//EN")
        calendar.add("version", "2.0")
        calendar.add_component(vtimezone(name))
        expected = {}
        moment = datetime.datetime(1970, 1, 1, tzinfo=UTC)
        while moment.year < 2045:
            later = moment + datetime.timedelta(hours=6)
            if moment.astimezone(zone).utcoffset() != later.astimezone(zone).utcoffset():
                for hour in range(13):
                    instant = moment + datetime.timedelta(minutes=30 * hour)
                    local = instant.astimezone(zone)
                    if local.replace(fold=1 - local.fold).utcoffset() != local.utcoffset():
                        continue  # the repeated hour: the feed writes UTC there
                    uid = f"{name}-{instant:%Y%m%dT%H%M}"
                    expected[uid] = (instant, None)
                    event = icalendar.Event()
                    event.add("uid", uid)
                    event.add("dtstamp", moment)
                    event.add("dtstart", local)
                    calendar.add_component(event)
                moment = later
            moment += datetime.timedelta(hours=6)
        (read,) = icaljs([calendar.to_ical()])
        assert len(expected) > 1000
        assert read == expected, name


@pytest.fixture
def editor(admin_client, superuser):
    use_english(superuser)
    return admin_client


@pytest.mark.parametrize(
    "local, why",
    [("2024-03-31 03:30", "does not exist"), ("2024-10-27 03:30", "happens twice")],
)
def test_admin_refuses_a_local_time_that_does_not_exist_or_happens_twice(editor, locales, local, why):
    url = reverse("wagtailsnippets_board_event:add")
    data = form_values(editor, url)
    data.update(title="Yöseminaari", start=local, end="")
    response = editor.post(url, data)
    assert response.status_code == 200, why
    assert "it may be ambiguous or it may not exist" in error_text(response)
    assert not Event.objects.filter(title="Yöseminaari").exists()


def test_admin_keeps_the_times_either_side_of_the_changes(editor, locales):
    url = reverse("wagtailsnippets_board_event:add")
    data = form_values(editor, url)
    data.update(title="Yöseminaari", start="2024-03-31 02:30", end="2024-10-27 04:30")
    assert editor.post(url, data).status_code == 302
    event = Event.objects.get(title="Yöseminaari")
    assert event.start == datetime.datetime(2024, 3, 31, 0, 30, tzinfo=UTC)
    assert event.end == datetime.datetime(2024, 10, 27, 2, 30, tzinfo=UTC)


def test_an_instant_in_the_repeated_hour_goes_to_the_feed_in_utc(client, board_pages):
    first, second = (
        datetime.datetime(2024, 10, 27, 0, 30, tzinfo=UTC),
        datetime.datetime(2024, 10, 27, 1, 30, tzinfo=UTC),
    )
    for title, start in (("Ensimmäinen", first), ("Toinen", second)):
        f.EventFactory(title=title, start=start, end=start + datetime.timedelta(minutes=90))
    feed = client.get("/fi/toimintakalenteri/ical/").content
    lines = feed.decode().split("\r\n")
    assert "DTSTART:20241027T003000Z" in lines and "DTSTART:20241027T013000Z" in lines
    assert "DTEND;TZID=Europe/Helsinki:20241027T040000" in lines  # after the repeat: local again
    (read,) = icaljs([feed])
    assert sorted(read.values()) == [
        (first, first + datetime.timedelta(minutes=90)),
        (second, second + datetime.timedelta(minutes=90)),
    ]


def test_the_validator_finds_what_it_looks_for(client, board_pages):
    f.EventFactory(title="Infotilaisuus", end=None)
    feed = client.get("/fi/toimintakalenteri/ical/").content
    assert rfc5545_problems(feed, icalendar.Calendar.from_ical(feed)) == []
    text = feed.decode()
    text = text[: text.index("BEGIN:VTIMEZONE")] + text[text.index("END:VTIMEZONE\r\n") + 15 :]
    broken = "\r\n".join(line for line in text.split("\r\n") if not line.startswith("DTSTAMP"))
    broken = broken.replace("DTSTART;", "DTEND;TZID=Europe/Helsinki:19900101T000000\r\nDTSTART;", 1)
    problems = rfc5545_problems(broken.encode(), icalendar.Calendar.from_ical(broken))
    assert "VEVENT lacks DTSTAMP" in problems
    assert any("ends before it starts" in p for p in problems)
    assert any("TZID without VTIMEZONE" in p for p in problems)
