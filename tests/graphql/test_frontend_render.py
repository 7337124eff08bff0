"""Helsinki's own components render this CMS: react-helsinki-headless-cms's Navigation,
Notification, Page and PageContent (and a post list from its usePostsQuery) against a running
server with the demo content, in Finnish and Swedish, under Node.js and jsdom.

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
    """`make run`'s server (runserver --insecure, DEBUG off) on a database with the demo content."""
    work = tmp_path_factory.mktemp("graphql-live")
    processes = stack.Processes(work)
    with live.demo_database(work) as database_url:
        env = live._base_env(database_url, "cms.settings.dev", DEBUG="False")
        port = live.free_port()
        command = [sys.executable, str(live.ROOT / "manage.py"), "runserver", "--noreload", "--insecure"]
        try:
            processes.start("cms", [*command, f"127.0.0.1:{port}"], env, cwd=live.ROOT, port=port)
            yield f"http://127.0.0.1:{port}"
        finally:
            processes.stop_all()


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
    # The language switcher from `languages`; no notification (this CMS has none).
    assert {"Suomi", "Svenska", "English"} <= set(re.findall(r"Suomi|Svenska|English", text))
    assert "notification" not in out.lower()
    # Rich text arrives expanded: absolute links, no Wagtail markup.
    assert "linktype" not in out and "<embed" not in out


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


def test_the_post_list_shows_the_boards_meetings_in_swedish(frontend_packages, cms):
    meetings = rest(cms, "/api/v3/meetings/?locale=sv&limit=5")["items"]
    out = render(cms, "/sv/", "--posts")
    text = text_of(out)
    swedish = [m for m in meetings if not m["fallback"]]
    assert swedish, "the demo has Swedish meetings"
    for meeting in swedish[:3]:
        assert meeting["title"] in text
        assert meeting["meta"]["html_url"] in hrefs(out)
    assert "Möten" in text or "Evenemang" in text  # category names in Swedish
