"""Helsinki details: the HDS logo in the header, a favicon at /favicon.ico, and one breadcrumb
landmark per page whose current item is the page itself (axe-core checks a meeting and a year
page in Chromium in tests/site/test_browser.py)."""

import re

import pytest
from django.conf import settings
from django.contrib.staticfiles import finders
from django.contrib.staticfiles.views import serve
from wagtail.models import Page

from board.models import Meeting, MeetingStatus, MemberDirectoryPage, MinutesArchivePage
from tests.site.conftest import parse, t

LOGO_ALT = {"fi": "Helsingin kaupunki", "sv": "Helsingfors stad", "en": "City of Helsinki"}
LOGO_FILE = {"fi": "helsinki-fi-white.svg", "sv": "helsinki-sv-white.svg", "en": "helsinki-fi-white.svg"}


def test_favicon_ico_answers_200_with_an_image(client, site_pages, rf):
    response = client.get("/favicon.ico")
    assert response.status_code == 302
    # The static file as `make run` (--insecure) serves it; WhiteNoise serves the same file in production.
    path = response["Location"].removeprefix(settings.STATIC_URL)
    icon = serve(rf.get(response["Location"]), path, insecure=True)
    assert icon.status_code == 200
    assert icon["Content-Type"].startswith("image/")
    body = b"".join(icon.streaming_content)
    assert body.lstrip().startswith((b"<svg", b"<?xml")) and b"Helsingin kaupunki" in body


@pytest.mark.parametrize("code", ["fi", "sv", "en"])
def test_header_shows_the_hds_logo_with_a_text_alternative_in_the_pages_language(client, site_pages, code):
    doc = parse(client.get(f"/{code}/"))
    [logo] = doc.xpath("//header//a[contains(@class,'site-header__brand')]/img")
    assert logo.get("alt") == LOGO_ALT[code] == t(code, "City of Helsinki")
    assert logo.get("src") == f"/static/vendor/hds/{LOGO_FILE[code]}"
    # The file is the HDS logo of that language (Makefile, from hds-react), named in its title.
    with open(finders.find(f"vendor/hds/{LOGO_FILE[code]}"), encoding="utf-8") as file:
        svg = file.read()
    assert re.search(r'<svg[^>]*title="([^"]+)"', svg)[1] == (
        "Helsingfors stad" if code == "sv" else "Helsingin kaupunki"
    )


def test_pages_name_the_favicon(client, site_pages):
    doc = parse(client.get("/fi/"))
    assert doc.xpath("//head/link[@rel='icon']/@href") == ["/static/vendor/hds/favicon.svg"]
    assert finders.find("vendor/hds/favicon.svg")
    response = client.get("/favicon.ico")
    assert response.status_code == 302 and response["Location"] == "/static/vendor/hds/favicon.svg"


def _demo_pages(code: str) -> list[tuple[str, str]]:
    """(path, current item's text) for every public page of the demo in one language, with a
    meeting page, a year page and the member directory among them."""
    pages = [
        (p.url, p.title)
        for p in Page.objects.live().public().filter(locale__language_code=code, depth__gt=2).specific()
    ]
    archive = MinutesArchivePage.objects.live().get(locale__language_code=code)
    cancelled = Meeting.objects.get(locale__language_code="fi", live=True, status=MeetingStatus.CANCELLED)
    text = (
        Meeting.objects.filter(translation_key=cancelled.translation_key, locale__language_code=code).first()
        or cancelled
    )
    pages += [
        (f"{archive.url}{cancelled.year}/{cancelled.number}/", f"{cancelled.reference} {text.title}"),
        (f"{archive.url}{cancelled.year}/", str(cancelled.year)),
    ]
    directory = MemberDirectoryPage.objects.live().get(locale__language_code=code)
    assert directory.url in [path for path, _title in pages]
    return pages


@pytest.mark.parametrize("code", ["fi", "sv", "en"])
def test_every_page_has_one_breadcrumb_landmark_ending_at_the_page_itself(client, demo, code):
    label = t(code, "Breadcrumb")
    pages = _demo_pages(code)
    assert len(pages) >= 8
    for path, title in pages:
        doc = parse(client.get(path))
        navs = doc.xpath("//nav[@aria-label=$label]", label=label)
        assert len(navs) == 1, f"{path}: {len(navs)} breadcrumb landmarks"
        items = navs[0].xpath(".//ol/li")
        current = navs[0].xpath(".//*[@aria-current]")
        assert current == [items[-1]], f"{path}: the last item, and only it, is the current page"
        assert items[-1].get("aria-current") == "page"
        assert items[-1].text_content().strip() == title, path
        # Every other item links somewhere above the page, never to the page itself.
        links = navs[0].xpath(".//ol//a/@href")
        assert len(links) == len(items) - 1 and path not in links and links[0] == f"/{code}/"


@pytest.mark.parametrize("code", ["fi", "sv", "en"])
def test_home_page_has_no_breadcrumb_as_hds_advises(client, demo, code):
    assert parse(client.get(f"/{code}/")).xpath("//nav[@aria-label=$l]", l=t(code, "Breadcrumb")) == []
