"""The board's admin lists and choosers as an editor of the communications group uses them:
every row opens its item, identifying columns are filled, search finds things, meetings and
events are listed once in the editor's language, and the query count does not grow with rows."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone, translation
from lxml import html as lxml_html

from board import factories as f
from board.management.commands.create_staff_user import create_staff_user
from board.models import MeetingStatus, RoleKind, SeatGroup
from documents.factories import DocumentFactory
from translations.status import MISSING, STATE_LABELS, UP_TO_DATE

LISTS = ["meeting", "event", "membership", "person", "seat", "role", "term"]


def make_editor(username: str, language: str):
    """A member of the communications group, made as the README says."""
    return create_staff_user(
        "communications", username, f"{username}@example.org", "kevät-aurinko-2027", language=language
    )


@pytest.fixture
def editor_client(client, db, home_page):
    client.force_login(make_editor("viestija", "fi"))
    return client


def list_url(name: str) -> str:
    return reverse(f"wagtailsnippets_board_{name}:list")


def rows(client, url: str, **params) -> list:
    response = client.get(url, params)
    assert response.status_code == 200, url
    doc = lxml_html.fromstring(response.content.decode())
    return doc.xpath("//table[contains(@class,'listing')]//tbody/tr")


def text(row) -> str:
    return " ".join(row.text_content().split())


def title(row) -> str:
    links = row.xpath(".//td[not(contains(@class,'bulk-action'))][1]//a")
    return " ".join(links[0].text_content().split()) if links else ""


def first_link(row) -> str:
    """The link of the row's title cell: the first cell that is not the bulk-action checkbox."""
    links = row.xpath(".//td[not(contains(@class,'bulk-action'))][1]//a/@href")
    assert links, text(row)
    return links[0]


@pytest.fixture
def board(locales, roles, seats, terms):
    person = f.PersonFactory(first_name="Lauri", last_name="Lähtijä")
    membership = f.MembershipFactory(
        person=person,
        role=roles[RoleKind.MEMBER],
        seat=seats[SeatGroup.AGENCIES][0],
        term=terms["current"],
    )
    meeting = f.MeetingFactory(number=3, title="Kevätkokous")
    event = f.EventFactory(title="Infotilaisuus")
    document = DocumentFactory(title="Esityslista 3/2025", kind="agenda", read=False)
    return {"membership": membership, "meeting": meeting, "event": event, "document": document}


@pytest.mark.parametrize("name", LISTS)
def test_every_row_opens_its_item(editor_client, board, name):
    listed = rows(editor_client, list_url(name))
    assert listed, name
    for row in listed:
        href = first_link(row)
        assert "/edit/" in href, (name, href)
        assert editor_client.get(href).status_code == 200, href
        # The row's actions menu (edit, delete…) is there too.
        assert row.xpath(".//*[contains(@class,'w-dropdown')]"), name


def test_the_people_list_is_headed_in_finnish(editor_client, board):
    response = editor_client.get(list_url("person"))
    doc = lxml_html.fromstring(response.content.decode())
    headings = [" ".join(th.text_content().split()) for th in doc.xpath("//table//thead//th")]
    assert "Henkilö" in headings and "Full name" not in headings


def test_document_rows_open_the_document(editor_client, board):
    listed = rows(editor_client, reverse("wagtaildocs:index"))
    href = first_link(listed[0])
    assert href.split("?")[0] == reverse("wagtaildocs:edit", args=[board["document"].pk])
    assert editor_client.get(href).status_code == 200


def test_a_membership_row_shows_person_seat_role_and_term(editor_client, board, translate):
    seat = board["membership"].seat
    translate(seat, "sv", {seat.name: "Stadsmiljösektorn"})
    (row,) = rows(editor_client, list_url("membership"))
    assert text(row).startswith("Lauri Lähtijä")
    for value in (seat.name, "Jäsen", str(board["membership"].term)):
        assert value in text(row)
    # A Swedish-speaking editor reads the seat's Swedish name.
    editor_client.force_login(make_editor("redaktor", "sv"))
    (row,) = rows(editor_client, list_url("membership"))
    assert "Stadsmiljösektorn" in text(row) and seat.name not in text(row)


def test_list_search_finds_a_membership_by_the_members_name(editor_client, board, roles, seats, terms):
    f.MembershipFactory(
        person=f.PersonFactory(first_name="Seppo", last_name="Seuraaja"),
        role=roles[RoleKind.MEMBER],
        seat=seats[SeatGroup.AGENCIES][1],
        term=terms["current"],
    )
    for query in ("Lähtijä", "lauri lähtijä", "Lauri Läh"):
        found = rows(editor_client, list_url("membership"), q=query)
        assert [title(r) for r in found] == ["Lauri Lähtijä"], query
    assert rows(editor_client, list_url("membership"), q="Lauri Seuraaja") == []
    assert len(rows(editor_client, list_url("person"), q="Seppo Seuraaja")) == 1


def test_meetings_are_listed_once_in_the_working_language(editor_client, board, translate, client):
    meeting = board["meeting"]
    translate(meeting, "sv", {"Kevätkokous": "Vårmötet"})
    translate(meeting, "en", {"Kevätkokous": "Spring meeting"})
    untranslated = f.MeetingFactory(number=4, title="Syyskokous")

    fi_rows = [text(r) for r in rows(editor_client, list_url("meeting"))]
    assert len(fi_rows) == 2
    assert any("Kevätkokous" in r for r in fi_rows) and any("Syyskokous" in r for r in fi_rows)

    editor_client.force_login(make_editor("redaktor", "sv"))
    listed = rows(editor_client, list_url("meeting"))
    sv_rows = [text(r) for r in listed]
    assert len(sv_rows) == 2
    assert any("Vårmötet" in r for r in sv_rows) and not any("Kevätkokous" in r for r in sv_rows)
    # Not yet in Swedish: listed in Finnish, once.
    assert any("Syyskokous" in r for r in sv_rows)
    swedish = meeting.get_translation(meeting.locale.__class__.objects.get(language_code="sv"))
    hrefs = {first_link(r) for r in listed}
    assert reverse("wagtailsnippets_board_meeting:edit", args=[swedish.pk]) in hrefs
    assert reverse("wagtailsnippets_board_meeting:edit", args=[untranslated.pk]) in hrefs
    # The filter still shows one language's copies on demand.
    assert len(rows(editor_client, list_url("meeting"), locale="fi")) == 2
    assert len(rows(editor_client, list_url("meeting"), locale="en")) == 1


@pytest.mark.parametrize(
    ("name", "query", "expected"),
    [
        ("meeting", "Kevätkokous", "Kevätkokous"),
        ("event", "Infotilaisuus", "Infotilaisuus"),
        ("person", "Lauri", "Lauri Lähtijä"),
        ("seat", "agencies 1", "agencies 1"),
        ("role", "Sihteeri", "Sihteeri"),
        ("term", "2023", "2023–2024"),
    ],
)
def test_every_list_searches(editor_client, board, name, query, expected):
    found = [title(r) for r in rows(editor_client, list_url(name), q=query)]
    assert len(found) == 1 and expected in found[0], found


def test_meeting_search_finds_the_meeting_in_any_language_once(editor_client, board, translate):
    swedish = translate(board["meeting"], "sv", {"Kevätkokous": "Vårmötet"})
    f.MeetingFactory(number=4, title="Syyskokous")
    editor_client.force_login(make_editor("redaktor", "sv"))
    for query in ("Vårmötet", "Kevätkokous"):
        found = rows(editor_client, list_url("meeting"), q=query)
        assert [first_link(r) for r in found] == [
            reverse("wagtailsnippets_board_meeting:edit", args=[swedish.pk])
        ], query


def test_each_row_shows_the_state_of_its_translations(editor_client, board, translate, locales):
    meeting = board["meeting"]
    swedish = translate(
        meeting,
        "sv",
        {"Kevätkokous": "Vårmötet", meeting.place: "Stadshuset", meeting.summary: "Aktuella frågor."},
    )
    (row,) = rows(editor_client, list_url("meeting"))
    cell = row.xpath(".//td")[-1]
    cell_text = text(cell)
    assert "FI" in cell_text and "SV" in cell_text and "EN" in cell_text
    assert reverse("wagtailsnippets_board_meeting:edit", args=[swedish.pk]) in cell.xpath(".//a/@href")
    with translation.override("fi"):
        assert f"SV: {STATE_LABELS[UP_TO_DATE]}" in cell_text
        assert f"EN: {STATE_LABELS[MISSING]}" in cell_text
        assert f"FI: {translation.gettext('original')}" in cell_text


def test_translated_copies_show_the_synchronised_status(editor_client, board, translate):
    meeting = board["meeting"]
    translate(meeting, "sv", {"Kevätkokous": "Vårmötet"})
    # The minutes are approved in Finnish after the translation was made.
    meeting.minutes = DocumentFactory(title="Pöytäkirja", kind="minutes", read=False)
    meeting.status = MeetingStatus.MINUTES_APPROVED
    meeting.save()
    editor_client.force_login(make_editor("redaktor", "sv"))
    (row,) = rows(editor_client, list_url("meeting"))
    with translation.override("sv"):
        approved = str(MeetingStatus.MINUTES_APPROVED.label)
        planned = str(MeetingStatus.PLANNED.label)
    assert "Vårmötet" in text(row) and approved in text(row) and planned not in text(row)
    found = rows(editor_client, list_url("meeting"), status=MeetingStatus.MINUTES_APPROVED)
    assert len(found) == 1


def _chooser_titles(client, namespace: str, **params) -> list[str]:
    response = client.get(reverse(f"{namespace}:choose_results"), params)
    assert response.status_code == 200
    doc = lxml_html.fromstring(response.content.decode())
    return [" ".join(a.text_content().split()) for a in doc.xpath("//a[@data-chooser-modal-choice]")]


def test_choosers_search(editor_client, board):
    f.PersonFactory(first_name="Seppo", last_name="Seuraaja")
    assert _chooser_titles(editor_client, "wagtailsnippetchoosers_board_person", q="Lauri Lähtijä") == [
        "Lauri Lähtijä"
    ]
    memberships = _chooser_titles(editor_client, "wagtailsnippetchoosers_board_membership", q="lähtijä")
    assert len(memberships) == 1 and "Lauri Lähtijä" in memberships[0]
    f.MeetingFactory(number=9, title="Syyskokous")
    meetings = _chooser_titles(editor_client, "wagtailsnippetchoosers_board_meeting", q="Kevätkokous")
    assert len(meetings) == 1 and "Kevätkokous" in meetings[0]
    DocumentFactory(title="Pöytäkirja 3/2025", kind="minutes", read=False)
    documents = _chooser_titles(editor_client, "wagtaildocs_chooser", q="Esityslista")
    assert documents == ["Esityslista 3/2025"]


def _make(name: str, n: int, roles, seats, terms, offset: int):
    if name == "meeting":
        for i in range(n):
            f.MeetingFactory(number=100 + offset + i, title=f"Kokous {offset + i}")
    elif name == "event":
        f.EventFactory.create_batch(n)
    elif name in ("membership", "person"):
        for i in range(n):
            f.MembershipFactory(
                person=f.PersonFactory(),
                role=roles[RoleKind.SECRETARY],
                seat=None,
                term=terms["current"],
                start_date=terms["current"].start_date + datetime.timedelta(days=offset + i),
            )
    elif name == "seat":
        f.SeatFactory.create_batch(n, group=SeatGroup.ORGANISATIONS)
    elif name == "role":
        pass  # six kinds at most
    elif name == "term":
        for i in range(n):
            f.TermFactory(start_date=datetime.date(1900 + offset + i, 1, 1))


@pytest.mark.parametrize("name", LISTS)
def test_list_queries_do_not_grow_with_rows(
    editor_client, board, name, roles, seats, terms, translate, django_assert_max_num_queries
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    translate(board["meeting"], "sv", {"Kevätkokous": "Vårmötet"})
    url = list_url(name)
    _make(name, 5, roles, seats, terms, offset=0)
    editor_client.get(url)  # warm: the first request after a change re-reads the configuration
    with CaptureQueriesContext(connection) as small:
        assert len(rows(editor_client, url)) >= (5 if name != "role" else 6)
        budget = len(small.captured_queries)
    _make(name, 45, roles, seats, terms, offset=5)
    editor_client.get(url)
    with django_assert_max_num_queries(budget):
        listed = rows(editor_client, url)
    assert len(listed) >= (6 if name == "role" else 20)


def test_meetings_are_listed_newest_first(editor_client, board):
    f.MeetingFactory(number=5, title="Myöhempi", start=timezone.now() - datetime.timedelta(days=1))
    titles = [title(r) for r in rows(editor_client, list_url("meeting"))]
    assert "Myöhempi" in titles[0] and "Kevätkokous" in titles[1]
