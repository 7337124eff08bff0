"""A language version of a Finnish document added from its edit page (documents/admin_views.py
AddVersionView): linked through wagtail-localize, with its own title and file; a bad file is
refused with a message and nothing is stored. The browser journey is
tests/journeys/test_document_and_person_journeys.py."""

import pytest
from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from wagtail_localize.models import StringTranslation

from documents.factories import DocumentFactory
from documents.models import CustomDocument
from tests.documents import pdfs
from tests.documents.conftest import stored_names


@pytest.fixture
def finnish(locales):
    return DocumentFactory(title="Toimintakalenteri", kind=CustomDocument.Kind.CALENDAR)


def add_url(document, code="sv"):
    return reverse("documents_add_version", args=[document.pk, code])


def post_version(client, document, data: bytes, title="Verksamhetskalender", name="kalender.pdf"):
    return client.post(
        add_url(document), {"title": title, "file": SimpleUploadedFile(name, data, "application/pdf")}
    )


def test_the_edit_page_offers_the_missing_versions(admin, finnish):
    response = admin.get(reverse("wagtaildocs:edit", args=[finnish.pk]))

    html = response.content.decode()
    assert add_url(finnish, "sv") in html and add_url(finnish, "en") in html
    assert add_url(finnish, "fi") not in html


def test_a_swedish_version_is_linked_and_owns_its_file(admin, finnish, translate):
    swedish_pdf = pdfs.good("Verksamhetskalender", ["Kommissionens möten."], language="sv")

    response = post_version(admin, finnish, swedish_pdf)

    assert response.status_code == 302
    assert response.url == reverse("wagtaildocs:edit", args=[finnish.pk])
    swedish = CustomDocument.objects.get(locale__language_code="sv")
    assert swedish.translation_key == finnish.translation_key
    assert (swedish.title, swedish.language) == ("Verksamhetskalender", "sv")
    assert swedish.file.open("rb").read() == swedish_pdf
    assert "möten" in swedish.extracted_text
    # Only the two files: the copy of the Finnish file wagtail-localize made is gone.
    assert sorted(stored_names()) == sorted([finnish.file.name, swedish.file.name])
    # The title is wagtail-localize's translation: syncing the original keeps it.
    assert StringTranslation.objects.get(locale__language_code="sv").data == "Verksamhetskalender"
    finnish.kind = CustomDocument.Kind.OTHER
    finnish.save()
    swedish = translate(finnish, "sv", {})
    assert (swedish.title, swedish.kind) == ("Verksamhetskalender", CustomDocument.Kind.OTHER)
    assert swedish.file.open("rb").read() == swedish_pdf
    # Once it exists, the edit page links it instead of offering it again.
    response = admin.get(add_url(finnish))
    assert response.url == reverse("wagtaildocs:edit", args=[swedish.pk])


@pytest.mark.parametrize("data", [pdfs.with_javascript(), b"not a pdf at all"])
def test_a_bad_file_is_refused_and_nothing_is_stored(admin, finnish, data):
    response = post_version(admin, finnish, data)

    assert response.status_code == 200
    assert response.context["form"].errors["file"]
    assert not CustomDocument.objects.filter(locale__language_code="sv").exists()
    assert stored_names() == [finnish.file.name]


def test_without_change_permission_nothing_is_added(client, finnish):
    from django.contrib.auth.models import Permission

    user = get_user_model().objects.create_user("katsoja", password="x")
    user.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client.force_login(user)

    response = post_version(client, finnish, pdfs.good())

    assert response.status_code in (302, 403)
    assert not CustomDocument.objects.filter(locale__language_code="sv").exists()
