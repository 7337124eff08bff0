"""Public documents are served inline and safely; documents attached only to unpublished
objects are not served to anonymous visitors, on any storage backend."""

import urllib.parse

import pytest
from wagtail.models import CollectionViewRestriction, ReferenceIndex

from documents.models import CustomDocument
from documents.views import content_disposition
from tests.documents import pdfs
from tests.documents.conftest import publish_in_meeting


@pytest.fixture
def document(upload):
    def _make(name="Pöytäkirja äöå ÄÖÅ.pdf", data=None, *, published=True, **fields):
        """An upload, attached to a live meeting unless `published` is False."""
        response = upload(name, data or pdfs.good(), **fields)
        assert response.status_code == 302
        document = CustomDocument.objects.latest("pk")
        return publish_in_meeting(document) if published else document

    return _make


def test_public_pdf_is_inline_with_safe_headers(document, anonymous, settings):
    settings.DOCUMENT_CACHE_SECONDS = 1234
    doc = document()

    response = anonymous.get(doc.url)

    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["X-Content-Type-Options"] == "nosniff"
    csp = response["Content-Security-Policy"]
    assert "default-src 'none'" in csp and "script-src" not in csp
    disposition = response["Content-Disposition"]
    assert disposition.startswith("inline;")
    assert "filename*=UTF-8''" + urllib.parse.quote(doc.filename, safe="") in disposition
    assert "P%C3%B6yt%C3%A4kirja" in disposition and "%C3%A5" in disposition
    assert "public" in response["Cache-Control"] and "max-age=1234" in response["Cache-Control"]
    assert response["ETag"] == f'"{doc.file_hash}"'
    assert response["Last-Modified"]


def test_content_disposition_has_ascii_fallback_and_utf8_name():
    header = content_disposition('Pöytäkirja "å".pdf')

    assert header == (
        "inline; filename=\"Poytakirja _a_.pdf\"; filename*=UTF-8''P%C3%B6yt%C3%A4kirja%20%22%C3%A5%22.pdf"
    )
    header.encode("latin-1")  # a valid HTTP header value


def test_conditional_get_answers_304(document, anonymous):
    doc = document()

    response = anonymous.get(doc.url, HTTP_IF_NONE_MATCH=f'"{doc.file_hash}"')

    assert response.status_code == 304


def test_wrong_filename_in_url_is_404(document, anonymous):
    doc = document()

    assert anonymous.get(f"/documents/{doc.pk}/toinen.pdf").status_code == 404


def attach_to_home(home_page, doc, *, live: bool):
    home_page.body = [("document", {"document": doc, "text": "Pöytäkirja"})]
    home_page.save()
    if not live:
        home_page.unpublish()
    ReferenceIndex.create_or_update_for_object(home_page)


@pytest.mark.parametrize("live", [True, False])
def test_document_attached_only_to_unpublished_object_is_hidden(
    storage_backend, document, anonymous, admin, home_page, live
):
    doc = document(published=False)
    attach_to_home(home_page, doc, live=live)
    assert ReferenceIndex.get_references_to(doc).exists()

    response = anonymous.get(doc.url)

    assert response.status_code == (200 if live else 404)
    staff = admin.get(doc.url)
    assert staff.status_code == 200
    if not live:
        # Not for shared caches: what an editor sees of a draft must not leak.
        assert "private" in staff["Cache-Control"] and "public" not in staff["Cache-Control"]


def test_document_used_by_a_published_and_an_unpublished_object_is_public(
    document, anonymous, home_page, translated_home
):
    doc = document(published=False)
    attach_to_home(home_page, doc, live=True)
    attach_to_home(translated_home["sv"], doc, live=False)

    assert anonymous.get(doc.url).status_code == 200


def test_a_document_nothing_refers_to_is_404_for_anonymous_and_private_for_staff(document, anonymous, admin):
    """Public only when the live content of a public object refers to it (cms/visibility.py):
    an upload not yet attached anywhere, or attached only in a draft, is not public."""
    doc = document(published=False)

    assert anonymous.get(doc.url).status_code == 404
    staff = admin.get(doc.url)
    assert staff.status_code == 200
    assert "private" in staff["Cache-Control"] and "public" not in staff["Cache-Control"]


def test_group_restricted_collection_is_404_for_anonymous(document, anonymous, root_collection):
    from django.contrib.auth.models import Group

    private = root_collection.add_child(name="Sihteeristö")
    restriction = CollectionViewRestriction.objects.create(
        collection=private, restriction_type=CollectionViewRestriction.GROUPS
    )
    restriction.groups.add(Group.objects.get_or_create(name="Sihteerit")[0])
    doc = document(collection=private.pk)

    assert anonymous.get(doc.url).status_code == 404


def test_unrestricted_document_is_not_cached_privately(document, anonymous):
    doc = document()

    assert "private" not in anonymous.get(doc.url)["Cache-Control"]
