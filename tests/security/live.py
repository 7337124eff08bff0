"""Real servers for the hostile-input and media tests, on a database of their own.

The demo content (`load_demo`) is loaded once into a fresh database of the engine the suite
runs on (a SQLite file, or a new PostgreSQL database beside DATABASE_URL's), then served as
deployed: Granian (deploy/appserver.py) under the test settings and under the production
settings (DEBUG off, hashed static files collected into a temporary folder), and `make run`'s
`runserver --insecure` under the development settings, with DEBUG off and on. Every process is
started and stopped by its own id (tests/perf/stack.py).
"""

from __future__ import annotations

import os
import re
import secrets
import socket
import sys
import urllib.parse
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from tests.perf import stack

ROOT = Path(__file__).resolve().parents[2]
# The test settings' MEDIA_ROOT (cms/settings/test.py); the other settings get it from the environment.
MEDIA_ROOT = ROOT / "var" / "test-media"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _base_env(database_url: str, settings_module: str, **extra: str) -> dict[str, str]:
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("DJANGO_", "DATABASE_", "PYTEST", "REDIS_", "STORAGE_", "DEBUG", "SECRET_KEY"))
    }
    env.update(
        DJANGO_SETTINGS_MODULE=settings_module,
        DATABASE_URL=database_url,
        MEDIA_ROOT=str(MEDIA_ROOT),
        TASKS_BACKEND="immediate",
        PYTHONPATH=str(ROOT),
        PYTHONDONTWRITEBYTECODE="1",
        PYTHONUNBUFFERED="1",
        LOG_LEVEL="WARNING",
        # Hundreds of requests from one address: the limits are tested elsewhere.
        RATELIMIT_ENABLED="False",
    )
    env.update(extra)
    return env


def production_env(database_url: str, static_root: Path, **extra: str) -> dict[str, str]:
    """The production settings as a local server runs them: a fresh key, plain HTTP on
    127.0.0.1, its static files collected into `static_root`."""
    return _base_env(
        database_url,
        "cms.settings.production",
        SECRET_KEY=secrets.token_urlsafe(50),
        DEBUG="False",
        ALLOWED_HOSTS="127.0.0.1,localhost",
        SECURE_SSL_REDIRECT="False",
        STATIC_ROOT=str(static_root),
        **extra,
    )


@contextmanager
def demo_database(work: Path):
    """DATABASE_URL of a fresh database with the demo content, on the suite's engine."""
    suite_url = os.environ.get("DATABASE_URL", "")
    if suite_url.startswith(("postgres://", "postgresql://")):
        import psycopg

        parsed = urllib.parse.urlsplit(suite_url)
        name = f"{parsed.path.lstrip('/') or 'postgres'}_live_{os.getpid()}"
        admin = urllib.parse.urlunsplit(parsed._replace(scheme="postgresql"))
        with psycopg.connect(admin, autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
            conn.execute(f'CREATE DATABASE "{name}"')
        url = urllib.parse.urlunsplit(parsed._replace(path=f"/{name}"))
    else:
        name = None
        url = f"sqlite:///{work / 'live.sqlite3'}"
    try:
        env = _base_env(url, "cms.settings.test")
        stack.manage(["migrate", "--noinput", "-v", "0"], env, ROOT)
        stack.manage(["load_demo"], env, ROOT)
        yield url
    finally:
        if name:
            with psycopg.connect(admin, autocommit=True) as conn:
                conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@dataclass
class Servers:
    """Base URLs of the running servers, by name."""

    bases: dict[str, str] = field(default_factory=dict)
    database_url: str = ""
    # A page-write API token of a superuser (wagtail's APIToken) per server: tokens are keyed
    # with each settings' SECRET_KEY.
    api_tokens: dict[str, str] = field(default_factory=dict)
    env: dict[str, dict[str, str]] = field(default_factory=dict)


def start_appservers(processes: stack.Processes, database_url: str, work: Path) -> Servers:
    """Granian under the test settings ("test") and the production settings ("production")."""
    servers = Servers(database_url=database_url)
    production = production_env(database_url, work / "static")
    stack.manage(["collectstatic", "--noinput", "-v", "0"], production, ROOT)
    # The test-settings server stands behind one proxy, as deployed: the client address is the
    # last X-Forwarded-For entry, so tests can sign in "from" several addresses.
    behind_proxy = _base_env(database_url, "cms.settings.test", TRUSTED_PROXY_COUNT="1")
    for name, env in (("test", behind_proxy), ("production", production)):
        port = free_port()
        processes.start(name, stack.appserver_args(port, workers=1), env, cwd=ROOT, port=port)
        servers.bases[name] = f"http://127.0.0.1:{port}"
        servers.env[name] = env
        servers.api_tokens[name] = run_python(API_TOKEN, env).strip().splitlines()[-1]
    return servers


API_TOKEN = """
from django.contrib.auth import get_user_model
from wagtail.models import APIToken

user = get_user_model().objects.filter(username="api-fuzz").first()
if user is None:
    user = get_user_model().objects.create_superuser("api-fuzz", "api-fuzz@example.invalid", None)
print(APIToken.create_token(user=user, name="hostile input")[1])
"""


def start_make_run_servers(processes: stack.Processes, database_url: str) -> Servers:
    """`make run`'s server (runserver --insecure, cms.settings.dev): DEBUG off ("dev") and on ("debug")."""
    servers = Servers(database_url=database_url)
    for name, debug in (("dev", "False"), ("debug", "True")):
        env = _base_env(database_url, "cms.settings.dev", DEBUG=debug)
        port = free_port()
        command = [sys.executable, str(ROOT / "manage.py"), "runserver", "--noreload", "--insecure"]
        processes.start(name, [*command, f"127.0.0.1:{port}"], env, cwd=ROOT, port=port)
        servers.bases[name] = f"http://127.0.0.1:{port}"
        servers.env[name] = env
    return servers


def run_python(code: str, env: dict[str, str]) -> str:
    return stack.run_python(code, env, ROOT)


def raw_request(base: str, request: bytes, timeout: float = 30) -> tuple[int, dict[str, str], bytes]:
    """Send bytes as they are (http.client cannot send some of them); the status, headers, body."""
    host, port = base.removeprefix("http://").split(":")
    with socket.create_connection((host, int(port)), timeout=timeout) as sock:
        sock.sendall(request)
        data = b""
        while chunk := sock.recv(65536):
            data += chunk
    head, _, body = data.partition(b"\r\n\r\n")
    lines = head.decode("latin-1").split("\r\n")
    status = int(lines[0].split()[1])
    headers = {}
    for line in lines[1:]:
        name, _, value = line.partition(":")
        headers[name.strip().lower()] = value.strip()
    if headers.get("transfer-encoding", "").lower() == "chunked":
        body = _unchunk(body)
    return status, headers, body


def _unchunk(body: bytes) -> bytes:
    out = b""
    while body:
        size_line, _, rest = body.partition(b"\r\n")
        size = int(size_line.split(b";")[0] or b"0", 16)
        if size == 0:
            break
        out += rest[:size]
        body = rest[size + 2 :]
    return out


def get(base: str, target: bytes, headers: bytes = b"", method: bytes = b"GET", body: bytes = b""):
    """One request with a raw request target and raw header lines."""
    host = base.removeprefix("http://").encode()
    request = method + b" " + target + b" HTTP/1.1\r\nHost: " + host + b"\r\nConnection: close\r\n"
    if body or method == b"POST":
        request += b"Content-Length: " + str(len(body)).encode() + b"\r\n"
    return raw_request(base, request + headers + b"\r\n" + body)


def sign_in(base: str, username: str, password: str, headers: bytes = b"") -> int:
    """The status of one admin sign-in through the real login form (its CSRF token and
    cookie taken from the form's page), every request with the extra `headers`."""
    status, answer_headers, body = get(base, b"/admin/login/", headers=headers)
    assert status == 200
    token = re.search(rb'name="csrfmiddlewaretoken" value="([^"]+)"', body).group(1)
    cookie = re.search(r"(\w*csrftoken)=([^;]+)", answer_headers["set-cookie"])
    form = (
        b"csrfmiddlewaretoken="
        + token
        + b"&username="
        + username.encode()
        + b"&password="
        + password.encode()
    )
    status, _headers, _body = get(
        base,
        b"/admin/login/",
        method=b"POST",
        body=form,
        headers=headers
        + b"Content-Type: application/x-www-form-urlencoded\r\nCookie: "
        + f"{cookie.group(1)}={cookie.group(2)}".encode()
        + b"\r\nReferer: "
        + base.encode()
        + b"/admin/login/\r\n",
    )
    return status
