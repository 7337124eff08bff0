"""Fixtures for the document library: an admin user, upload helpers and a clean storage."""

from pathlib import Path
from types import SimpleNamespace

import pytest
from django.contrib.auth import get_user_model
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import translation
from wagtail.models import Collection
from wagtail.users.models import UserProfile

from tests.documents import storage_servers as servers
from tests.documents.storage_servers import azurite, moto_s3  # noqa: F401 - fixtures


def stored_names(storage=None, path: str = "") -> list[str]:
    """Every file name in the storage, through the storage API (any backend)."""
    storage = storage or default_storage
    try:
        dirs, files = storage.listdir(path)
    except FileNotFoundError:
        return []
    names = [f"{path}{name}" for name in files]
    for directory in dirs:
        names += stored_names(storage, f"{path}{directory}/")
    return names


@pytest.fixture(autouse=True)
def _english(client):
    """Lazy messages are read in the test, so the test reads them in the admin user's language.
    (A request leaves its language active: the client asks for English too.)"""
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"
    with translation.override("en"):
        yield


@pytest.fixture(autouse=True)
def _media_root(settings, tmp_path):
    """Each test gets an empty filesystem storage, so 'nothing stored' can be checked."""
    settings.MEDIA_ROOT = str(tmp_path / "media")


@pytest.fixture
def superuser(db):
    user = get_user_model().objects.create_superuser(
        "paakayttaja", "paakayttaja@example.invalid", "salasana-123"
    )
    # The admin follows the user's language; these tests read English messages.
    profile = UserProfile.get_for_user(user)
    profile.preferred_language = "en"
    profile.save()
    return user


@pytest.fixture
def admin(client, superuser):
    client.force_login(superuser)
    return client


@pytest.fixture
def root_collection(db):
    return Collection.get_first_root_node()


@pytest.fixture
def upload(admin, root_collection):
    """Upload through the admin's single upload view: upload(name, data, **fields) → response."""

    def _upload(name: str, data: bytes, *, client=None, **fields):
        form = {
            "title": fields.pop("title", name),
            "collection": root_collection.pk,
            "kind": "minutes",
            "language": "fi",
            "document_date": "2026-03-12",
            **fields,
            "file": SimpleUploadedFile(name, data, content_type="application/pdf"),
        }
        return (client or admin).post(reverse("wagtaildocs:add"), form)

    return _upload


@pytest.fixture
def upload_multiple(admin, root_collection):
    """Upload through the admin's multiple upload view (the drag-and-drop page)."""

    def _upload(name: str, data: bytes, *, client=None):
        return (client or admin).post(
            reverse("wagtaildocs:add_multiple"),
            {
                "files[]": SimpleUploadedFile(name, data, content_type="application/pdf"),
                "collection": root_collection.pk,
            },
            HTTP_X_REQUESTED_WITH="XMLHttpRequest",
        )

    return _upload


@pytest.fixture(
    params=[
        "filesystem",
        pytest.param("s3", marks=pytest.mark.storage),
        pytest.param("azure", marks=pytest.mark.storage),
    ]
)
def storage_backend(request, settings):
    """Run the test on each storage backend, with an empty bucket/container of its own.

    `objects()` lists what the storage server itself holds, without Django's storage
    classes, so a test sees what really was stored or deleted.
    """
    return _use_backend(request.param, request, settings)


@pytest.fixture
def s3_backend(request, settings):
    return _use_backend("s3", request, settings)


@pytest.fixture
def azure_backend(request, settings):
    return _use_backend("azure", request, settings)


def _use_backend(name, request, settings):
    if name == "s3":
        endpoint = request.getfixturevalue("moto_s3")
        bucket = servers.new_s3_bucket(endpoint)
        config = servers.s3_storage_settings(endpoint, bucket)
        client = servers.s3_client(endpoint)

        def objects():
            return sorted(item["Key"] for item in client.list_objects_v2(Bucket=bucket).get("Contents", []))

        extra = {"endpoint": endpoint, "bucket": bucket, "client": client}
    elif name == "azure":
        from azure.storage.blob import ContainerClient

        connection_string = request.getfixturevalue("azurite")
        container = servers.new_azure_container(connection_string)
        config = servers.azure_storage_settings(connection_string, container)
        container_client = ContainerClient.from_connection_string(connection_string, container)

        def objects():
            return sorted(blob.name for blob in container_client.list_blobs())

        extra = {"connection_string": connection_string, "container": container}
    else:
        config = {"BACKEND": "django.core.files.storage.FileSystemStorage"}

        def objects():
            root = Path(settings.MEDIA_ROOT)
            return sorted(str(p.relative_to(root)) for p in root.rglob("*") if p.is_file())

        extra = {}
    settings.STORAGES = {**settings.STORAGES, "default": config}
    return SimpleNamespace(name=name, objects=objects, **extra)


@pytest.fixture
def anonymous():
    """A visitor's client, separate from the logged-in admin's."""
    from django.test import Client

    return Client(HTTP_ACCEPT_LANGUAGE="en")


def publish_in_meeting(document):
    """Attach `document` to a live meeting: only what a public object's live content refers
    to is public (cms/visibility.py); an upload referred to by nothing answers 404."""
    from board import factories as bf

    bf.MeetingFactory(
        title=f"Kokous {document.pk}", attachments=[("attachment", {"document": document, "text": "Liite"})]
    )
    return document
