"""The benchmark's data set (bench/dataset.py), built small with real PDFs: its documents
come from documents.factories.DocumentFactory and stay what the benchmark measures (one
real PDF a document, its text given, the Swedish minutes a version of the Finnish ones)."""

from __future__ import annotations

import hashlib

import pytest
from django.utils import timezone

from bench import dataset

pytestmark = pytest.mark.django_db


def test_a_small_data_set_has_real_pdfs_for_every_meeting(
    settings, tmp_path, django_capture_on_commit_callbacks
):
    from board.models import Meeting, Membership
    from documents.models import CustomDocument

    settings.MEDIA_ROOT = str(tmp_path)
    with django_capture_on_commit_callbacks(execute=True):
        summary = dataset.build(years=2, meetings_per_year=8, real_pdfs=True, events=2)

    # An agenda, minutes and Swedish minutes a meeting, and an attachment to the 8th.
    assert summary["meetings"] == 16
    assert summary["pdfs"] == 16 * 3 + 2 == CustomDocument.objects.count()
    assert Meeting.objects.filter(locale__language_code="fi").count() == 16
    assert Meeting.objects.filter(locale__language_code="sv").count() == 16
    assert summary["memberships"] == Membership.objects.count() == 24  # one term, 12 seats, deputies

    year = timezone.now().year - 1
    minutes = CustomDocument.objects.get(title=f"Pöytäkirja 8/{year}")
    content = minutes.file.read()
    assert content.startswith(b"%PDF-")
    assert minutes.file.name.startswith(f"documents/minutes-{minutes.document_date:%Y-%m-%d}-fi")
    assert (minutes.file_size, minutes.file_hash) == (
        len(content),
        hashlib.sha1(content, usedforsecurity=False).hexdigest(),
    )
    assert (
        minutes.extracted_text
        == f"Pöytäkirja 8/{year}\nPäätettiin: kaupunginhallitukselle annettava lausunto."
    )
    assert (minutes.page_count, minutes.text_status) == (1, CustomDocument.TextStatus.DONE)
    swedish = CustomDocument.objects.get(title=f"Protokoll 8/{year}")
    assert (swedish.translation_key, swedish.language, swedish.locale.language_code) == (
        minutes.translation_key,
        "sv",
        "sv",
    )
    meeting = Meeting.objects.get(locale__language_code="fi", title=f"Neuvottelukunnan kokous 8/{year}")
    assert (meeting.minutes, meeting.attachments[0].value["document"].title) == (minutes, f"Liite 8/{year}")
