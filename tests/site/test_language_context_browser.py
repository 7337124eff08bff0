"""Context kept across languages and shares, as a visitor meets it in Debian's Chromium: on a
meeting, a year, a past term of the member directory and a search in Finnish, the language
switcher leads to the same meeting, year, term or query in Swedish and English; share links
on a meeting page share the meeting, with its own title. Demo content on a live server.

HTTP-level checks of every routed kind are in test_language_context.py.
"""

import datetime
from urllib.parse import parse_qs, urlsplit

import pytest
from django.core.management import call_command

from board.factories import MeetingFactory
from board.models import Meeting, Term

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

ONLY_FINNISH = "Ylimääräinen kokous vain suomeksi"


@pytest.fixture
def demo_site(live_server):
    # Before `browser`: Playwright's event loop forbids Django's sync DB calls after it starts.
    call_command("load_demo", verbosity=0)
    meeting = Meeting.objects.get(year=2025, number=3, locale__language_code="fi")
    titles = {
        version.locale.language_code: f"3/2025 {version.title}"
        for version in meeting.get_translations(inclusive=True).select_related("locale")
    }
    MeetingFactory(
        title=ONLY_FINNISH, number=77, start=datetime.datetime(2025, 11, 20, 12, tzinfo=datetime.UTC)
    )
    past_term = Term.objects.get(start_date__year=2023).pk
    return {"url": live_server.url, "titles": titles, "past_term": past_term}


def _switch(page, code: str) -> None:
    """Click the language switcher's link to `code`, as a visitor does, and wait for the page."""
    with page.expect_navigation():
        page.locator(f'nav.language-switcher a[hreflang="{code}"]').click()
    assert page.evaluate("document.documentElement.lang") == code


def _path(page, base: str) -> str:
    return page.url.removeprefix(base)


def test_the_language_switcher_keeps_the_meeting_year_term_and_query(demo_site, browser):
    base, titles = demo_site["url"], demo_site["titles"]
    term = demo_site["past_term"]
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    h1 = page.locator("main h1")
    # A meeting: its own number and title in each language.
    for code, path in [("sv", "/sv/protokoll/2025/3/"), ("en", "/en/minutes/2025/3/")]:
        page.goto(base + "/fi/kokousmuistiot/2025/3/")
        assert h1.inner_text() == titles["fi"]
        _switch(page, code)
        assert _path(page, base) == path
        assert h1.inner_text() == titles[code]
    # A meeting only in Finnish: the same meeting in Swedish, its Finnish title marked as Finnish.
    page.goto(base + "/fi/kokousmuistiot/2025/77/")
    _switch(page, "sv")
    assert _path(page, base) == "/sv/protokoll/2025/77/"
    assert page.locator('main h1 span[lang="fi"]').inner_text() == ONLY_FINNISH
    # A year, and back again.
    page.goto(base + "/fi/kokousmuistiot/2025/")
    _switch(page, "sv")
    assert _path(page, base) == "/sv/protokoll/2025/"
    assert page.locator('.year-filter a[aria-current="page"]').inner_text() == "2025"
    _switch(page, "en")
    assert _path(page, base) == "/en/minutes/2025/"
    _switch(page, "fi")
    assert _path(page, base) == "/fi/kokousmuistiot/2025/"
    # A past term chosen in the directory's own form.
    page.goto(base + "/fi/jasenet/")
    page.locator("#term-select").select_option(str(term))
    with page.expect_navigation():
        page.locator(".term-selector button").click()
    for code, path in [("sv", f"/sv/medlemmar/?term={term}"), ("en", f"/en/members/?term={term}")]:
        _switch(page, code)
        assert _path(page, base) == path
        assert page.locator("#term-select").input_value() == str(term)
        assert "2023–2024" in page.locator(".term-summary").inner_text()
    # A search typed in Finnish.
    page.goto(base + "/fi/haku/")
    page.locator("#search-q").fill("kokous")
    with page.expect_navigation():
        page.locator(".search-form__button").click()
    for code, path in [("sv", "/sv/sok/?q=kokous"), ("en", "/en/search/?q=kokous")]:
        _switch(page, code)
        assert _path(page, base) == path
        assert page.locator("#search-q").input_value() == "kokous"
    context.close()


def test_share_links_on_a_meeting_share_the_meeting(demo_site, browser):
    base, titles = demo_site["url"], demo_site["titles"]
    context = browser.new_context(permissions=["clipboard-read", "clipboard-write"])
    page = context.new_page()
    page.goto(base + "/fi/kokousmuistiot/2025/3/")
    url, title = base + "/fi/kokousmuistiot/2025/3/", titles["fi"]
    assert page.locator('meta[property="og:title"]').get_attribute("content") == title
    assert page.locator('meta[property="og:url"]').get_attribute("content") == url

    def query(key: str) -> dict:
        return parse_qs(urlsplit(page.locator(f"a.share__link--{key}").get_attribute("href")).query)

    assert query("email") == {"subject": [title], "body": [url]}
    assert query("facebook") == {"u": [url]}
    assert query("x") == {"url": [url], "text": [title]}
    assert query("linkedin") == {"url": [url]}
    page.locator(".share__copy").click()
    page.wait_for_function("document.querySelector('[data-share-status]').innerText.trim() !== ''")
    assert page.evaluate("navigator.clipboard.readText()") == url
    context.close()
