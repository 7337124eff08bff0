"""Live object-storage servers for the tests: moto's S3 server and Azurite.

Each is started once per test session on 127.0.0.1 in the documents' port range
(9100-9199) and stopped at the end. Tests get a fresh bucket or container each.
"""

import shutil
import socket
import subprocess
import sys
import time
import uuid
from pathlib import Path

import pytest

PORTS = range(9100, 9200)
ROOT = Path(__file__).resolve().parents[2]
AZURITE = ROOT / "node_modules" / ".bin" / "azurite-blob"
MOTO = Path(sys.executable).parent / "moto_server"

# Azurite's documented development account (public, emulator only).
AZURE_ACCOUNT = "devstoreaccount1"
AZURE_KEY = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw=="
S3_KEY, S3_SECRET, S3_REGION = "testing", "testing", "eu-north-1"


def _free_port(start: int) -> int:
    for port in range(start, PORTS.stop):
        with socket.socket() as sock:
            try:
                sock.bind(("127.0.0.1", port))
            except OSError:
                continue
            return port
    raise RuntimeError("no free port in 9100-9199")


def _wait_for(port: int, process: subprocess.Popen, name: str, timeout: float = 30) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"{name} exited with {process.returncode}: {process.stdout.read()}")
        with socket.socket() as sock:
            if sock.connect_ex(("127.0.0.1", port)) == 0:
                return
        time.sleep(0.1)
    raise RuntimeError(f"{name} did not listen on 127.0.0.1:{port} within {timeout} s")


def _stop(process: subprocess.Popen) -> None:
    process.terminate()
    try:
        process.wait(timeout=10)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


@pytest.fixture(scope="session")
def moto_s3():
    """A moto S3 server: yields its endpoint URL."""
    port = _free_port(9100)
    process = subprocess.Popen(
        [str(MOTO), "-H", "127.0.0.1", "-p", str(port)],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    try:
        _wait_for(port, process, "moto_server")
        yield f"http://127.0.0.1:{port}"
    finally:
        _stop(process)


@pytest.fixture(scope="session")
def azurite(tmp_path_factory):
    """Azurite's blob service: yields its connection string."""
    if shutil.which("node") is None:
        pytest.skip("Azurite needs Node.js, which is not installed on this machine (apt install nodejs)")
    if not AZURITE.exists():
        pytest.fail(f"{AZURITE} is missing: run `make install` (npm ci installs Azurite)")
    port = _free_port(9150)
    process = subprocess.Popen(
        [
            str(AZURITE),
            "--blobHost",
            "127.0.0.1",
            "--blobPort",
            str(port),
            "--location",
            str(tmp_path_factory.mktemp("azurite")),
            "--skipApiVersionCheck",
            "--loose",
            "--silent",
        ],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    try:
        _wait_for(port, process, "azurite-blob")
        yield (
            f"DefaultEndpointsProtocol=http;AccountName={AZURE_ACCOUNT};AccountKey={AZURE_KEY};"
            f"BlobEndpoint=http://127.0.0.1:{port}/{AZURE_ACCOUNT};"
        )
    finally:
        _stop(process)


def s3_client(endpoint: str):
    import boto3

    return boto3.client(
        "s3",
        endpoint_url=endpoint,
        aws_access_key_id=S3_KEY,
        aws_secret_access_key=S3_SECRET,
        region_name=S3_REGION,
    )


def new_s3_bucket(endpoint: str) -> str:
    bucket = f"vtnk-{uuid.uuid4().hex[:12]}"
    s3_client(endpoint).create_bucket(
        Bucket=bucket, CreateBucketConfiguration={"LocationConstraint": S3_REGION}
    )
    return bucket


def s3_storage_settings(endpoint: str, bucket: str) -> dict:
    """The same options cms/settings/base.py builds for STORAGE_BACKEND=s3."""
    return {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": bucket,
            "endpoint_url": endpoint,
            "region_name": S3_REGION,
            "access_key": S3_KEY,
            "secret_key": S3_SECRET,
            "location": "",
            "default_acl": None,
            "querystring_auth": True,
            "querystring_expire": 300,
            "file_overwrite": False,
        },
    }


def new_azure_container(connection_string: str) -> str:
    from azure.storage.blob import BlobServiceClient

    container = f"vtnk-{uuid.uuid4().hex[:12]}"
    BlobServiceClient.from_connection_string(connection_string).create_container(container)
    return container


def azure_storage_settings(connection_string: str, container: str) -> dict:
    """The same options cms/settings/base.py builds for STORAGE_BACKEND=azure."""
    return {
        "BACKEND": "storages.backends.azure_storage.AzureStorage",
        "OPTIONS": {
            "azure_container": container,
            "connection_string": connection_string,
            "account_name": None,
            "account_key": None,
            "location": "",
            "expiration_secs": 300,
            "overwrite_files": False,
        },
    }
