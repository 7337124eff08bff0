"""What a screen reader is told about links to files in another language: Chromium's own
accessibility tree (through the DevTools protocol) on the demo served by a live server.
The language note is part of each link's accessible name, once, in the page's language."""

import pytest

from tests.site.browsing import axe_violations

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def _pdf_link_names(page) -> list[str]:
    cdp = page.context.new_cdp_session(page)
    nodes = cdp.send("Accessibility.getFullAXTree")["nodes"]
    names = [
        node.get("name", {}).get("value", "")
        for node in nodes
        if node.get("role", {}).get("value") == "link" and not node.get("ignored")
    ]
    return [name for name in names if "PDF" in name]


def test_links_to_finnish_files_name_the_language_once_for_screen_readers(demo_site, browser):
    context = browser.new_context(bypass_csp=True)
    page = context.new_page()

    page.goto(demo_site + "/sv/protokoll/2024/4/")  # Finnish files only
    names = _pdf_link_names(page)
    assert len(names) == 3 and all(name.count("på finska") == 1 for name in names), names
    assert axe_violations(page) == []

    page.goto(demo_site + "/sv/protokoll/2024/1/")  # Swedish agenda and minutes
    names = _pdf_link_names(page)
    assert len(names) == 2 and not any("finska" in name for name in names), names

    page.goto(demo_site + "/en/")  # the action programme: an English title, a Finnish file
    names = _pdf_link_names(page)
    assert names and all(name.count("in Finnish") == 1 for name in names), names
    context.close()
