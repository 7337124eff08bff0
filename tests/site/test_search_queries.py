"""The shared search queries (tests/site/search_queries.py) against the demo, as a visitor searches:
the search page over HTTP, every result page followed, and the API's search for the same query.
The same table passes on SQLite and on PostgreSQL."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from board.models import Meeting
from tests.site.conftest import parse
from tests.site.search_queries import CASES, Case, With

SEARCH_URL = {"fi": "/fi/haku/", "sv": "/sv/sok/", "en": "/en/search/"}
TYPE_ORDER = ["page", "meeting", "event", "person", "document"]
# Queries of one search page, whatever the query and however many hits (test_search.py shows
# the same bound holds as the data grows).
MAX_QUERIES = (
    13  # 12, and one more when events also have files in the visitor's language (a fixed cost per kind)
)


def _page_hits(doc) -> list[dict]:
    hits = []
    for li in doc.xpath("//ol[contains(@class,'search-results__list')]/li"):
        kind = next(c.split("--", 1)[1] for c in li.get("class").split() if c.startswith("search-result--"))
        hits.append(
            {
                "type": kind,
                "title": li.xpath("normalize-space(./h3)"),
                "url": (li.xpath("./h3/a/@href") or [""])[0],
                "documents": [
                    (a.text_content().strip(), a.get("href"))
                    for a in li.xpath(".//li[contains(@class,'search-result__document')]/a")
                ],
            }
        )
    return hits


def visitor_search(client, language: str, query: str) -> tuple[list[dict], int]:
    """Every hit of the search page for `query`, following its "next" links; and the queries
    the first page took."""
    hits: list[dict] = []
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(SEARCH_URL[language], {"q": query})
    first_page_queries = len(ctx.captured_queries)
    while True:
        assert response.status_code == 200
        doc = parse(response)
        hits += _page_hits(doc)
        following = doc.xpath("//a[contains(@class,'hds-pagination__button-next')]/@href")
        if not following:
            return hits, first_page_queries
        response = client.get(following[0])


def api_search(client, language: str, query: str, **params) -> list[dict]:
    items, page = [], 1
    while True:
        response = client.get(
            "/api/v3/search/", {"q": query, "locale": language, "limit": 50, "page": page, **params}
        )
        assert response.status_code == 200, response.content[:500]
        data = response.json()
        items += data["items"]
        if page >= data["num_pages"]:
            return items
        page += 1


def _in_language(meetings: list[Meeting], language: str) -> list[Meeting]:
    """The visitor's language version of each source meeting (the source where none)."""
    keys = [m.translation_key for m in meetings]
    translated = {
        m.translation_key: m
        for m in Meeting.objects.filter(translation_key__in=keys, locale__language_code=language)
    }
    return [translated.get(m.translation_key, m) for m in meetings]


def _documents_of(meeting: Meeting, which: tuple[str, ...], in_text: bool) -> list[str]:
    documents = []
    if "agenda" in which and meeting.agenda:
        documents.append(meeting.agenda)
    if "minutes" in which and meeting.minutes:
        documents.append(meeting.minutes)
    if "attachments" in which:
        documents += [block.value["document"] for block in meeting.attachments]
    if in_text:
        documents = [d for d in documents if d.extracted_text.strip()]
    by_title = sorted(documents, key=lambda d: d.title.casefold())
    return [d.title for d in sorted(by_title, key=lambda d: d.document_date, reverse=True)]


def expected_meetings(case: Case) -> list[tuple[str, list[str]]]:
    source = Meeting.objects.filter(live=True, locale__language_code="fi").order_by("-start")
    if isinstance(case.meetings, With):
        wanted = [m for m in source if _documents_of(m, case.meetings.documents, case.in_text)]
        assert wanted, f"the demo has no meeting with {case.meetings.documents}"
    else:
        by_reference = {m.reference: m for m in source}
        wanted = [by_reference[reference] for reference in case.meetings]
    files = dict(case.files)
    return [
        (
            str(shown),
            list(files[meeting.reference]) if files else _documents_of(meeting, case.listed, case.in_text),
        )
        for meeting, shown in zip(wanted, _in_language(wanted, case.language), strict=True)
    ]


@pytest.mark.parametrize("case", CASES, ids=[f"{c.language}-{c.query}" for c in CASES])
def test_a_visitor_finds_what_the_query_means(client, demo, case):
    hits, queries = visitor_search(client, case.language, case.query)

    types = [h["type"] for h in hits]
    assert types == sorted(types, key=TYPE_ORDER.index), "grouped by type, pages first"
    by_type = {kind: [h for h in hits if h["type"] == kind] for kind in TYPE_ORDER}
    assert {h["title"] for h in by_type["page"]} == set(case.pages)
    assert len(by_type["page"]) == len(case.pages)
    assert {h["title"] for h in by_type["person"]} == set(case.people)
    assert len(by_type["person"]) == len(case.people)
    assert [(h["title"], [t for t, _url in h["documents"]]) for h in by_type["meeting"]] == expected_meetings(
        case
    ), "meetings newest first, each with its matching documents"
    assert [h["title"] for h in by_type["event"]] == list(case.events)
    assert [h["title"] for h in by_type["document"]] == list(case.documents)
    assert queries <= MAX_QUERIES

    # The API answers the same hits in the same order, with the same documents under them.
    items = api_search(client, case.language, case.query)
    assert [(i["type"], i["title"], [d["title"] for d in i["documents"]]) for i in items] == [
        (h["type"], h["title"], [t for t, _url in h["documents"]]) for h in hits
    ]
    for item, hit in zip(items, hits, strict=True):
        assert item["url"].endswith(hit["url"])
    # Asked for one kind, it answers that kind's hits of the same search.
    for kind in {h["type"] for h in hits}:
        assert [
            (i["type"], i["title"]) for i in api_search(client, case.language, case.query, type=kind)
        ] == [(h["type"], h["title"]) for h in hits if h["type"] == kind]


def test_a_document_hit_is_shown_under_its_meeting_and_both_links_open(client, demo):
    hits, _queries = visitor_search(client, "fi", "pöytäkirjat")
    meeting = next(h for h in hits if h["type"] == "meeting")
    (title, url), *_rest = meeting["documents"]
    assert title.startswith("Pöytäkirja ") and title.endswith(meeting["title"].split()[0])
    assert client.get(meeting["url"]).status_code == 200
    assert client.get(url).status_code == 200
    # The file is not a hit of its own: it is found only under its meeting.
    assert all(h["title"] != title for h in hits)


def test_a_person_found_by_name_links_to_the_directory_that_lists_them(client, demo):
    hits, _queries = visitor_search(client, "fi", "Aihio")
    assert hits
    for hit in hits:
        response = client.get(hit["url"])
        assert response.status_code == 200
        assert hit["title"] in parse(response).text_content()


def test_the_swedish_site_finds_the_swedish_meeting_by_its_inflected_title(client, demo):
    hits, _queries = visitor_search(client, "sv", "möten")
    meetings = [h for h in hits if h["type"] == "meeting"]
    assert [h["url"] for h in meetings if "avslutande" in h["title"]] == [
        "/sv/protokoll/2026/6/",
        "/sv/protokoll/2025/6/",
        "/sv/protokoll/2024/6/",
    ]
