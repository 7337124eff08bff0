"""Issue 16, item 1: no upload can slow anyone else.

The upload checks the PDF's structure in the request and stores it with its text pending;
the text is read by a background task (`manage.py db_worker`) in a child process limited in
CPU time, memory and wall-clock time. The worst files are generated here: a 200 000-operator
content stream, 50 000 pages, form objects nested 40 deep, a file of exactly the size limit.
"""

import os
import resource
import subprocess
import sys

import pytest
from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django_tasks_db.models import DBTaskResult
from wagtail.models import Collection
from wagtail.users.models import UserProfile

from board.permissions import ensure_communications_group
from documents import extraction, hostile_pdfs, pdfcheck
from documents.extraction import Limits, OverLimits, analyse_in_child
from documents.models import CustomDocument
from tests.documents import pdfs
from tests.scheduler import ROOT, child_environment
from tests.tasks import run_ready_tasks

TASK_PATH = "documents.extraction.extract_document_text"
# The Finnish label, from locale/fi once the strings file is merged.
TOO_COMPLEX_FI = "tekstiä ei luettu: liian monimutkainen"

WORST = {
    "operators": hostile_pdfs.operator_stream,
    "nested_forms": hostile_pdfs.nested_forms,
    "at_size_limit": None,  # built from the setting in the test
}


@pytest.fixture(autouse=True)
def _queue_in_the_database(settings):
    """Production's task backend: the upload queues, `db_worker` runs."""
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    # Small limits, so that a test shows them without waiting long.
    settings.DOCUMENT_TEXT_CPU_SECONDS = 2
    settings.DOCUMENT_TEXT_MEMORY_MB = 512
    settings.DOCUMENT_TEXT_WALL_SECONDS = 30


@pytest.fixture
def communications(client, db):
    user = get_user_model().objects.create_user("viestija", "viestija@example.invalid", "v-salasana-9")
    user.groups.add(ensure_communications_group())
    profile = UserProfile.get_for_user(user)
    profile.preferred_language = "fi"
    profile.save()
    client.force_login(user)
    return client


@pytest.fixture
def extraction_calls(monkeypatch):
    """Every text extraction started in this process (the child is started from here)."""
    calls = []
    real_popen = extraction.subprocess.Popen
    real_analyse = pdfcheck.analyse_pdf

    def popen(*args, **kwargs):
        calls.append("child")
        return real_popen(*args, **kwargs)

    def analyse(*args, **kwargs):
        calls.append("in process")
        return real_analyse(*args, **kwargs)

    monkeypatch.setattr(extraction.subprocess, "Popen", popen)
    monkeypatch.setattr(pdfcheck, "analyse_pdf", analyse)
    return calls


def upload(client, name: str, data: bytes):
    collection = Collection.get_first_root_node()
    return client.post(
        reverse("wagtaildocs:add"),
        {
            "title": name,
            "collection": collection.pk,
            "kind": "minutes",
            "language": "fi",
            "document_date": "2026-03-12",
            "file": SimpleUploadedFile(name, data, content_type="application/pdf"),
        },
    )


def run_worker() -> list[str]:
    """The queued tasks run as `manage.py db_worker` runs them; the real process is used in the
    last test."""
    return [result.task_path for result in run_ready_tasks()]


def queued_extractions() -> list[list]:
    ready = DBTaskResult.objects.ready().filter(task_path=TASK_PATH)
    return [result.args_kwargs["args"] for result in ready]


def children_cpu_seconds() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def worst_file(name: str, settings) -> bytes:
    if name == "at_size_limit":
        return hostile_pdfs.exactly(settings.DOCUMENT_MAX_UPLOAD_MB * 1024 * 1024)
    return WORST[name]()


@pytest.mark.parametrize("name", list(WORST))
def test_the_worst_files_are_stored_at_once_and_their_text_read_within_the_limits(
    name, communications, extraction_calls, settings
):
    data = worst_file(name, settings)
    if name == "at_size_limit":
        assert len(data) == settings.DOCUMENT_MAX_UPLOAD_MB * 1024 * 1024

    response = upload(communications, f"{name}.pdf", data)

    # The request stored the file and queued the reading; it read nothing itself.
    assert response.status_code == 302, response.content[:2000]
    document = CustomDocument.objects.get(title=f"{name}.pdf")
    assert document.text_status == CustomDocument.TextStatus.PENDING
    assert extraction_calls == []
    assert queued_extractions() == [[document.pk]]

    cpu_before = children_cpu_seconds()
    assert TASK_PATH in run_worker()
    cpu_used = children_cpu_seconds() - cpu_before

    # The child, and only the child, read the file, within its CPU limit (the kernel ends it
    # with SIGXCPU at the soft limit, SIGKILL at the hard one a second later).
    assert extraction_calls == ["child"]
    assert cpu_used <= settings.DOCUMENT_TEXT_CPU_SECONDS + 1.5
    document.refresh_from_db()
    if name == "nested_forms":
        # pypdf itself stops following forms after 5 000 invocations: read, within the limits.
        assert document.text_status in (CustomDocument.TextStatus.DONE, CustomDocument.TextStatus.TOO_COMPLEX)
    else:
        assert document.text_status == CustomDocument.TextStatus.TOO_COMPLEX
        assert document.extracted_text == ""
        # Kept: the file is still there and served to staff.
        assert document.file.storage.exists(document.file.name)
        assert communications.get(document.url).status_code == 200


def test_fifty_thousand_pages_are_refused_by_the_quick_structure_check(communications, extraction_calls):
    response = upload(communications, "sivuja.pdf", hostile_pdfs.many_pages(50_000))

    assert response.status_code == 200  # the form again, with the reason
    assert "liian monta sisäistä objektia" in response.content.decode()
    assert not CustomDocument.objects.exists()
    assert extraction_calls == []


def test_the_memory_limit_refuses_the_fifty_thousand_page_file():
    """Were such a file let through (a higher DOCUMENT_MAX_PDF_OBJECTS), the memory cap holds."""
    with pytest.raises(OverLimits, match="memory"):
        analyse_in_child(hostile_pdfs.many_pages(50_000), Limits(60, 100 * 1024 * 1024, 120))


def test_the_wall_clock_limit_kills_the_child():
    """A child that stays within its CPU time (it may be waiting) is killed at the wall-clock limit."""
    with pytest.raises(OverLimits, match="wall-clock"):
        analyse_in_child(hostile_pdfs.operator_stream(), Limits(600, 1024 * 1024 * 1024, 1))


def test_the_text_reader_runs_at_the_lowest_cpu_priority():
    """Pages being served go before a file's text on a busy machine (bench: home p99 during uploads)."""
    probe = subprocess.run(
        [sys.executable, "-c", "import os; print(os.nice(0))"],
        preexec_fn=extraction._apply_limits(Limits(5, 1024 * 1024 * 1024, 10)),
        capture_output=True,
        text=True,
        check=True,
    )
    assert int(probe.stdout) == min(19, os.nice(0) + extraction.TEXT_READER_NICENESS)


def test_the_cpu_limit_ends_the_child():
    before = children_cpu_seconds()
    with pytest.raises(OverLimits, match="CPU limit of 1 s"):
        analyse_in_child(hostile_pdfs.operator_stream(), Limits(1, 1024 * 1024 * 1024, 600))
    assert children_cpu_seconds() - before <= 2.5


def test_too_complex_is_shown_translated_and_staff_can_retry(communications, settings):
    settings.DOCUMENT_TEXT_WALL_SECONDS = 0.01  # even a normal file runs over it
    upload(communications, "poytakirja.pdf", pdfs.good("Pöytäkirja", [f"Päätettiin {pdfs.MINUTES_WORD}."]))
    document = CustomDocument.objects.get()
    run_worker()
    document.refresh_from_db()
    assert document.text_status == CustomDocument.TextStatus.TOO_COMPLEX
    assert not CustomDocument.objects.search(pdfs.MINUTES_WORD)

    listing = communications.get(reverse("wagtaildocs:index")).content.decode()
    assert TOO_COMPLEX_FI in listing
    edit_page = communications.get(reverse("wagtaildocs:edit", args=[document.pk])).content.decode()
    retry_url = reverse("documents_retry_text", args=[document.pk])
    assert f'action="{retry_url}"' in edit_page

    response = communications.post(retry_url)

    assert response.status_code == 302
    document.refresh_from_db()
    assert document.text_status == CustomDocument.TextStatus.PENDING
    assert queued_extractions() == [[document.pk]]
    settings.DOCUMENT_TEXT_WALL_SECONDS = 30
    run_worker()
    document.refresh_from_db()
    assert document.text_status == CustomDocument.TextStatus.DONE
    assert pdfs.MINUTES_WORD in document.extracted_text
    assert list(CustomDocument.objects.search(pdfs.MINUTES_WORD)) == [document]
    document.file.delete(save=False)
    assert TOO_COMPLEX_FI not in communications.get(reverse("wagtaildocs:index")).content.decode()


def test_retry_needs_the_change_permission(client, db, communications):
    upload(communications, "a.pdf", pdfs.good())
    document = CustomDocument.objects.get()
    run_worker()
    CustomDocument.objects.filter(pk=document.pk).update(text_status=CustomDocument.TextStatus.TOO_COMPLEX)
    outsider = get_user_model().objects.create_user("ulkopuolinen", "u@example.invalid", "u-salasana-9")
    client.force_login(outsider)

    response = client.post(reverse("documents_retry_text", args=[document.pk]))

    assert response.status_code in (302, 403)
    document.refresh_from_db()
    assert document.text_status == CustomDocument.TextStatus.TOO_COMPLEX
    assert queued_extractions() == []


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_the_real_worker_process_reads_an_uploaded_pdf(communications, settings):
    """`manage.py db_worker`, as production and `make run` start it, reads a normal upload."""
    # The worker's storage: the test settings' media root, not this test's own one.
    settings.MEDIA_ROOT = str(ROOT / "var" / "test-media")
    upload(communications, "poytakirja.pdf", pdfs.good("Pöytäkirja", [f"Päätettiin {pdfs.MINUTES_WORD}."]))
    document = CustomDocument.objects.get()
    assert document.text_status == CustomDocument.TextStatus.PENDING

    finished = subprocess.run(
        [sys.executable, "manage.py", "db_worker", "--batch", "--no-startup-delay", "--queue-name", "*"],
        cwd=ROOT,
        env=child_environment(TASKS_BACKEND="database"),
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )

    assert finished.returncode == 0, finished.stderr[-3000:]
    document.refresh_from_db()
    assert document.text_status == CustomDocument.TextStatus.DONE
    assert pdfs.MINUTES_WORD in document.extracted_text
    assert list(CustomDocument.objects.search(pdfs.MINUTES_WORD)) == [document]
    document.file.delete(save=False)


def test_a_refused_allocation_ends_the_reading_at_once(monkeypatch):
    """Under the memory limit every later page would fail the same way: the first MemoryError
    ends the reading, reported as the memory limit (documents/textchild.py exits with it),
    instead of trying each remaining page until the CPU limit ends the child."""
    from pypdf import PageObject

    attempts = []

    def refused(self, *args, **kwargs):
        attempts.append(self)
        raise MemoryError

    monkeypatch.setattr(PageObject, "extract_text", refused)
    result = pdfcheck.analyse_pdf(hostile_pdfs.many_pages(50))
    assert result.page_count == 50
    assert len(attempts) == 1
    assert result.error.startswith("MemoryError")
