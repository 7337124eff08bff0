"""Uploads: no decompression bombs or SVG in the image library; hostile file names stored safely."""

import io
import os
import struct
import urllib.parse
import zlib
from pathlib import Path

import pytest
from django.conf import settings
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from hypothesis import HealthCheck, given
from hypothesis import settings as hsettings
from hypothesis import strategies as st
from PIL import Image as PILImage
from wagtail.images import get_image_model
from wagtail.models import ReferenceIndex

from documents.models import CustomDocument
from documents.pdfgen import build_pdf


def _chunk(kind: bytes, data: bytes) -> bytes:
    return (
        struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)
    )


@pytest.fixture(scope="module")
def png_bomb() -> bytes:
    """A valid 20 000 × 20 000 greyscale PNG: 400 MB of pixels in well under 1 MB of file."""
    width = height = 20_000
    compressor = zlib.compressobj(9)
    row = b"\x00" * (width + 1)  # filter byte + one byte per pixel
    idat = b"".join(compressor.compress(row) for _ in range(height)) + compressor.flush()
    ihdr = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + _chunk(b"IHDR", ihdr) + _chunk(b"IDAT", idat) + _chunk(b"IEND", b"")


SVG = b"""<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><script>alert(1)</script></svg>"""


def _png(width=8, height=8) -> bytes:
    out = io.BytesIO()
    PILImage.new("RGB", (width, height), "white").save(out, "PNG")
    return out.getvalue()


@pytest.fixture
def admin(superuser) -> Client:
    client = Client(HTTP_ACCEPT_LANGUAGE="en")
    client.force_login(superuser)
    return client


def _upload_image(admin, name, content, content_type="image/png"):
    return admin.post(
        reverse("wagtailimages:add"),
        {"title": "Kuva", "file": SimpleUploadedFile(name, content, content_type=content_type)},
    )


def test_a_decompression_bomb_is_refused_with_a_clear_message(admin, png_bomb):
    assert len(png_bomb) < 1_000_000
    response = _upload_image(admin, "pommi.png", png_bomb)
    assert response.status_code == 200
    body = response.content.decode()
    # Pillow itself refuses to open it, so Wagtail cannot count the pixels; the limit is shown.
    assert "This file has too many pixels" in body
    assert f"Maximum pixels {settings.WAGTAILIMAGES_MAX_IMAGE_PIXELS}" in body
    assert not get_image_model().objects.exists()


def test_svg_is_refused_with_a_clear_message(admin):
    response = _upload_image(admin, "logo.svg", SVG, "image/svg+xml")
    assert response.status_code == 200
    body = response.content.decode()
    assert "Not a supported image format" in body
    assert "SVG" not in body.split("Supported formats:")[1].split(".")[0]
    assert not get_image_model().objects.exists()


def test_svg_renamed_to_png_is_refused_too(admin):
    response = _upload_image(admin, "logo.png", SVG)
    assert response.status_code == 200
    assert not get_image_model().objects.exists()


def test_an_ordinary_png_is_accepted(admin):
    response = _upload_image(admin, "kuva.png", _png())
    assert response.status_code == 302
    assert get_image_model().objects.count() == 1


def test_image_settings_exclude_svg_and_bound_pixels():
    assert "svg" not in settings.WAGTAILIMAGES_EXTENSIONS
    assert settings.WAGTAILIMAGES_MAX_IMAGE_PIXELS <= 50_000_000


# --- File names -----------------------------------------------------------------------------

name_parts = st.sampled_from(
    ["ä", "ö", "å", "Ä", " ", "../", "..", "/", "\\", "pöytäkirja", "kokous 3", "a" * 40, "-"]
)
hostile_names = st.lists(name_parts, min_size=1, max_size=12).map(lambda parts: "".join(parts) + ".pdf")


def _storage_root() -> Path:
    return Path(default_storage.path("")).resolve()


def _assert_stored_safely(document: CustomDocument):
    name = document.file.name
    field_max = CustomDocument._meta.get_field("file").max_length
    assert len(name) <= field_max
    assert name.startswith("documents/")
    assert ".." not in Path(name).parts and "\\" not in name
    path = Path(default_storage.path(name)).resolve()
    assert path.is_relative_to(_storage_root() / "documents")
    assert path.is_file()


def _attach_to_live_page(page, document: CustomDocument) -> None:
    """Only what a live public page refers to is served to the public (cms/visibility.py)."""
    page.body = [("document", {"document": document, "text": ""})]
    page.save()
    ReferenceIndex.create_or_update_for_object(page)


def _served_filename(client: Client, document: CustomDocument) -> str:
    response = client.get(document.url)
    assert response.status_code == 200
    disposition = response["Content-Disposition"]
    encoded = disposition.split("filename*=UTF-8''", 1)[1]
    fallback = disposition.split('filename="', 1)[1].split('"', 1)[0]
    assert fallback.isascii()
    return urllib.parse.unquote(encoded, errors="strict")


@hsettings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(filename=hostile_names)
def test_hostile_upload_names_are_stored_inside_the_storage_and_served_with_rfc5987(
    admin, home_page, filename
):
    before = CustomDocument.objects.count()
    response = admin.post(
        reverse("wagtaildocs:add"),
        {
            "title": "Nimitesti",
            "file": SimpleUploadedFile(filename, build_pdf("Nimitesti", ["Teksti."]), "application/pdf"),
            "kind": "other",
            "language": "fi",
            "collection": 1,
            "locale": home_page.locale_id,
        },
    )
    if response.status_code != 302:
        # Refusing a name is fine, half-saving is not: nothing stored, a message shown.
        assert CustomDocument.objects.count() == before
        assert "error" in response.content.decode()
        return
    document = CustomDocument.objects.latest("pk")
    _assert_stored_safely(document)
    _attach_to_live_page(home_page, document)
    served = _served_filename(Client(), document)
    assert served == document.filename
    assert "/" not in served and "\\" not in served
    document.file.delete(save=False)
    document.delete()


@hsettings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(filename=hostile_names)
def test_storage_names_never_escape_and_respect_the_field_length(locales, filename):
    field = CustomDocument._meta.get_field("file")
    # What the model field does with a name from code (not from a browser upload).
    try:
        generated = field.generate_filename(
            CustomDocument(locale=locales["fi"]), os.path.basename(filename.replace("\\", "/"))
        )
        available = default_storage.get_available_name(generated, max_length=field.max_length)
    except Exception as exc:  # noqa: BLE001 - Django refuses some names outright: that's safe
        assert type(exc).__name__ == "SuspiciousFileOperation"
        return
    assert len(available) <= field.max_length
    assert available.startswith("documents/") and ".." not in Path(available).parts


def test_a_200_character_name_with_umlauts_is_shortened_to_the_field_and_keeps_its_extension(
    admin, home_page
):
    filename = ("pöytäkirja kokous ä ö å " * 10)[:196] + ".pdf"
    assert len(filename) == 200
    response = admin.post(
        reverse("wagtaildocs:add"),
        {
            "title": "Pitkä",
            "file": SimpleUploadedFile(filename, build_pdf("Pitkä", ["Teksti."]), "application/pdf"),
            "kind": "other",
            "language": "fi",
            "collection": 1,
            "locale": home_page.locale_id,
        },
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    document = CustomDocument.objects.get()
    _assert_stored_safely(document)
    assert document.filename.endswith(".pdf")
    assert "ä" in document.filename
    _attach_to_live_page(home_page, document)
    assert _served_filename(Client(), document) == document.filename
