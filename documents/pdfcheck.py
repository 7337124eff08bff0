"""Reading an uploaded PDF: is it safe to store, and what does it contain.

Everything works on bytes in memory (uploads are at most DOCUMENT_MAX_UPLOAD_MB),
never on a path, so it runs the same on every storage backend.
"""

import io
import logging
from dataclasses import dataclass

from pypdf import PdfReader
from pypdf.errors import PyPdfError
from pypdf.generic import ArrayObject, DictionaryObject, IndirectObject, NameObject, NumberObject

logger = logging.getLogger(__name__)

# Dictionary keys whose mere presence means the PDF can run something or carries a file.
ACTIVE_KEYS = frozenset(
    {"/JavaScript", "/JS", "/AA", "/Launch", "/EmbeddedFile", "/EmbeddedFiles", "/RichMedia"}
)
# Action types (/S) that run code, launch programs or send data out.
ACTIVE_ACTIONS = frozenset({"/JavaScript", "/Launch", "/ImportData", "/SubmitForm", "/RichMediaExecute"})
# A PDF with more objects than this is refused rather than walked (denial of service).
MAX_OBJECTS = 500_000
# Stored in extraction_error when a readable PDF has no text layer (a scanned image).
NO_TEXT = "no-text"
# Extracted text kept for search; a longer text is cut (a 50 MB PDF can hold a lot).
MAX_TEXT_CHARS = 2_000_000


class TooComplex(Exception):
    pass


def open_reader(data: bytes) -> PdfReader:
    """Parse `data`; raises pypdf errors (and a few builtin ones) for a broken file."""
    reader = PdfReader(io.BytesIO(data), strict=False)
    if not reader.is_encrypted:
        # Touch the page tree so that a broken one fails here, not later.
        len(reader.pages)
    return reader


def find_active_content(reader: PdfReader) -> list[str]:
    """Names of active-content features reachable from the trailer (catalog, info,
    pages, annotations, name trees), found by walking the parsed objects."""
    found: set[str] = set()
    seen: set[tuple[int, int]] = set()
    stack: list = [reader.trailer]
    visited = 0
    while stack:
        obj = stack.pop()
        if isinstance(obj, IndirectObject):
            ref = (obj.idnum, obj.generation)
            if ref in seen:
                continue
            seen.add(ref)
            obj = obj.get_object()
        visited += 1
        if visited > MAX_OBJECTS:
            raise TooComplex
        if isinstance(obj, DictionaryObject):
            for key, value in obj.items():
                if key in ACTIVE_KEYS:
                    found.add(key)
                elif key == "/OpenAction":
                    # A destination array (open at page 1, fit width) is harmless;
                    # an action dictionary other than a plain GoTo is not.
                    target = value.get_object() if isinstance(value, IndirectObject) else value
                    if isinstance(target, DictionaryObject) and target.get("/S") != "/GoTo":
                        found.add(key)
                elif key == "/S" and isinstance(value, NameObject) and value in ACTIVE_ACTIONS:
                    found.add(str(value))
                elif key == "/Type" and value == "/EmbeddedFile":
                    found.add("/EmbeddedFile")
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
    while stack and visited < MAX_OBJECTS:
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
