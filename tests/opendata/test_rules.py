"""The open data follows the rules of everything public: query counts flat with the data,
ETags and the whole-response cache as the REST API has them (cms/http_cache.py)."""

from __future__ import annotations

import datetime

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from board.models import Meeting
from tests.opendata.conftest import ENTRY, POPOLO, make_meetings

BUDGET = 20


def _urls(opendata) -> list[str]:
    since = (timezone.now() - datetime.timedelta(days=30)).date().isoformat()
    return [
        ENTRY,
        f"{ENTRY}bodies/",
        f"{ENTRY}body/",
        f"{ENTRY}legislative-terms/",
        f"{ENTRY}organizations/",
        f"{ENTRY}organizations/board/",
        f"{ENTRY}organizations/group/agencies/",
        f"{ENTRY}people/?limit=100",
        f"{ENTRY}people/{opendata['consenting'].pk}/",
        f"{ENTRY}memberships/?limit=100",
        f"{ENTRY}meetings/?limit=100",
        f"{ENTRY}meetings/?limit=100&modified_since={since}",
        f"{ENTRY}meetings/?limit=5&page=2",
        f"{ENTRY}meetings/{opendata['held'].pk}/",
        f"{ENTRY}meetings/{opendata['held'].pk}/location/",
        f"{ENTRY}files/?limit=100",
        f"{ENTRY}files/{opendata['agenda'].pk}/",
        POPOLO,
    ]


def _counts(client, urls) -> dict[str, int]:
    counts = {}
    for url in urls:
        client.get(url)  # warm the per-process caches (reference tables, site roots)
        with CaptureQueriesContext(connection) as queries:
            response = client.get(url)
        assert response.status_code == 200, (url, response.content[:300])
        counts[url] = len(queries)
    return counts


def test_query_counts_are_flat_from_10_to_500_meetings(client, opendata, settings):
    settings.APP_CACHE_ENABLED = False  # measure the views themselves ("cache cold")
    make_meetings(10, year=2018)
    urls = _urls(opendata)
    small = _counts(client, urls)
    make_meetings(490, year=2010)
    assert Meeting.objects.filter(live=True, locale__language_code="fi").count() == 502
    assert client.get(f"{ENTRY}meetings/?limit=100").json()["pagination"]["totalElements"] == 502
    large = _counts(client, urls)
    assert large == small
    assert max(large.values()) <= BUDGET, large


def test_answers_carry_etags_and_are_served_from_the_response_cache(api, opendata):
    for url in (ENTRY, f"{ENTRY}meetings/", f"{ENTRY}people/{opendata['consenting'].pk}/", POPOLO):
        first = api.get(url)
        assert first.status_code == 200
        assert first["ETag"] and first["Last-Modified"]
        assert "public" in first["Cache-Control"]
        assert first["X-App-Cache"] == "miss"
        second = api.get(url)
        assert second["X-App-Cache"] == "hit" and second.content == first.content
        assert api.get(url, HTTP_IF_NONE_MATCH=first["ETag"]).status_code == 304


def test_publishing_changes_the_etag_and_the_answer(api, opendata):
    first = api.get(f"{ENTRY}meetings/")
    opendata["draft"].save_revision().publish()
    second = api.get(f"{ENTRY}meetings/", HTTP_IF_NONE_MATCH=first["ETag"])
    assert second.status_code == 200 and second["ETag"] != first["ETag"]
    total = second.json()["pagination"]["totalElements"]
    assert total == first.json()["pagination"]["totalElements"] + 1


def test_bad_parameters_are_not_cached_as_answers(api, opendata):
    response = api.get(f"{ENTRY}meetings/", {"limit": "0"})
    assert response.status_code == 400
    assert "X-App-Cache" not in response
