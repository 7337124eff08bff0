"""The API docs work offline: Debian's Chromium renders them with every outside request blocked."""

from __future__ import annotations

import pytest

# serialized_rollback as in tests/site: the flush after a transactional test needs the locales back.
pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def test_swagger_ui_renders_every_operation_without_the_network(live_server, browser):
    base = live_server.url
    page = browser.new_page()
    outside, errors, csp = [], [], []

    def only_this_site(route):
        if route.request.url.startswith(base):
            route.continue_()
        else:
            outside.append(route.request.url)
            route.abort()

    page.route("**/*", only_this_site)
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.on("console", lambda msg: csp.append(msg.text) if "Content Security Policy" in msg.text else None)
    response = page.goto(f"{base}/api/v3/docs/")
    assert response.status == 200
    page.wait_for_selector(".opblock-summary-path", timeout=30_000)
    paths = page.locator(".opblock-summary-path").all_inner_texts()
    assert (
        "/api/v3/meetings/" in paths and "/api/v3/resolve/" in paths and "/api/v3/pages/{page_id}/" in paths
    )
    assert "Vapaaehtoistyön neuvottelukunta" in page.locator(".info .title").inner_text()
    assert outside == [], f"the docs tried to reach outside the site: {outside}"
    assert errors == []
    assert csp == [], csp
    page.close()
