"""Journey 7 of issue 13 in a real browser: a translator, with the admin in Swedish, finds on
the translation dashboard what to translate, translates a meeting and a page in
wagtail-localize's editor and publishes them; both are live on /sv/ and neither is shown as
outdated afterwards.

The translator is a member of the translators' group only (translations/roles.py), signs in
through the login form and reaches every admin screen by clicking.
"""

from __future__ import annotations

import datetime
import re
from zoneinfo import ZoneInfo

import pytest
from django.utils import timezone

from tests.journeys.staff import (
    AdminScreens,
    browser_context,
    build_board_site,
    journey_marks,
    log_in,
    staff_user,
)

pytestmark = journey_marks

HELSINKI = ZoneInfo("Europe/Helsinki")

MEETING_FI = {"title": "Kevään suunnittelukokous", "place": "Kaupungintalo, Pohjoisesplanadi 11–13"}
MEETING_SV = {"title": "Vårens planeringsmöte", "place": "Stadshuset, Norra esplanaden 11–13"}
PAGE_FI = {"title": "Talkoopäivä 2027", "lead": "Tule mukaan siivoamaan puistoja koko perheen voimin."}
PAGE_SV = {"title": "Talkodag 2027", "lead": "Kom med och städa parkerna med hela familjen."}


@pytest.fixture
def finnish_only(live_server, settings, tmp_path):
    """The board's site in three languages, and a new meeting and a new page in Finnish only."""
    from board.models import Meeting, MeetingStatus
    from home.models import StandardPage
    from translations.roles import sync_translator_permissions

    settings.MEDIA_ROOT = str(tmp_path / "media")
    site = build_board_site()
    start = datetime.datetime.combine(
        timezone.localdate() + datetime.timedelta(days=30), datetime.time(16, 0), HELSINKI
    )
    meeting = Meeting(
        locale=site.home["fi"].locale, number=7, start=start, status=MeetingStatus.PLANNED, **MEETING_FI
    )
    meeting.full_clean()
    meeting.save()
    meeting.save_revision().publish()
    page = site.home["fi"].add_child(instance=StandardPage(slug="talkoopaiva-2027", **PAGE_FI))
    page.save_revision().publish()
    # Translators get their rights on the Swedish and English trees once those exist.
    sync_translator_permissions()
    return {"site": site, "meeting": Meeting.objects.get(pk=meeting.pk), "page": page}


@pytest.fixture
def translator(finnish_only):
    from translations.roles import TRANSLATORS_GROUP

    return staff_user("kaantaja", TRANSLATORS_GROUP, "sv", "Kaisa", "Kääntäjä")


@pytest.fixture
def swedish_browser(browser, live_server, monkeypatch):
    # Playwright's sync API runs an event loop in this thread; the test's own ORM reads are
    # ordinary synchronous code.
    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    with browser_context(browser, live_server.url, "sv-SE") as context:
        yield context


def swedish_section(page):
    """The dashboard's Swedish section (Swedish is listed apart from English)."""
    return page.get_by_role("region", name=re.compile("^Svenska"))


def status_row(section, title: str):
    return section.get_by_role("row").filter(has=section.page.get_by_role("link", name=title, exact=True))


def translate_in_editor(
    page, strings: dict[str, str], published_as: str, screens: AdminScreens, where: str
) -> None:
    """wagtail-localize's editor: each Finnish string translated by hand and saved, then published."""
    from playwright.sync_api import expect

    editor = page.locator(".js-translation-editor, #main")
    screens.check(page, where)
    for source, target in strings.items():
        segment = editor.locator("li").filter(has_text=source).last
        segment.get_by_role("button", name="Översätt").click()
        segment.get_by_role("textbox").fill(target)
        segment.get_by_role("button", name="Spara").click()
        expect(editor.locator("li").filter(has_text=target).last).to_be_visible()
    screens.check(page, f"{where}, translated")
    page.get_by_role("button", name=re.compile(r"^Publicera på [Ss]venska$")).click()
    expect(page.get_by_role("status").filter(has_text="Publicerade")).to_contain_text(
        f"Publicerade '{published_as}'"
    )


def test_translator_translates_a_meeting_and_a_page_from_the_dashboard(
    translator, finnish_only, swedish_browser, live_server
):
    from playwright.sync_api import expect

    from board.models import Meeting

    base = live_server.url
    site, meeting, fi_page = finnish_only["site"], finnish_only["meeting"], finnish_only["page"]
    meeting_label = str(meeting)
    screens = AdminScreens("sv")
    page = swedish_browser.new_page()
    log_in(page, base, translator, "sv", screens)

    # The home page tells the translator there is Swedish work, and leads to the dashboard.
    panel = page.get_by_role("region", name="Översättningar")
    expect(panel).to_contain_text("Svenska")
    panel.get_by_role("link", name="Öppna översättningsstatus").click()
    screens.check(page, "translation dashboard")
    section = swedish_section(page)
    for title in (meeting_label, PAGE_FI["title"]):
        expect(status_row(section, title)).to_contain_text("Saknas")

    # The meeting: translated and published in Swedish.
    status_row(section, meeting_label).get_by_role("link", name="Översätt").click()
    screens.check(page, "translate the meeting")
    page.get_by_role("checkbox", name="Svenska").check()
    page.get_by_role("button", name="Skicka").click()
    strings = {MEETING_FI[key]: MEETING_SV[key] for key in MEETING_FI}
    sv_label = f"{meeting.reference} {MEETING_SV['title']}"
    translate_in_editor(page, strings, sv_label, screens, "meeting translation")

    # The page: back to the dashboard through the menu, translated and published too.
    page.locator("aside").get_by_role("button", name="Rapporter", exact=True).click()
    page.locator("aside").get_by_role("link", name="Översättningsstatus").click()
    section = swedish_section(page)
    status_row(section, PAGE_FI["title"]).get_by_role("link", name="Översätt").click()
    screens.check(page, "translate the page")
    page.get_by_role("checkbox", name="Svenska").check()
    page.get_by_role("button", name="Skicka").click()
    strings = {PAGE_FI[key]: PAGE_SV[key] for key in PAGE_FI}
    translate_in_editor(page, strings, PAGE_SV["title"], screens, "page translation")

    # Both are live in Swedish.
    sv_meeting = Meeting.objects.get(translation_key=meeting.translation_key, locale__language_code="sv")
    assert sv_meeting.live and sv_meeting.title == MEETING_SV["title"]
    sv_page = fi_page.get_translation(site.home["sv"].locale).specific
    assert sv_page.live and sv_page.title == PAGE_SV["title"]
    public = swedish_browser.new_page()
    public.goto(f"{base}{site.archive['sv'].url}")
    public.locator("main").get_by_role("link", name=sv_label).click()
    expect(public.get_by_role("heading", level=1)).to_contain_text(MEETING_SV["title"])
    expect(public.locator("main")).to_contain_text(MEETING_SV["place"])
    public.goto(f"{base}{sv_page.url}")
    expect(public).to_have_url(re.compile(r"/sv/[a-z0-9-]+/$"))
    expect(public.get_by_role("heading", level=1)).to_have_text(PAGE_SV["title"])
    expect(public.locator("main")).to_contain_text(PAGE_SV["lead"])

    # And the dashboard shows both as up to date, not outdated.
    page.locator("aside").get_by_role("button", name="Rapporter", exact=True).click()
    page.locator("aside").get_by_role("link", name="Översättningsstatus").click()
    screens.check(page, "translation dashboard afterwards")
    section = swedish_section(page)
    for title in (meeting_label, PAGE_FI["title"]):
        row = status_row(section, title)
        expect(row).to_contain_text("Aktuell")
        expect(row).not_to_contain_text("Föråldrad")

    screens.assert_no_english()
