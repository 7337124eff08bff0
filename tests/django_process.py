"""Run a few lines of Python in a fresh process with Django set up, as a server process
would start with the settings its environment names."""

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def run_django(code: str, environment: dict[str, str], timeout: int = 120) -> subprocess.CompletedProcess:
    """`code` after `django.setup()`, in ROOT, with exactly `environment`."""
    return subprocess.run(
        [sys.executable, "-c", "import django; django.setup()\n" + code],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=timeout,
    )
