"""Active content is refused whatever its disguise (issue 16, item 2).

One generated file per kind of active content (scripts in document, page, annotation and
form-field actions and in the name tree, XFA, embedded and attached files, Launch,
SubmitForm, ImportData, GoToR, GoToE, RichMedia, 3D, sound, movie, rendition) in each
form (plain, compressed, object stream, incremental update, #xx-escaped names) is
uploaded through the real admin upload by a communications editor working in Finnish or
Swedish: each is refused with the reason in the editor's language, and nothing is stored.
Clean files, in the same forms and as the project itself writes them, are still accepted.
"""

import io
import re
import shutil
import subprocess
import sys

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from django.utils import translation
from django.utils.html import escape
from pypdf import PdfReader
from wagtail.models import UploadedFile
from wagtail.users.models import UserProfile

from board.permissions import GROUP_NAME
from documents import pdfcheck
from documents.models import CustomDocument
from documents.pdfgen import build_pdf, build_scanned_pdf
from documents.validation import MESSAGES
from tests.documents import active_pdfs
from tests.documents.conftest import stored_names

LANGUAGES = ("fi", "sv")
CASES = [
    pytest.param(kind, form, id=f"{kind}-{form}") for kind in active_pdfs.KINDS for form in active_pdfs.FORMS
]


@pytest.fixture
def editor_client(db):
    """A member of the communications group (not a superuser); editor_client(language)."""
    user = get_user_model().objects.create_user("viestija", "viestija@example.invalid", "salasana-123")
    user.groups.add(Group.objects.get(name=GROUP_NAME))

    def _client(language: str) -> Client:
        profile = UserProfile.get_for_user(user)
        profile.preferred_language = language
        profile.save()
        client = Client(HTTP_ACCEPT_LANGUAGE=language)
        client.force_login(user)
        return client

    return _client


@pytest.fixture
def upload_as(editor_client, root_collection):
    def _upload(language: str, data: bytes, name: str = "esityslista.pdf", view: str = "wagtaildocs:add"):
        client = editor_client(language)
        if view == "wagtaildocs:add_multiple":
            return client.post(
                reverse(view),
                {
                    "files[]": SimpleUploadedFile(name, data, content_type="application/pdf"),
                    "collection": root_collection.pk,
                },
                HTTP_X_REQUESTED_WITH="XMLHttpRequest",
            )
        return client.post(
            reverse(view),
            {
                "title": "Esityslista",
                "collection": root_collection.pk,
                "kind": "agenda",
                "language": "fi",
                "document_date": "2026-03-12",
                "file": SimpleUploadedFile(name, data, content_type="application/pdf"),
            },
        )

    return _upload


def assert_nothing_stored():
    assert CustomDocument.objects.count() == 0
    assert UploadedFile.objects.count() == 0
    assert stored_names() == []


def assert_refused_as_active(message: str, language: str, feature: str) -> None:
    """`message` is the active-content refusal in `language` (not English), naming `feature`."""
    with translation.override(language):
        template = str(MESSAGES["active"])
    with translation.override("en"):
        english = str(MESSAGES["active"])
    assert template != english, f"no {language} translation of the refusal"
    before, after = template.split("%(features)s")
    assert message.startswith(before) and message.endswith(after), message
    features = message[len(before) : len(message) - len(after)].split(", ")
    assert feature in features, message


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize(("kind", "form"), CASES)
def test_active_content_is_refused_in_every_form_and_nothing_is_stored(upload_as, kind, form, language):
    feature = active_pdfs.KINDS[kind][1]

    response = upload_as(language, active_pdfs.build(kind, form))

    assert response.status_code == 200  # the form again, with the reason
    errors = response.context["form"].errors["file"]
    assert len(errors) == 1, errors
    assert_refused_as_active(errors[0], language, feature)
    assert escape(errors[0]) in response.content.decode()
    assert_nothing_stored()


@pytest.mark.parametrize("kind", ["xfa", "embedded-file", "javascript-form-field", "launch", "3d"])
def test_the_multiple_upload_refuses_them_too(upload_as, kind):
    response = upload_as("sv", active_pdfs.build(kind, "object-stream"), view="wagtaildocs:add_multiple")

    data = response.json()
    assert data["success"] is False
    assert_refused_as_active(data["error_message"], "sv", active_pdfs.KINDS[kind][1])
    assert_nothing_stored()


@pytest.mark.parametrize("kind", ["xfa", "embedded-file", "javascript-open-action", "launch", "rich-media"])
def test_active_content_of_an_earlier_revision_is_refused(upload_as, kind):
    """The latest revision is clean; the earlier one in the same file is not."""
    data = active_pdfs.replaced_in_an_update(kind)
    reader = PdfReader(io.BytesIO(data))
    assert set(reader.trailer["/Root"].keys()) == {"/Type", "/Pages", "/Lang"}  # clean now

    response = upload_as("fi", data)

    assert_refused_as_active(response.context["form"].errors["file"][0], "fi", active_pdfs.KINDS[kind][1])
    assert_nothing_stored()


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("form", active_pdfs.FORMS)
def test_a_key_defined_twice_is_refused_as_damaged(upload_as, form, language):
    """<< /S /GoTo /S /Launch >>: pypdf reads the first /S, a viewer may run the second."""
    data = active_pdfs.build("launch-behind-goto", form)

    response = upload_as(language, data)

    with translation.override(language):
        expected = str(MESSAGES["damaged"])
    assert response.context["form"].errors["file"] == [expected]
    assert_nothing_stored()


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize(
    "make",
    [
        pytest.param(lambda: active_pdfs.many_objects(2_000), id="listed-in-the-cross-reference"),
        pytest.param(lambda: active_pdfs.many_direct_arrays(2_000), id="found-while-walking"),
    ],
)
def test_a_file_with_too_many_objects_to_check_is_refused(upload_as, settings, language, make):
    settings.DOCUMENT_MAX_PDF_OBJECTS = 1_000

    response = upload_as(language, make())

    with translation.override(language):
        expected = str(MESSAGES["too_complex"])
    with translation.override("en"):
        english = str(MESSAGES["too_complex"])
    assert response.context["form"].errors["file"] == [expected]
    assert expected != english  # translated
    assert_nothing_stored()


def test_a_long_chain_of_objects_under_the_cap_is_walked_without_recursion(upload_as, settings):
    """9 000 objects each referring to the next (under the 10 000 cap), with Python's recursion
    limit far below: no recursion, no refusal."""
    assert settings.DOCUMENT_MAX_PDF_OBJECTS > 9_000 > sys.getrecursionlimit()
    response = upload_as("fi", active_pdfs.many_objects(9_000))

    assert response.status_code == 302, response.context["form"].errors
    assert CustomDocument.objects.count() == 1


CLEAN_FILES = [
    *(
        pytest.param(lambda form=form: active_pdfs.build(None, form), id=f"clean-{form}")
        for form in active_pdfs.FORMS
    ),
    pytest.param(lambda: active_pdfs.build("harmless-links", "object-stream"), id="links-and-open-at-page-1"),
    pytest.param(lambda: build_pdf("Pöytäkirja 3/2026", ["Kokous pidettiin."] * 40), id="pdfgen-tagged"),
    pytest.param(lambda: build_pdf("Protokoll", ["Mötet hölls."], language="sv"), id="pdfgen-swedish"),
    pytest.param(lambda: build_pdf("Muistio", ["Ei rakennetta."], tagged=False), id="pdfgen-untagged"),
    pytest.param(lambda: build_scanned_pdf("Skannattu", ["Skannattu sivu."]), id="pdfgen-scanned"),
    pytest.param(
        lambda: build_pdf("Ohje", ["1 0 obj << /S /JavaScript /JS (x) >> endobj /Launch /EF /XFA"]),
        id="active-words-in-the-text",
    ),
]


@pytest.mark.parametrize("make", CLEAN_FILES)
def test_clean_files_are_still_accepted(upload_as, make):
    response = upload_as("fi", make())

    assert response.status_code == 302, response.context["form"].errors
    document = CustomDocument.objects.get()
    assert stored_names() == [document.file.name]


def test_the_demo_pdfs_are_still_accepted():
    """Every PDF the demo writes (documents.demo) passes the check as an upload would."""
    from documents.demo import INACCESSIBLE_PDFS, SCANNED, UNTAGGED

    made = [build_pdf("Demo", ["Teksti."] * 5)]
    for title, flaw in INACCESSIBLE_PDFS.items():
        if flaw == SCANNED:
            made.append(build_scanned_pdf(title, ["Teksti."]))
        else:
            made.append(build_pdf(title, ["Teksti."], tagged=flaw != UNTAGGED))
    for data in made:
        assert pdfcheck.find_active_content(pdfcheck.open_reader(data), data) == []


# The generated files are what they claim to be -------------------------------------------


@pytest.mark.parametrize(("kind", "form"), CASES)
def test_each_generated_file_is_a_valid_pdf_in_its_form(kind, form):
    data = active_pdfs.build(kind, form)
    reader = PdfReader(io.BytesIO(data), strict=True)
    assert len(reader.pages) == 1
    assert "Kokouksen esityslista" in reader.pages[0].extract_text()
    if form == "compressed":
        assert b"app.alert" not in data and b"/FlateDecode" in data
    if form == "object-stream":
        assert reader.xref_objStm and b"/Type /ObjStm" in data
        assert b"/Catalog" not in data  # the catalog is inside the compressed object stream
    if form == "incremental-update":
        assert data.count(b"%%EOF") == 2
        first_revision = data[: data.index(b"%%EOF") + 6]
        clean = PdfReader(io.BytesIO(first_revision), strict=True)
        assert set(clean.trailer["/Root"].keys()) == {"/Type", "/Pages", "/Lang"}
    if form == "escaped-names":
        assert re.search(rb"/[A-Za-z0-9]+#[0-9a-f]{2}", data)


PDFINFO = shutil.which("pdfinfo")
# Where pdfinfo looks for scripts (it does not follow open actions or /Next chains).
POPPLER_FINDS_JAVASCRIPT = {
    "javascript-name-tree",
    "javascript-document-action",
    "javascript-page-action",
    "javascript-annotation",
    "javascript-form-field",
}


@pytest.mark.skipif(PDFINFO is None, reason="pdfinfo not found: install the Debian package poppler-utils")
@pytest.mark.parametrize(("kind", "form"), CASES)
def test_poppler_reads_each_generated_file_too(kind, form, tmp_path):
    """An independent reader (poppler) opens each file: the refusals are not about damage."""
    path = tmp_path / "file.pdf"
    path.write_bytes(active_pdfs.build(kind, form))
    result = subprocess.run([PDFINFO, str(path)], capture_output=True, text=True, timeout=30, check=False)
    assert result.returncode == 0, result.stderr
    assert re.search(r"^Pages:\s+1$", result.stdout, re.MULTILINE)
    assert "Syntax Error" not in result.stderr, result.stderr
    if kind in POPPLER_FINDS_JAVASCRIPT:
        assert re.search(r"^JavaScript:\s+yes$", result.stdout, re.MULTILINE), result.stdout


def test_a_file_of_nothing_but_object_headers_is_refused_as_too_complex(upload_as, settings):
    """Each "N 0 obj" the cross-reference does not list costs a parse, counted against the cap."""
    settings.DOCUMENT_MAX_PDF_OBJECTS = 1_000
    data = active_pdfs.with_prefix(b"7 0 obj\n" * 2_000)
    assert len(PdfReader(io.BytesIO(data)).pages) == 1  # a readable file all the same

    response = upload_as("fi", data)

    with translation.override("fi"):
        assert response.context["form"].errors["file"] == [str(MESSAGES["too_complex"])]
    assert_nothing_stored()
