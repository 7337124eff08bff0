"""No English in the admin as the browser renders it: the parts Wagtail and wagtail-localize
build client-side (React, Stimulus) translate with the JavaScript catalogues, which the HTML
checks of test_admin_language.py cannot see.

A communications editor with the admin in Finnish opens the home page's editor, its status
panel and the schedule-publishing dialog; a translator with the admin in Swedish opens
wagtail-localize's translation editor. Debian's Chromium through Playwright, live server.
"""

import shutil

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from wagtail.users.models import UserProfile

from tests.admin_language import assert_no_english
from tests.conftest import CHROMIUM
from tests.translations.test_browser import browser_page  # noqa: F401 - the fixture

PASSWORD = "kieli-salasana-1234"

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(
        shutil.which(CHROMIUM) is None, reason="Debian's chromium is not installed (make browser)"
    ),
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def _staff(group_name: str, username: str, language: str):
    user = get_user_model().objects.create_user(username, f"{username}@example.invalid", PASSWORD)
    user.groups.add(Group.objects.get(name=group_name))
    profile = UserProfile.get_for_user(user)
    profile.preferred_language = language
    profile.save()
    return user


def _log_in(page, live_server, user):
    from playwright.sync_api import expect

    page.goto(f"{live_server.url}/admin/login/")
    page.fill("input[name=username]", user.username)
    page.fill("input[name=password]", PASSWORD)
    page.click("button[type=submit]")
    expect(page).to_have_url(f"{live_server.url}/admin/")


def _settled(page):
    """Wait until the client-side parts have rendered and fetched what they need."""
    page.wait_for_load_state("networkidle")


def test_finnish_editor_sees_the_page_editor_and_schedule_dialog_in_finnish(
    browser_page,  # noqa: F811
    live_server,
    home_page,
):
    from playwright.sync_api import expect

    from board.permissions import GROUP_NAME, ensure_communications_group

    ensure_communications_group()
    editor = _staff(GROUP_NAME, "viestija", "fi")
    page = browser_page
    _log_in(page, live_server, editor)
    _settled(page)
    assert_no_english(page, "fi", where="the dashboard")

    page.goto(f"{live_server.url}/admin/pages/{home_page.pk}/edit/")
    _settled(page)
    assert_no_english(page, "fi", where="the page editor")

    # The status side panel, then the schedule-publishing dialog from it.
    page.click('[data-side-panel-toggle="status"]')
    schedule = page.locator('[data-side-panel="status"] [data-a11y-dialog-show="schedule-publishing-dialog"]')
    expect(schedule.first).to_be_visible()
    schedule.first.click()
    dialog = page.locator("#schedule-publishing-dialog")
    expect(dialog).to_be_visible()
    expect(dialog).to_contain_text("Aseta julkaisuajastus")
    _settled(page)
    assert_no_english(page, "fi", where="the schedule-publishing dialog")

    # The date-time picker the dialog opens.
    dialog.locator('input[name="go_live_at"]').click()
    _settled(page)
    assert_no_english(page, "fi", where="the go-live date picker")

    # The actions menu: with a schedule set, the main action is "Schedule to publish".
    dialog.locator('input[name="go_live_at"]').fill("2099-01-01 12:00")
    dialog.locator('input[name="go_live_at"]').press("Escape")
    page.keyboard.press("Escape")
    page.locator("footer .w-dropdown__toggle").first.click()
    _settled(page)
    assert_no_english(page, "fi", where="the editor's actions menu")


def test_swedish_translator_sees_the_translation_editor_in_swedish(
    browser_page,  # noqa: F811
    live_server,
    translator,
    translated_home,
):
    """wagtail-localize's editor is a React app: its labels ("Publish in Svenska", "Translate",
    tabs, the string states) exist only once the browser has rendered it."""
    from playwright.sync_api import expect

    profile = UserProfile.get_for_user(translator)
    profile.preferred_language = "sv"
    profile.save()
    page = browser_page
    page.goto(f"{live_server.url}/admin/login/")
    page.fill("input[name=username]", translator.username)
    page.fill("input[name=password]", "kaantaja-salasana-1")
    page.click("button[type=submit]")
    expect(page).to_have_url(f"{live_server.url}/admin/")

    page.goto(f"{live_server.url}/admin/pages/{translated_home['sv'].pk}/edit/")
    expect(page.locator(".js-translation-editor footer")).to_be_visible()
    _settled(page)
    assert "Publicera på Svenska" in page.locator("footer").inner_text()
    assert_no_english(page, "sv", where="the translation editor")
