"""Text extraction at upload (stored and searchable), extraction failures that do not
block, and accessibility hints: warnings to the editor and the admin report."""

import logging

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse

from documents.factories import DocumentFactory
from documents.models import CustomDocument
from documents.pdfcheck import analyse_pdf
from tests.documents import pdfs


def messages_of(response) -> list[str]:
    return [str(m) for m in get_messages(response.wsgi_request)]


def test_text_is_extracted_at_upload_and_found_by_search(upload):
    upload("poytakirja.pdf", pdfs.good("Pöytäkirja 3/2026", [f"Päätettiin {pdfs.MINUTES_WORD} asiasta."]))
    upload("esityslista.pdf", pdfs.good("Esityslista 3/2026", ["Ei mitään erityistä."]))
    document = CustomDocument.objects.get(title="poytakirja.pdf")

    assert pdfs.MINUTES_WORD in document.extracted_text
    assert document.page_count == 1
    found = list(CustomDocument.objects.search(pdfs.MINUTES_WORD))
    assert found == [document]


def test_admin_listing_search_finds_words_inside_the_pdf(upload, admin):
    upload("poytakirja.pdf", pdfs.good("Pöytäkirja", [f"Sana {pdfs.MINUTES_WORD} vain täällä."]))
    upload("muu.pdf", pdfs.good("Muu"))

    response = admin.get(reverse("wagtaildocs:index"), {"q": pdfs.MINUTES_WORD})

    assert [d.title for d in response.context["object_list"]] == ["poytakirja.pdf"]


def test_pdf_without_text_is_stored_with_a_visible_extraction_warning(upload, admin, caplog):
    with caplog.at_level(logging.WARNING, logger="documents.pdfcheck"):
        response = upload("skannattu.pdf", pdfs.image_only())

    assert response.status_code == 302
    document = CustomDocument.objects.get()
    assert document.extracted_text == ""
    assert "No text could be extracted" in caplog.text
    warnings = messages_of(response)
    assert any("could not be read for search" in m and "scanned image" in m for m in warnings), warnings
    # Shown again whenever the document is opened in the admin.
    edit = admin.get(reverse("wagtaildocs:edit", args=[document.pk]))
    assert "scanned image" in edit.content.decode()


def test_analysis_never_raises_and_logs_what_failed(caplog):
    with caplog.at_level(logging.WARNING, logger="documents.pdfcheck"):
        result = analyse_pdf(pdfs.damaged())

    assert result.error and result.text == "" and result.page_count is None
    assert "could not be read for analysis" in caplog.text


def test_accessible_pdf_has_no_warnings(upload):
    response = upload("saavutettava.pdf", pdfs.tagged())

    document = CustomDocument.objects.get()
    assert (document.is_tagged, document.has_title, document.has_language) == (True, True, True)
    assert document.accessibility_problems == []
    assert not [m for m in messages_of(response) if "Accessibility" in m]


def test_missing_accessibility_features_warn_but_do_not_block(upload):
    response = upload("nimeton.pdf", pdfs.untitled())

    assert response.status_code == 302
    document = CustomDocument.objects.get()
    assert (document.is_tagged, document.has_title, document.has_language) == (False, False, False)
    warning = next(m for m in messages_of(response) if "Accessibility" in m)
    assert "not tagged" in warning and "no document title" in warning and "no language set" in warning


def test_title_and_language_without_tags_warns_only_about_tags(upload):
    response = upload("otsikollinen.pdf", pdfs.good(set_metadata=True))

    warning = next(m for m in messages_of(response) if "Accessibility" in m)
    assert "not tagged" in warning
    assert "title" not in warning.split("is", 1)[1] and "language set" not in warning


def test_multiple_upload_shows_accessibility_warning_in_its_form(upload_multiple):
    data = upload_multiple("nimeton.pdf", pdfs.untitled()).json()

    assert data["success"] is True
    assert "not tagged" in data["form"] and "no document title" in data["form"]


def test_report_lists_inaccessible_pdfs_only(admin, upload):
    upload("saavutettava.pdf", pdfs.tagged(), title="Saavutettava")
    upload("nimeton.pdf", pdfs.untitled(), title="Nimetön")
    admin.get(reverse("wagtailadmin_home"))  # shows (and so clears) the upload messages

    response = admin.get(reverse("documents_accessibility_report"))

    assert response.status_code == 200
    assert [d.title for d in response.context["object_list"]] == ["Nimetön"]
    html = response.content.decode()
    accessible, inaccessible = CustomDocument.objects.order_by("pk")
    assert reverse("wagtaildocs:edit", args=[inaccessible.pk]) in html
    assert reverse("wagtaildocs:edit", args=[accessible.pk]) not in html


def test_report_query_count_does_not_grow_with_documents(admin, django_assert_max_num_queries):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def count() -> int:
        with CaptureQueriesContext(connection) as queries:
            assert admin.get(reverse("documents_accessibility_report")).status_code == 200
        return len(queries)

    DocumentFactory.create_batch(2)
    small = count()
    DocumentFactory.create_batch(20)
    with django_assert_max_num_queries(small):
        assert admin.get(reverse("documents_accessibility_report")).status_code == 200
    assert count() == small


def test_report_exports_csv(admin, upload):
    upload("nimeton.pdf", pdfs.untitled(), title="Nimetön")

    response = admin.get(reverse("documents_accessibility_report"), {"export": "csv"})

    assert response.status_code == 200
    content = (
        b"".join(response.streaming_content).decode() if response.streaming else response.content.decode()
    )
    assert "Nimetön" in content and "nimeton" in content


def test_report_is_in_the_reports_menu(admin):
    home = admin.get(reverse("wagtailadmin_home"))

    assert reverse("documents_accessibility_report") in home.content.decode()


def test_report_is_refused_to_users_without_document_permissions(client, db):
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Permission

    user = get_user_model().objects.create_user("toimittaja", password="salasana-123")
    user.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client.force_login(user)

    assert client.get(reverse("documents_accessibility_report")).status_code in (302, 403)


@pytest.mark.parametrize("field", ["extracted_text", "page_count", "is_tagged"])
def test_analysis_fields_are_not_editable_in_the_admin_form(admin, upload, field):
    upload("poytakirja.pdf", pdfs.good())
    document = CustomDocument.objects.get()

    form = admin.get(reverse("wagtaildocs:edit", args=[document.pk])).context["form"]

    assert field not in form.fields
