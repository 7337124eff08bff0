"""The app servers: `python -m deploy.appserver` runs Granian (WSGI) with cms.wsgi.

Stateless: nothing is written to local disk (no pid or log files; logs go to stdout), so
any number of these can run behind the proxy tier (deploy/nginx.conf) on shared
PostgreSQL, Redis and object storage. Settings come from the environment (README):

- `APP_SERVER_BIND` (default 127.0.0.1:8001), `WEB_CONCURRENCY` (worker processes,
  default one per CPU core: measured on 2 cores, two per core served fewer requests),
- `APP_SERVER_WORKER_LIFETIME` (seconds before a worker is replaced, default 86400),
- `APP_SERVER_ACCESS_LOG` (true/false, default false: the proxy logs requests).

Granian rather than gunicorn: its HTTP handling is native code with keep-alive; a request
answered from the application cache costs half as much as with gunicorn's sync workers.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path


def workers() -> int:
    return int(os.environ.get("WEB_CONCURRENCY") or os.cpu_count() or 1)


def args(bind: str | None = None, worker_count: int | None = None) -> list[str]:
    """The command line of one app server."""
    host, _, port = (bind or os.environ.get("APP_SERVER_BIND") or "127.0.0.1:8001").rpartition(":")
    command = [
        str(Path(sys.executable).with_name("granian")),
        "--interface",
        "wsgi",
        "--host",
        host,
        "--port",
        port,
        "--workers",
        str(worker_count or workers()),
        # One request at a time per worker, as Django's sync views expect.
        "--blocking-threads",
        "1",
        "--no-ws",
        "--respawn-failed-workers",
        "--workers-lifetime",
        os.environ.get("APP_SERVER_WORKER_LIFETIME", "86400"),
        "--log-level",
        os.environ.get("LOG_LEVEL", "info").lower(),
    ]
    if os.environ.get("APP_SERVER_ACCESS_LOG", "false").lower() in ("1", "true", "yes"):
        command.append("--access-log")
    return [*command, "cms.wsgi:application"]


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cms.settings.production")
    command = args()
    os.execv(command[0], command)  # noqa: S606 - our own fixed command line, no shell


if __name__ == "__main__":
    main()
