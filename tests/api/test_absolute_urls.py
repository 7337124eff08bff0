"""Absolute URLs come from one place (cms/absolute_urls.py) and lead somewhere; the API links
what the site links (cms/links.py).

- On a real `make run` server, on a random port, with the demo content: the API is walked (pages,
  meetings, events, documents, people, terms, seats, locales, search, resolve, in fi, sv and
  en, every detail answer reached through a `detail_url`) and every absolute URL found in the
  answers, rich text included, is fetched with an HTTP client: each names the server that was
  asked (scheme, host and port) and answers 200. The sitemap, robots.txt, canonical, hreflang
  and Open Graph links and a calendar feed name it too; asked under another host name
  (`localhost:<port>`), the answers name that one.
- With `SITE_BASE_URL` configured (production), every surface names it, whatever the host asked;
  production settings read it (and refuse a malformed one).
- A Swedish answer's link blocks, rich-text links and translations lead to the Swedish pages
  where they exist, and equal what the Swedish HTML page links.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import httpx
import pytest
from django.core.management import call_command
from lxml import etree
from lxml import html as lxml_html
from wagtail.models import Page
from wagtail.rich_text import RichText

from tests.django_process import run_django
from tests.test_make_run import _free_port, _make_run, _stop_all, _wait_until_serving

ROOT = Path(__file__).resolve().parents[2]
SITEMAP_NS = {"sm": "http://www.sitemaps.org/schemas/sitemap/0.9", "xhtml": "http://www.w3.org/1999/xhtml"}
URL_KEYS = ("url", "html_url", "detail_url", "ics_url")


# Reading URLs out of answers ----------------------------------------------------------------


def _html_links(text: str) -> list[str]:
    doc = lxml_html.fragment_fromstring(text, create_parent="div")
    return [*doc.xpath("//a/@href"), *doc.xpath("//img/@src")]


def absolute_urls(value: object) -> set[str]:
    """Every absolute URL in a JSON answer: URL-valued strings and the links inside HTML strings."""
    found: set[str] = set()
    if isinstance(value, dict):
        for item in value.values():
            found |= absolute_urls(item)
    elif isinstance(value, list):
        for item in value:
            found |= absolute_urls(item)
    elif isinstance(value, str):
        if value.startswith(("http://", "https://")):
            found.add(value)
        elif "<a " in value or "<img " in value:
            found |= {link for link in _html_links(value) if link.startswith(("http://", "https://"))}
    return found


def page_links(item: dict) -> dict[str, str]:
    """{link text: URL} of the links to pages in an API page item: link blocks and rich text."""
    links: dict[str, str] = {}

    def walk(value: object) -> None:
        if isinstance(value, dict):
            page = value.get("page")
            if isinstance(page, dict) and page.get("url") and "text" in value:
                links[value["text"]] = page["url"]
            for child in value.values():
                walk(child)
        elif isinstance(value, list):
            for child in value:
                walk(child)
        elif isinstance(value, str) and "<a " in value:
            doc = lxml_html.fragment_fromstring(value, create_parent="div")
            for anchor in doc.xpath("//a[@href]"):
                if "/documents/" not in anchor.get("href"):
                    links[anchor.text_content().strip()] = anchor.get("href")

    walk({key: value for key, value in item.items() if key not in ("meta", "translations")})
    return links


def html_links(body: bytes, base: str) -> dict[str, str]:
    """{link text: absolute URL} of every link in a page's main content."""
    doc = lxml_html.fromstring(body)
    return {
        anchor.text_content().strip(): urljoin(base, anchor.get("href"))
        for anchor in doc.xpath("//main//a[@href]")
    }


# The live server ------------------------------------------------------------------------------


def _start_make_run(tmp_path: Path, port: int, media_root: str) -> tuple[subprocess.Popen, Path]:
    """`make run PORT=<port>` as tests/test_make_run.py starts it, on this test's database and files."""
    # The walk is one client asking for every API answer within a minute or two: more than the
    # per-address API limit allows (300 a minute; tests/security/test_ratelimit.py tests it).
    return _make_run(
        tmp_path,
        port,
        drop=("SITE_BASE_URL", "WAGTAILADMIN_BASE_URL"),
        extra={"MEDIA_ROOT": media_root, "RATELIMIT_API_REQUESTS": "100000"},
    )


def _authored_text() -> str:
    """Everything editors wrote (pages, board items, people): where a link to another site may come from."""
    from board.models import Event, Meeting, Person

    parts = []
    for obj in [
        *Page.objects.live().specific(),
        *Meeting.objects.all(),
        *Event.objects.all(),
        *Person.objects.all(),
    ]:
        for field in obj._meta.concrete_fields:
            parts.append(field.value_to_string(obj))
    return "\n".join(parts)


class Walk:
    """The API walked from its lists, every `/api/` URL in an answer followed in turn."""

    def __init__(self, http: httpx.Client, base: str):
        self.http, self.base = http, base
        self.answers: dict[str, dict] = {}
        self.urls: set[str] = set()

    def get_json(self, url: str) -> dict:
        if url not in self.answers:
            response = self.http.get(url)
            assert response.status_code == 200, (url, response.status_code, response.text[:500])
            self.answers[url] = response.json()
        return self.answers[url]

    def walk(self, start: list[str]) -> None:
        queue = list(start)
        while queue:
            url = queue.pop()
            if url in self.answers:
                continue
            data = self.get_json(url)
            for found in absolute_urls(data) - self.urls:
                self.urls.add(found)
                if found.startswith(f"{self.base}/api/"):
                    queue.append(found)
            # Lists: the following pages too.
            if isinstance(data, dict) and "count" in data and "offset" in data:
                following = data["offset"] + data["limit"]
                if following < data["count"]:
                    parts = urlsplit(url)
                    query = re.sub(r"&?offset=\d+", "", parts.query)
                    queue.append(f"{self.base}{parts.path}?{query}&offset={following}")


def _lists(base: str) -> list[str]:
    urls = [f"{base}/api/v3/locales/", f"{base}/api/v3/seats/"]
    for code in ("fi", "sv", "en"):
        for name in ("pages", "meetings", "events", "documents", "people", "terms"):
            urls.append(f"{base}/api/v3/{name}/?locale={code}&limit=100")
        urls += [
            f"{base}/api/v3/search/?q=kokous&locale={code}&limit=50",
            f"{base}/api/v3/search/?q=toimintaohjelma&locale={code}&limit=50",
            f"{base}/api/v3/resolve/?path=/{code}/",
        ]
    return urls


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_every_absolute_url_the_api_gives_on_make_run_names_the_server_and_answers_200(tmp_path, settings):
    settings.MEDIA_ROOT = str(tmp_path / "media")
    call_command("load_demo", stdout=open(os.devnull, "w"))  # noqa: SIM115 (closed with the process)
    authored = _authored_text()
    port = _free_port()
    base = f"http://127.0.0.1:{port}"
    process, log = _start_make_run(tmp_path, port, settings.MEDIA_ROOT)
    try:
        _wait_until_serving(base, process, log)
        with httpx.Client(timeout=30, follow_redirects=False) as http:
            walk = Walk(http, base)
            walk.walk(_lists(base))
            ours = {url for url in walk.urls if urlsplit(url).netloc == f"127.0.0.1:{port}"}
            # Any other address is one an editor wrote (a link block's external address),
            # never the Site record's host (`http://localhost/…`) or another port.
            others = walk.urls - ours
            assert all(url in authored for url in others), sorted(others)[:20]
            assert all(url.startswith(f"{base}/") for url in ours)
            kinds = {urlsplit(url).path.split("/")[1] for url in ours}
            assert {"api", "fi", "sv", "en", "documents"} <= kinds, kinds
            assert any(url.endswith("/ical/") for url in ours)  # meetings' calendar files
            failures = {}
            for url in sorted(ours):
                status = http.get(url).status_code
                if status != 200:
                    failures[url] = status
            assert failures == {}, failures
            assert len(ours) > 200, len(ours)

            # The other surfaces name the same server.
            _check_site_surfaces(http, base)
            # Asked as localhost:<port>, the answers name localhost:<port>.
            other = f"http://localhost:{port}"
            sv_home = http.get(
                f"{base}/api/v3/resolve/?path=/sv/", headers={"Host": f"localhost:{port}"}
            ).json()
            assert sv_home["meta"]["html_url"] == f"{other}/sv/"
            assert sv_home["meta"]["detail_url"].startswith(f"{other}/api/v3/pages/")
            assert {urlsplit(t["url"]).netloc for t in sv_home["translations"]} == {f"localhost:{port}"}

            # Item 3 on the demo: every page link of a Swedish answer is one its HTML page has.
            _check_swedish_pages_link_as_the_site(walk, http, base)
    finally:
        _stop_all(process)


def _check_site_surfaces(http: httpx.Client, base: str) -> None:
    sitemap = etree.fromstring(http.get(f"{base}/sitemap.xml").content)
    locations = sitemap.xpath("//sm:loc/text()", namespaces=SITEMAP_NS)
    alternates = sitemap.xpath("//xhtml:link/@href", namespaces=SITEMAP_NS)
    assert locations and alternates
    assert all(url.startswith(f"{base}/") for url in [*locations, *alternates])
    assert f"Sitemap: {base}/sitemap.xml" in http.get(f"{base}/robots.txt").text
    doc = lxml_html.fromstring(http.get(f"{base}/sv/").content)
    assert doc.xpath("//link[@rel='canonical']/@href") == [f"{base}/sv/"]
    hreflang = doc.xpath("//link[@rel='alternate'][@hreflang]/@href")
    assert hreflang and all(url.startswith(f"{base}/") for url in hreflang)
    assert doc.xpath("//meta[@property='og:url']/@content") == [f"{base}/sv/"]
    meetings = http.get(f"{base}/api/v3/meetings/?locale=sv&limit=1").json()["items"]
    feed = http.get(meetings[0]["ics_url"]).text
    assert f"URL:{base}/sv/" in feed.replace("\r\n ", "")


def _check_swedish_pages_link_as_the_site(walk: Walk, http: httpx.Client, base: str) -> None:
    compared = 0
    for url, data in walk.answers.items():
        meta = data.get("meta") if isinstance(data, dict) else None
        if not meta or meta.get("locale") != "sv" or "/api/v3/pages/" not in url:
            continue
        links = page_links(data)
        if not links:
            continue
        page = http.get(meta["html_url"])
        assert page.status_code == 200
        on_site = html_links(page.content, base)
        for text, link in links.items():
            assert on_site.get(text) == link, (meta["html_url"], text, link, on_site.get(text))
        compared += 1
    assert compared >= 1
    home = walk.get_json(f"{base}/api/v3/resolve/?path=/sv/")
    home_links = page_links(home)
    assert home_links and all(urlsplit(link).path.startswith("/sv/") for link in home_links.values())


@pytest.mark.parametrize("path", ["/api/v3/resolve/?path=/sv/", "/sitemap.xml", "/sv/"])
def test_a_cached_answer_is_never_served_to_another_host(client, settings, translated_home, path):
    settings.HTTP_CACHE_ENABLED = settings.APP_CACHE_ENABLED = True
    for host in ("first.example:8001", "second.example:8002", "first.example:8001"):
        response = client.get(path, HTTP_HOST=host)
        assert response.status_code == 200
        text = response.content.decode()
        assert f"http://{host}/sv/" in text
        assert "first.example" not in text if host.startswith("second") else "second.example" not in text
    assert response["X-App-Cache"] == "hit"  # the first host's copy, served to the first host only


# SITE_BASE_URL ----------------------------------------------------------------------------


@pytest.fixture
def configured(settings):
    settings.SITE_BASE_URL = "https://vapaaehtoistyo.example.hel.fi"
    settings.ALLOWED_HOSTS = ["*"]
    return settings.SITE_BASE_URL


def test_the_configured_base_url_names_every_surface_whatever_host_was_asked(
    api, configured, standard_page, translated_home
):
    host = {"HTTP_HOST": "127.0.0.1:8765"}
    item = api.get(f"/api/v3/pages/{translated_home['sv'].pk}/", **host).json()
    assert item["meta"]["html_url"] == f"{configured}/sv/"
    assert item["meta"]["detail_url"] == f"{configured}/api/v3/pages/{translated_home['sv'].pk}/"
    assert {t["url"] for t in item["translations"]} == {f"{configured}/fi/", f"{configured}/en/"}
    page = api.get(f"/api/v3/pages/{standard_page.pk}/", **host).json()
    urls = absolute_urls(page)
    assert urls and all(url.startswith(f"{configured}/") for url in urls), urls
    sitemap = etree.fromstring(api.get("/sitemap.xml", **host).content)
    assert all(
        u.startswith(f"{configured}/") for u in sitemap.xpath("//sm:loc/text()", namespaces=SITEMAP_NS)
    )
    doc = lxml_html.fromstring(api.get("/sv/", **host).content)
    assert doc.xpath("//link[@rel='canonical']/@href") == [f"{configured}/sv/"]
    assert f"Sitemap: {configured}/sitemap.xml" in api.get("/robots.txt", **host).content.decode()


def test_without_a_request_the_configured_base_url_is_used(configured, standard_page):
    from cms.absolute_urls import absolute_url, page_url
    from cms.webhooks import PUBLISH, payload_for

    assert page_url(standard_page) == f"{configured}/fi/saavutettavuus/"
    assert absolute_url("/documents/1/a.pdf") == f"{configured}/documents/1/a.pdf"
    assert payload_for(PUBLISH, standard_page)["url"] == f"{configured}/fi/saavutettavuus/"


def _production(code: str, **env: str) -> subprocess.CompletedProcess:
    environment = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "SITE_BASE_URL"))}
    environment.update(
        DJANGO_SETTINGS_MODULE="cms.settings.production", SECRET_KEY="x" * 30 + "production-test-key", **env
    )
    return run_django(code, environment, timeout=60)


def test_production_settings_give_the_configured_base_url_to_every_request():
    code = (
        "from django.test import RequestFactory; from cms.absolute_urls import absolute_url;"
        "request = RequestFactory().get('/fi/', HTTP_HOST='localhost:8123');"
        "print(absolute_url('/sv/medlemmar/', request)); print(absolute_url('/sv/', None))"
    )
    result = _production(code, SITE_BASE_URL="https://vapaaehtoistyo.example.hel.fi/")
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == [
        "https://vapaaehtoistyo.example.hel.fi/sv/medlemmar/",
        "https://vapaaehtoistyo.example.hel.fi/sv/",
    ]
    # Unset, a request's own host: make run on any port.
    result = _production(code)
    assert result.returncode == 0, result.stderr
    assert result.stdout.split()[0] == "http://localhost:8123/sv/medlemmar/"


def test_a_malformed_base_url_stops_the_settings_with_the_reason():
    result = _production("", SITE_BASE_URL="vapaaehtoistyo.hel.fi/fi")
    assert result.returncode != 0
    assert "SITE_BASE_URL must be a scheme and a host" in result.stderr


# The API links what the site links ----------------------------------------------------------


@pytest.fixture
def swedish_links_page(translated_home, standard_page, translate):
    """A Finnish page whose link block and rich text link a page translated into Swedish (the
    home page) and one that is not (standard_page), and its Swedish translation, which keeps
    the Finnish pages' ids as translated content does."""
    from home.models import StandardPage

    home = translated_home["fi"]
    body = [
        (
            "links",
            {
                "heading": "Linkit",
                "links": [
                    {"text": "Lohkolinkki etusivulle", "page": home, "url": ""},
                    {"text": "Lohkolinkki selosteeseen", "page": standard_page, "url": ""},
                ],
            },
        ),
        (
            "text",
            RichText(
                f'<p><a linktype="page" id="{home.pk}">Tekstilinkki etusivulle</a> ja '
                f'<a linktype="page" id="{standard_page.pk}">Tekstilinkki selosteeseen</a></p>'
            ),
        ),
    ]
    page = StandardPage(title="Linkkisivu", slug="linkkisivu", lead="", body=body)
    home.add_child(instance=page)
    page.save_revision().publish()
    swedish = translate(page, "sv", {"Linkkisivu": "Länksida"}).specific
    swedish.body = body
    swedish.save_revision().publish()
    return {"fi": page, "sv": StandardPage.objects.get(pk=swedish.pk)}


def test_a_swedish_answer_links_the_swedish_pages_as_the_swedish_page_does(
    api, client, swedish_links_page, translated_home, standard_page
):
    swedish = swedish_links_page["sv"]
    item = api.json(f"/api/v3/pages/{swedish.pk}/")
    links = page_links(item)
    sv_home, unstranslated = "http://testserver/sv/", "http://testserver/fi/saavutettavuus/"
    assert links == {
        "Lohkolinkki etusivulle": sv_home,
        "Lohkolinkki selosteeseen": unstranslated,
        "Tekstilinkki etusivulle": sv_home,
        "Tekstilinkki selosteeseen": unstranslated,
    }
    block = next(b for b in item["body"] if b["type"] == "links")["value"]["links"]
    assert block[0]["page"]["id"] == translated_home["sv"].pk
    assert block[0]["page"]["locale"] == "sv"
    assert block[0]["page"]["title"] == translated_home["sv"].title
    assert block[1]["page"]["id"] == standard_page.pk and block[1]["page"]["locale"] == "fi"
    assert {t["locale"]: t["url"] for t in item["translations"]} == {"fi": "http://testserver/fi/linkkisivu/"}
    # The Swedish HTML page links the same pages.
    response = client.get(item["meta"]["html_url"].removeprefix("http://testserver"))
    assert response.status_code == 200
    on_site = html_links(response.content, "http://testserver/")
    assert {text: on_site.get(text) for text in links} == links
    # The same answer in a list, and through the path.
    listed = api.json("/api/v3/pages/", locale="sv", limit=100)["items"]
    assert page_links(next(i for i in listed if i["id"] == swedish.pk)) == links
    assert page_links(api.json("/api/v3/resolve/", path=swedish.url)) == links
    # The Finnish version links the Finnish pages, on both surfaces.
    finnish = api.json(f"/api/v3/pages/{swedish_links_page['fi'].pk}/")
    assert set(page_links(finnish).values()) == {"http://testserver/fi/", unstranslated}
    on_site = html_links(client.get(swedish_links_page["fi"].url).content, "http://testserver/")
    assert {text: on_site.get(text) for text in page_links(finnish)} == page_links(finnish)


def test_json_is_walked_for_urls_in_strings_and_html():
    answer = {
        "a": "http://x.test/a/",
        "b": ['<p><a href="http://x.test/b/?q=1&amp;r=2">b</a><img src="http://x.test/i.png" alt=""></p>'],
        "c": "plain text http://not-a-field.test",
    }
    assert absolute_urls(json.loads(json.dumps(answer))) == {
        "http://x.test/a/",
        "http://x.test/b/?q=1&r=2",
        "http://x.test/i.png",
    }


def test_no_other_code_makes_absolute_urls():
    """One source: Django's and Wagtail's own absolute-URL makers are not called anywhere else."""
    makers = re.compile(
        r"build_absolute_uri|get_full_url|fullpageurl|\.full_url\b|wagtail\.api\.v2\.utils|WAGTAILAPI_BASE_URL"
    )
    found = []
    for folder in ("board", "cms", "documents", "home", "translations", "templates"):
        for path in sorted((ROOT / folder).rglob("*")):
            if path.suffix not in (".py", ".html", ".txt", ".xml") or path.name == "absolute_urls.py":
                continue
            for number, line in enumerate(path.read_text().splitlines(), 1):
                if makers.search(line):
                    found.append(f"{path.relative_to(ROOT)}:{number}: {line.strip()}")
    assert found == []
