"""End to end on the filesystem, on S3 (moto_server) and on Azure Blob Storage (Azurite):
upload through the admin, read back through the public URL, delete; refused and
private documents are neither stored nor served."""

import urllib.request
from urllib.error import HTTPError

import pytest
from django.core.files.storage import default_storage
from django.urls import reverse
from wagtail.models import Collection, CollectionViewRestriction

from documents.models import CustomDocument
from tests.documents import pdfs
from tests.documents.conftest import publish_in_meeting

TITLE = "Pöytäkirja 3/2026 - Vapaaehtoistyön neuvottelukunta"


def body(response) -> bytes:
    return b"".join(response.streaming_content)


def test_upload_read_back_and_delete(
    storage_backend, upload, admin, anonymous, django_capture_on_commit_callbacks
):
    data = pdfs.good(TITLE, [f"Päätettiin {pdfs.MINUTES_WORD} asiasta."])

    response = upload("Pöytäkirja äöå 3-2026.pdf", data, title=TITLE)

    assert response.status_code == 302
    document = CustomDocument.objects.get()
    assert storage_backend.objects() == [document.file.name]
    assert document.file.name.endswith(".pdf") and "äöå" in document.file.name
    assert (document.file_size, document.page_count) == (len(data), 1)
    assert pdfs.MINUTES_WORD in document.extracted_text

    assert anonymous.get(document.url).status_code == 404  # referred to by nothing: not public yet
    publish_in_meeting(document)
    served = anonymous.get(document.url)
    assert served.status_code == 200
    assert body(served) == data
    assert served["Content-Type"] == "application/pdf"
    assert served["Content-Length"] == str(len(data))

    with django_capture_on_commit_callbacks(execute=True):
        deleted = admin.post(reverse("wagtaildocs:delete", args=[document.pk]))
    assert deleted.status_code == 302
    assert not CustomDocument.objects.exists()
    assert storage_backend.objects() == []
    assert anonymous.get(document.url).status_code == 404


def test_refused_upload_stores_nothing_on_the_server(storage_backend, upload, upload_multiple):
    assert upload("skripti.pdf", pdfs.with_javascript()).status_code == 200
    assert upload_multiple("skripti.pdf", pdfs.with_embedded_file()).json()["success"] is False

    assert not CustomDocument.objects.exists()
    assert storage_backend.objects() == []


def test_private_collection_is_not_served_to_anonymous(
    storage_backend, upload, admin, anonymous, root_collection
):
    private = root_collection.add_child(name="Luottamukselliset")
    CollectionViewRestriction.objects.create(
        collection=private, restriction_type=CollectionViewRestriction.LOGIN
    )
    upload("salainen.pdf", pdfs.good("Salainen"), collection=private.pk)
    document = CustomDocument.objects.get()
    assert storage_backend.objects() == [document.file.name]

    assert admin.get(document.url).status_code == 200
    assert anonymous.get(document.url).status_code == 404


def test_replacing_the_file_removes_the_old_object(
    storage_backend, upload, admin, root_collection, django_capture_on_commit_callbacks
):
    from django.core.files.uploadedfile import SimpleUploadedFile

    upload("kalenteri.pdf", pdfs.good("Toimintakalenteri"))
    document = CustomDocument.objects.get()
    new_data = pdfs.good("Toimintakalenteri 2027")

    with django_capture_on_commit_callbacks(execute=True):
        response = admin.post(
            reverse("wagtaildocs:edit", args=[document.pk]),
            {
                "title": document.title,
                "collection": root_collection.pk,
                "kind": "calendar",
                "language": "fi",
                "file": SimpleUploadedFile("kalenteri-2027.pdf", new_data),
            },
        )

    assert response.status_code == 302
    document.refresh_from_db()
    assert storage_backend.objects() == [document.file.name]
    assert "2027" in document.extracted_text
    assert body(admin.get(document.url)) == new_data


@pytest.mark.storage
def test_s3_objects_are_private_and_urls_signed(s3_backend, upload):
    storage_backend = s3_backend
    upload("poytakirja.pdf", pdfs.good())
    document = CustomDocument.objects.get()
    client = storage_backend.client

    acl = client.get_object_acl(Bucket=storage_backend.bucket, Key=document.file.name)
    grantees = [grant["Grantee"] for grant in acl["Grants"]]
    assert all(grantee.get("Type") == "CanonicalUser" for grantee in grantees), grantees
    assert not any("AllUsers" in grantee.get("URI", "") for grantee in grantees)
    bucket_acl = client.get_bucket_acl(Bucket=storage_backend.bucket)
    assert not any("AllUsers" in grant["Grantee"].get("URI", "") for grant in bucket_acl["Grants"])

    url = default_storage.url(document.file.name)
    assert "X-Amz-Signature=" in url and "X-Amz-Expires=300" in url
    # The site links its own serve view, never the storage URL.
    assert document.url.startswith("/documents/")


@pytest.mark.storage
def test_azure_blobs_need_a_signature(azure_backend, upload):
    upload("poytakirja.pdf", pdfs.good())
    document = CustomDocument.objects.get()

    signed = default_storage.url(document.file.name)
    assert "sig=" in signed and "se=" in signed
    with urllib.request.urlopen(signed) as response:
        assert response.read() == document.file.open("rb").read()

    unsigned = signed.split("?")[0]
    listing = unsigned.rsplit("/", 2)[0] + "?restype=container&comp=list"
    for url in (unsigned, listing):
        with pytest.raises(HTTPError) as error:
            urllib.request.urlopen(url)
        assert error.value.code in (401, 403, 404)


def test_nested_collections_inherit_the_restriction(storage_backend, upload, anonymous, root_collection):
    private = root_collection.add_child(name="Hallitus")
    CollectionViewRestriction.objects.create(
        collection=private, restriction_type=CollectionViewRestriction.LOGIN
    )
    inner = Collection.objects.get(pk=private.pk).add_child(name="Liitteet")
    upload("liite.pdf", pdfs.good("Liite"), collection=inner.pk)
    document = CustomDocument.objects.get()

    assert anonymous.get(document.url).status_code == 404
