"""Context kept across languages and shares, over HTTP (the demo content, as `make run` loads it).

A routed view of a page (a meeting, a year, a term of the member directory, a later page of
a listing) is the same thing in every language: its canonical link, hreflang alternates,
language switcher, og:url and share links all name it, never the page it hangs under, and
its share text and og:title are its own title. Where the page has no live translation, the
Finnish address under /sv/ or /en/ gives the "only in Finnish" notice naming the view and
linking to it. Search keeps its query. The sitemap's alternates (home/sitemap.py) and each
page's own head agree, URL by URL.
"""

import datetime
from urllib.parse import parse_qs, urlsplit

import pytest
from lxml import etree

from board.factories import MeetingFactory
from board.models import Meeting, MemberDirectoryPage, MinutesArchivePage, Term
from tests.site.conftest import parse, t

NS = {"sm": "http://www.sitemaps.org/schemas/sitemap/0.9", "xhtml": "http://www.w3.org/1999/xhtml"}
BASE = "http://testserver"


def _path(url: str) -> str:
    return url.removeprefix(BASE)


def _head(doc) -> dict:
    """What a page's head and header say about its address in each language."""
    return {
        "canonical": _path(doc.xpath('string(//head/link[@rel="canonical"]/@href)')),
        "og_url": _path(doc.xpath('string(//head/meta[@property="og:url"]/@content)')),
        "og_title": doc.xpath('string(//head/meta[@property="og:title"]/@content)'),
        "alternates": {
            link.get("hreflang"): _path(link.get("href"))
            for link in doc.xpath('//head/link[@rel="alternate"][@hreflang]')
        },
        "switcher": {
            a.get("hreflang"): a.get("href")
            for a in doc.xpath('//nav[contains(@class,"language-switcher")]//a[@hreflang]')
        },
    }


def _follow_switcher(client, path: str) -> dict[str, tuple[str, object]]:
    """Opens `path`, then each language the switcher offers: {code: (address, document)}."""
    response = client.get(path)
    assert response.status_code == 200, path
    landed = {}
    for code, href in _head(parse(response))["switcher"].items():
        answer = client.get(href)
        assert answer.status_code == 200, href
        landed[code] = (href, parse(answer))
    return landed


def _meeting(year: int, number: int) -> Meeting:
    return Meeting.objects.get(year=year, number=number, locale__language_code="fi")


def _title(meeting_fi: Meeting, code: str) -> str:
    version = meeting_fi.get_translations(inclusive=True).filter(locale__language_code=code).first()
    return (version or meeting_fi).title


def test_a_meeting_is_the_same_meeting_in_every_language(client, demo):
    meeting = _meeting(2025, 3)
    path = "/fi/kokousmuistiot/2025/3/"
    head = _head(parse(client.get(path)))
    expected = {"fi": path, "sv": "/sv/protokoll/2025/3/", "en": "/en/minutes/2025/3/"}
    assert head["canonical"] == head["og_url"] == path
    assert head["alternates"] == {**expected, "x-default": path}
    assert head["switcher"] == {"sv": expected["sv"], "en": expected["en"]}
    for code, (href, doc) in _follow_switcher(client, path).items():
        assert href == expected[code]
        assert doc.get("lang") == code
        h1 = doc.xpath("string(//main//h1)")
        assert h1.startswith("3/2025") and _title(meeting, code) in h1
        there = _head(doc)
        assert there["canonical"] == href
        assert there["alternates"] == {**expected, "x-default": path}
        assert there["og_title"] == f"3/2025 {_title(meeting, code)}"


def test_share_links_on_a_meeting_share_the_meeting_with_its_title(client, demo):
    meeting = _meeting(2025, 3)
    path = "/sv/protokoll/2025/3/"
    doc = parse(client.get(path))
    title = f"3/2025 {_title(meeting, 'sv')}"
    assert title != "3/2025 " + meeting.title  # the Swedish title, not the Finnish one
    assert doc.xpath('string(//head/meta[@property="og:title"]/@content)') == title
    links = {
        a.get("class").split("share__link--")[-1]: a.get("href")
        for a in doc.xpath('//a[@class][@href][contains(@class,"share__link--")]')
    }
    assert set(links) == {"email", "facebook", "x", "linkedin"}
    url = BASE + path
    email = parse_qs(urlsplit(links["email"]).query)
    assert email == {"subject": [title], "body": [url]}
    assert parse_qs(urlsplit(links["facebook"]).query) == {"u": [url]}
    assert parse_qs(urlsplit(links["x"]).query) == {"url": [url], "text": [title]}
    assert parse_qs(urlsplit(links["linkedin"]).query) == {"url": [url]}
    assert doc.xpath('string(//a[contains(@class,"share__copy")]/@href)') == url


def test_a_year_is_the_same_year_in_every_language(client, demo):
    path = "/fi/kokousmuistiot/2025/"
    expected = {"fi": path, "sv": "/sv/protokoll/2025/", "en": "/en/minutes/2025/"}
    head = _head(parse(client.get(path)))
    assert head["canonical"] == path
    assert head["alternates"] == {**expected, "x-default": path}
    assert head["og_title"] == "Kokousmuistiot: 2025"
    for code, (href, doc) in _follow_switcher(client, path).items():
        assert href == expected[code]
        assert doc.xpath("string(//main//h1)").endswith(": 2025")
        assert doc.xpath('//nav[contains(@class,"year-filter")]//a[@aria-current="page"]/text()') == ["2025"]
        assert _head(doc)["canonical"] == href


def test_a_later_page_of_the_archive_keeps_its_page_number(client, demo, monkeypatch):
    monkeypatch.setattr(MinutesArchivePage, "per_page", 2)
    head = _head(parse(client.get("/fi/kokousmuistiot/?page=2")))
    assert head["canonical"] == "/fi/kokousmuistiot/?page=2"
    assert head["switcher"] == {"sv": "/sv/protokoll/?page=2", "en": "/en/minutes/?page=2"}
    head = _head(parse(client.get("/fi/kokousmuistiot/2025/?page=2")))
    assert head["canonical"] == "/fi/kokousmuistiot/2025/?page=2"
    assert head["switcher"] == {"sv": "/sv/protokoll/2025/?page=2", "en": "/en/minutes/2025/?page=2"}


def test_a_past_term_is_the_same_term_in_every_language(client, demo):
    past = Term.objects.get(start_date__year=2023)
    path = f"/fi/jasenet/?term={past.pk}"
    expected = {"fi": path, "sv": f"/sv/medlemmar/?term={past.pk}", "en": f"/en/members/?term={past.pk}"}
    head = _head(parse(client.get(path)))
    assert head["canonical"] == path
    assert head["alternates"] == {**expected, "x-default": path}
    assert head["og_title"] == "Jäsenet ja heidän yhteystietonsa: 2023–2024"
    for code, (href, doc) in _follow_switcher(client, path).items():
        assert href == expected[code]
        assert doc.xpath('//select[@name="term"]/option[@selected]/@value') == [str(past.pk)]
        assert "2023–2024" in doc.xpath('string(//p[@class="term-summary"])')


def test_the_current_term_is_the_directory_itself(client, demo):
    current = Term.objects.get(start_date__year=2025)
    head = _head(parse(client.get(f"/fi/jasenet/?term={current.pk}")))
    assert head["canonical"] == "/fi/jasenet/"
    assert head["switcher"] == {"sv": "/sv/medlemmar/", "en": "/en/members/"}


def test_search_keeps_its_query_in_every_language(client, demo):
    path = "/fi/haku/?q=kokous"
    expected = {"sv": "/sv/sok/?q=kokous", "en": "/en/search/?q=kokous"}
    for code, (href, doc) in _follow_switcher(client, path).items():
        assert href == expected[code]
        assert doc.xpath('//input[@name="q"]/@value') == ["kokous"]


@pytest.fixture
def finnish_only_meeting(demo):
    """A meeting published in Finnish and translated to no other language."""
    meeting = MeetingFactory(
        title="Ylimääräinen kokous vain suomeksi",
        number=77,
        start=datetime.datetime(2025, 11, 20, 12, tzinfo=datetime.UTC),
    )
    assert not meeting.get_translations().exists()
    return meeting


def test_a_meeting_only_in_finnish_keeps_its_place_in_swedish_with_its_finnish_title_marked(
    client, finnish_only_meeting
):
    path = "/fi/kokousmuistiot/2025/77/"
    head = _head(parse(client.get(path)))
    assert head["switcher"] == {"sv": "/sv/protokoll/2025/77/", "en": "/en/minutes/2025/77/"}
    for code, (href, doc) in _follow_switcher(client, path).items():
        assert doc.get("lang") == code
        title = doc.xpath('//main//h1/span[@lang="fi"]/text()')
        assert title == ["Ylimääräinen kokous vain suomeksi"]
        there = _head(doc)
        assert there["canonical"] == href
        assert there["og_title"] == "77/2025 Ylimääräinen kokous vain suomeksi"


def test_a_meeting_under_an_untranslated_archive_gives_the_notice_naming_it(client, finnish_only_meeting):
    MinutesArchivePage.objects.get(locale__language_code="en").unpublish()
    path = "/fi/kokousmuistiot/2025/77/"
    head = _head(parse(client.get(path)))
    assert set(head["switcher"]) == {"sv"} and "en" not in head["alternates"]
    response = client.get("/en/kokousmuistiot/2025/77/")
    assert response.status_code == 200
    doc = parse(response)
    notice = doc.xpath('//*[contains(@class,"only-in-finnish")]')[0]
    assert notice.xpath("string(.//h1)") == t("en", "This page is only available in Finnish")
    link = notice.xpath(".//a")[0]
    assert link.get("href") == path and link.get("lang") == "fi"
    assert link.text_content() == "77/2025 Ylimääräinen kokous vain suomeksi"
    assert response["X-Robots-Tag"] == "noindex"
    assert _head(doc)["switcher"] == {"fi": path, "sv": "/sv/protokoll/2025/77/"}
    # A year and a term of an untranslated page: the notice names them too.
    doc = parse(client.get("/en/kokousmuistiot/2025/"))
    assert doc.xpath('string(//*[contains(@class,"only-in-finnish")]//a/@href)') == "/fi/kokousmuistiot/2025/"
    assert doc.xpath('string(//*[contains(@class,"only-in-finnish")]//a)') == "Kokousmuistiot: 2025"
    MemberDirectoryPage.objects.get(locale__language_code="en").unpublish()
    past = Term.objects.get(start_date__year=2023)
    doc = parse(client.get(f"/en/jasenet/?term={past.pk}"))
    link = doc.xpath('//*[contains(@class,"only-in-finnish")]//a')[0]
    assert link.get("href") == f"/fi/jasenet/?term={past.pk}"
    assert link.text_content() == "Jäsenet ja heidän yhteystietonsa: 2023–2024"


def test_a_finnish_address_under_sv_redirects_to_the_same_meeting_year_and_term(client, demo, monkeypatch):
    monkeypatch.setattr(MinutesArchivePage, "per_page", 2)
    past = Term.objects.get(start_date__year=2023)
    for finnish, swedish in [
        ("/sv/kokousmuistiot/2025/3/", "/sv/protokoll/2025/3/"),
        ("/sv/kokousmuistiot/2025/", "/sv/protokoll/2025/"),
        (f"/sv/jasenet/?term={past.pk}", f"/sv/medlemmar/?term={past.pk}"),
        ("/sv/kokousmuistiot/?page=2", "/sv/protokoll/?page=2"),
        ("/sv/kokousmuistiot/2025/3/ical/", "/sv/protokoll/2025/3/ical/"),
        ("/sv/toimintakalenteri/ical/", "/sv/verksamhetskalender/ical/"),
    ]:
        response = client.get(finnish)
        assert (response.status_code, response["Location"]) == (302, swedish), finnish


def test_the_sitemap_and_each_pages_head_name_the_same_alternates(client, demo):
    """Two places say where a view is in each language: the sitemap and the page's own head.
    For every sitemap URL, the page's canonical link is that URL and its hreflang alternates
    are the sitemap's."""
    sitemap = etree.fromstring(client.get("/sitemap.xml").content)
    urls = sitemap.xpath("//sm:url", namespaces=NS)
    assert any("/2025/3/" in u.xpath("string(sm:loc)", namespaces=NS) for u in urls)
    assert any("?term=" in u.xpath("string(sm:loc)", namespaces=NS) for u in urls)
    disagree = {}
    for url in urls:
        location = url.xpath("string(sm:loc)", namespaces=NS)
        listed = {
            link.get("hreflang"): _path(link.get("href"))
            for link in url.xpath("xhtml:link[@rel='alternate']", namespaces=NS)
        }
        response = client.get(location)
        assert response.status_code == 200, location
        head = _head(parse(response))
        if head["canonical"] != _path(location) or head["alternates"] != listed:
            disagree[location] = (head["canonical"], head["alternates"], listed)
    assert disagree == {}
