"""Journeys 5 and 6 of the communications staff, in a real browser (issue 13, item 1).

A member of the communications group (not a superuser), with the admin in Finnish, signs in
through the login form and reaches every admin screen by clicking: the sidebar menu, list
rows, buttons. Public pages and the API are fetched directly to check what visitors get.
"""

from __future__ import annotations

import pytest

from board.permissions import GROUP_NAME, ensure_communications_group
from tests.journeys.staff import (
    AdminScreens,
    browser_context,
    build_board_site,
    journey_marks,
    log_in,
    open_menu,
    staff_user,
)

pytestmark = journey_marks


@pytest.fixture
def board_site(live_server, settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path / "media")
    site = build_board_site()
    ensure_communications_group()
    return site


@pytest.fixture
def editor(board_site):
    return staff_user("viestija", GROUP_NAME, "fi", "Venla", "Viestijä")


@pytest.fixture
def finnish_browser(browser, live_server, monkeypatch):
    # Playwright's sync API runs an event loop in this thread; the test's own ORM reads are
    # ordinary synchronous code.
    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    with browser_context(browser, live_server.url, "fi-FI") as context:
        yield context


# --- 5. A Swedish version of a PDF ------------------------------------------------------------

CALENDAR_FI = "Toimintakalenteri 2027"
CALENDAR_SV = "Verksamhetskalender 2027"


@pytest.fixture
def finnish_calendar_pdf(board_site):
    """The year's activity calendar as a Finnish PDF, linked from the calendar page, whose
    Swedish and English pages follow the Finnish one (the PDF is synchronised to them)."""
    from cms.translation import translate_object
    from documents.demo import get_or_create_pdf

    document = get_or_create_pdf(CALENDAR_FI, ["Neuvottelukunnan kokoukset ja seminaarit 2027."], "calendar")
    page = board_site.calendar["fi"]
    page.calendar_document = document
    page.save_revision().publish()
    for code in ("sv", "en"):
        translate_object(page, code, {})
    return document


def test_swedish_version_of_a_pdf_is_linked_to_its_finnish_original(
    editor, finnish_calendar_pdf, board_site, finnish_browser, live_server
):
    from playwright.sync_api import expect

    from documents.models import CustomDocument
    from tests.documents.pdfs import good

    base = live_server.url
    finnish = finnish_calendar_pdf
    calendar_sv = f"{base}{board_site.calendar['sv'].url}"
    calendar_fi = f"{base}{board_site.calendar['fi'].url}"
    public = finnish_browser.new_page()

    # Before: the Swedish calendar page offers the Finnish file.
    public.goto(calendar_sv)
    expect(public.locator(f'main a[href="{finnish.url}"]')).to_have_count(1)

    screens = AdminScreens("fi")
    page = finnish_browser.new_page()
    log_in(page, base, editor, "fi", screens)

    # The editor finds the Finnish PDF in the document library by its title.
    open_menu(page, "Asiakirjat")
    screens.check(page, "documents")
    page.get_by_role("textbox", name="Hakutermi").fill("Toimintakalenteri")
    row = page.get_by_role("row").filter(has_text=CALENDAR_FI)
    expect(row).to_have_count(1)
    row.get_by_role("link", name=CALENDAR_FI).click()
    expect(page.get_by_role("heading", name="Kieliversiot")).to_be_visible()
    screens.check(page, "document edit (fi)")

    # Adds the Swedish version: its own title and its own PDF.
    page.get_by_role("link", name="Lisää ruotsinkielinen versio").click()
    screens.check(page, "add Swedish version")
    swedish_pdf = good(CALENDAR_SV, ["Kommissionens möten och seminarier 2027."], language="sv", tagged=True)
    page.get_by_label("Otsikko").fill(CALENDAR_SV)
    page.get_by_label("Tiedosto").set_input_files(
        {"name": "verksamhetskalender-2027.pdf", "mimeType": "application/pdf", "buffer": swedish_pdf}
    )
    page.get_by_role("button", name="Tallenna").click()

    # Back on the Finnish original, which now lists its Swedish version.
    expect(page.locator(".messages")).to_contain_text(CALENDAR_SV)
    versions = page.get_by_role("region", name="Kieliversiot")
    expect(versions).to_contain_text(f"suomi: {CALENDAR_FI}")
    expect(page.get_by_role("link", name="Lisää ruotsinkielinen versio")).to_have_count(0)
    screens.check(page, "document edit (fi) after adding")
    versions.get_by_role("link", name=f"ruotsi: {CALENDAR_SV}").click()

    # The Swedish version: a file in Swedish, and a way back to the original.
    expect(page.get_by_label("Otsikko")).to_have_value(CALENDAR_SV)
    expect(page.get_by_role("combobox", name="Tiedoston kieli")).to_have_value("sv")
    expect(
        page.get_by_role("region", name="Kieliversiot").get_by_role("link", name=f"suomi: {CALENDAR_FI}")
    ).to_be_visible()
    screens.check(page, "document edit (sv)")

    swedish = CustomDocument.objects.get(title=CALENDAR_SV)
    assert swedish.translation_key == finnish.translation_key
    assert (swedish.locale.language_code, swedish.language) == ("sv", "sv")
    assert swedish.file.open("rb").read() == swedish_pdf
    assert finnish.get_translation(swedish.locale) == swedish

    # The Swedish page now offers the Swedish file; the Finnish page keeps the Finnish one.
    public.goto(calendar_sv)
    link = public.locator("main a.document-link")
    expect(link).to_have_attribute("href", swedish.url)
    assert public.request.get(f"{base}{swedish.url}").body() == swedish_pdf
    public.goto(calendar_fi)
    expect(public.locator("main a.document-link")).to_have_attribute("href", finnish.url)

    screens.assert_no_english()
