"""Documents attached to the board's meetings (a DraftStateMixin snippet) are public only
once a meeting that uses them is published; the minutes' text finds the document."""

import pytest

from board.factories import MeetingFactory
from documents.factories import DocumentFactory
from documents.models import CustomDocument
from tests.documents import pdfs


@pytest.fixture
def minutes(locales):
    return DocumentFactory(
        title="Pöytäkirja 2/2026", paragraphs=[f"Neuvottelukunta päätti {pdfs.MINUTES_WORD} asiasta."]
    )


def test_minutes_of_an_unpublished_meeting_are_hidden_until_it_is_published(
    storage_backend, minutes, anonymous, admin, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        meeting = MeetingFactory(live=False, minutes=minutes)

    assert anonymous.get(minutes.url).status_code == 404
    assert admin.get(minutes.url).status_code == 200

    with django_capture_on_commit_callbacks(execute=True):
        meeting.save_revision().publish()

    assert anonymous.get(minutes.url).status_code == 200


def test_agenda_shared_by_a_published_meeting_stays_public(
    minutes, anonymous, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        MeetingFactory(live=False, agenda=minutes)
        MeetingFactory(live=True, agenda=minutes)

    assert anonymous.get(minutes.url).status_code == 200


def test_word_only_in_the_minutes_pdf_finds_the_document(minutes, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        MeetingFactory(live=True, minutes=minutes)

    assert list(CustomDocument.objects.search(pdfs.MINUTES_WORD)) == [minutes]
    assert pdfs.MINUTES_WORD not in minutes.title
