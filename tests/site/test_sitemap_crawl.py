"""The sitemap lists every public page (issue 14, item 4), checked from the outside.

A crawler follows every same-site `<a href>` of the demo site from /fi/, /sv/ and /en/ with
the Django test client; every HTML page answering 200 must be in sitemap.xml, every sitemap
URL must answer 200 with HTML, and the hreflang alternates must be reciprocal and listed.
On top: drafts and restricted pages stay out, and the query count does not grow with data.
"""

from __future__ import annotations

import datetime
from urllib.parse import parse_qsl, urlencode, urljoin, urlsplit

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from lxml import etree
from lxml import html as lxml_html

NS = {"sm": "http://www.sitemaps.org/schemas/sitemap/0.9", "xhtml": "http://www.w3.org/1999/xhtml"}
ORIGIN = "http://testserver"
SKIPPED_PREFIXES = ("/admin/", "/api/", "/documents/", "/media/", "/static/")


def sitemap_urls(client) -> dict[str, dict[str, str]]:
    """{location: {hreflang: href}} from sitemap.xml."""
    response = client.get("/sitemap.xml")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/xml")
    root = etree.fromstring(response.content)
    entries = {}
    for url in root.xpath("//sm:url", namespaces=NS):
        location = url.xpath("string(sm:loc)", namespaces=NS)
        assert location not in entries, f"listed twice: {location}"
        entries[location] = {
            link.get("hreflang"): link.get("href")
            for link in url.xpath("xhtml:link[@rel='alternate']", namespaces=NS)
        }
    return entries


def _default_choices() -> set[tuple[str, str]]:
    """Query parameters that choose what the address without them shows: a listing's first
    page ("Newer meetings" on the second page links "?page=1") and the current term (the
    member directory's term form offers it too). The sitemap lists the address without them."""
    from board.reference import reference

    current = reference().current_term()
    return {("page", "1")} | ({("term", str(current.pk))} if current else set())


def normalise(url: str, defaults: set[tuple[str, str]] = frozenset()) -> str | None:
    """The absolute same-site address of a link, or None for links the crawl does not follow."""
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or parts.netloc != "testserver":
        return None
    if parts.path.startswith(SKIPPED_PREFIXES) or parts.path in ("/sitemap.xml", "/robots.txt"):
        return None
    query = [pair for pair in parse_qsl(parts.query, keep_blank_values=True) if pair not in defaults]
    return f"{ORIGIN}{parts.path}" + (f"?{urlencode(query)}" if query else "")


def _form_targets(url: str, document) -> list[str]:
    """Choices offered by a GET form of selects only (the member directory's term): each is a
    page a visitor reaches. Forms with a text field (search) ask for input, and are left out."""
    targets = []
    for form in document.xpath("//form[not(@method) or translate(@method, 'GET', 'get')='get']"):
        fields = form.xpath(".//input[@name][not(@type='hidden') and not(@type='submit')] | .//textarea")
        selects = form.xpath(".//select[@name]")
        if fields or len(selects) != 1:
            continue
        action = urljoin(url, form.get("action") or url)
        for value in selects[0].xpath(".//option/@value"):
            targets.append(f"{action.split('?')[0]}?{urlencode({selects[0].get('name'): value})}")
    return targets


def crawl(client) -> tuple[set[str], dict[str, int]]:
    """(HTML pages answering 200, other answers by URL) reachable by links from the home pages."""
    defaults = _default_choices()
    queue = [f"{ORIGIN}/{code}/" for code in ("fi", "sv", "en")]
    seen = set(queue)
    html_pages: set[str] = set()
    others: dict[str, int] = {}
    while queue:
        url = queue.pop()
        response = client.get(url)
        if response.status_code in (301, 302):
            target = normalise(urljoin(url, response["Location"]), defaults)
            if target and target not in seen:
                seen.add(target)
                queue.append(target)
            continue
        if response.status_code != 200 or not response["Content-Type"].startswith("text/html"):
            others[url] = response.status_code
            continue
        html_pages.add(url)
        document = lxml_html.fromstring(response.content.decode())
        links = [urljoin(url, href.strip()) for href in document.xpath("//a/@href")]
        for link in links + _form_targets(url, document):
            target = normalise(link, defaults)
            if target and target not in seen:
                seen.add(target)
                queue.append(target)
    return html_pages, others


@pytest.fixture
def uncached(settings):
    # Every request runs its view: the query counts and changed content are the view's own.
    settings.APP_CACHE_ENABLED = False
    settings.HTTP_CACHE_ENABLED = False


def test_a_crawl_of_the_demo_finds_no_page_the_sitemap_lacks_and_every_sitemap_url_answers(demo, client):
    entries = sitemap_urls(client)
    html_pages, others = crawl(client)
    print(f"\ncrawled {len(html_pages)} HTML pages ({len(others)} other answers); sitemap: {len(entries)}")
    broken = {url: status for url, status in others.items() if status >= 400}
    assert not broken, broken

    # The board's sub-pages are among them, in every language.
    for code in ("fi", "sv", "en"):
        assert any(u.startswith(f"{ORIGIN}/{code}/") and u.count("/") >= 7 for u in html_pages), code
    assert len(html_pages) >= 84  # what the crawl in issue 14 found

    missing = sorted(html_pages - set(entries))
    assert not missing, f"{len(missing)} crawled pages not in the sitemap: {missing[:20]}"

    # Every sitemap URL answers 200 with HTML (the crawl fetched most of them already).
    for location in sorted(set(entries) - html_pages):
        response = client.get(location)
        assert response.status_code == 200, location
        assert response["Content-Type"].startswith("text/html"), location

    # Reciprocal alternates: each version lists all versions, itself included, and each is listed.
    for location, alternates in entries.items():
        if not alternates:
            continue
        languages = {code: href for code, href in alternates.items() if code != "x-default"}
        assert location in languages.values(), location
        assert alternates.get("x-default") == languages.get("fi"), location
        for href in languages.values():
            assert href in entries, f"{location}: alternate {href} not in the sitemap"
            assert entries[href] == alternates, f"{location} and {href} disagree on their alternates"


def test_the_sitemap_is_cached_like_every_public_answer(demo, client):
    first = client.get("/sitemap.xml")
    assert "public" in first["Cache-Control"]
    assert first.has_header("ETag")
    again = client.get("/sitemap.xml", HTTP_IF_NONE_MATCH=first["ETag"])
    assert again.status_code == 304


def test_a_draft_meeting_and_a_restricted_page_are_not_in_the_sitemap(demo, client, uncached):
    from wagtail.models import Page, PageViewRestriction

    from board.factories import MeetingFactory
    from board.models import MinutesArchivePage

    archive = MinutesArchivePage.objects.live().get(locale__language_code="fi")
    draft = MeetingFactory(live=False, start=datetime.datetime(2099, 3, 1, 12, tzinfo=datetime.UTC), number=7)
    published = MeetingFactory(start=datetime.datetime(2099, 4, 1, 12, tzinfo=datetime.UTC), number=8)
    draft_path = f"{ORIGIN}{archive.url}2099/{draft.number}/"
    published_path = f"{ORIGIN}{archive.url}2099/{published.number}/"

    page = Page.objects.live().get(url_path__endswith="/tietosuojaseloste/", locale__language_code="fi")
    before = sitemap_urls(client)
    assert f"{ORIGIN}/fi/tietosuojaseloste/" in before
    assert published_path in before and draft_path not in before
    assert client.get(draft_path).status_code == 404  # the sitemap and the archive agree

    PageViewRestriction.objects.create(page=page, restriction_type=PageViewRestriction.PASSWORD, password="x")
    after = sitemap_urls(client)
    assert f"{ORIGIN}/fi/tietosuojaseloste/" not in after
    assert all(f"{ORIGIN}/fi/tietosuojaseloste/" not in alts.values() for alts in after.values())
    assert f"{ORIGIN}/sv/dataskyddsbeskrivning/" in after  # its translations are not restricted


def _sitemap_queries(client) -> tuple[int, list[str], dict]:
    with CaptureQueriesContext(connection) as captured:
        entries = sitemap_urls(client)
    return len(captured.captured_queries), [q["sql"][:120] for q in captured.captured_queries], entries


def test_the_sitemap_query_count_does_not_grow_with_the_meetings(demo, client, uncached):
    from board.factories import MeetingFactory

    def add(count: int, year: int) -> None:
        for number in range(1, count + 1):
            MeetingFactory(start=datetime.datetime(year, 1, 1, 12, tzinfo=datetime.UTC), number=number)

    add(10, 2101)
    client.get("/sitemap.xml")  # configuration is read once per process and content version
    small, small_sql, small_entries = _sitemap_queries(client)
    add(90, 2102)
    client.get("/sitemap.xml")
    large, large_sql, large_entries = _sitemap_queries(client)
    # Each meeting in every language the archive has (three in the demo).
    assert len(large_entries) - len(small_entries) >= 90 * 3 + 3
    assert large == small, (small_sql, large_sql)
    # 100 more meetings make the listings paginate: the listing pages are found and listed too.
    assert any("?page=" in url for url in large_entries)
    html_pages, others = crawl(client)
    assert not (html_pages - set(large_entries)), sorted(html_pages - set(large_entries))[:20]
    assert not {url: status for url, status in others.items() if status >= 400}
    # The pages, then the meetings; restrictions and locales come from the per-version caches.
    assert small <= 4, small_sql
