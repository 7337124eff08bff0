"""RSS 2.0 and Atom feeds of the board's news (board/syndication.py), read with feedparser
as feed readers read them: no error, every item matching the database, times right in summer
(+03:00) and winter (+02:00)."""

import calendar
import datetime

import feedparser
import pytest
from django.utils import timezone
from lxml import html as lxml_html

from board import factories as f
from board.models import Event, Meeting, MeetingStatus
from documents.factories import DocumentFactory

from .conftest import at, published

FEEDS = {"rss": "application/rss+xml", "atom": "application/atom+xml"}


def as_utc(struct) -> datetime.datetime:
    return datetime.datetime.fromtimestamp(calendar.timegm(struct), datetime.UTC)


@pytest.fixture
def news(swedish_pages, translate):
    agenda = DocumentFactory(title="Esityslista 5/2026", kind="agenda", read=False)
    minutes = DocumentFactory(title="Pöytäkirja 2/2026", kind="minutes", read=False)
    items = {
        # Summer time (+03:00) and winter time (+02:00), both at 10.00 in Helsinki.
        "summer": published(
            number=5,
            start=at(2026, 7, 15),
            title="Kesäkokous",
            status=MeetingStatus.AGENDA_PUBLISHED,
            agenda=agenda,
        ),
        "winter": published(
            number=2,
            start=at(2026, 1, 14),
            title="Talvikokous",
            status=MeetingStatus.MINUTES_APPROVED,
            minutes=minutes,
            agenda=agenda,
        ),
        "cancelled": published(
            number=3, start=at(2026, 3, 11), title="Peruttu", status=MeetingStatus.CANCELLED
        ),
        "planned": published(
            number=4, start=at(2026, 5, 6), title="Suunniteltu", status=MeetingStatus.PLANNED
        ),
        "event": published(f.EventFactory, title="Infotilaisuus", start=at(2026, 12, 2, 17)),
        "draft_event": f.EventFactory(title="Luonnostapahtuma", live=False),
    }
    translate(items["winter"], "sv", {"Talvikokous": "Vintermöte"})
    # Published at a known moment in winter: the feed's dates must be that instant.
    winter_published = at(2026, 2, 3, 9, 15)
    Meeting.objects.filter(translation_key=items["winter"].translation_key).update(
        last_published_at=winter_published
    )
    summer_published = at(2026, 6, 30, 23, 30)
    Meeting.objects.filter(pk=items["summer"].pk).update(last_published_at=summer_published)
    return items | {"winter_published": winter_published, "summer_published": summer_published}


def read(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    parsed = feedparser.parse(response.content)
    assert parsed.bozo == 0, parsed.get("bozo_exception")
    return response, parsed


@pytest.mark.parametrize("kind", FEEDS)
@pytest.mark.parametrize(
    "language,prefix", [("fi", "/fi/toimintakalenteri/"), ("sv", "/sv/verksamhetskalender/")]
)
def test_feeds_parse_without_error_and_every_item_matches_the_database(client, news, kind, language, prefix):
    response, parsed = read(client, f"{prefix}{kind}/")
    assert response["Content-Type"].startswith(FEEDS[kind])
    assert parsed.version == ("rss20" if kind == "rss" else "atom10")
    assert parsed.feed.get("language", language).startswith(language)
    expected = {}
    for meeting in Meeting.objects.filter(
        live=True,
        locale__language_code="fi",
        status__in=[MeetingStatus.AGENDA_PUBLISHED, MeetingStatus.MINUTES_APPROVED, MeetingStatus.CANCELLED],
    ):
        shown = (
            Meeting.objects.filter(
                translation_key=meeting.translation_key, locale__language_code=language, live=True
            ).first()
            or meeting
        )
        expected[f"meeting-{meeting.translation_key}-{meeting.status}"] = (meeting, shown.title)
    for event in Event.objects.filter(live=True, locale__language_code="fi"):
        expected[f"event-{event.translation_key}"] = (event, event.title)
    ids = {entry.id.rsplit(":", 1)[1]: entry for entry in parsed.entries}
    assert set(ids) == set(expected)
    for key, (obj, title) in expected.items():
        entry = ids[key]
        assert title in entry.title
        if isinstance(obj, Meeting):
            assert obj.reference in entry.title
            assert entry.link.endswith(f"{obj.year}/{obj.number}/")
            assert entry.link.startswith("http://testserver" + prefix.split("/")[0] + f"/{language}/")
            stamp = entry.updated_parsed if kind == "atom" else entry.published_parsed
            assert as_utc(stamp) == obj.last_published_at.replace(microsecond=0)
        else:
            assert as_utc(entry.published_parsed) == obj.first_published_at.replace(microsecond=0)
        # The meeting's or event's own time in Helsinki time, winter and summer alike.
        local = timezone.localtime(obj.start)
        assert (
            f"{local.hour}.{local.minute:02d}" in entry.summary
            or f"{local.hour}:{local.minute:02d}" in entry.summary
        )


def test_dates_carry_helsinki_offsets_of_summer_and_winter(client, news):
    _response, parsed = read(client, "/fi/toimintakalenteri/rss/")
    by_title = {e.title: e for e in parsed.entries}
    winter = next(e for t, e in by_title.items() if "Talvikokous" in t)
    summer = next(e for t, e in by_title.items() if "Kesäkokous" in t)
    assert winter.published.endswith("+0200")
    assert summer.published.endswith("+0300")
    assert as_utc(winter.published_parsed) == news["winter_published"]
    assert as_utc(summer.published_parsed) == news["summer_published"]
    # 10.00 in Helsinki whether the meeting is in summer or in winter.
    assert "10.00" in winter.summary and "10.00" in summer.summary
    _response, atom = read(client, "/fi/toimintakalenteri/atom/")
    updated = {e.title: e.updated for e in atom.entries}
    assert any(v.endswith("+02:00") for t, v in updated.items() if "Talvikokous" in t)
    assert any(v.endswith("+03:00") for t, v in updated.items() if "Kesäkokous" in t)


def test_new_status_is_a_new_item_and_drafts_and_planned_meetings_are_not_news(client, news):
    _response, parsed = read(client, "/fi/toimintakalenteri/atom/")
    titles = " ".join(e.title for e in parsed.entries)
    assert "Suunniteltu" not in titles and "Luonnostapahtuma" not in titles
    assert "Peruttu" in titles
    meeting = news["summer"]
    meeting.status = MeetingStatus.CANCELLED
    meeting.save_revision().publish()
    _response, parsed = read(client, "/fi/toimintakalenteri/atom/")
    ids = [e.id for e in parsed.entries]
    assert any(i.endswith(f"meeting-{meeting.translation_key}-cancelled") for i in ids)
    assert not any(i.endswith(f"meeting-{meeting.translation_key}-agenda_published") for i in ids)


@pytest.mark.parametrize(
    "language,prefix", [("fi", "/fi/toimintakalenteri/"), ("sv", "/sv/verksamhetskalender/")]
)
def test_calendar_page_links_its_feeds_with_link_rel_alternate(client, news, language, prefix):
    page = lxml_html.fromstring(client.get(prefix).content.decode())
    links = {
        link.get("type"): link.get("href") for link in page.xpath('//head/link[@rel="alternate"][@type]')
    }
    assert links == {
        "application/rss+xml": f"http://testserver{prefix}rss/",
        "application/atom+xml": f"http://testserver{prefix}atom/",
    }
    for href in links.values():
        read(client, href.removeprefix("http://testserver"))


def test_feed_queries_do_not_grow_with_the_number_of_items(client, swedish_pages):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def count(url):
        with CaptureQueriesContext(connection) as queries:
            read(client, url)
        return len(queries)

    agenda = DocumentFactory(title="Esityslista", kind="agenda", read=False)
    published(number=1, start=at(2026, 1, 7), status=MeetingStatus.AGENDA_PUBLISHED, agenda=agenda)
    published(f.EventFactory, start=at(2026, 2, 7))
    few = {url: count(url) for url in ("/fi/toimintakalenteri/rss/", "/sv/verksamhetskalender/atom/")}
    for n in range(2, 12):
        published(number=n, start=at(2026, 1, 7 + n), status=MeetingStatus.AGENDA_PUBLISHED, agenda=agenda)
        published(f.EventFactory, start=at(2026, 3, n))
    many = {url: count(url) for url in few}
    assert many == few
    assert max(few.values()) <= 12
