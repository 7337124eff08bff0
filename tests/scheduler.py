"""The real scheduler process for tests: `manage.py run_scheduler` on the test's own database.

Needs a database other processes can reach: PostgreSQL, or the suite's SQLite file
(cms/settings/test.py); use it from a `django_db(transaction=True)` test so that the rows the
test writes are committed. Browser journeys can use it too:

    with running_scheduler(tmp_path / "scheduler.log", interval=5) as scheduler:
        ...
"""

import os
import signal
import subprocess
import sys
import time
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import quote

from django.db import connection

ROOT = Path(__file__).resolve().parent.parent


def database_url() -> str:
    """DATABASE_URL of the database this test runs on, for a child process."""
    db = connection.settings_dict
    if connection.vendor == "sqlite":
        if connection.is_in_memory_db():
            raise RuntimeError("an in-memory SQLite database cannot be shared with another process")
        return f"sqlite:///{db['NAME']}"
    auth = quote(db["USER"] or "", safe="")
    if db["PASSWORD"]:
        auth += ":" + quote(db["PASSWORD"], safe="")
    host = db["HOST"] or "localhost"
    port = f":{db['PORT']}" if db["PORT"] else ""
    return f"postgres://{auth}@{host}{port}/{quote(db['NAME'], safe='')}"


def child_environment(**overrides: str) -> dict[str, str]:
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "cms.settings.test",
        "DATABASE_URL": database_url(),
        "PYTHONUNBUFFERED": "1",
    }
    env.update(overrides)
    return env


@contextmanager
def running_scheduler(log_path: Path, interval: float = 5, **env: str):
    """Start `manage.py run_scheduler --interval N`; on exit stop it with SIGTERM, as systemd does.

    Yields the Popen; its output (the scheduler's log) goes to `log_path`.
    """
    with log_path.open("w") as log:
        process = subprocess.Popen(
            [sys.executable, "manage.py", "run_scheduler", "--interval", str(interval)],
            cwd=ROOT,
            env=child_environment(**env),
            stdout=log,
            stderr=subprocess.STDOUT,
        )
    try:
        yield process
    finally:
        if process.poll() is None:
            process.send_signal(signal.SIGTERM)
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def wait_for_log(log_path: Path, text: str, timeout: float = 60, count: int = 1) -> str:
    """Wait until `text` appears `count` times in the log; returns the log."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        content = log_path.read_text()
        if content.count(text) >= count:
            return content
        time.sleep(0.2)
    raise AssertionError(f"{text!r} not in the log within {timeout} s:\n{log_path.read_text()[-3000:]}")
