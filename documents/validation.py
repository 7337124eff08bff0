"""Upload validation: only real, parseable, unencrypted PDFs without active content."""

import io
import os

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from pypdf import PdfReader
from pypdf.errors import PyPdfError

from documents.pdfcheck import TooComplex, find_active_content, open_reader

MESSAGES = {
    "extension": _("Only PDF files (.pdf) can be uploaded."),
    "empty": _("The file is empty."),
    "too_large": _("The file is too large (%(size)s MB). The largest allowed size is %(max)s MB."),
    "not_pdf": _("The file is not a PDF: its content does not start with the PDF signature."),
    "truncated": _("The PDF file is incomplete (truncated): its end marker is missing. Upload it again."),
    "damaged": _("The PDF file is damaged and cannot be read."),
    "encrypted": _("The PDF file is encrypted or password-protected. Upload a version without encryption."),
    "active": _(
        "The PDF file contains active content (%(features)s), which is not allowed. "
        "Save it again without scripts, actions or attachments."
    ),
    "too_complex": _("The PDF file has too many internal objects to be checked."),
}

# The PDF end-of-file marker must be near the end (the spec allows trailing bytes).
TAIL_BYTES = 1024


def max_upload_bytes() -> int:
    return int(settings.DOCUMENT_MAX_UPLOAD_MB) * 1024 * 1024


def count_objects(data: bytes) -> int:
    """How many objects the PDF's cross-reference table lists, none of them parsed."""
    reader = PdfReader(io.BytesIO(data), strict=False)
    return sum(len(section) for section in reader.xref.values()) + len(reader.xref_objStm)


def _error(code: str, **params) -> ValidationError:
    message = MESSAGES[code]
    if params:
        message = message % params
    return ValidationError(message, code=code)


def validate_pdf_upload(uploaded) -> None:
    """Raise ValidationError (one translated message) unless `uploaded` is an acceptable PDF."""
    name = os.path.basename(getattr(uploaded, "name", "") or "")
    if not name.lower().endswith(".pdf"):
        raise _error("extension")
    size = uploaded.size
    if not size:
        raise _error("empty")
    if size > max_upload_bytes():
        raise _error("too_large", size=f"{size / 1024 / 1024:.1f}", max=settings.DOCUMENT_MAX_UPLOAD_MB)

    uploaded.seek(0)
    data = uploaded.read()
    uploaded.seek(0)
    if not data:
        raise _error("empty")
    if not data.startswith(b"%PDF-"):
        raise _error("not_pdf")
    if b"%%EOF" not in data[-TAIL_BYTES:]:
        raise _error("truncated")
    try:
        # Parsing objects is what takes time: count them from the cross-reference table
        # first, so that the check stays quick whatever the file (the text is read later,
        # in a limited process: documents/extraction.py).
        if count_objects(data) > settings.DOCUMENT_MAX_PDF_OBJECTS:
            raise TooComplex
        reader = open_reader(data)
        if reader.is_encrypted:
            raise _error("encrypted")
        features = find_active_content(reader)
    except TooComplex as exc:
        raise _error("too_complex") from exc
    except (PyPdfError, ValueError, KeyError, TypeError, AttributeError, RecursionError) as exc:
        raise _error("damaged") from exc
    if features:
        raise _error("active", features=", ".join(name.lstrip("/") for name in features))
