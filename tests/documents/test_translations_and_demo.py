"""Finnish and Swedish versions of a document are linked through wagtail-localize
(same translation_key); each version owns its file. The demo documents load idempotently."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from documents import demo
from documents.factories import DocumentFactory
from documents.models import CustomDocument
from tests.documents import pdfs
from tests.documents.conftest import stored_names


@pytest.fixture
def finnish(locales):
    return DocumentFactory(title="Toimintakalenteri", kind=CustomDocument.Kind.CALENDAR)


def test_title_is_translated_and_versions_are_linked(finnish, translate, locales):
    swedish = translate(finnish, "sv", {"Toimintakalenteri": "Verksamhetskalender"})

    assert swedish.pk != finnish.pk
    assert swedish.title == "Verksamhetskalender"
    assert swedish.locale == locales["sv"]
    assert swedish.translation_key == finnish.translation_key
    assert finnish.get_translation(locales["sv"]) == swedish
    assert (swedish.kind, swedish.document_date) == (finnish.kind, finnish.document_date)
    # Its own copy of the file: replacing or deleting one never touches the other.
    assert swedish.file.name != finnish.file.name
    assert swedish.file.open("rb").read() == finnish.file.open("rb").read()
    assert swedish.extracted_text == finnish.extracted_text


def test_swedish_version_keeps_its_own_pdf_when_the_source_changes(
    finnish, translate, admin, root_collection, locales
):
    swedish = translate(finnish, "sv", {"Toimintakalenteri": "Verksamhetskalender"})
    swedish_pdf = pdfs.good("Verksamhetskalender", ["Kommissionens möten och seminarier."], language="sv")
    response = admin.post(
        reverse("wagtaildocs:edit", args=[swedish.pk]),
        {
            "title": swedish.title,
            "collection": root_collection.pk,
            "kind": "calendar",
            "language": "sv",
            "file": SimpleUploadedFile("verksamhetskalender.pdf", swedish_pdf),
        },
    )
    assert response.status_code == 302
    finnish_file = finnish.file.name

    finnish.title = "Toimintakalenteri 2027"
    finnish.kind = CustomDocument.Kind.OTHER
    finnish.save()
    swedish = translate(finnish, "sv", {"Toimintakalenteri 2027": "Verksamhetskalender 2027"})

    assert swedish.title == "Verksamhetskalender 2027"
    assert swedish.kind == CustomDocument.Kind.OTHER  # synchronised
    assert swedish.language == "sv" and "seminarier" in swedish.extracted_text
    assert swedish.file.open("rb").read() == swedish_pdf
    assert finnish_file in stored_names() and swedish.file.name in stored_names()


def test_deleting_the_swedish_version_keeps_the_finnish_file(
    finnish, translate, admin, django_capture_on_commit_callbacks
):
    swedish = translate(finnish, "sv", {"Toimintakalenteri": "Verksamhetskalender"})

    with django_capture_on_commit_callbacks(execute=True):
        admin.post(reverse("wagtaildocs:delete", args=[swedish.pk]))

    assert not CustomDocument.objects.filter(pk=swedish.pk).exists()
    assert stored_names() == [finnish.file.name]
    assert finnish.file.open("rb").read().startswith(b"%PDF-")


def test_swedish_version_opens_in_the_admin(finnish, translate, admin):
    swedish = translate(finnish, "sv", {"Toimintakalenteri": "Verksamhetskalender"})

    response = admin.get(reverse("wagtaildocs:edit", args=[swedish.pk]))

    assert response.status_code == 200
    assert "Verksamhetskalender" in response.content.decode()


def test_demo_documents_are_real_pdfs_and_load_idempotently(locales, django_capture_on_commit_callbacks):
    def run() -> dict:
        ctx: dict = {}
        with django_capture_on_commit_callbacks(execute=True):
            demo.load(ctx)
            demo.translate(ctx)
        return ctx

    ctx = run()
    state = sorted(CustomDocument.objects.values_list("pk", "title", "file", "file_hash"))
    files = stored_names()
    again = run()

    assert sorted(CustomDocument.objects.values_list("pk", "title", "file", "file_hash")) == state
    assert stored_names() == files
    assert again["documents"] == ctx["documents"]
    programme, calendar = ctx["documents"]["programme"], ctx["documents"]["calendar"]
    assert programme.title == demo.PROGRAMME_TITLE and programme.kind == "programme"
    assert calendar.title == "Toimintakalenteri" and calendar.kind == "calendar"
    for document in (programme, calendar):
        data = document.file.open("rb").read()
        assert data.startswith(b"%PDF-")
        assert (document.file_size, len(document.file_hash)) == (len(data), 40)
        assert document.page_count >= 1 and document.has_title and document.has_language
    assert "toimenpideohjelma" in programme.extracted_text
    assert calendar.get_translation(locales["sv"]).title == "Verksamhetskalender"
    assert programme.get_translation(locales["en"]).title.startswith("Proposal for the City of Helsinki")
    assert CustomDocument.objects.count() == 6


def test_get_or_create_pdf_serves_other_apps_demos(locales):
    import datetime

    minutes = demo.get_or_create_pdf(
        "Kokousmuistio 1/2026", ["Läsnä: puheenjohtaja."], "minutes", "fi", datetime.date(2026, 2, 3)
    )

    assert demo.get_or_create_pdf("Kokousmuistio 1/2026", [], "minutes") == minutes
    assert (minutes.kind, minutes.document_date.year) == ("minutes", 2026)
    assert "puheenjohtaja" in minutes.extracted_text
