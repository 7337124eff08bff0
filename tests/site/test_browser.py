"""Accessibility in a real browser: axe-core in Debian's Chromium on every sitemap URL in fi and sv,
keyboard-only navigation with a visible focus indicator, no horizontal scroll at 320 px, and the
"copy link" button. Runs against pytest-django's live server with the demo content loaded."""

import pytest

from tests.site.browsing import axe_violations, sitemap_paths

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def test_axe_finds_no_wcag_violations_and_nothing_scrolls_sideways_at_320px(demo_site, browser):
    # bypass_csp lets the test inject axe-core; the site itself runs no inline script.
    context = browser.new_context(bypass_csp=True)
    page = context.new_page()
    paths = sitemap_paths(demo_site, page)
    assert {"/fi/", "/sv/", "/fi/tietoa-yhdistyksille/", "/sv/tillganglighetsutlatande/"} <= set(paths)
    paths += ["/fi/haku/?q=neuvottelukunta", "/sv/sok/?q=kommissionen", "/fi/ei-ole/", "/sv/finns-inte/"]
    # A meeting (the demo's cancelled 3/2025) and a year page, with their breadcrumbs, sitemap or not.
    paths += ["/fi/kokousmuistiot/2025/3/", "/sv/protokoll/2025/3/", "/fi/kokousmuistiot/2025/"]
    problems = {}
    narrow = context.new_page()
    narrow.set_viewport_size({"width": 320, "height": 800})
    for path in paths:
        page.goto(demo_site + path)
        violations = axe_violations(page)
        if violations:
            problems[path] = violations
        narrow.goto(demo_site + path)
        width = narrow.evaluate("document.documentElement.scrollWidth")
        if width > 320:
            problems.setdefault(path, []).append({"id": "horizontal-scroll", "width": width})
    context.close()
    assert problems == {}


FOCUSABLE = (
    "a[href], button:not([disabled]), input:not([disabled]), select:not([disabled]), "
    "textarea:not([disabled]), summary, [tabindex]:not([tabindex='-1'])"
)


def _keyboard_walk(page) -> tuple[list[str], list[str], list[str]]:
    """Tab through the page: every reachable control, what Tab reached, and what showed no focus ring."""
    expected = page.evaluate(
        """(selector) => {
            const visible = el => el.getClientRects().length > 0
                && getComputedStyle(el).visibility !== "hidden";
            const all = [...document.querySelectorAll(selector)].filter(visible);
            all.forEach((el, i) => el.setAttribute("data-kb", String(i)));
            return all.map(el => el.getAttribute("data-kb"));
        }""",
        FOCUSABLE,
    )
    reached, unmarked = [], []
    page.evaluate("document.activeElement && document.activeElement.blur()")
    for _ in range(len(expected) + 3):
        page.keyboard.press("Tab")
        info = page.evaluate(
            """() => {
                const el = document.activeElement;
                if (!el || el === document.body) return null;
                const style = getComputedStyle(el);
                const ring = (style.outlineStyle !== "none" && parseFloat(style.outlineWidth) >= 2)
                    || (style.boxShadow && style.boxShadow !== "none");
                const text = (el.textContent || el.name || "").trim().slice(0, 40);
                return {id: el.getAttribute("data-kb"), ring, text};
            }"""
        )
        if info is None or info["id"] is None:
            continue
        if info["id"] not in reached:
            reached.append(info["id"])
            if not info["ring"]:
                unmarked.append(info["text"])
    return expected, reached, unmarked


KEYBOARD_PATHS = [
    "/fi/",
    "/sv/tillganglighetsutlatande/",
    "/fi/tietoa-yhdistyksille/",
    "/fi/haku/?q=neuvottelukunta",
]


def test_keyboard_reaches_every_link_and_control_with_a_visible_focus_indicator(demo_site, browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    for path in KEYBOARD_PATHS:
        # The first Tab lands on the skip link, which then shows on screen.
        page.goto(demo_site + path)
        page.keyboard.press("Tab")
        assert page.evaluate("document.activeElement.className") == "skip-link", path
        assert page.evaluate("document.activeElement.getBoundingClientRect().left") >= 0, path
        page.goto(demo_site + path)
        expected, reached, unmarked = _keyboard_walk(page)
        assert expected, f"{path} has links"
        assert set(reached) == set(expected), path
        assert unmarked == [], path
    context.close()


def test_copy_link_button_copies_the_page_address(demo_site, browser):
    context = browser.new_context(permissions=["clipboard-read", "clipboard-write"])
    page = context.new_page()
    page.goto(demo_site + "/fi/tietoa-yhdistyksille/")
    button = page.locator("button.share__copy")
    assert button.count() == 1, "the link became a button"
    button.click()
    # The status is written when the clipboard's promise settles, a moment after the click.
    page.wait_for_function("document.querySelector('[data-share-status]').innerText.trim() !== ''")
    assert page.evaluate("navigator.clipboard.readText()") == demo_site + "/fi/tietoa-yhdistyksille/"
    context.close()
