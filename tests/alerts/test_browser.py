"""The subscription form in Debian's Chromium: keyboard-usable, no axe-core violations, no CSP
violation, and no cookie stored, from the empty form through its errors to the answer."""

import pytest

from tests.site.browsing import axe_violations

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


@pytest.fixture
def site_url(live_server, home_page):
    return live_server.url


def test_subscription_form_in_a_browser(site_url, browser):
    strict = browser.new_context()
    page = strict.new_page()
    console = []
    page.on("console", lambda message: console.append(message.text))
    page.goto(site_url + "/fi/sahkopostitilaus/")
    # An error first: no kind chosen.
    for box in page.get_by_role("checkbox").all():
        box.uncheck()
    page.locator("#alerts-email").fill("browser@example.org")
    with page.expect_navigation():  # the form is posted: wait for its answer, not the old page
        page.locator("#alerts-email").press("Enter")
    assert page.locator("#alerts-kinds-error").is_visible()
    assert page.locator("#alerts-email").input_value() == "browser@example.org"
    page.get_by_role("checkbox").first.check()
    page.locator("button[type=submit]").focus()
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.locator("h1").inner_text()
    assert page.locator('[role="status"]').is_visible()
    assert strict.cookies() == []
    assert not [text for text in console if "Content Security Policy" in text]
    strict.close()


def test_subscription_form_has_no_axe_violations_with_and_without_errors(site_url, browser):
    axe = browser.new_context(bypass_csp=True)  # axe-core is injected inline
    page = axe.new_page()
    page.goto(site_url + "/fi/sahkopostitilaus/")
    assert axe_violations(page) == []
    page.locator("#alerts-email").fill("not an address")
    page.locator("button[type=submit]").click()
    page.wait_for_load_state()
    assert page.locator("#alerts-email-error").is_visible()
    assert axe_violations(page) == []
    axe.close()
