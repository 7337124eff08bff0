"""The benchmark's uploads under load (issue 16): hostile PDFs sent through the real admin
upload by a signed-in staff member, and a watch on the task worker that reads their text.

The home page's p99 is measured at rest and again while the worker reads four such files
(bench/run.py); these helpers do the uploading and the watching. They speak HTTP and read
/proc only, so they work against any server: the benchmark's production stack, or a test's
live server (tests/perf/test_bench_uploads.py).
"""

from __future__ import annotations

import os
import re
import secrets
import threading
import time
from dataclasses import dataclass
from pathlib import Path

import requests

# Titles of the benchmark's uploads start with this (the admin takes the title from the
# file name): what the clean-up deletes, also after a run that was stopped half-way.
PREFIX = "bench-upload-"
USERNAME = "bench-uploader"

STAFF = """
import json
from django.conf import settings
from django.contrib.auth import get_user_model
from wagtail.models import Collection
from board.permissions import ensure_communications_group
from documents.models import CustomDocument
User = get_user_model()
for document in CustomDocument.objects.filter(title__startswith={prefix!r}):
    document.delete()  # its file too, by a task of the worker
user, _ = User.objects.get_or_create(username={username!r}, defaults={{"email": "bench@example.invalid"}})
user.set_password({password!r})
user.is_active = True
user.save()
user.groups.add(ensure_communications_group())
print(json.dumps({{
    "collection": Collection.get_first_root_node().pk,
    "max_upload_bytes": settings.DOCUMENT_MAX_UPLOAD_MB * 1024 * 1024,
    "max_objects": settings.DOCUMENT_MAX_PDF_OBJECTS,
    "cpu_seconds": settings.DOCUMENT_TEXT_CPU_SECONDS,
    "memory_mb": settings.DOCUMENT_TEXT_MEMORY_MB,
    "wall_seconds": settings.DOCUMENT_TEXT_WALL_SECONDS,
}}))
"""

CLEAN_UP = """
from django.contrib.auth import get_user_model
from documents.models import CustomDocument
for document in CustomDocument.objects.filter(title__startswith={prefix!r}):
    document.delete()  # its file too, by a task of the worker
get_user_model().objects.filter(username={username!r}).delete()
"""


def staff_script(password: str) -> str:
    """Python (run with Django set up) that makes the uploading staff member, removes what an
    earlier run left, and prints the upload and text-reading limits as JSON."""
    return STAFF.format(prefix=PREFIX, username=USERNAME, password=password)


def clean_up_script() -> str:
    return CLEAN_UP.format(prefix=PREFIX, username=USERNAME)


def new_password() -> str:
    return secrets.token_urlsafe(24)


@dataclass
class Upload:
    name: str
    size: int
    status: int  # the HTTP status of the upload request
    seconds: float  # until the upload request was answered
    document_id: int | None = None
    error: str = ""


class AdminSession:
    """A staff member signed in to the Wagtail admin at `base`, over plain HTTP.

    The cookies are kept by hand: production marks them Secure, and a client's cookie jar
    would not send them back over the loopback's plain HTTP."""

    def __init__(self, base: str) -> None:
        assert base.startswith(("http://127.0.0.1:", "http://localhost:")), base  # this machine only
        self.base = base
        self.cookies: dict[str, str] = {}

    def _token(self, path: str) -> str:
        page = requests.get(f"{self.base}{path}", cookies=self.cookies, timeout=30)
        if page.status_code != 200:
            raise RuntimeError(f"GET {path} answered {page.status_code}")
        if "csrftoken" in page.cookies:
            self.cookies["csrftoken"] = page.cookies["csrftoken"]
        return re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.text).group(1)

    def login(self, username: str, password: str) -> None:
        token = self._token("/admin/login/")
        response = requests.post(
            f"{self.base}/admin/login/",
            data={"username": username, "password": password, "csrfmiddlewaretoken": token},
            cookies=self.cookies,
            allow_redirects=False,
            timeout=30,
        )
        if response.status_code != 302 or "sessionid" not in response.cookies:
            raise RuntimeError(f"admin login failed ({response.status_code}): {response.text[:300]}")
        self.cookies["sessionid"] = response.cookies["sessionid"]

    def upload(self, name: str, data: bytes, collection: int) -> Upload:
        """The request the admin's "Add documents" page sends for each file it is given."""
        path = "/admin/documents/multiple/add/"
        token = self._token(path)
        started = time.monotonic()
        response = requests.post(
            f"{self.base}{path}",
            files={"files[]": (name, data, "application/pdf")},
            data={"csrfmiddlewaretoken": token, "collection": str(collection)},
            cookies=self.cookies,
            headers={"X-Requested-With": "XMLHttpRequest", "X-CSRFToken": self.cookies.get("csrftoken", "")},
            allow_redirects=False,
            timeout=300,
        )
        seconds = time.monotonic() - started
        result = Upload(name, len(data), response.status_code, seconds)
        try:
            answer = response.json()
        except ValueError:
            result.error = response.text[:300]
            return result
        if answer.get("success"):
            result.document_id = answer["doc_id"]
        else:
            result.error = answer.get("error_message", "")[:300]
        return result


def _stat(pid: int) -> list[str] | None:
    try:
        # The fields after the command name, which may itself hold spaces or parentheses.
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except (OSError, IndexError):
        return None


def children(pid: int) -> list[int]:
    found = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        fields = _stat(int(stat.parent.name))
        if fields and int(fields[1]) == pid:
            found.append(int(stat.parent.name))
    return found


def reading_text(worker_pid: int) -> bool:
    """Whether the worker has a text reader child (documents.textchild) running now."""
    for child in children(worker_pid):
        try:
            if b"documents.textchild" in Path(f"/proc/{child}/cmdline").read_bytes():
                return True
        except OSError:
            continue
    return False


def worker_cpu_seconds(worker_pid: int) -> float:
    """CPU time of the worker, its finished children (the text readers it waited for) and
    its running ones."""
    ticks = os.sysconf("SC_CLK_TCK")
    fields = _stat(worker_pid)
    if fields is None:
        return 0.0
    # utime, stime, cutime, cstime (fields 14-17 of stat, counted after the name here).
    total = sum(int(value) for value in fields[11:15])
    for child in children(worker_pid):
        child_fields = _stat(child)
        if child_fields:
            total += int(child_fields[11]) + int(child_fields[12])
    return total / ticks


class BusyWatch:
    """Samples, in a thread, whether the worker is reading a file's text."""

    def __init__(self, worker_pid: int, interval: float = 0.25) -> None:
        self.worker_pid = worker_pid
        self.interval = interval
        self.samples: list[bool] = []
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def _run(self) -> None:
        while not self._stop.wait(self.interval):
            self.samples.append(reading_text(self.worker_pid))

    def __enter__(self) -> BusyWatch:
        self._thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self._stop.set()
        self._thread.join()

    @property
    def busy_fraction(self) -> float:
        return sum(self.samples) / len(self.samples) if self.samples else 0.0


def text_statuses(database_url: str, ids: list[int]) -> dict[int, tuple[str, str]]:
    """Each document's text status and the reason it was not read, straight from PostgreSQL
    (cheap enough to poll, unlike a Django process)."""
    import psycopg

    with psycopg.connect(database_url, autocommit=True) as conn:
        rows = conn.execute(
            "SELECT id, text_status, extraction_error FROM documents_customdocument WHERE id = ANY(%s)", [ids]
        ).fetchall()
    return {row[0]: (row[1], row[2]) for row in rows}
