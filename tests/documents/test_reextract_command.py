"""`manage.py reextract_text` reads stored PDFs again, on every storage backend."""

import io

import pytest
from django.core.management import call_command
from wagtail.search import index

from documents.factories import DocumentFactory
from documents.models import CustomDocument
from tests.documents import pdfs


def run(*args) -> tuple[str, str]:
    out, err = io.StringIO(), io.StringIO()
    call_command("reextract_text", *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def test_reextracts_text_and_flags_of_existing_documents(db, storage_backend):
    document = DocumentFactory(title="Pöytäkirja 1/2026", paragraphs=[f"Sana {pdfs.MINUTES_WORD}."])
    # As left by an older version of the site: nothing read from the file.
    CustomDocument.objects.filter(pk=document.pk).update(
        extracted_text="", page_count=None, has_title=False, has_language=False
    )
    index.insert_or_update_object(CustomDocument.objects.get(pk=document.pk))
    assert not CustomDocument.objects.search(pdfs.MINUTES_WORD)

    out, err = run()

    document.refresh_from_db()
    assert pdfs.MINUTES_WORD in document.extracted_text
    assert (document.page_count, document.has_title, document.has_language) == (1, True, True)
    assert list(CustomDocument.objects.search(pdfs.MINUTES_WORD)) == [document]
    assert "Analysed 1 documents" in out and err == ""


def test_only_given_ids_are_read(db):
    first, second = DocumentFactory.create_batch(2)
    CustomDocument.objects.update(extracted_text="")

    run(str(second.pk))

    first.refresh_from_db()
    second.refresh_from_db()
    assert first.extracted_text == "" and second.extracted_text != ""


def test_only_failed_skips_documents_that_were_read(db):
    good = DocumentFactory()
    failed = DocumentFactory()
    CustomDocument.objects.filter(pk=good.pk).update(extracted_text="")
    CustomDocument.objects.filter(pk=failed.pk).update(extracted_text="", extraction_error="PdfReadError: x")

    out, _ = run("--only-failed")

    good.refresh_from_db()
    failed.refresh_from_db()
    assert good.extracted_text == "" and failed.extracted_text != "" and failed.extraction_error == ""
    assert "Analysed 1 documents" in out


def test_missing_file_is_reported_and_fails_the_run(db):
    document = DocumentFactory()
    document.file.storage.delete(document.file.name)

    with pytest.raises(SystemExit) as exit_info:
        run()

    assert exit_info.value.code == 1
    document.refresh_from_db()
    assert document.extracted_text  # left as it was


def test_extraction_problems_are_listed(db):
    document = DocumentFactory()
    from django.core.files.base import ContentFile

    document.file.storage.delete(document.file.name)
    document.file.storage.save(document.file.name, ContentFile(pdfs.image_only()))

    _, err = run()

    assert f"{document.pk} {document.file.name}: no-text" in err
