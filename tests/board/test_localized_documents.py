"""Each language links its own version of a meeting's agenda and minutes (board/localization.py):
the Swedish archive, meeting page and calendar feed link the Swedish file where there is one,
the Finnish file otherwise, in one query for the whole list."""

import datetime
from zoneinfo import ZoneInfo

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from board.models import MeetingStatus
from documents.factories import DocumentFactory
from tests.board.test_translations import published_meeting, swedish_pages  # noqa: F401 - fixture

HELSINKI = ZoneInfo("Europe/Helsinki")


@pytest.fixture
def meetings(swedish_pages, translate):  # noqa: F811 - the fixture imported above
    agenda = DocumentFactory(title="Esityslista 1/2025", kind="agenda")
    minutes = DocumentFactory(title="Pöytäkirja 1/2025", kind="minutes")
    swedish_agenda = translate(agenda, "sv", {"Esityslista 1/2025": "Föredragningslista 1/2025"})
    first = published_meeting(
        number=1,
        start=datetime.datetime(2025, 2, 5, 16, tzinfo=HELSINKI),
        status=MeetingStatus.MINUTES_APPROVED,
        agenda=agenda,
        minutes=minutes,
    )
    for n in (2, 3):
        published_meeting(
            number=n,
            start=datetime.datetime(2025, n + 1, 5, 16, tzinfo=HELSINKI),
            agenda=DocumentFactory(title=f"Esityslista {n}/2025", kind="agenda"),
        )
    return {
        "first": first,
        "agenda": agenda,
        "minutes": minutes,
        "sv_agenda": swedish_agenda,
    }


def test_swedish_pages_link_the_swedish_agenda_and_fall_back_to_the_finnish_minutes(client, meetings):
    agenda, minutes, sv_agenda = meetings["agenda"], meetings["minutes"], meetings["sv_agenda"]

    paths = (
        "/sv/protokoll/",
        "/sv/protokoll/2025/1/",
        "/sv/protokoll/2025/1/ical/",
        "/sv/verksamhetskalender/ical/",
    )
    for path in paths:
        body = client.get(path).content.decode().replace("\r\n ", "")  # iCalendar folds long lines
        assert sv_agenda.url in body and agenda.url not in body, path
        assert minutes.url in body, path  # no Swedish version: the Finnish file
    finnish = client.get("/fi/kokousmuistiot/").content.decode()
    assert agenda.url in finnish and sv_agenda.url not in finnish


def test_the_swedish_versions_cost_one_query_for_the_whole_list(client, meetings):
    client.get("/sv/protokoll/")  # warm the per-version caches
    with CaptureQueriesContext(connection) as queries:
        client.get("/sv/protokoll/")
    documents = [q["sql"] for q in queries if "documents_customdocument" in q["sql"]]
    assert len(documents) <= 2, documents  # the meetings' own join, and the versions


def test_a_meeting_without_documents_needs_no_document_query(client, swedish_pages):  # noqa: F811
    published_meeting(number=1, start=datetime.datetime(2025, 2, 5, 16, tzinfo=HELSINKI))
    with CaptureQueriesContext(connection) as queries:
        assert client.get("/sv/protokoll/").status_code == 200
    assert not [q for q in queries if 'FROM "documents_customdocument"' in q["sql"]]
