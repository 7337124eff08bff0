"""The benchmark's uploads under load (bench/uploads.py, issue 16): its helpers do what the
benchmark relies on, against a live server and the real text reader, in a few seconds.

`make bench` itself runs them against the production stack (bench/run.py, measure_uploads).
"""

import os

import pytest
from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from wagtail.models import Collection

from bench import uploads
from board.permissions import ensure_communications_group
from documents import hostile_pdfs
from documents.extraction import Limits, OverLimits, analyse_in_child
from documents.models import CustomDocument
from documents.validation import validate_pdf_upload
from tests.documents import pdfs
from tests.tasks import run_ready_tasks

PASSWORD = "bench-salasana-9"
# The live server reads what the test wrote: committed, and the locales restored after the flush.
live = pytest.mark.django_db(transaction=True, serialized_rollback=True)


@pytest.fixture
def staff(db, settings):
    """The uploading staff member, as bench/uploads.py's staff script makes them."""
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    user = get_user_model().objects.create_user(uploads.USERNAME, "bench@example.invalid", PASSWORD)
    user.groups.add(ensure_communications_group())
    return user


@live
def test_the_bench_uploads_through_the_admin_and_the_worker_reads_the_text(staff, live_server):
    session = uploads.AdminSession(live_server.url)
    session.login(uploads.USERNAME, PASSWORD)
    data = pdfs.good("Pöytäkirja", [f"Päätettiin {pdfs.MINUTES_WORD}."])

    upload = session.upload(uploads.PREFIX + "poytakirja.pdf", data, Collection.get_first_root_node().pk)

    assert upload.status == 200, upload.error
    assert upload.error == ""
    assert upload.size == len(data)
    assert 0 < upload.seconds < 30
    document = CustomDocument.objects.get(pk=upload.document_id)
    assert document.title.startswith(uploads.PREFIX)
    assert document.text_status == CustomDocument.TextStatus.PENDING
    try:
        if connection.vendor == "postgresql":
            url = "postgres://{USER}@{HOST}:{PORT}/{NAME}".format(**connection.settings_dict)
            if connection.settings_dict["PASSWORD"]:
                url = url.replace("@", f":{connection.settings_dict['PASSWORD']}@", 1)
            assert uploads.text_statuses(url, [document.pk]) == {document.pk: ("pending", "")}

        run_ready_tasks()

        document.refresh_from_db()
        assert document.text_status == CustomDocument.TextStatus.DONE
        assert pdfs.MINUTES_WORD in document.extracted_text
    finally:
        document.file.delete(save=False)


@live
def test_a_refused_upload_is_reported_with_the_reason(staff, live_server):
    session = uploads.AdminSession(live_server.url)
    session.login(uploads.USERNAME, PASSWORD)

    upload = session.upload(uploads.PREFIX + "muistio.pdf", b"Kokousmuistio, ei PDF", 1)

    assert upload.status == 200
    assert upload.document_id is None
    assert "PDF" in upload.error  # the form's reason, in the staff member's language
    assert not CustomDocument.objects.exists()


@live
def test_a_failed_login_is_an_error_not_a_silent_anonymous_session(staff, live_server):
    with pytest.raises(RuntimeError, match="admin login failed"):
        uploads.AdminSession(live_server.url).login(uploads.USERNAME, "wrong-password-9")


def test_the_watch_sees_the_text_reader_and_its_cpu_time():
    """BusyWatch and worker_cpu_seconds on this process, the parent of a real text reader
    that runs until its CPU limit ends it (the finished child's time must still count)."""
    before = uploads.worker_cpu_seconds(os.getpid())
    with uploads.BusyWatch(os.getpid(), interval=0.05) as watch, pytest.raises(OverLimits):
        analyse_in_child(hostile_pdfs.operator_stream(), Limits(1, 1024 * 1024 * 1024, 60))
    used = uploads.worker_cpu_seconds(os.getpid()) - before

    assert watch.busy_fraction > 0.5
    assert not uploads.reading_text(os.getpid())
    assert used >= 0.9  # the child's second of CPU, counted after it was reaped


def test_the_worst_uploads_pass_the_structure_check(settings):
    """The four files the benchmark uploads all reach the worker: none is refused in the request."""
    settings.DOCUMENT_MAX_UPLOAD_MB = 2  # a smaller limit, the same padding
    max_bytes = settings.DOCUMENT_MAX_UPLOAD_MB * 1024 * 1024
    files = hostile_pdfs.worst_uploads(max_bytes, settings.DOCUMENT_MAX_PDF_OBJECTS)

    assert [name for name, _data in files] == [
        "operators.pdf",
        "nested-forms.pdf",
        "many-pages.pdf",
        "at-size-limit.pdf",
    ]
    assert len(files[-1][1]) == max_bytes
    for name, data in files:
        validate_pdf_upload(SimpleUploadedFile(name, data))  # raises ValidationError when refused


def test_the_bench_reads_how_many_connections_each_worker_holds():
    """bench.run.connection_split: the per-worker split of wrk's connections that the report
    shows beside each cold p99 (a process holding 3 accepted connections reads "3")."""
    import socket

    from bench.run import connection_split

    with socket.create_server(("127.0.0.1", 0)) as server:
        port = server.getsockname()[1]
        clients = [socket.create_connection(("127.0.0.1", port)) for _ in range(3)]
        accepted = [server.accept()[0] for _ in clients]
        try:
            assert connection_split(port) == "3"
        finally:
            for sock in clients + accepted:
                sock.close()
