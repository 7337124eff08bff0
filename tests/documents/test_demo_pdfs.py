"""The demo's PDFs tell the truth: all are tagged, titled and in their language except the
two left inaccessible on purpose (documents.demo.INACCESSIBLE_PDFS), which are exactly
what Reports → Inaccessible PDFs lists. Read back with pypdf and, where installed, with
poppler's pdfinfo as an independent checker."""

import io
import re
import shutil
import subprocess

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.test import TestCase, override_settings
from django.urls import reverse
from pypdf import PdfReader, PdfWriter
from pypdf.generic import ArrayObject, BooleanObject, DictionaryObject, NameObject, NumberObject

from board.permissions import GROUP_NAME
from documents.demo import INACCESSIBLE_PDFS, SCANNED, UNTAGGED
from documents.models import CustomDocument
from documents.pdfcheck import NO_TEXT, analyse_pdf
from tests.conftest import module_transaction
from tests.documents import pdfs

PDFINFO = shutil.which("pdfinfo")
needs_pdfinfo = pytest.mark.skipif(
    PDFINFO is None, reason="pdfinfo not found: install the Debian package poppler-utils"
)


def load_demo() -> None:
    # wagtail-localize publishes translations on commit; run those callbacks as a commit would.
    with TestCase.captureOnCommitCallbacks(execute=True):
        call_command("load_demo", stdout=io.StringIO())


@pytest.fixture(scope="module")
def demo_db(django_db_setup, django_db_blocker, tmp_path_factory):
    """The demo loaded once for this module (it takes minutes), rolled back afterwards;
    its files in a media root of their own that outlives each test."""
    media = override_settings(MEDIA_ROOT=str(tmp_path_factory.mktemp("demo-media")))
    with media, module_transaction(django_db_blocker):
        load_demo()
        yield


@pytest.fixture
def _media_root():
    """Replaces the package's per-test empty media root: the demo's files must stay."""


@pytest.fixture
def demo(demo_db, db):
    return load_demo


@pytest.fixture
def editor_client(demo, client):
    """A member of the communications group, not a superuser."""
    user = get_user_model().objects.create_user("viestija", "viestija@example.invalid", "salasana-123")
    user.groups.add(Group.objects.get(name=GROUP_NAME))
    client.force_login(user)
    return client


def read(document) -> bytes:
    with document.file.open("rb") as fh:
        return fh.read()


def accessible_documents():
    documents = list(CustomDocument.objects.exclude(title__in=INACCESSIBLE_PDFS).order_by("pk"))
    assert len(documents) >= 20  # agendas, minutes, a statement, the programme and calendar
    return documents


def source_title(document) -> str:
    """The title the file was made with: translated copies carry the Finnish PDF, a version
    with a file in its own language (the Swedish calendar, some agendas) its own title."""
    if document.language == document.locale.language_code:
        return document.title
    return CustomDocument.objects.get(
        translation_key=document.translation_key, locale__language_code="fi"
    ).title


def structure_mcids(reader: PdfReader) -> dict[int, set[int]]:
    """Page number → MCIDs that structure elements under /StructTreeRoot point at."""
    found: dict[int, set[int]] = {}
    root = reader.trailer["/Root"]["/StructTreeRoot"].get_object()
    stack = [(root["/K"], None)]
    while stack:
        obj, page = stack.pop()
        obj = obj.get_object()
        if isinstance(obj, ArrayObject):
            stack.extend((item, page) for item in obj)
        elif isinstance(obj, NumberObject):
            found.setdefault(page, set()).add(int(obj))
        elif isinstance(obj, DictionaryObject) and "/S" in obj:
            if "/Pg" in obj:
                page = reader.get_page_number(obj["/Pg"].get_object())
            stack.append((obj.get("/K", ArrayObject()), page))
    return found


def content_mcids(reader: PdfReader) -> dict[int, set[int]]:
    """Page number → MCIDs of the marked-content sequences in the page's content."""
    found: dict[int, set[int]] = {}
    for number, page in enumerate(reader.pages):
        content = page.get_contents().get_data().decode("latin-1")
        mcids = {int(m) for m in re.findall(r"/\w+ <</MCID (\d+)>> BDC", content)}
        assert content.count("BDC") == content.count("EMC")
        if mcids:
            found[number] = mcids
    return found


def test_report_lists_exactly_the_deliberately_inaccessible_demo_pdfs(editor_client):
    response = editor_client.get(reverse("documents_accessibility_report"))

    assert response.status_code == 200
    listed = {d.title: (d.is_tagged, d.has_title, d.has_language) for d in response.context["object_list"]}
    assert listed == {
        "Pöytäkirja 1/2024": (False, False, False),  # scanned: an image, nothing set
        "Lausuntoluonnos 4/2024": (False, True, True),  # title and language, but no tags
    }
    assert set(INACCESSIBLE_PDFS.values()) == {SCANNED, UNTAGGED}
    html = response.content.decode()
    for document in CustomDocument.objects.all():
        shown = reverse("wagtaildocs:edit", args=[document.pk]) in html
        assert shown == (document.title in INACCESSIBLE_PDFS), document.title
    scanned = CustomDocument.objects.get(title="Pöytäkirja 1/2024")
    assert (scanned.extraction_error, scanned.page_count) == (NO_TEXT, 1)


def test_every_other_demo_pdf_is_tagged_titled_and_in_its_language(demo):
    for document in accessible_documents():
        reader = PdfReader(io.BytesIO(read(document)))
        catalog = reader.trailer["/Root"]

        assert catalog["/MarkInfo"]["/Marked"] == BooleanObject(True)
        tree = structure_mcids(reader)
        assert tree and tree == content_mcids(reader), document.title
        assert reader.metadata.title == source_title(document)
        assert catalog["/ViewerPreferences"]["/DisplayDocTitle"] == BooleanObject(True)
        assert catalog["/Lang"] == document.language
        assert (document.is_tagged, document.has_title, document.has_language) == (True, True, True)
        assert document.extracted_text.strip()


@needs_pdfinfo
def test_pdfinfo_agrees_independently(demo, tmp_path):
    def pdfinfo(document, *options) -> str:
        path = tmp_path / f"{document.pk}.pdf"
        path.write_bytes(read(document))
        return subprocess.run(
            [PDFINFO, *options, str(path)], capture_output=True, text=True, check=True
        ).stdout

    for document in accessible_documents():
        info = pdfinfo(document)
        assert re.search(r"^Tagged:\s+yes$", info, re.M), document.title
        assert re.search(rf"^Title:\s+{re.escape(source_title(document))}$", info, re.M)
        structure = pdfinfo(document, "-struct-text")
        assert structure.startswith("Document\n  H1 (block)\n"), structure
        assert f'"{source_title(document)}"' in structure and "  P (block)\n" in structure
    for document in CustomDocument.objects.filter(title__in=INACCESSIBLE_PDFS):
        assert re.search(r"^Tagged:\s+no$", pdfinfo(document), re.M), document.title


def test_loading_the_demo_again_changes_no_document(demo):
    def state():
        return sorted(
            CustomDocument.objects.values_list(
                "pk", "title", "locale_id", "file", "file_hash", "is_tagged", "has_title", "has_language"
            )
        )

    before = state()
    demo()
    assert state() == before


# The analysis owns the rule (documents.pdfcheck); a claim of tags is not tags.


def _with_structure(kids) -> bytes:
    """A titled PDF in Finnish claiming /Marked true over a tree whose /Document has `kids`."""
    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(pdfs.good(set_metadata=True))))
    root = writer._root_object
    tree = DictionaryObject({NameObject("/Type"): NameObject("/StructTreeRoot")})
    document = DictionaryObject(
        {
            NameObject("/Type"): NameObject("/StructElem"),
            NameObject("/S"): NameObject("/Document"),
            NameObject("/K"): ArrayObject(kids),
        }
    )
    tree[NameObject("/K")] = ArrayObject([writer._add_object(document)])
    root[NameObject("/StructTreeRoot")] = writer._add_object(tree)
    root[NameObject("/MarkInfo")] = DictionaryObject({NameObject("/Marked"): BooleanObject(True)})
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def test_a_pdf_claiming_tags_without_a_structure_is_not_tagged():
    assert analyse_pdf(pdfs.marked_without_structure()).is_tagged is False
    assert analyse_pdf(_with_structure([])).is_tagged is False  # elements that tag no content
    paragraph = DictionaryObject({NameObject("/S"): NameObject("/P"), NameObject("/K"): NumberObject(0)})
    assert analyse_pdf(_with_structure([paragraph])).is_tagged is True  # the rule can pass
    assert analyse_pdf(pdfs.good(set_metadata=True, tagged=True)).is_tagged is True
    assert analyse_pdf(pdfs.good(set_metadata=True)).is_tagged is False
