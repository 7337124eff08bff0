"""/readiness of a real app server (Granian, production settings) on real S3 (moto_server) and Redis.

The City of Helsinki's readiness format (django-helsinki-health-endpoints) checks only the
database; cms/health.py extends it with the document storage and the cache. Each is stopped in
turn, and the probe says which one is down and why, with a 503.
"""

import json
import secrets
import shutil
import urllib.error
import urllib.request

import pytest

from tests.perf import stack
from tests.security.live import ROOT, free_port


def _get(url: str) -> tuple[int, dict]:
    try:
        with urllib.request.urlopen(url, timeout=60) as response:
            return response.status, json.loads(response.read())
    except urllib.error.HTTPError as error:
        return error.code, json.loads(error.read())


@pytest.fixture
def processes(tmp_path):
    processes = stack.Processes(tmp_path)
    yield processes
    processes.stop_all()


def test_readiness_names_the_storage_or_cache_that_is_down(processes, tmp_path):
    if shutil.which("redis-server") is None:
        pytest.skip("redis-server is not installed (apt install redis-server)")
    moto_port, redis_port, app_port = free_port(), free_port(), free_port()
    moto = processes.start("moto", stack.moto_args(moto_port), {}, cwd=tmp_path, port=moto_port)
    redis_args = ["redis-server", "--bind", "127.0.0.1", "--port", str(redis_port), "--save", ""]
    redis = processes.start("redis", [*redis_args, "--appendonly", "no"], {}, cwd=tmp_path, port=redis_port)
    endpoint = f"http://127.0.0.1:{moto_port}"
    bucket = f"readiness-{secrets.token_hex(4)}"
    stack.create_bucket(endpoint, bucket)
    env = stack.production_env(
        f"sqlite:///{tmp_path / 'db.sqlite3'}",
        "readiness",
        REDIS_URL=f"redis://127.0.0.1:{redis_port}/0",
        STATIC_ROOT=str(tmp_path / "static"),
        # Fail fast: boto3's retries would make the probe slower than the platform's timeout.
        AWS_MAX_ATTEMPTS="1",
        **stack.s3_env(endpoint, bucket),
    )
    processes.start("app", stack.appserver_args(app_port, workers=1), env, cwd=ROOT, port=app_port)
    base = f"http://127.0.0.1:{app_port}"

    # Liveness: the library's own answer, an empty 200.
    with urllib.request.urlopen(f"{base}/healthz", timeout=30) as response:
        assert (response.status, response.read()) == (200, b"")

    status, body = _get(f"{base}/readiness")
    assert status == 200, body
    assert body["status"] == "ok" and body["down"] == []
    assert body["checks"] == {"database": "ok", "storage": "ok", "cache": "ok"}
    # The library's own keys are there, as in every City of Helsinki service.
    assert {"version", "release", "database"} <= body.keys() and body["version"] == "0.1.0"
    # The probe cleaned up after itself: nothing left in the bucket.
    assert stack_objects(endpoint, bucket) == []

    processes.stop(moto)
    status, body = _get(f"{base}/readiness")
    assert status == 503
    assert body["status"] == "error" and body["down"] == ["storage"]
    assert body["storage"] == "error" and body["checks"]["storage"].startswith("error: ")
    assert body["checks"]["storage"] != "error: Exception"  # the kind of failure, not a shrug
    assert body["database"] == "ok" and body["cache"] == "ok"

    processes.stop(redis)
    status, body = _get(f"{base}/readiness")
    assert status == 503
    assert body["down"] == ["storage", "cache"]
    assert body["cache"] == "error" and body["checks"]["cache"].startswith("error: ")
    assert "Connection" in body["checks"]["cache"], body  # redis' ConnectionError
    assert f"{redis_port}" not in json.dumps(body)  # no host or port is told to the caller

    # Liveness still answers: the process lives.
    with urllib.request.urlopen(f"{base}/healthz", timeout=30) as response:
        assert response.status == 200


def stack_objects(endpoint: str, bucket: str) -> list[str]:
    listing = stack.s3_client(endpoint).list_objects_v2(Bucket=bucket)
    return [item["Key"] for item in listing.get("Contents", [])]
