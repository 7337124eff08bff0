"""Start and stop the production stack on 127.0.0.1 for tests and the benchmark.

nginx (deploy/nginx.conf), Granian app servers (deploy/appserver.py), the tasks worker,
moto_server for S3, a fresh PostgreSQL database and a Redis key prefix of their own. Every
process is started here and stopped by its own process id.
"""

from __future__ import annotations

import os
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import time
from contextlib import suppress
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
PYTHON = REPO / ".venv" / "bin" / "python"
VENV_BIN = REPO / ".venv" / "bin"
PG_ADMIN_URL = os.environ.get("PERF_PG_ADMIN_URL", "postgres://postgres@127.0.0.1:5432/postgres")
REDIS_BASE = os.environ.get("PERF_REDIS_URL", "redis://127.0.0.1:6379/9")
PURGE_MODULE = Path("/usr/lib/nginx/modules/ngx_http_cache_purge_module.so")


def missing_tools() -> list[str]:
    """What the proxy tier needs and this machine lacks (`make perf-tools` installs it)."""
    missing = []
    if not shutil.which("nginx"):
        missing.append("nginx (apt-get install nginx-light)")
    if not PURGE_MODULE.exists():
        missing.append("ngx_cache_purge (apt-get install libnginx-mod-http-cache-purge)")
    return missing


def wait_for_port(port: int, process: subprocess.Popen | None = None, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process is not None and process.poll() is not None:
            raise RuntimeError(f"process {process.args!r} exited with {process.returncode}")
        with suppress(OSError), socket.create_connection(("127.0.0.1", port), timeout=0.5):
            return
        time.sleep(0.05)
    raise TimeoutError(f"nothing listening on 127.0.0.1:{port} after {timeout} s")


def port_is_free(port: int) -> bool:
    with socket.socket() as sock:
        return sock.connect_ex(("127.0.0.1", port)) != 0


class Processes:
    """Processes started by a test or the benchmark, each stopped by its own pid."""

    def __init__(self, log_dir: Path) -> None:
        self.log_dir = log_dir
        self.started: list[subprocess.Popen] = []

    def start(
        self, name: str, args: list[str], env: dict, cwd: Path, port: int | None = None
    ) -> subprocess.Popen:
        if port is not None and not port_is_free(port):
            raise RuntimeError(f"port {port} is taken; stop what runs there or choose another")
        log = open(self.log_dir / f"{name}.log", "ab")  # noqa: SIM115 - closed with the process
        process = subprocess.Popen(
            args, env=env, cwd=cwd, stdout=log, stderr=subprocess.STDOUT, start_new_session=True
        )
        process.log_file = log
        process.name = name
        self.started.append(process)
        if port is not None:
            try:
                wait_for_port(port, process)
            except (RuntimeError, TimeoutError) as error:
                raise RuntimeError(f"{name} did not start: {self.tail(name)}") from error
        return process

    def tail(self, name: str, lines: int = 30) -> str:
        path = self.log_dir / f"{name}.log"
        return "\n".join(path.read_text(errors="replace").splitlines()[-lines:]) if path.exists() else ""

    def stop(self, process: subprocess.Popen) -> None:
        if process.poll() is None:
            with suppress(ProcessLookupError):
                os.killpg(process.pid, signal.SIGTERM)  # the process group it leads (the server's workers)
            try:
                process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                with suppress(ProcessLookupError):
                    os.killpg(process.pid, signal.SIGKILL)
                process.wait(timeout=5)
        process.log_file.close()
        if process in self.started:
            self.started.remove(process)

    def stop_all(self) -> None:
        for process in reversed(list(self.started)):
            self.stop(process)


def create_database(name: str) -> str:
    import psycopg

    with psycopg.connect(PG_ADMIN_URL, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}"')
        conn.execute(f'CREATE DATABASE "{name}"')
    return PG_ADMIN_URL.rsplit("/", 1)[0] + f"/{name}"


def drop_database(name: str) -> None:
    import psycopg

    with psycopg.connect(PG_ADMIN_URL, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def clear_redis_prefix(prefix: str) -> None:
    import redis

    client = redis.Redis.from_url(REDIS_BASE)
    for key in client.scan_iter(match=f"{prefix}:*", count=1000):
        client.delete(key)


def production_env(database_url: str, cache_prefix: str, **extra: str) -> dict[str, str]:
    """The environment of a production app server on loopback (plain HTTP)."""
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("DJANGO_", "DATABASE_", "PYTEST", "REDIS_", "AWS_", "STORAGE_"))
    }
    env.update(
        DJANGO_SETTINGS_MODULE="cms.settings.production",
        SECRET_KEY=secrets.token_urlsafe(50),
        DEBUG="False",
        DATABASE_URL=database_url,
        REDIS_URL=REDIS_BASE,
        CACHE_KEY_PREFIX=cache_prefix,
        ALLOWED_HOSTS="127.0.0.1,localhost",
        # Loopback has no TLS; production defaults to redirecting to HTTPS.
        SECURE_SSL_REDIRECT="False",
        TASKS_BACKEND="database",
        PYTHONPATH=str(REPO),
        PYTHONDONTWRITEBYTECODE="1",
        LOG_LEVEL="WARNING",
    )
    env.update(extra)
    return env


def manage(args: list[str], env: dict, cwd: Path, timeout: float = 600) -> str:
    result = subprocess.run(
        [str(PYTHON), str(REPO / "manage.py"), *args],
        env=env,
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=timeout,
    )
    if result.returncode != 0:
        raise RuntimeError(f"manage.py {' '.join(args)} failed:\n{result.stdout}\n{result.stderr}")
    return result.stdout


def run_python(code: str, env: dict, cwd: Path, timeout: float = 600) -> str:
    """Run code with Django set up in a fresh interpreter (the production settings of env)."""
    script = "import django\ndjango.setup()\n" + code
    result = subprocess.run(
        [str(PYTHON), "-c", script], env=env, cwd=cwd, capture_output=True, text=True, timeout=timeout
    )
    if result.returncode != 0:
        raise RuntimeError(f"script failed:\n{result.stdout}\n{result.stderr}")
    return result.stdout


def appserver_args(port: int, workers: int) -> list[str]:
    """An app server as deployed (deploy/appserver.py), on 127.0.0.1:`port`."""
    from deploy import appserver

    return appserver.args(f"127.0.0.1:{port}", workers)


def nginx_args(conf: Path) -> list[str]:
    return ["nginx", "-p", str(conf.parent), "-c", str(conf)]


def moto_args(port: int) -> list[str]:
    return [str(VENV_BIN / "moto_server"), "-H", "127.0.0.1", "-p", str(port)]


def s3_client(endpoint: str):
    """A client of the local S3 stand-in (moto) under the key the stack's settings use."""
    import boto3

    return boto3.client(
        "s3",
        endpoint_url=endpoint,
        aws_access_key_id="perf",
        aws_secret_access_key="perf-secret",
        region_name="us-east-1",
    )


def create_bucket(endpoint: str, bucket: str) -> None:
    s3_client(endpoint).create_bucket(Bucket=bucket)


def s3_env(endpoint: str, bucket: str) -> dict[str, str]:
    return {
        "STORAGE_BACKEND": "s3",
        "AWS_STORAGE_BUCKET_NAME": bucket,
        "AWS_S3_ENDPOINT_URL": endpoint,
        "AWS_S3_REGION_NAME": "us-east-1",
        "AWS_ACCESS_KEY_ID": "perf",
        "AWS_SECRET_ACCESS_KEY": "perf-secret",
    }


if __name__ == "__main__":  # pragma: no cover - manual use
    print(missing_tools() or "nginx and ngx_cache_purge are installed", file=sys.stderr)
