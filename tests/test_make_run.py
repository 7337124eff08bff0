"""`make run` serves what visitors see, with the scheduler beside it, and the README lists what
the two commands need.

The run target is started for real (`make -o install run`), on the test's database: the
commands that change no code here (migrate, load_demo, ensure_admin) are skipped by a stand-in
for manage.py that hands runserver and run_scheduler to the real one.
"""

import os
import re
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest
from lxml import html as lxml_html

from home.models import HomePage
from tests.scheduler import database_url, wait_for_log

ROOT = Path(__file__).resolve().parent.parent
README = (ROOT / "README.md").read_text()

MANAGE_STANDIN = f"""
import os, sys
if sys.argv[1] in ("migrate", "load_demo", "ensure_admin"):
    sys.exit(0)
os.execv(sys.executable, [sys.executable, {str(ROOT / "manage.py")!r}, *sys.argv[1:]])
"""


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _session_processes(session_id: int) -> list[str]:
    """Command lines of the live processes in a session (what a terminal's Ctrl-C reaches)."""
    found = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
            cmdline = (stat.parent / "cmdline").read_bytes().replace(b"\0", b" ").decode()
        except OSError:
            continue
        # After the command name: state, ppid, pgrp, session.
        if int(fields[3]) == session_id and fields[0] != "Z":
            found.append(cmdline)
    return found


def _make_run(
    tmp_path: Path, port: int, *, drop: tuple[str, ...] = (), extra: dict | None = None
) -> tuple[subprocess.Popen, Path]:
    """`make run PORT=<port>` on this test's database, as a newcomer's terminal starts it."""
    standin = tmp_path / "manage.py"
    standin.write_text(MANAGE_STANDIN)
    dropped = ("DJANGO_SETTINGS_MODULE", "DEBUG", "MAKEFLAGS", *drop)
    env = {k: v for k, v in os.environ.items() if k not in dropped}
    env.update({"DATABASE_URL": database_url(), "PYTHONUNBUFFERED": "1", **(extra or {})})
    log = tmp_path / "make-run.log"
    with log.open("w") as out:
        process = subprocess.Popen(
            ["make", "-o", "install", "run", f"PORT={port}", f"MANAGE={sys.executable} {standin}"],
            cwd=ROOT,
            env=env,
            stdout=out,
            stderr=subprocess.STDOUT,
            # Its own session, like a terminal: Ctrl-C is SIGINT to the whole group.
            start_new_session=True,
        )
    return process, log


def _get(url: str) -> tuple[int, bytes, dict]:
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return response.status, response.read(), dict(response.headers)
    except urllib.error.HTTPError as error:
        return error.code, error.read(), dict(error.headers)


def _wait_until_serving(base: str, process: subprocess.Popen, log: Path, timeout: float = 120) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        assert process.poll() is None, log.read_text()[-3000:]
        try:
            if _get(f"{base}/healthz")[0] == 200:
                return
        except OSError:
            pass
        time.sleep(0.5)
    raise AssertionError(f"make run did not serve within {timeout} s:\n{log.read_text()[-3000:]}")


def _left_running(process: subprocess.Popen, timeout: float = 20) -> list[str]:
    """What is still running in make's session once its processes had time to exit."""
    deadline = time.monotonic() + timeout
    while (left := _session_processes(process.pid)) and time.monotonic() < deadline:
        time.sleep(0.5)
    return left


def _stop_all(process: subprocess.Popen) -> None:
    for sig in (signal.SIGTERM, signal.SIGKILL):
        if not _session_processes(process.pid):
            break
        os.killpg(process.pid, sig)
        time.sleep(2)
    if process.poll() is None:
        process.wait(timeout=10)


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_make_run_serves_visitors_pages_with_the_scheduler_beside_it(translated_home, tmp_path):
    port = _free_port()
    base = f"http://127.0.0.1:{port}"
    process, log = _make_run(tmp_path, port)
    try:
        _wait_until_serving(base, process, log)
        wait_for_log(log, "Scheduler started: scheduled publishing every 60 s")

        # DEBUG is off: an unknown Swedish address gets the site's Swedish 404 page.
        status, body, _headers = _get(f"{base}/sv/finns-inte/")
        assert status == 404
        doc = lxml_html.fromstring(body.decode())
        assert doc.get("lang") == "sv"
        assert doc.xpath("normalize-space(//h1)") == "Sidan hittades inte"
        assert b"DEBUG = True" not in body
        # ... and static files are served all the same.
        status, body, headers = _get(f"{base}/static/css/site.css")
        assert status == 200
        assert headers["Content-Type"].startswith("text/css")
        assert body == (ROOT / "static" / "css" / "site.css").read_bytes()
        status, _body, _headers = _get(f"{base}/static/vendor/hds/base.min.css")
        assert status == 200

        # A change made by another process (as the scheduler publishes) is served at once:
        # the server keeps no copy of the old page that only its own process could invalidate.
        assert "Toisen prosessin otsikko" not in _get(f"{base}/fi/")[1].decode()
        home = HomePage.objects.get(pk=translated_home["fi"].pk)
        home.title = "Toisen prosessin otsikko"
        home.save_revision().publish()
        assert "Toisen prosessin otsikko" in _get(f"{base}/fi/")[1].decode()

        # Ctrl-C stops the server and the scheduler: nothing is left running.
        os.killpg(process.pid, signal.SIGINT)
        process.wait(timeout=60)
        assert _left_running(process) == []
        assert "Scheduler stopped" in log.read_text()
    finally:
        _stop_all(process)


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_the_scheduler_stops_when_the_server_cannot_start(tmp_path):
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        process, log = _make_run(tmp_path, port)
        try:
            assert process.wait(timeout=120) != 0
            assert _left_running(process) == [], log.read_text()[-3000:]
        finally:
            _stop_all(process)
    assert "run_scheduler" in log.read_text()


@pytest.mark.parametrize(("debug", "expected"), [(None, "False"), ("1", "True")])
def test_dev_settings_keep_debug_off_unless_asked(debug, expected):
    env = {k: v for k, v in os.environ.items() if k != "DEBUG"}
    env["DJANGO_SETTINGS_MODULE"] = "cms.settings.dev"
    if debug:
        env["DEBUG"] = debug
    result = subprocess.run(
        [sys.executable, "-c", "from django.conf import settings; print(settings.DEBUG)"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    assert result.stdout.strip() == expected


# What each tool the Makefile runs is called in the README's requirements.
TOOLS = {
    r"^python3 ": ["Python ≥ 3.11"],
    r"\bcompilemessages\b": ["GNU gettext", "`msgfmt`"],
    r"^npm ": ["Node.js ≥ 20.19", "npm ≥ 10"],
    r"^node ": ["Node.js ≥ 20.19"],
    r"\bchromium\b": ["**Chromium**", "`make browser`"],
    r"\bnginx\b": ["**nginx**", "`make perf-tools`"],
    r"\bwrk\b": ["**wrk**"],
    r"\bpdfinfo\b": ["**pdfinfo**", "`make pdf-tools`"],
}


@pytest.mark.parametrize("target", ["run", "test"])
def test_readme_lists_every_tool_the_two_commands_run(target):
    # -n -B: every command of the target and all it depends on, printed, none run.
    commands = subprocess.run(
        ["make", "-n", "-B", target], cwd=ROOT, capture_output=True, text=True, check=True, timeout=60
    ).stdout
    requirements = README.split("## Two commands", 1)[1].split("\n## ", 1)[0]
    used = [pattern for pattern in TOOLS if re.search(pattern, commands, re.MULTILINE)]
    assert used, commands
    for pattern in used:
        for name in TOOLS[pattern]:
            assert name in requirements, f"{target} runs {pattern!r}; the README does not say {name!r}"
    expected = {r"^python3 ", r"\bcompilemessages\b", r"^npm "}
    if target == "test":
        expected |= {r"\bchromium\b", r"\bnginx\b", r"\bwrk\b", r"\bpdfinfo\b"}
    assert expected <= set(used)


def test_production_runs_the_scheduler_as_documented():
    unit = (ROOT / "deploy" / "scheduler.service").read_text()
    assert re.search(r"^ExecStart=\S+/python manage.py run_scheduler\b", unit, re.MULTILINE)
    assert "Environment=DJANGO_SETTINGS_MODULE=cms.settings.production" in unit
    assert "manage.py run_scheduler" in README.split("## Deployment", 1)[1]
