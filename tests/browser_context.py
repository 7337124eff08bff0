"""A Playwright browser context for tests against the live server (tests/conftest.py's
`browser` is Debian's Chromium)."""

import contextlib
from urllib.parse import urlparse


@contextlib.contextmanager
def browser_context(browser, live_server_url: str, locale: str, *, timeout_ms: int = 15_000):
    """A browser context in `locale` and Helsinki's time zone that reaches only the live
    server: every other request is refused, so no test depends on the Internet."""
    server = urlparse(live_server_url).netloc
    context = browser.new_context(locale=locale, timezone_id="Europe/Helsinki")
    context.route(
        "**/*",
        lambda route: route.continue_() if urlparse(route.request.url).netloc == server else route.abort(),
    )
    context.set_default_timeout(timeout_ms)
    try:
        yield context
    finally:
        context.close()


def sign_in(page, live_server_url: str, username: str, password: str) -> None:
    """Through the admin's real login form, to the dashboard."""
    from playwright.sync_api import expect

    page.goto(f"{live_server_url}/admin/login/")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", password)
    page.click("button[type=submit]")
    expect(page).to_have_url(f"{live_server_url}/admin/")
