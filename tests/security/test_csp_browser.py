"""Every public page type, loaded in Debian's Chromium with the demo content, breaks no rule
of the enforced Content-Security-Policy (listened for with securitypolicyviolation events
and console messages, installed by the test harness)."""

import re

import pytest
from django.core.management import call_command
from lxml import etree

NS = {"sm": "http://www.sitemaps.org/schemas/sitemap/0.9"}
LISTENER = """
window.__cspViolations = [];
document.addEventListener("securitypolicyviolation", (e) => {
  window.__cspViolations.push({directive: e.violatedDirective, blocked: e.blockedURI, sample: e.sample});
});
"""

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


@pytest.fixture
def demo_site(live_server, settings):
    settings.RATELIMIT_ENABLED = False  # one client loads many pages
    call_command("load_demo", verbosity=0)
    return live_server.url


def _public_paths(base: str, page) -> list[str]:
    response = page.request.get(f"{base}/sitemap.xml")
    assert response.ok
    locations = etree.fromstring(response.body()).xpath("//sm:loc/text()", namespaces=NS)
    paths = [loc.removeprefix(base) for loc in locations]
    # Page types not in the sitemap: a meeting, search, the 404 page and the API docs.
    page.goto(f"{base}/fi/")
    archive = next(p for p in paths if re.match(r"^/fi/[^/]+/$", p) and "kokous" in p)
    page.goto(base + archive)
    meeting = page.eval_on_selector_all(
        "a[href]", "els => els.map(e => e.getAttribute('href')).filter(h => /\\/\\d{4}\\/\\d+\\/$/.test(h))"
    )
    assert meeting, "no meeting link in the minutes archive"
    return [
        *paths,
        meeting[0].removeprefix(base),
        "/fi/haku/?q=vapaaehtoisty%C3%B6",
        "/sv/sok/?q=frivilligt",
        "/fi/tata-sivua-ei-ole/",
        "/api/v3/docs/",
    ]


def test_no_public_page_type_violates_the_content_security_policy(demo_site, browser):
    context = browser.new_context()
    context.add_init_script(LISTENER)
    page = context.new_page()
    console = []
    page.on(
        "console", lambda msg: console.append(msg.text) if "Content Security Policy" in msg.text else None
    )
    paths = _public_paths(demo_site, page)
    assert len(paths) >= 10
    problems = {}
    for path in dict.fromkeys(paths):
        console.clear()
        response = page.goto(demo_site + path)
        assert response is not None
        policy = response.headers.get("content-security-policy", "")
        assert "object-src 'none'" in policy and "'unsafe-inline'" not in policy, path
        page.wait_for_load_state("networkidle")
        violations = page.evaluate("window.__cspViolations")
        if violations or console:
            problems[path] = violations + console
    assert problems == {}

    # Guard for the check above: the listener does report a violation (an external image).
    page.goto(demo_site + "/fi/")
    page.evaluate(
        "() => { const i = document.createElement('img'); i.src = 'https://example.invalid/x.png';"
        " document.body.append(i); }"
    )
    page.wait_for_function("window.__cspViolations.length > 0")
    assert page.evaluate("window.__cspViolations")[0]["directive"].startswith("img-src")
