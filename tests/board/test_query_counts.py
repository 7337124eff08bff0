"""Public board pages cost the same number of queries with 10 or 200 meetings (budget: 15)."""

import datetime
from zoneinfo import ZoneInfo

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import Locale

from board import factories as f
from board.models import Meeting, MeetingStatus
from documents.factories import DocumentFactory
from tests.board.scenario import build_board

BUDGET = 15
HELSINKI = ZoneInfo("Europe/Helsinki")


def make_meetings(count: int, translate_to: Locale | None = None, first_number: int = 1) -> None:
    agenda = DocumentFactory(title="Esityslista", kind="agenda", read=False)
    minutes = DocumentFactory(title="Pöytäkirja", kind="minutes", read=False)
    start = datetime.datetime(2026, 11, 1, 16, tzinfo=HELSINKI)
    for i in range(first_number - 1, first_number - 1 + count):
        when = start - datetime.timedelta(days=14 * i)
        meeting = f.MeetingFactory(
            number=i + 1,
            start=when,
            title=f"Kokous {i + 1}",
            status=MeetingStatus.MINUTES_APPROVED,
            agenda=agenda,
            minutes=minutes,
        )
        if translate_to is not None and i % 2 == 0:
            copy = meeting.copy_for_translation(translate_to)
            copy.title = f"Sammanträde {i + 1}"
            copy.save()
        event = f.EventFactory(start=when, title=f"Tapahtuma {i + 1}", document=agenda)
        if translate_to is not None and i % 2 == 0:
            copy = event.copy_for_translation(translate_to)
            copy.title = f"Evenemang {i + 1}"
            copy.save()


@pytest.fixture
def swedish_board(translated_home, board_pages, translate, roles, seats, terms):
    for page, slug in (
        ("directory", "medlemmar"),
        ("archive", "protokoll"),
        ("calendar", "verksamhetskalender"),
    ):
        translate(board_pages[page], "sv", {board_pages[page].slug: slug})
    for objs in (roles.values(), [s for group in seats.values() for s in group]):
        for obj in objs:
            copy = obj.copy_for_translation(Locale.objects.get(language_code="sv"))
            copy.name = f"{obj.name} (sv)"
            copy.save()
    return build_board(roles, seats, terms)


URLS = {
    "fi": [
        "/fi/jasenet/",
        "/fi/kokousmuistiot/",
        "/fi/kokousmuistiot/2026/",
        "/fi/kokousmuistiot/2026/1/",
        "/fi/kokousmuistiot/2026/1/ical/",
        "/fi/toimintakalenteri/",
        "/fi/toimintakalenteri/ical/",
    ],
    "sv": [
        "/sv/medlemmar/",
        "/sv/protokoll/",
        "/sv/protokoll/2026/",
        "/sv/protokoll/2026/1/",
        "/sv/verksamhetskalender/",
        "/sv/verksamhetskalender/ical/",
    ],
}


def query_counts(client, urls) -> dict[str, int]:
    counts = {}
    for url in urls:
        client.get(url)  # warm Wagtail's per-process caches (site root paths)
        with CaptureQueriesContext(connection) as queries:
            response = client.get(url)
        assert response.status_code == 200, url
        counts[url] = len(queries)
    return counts


@pytest.mark.parametrize("language", ["fi", "sv"])
def test_public_board_pages_cost_the_same_queries_with_10_or_200_meetings(
    client, swedish_board, settings, language
):
    # Measure rendering itself: no whole-response cache ("cache cold").
    settings.APP_CACHE_ENABLED = False
    sv = Locale.objects.get(language_code="sv")
    make_meetings(10, sv, first_number=1)
    small = query_counts(client, URLS[language])
    make_meetings(190, sv, first_number=11)
    assert Meeting.objects.filter(locale__language_code="fi").count() == 200
    large = query_counts(client, URLS[language])
    assert large == small
    assert max(large.values()) <= BUDGET, large
