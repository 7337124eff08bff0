"""Helsinki's own components render this CMS: react-helsinki-headless-cms's Navigation,
Notification, Page and PageContent (and its archive's card list of posts) against a running
server with the demo content and a site-wide notification, in Finnish and Swedish, under Node.js
and jsdom.

The example's packages are installed once with `npm ci` in examples/headless-frontend (its own
lock file); without Node.js or npm the test is skipped, saying so.
"""

from __future__ import annotations

import html
import json
import re
import subprocess
import sys
import urllib.request
from pathlib import Path

import pytest

from tests.perf import stack
from tests.security import live

FRONTEND = Path(__file__).resolve().parents[2] / "examples/headless-frontend"
pytestmark = pytest.mark.timeout(900)


@pytest.fixture(scope="module")
def cms(tmp_path_factory):
    """`make run`'s server (runserver --insecure, DEBUG off) on a database with the demo content,
    and a notification published in Finnish and translated to Swedish through wagtail-localize."""
    work = tmp_path_factory.mktemp("graphql-live")
    processes = stack.Processes(work)
    with live.demo_database(work) as database_url:
        stack.manage(
            ["shell", "-c", MAKE_NOTIFICATION], live._base_env(database_url, "cms.settings.test"), live.ROOT
        )
        env = live._base_env(database_url, "cms.settings.dev", DEBUG="False")
        port = live.free_port()
        command = [sys.executable, str(live.ROOT / "manage.py"), "runserver", "--noreload", "--insecure"]
        try:
            processes.start("cms", [*command, f"127.0.0.1:{port}"], env, cwd=live.ROOT, port=port)
            yield f"http://127.0.0.1:{port}"
        finally:
            processes.stop_all()


NOTIFICATION = {
    "fi": ("Huoltokatko lauantaina", "Verkkopalvelu on poissa käytöstä lauantaina kello 8–10.", "Lue lisää"),
    "sv": ("Serviceavbrott på lördag", "Webbtjänsten är ur bruk på lördag klockan 8–10.", "Läs mer"),
}
MAKE_NOTIFICATION = f"""
import datetime
from django.utils import timezone
from wagtail.models import Locale
from cms.localize_programmatic import translate_object
from home.models import Notification
fi = {NOTIFICATION["fi"]!r}
sv = {NOTIFICATION["sv"]!r}
notification = Notification(
    locale=Locale.objects.get(language_code="fi"), title=fi[0], content="<p>" + fi[1] + "</p>",
    level="high", link_url="https://www.hel.fi/fi/", link_text=fi[2],
    expire_at=timezone.now() + datetime.timedelta(days=7), live=False,
)
notification.save()
notification.save_revision().publish()
translate_object(notification, "sv", dict(zip(fi, sv, strict=True)))
"""


def render(base: str, uri: str, *flags: str) -> str:
    result = subprocess.run(
        ["node", "render.mjs", base, uri, *flags], cwd=FRONTEND, capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0, result.stderr[-3000:]
    return result.stdout


def rest(base: str, path: str) -> dict:
    with urllib.request.urlopen(base + path, timeout=30) as response:
        return json.load(response)


def text_of(markup: str) -> str:
    return re.sub(r"\s+", " ", html.unescape(re.sub(r"<[^>]+>", " ", markup)))


def hrefs(markup: str) -> set[str]:
    return {html.unescape(h) for h in re.findall(r'href="([^"]+)"', markup)}


@pytest.mark.parametrize("language", ["fi", "sv"])
def test_the_librarys_components_render_the_cms_home_page_and_menu(frontend_packages, cms, language):
    home = rest(cms, f"/api/v3/resolve/?path=/{language}/")
    menu = [
        p
        for p in rest(cms, f"/api/v3/pages/?locale={language}&child_of={home['id']}&limit=100")["items"]
        if p["meta"]["locale"] == language
    ]
    out = render(cms, f"/{language}/")
    text = text_of(out)
    assert home["title"] in text
    assert home["lead"] in text
    # The header's menu: the home page's children in this language, linked by their paths.
    shown = [p for p in menu if p["title"] in text]
    assert len(shown) >= 3, (text[:2000], [p["title"] for p in menu])
    links = hrefs(out)
    for page in shown:
        assert page["meta"]["html_url"].removeprefix(cms) in links or page["meta"]["html_url"] in links
    # The language switcher from `languages`.
    assert {"Suomi", "Svenska", "English"} <= set(re.findall(r"Suomi|Svenska|English", text))
    # Rich text arrives expanded: absolute links, no Wagtail markup.
    assert "linktype" not in out and "<embed" not in out


@pytest.mark.parametrize("language", ["fi", "sv"])
def test_the_librarys_notification_shows_the_cms_notification(frontend_packages, cms, language):
    title, content, link_text = NOTIFICATION[language]
    out = render(cms, f"/{language}/")
    text = text_of(out)
    # HDS's Notification, as the library draws it: its label, the content, the link.
    assert "hds-notification" in out.lower() or "notification" in out.lower()
    assert title in text and content in text and link_text in text
    assert "https://www.hel.fi/fi/" in hrefs(out)
    other = NOTIFICATION["sv" if language == "fi" else "fi"][0]
    assert other not in text


@pytest.mark.parametrize("language", ["fi", "sv"])
def test_the_librarys_page_shows_the_home_pages_image_as_a_real_rendition(frontend_packages, cms, language):
    out = render(cms, f"/{language}/")
    images = set(re.findall(r"(http://127\.0\.0\.1:\d+/media/images/[^\s\"'&)]+)", html.unescape(out)))
    assert images, out[:3000]
    # `large: sourceUrl(size: LARGE)`: a rendition of WordPress's large size, served as an image.
    large = [url for url in images if ".max-1024x1024." in url]
    assert large, images
    with urllib.request.urlopen(large[0], timeout=30) as response:
        assert response.status == 200
        assert response.headers["Content-Type"].startswith("image/")
        data = response.read()
    from io import BytesIO

    from PIL import Image

    with Image.open(BytesIO(data)) as picture:
        assert max(picture.size) <= 1024 and picture.size[0] > 100
    # The alt text the editor wrote travels with it.
    home = rest(cms, f"/api/v3/resolve/?path=/{language}/")
    assert home["image"] and home["image"]["id"]


@pytest.mark.parametrize(
    ("language", "path"), [("fi", "/fi/tietoa-yhdistyksille/"), ("sv", "/sv/information-for-foreningar/")]
)
def test_the_librarys_page_content_renders_a_page_with_its_modules(frontend_packages, cms, language, path):
    page = rest(cms, f"/api/v3/resolve/?path={path}")
    out = render(cms, path)
    text = text_of(out)
    assert page["title"] in text and page["lead"] in text
    headings = [b["value"]["text"] for b in page["body"] if b["type"] == "heading"]
    assert headings and all(h in text for h in headings)
    first_text = next(b["value"] for b in page["body"] if b["type"] == "text")
    assert text_of(first_text).strip()[:60] in text
    for href in re.findall(
        r'href="(http[^"]+)"', "".join(b["value"] for b in page["body"] if b["type"] == "text")
    ):
        assert html.unescape(href) in hrefs(out)  # the CMS's own links survive DOMPurify
    assert "linktype" not in out


@pytest.mark.parametrize("language", ["fi", "sv"])
def test_the_librarys_card_list_shows_the_boards_meetings(frontend_packages, cms, language):
    meetings = rest(cms, f"/api/v3/meetings/?locale={language}&limit=5")["items"]
    out = render(cms, f"/{language}/", "--posts")
    text = text_of(out)
    shown = [m for m in meetings if not m["fallback"]]
    assert shown, f"the demo has meetings in {language}"
    # The library's cards (its LargeCard first, then Card in its grid): each meeting's title, and
    # its link to the meeting's own page in this language.
    cards = re.findall(r'<div[^>]*class="[^"]*(?:card|Card)[^"]*"', out)
    assert len(cards) >= len(shown[:3]), out[:3000]
    for meeting in shown[:3]:
        assert meeting["title"] in text
        assert meeting["meta"]["html_url"] in hrefs(out)
        assert f"/{language}/" in meeting["meta"]["html_url"]
