"""A page that exists only in Finnish, reached under /sv/ or /en/: a clear notice in the
visitor's language with a link to the Finnish page, never a 404 or silently Finnish text.
The language switcher and hreflang alternates list only translations that exist and are live."""

import pytest
from lxml import html

from home import demo as home_demo
from tests.translations.conftest import add_child_page

BODY_FI = "Yhdistykset voivat hakea neuvottelukunnalta tukea."


@pytest.fixture
def finnish_only(translated_home):
    page = add_child_page(translated_home["fi"], "Tietoa yhdistyksille", "tietoa-yhdistyksille")
    return page


def _doc(response):
    return html.fromstring(response.content.decode())


def _notice(doc):
    found = doc.xpath('//*[contains(@class,"only-in-finnish")]')
    return found[0] if found else None


def test_finnish_only_page_under_sv_shows_the_swedish_notice(client, finnish_only):
    response = client.get("/sv/tietoa-yhdistyksille/")
    assert response.status_code == 200
    doc = _doc(response)
    assert doc.get("lang") == "sv"
    notice = _notice(doc)
    assert notice is not None
    assert notice.xpath("string(.//h1)") == "Sidan finns endast på finska"


@pytest.mark.parametrize("code", ["sv", "en"])
def test_notice_links_to_the_finnish_page_and_is_not_indexed(client, finnish_only, code):
    response = client.get(f"/{code}/tietoa-yhdistyksille/")
    doc = _doc(response)
    notice = _notice(doc)
    link = notice.xpath(".//a")[0]
    assert link.get("href") == "/fi/tietoa-yhdistyksille/"
    assert link.get("lang") == "fi" and link.get("hreflang") == "fi"
    assert link.text_content() == "Tietoa yhdistyksille"
    assert response["X-Robots-Tag"] == "noindex"
    assert response["Content-Language"] == code
    assert client.get(link.get("href")).status_code == 200


def test_notice_in_english(client, finnish_only):
    doc = _doc(client.get("/en/tietoa-yhdistyksille/"))
    assert doc.get("lang") == "en"
    assert _notice(doc).xpath("string(.//h1)") == "This page is only available in Finnish"


def test_swedish_home_not_live_gives_the_notice_not_finnish_text(client, translated_home):
    translated_home["sv"].unpublish()
    response = client.get("/sv/")
    doc = _doc(response)
    assert response.status_code == 200
    assert _notice(doc) is not None
    main = doc.xpath("string(//main)")
    assert home_demo.LEAD not in main
    assert home_demo.P_HISTORY[:40] not in main


def test_finnish_path_of_a_translated_page_redirects_to_the_swedish_page(client, finnish_only, translate):
    translate(
        finnish_only, "sv", {"Tietoa yhdistyksille": "Information för föreningar", finnish_only.slug: "info"}
    )
    response = client.get("/sv/tietoa-yhdistyksille/")
    assert response.status_code == 302
    assert response["Location"] == "/sv/info/"


def test_unknown_path_is_still_404(client, finnish_only):
    assert client.get("/sv/ei-ole-olemassa/").status_code == 404
    assert client.get("/fi/ei-ole-olemassa/").status_code == 404


def test_unpublished_finnish_page_is_not_revealed_under_sv(client, finnish_only):
    finnish_only.unpublish()
    assert client.get("/sv/tietoa-yhdistyksille/").status_code == 404


def _alternates(doc):
    return {link.get("hreflang"): link.get("href") for link in doc.xpath('//head/link[@rel="alternate"]')}


def _switcher(doc):
    return {a.get("hreflang") for a in doc.xpath("//a[@hreflang][ancestor::nav]") if a.get("lang")}


def test_alternates_list_every_live_translation(client, translated_home):
    alternates = _alternates(_doc(client.get("/fi/")))
    assert {"fi", "sv", "en"} <= set(alternates)
    assert alternates["sv"].endswith("/sv/") and alternates["en"].endswith("/en/")


def test_alternates_and_switcher_leave_out_a_draft_translation(client, translated_home):
    translated_home["en"].unpublish()
    doc = _doc(client.get("/fi/"))
    assert "en" not in _alternates(doc)
    assert "sv" in _alternates(doc)
    assert "en" not in _switcher(doc)


def test_finnish_only_page_has_no_swedish_or_english_alternates(client, finnish_only):
    doc = _doc(client.get("/fi/tietoa-yhdistyksille/"))
    assert not {"sv", "en"} & set(_alternates(doc))
    assert not {"sv", "en"} & _switcher(doc)
