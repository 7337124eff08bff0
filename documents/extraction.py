"""Reading a stored PDF's text outside the request, in a child process with limits.

The upload stores the file with `text_status` pending and queues `extract_document_text`
(a django-tasks task run by `manage.py db_worker`). The task runs documents.textchild in
a separate process limited in CPU time (RLIMIT_CPU), memory (RLIMIT_AS) and wall-clock
time (killed when it runs over): a file over the limits is kept and marked too complex,
and staff can retry it.
"""

from __future__ import annotations

import json
import logging
import os
import resource
import signal
import subprocess
import sys
import tempfile
from dataclasses import dataclass

from django.conf import settings
from django_tasks import task
from wagtail.search import index

from documents.pdfcheck import PdfAnalysis
from documents.textchild import EXIT_OUT_OF_MEMORY

logger = logging.getLogger(__name__)

# What the text extraction sets on the document, its status included.
ANALYSIS_FIELDS = (
    "page_count",
    "extracted_text",
    "extraction_error",
    "is_tagged",
    "has_title",
    "has_language",
    "text_status",
)


class OverLimits(Exception):
    """The child process ran over its CPU, memory or wall-clock limit."""


class ChildFailed(Exception):
    """The child process ended without an answer for another reason."""


@dataclass(frozen=True)
class Limits:
    cpu_seconds: int
    memory_bytes: int
    wall_seconds: float

    @classmethod
    def from_settings(cls) -> Limits:
        return cls(
            cpu_seconds=int(settings.DOCUMENT_TEXT_CPU_SECONDS),
            memory_bytes=int(settings.DOCUMENT_TEXT_MEMORY_MB) * 1024 * 1024,
            wall_seconds=float(settings.DOCUMENT_TEXT_WALL_SECONDS),
        )


TEXT_READER_NICENESS = 19


def _apply_limits(limits: Limits):
    def preexec() -> None:
        # Soft limit: SIGXCPU ends the process; the hard limit a second later kills it
        # whatever it does with the signal.
        resource.setrlimit(resource.RLIMIT_CPU, (limits.cpu_seconds, limits.cpu_seconds + 1))
        resource.setrlimit(resource.RLIMIT_AS, (limits.memory_bytes, limits.memory_bytes))
        resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
        # The lowest CPU priority: on a busy machine the pages being served go first.
        os.nice(TEXT_READER_NICENESS)

    return preexec


def analyse_in_child(data: bytes, limits: Limits | None = None) -> PdfAnalysis:
    """documents.pdfcheck.analyse_pdf(data), run in a limited child process.

    Raises OverLimits when the child ran over a limit, ChildFailed when it ended otherwise."""
    limits = limits or Limits.from_settings()
    with tempfile.TemporaryFile() as errors:
        return _run_child(data, limits, errors)


def _run_child(data: bytes, limits: Limits, errors) -> PdfAnalysis:
    process = subprocess.Popen(  # our own interpreter and module
        [sys.executable, "-m", "documents.textchild"],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=errors,
        cwd=str(settings.BASE_DIR),
        preexec_fn=_apply_limits(limits),  # only setrlimit, between fork and exec
    )
    try:
        output, _ = process.communicate(data, timeout=limits.wall_seconds)
    except subprocess.TimeoutExpired:
        process.kill()
        process.communicate()
        raise OverLimits(f"over the wall-clock limit of {limits.wall_seconds:g} s") from None
    code = process.returncode
    if code == EXIT_OUT_OF_MEMORY:
        raise OverLimits(f"over the memory limit of {limits.memory_bytes // 1024 // 1024} MB")
    if code in (-signal.SIGXCPU, -signal.SIGKILL):
        # SIGXCPU at the soft CPU limit, SIGKILL at the hard one.
        raise OverLimits(f"over the CPU limit of {limits.cpu_seconds} s")
    if code < 0:
        # An allocation refused by the memory limit where Python cannot raise MemoryError
        # (in C code) aborts the process.
        name = signal.Signals(-code).name
        raise OverLimits(f"ended by {name} (memory limit {limits.memory_bytes // 1024 // 1024} MB)")
    if code != 0:
        errors.seek(max(0, errors.seek(0, 2) - 2000))
        logger.error("Text extraction ended with status %s: %s", code, errors.read().decode(errors="replace"))
        raise ChildFailed(f"text extraction ended with status {code}")
    try:
        answer = json.loads(output)
        result = PdfAnalysis(**answer["analysis"])
        records = list(answer["log"])
    except (ValueError, TypeError, KeyError) as exc:
        raise ChildFailed(f"unreadable answer from the text extraction: {exc}") from exc
    for level, name, message in records:
        logging.getLogger(name).log(level, "%s", message)
    return result


def read_document_bytes(document) -> bytes:
    """The file's bytes through its storage (no local path assumed); leaves it rewound."""
    with document.open_file() as f:
        data = f.read()
        f.seek(0)
    return data


def apply_analysis(document, limits: Limits | None = None) -> PdfAnalysis | None:
    """Read the document's file in the limited child and set the analysis fields and the
    text status (without saving). Returns the analysis, None when it was not read."""
    status = type(document).TextStatus
    try:
        result = analyse_in_child(read_document_bytes(document), limits)
    except (OverLimits, ChildFailed) as exc:
        # Over the limits is the file's doing (a warning); a failed child is ours (an error).
        too_complex = isinstance(exc, OverLimits)
        log = logger.warning if too_complex else logger.error
        log("Text of document %s not read: %s", document.pk, exc)
        document.text_status = status.TOO_COMPLEX if too_complex else status.FAILED
        document.extraction_error = str(exc)[:500]
        document.extracted_text = ""
        return None
    document.page_count = result.page_count
    document.extracted_text = result.text
    document.extraction_error = result.error
    document.is_tagged = result.is_tagged
    document.has_title = result.has_title
    document.has_language = result.has_language
    document.text_status = status.DONE
    return result


def reanalyse_document(document) -> PdfAnalysis | None:
    """Analyse the stored file again, save the fields and update the search index."""
    result = apply_analysis(document)
    document.save(update_fields=ANALYSIS_FIELDS)
    index.insert_or_update_object(document)
    return result


@task()
def extract_document_text(document_id: int) -> str:
    """Background task: read the text of a stored document (see the module docstring)."""
    from wagtail.documents import get_document_model

    document = get_document_model().objects.filter(pk=document_id).first()
    if document is None:
        return "missing"
    if document.text_status != document.TextStatus.PENDING:
        return "skipped"  # read already (queued twice), or its file changed since
    try:
        reanalyse_document(document)
    except OSError as exc:
        logger.error("Document %s: file missing (%s)", document_id, exc)
        document.text_status = document.TextStatus.FAILED
        document.extraction_error = f"{exc.__class__.__name__}: {exc}"[:500]
        document.save(update_fields=["text_status", "extraction_error"])
    return document.text_status


def queue_extraction(document) -> None:
    """Mark a saved document's text pending and queue its reading. With the immediate
    backend (development without a worker) it is read at once, still in the child."""
    type(document).objects.filter(pk=document.pk).update(text_status=document.TextStatus.PENDING)
    document.text_status = document.TextStatus.PENDING
    result = extract_document_text.enqueue(document.pk)
    if result.is_finished:
        document.refresh_from_db(fields=ANALYSIS_FIELDS)
