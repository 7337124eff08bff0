"""Journeys 5 and 6 of the communications staff, in a real browser (issue 13, item 1).

A member of the communications group (not a superuser), with the admin in Finnish, signs in
through the login form and reaches every admin screen by clicking: the sidebar menu, list
rows, buttons. Public pages and the API are fetched directly to check what visitors get.
"""

from __future__ import annotations

import re

import pytest
from django.utils import timezone

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
SEMINAR_FI, SEMINAR_SV = "Vapaaehtoistoiminnan seminaari", "Seminarium om frivilligverksamhet"


@pytest.fixture
def finnish_calendar_pdf(board_site):
    """The year's activity calendar as a Finnish PDF, linked from the calendar page and from
    the seminar it announces; their Swedish and English versions link the same PDF."""
    import datetime

    from board.models import Event
    from cms.localize_programmatic import translate_object
    from documents.demo import get_or_create_pdf

    document = get_or_create_pdf(CALENDAR_FI, ["Neuvottelukunnan kokoukset ja seminaarit 2027."], "calendar")
    page = board_site.calendar["fi"]
    page.calendar_document = document
    page.save_revision().publish()
    start = timezone.now() + datetime.timedelta(days=20)
    seminar = Event(title=SEMINAR_FI, start=start, locale=page.locale, document=document)
    seminar.save()
    seminar.save_revision().publish()
    for code in ("sv", "en"):
        translate_object(page, code, {})
        translate_object(seminar, code, {SEMINAR_FI: SEMINAR_SV})
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

    # Before: the Swedish calendar page offers the Finnish file, as the calendar and in the seminar.
    public.goto(calendar_sv)
    expect(public.locator("main").get_by_role("heading", name=SEMINAR_SV)).to_be_visible()
    expect(public.locator(f'main a[href="{finnish.url}"]')).to_have_count(2)

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

    # The Swedish page now offers the Swedish file in both places; the Finnish page keeps the Finnish one.
    public.goto(calendar_sv)
    expect(public.locator(f'main a[href="{swedish.url}"]')).to_have_count(2)
    expect(public.locator(f'main a[href="{finnish.url}"]')).to_have_count(0)
    assert public.request.get(f"{base}{swedish.url}").body() == swedish_pdf
    public.goto(calendar_fi)
    expect(public.locator(f'main a[href="{finnish.url}"]')).to_have_count(2)

    screens.assert_no_english()


# --- 6. A person who consented to show the e-mail address only --------------------------------

FIRST, LAST = "Saara", "Sihteeri"
EMAIL = "saara.sihteeri@example.invalid"
PHONE = "040 765 4321"
# The number as it could appear anywhere: spaced, packed, international, or in a tel: link.
PHONE_FORMS = ("040 765 4321", "0407654321", "407654321", "765 4321", "7654321")


def assert_no_phone(text: str, where: str) -> None:
    packed = re.sub(r"[\s\-]", "", text)
    found = [form for form in PHONE_FORMS if form in text or form.replace(" ", "") in packed]
    assert not found, f"the phone number is public in {where}: {found}"


def test_person_with_consent_to_the_email_only(editor, board_site, finnish_browser, live_server):
    from playwright.sync_api import expect

    from board.models import Person

    base = live_server.url
    screens = AdminScreens("fi")
    page = finnish_browser.new_page()
    log_in(page, base, editor, "fi", screens)

    # The person, with consent to publish the e-mail address but not the phone number.
    open_menu(page, "Neuvottelukunta", "Henkilöt")
    screens.check(page, "people")
    page.get_by_role("link", name="Lisää henkilö").first.click()
    page.get_by_label("Etunimi").fill(FIRST)
    page.get_by_label("Sukunimi").fill(LAST)
    page.get_by_label("Sähköposti", exact=True).fill(EMAIL)
    page.get_by_label("Sähköpostin saa julkaista").check()
    page.get_by_label("Puhelin", exact=True).fill(PHONE)
    expect(page.get_by_label("Puhelinnumeron saa julkaista")).not_to_be_checked()
    screens.check(page, "new person")
    page.get_by_role("button", name="Tallenna").click()
    expect(page.locator(".messages")).to_contain_text(f"{FIRST} {LAST}")
    screens.check(page, "people after saving")

    # She starts as the board's secretary this term: a membership, the person chosen by name.
    open_menu(page, "Neuvottelukunta", "Jäsenyydet")
    screens.check(page, "memberships")
    page.get_by_role("link", name="Lisää jäsenyys").first.click()
    screens.check(page, "new membership")
    page.get_by_role("button", name="Valitse henkilö").click()
    chooser = page.get_by_role("dialog")
    chooser.get_by_role("textbox", name="Hakutermi").fill(LAST)
    chooser.get_by_role("link", name=f"{FIRST} {LAST}").click()
    expect(chooser).to_be_hidden()
    expect(page.locator(".modal-backdrop")).to_have_count(0)
    page.get_by_label("Toimikausi").select_option(label=str(board_site.term))
    page.get_by_label("Rooli").select_option(label="Sihteeri")
    page.get_by_label("Alkamispäivä").fill(timezone.localdate().isoformat())
    # Out of the date field with the Tab key, as a keyboard user would: its picker closes, and
    # the end date's opens as the focus lands there. A click on the form's title closes that one,
    # so no calendar covers the save button (in some months one did).
    page.get_by_label("Alkamispäivä").press("Tab")
    page.get_by_role("main").get_by_role("heading", level=2).first.click()
    expect(page.locator(".xdsoft_datetimepicker:visible")).to_have_count(0)
    page.get_by_role("button", name="Tallenna").click()
    expect(page.locator(".messages")).to_contain_text(f"{FIRST} {LAST}")
    screens.check(page, "memberships after saving")

    person = Person.objects.get(first_name=FIRST, last_name=LAST)
    assert (person.email, person.email_public, person.phone, person.phone_public) == (
        EMAIL,
        True,
        PHONE,
        False,
    )

    # The member directory in every language shows her and her e-mail address, never the number.
    public = finnish_browser.new_page()
    for code in ("fi", "sv", "en"):
        public.goto(f"{base}{board_site.directory[code].url}")
        main = public.locator("main")
        expect(main).to_contain_text(f"{FIRST} {LAST}")
        expect(main.get_by_role("link", name=EMAIL)).to_have_attribute("href", f"mailto:{EMAIL}")
        assert_no_phone(public.content(), f"the directory ({code})")

    # Nor anywhere else a visitor or a machine can read: the API, search, sitemap and feeds.
    api = public.request
    people = api.get(f"{base}/api/v3/people/").json()
    mine = [item for item in people["items"] if item["id"] == person.pk]
    assert mine and mine[0]["email"] == EMAIL and mine[0]["phone"] is None
    detail = api.get(f"{base}/api/v3/people/{person.pk}/")
    assert detail.ok and detail.json()["email"] == EMAIL and detail.json()["phone"] is None
    feeds = []
    for code in ("fi", "sv", "en"):
        for pages in (board_site.archive, board_site.calendar):
            public.goto(f"{base}{pages[code].url}")
            feeds += [link.get_attribute("href") for link in public.locator("a.ics-link").all()]
    assert feeds
    addresses = [
        *(f"/api/v3/people/?locale={code}" for code in ("fi", "sv", "en")),
        f"/api/v3/people/{person.pk}/?locale=sv",
        "/api/v3/seats/",
        f"/api/v3/terms/{board_site.term.pk}/",
        f"/api/v3/resolve/?path={board_site.directory['fi'].url}",
        f"/api/v3/search/?q={LAST}",
        f"/fi/haku/?q={LAST}",
        f"/sv/sok/?q={LAST}",
        "/sitemap.xml",
        *feeds,
    ]
    for address in addresses:
        response = api.get(f"{base}{address}")
        assert response.status < 500, address
        assert_no_phone(response.text(), address)
    # Searching for the number finds nobody (the answer repeats only the query itself).
    packed = PHONE.replace(" ", "")
    assert api.get(f"{base}/api/v3/search/?q={packed}").json()["count"] == 0
    public.goto(f"{base}/fi/haku/?q={packed}")
    expect(public.locator("main")).not_to_contain_text(LAST)

    screens.assert_no_english()
