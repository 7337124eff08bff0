"""Only real, safe PDFs are stored: each bad file is refused by the real admin upload
views (single and multiple) with a clear message, and nothing is stored."""

import pytest
from django import forms
from django.utils import translation
from wagtail.models import UploadedFile

from documents.models import CustomDocument
from documents.validation import MESSAGES
from tests.documents import pdfs
from tests.documents.conftest import stored_names

BAD_FILES = [
    pytest.param("minutes.txt", pdfs.good, "extension", id="not-pdf-extension"),
    pytest.param("minutes.exe", pdfs.good, "extension", id="exe-extension"),
    pytest.param("minutes.pdf", lambda: b"", "empty", id="empty"),
    pytest.param("minutes.pdf", pdfs.html_named_pdf, "not_pdf", id="html-named-pdf"),
    pytest.param("minutes.pdf", pdfs.truncated, "truncated", id="truncated"),
    pytest.param("minutes.pdf", pdfs.damaged, "damaged", id="damaged"),
    pytest.param("minutes.pdf", pdfs.encrypted, "encrypted", id="encrypted"),
    pytest.param("minutes.pdf", pdfs.with_javascript, "active", id="javascript"),
    pytest.param("minutes.pdf", pdfs.with_open_action_javascript, "active", id="open-action"),
    pytest.param("minutes.pdf", pdfs.with_page_additional_action, "active", id="page-aa"),
    pytest.param("minutes.pdf", pdfs.with_launch_annotation, "active", id="launch-annotation"),
    pytest.param("minutes.pdf", pdfs.with_embedded_file, "active", id="embedded-file"),
]


def expected_message(code: str, response_text: str) -> str:
    """The message for `code` as the admin shows it (the active-content one names features)."""
    if code == "empty":
        # Django's file field refuses an empty upload first, with its own translated message.
        return str(forms.FileField.default_error_messages["empty"])
    message = str(MESSAGES[code])
    if code == "active":
        return message.split("(")[0].strip()
    return message


def assert_nothing_stored():
    assert CustomDocument.objects.count() == 0
    assert UploadedFile.objects.count() == 0
    assert stored_names() == []


@pytest.mark.parametrize(("name", "make", "code"), BAD_FILES)
def test_single_upload_refuses_bad_file_and_stores_nothing(upload, name, make, code):
    response = upload(name, make())

    assert response.status_code == 200  # the form again, with the error
    errors = response.context["form"].errors["file"]
    assert errors == [error for error in errors if error]  # no empty messages
    assert any(expected_message(code, "") in error for error in errors), errors
    assert expected_message(code, "") in response.content.decode()
    assert_nothing_stored()


@pytest.mark.parametrize(("name", "make", "code"), BAD_FILES)
def test_multiple_upload_refuses_bad_file_and_stores_nothing(upload_multiple, name, make, code):
    response = upload_multiple(name, make())

    assert response.status_code == 200
    data = response.json()
    assert data["success"] is False
    assert expected_message(code, "") in data["error_message"]
    assert_nothing_stored()


@pytest.mark.parametrize(
    ("make", "feature"),
    [
        (pdfs.with_javascript, "JavaScript"),
        (pdfs.with_open_action_javascript, "OpenAction"),
        (pdfs.with_page_additional_action, "AA"),
        (pdfs.with_launch_annotation, "Launch"),
        (pdfs.with_embedded_file, "EmbeddedFile"),
    ],
)
def test_active_content_message_names_what_was_found(upload, make, feature):
    response = upload("minutes.pdf", make())

    assert feature in response.context["form"].errors["file"][0]


def test_active_content_is_found_in_parsed_objects_not_by_grepping_bytes(upload):
    """The word JavaScript in the visible text is harmless; the upload is accepted."""
    data = pdfs.good(paragraphs=["Ohje: /JavaScript /OpenAction /Launch /EmbeddedFile ovat kiellettyjä."])

    response = upload("ohje.pdf", data)

    assert response.status_code == 302
    assert CustomDocument.objects.count() == 1


def test_file_over_the_size_limit_is_refused(upload, upload_multiple, settings):
    settings.DOCUMENT_MAX_UPLOAD_MB = 1
    data = pdfs.larger_than(1.2)

    single = upload("iso.pdf", data)
    multiple = upload_multiple("iso.pdf", data).json()

    assert "The file is too large" in single.context["form"].errors["file"][0]
    assert "largest allowed size is 1 MB" in multiple["error_message"]
    assert_nothing_stored()


def test_file_just_under_the_size_limit_is_accepted(upload, settings):
    settings.DOCUMENT_MAX_UPLOAD_MB = 2
    response = upload("iso.pdf", pdfs.larger_than(1.2))

    assert response.status_code == 302
    assert CustomDocument.objects.get().file_size > 1024 * 1024


def test_good_pdf_is_stored_through_both_views(upload, upload_multiple):
    assert upload("poytakirja.pdf", pdfs.good()).status_code == 302
    data = upload_multiple("esityslista.pdf", pdfs.good("Esityslista")).json()

    assert data["success"] is True
    assert CustomDocument.objects.count() == 2
    assert len(stored_names()) == 2


def test_replacing_the_file_with_a_bad_one_keeps_the_old_file(admin, upload, root_collection):
    from django.core.files.uploadedfile import SimpleUploadedFile
    from django.urls import reverse

    upload("poytakirja.pdf", pdfs.good())
    document = CustomDocument.objects.get()
    old_name, old_hash = document.file.name, document.file_hash

    response = admin.post(
        reverse("wagtaildocs:edit", args=[document.pk]),
        {
            "title": document.title,
            "collection": root_collection.pk,
            "kind": "minutes",
            "language": "fi",
            "file": SimpleUploadedFile("poytakirja.pdf", pdfs.with_javascript()),
        },
    )

    assert response.status_code == 200
    document.refresh_from_db()
    assert (document.file.name, document.file_hash) == (old_name, old_hash)
    assert stored_names() == [old_name]


@pytest.mark.parametrize("language", ["fi", "sv"])
def test_messages_follow_the_editors_language(upload, superuser, language):
    from wagtail.users.models import UserProfile

    profile = UserProfile.get_for_user(superuser)
    profile.preferred_language = language
    profile.save()

    response = upload("minutes.pdf", pdfs.encrypted())

    with translation.override(language):
        expected = str(MESSAGES["encrypted"])
        assert response.context["form"].errors["file"] == [expected]
    assert expected in response.content.decode()


def chooser_upload(admin, root_collection, name, data):
    from django.core.files.uploadedfile import SimpleUploadedFile
    from django.urls import reverse

    prefix = "document-chooser-upload"
    return admin.post(
        reverse("wagtaildocs_chooser:create"),
        {
            f"{prefix}-title": name,
            f"{prefix}-collection": root_collection.pk,
            f"{prefix}-kind": "agenda",
            f"{prefix}-language": "fi",
            f"{prefix}-file": SimpleUploadedFile(name, data),
        },
    )


def test_chooser_upload_tab_refuses_bad_files_too(admin, root_collection):
    response = chooser_upload(admin, root_collection, "esityslista.pdf", pdfs.with_launch_annotation())

    data = response.json()
    assert data["step"] == "reshow_creation_form"
    assert expected_message("active", "") in data["htmlFragment"]
    assert_nothing_stored()


def test_chooser_upload_tab_stores_a_good_pdf(admin, root_collection):
    response = chooser_upload(admin, root_collection, "esityslista.pdf", pdfs.good("Esityslista"))

    assert response.json()["step"] == "chosen"
    document = CustomDocument.objects.get()
    assert (document.kind, document.page_count) == ("agenda", 1)
