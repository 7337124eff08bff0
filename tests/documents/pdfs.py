"""Generated PDF files, good and bad, for upload tests."""

import io
import os

from pypdf import PdfReader, PdfWriter
from pypdf.generic import (
    ArrayObject,
    BooleanObject,
    DictionaryObject,
    FloatObject,
    NameObject,
    TextStringObject,
)

from documents.pdfgen import build_pdf

MINUTES_WORD = "kokousmuistiosana"


def good(title: str = "Pöytäkirja 3/2026", paragraphs=("Kokous pidettiin kaupungintalolla.",), **kw) -> bytes:
    return build_pdf(title, list(paragraphs), **kw)


def _writer(source: bytes | None = None) -> PdfWriter:
    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(source or good())))
    return writer


def _bytes(writer: PdfWriter) -> bytes:
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def with_javascript() -> bytes:
    """Document-level JavaScript in the /Names tree."""
    writer = _writer()
    action = DictionaryObject(
        {
            NameObject("/S"): NameObject("/JavaScript"),
            NameObject("/JS"): TextStringObject("app.alert('hei');"),
        }
    )
    names = ArrayObject([TextStringObject("moi"), writer._add_object(action)])
    writer._root_object[NameObject("/Names")] = DictionaryObject(
        {NameObject("/JavaScript"): DictionaryObject({NameObject("/Names"): names})}
    )
    return _bytes(writer)


def with_open_action_javascript() -> bytes:
    writer = _writer()
    writer._root_object[NameObject("/OpenAction")] = DictionaryObject(
        {NameObject("/S"): NameObject("/JavaScript"), NameObject("/JS"): TextStringObject("app.alert(1)")}
    )
    return _bytes(writer)


def with_page_additional_action() -> bytes:
    """/AA on a page: runs when the page opens."""
    writer = _writer()
    action = DictionaryObject({NameObject("/S"): NameObject("/GoTo"), NameObject("/D"): ArrayObject()})
    writer.pages[0][NameObject("/AA")] = DictionaryObject({NameObject("/O"): action})
    return _bytes(writer)


def with_launch_annotation() -> bytes:
    """A link annotation whose action launches a program."""
    writer = _writer()
    annotation = DictionaryObject(
        {
            NameObject("/Type"): NameObject("/Annot"),
            NameObject("/Subtype"): NameObject("/Link"),
            NameObject("/Rect"): ArrayObject(
                [FloatObject(10), FloatObject(10), FloatObject(100), FloatObject(30)]
            ),
            NameObject("/A"): DictionaryObject(
                {NameObject("/S"): NameObject("/Launch"), NameObject("/F"): TextStringObject("calc.exe")}
            ),
        }
    )
    writer.pages[0][NameObject("/Annots")] = ArrayObject([writer._add_object(annotation)])
    return _bytes(writer)


def with_embedded_file() -> bytes:
    writer = _writer()
    writer.add_attachment("liite.txt", b"salainen liite")
    return _bytes(writer)


def encrypted() -> bytes:
    writer = _writer()
    writer.encrypt(user_password="salasana", owner_password="omistaja", algorithm="AES-128")
    return _bytes(writer)


def truncated() -> bytes:
    data = good()
    return data[: len(data) // 2]


def damaged() -> bytes:
    """Starts like a PDF and ends like one, but nothing in between parses."""
    return b"%PDF-1.7\n" + os.urandom(2000).replace(b"%%EOF", b"") + b"\n%%EOF\n"


def html_named_pdf() -> bytes:
    return b"<!doctype html><html><script>alert(1)</script></html>"


def larger_than(megabytes: float) -> bytes:
    """A valid PDF above the given size: incompressible padding in the metadata."""
    writer = _writer()
    writer.add_metadata({"/Padding": os.urandom(int(megabytes * 1024 * 1024 / 2) + 4096).hex()})
    return _bytes(writer)


def image_only() -> bytes:
    """A readable PDF without any text layer, like a scanned page."""
    writer = PdfWriter()
    writer.add_blank_page(595, 842)
    writer.add_metadata({"/Title": "Skannattu"})
    return _bytes(writer)


def tagged() -> bytes:
    """Title, language and a real structure tree (tagged headings and paragraphs)."""
    return good(set_metadata=True, tagged=True)


def marked_without_structure() -> bytes:
    """Title and language, /MarkInfo /Marked true and an empty /StructTreeRoot: claims
    tags it does not have."""
    writer = _writer(good(set_metadata=True))
    root = writer._root_object
    root[NameObject("/MarkInfo")] = DictionaryObject({NameObject("/Marked"): BooleanObject(True)})
    root[NameObject("/StructTreeRoot")] = writer._add_object(
        DictionaryObject({NameObject("/Type"): NameObject("/StructTreeRoot")})
    )
    return _bytes(writer)


def untitled() -> bytes:
    """No title, no language, not tagged."""
    return good(set_metadata=False)
