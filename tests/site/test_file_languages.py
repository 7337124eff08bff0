"""Every link to a file says the file's language when it is not the page's, and links the
file in the page's language where there is one (documents/languages.py), on the demo
content as `make run` shows it: the HTML pages, the calendar feeds and the API agree."""

import re
from urllib.parse import urlsplit

import pytest
from lxml import html as lxml_html

from board.models import Meeting
from documents.models import CustomDocument

# The note as a visitor reads it, in the page's language, for a file in another language.
NOTES = {
    "fi": {"sv": "ruotsiksi", "en": "englanniksi"},
    "sv": {"fi": "på finska", "en": "på engelska"},
    "en": {"fi": "in Finnish", "sv": "in Swedish"},
}
HOMES = {"fi": "/fi/", "sv": "/sv/", "en": "/en/"}
ARCHIVES = {"fi": "/fi/kokousmuistiot/", "sv": "/sv/protokoll/", "en": "/en/minutes/"}
CALENDARS = {"fi": "/fi/toimintakalenteri/", "sv": "/sv/verksamhetskalender/", "en": "/en/calendar/"}
DIRECTORIES = {"fi": "/fi/jasenet/", "sv": "/sv/medlemmar/", "en": "/en/members/"}
DOCUMENT_URL = re.compile(r"/documents/(\d+)/")


def _pages(code: str) -> list[str]:
    archive = ARCHIVES[code]
    return [
        HOMES[code],  # the action programme's document link block
        archive,
        f"{archive}2024/",
        f"{archive}2024/1/",  # Swedish agenda and minutes
        f"{archive}2024/4/",  # Finnish only, with an attachment
        f"{archive}2025/1/",
        CALENDARS[code],
        DIRECTORIES[code],
    ]


def _get(client, path: str):
    response = client.get(path)
    assert response.status_code == 200, path
    return lxml_html.fromstring(response.content.decode())


def file_links(client, path: str) -> list[tuple]:
    """(link element, its document) for every link to a file on the page."""
    page = _get(client, path)
    links = []
    for a in page.xpath("//a[@href]"):
        match = DOCUMENT_URL.search(urlsplit(a.get("href")).path)
        if match:
            links.append((a, CustomDocument.objects.get(pk=match.group(1))))
    return links


def text(element) -> str:
    return " ".join(element.text_content().split())


@pytest.mark.parametrize("code", ["sv", "en", "fi"])
def test_every_file_link_is_in_the_pages_language_or_says_its_language(client, demo, code):
    checked = 0
    for path in _pages(code):
        for a, document in file_links(client, path):
            checked += 1
            assert a.get("hreflang") == document.language, (path, a.get("href"))
            label = text(a)
            if document.language == code:
                assert not any(note in label for note in NOTES[code].values()), (path, label)
                continue
            note = NOTES[code][document.language]
            # Inside the link text (its accessible name), once, and nowhere else to be read again.
            assert label.count(note) == 1, (path, label)
            assert (
                a.get("title") is None and a.get("aria-describedby") is None and a.get("aria-label") is None
            )
            # The file in the page's language is linked where one exists.
            assert not CustomDocument.objects.filter(
                translation_key=document.translation_key, language=code
            ).exists(), (path, label)
    assert checked >= 10, checked


def test_swedish_pages_link_the_swedish_files_and_say_finnish_ones(client, demo):
    meeting = _get(client, "/sv/protokoll/2024/1/")
    links = {text(a): a for a in meeting.xpath("//main//ul[@class='meeting__documents']//a")}
    assert [a.get("hreflang") for a in links.values()] == ["sv", "sv"], list(links)
    assert all("finska" not in label for label in links)

    finnish_only = _get(client, "/sv/protokoll/2024/4/")
    labels = [text(a) for a in finnish_only.xpath("//main//ul[@class='meeting__documents']//a")]
    assert len(labels) == 3 and all("på finska" in label for label in labels), labels
    assert labels[0].startswith("Föredragningslista (PDF") and labels[1].startswith("Protokoll (PDF")

    # The action programme: a Swedish title, a Finnish file.
    (programme,) = [(a, d) for a, d in file_links(client, "/sv/") if d.kind == CustomDocument.Kind.PROGRAMME]
    assert programme[1].locale.language_code == "sv" and programme[1].language == "fi"
    assert "på finska" in text(programme[0]) and programme[0].get("hreflang") == "fi"

    # The seminar in the calendar and the calendar PDF link the Swedish file.
    calendar = file_links(client, "/sv/verksamhetskalender/")
    assert calendar and {d.kind for _a, d in calendar} == {"calendar"}
    assert {(d.language, d.title) for _a, d in calendar} == {("sv", "Verksamhetskalender")}


def test_finnish_pages_link_finnish_files_without_a_note(client, demo):
    for a, document in file_links(client, "/fi/kokousmuistiot/2024/1/"):
        assert document.language == "fi" and a.get("hreflang") == "fi"
        assert "(PDF" in text(a) and "ruotsiksi" not in text(a)


def _feed_files(client, path: str) -> dict[int, str]:
    body = client.get(path).content.decode().replace("\r\n ", "")  # iCalendar folds long lines
    body = body.replace("\\n", "\n").replace("\\,", ",")
    found = {}
    for line in body.splitlines():
        match = DOCUMENT_URL.search(line)
        if match:
            found[int(match.group(1))] = line
    return found


def test_calendar_feeds_link_the_same_files_and_say_their_language(client, demo):
    archive = file_links(client, "/sv/protokoll/")
    feed = _feed_files(client, "/sv/verksamhetskalender/ical/")
    shown = {d.pk: d for _a, d in archive}
    assert shown and set(shown) <= set(feed)
    for pk, document in shown.items():
        line = feed[pk]
        assert ("på finska" in line) == (document.language == "fi"), line
    meeting_feed = _feed_files(client, "/sv/protokoll/2024/1/ical/")
    assert {CustomDocument.objects.get(pk=pk).language for pk in meeting_feed} == {"sv"}


def _path(url: str) -> str:
    return urlsplit(url).path


@pytest.mark.parametrize("code", ["sv", "en"])
def test_the_api_links_the_files_the_pages_link_and_says_their_language(client, demo, code):
    meetings = client.get("/api/v3/meetings/", {"locale": code, "limit": 100}).json()["items"]
    assert len(meetings) == Meeting.objects.filter(locale__language_code="fi", live=True).count()
    compared = 0
    for item in meetings:
        api_files = {
            _path(doc["url"]): doc["language"]
            for doc in [item["agenda"], item["minutes"], *[a.get("document") for a in item["attachments"]]]
            if doc
        }
        page_files = {
            _path(a.get("href")): a.get("hreflang")
            for a, _d in file_links(client, _path(item["meta"]["html_url"]))
        }
        assert api_files == page_files, item["reference"]
        compared += len(api_files)
    assert compared >= 10

    first = next(m for m in meetings if m["reference"] == "1/2024")
    if code == "sv":
        assert first["agenda"]["language"] == first["minutes"]["language"] == "sv"
        assert first["agenda"]["title"] == "Föredragningslista 1/2024"
    else:
        assert first["agenda"]["language"] == "fi"

    events = client.get("/api/v3/events/", {"locale": code, "limit": 100}).json()["items"]
    api_event_files = {
        _path(e["document"]["url"]): e["document"]["language"] for e in events if e["document"]
    }
    page_files = {_path(a.get("href")): a.get("hreflang") for a, _d in file_links(client, CALENDARS[code])}
    assert api_event_files and api_event_files.items() <= page_files.items()


# Organisations and roles ---------------------------------------------------------------------

ORGANISATION_NAMES = {
    "fi": ("Kaupunginkanslia", "Kaupunginvaltuusto", "Puheenjohtaja", "Sihteeri"),
    "sv": ("Stadskansliet", "Stadsfullmäktige", "Ordförande", "Sekreterare"),
    "en": ("City Executive Office", "City Council", "Chair", "Secretary"),
}


@pytest.mark.parametrize("code", ["sv", "en"])
def test_the_member_directory_shows_organisations_and_roles_in_the_visitors_language(client, demo, code):
    page = _get(client, DIRECTORIES[code])
    organisations = [text(o) for o in page.xpath("//main//*[@class='person__organisation']")]
    assert len(organisations) >= 40
    roles = {text(r) for r in page.xpath("//main//*[@class='leaders__role' or @class='officers__role']")}
    agency, council, chair, secretary = ORGANISATION_NAMES[code]
    assert f", {agency}" in organisations and f", {council}" in organisations
    assert {chair, secretary} <= roles
    finnish_agency, finnish_council, finnish_chair, _ = ORGANISATION_NAMES["fi"]
    body = text(page.xpath("//main")[0])
    assert finnish_agency not in body and finnish_council not in body and finnish_chair not in body
    # A name left in Finnish (an association without an English name) says its language.
    kept = {text(e): e.get("lang") for e in page.xpath("//main//*[@class='person__organisation']/span")}
    if code == "sv":
        assert "Parktalko rf" in kept and not any(kept.values())
    else:
        assert kept["Puistotalkoot ry"] == "fi" and kept[agency] is None


def test_the_api_gives_organisations_in_the_requested_language(client, demo):
    seats = client.get("/api/v3/seats/", {"locale": "sv"}).json()
    holders = [s[slot] for s in seats["items"] for slot in ("member", "deputy") if s.get(slot)]
    names = {h["organisation"] for h in holders}
    assert {"Stadskansliet", "Stadsfullmäktige", "Parktalko rf"} <= names
    assert "Kaupunginkanslia" not in names and "Kaupunginvaltuusto" not in names
    people = client.get("/api/v3/people/", {"locale": "sv", "limit": 100}).json()["items"]
    shown = {m["organisation"] for p in people for m in p["memberships"]}
    assert "Stadskansliet" in shown and "Kaupunginkanslia" not in shown
