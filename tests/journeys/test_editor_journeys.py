"""Journeys 1–4 of the communications staff, in a real browser (issue 13, item 1).

A member of the communications group (not a superuser), with the admin in Finnish, signs in
through the login form at /admin/ and reaches every admin screen by clicking what an editor
clicks: the sidebar menu, the dashboard's to-do list, list rows, buttons, choosers. No admin
address is typed. Public pages, the feeds and the API are fetched directly to check what
visitors get. Every admin screen visited is checked for English interface strings.

1. A new meeting with its agenda PDF uploaded in the chooser, published: in the archive, the
   feeds, search and the API.
2. After the meeting, its minutes uploaded and the status set to approved: in fi, sv and en,
   and the dashboard's to-do panel clears.
3. A mid-term replacement: the membership found by the member's name, ended with a date and a
   decision reference; the successor added; the public directory shows it all.
4. The home page edited and scheduled: the real scheduler process (manage.py run_scheduler)
   publishes it at that time with nobody acting, and not before.
"""

from __future__ import annotations

import datetime
import re
import time

from django.utils import formats, timezone, translation
from django.utils.text import slugify

from board.models import MeetingStatus
from tests.journeys.conftest import (
    DEPUTY,
    HELD_MEETING,
    HELD_MEETING_NUMBER,
    LEAVER,
    SUCCESSOR,
    held_meeting_start,
)
from tests.journeys.staff import journey_marks, open_menu

pytestmark = journey_marks

BOARD_MENU = "Neuvottelukunta"


def _expect():
    from playwright.sync_api import expect

    return expect


def _pdf(title: str, paragraphs: list[str]) -> dict:
    """A small valid PDF, as a file the editor picks from their disk."""
    from tests.documents.pdfs import good

    name = slugify(title.replace("/", "-")) + ".pdf"
    return {"name": name, "mimeType": "application/pdf", "buffer": good(title, paragraphs)}


def _field(page, label: str):
    """The form field (with its chooser) whose label is exactly `label`."""
    return page.locator(".w-panel__wrapper").filter(has=page.get_by_text(label, exact=True))


def _close_date_picker(page, beside=None) -> None:
    """Click beside a date field (by default on the form's title), as a user does to close
    its calendar pop-up."""
    (beside or page.get_by_role("main").get_by_role("heading", level=2).first).click()
    _expect()(page.locator(".xdsoft_datetimepicker:visible")).to_have_count(0)


def _upload_in_chooser(page, screens, field_label: str, title: str, kind: str, pdf: dict) -> None:
    """Open the field's document chooser, upload the PDF on its upload tab, and choose it."""
    expect = _expect()
    _field(page, field_label).get_by_role("button", name="Valitse dokumentti").click()
    dialog = page.get_by_role("dialog")
    expect(dialog.get_by_role("heading", name="Valitse dokumentti")).to_be_visible()
    screens.check(page, f"document chooser ({field_label})")
    dialog.get_by_role("tab", name="Lähetä").click()
    upload = dialog.get_by_role("tabpanel", name="Lähetä")
    upload.get_by_role("textbox", name="Otsikko").fill(title)
    upload.get_by_role("button", name="Tiedosto").set_input_files(files=[pdf])
    upload.get_by_role("combobox", name="Laji").select_option(label=kind)
    screens.check(page, f"document chooser, upload tab ({field_label})")
    upload.get_by_role("button", name="Lähetä").click()
    # The upload is checked (structure, size, active content) before the chooser closes: on a
    # busy machine that takes longer than an assertion's default five seconds.
    expect(dialog).to_be_hidden(timeout=30_000)
    expect(_field(page, field_label)).to_contain_text(title)


def _publish(page) -> None:
    page.get_by_role("button", name="Lisää toimintoja").click()
    page.get_by_role("button", name="Julkaise", exact=True).click()


def _in_finnish(day: datetime.date) -> str:
    with translation.override("fi"):
        return formats.date_format(day, "DATE_FORMAT")


def _document_link(page, label: str):
    """The link to a document labelled `label` ("Esityslista", "Protokoll"…)."""
    return page.get_by_role("link", name=re.compile(rf"^{label} \(PDF"))


def _fetch(page, url: str):
    response = page.request.get(url)
    assert response.ok, f"{url}: {response.status}"
    return response


def _api_meeting(page, base: str, language: str, reference: str) -> dict:
    items = _fetch(page, f"{base}/api/v3/meetings/?locale={language}").json()["items"]
    found = [item for item in items if item["reference"] == reference]
    assert len(found) == 1, f"{reference} in /api/v3/meetings/?locale={language}: {items}"
    return found[0]


# --- 1. A new meeting with its agenda --------------------------------------------------------

NEW_TITLE = "Talkoohankkeiden kevätkatsaus"
NEW_PLACE = "Kaupungintalo, Pohjoisesplanadi 11–13"
NEW_NUMBER = 4
AGENDA_WORD = "Puistotalkoiden"  # only in the agenda PDF's text


def test_new_meeting_with_its_agenda_is_published_everywhere(
    editor_page, public_page, screens, journey_content, live_server
):
    expect = _expect()
    page, base = editor_page, live_server.url
    start = datetime.datetime.combine(
        timezone.localdate() + datetime.timedelta(days=21),
        datetime.time(16, 0),
        tzinfo=held_meeting_start().tzinfo,
    )
    reference = f"{NEW_NUMBER}/{start.year}"
    agenda_title = f"Esityslista {reference}"

    open_menu(page, BOARD_MENU, "Kokoukset")
    expect(page.get_by_role("heading", name="Kokoukset", level=1)).to_be_visible()
    screens.check(page, "meetings list")
    page.get_by_role("link", name="Lisää kokous").click()
    screens.check(page, "new meeting")

    page.get_by_role("textbox", name="Otsikko").fill(NEW_TITLE)
    page.get_by_role("spinbutton", name="Numero").fill(str(NEW_NUMBER))
    page.get_by_role("textbox", name="Alkaa").fill(start.strftime("%Y-%m-%d %H:%M"))
    _close_date_picker(page)
    page.get_by_role("textbox", name="Paikka", exact=True).fill(NEW_PLACE)
    page.get_by_role("combobox", name="Tila").select_option(label="Esityslista julkaistu")
    _upload_in_chooser(
        page,
        screens,
        "Esityslista",
        agenda_title,
        "Esityslista",
        _pdf(
            agenda_title, [f"Kokous {reference}.", f"1. Avaus. 2. {AGENDA_WORD} suunnittelu. 3. Muut asiat."]
        ),
    )
    _publish(page)

    expect(page.locator(".messages")).to_contain_text(f"'{reference} {NEW_TITLE}'")
    expect(page.locator(".messages")).to_contain_text("julkaistu")
    row = page.get_by_role("row").filter(has=page.get_by_role("link", name=f"{reference} {NEW_TITLE}"))
    expect(row).to_have_count(1)
    expect(row).to_contain_text("Esityslista julkaistu")
    screens.check(page, "meetings list after publishing")

    # The archive: the meeting under its year, with its agenda; its own page links the PDF.
    visitor = public_page
    visitor.goto(base + journey_content.site.archive["fi"].url)
    listed = visitor.get_by_role("row").filter(
        has=visitor.get_by_role("link", name=f"{reference} {NEW_TITLE}")
    )
    expect(listed).to_contain_text("Esityslista julkaistu")
    expect(_document_link(listed, "Esityslista")).to_be_visible()
    listed.get_by_role("link", name=f"{reference} {NEW_TITLE}").click()
    expect(visitor.get_by_role("heading", level=1)).to_have_text(f"{reference} {NEW_TITLE}")
    expect(visitor.get_by_role("main")).to_contain_text(NEW_PLACE)
    agenda_link = _document_link(visitor, "Esityslista")
    pdf = _fetch(visitor, base + agenda_link.get_attribute("href"))
    assert pdf.headers["content-type"] == "application/pdf" and pdf.body().startswith(b"%PDF-")

    # The feeds: the board's calendar and the meeting's own file.
    feed = _fetch(visitor, base + journey_content.site.calendar["fi"].url + "ical/").text()
    unfolded = feed.replace("\r\n ", "")
    assert f"SUMMARY:{reference} {NEW_TITLE}" in unfolded
    assert f"DTSTART;TZID=Europe/Helsinki:{start:%Y%m%dT%H%M%S}" in unfolded
    assert agenda_link.get_attribute("href") in unfolded
    ics_link = visitor.get_by_role("link", name=re.compile("iCalendar"))
    assert f"SUMMARY:{reference} {NEW_TITLE}" in _fetch(visitor, base + ics_link.get_attribute("href")).text()

    # Site search: by the title, and by a word only the agenda PDF contains.
    visitor.goto(f"{base}/fi/haku/?q=talkoohankkeiden")
    expect(visitor.get_by_role("link", name=f"{reference} {NEW_TITLE}")).to_be_visible()
    visitor.goto(f"{base}/fi/haku/?q={AGENDA_WORD.lower()}")
    expect(visitor.get_by_role("link", name=agenda_title)).to_be_visible()

    # The API: in Finnish, and in Swedish as the Finnish original until it is translated.
    item = _api_meeting(visitor, base, "fi", reference)
    assert (item["title"], item["status"], item["place"]) == (NEW_TITLE, "agenda_published", NEW_PLACE)
    assert item["agenda"]["title"] == agenda_title and item["minutes"] is None
    assert item["meta"]["html_url"].endswith(
        f"{journey_content.site.archive['fi'].url}{start.year}/{NEW_NUMBER}/"
    )
    swedish = _api_meeting(visitor, base, "sv", reference)
    assert swedish["fallback"] is True and swedish["title"] == NEW_TITLE

    screens.assert_no_english()


# --- 2. The minutes after the meeting ---------------------------------------------------------


def test_minutes_approved_after_the_meeting_show_in_every_language_and_clear_the_to_do_panel(
    editor_page, public_page, screens, journey_content, live_server
):
    expect = _expect()
    page, base = editor_page, live_server.url
    start = held_meeting_start()
    reference = f"{HELD_MEETING_NUMBER}/{start.year}"
    title = HELD_MEETING["fi"][0]
    minutes_title = f"Pöytäkirja {reference}"

    # The dashboard says what to do; the editor follows its link.
    to_do = page.get_by_role("region", name="Kokoukset: mitä pitää tehdä")
    missing = to_do.get_by_role("listitem").filter(has=page.get_by_role("link", name=f"{reference} {title}"))
    expect(missing).to_contain_text("pöytäkirja puuttuu")
    missing.get_by_role("link", name=f"{reference} {title}").click()
    expect(page.get_by_role("textbox", name="Otsikko")).to_have_value(title)
    screens.check(page, "meeting editor")

    _upload_in_chooser(
        page,
        screens,
        "Pöytäkirja",
        minutes_title,
        "Pöytäkirja",
        _pdf(minutes_title, [f"Kokous {reference}.", "Toimintasuunnitelma ja talousarvio hyväksyttiin."]),
    )
    page.get_by_role("combobox", name="Tila").select_option(label="Pöytäkirja hyväksytty")
    _publish(page)
    expect(page.locator(".messages")).to_contain_text("julkaistu")
    # Listed once, with the status every language version now has.
    row = page.get_by_role("row").filter(has=page.get_by_role("link", name=f"{reference} {title}"))
    expect(row).to_have_count(1)
    expect(row).to_contain_text("Pöytäkirja hyväksytty")
    screens.check(page, "meetings list after publishing")

    # Back on the dashboard, nothing is left to do.
    page.get_by_role("link", name="Kojelauta").click()
    to_do = page.get_by_role("region", name="Kokoukset: mitä pitää tehdä")
    expect(to_do).to_contain_text("Kaikilla menneillä kokouksilla on pöytäkirja.")
    expect(to_do.get_by_role("link", name=reference)).to_have_count(0)
    screens.check(page, "dashboard after the minutes")

    # Every language: the meeting's page, the archive and the API.
    visitor = public_page
    labels = {"fi": "Pöytäkirja", "sv": "Protokoll", "en": "Minutes"}
    for code, archive in journey_content.site.archive.items():
        with translation.override(code):
            approved = str(MeetingStatus.MINUTES_APPROVED.label)
        visitor.goto(f"{base}{archive.url}{start.year}/{HELD_MEETING_NUMBER}/")
        expect(visitor.locator("html")).to_have_attribute("lang", code)
        expect(visitor.get_by_role("heading", level=1)).to_have_text(f"{reference} {HELD_MEETING[code][0]}")
        expect(visitor.get_by_role("main")).to_contain_text(approved)
        minutes_link = _document_link(visitor, labels[code])
        pdf = _fetch(visitor, base + minutes_link.get_attribute("href"))
        assert pdf.body().startswith(b"%PDF-")
        visitor.goto(base + archive.url)
        listed = visitor.get_by_role("row").filter(has_text=reference)
        expect(listed).to_contain_text(approved)
        expect(_document_link(listed, labels[code])).to_be_visible()
        item = _api_meeting(visitor, base, code, reference)
        assert (item["status"], item["status_label"]) == ("minutes_approved", approved)
        assert item["minutes"]["title"] == minutes_title and item["fallback"] is False

    screens.assert_no_english()


# --- 3. A mid-term replacement ----------------------------------------------------------------

DIARY = "HEL 2026-014321"
SECTION = "§ 645"


def _fill_date(page, name: str, day: datetime.date) -> None:
    page.get_by_role("textbox", name=name).fill(day.isoformat())
    _close_date_picker(page)


def _save_with_decision(page, decided: datetime.date) -> None:
    """The City Board's decision (date, diary number, section), then save."""
    _fill_date(page, "Päätöspäivä", decided)
    page.get_by_role("textbox", name="Diaarinumero").fill(DIARY)
    page.get_by_role("textbox", name="Pykälä (§)").fill(SECTION)
    page.get_by_role("button", name="Tallenna", exact=True).click()


def test_mid_term_replacement_keeps_the_deputy_and_lists_the_former_member(
    editor_page, public_page, screens, journey_content, live_server
):
    expect = _expect()
    page, base = editor_page, live_server.url
    today = timezone.localdate()
    last_day = today - datetime.timedelta(days=1)
    decided = today - datetime.timedelta(days=6)
    leaver, deputy, successor = (" ".join(name) for name in (LEAVER, DEPUTY, SUCCESSOR))
    seat = journey_content.seats[("agencies", 1)]
    term = str(journey_content.site.term)

    open_menu(page, BOARD_MENU, "Jäsenyydet")
    expect(page.get_by_role("heading", name="Jäsenyydet", level=1)).to_be_visible()
    screens.check(page, "memberships list")
    page.get_by_role("textbox", name="Hakutermi").fill(LEAVER[1])
    rows = page.locator("tbody").get_by_role("row")
    expect(rows).to_have_count(1)
    # The row names the person, the role, the seat and the term.
    for text in (leaver, "Jäsen", seat.name, term):
        expect(rows).to_contain_text(text)
    screens.check(page, "memberships list, searched")
    rows.get_by_role("link", name=leaver).click()

    expect(page.get_by_role("region", name="Henkilö")).to_contain_text(leaver)
    screens.check(page, "membership editor")
    _fill_date(page, "Päättymispäivä", last_day)
    _save_with_decision(page, decided)
    expect(page.locator(".messages")).to_contain_text(leaver)
    screens.check(page, "memberships list after saving")

    # The successor: a new membership in the same seat, the person chosen with the chooser's search.
    page.get_by_role("link", name="Lisää jäsenyys").click()
    screens.check(page, "new membership")
    page.get_by_role("region", name="Henkilö").get_by_role("button", name="Valitse henkilö").click()
    chooser = page.get_by_role("dialog")
    expect(chooser.get_by_role("heading", name="Valitse henkilö")).to_be_visible()
    chooser.get_by_role("textbox", name="Hakutermi").fill(SUCCESSOR[1])
    expect(chooser.locator("tbody").get_by_role("row")).to_have_count(1)
    screens.check(page, "person chooser, searched")
    chooser.get_by_role("link", name=successor).click()
    expect(chooser).to_be_hidden()
    expect(page.get_by_role("region", name="Henkilö")).to_contain_text(successor)
    page.get_by_role("combobox", name="Toimikausi").select_option(label=term)
    page.get_by_role("combobox", name="Rooli").select_option(label="Jäsen")
    page.get_by_role("combobox", name="Paikka").select_option(label=str(seat))
    page.get_by_role("combobox", name="Edustettu organisaatio").select_option(label="Kaupunginkanslia")
    _fill_date(page, "Alkamispäivä", today)
    _save_with_decision(page, decided)
    expect(page.locator(".messages")).to_contain_text(successor)

    # Both memberships of the seat, as the list shows them.
    page.get_by_role("textbox", name="Hakutermi").fill(seat.name)
    rows = page.locator("tbody").get_by_role("row")
    expect(rows.filter(has_text=leaver)).to_contain_text(_in_finnish(last_day))
    expect(rows.filter(has_text=successor)).to_have_count(1)
    screens.check(page, "memberships list, the seat")

    # The public directory: the successor in the seat, the same personal deputy, the former
    # member with the end date.
    visitor = public_page
    visitor.goto(base + journey_content.site.directory["fi"].url)
    seat_row = visitor.get_by_role("row", name=re.compile(f"^{re.escape(seat.name)}"))
    expect(seat_row.get_by_role("cell").nth(0)).to_contain_text(successor)
    expect(seat_row.get_by_role("cell").nth(1)).to_contain_text(deputy)
    expect(seat_row).not_to_contain_text(leaver)
    former = visitor.get_by_role("region", name="Toimikauden entiset jäsenet")
    former_entry = former.get_by_role("listitem").filter(has_text=leaver)
    expect(former_entry).to_contain_text(f"päättyi {_in_finnish(last_day)}")
    expect(former_entry.locator("time")).to_have_attribute("datetime", last_day.isoformat())

    # The appointing decision as recorded, through the API.
    people = _fetch(visitor, f"{base}/api/v3/people/?limit=100").json()["items"]
    ended = next(p for p in people if (p["first_name"], p["last_name"]) == LEAVER)["memberships"]
    assert [(m["end_date"], m["decision"]) for m in ended] == [(last_day.isoformat(), f"{DIARY} {SECTION}")]
    started = next(p for p in people if (p["first_name"], p["last_name"]) == SUCCESSOR)["memberships"]
    assert [(m["start_date"], m["seat"]["name"], m["is_current"]) for m in started] == [
        (today.isoformat(), seat.name, True)
    ]

    screens.assert_no_english()


# --- 4. The home page, scheduled --------------------------------------------------------------

NEW_LEAD = "Vapaaehtoistoiminta on yhteistä hyvää"
# Issue 13: a scheduled revision goes live within 90 seconds of its time.
ALLOWED_DELAY = datetime.timedelta(seconds=90)
# Time the editor needs between typing the go-live time and confirming the schedule.
EDITING_TIME = datetime.timedelta(seconds=15)


def _go_live_time() -> datetime.datetime:
    """The first whole minute (the admin's schedule has minutes) the editor can still make."""
    now = timezone.localtime()
    return (now + EDITING_TIME).replace(second=0, microsecond=0) + datetime.timedelta(minutes=1)


def test_home_page_scheduled_goes_live_at_its_time_with_nobody_acting(
    editor_page, public_page, screens, journey_content, live_server, tmp_path
):
    from tests.scheduler import running_scheduler, wait_for_log

    expect = _expect()
    page, base = editor_page, live_server.url
    home_url = base + journey_content.site.home["fi"].url
    old_lead = journey_content.site.home["fi"].lead
    visitor = public_page
    log = tmp_path / "scheduler.log"

    # The scheduler runs beside the web server, as `make run` and production run it.
    with running_scheduler(log, interval=2) as scheduler:
        wait_for_log(log, "Scheduler started")

        page.locator("aside").get_by_role("button", name="Sivut", exact=True).click()
        explorer = page.get_by_role("dialog", name="Sivuselain")
        screens.check(page, "page explorer")
        # The Finnish home page (each language's home is listed with its language), and the
        # edit link beside it.
        finnish_home = explorer.get_by_role("link", name=re.compile(r" Suomi$"))
        edit = finnish_home.locator("xpath=following-sibling::a[1]")
        expect(edit).to_have_accessible_name(re.compile("^Muokkaa "))
        edit.click()
        lead = page.get_by_role("textbox", name="Ingressi")
        expect(lead).to_have_value(old_lead)
        screens.check(page, "home page editor")
        lead.fill(NEW_LEAD)

        page.get_by_role("button", name="Näytä tai piilota tila").click()
        status = page.get_by_role("complementary", name="Tila")
        screens.check(page, "status side panel")
        status.get_by_role("button", name="Aseta ajastus").click()
        dialog = page.get_by_role("dialog", name="Aseta julkaisuajastus")
        screens.check(page, "schedule dialog")
        go_live = _go_live_time()
        dialog.get_by_role("textbox", name="Julkaisupäivämäärä ja -aika").fill(
            go_live.strftime("%Y-%m-%d %H:%M")
        )
        _close_date_picker(page, dialog.get_by_role("paragraph"))
        dialog.get_by_role("button", name="Tallenna ajastus").click()
        with translation.override("fi"):
            shown = formats.time_format(go_live, "TIME_FORMAT")  # 9.05, not 09.05
        expect(status).to_contain_text(f"kello {shown}")
        page.get_by_role("button", name="Lisää toimintoja").click()
        page.get_by_role("button", name="Ajasta julkaisu").click()
        expect(page.locator(".messages")).to_contain_text("ajastettu julkaistavaksi")
        screens.check(page, "after scheduling")
        assert timezone.now() < go_live, "the editor took longer than EDITING_TIME"

        # Nobody acts. Until its time the page shows the old text...
        checks_before = 0
        while timezone.now() < go_live - datetime.timedelta(seconds=1):
            visitor.goto(home_url)
            expect(visitor.get_by_role("main")).to_contain_text(old_lead)
            expect(visitor.get_by_role("main")).not_to_contain_text(NEW_LEAD)
            checks_before += 1
            time.sleep(2)
        assert checks_before > 0
        # ...and the new text once the scheduler has published it.
        live_at = None
        while timezone.now() < go_live + ALLOWED_DELAY:
            visitor.goto(home_url)
            if NEW_LEAD in visitor.get_by_role("main").inner_text():
                live_at = timezone.now()
                break
            time.sleep(1)
        assert scheduler.poll() is None, "the scheduler stopped:\n" + log.read_text()
    assert live_at is not None, f"not live {ALLOWED_DELAY} after {go_live:%H:%M}:\n" + log.read_text()
    assert go_live <= live_at <= go_live + ALLOWED_DELAY
    assert "Scheduled publishing: published: home.homepage" in log.read_text()
    expect(visitor.get_by_role("main")).not_to_contain_text(old_lead)

    screens.assert_no_english()
