"""Reading an uploaded PDF: is it safe to store, and what does it contain.

Everything works on bytes in memory (uploads are at most DOCUMENT_MAX_UPLOAD_MB),
never on a path, so it runs the same on every storage backend.
"""

import contextlib
import io
import logging
import re
import threading
from dataclasses import dataclass

from django.conf import settings
from pypdf import PdfReader
from pypdf.errors import PyPdfError
from pypdf.generic import (
    ArrayObject,
    DictionaryObject,
    IndirectObject,
    NameObject,
    NumberObject,
    StreamObject,
    read_object,
)

logger = logging.getLogger(__name__)

# Dictionary keys whose mere presence means the PDF can run something or carries a file:
# scripts (/JS, /JavaScript name trees), additional actions (/AA), XFA forms (/XFA, whose
# packets can hold scripts), embedded files (/EF in any file specification, /RF related
# files, the /EmbeddedFiles name tree), and RichMedia and 3D content.
ACTIVE_KEYS = frozenset(
    {
        "/JavaScript",
        "/JS",
        "/AA",
        "/XFA",
        "/Launch",
        "/EF",
        "/RF",
        "/EmbeddedFile",
        "/EmbeddedFiles",
        "/RichMedia",
        "/RichMediaContent",
        "/RichMediaSettings",
        "/3DD",
    }
)
# Action types (/S) that run code, launch programs, send data out, open other files, or
# play media (renditions can carry JavaScript; movies and sounds are legacy media players).
ACTIVE_ACTIONS = frozenset(
    {
        "/JavaScript",
        "/Launch",
        "/ImportData",
        "/SubmitForm",
        "/GoToR",
        "/GoToE",
        "/RichMediaExecute",
        "/GoTo3DView",
        "/Rendition",
        "/Movie",
        "/Sound",
    }
)
# Object and annotation types (/Type, /Subtype) that carry files or media.
ACTIVE_TYPES = frozenset(
    {"/EmbeddedFile", "/FileAttachment", "/RichMedia", "/3D", "/Movie", "/Sound", "/Screen"}
)
# Link targets (/URI) that are not web pages but code or local files.
ACTIVE_URI_SCHEMES = ("javascript:", "vbscript:", "file:")
# How far has_structure walks a tag tree (it runs in the text reader's child process too, without settings).
STRUCTURE_WALK_LIMIT = 500_000


def max_objects() -> int:
    """The most objects a file may have: counted from its cross-reference before any is parsed,
    so that the check in the upload request stays quick (the text is read later, in a limited
    process: documents/extraction.py). `DOCUMENT_MAX_PDF_OBJECTS` in settings."""
    return settings.DOCUMENT_MAX_PDF_OBJECTS


# Stored in extraction_error when a readable PDF has no text layer (a scanned image).
NO_TEXT = "no-text"
# Extracted text kept for search; a longer text is cut (a 50 MB PDF can hold a lot).
MAX_TEXT_CHARS = 2_000_000


class TooComplex(Exception):
    pass


class AmbiguousDictionary(PyPdfError):
    """A dictionary defines a key twice: readers disagree on which value counts."""


class _DuplicateKeys(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.thread = threading.get_ident()
        self.found = False

    def emit(self, record: logging.LogRecord) -> None:
        if record.thread == self.thread and str(record.msg).startswith("Multiple definitions in dictionary"):
            self.found = True


@contextlib.contextmanager
def refuse_duplicate_keys():
    """Raise AmbiguousDictionary after the block if pypdf read a dictionary with a key
    defined twice (in this thread). pypdf keeps the first value, a viewer may use the last:
    << /S /GoTo /S /Launch >> would pass for a harmless link."""
    handler = _DuplicateKeys()
    pypdf_logger = logging.getLogger("pypdf")
    pypdf_logger.addHandler(handler)
    try:
        yield
    finally:
        pypdf_logger.removeHandler(handler)
    if handler.found:
        raise AmbiguousDictionary("a dictionary defines a key more than once")


def open_reader(data: bytes) -> PdfReader:
    """Parse `data`; raises pypdf errors (and a few builtin ones) for a broken file."""
    reader = PdfReader(io.BytesIO(data), strict=False)
    if not reader.is_encrypted:
        # Touch the page tree so that a broken one fails here, not later.
        len(reader.pages)
    return reader


# Where an object starts in the file: "12 0 obj" at the start of a line (or after
# whitespace), so that the same words inside a string, as "(1 0 obj) Tj" in page text, do not count.
OBJECT_HEADER = re.compile(rb"(?:^|(?<=[\s]))(\d{1,10})[ \t\r\n\f\x00]+(\d{1,5})[ \t\r\n\f\x00]+obj\b\s*")


def _name(value) -> object:
    """A name given directly or through an indirect reference (/S 12 0 R)."""
    if isinstance(value, IndirectObject):
        try:
            return value.get_object()
        except (PyPdfError, ValueError, KeyError, TypeError, AttributeError, RecursionError):
            return None
    return value


def _is_active_uri(value) -> bool:
    """A link that runs a script or opens a local file (javascript:, vbscript:, file:),
    compared as a browser reads a URL: control characters and spaces dropped, any case."""
    if not isinstance(value, str | bytes):
        return False
    text = value.decode("latin-1") if isinstance(value, bytes) else str(value)
    text = "".join(char for char in text if char > " ").lower()
    return text.startswith(ACTIVE_URI_SCHEMES)


def _objects_in_file(reader: PdfReader, data: bytes, known_offsets: set[int]):
    """Every object written anywhere in the file that the reader's cross-reference does
    not point at: objects of earlier incremental revisions (replaced by a later update, but
    still in the file and still shown by a viewer that opens an earlier revision), objects
    that no cross-reference lists (a repairing viewer finds them), and the objects packed in
    such objects' object streams."""
    stream = io.BytesIO(data)
    attempts = 0
    cap = max_objects()
    for match in OBJECT_HEADER.finditer(data):
        if match.start() in known_offsets:
            continue
        attempts += 1  # a file of nothing but "1 0 obj" costs a parse each time
        if attempts > cap:
            raise TooComplex
        stream.seek(match.end())
        try:
            obj = read_object(stream, reader)  # a stream's data too
        except (PyPdfError, ValueError, KeyError, TypeError, AttributeError, RecursionError, OSError):
            continue  # not an object after all (bytes inside binary data), or a broken one
        yield obj
        if isinstance(obj, StreamObject) and obj.get("/Type") == "/ObjStm":
            yield from _objects_in_object_stream(reader, obj)


def _objects_in_object_stream(reader: PdfReader, obj_stm: StreamObject):
    content = io.BytesIO(obj_stm.get_data())
    count, first = obj_stm.get("/N"), obj_stm.get("/First")
    if not isinstance(count, NumberObject) or not isinstance(first, NumberObject):
        return
    header = content.read(max(0, int(first))).split()
    offsets = [int(value) for value in header[1 : 2 * int(count) : 2] if value.isdigit()]
    for offset in offsets:
        content.seek(int(first) + offset)
        try:
            yield read_object(content, reader)
        except (PyPdfError, ValueError, KeyError, TypeError, AttributeError, RecursionError, OSError):
            continue


def find_active_content(reader: PdfReader, data: bytes | None = None) -> list[str]:
    """Names of the active-content features anywhere in the PDF.

    Walks, iteratively and each object once: everything reachable from the trailer, every
    object the cross-reference lists (tables and streams, objects in object streams
    included, whether reachable or not), and, given the file's bytes, every other object
    written in the file (earlier incremental revisions). Names are compared as pypdf
    decodes them, so #xx escapes (/Java#53cript) are no disguise. More than max_objects()
    objects raises TooComplex."""
    listed = sum(len(numbers) for numbers in reader.xref.values()) + len(reader.xref_objStm)
    cap = max_objects()
    if listed > cap:
        raise TooComplex  # at once, rather than after reading that many of them
    found: set[str] = set()
    seen: set[tuple[int, int]] = set()
    stack: list = [reader.trailer]
    for generation, numbers in reader.xref.items():
        stack.extend(IndirectObject(number, generation, reader) for number in numbers)
    stack.extend(IndirectObject(number, 0, reader) for number in reader.xref_objStm)
    visited = 0
    extra = iter(())
    if data is not None:
        known = {offset for numbers in reader.xref.values() for offset in numbers.values()}
        extra = _objects_in_file(reader, data, known)
    while True:
        if not stack:
            obj = next(extra, None)
            if obj is None:
                break
            stack.append(obj)
        obj = stack.pop()
        if isinstance(obj, IndirectObject):
            ref = (obj.idnum, obj.generation)
            if ref in seen:
                continue
            seen.add(ref)
            obj = obj.get_object()  # a broken object makes the file "damaged", as a whole
        visited += 1
        if visited > cap:
            raise TooComplex
        if isinstance(obj, DictionaryObject):
            for key, value in obj.items():
                if key in ACTIVE_KEYS:
                    found.add(key)
                elif key == "/OpenAction":
                    # A destination array (open at page 1, fit width) is harmless;
                    # an action dictionary other than a plain GoTo is not.
                    target = _name(value)
                    if isinstance(target, DictionaryObject) and _name(target.get("/S")) != "/GoTo":
                        found.add(key)
                elif key == "/S":
                    action = _name(value)
                    if isinstance(action, NameObject) and action in ACTIVE_ACTIONS:
                        found.add(str(action))
                elif key in ("/Type", "/Subtype"):
                    kind = _name(value)
                    if isinstance(kind, NameObject) and kind in ACTIVE_TYPES:
                        found.add(str(kind))
                elif key == "/URI" and _is_active_uri(_name(value)):
                    found.add("/URI")
                if isinstance(value, IndirectObject | DictionaryObject | ArrayObject):
                    stack.append(value)
        elif isinstance(obj, ArrayObject):
            stack.extend(
                item for item in obj if isinstance(item, IndirectObject | DictionaryObject | ArrayObject)
            )
    return sorted(found)


def has_structure(catalog: DictionaryObject) -> bool:
    """Whether the structure tree tags any content: some element under /StructTreeRoot
    points at a marked-content sequence (an MCID or a marked-content reference) or an
    annotation. /MarkInfo /Marked true over an empty or missing tree, as some tools write,
    tags nothing a screen reader could use."""
    root = catalog.get("/StructTreeRoot")
    root = root.get_object() if root is not None else None
    if not isinstance(root, DictionaryObject):
        return False
    # (object, whether it is the /K of a structure element, where an integer is an MCID)
    stack: list[tuple[object, bool]] = [(root.get("/K"), False)]
    seen: set[tuple[int, int]] = set()
    visited = 0
    while stack and visited < STRUCTURE_WALK_LIMIT:
        obj, in_element = stack.pop()
        if isinstance(obj, IndirectObject):
            if (obj.idnum, obj.generation) in seen:
                continue
            seen.add((obj.idnum, obj.generation))
            obj = obj.get_object()
        visited += 1
        if isinstance(obj, ArrayObject):
            stack.extend((item, in_element) for item in obj)
        elif isinstance(obj, NumberObject):
            if in_element:
                return True
        elif isinstance(obj, DictionaryObject):
            if obj.get("/Type") in ("/MCR", "/OBJR"):
                return True
            if "/S" in obj:  # a structure element
                stack.append((obj.get("/K"), True))
    return False


@dataclass
class PdfAnalysis:
    page_count: int | None = None
    text: str = ""
    error: str = ""
    is_tagged: bool = False
    has_title: bool = False
    has_language: bool = False


def _describe(exc: BaseException) -> str:
    return f"{exc.__class__.__name__}: {exc}"[:500]


def analyse_pdf(data: bytes) -> PdfAnalysis:
    """Page count, text and accessibility flags of a PDF. Never raises: a failure is
    logged and returned in `error`, so that it cannot block an otherwise valid upload."""
    result = PdfAnalysis()
    try:
        reader = open_reader(data)
        catalog = reader.trailer["/Root"].get_object()
        result.page_count = len(reader.pages)
        mark_info = catalog.get("/MarkInfo")
        mark_info = mark_info.get_object() if mark_info is not None else {}
        result.is_tagged = bool(mark_info.get("/Marked", False)) and has_structure(catalog)
        title = (reader.metadata or {}).get("/Title")
        result.has_title = bool(title and str(title).strip())
        lang = catalog.get("/Lang")
        result.has_language = bool(lang and str(lang).strip())
    except (PyPdfError, ValueError, KeyError, TypeError, AttributeError, RecursionError) as exc:
        logger.warning("PDF could not be read for analysis: %s", exc, exc_info=True)
        result.error = _describe(exc)
        return result

    texts: list[str] = []
    length = 0
    for number, page in enumerate(reader.pages, start=1):
        try:
            text = page.extract_text() or ""
        except (MemoryError, SystemError) as exc:
            # The memory limit of the text reader's process, not a broken page: every later
            # page would fail the same way, each costing CPU time until the CPU limit ends it.
            result.error = _describe(exc)
            break
        except Exception as exc:
            logger.warning("Text extraction failed on page %s: %s", number, exc, exc_info=True)
            result.error = result.error or _describe(exc)
            continue
        texts.append(text)
        length += len(text)
        if length > MAX_TEXT_CHARS:
            break
    result.text = "\n\n".join(texts)[:MAX_TEXT_CHARS].replace("\x00", "")
    if not result.error and result.page_count and not result.text.strip():
        logger.warning("No text could be extracted from a %s-page PDF", result.page_count)
        result.error = NO_TEXT
    return result
