"""Headers and files (issue 16, item 7): a Permissions-Policy on every answer, and no server
configuration that the README offers serves stored documents past their access checks.

Real servers on the demo database (tests/security/live.py): `make run`'s server
(`runserver --insecure`, development settings) with DEBUG off and with `DEBUG=1`, Granian under
the production settings, and the nginx configuration in deploy/.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from django.conf import settings

from tests.security import live

ROOT = Path(__file__).resolve().parents[2]
PNG = bytes.fromhex(
    "89504e470d0a1a0a0000000d4948445200000001000000010806000000"
    "1f15c4890000000d49444154789c6360000002000154a24f5d0000000049454e44ae426082"
)


@pytest.fixture(scope="module")
def stored_documents(live_demo):
    """(file name in storage, document id) of every stored document, hidden ones included."""
    _work, database_url = live_demo
    env = live._base_env(database_url, "cms.settings.test")
    out = live.run_python(
        "import json\nfrom documents.models import CustomDocument\n"
        "print(json.dumps([[d.file.name, d.pk] for d in CustomDocument.objects.all()]))",
        env,
    )
    documents = json.loads(out.strip().splitlines()[-1])
    assert len(documents) > 6
    return documents


@pytest.fixture
def stored_image():
    """An uploaded image in MEDIA_ROOT, as the admin stores it."""
    path = live.MEDIA_ROOT / "original_images" / f"hardening-probe-{id(object())}.png"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(PNG)
    yield path.relative_to(live.MEDIA_ROOT).as_posix()
    path.unlink()


def _media_targets(name: str) -> list[bytes]:
    """A stored file's /media/ address, and the disguises that would reach it from the image folders."""
    encoded = name.encode()
    return [
        b"/media/" + encoded,
        b"/media/images/../" + encoded,
        b"/media/original_images/../" + encoded,
        b"/media/images/%2e%2e/" + encoded,
        b"/media/original_images/..%2f" + encoded,
        b"/media/images/.%2e/" + encoded,
        b"/media//" + encoded,
        b"/media/./" + encoded,
        # Through the static files handler of `runserver --insecure`.
        b"/static/../media/" + encoded,
        b"/static/..%2f..%2fvar/test-media/" + encoded,
        b"/static/%2e%2e/%2e%2e/var/test-media/" + encoded,
    ]


@pytest.mark.parametrize("server", ["dev", "debug"])
def test_make_run_never_serves_a_stored_document_from_media(
    make_run_servers, stored_documents, server, stored_image
):
    base = make_run_servers.bases[server]
    served = []
    for name, _pk in stored_documents:
        assert (live.MEDIA_ROOT / name).exists(), name
        for target in _media_targets(name):
            status, _headers, body = live.get(base, target)
            if status == 200 or body.startswith(b"%PDF"):
                served.append((target, status))
    assert served == []
    # Uploaded images are served all the same (the admin shows them).
    status, headers, body = live.get(base, b"/media/" + stored_image.encode())
    assert status == 200
    assert headers["content-type"] == "image/png"
    assert body == PNG


def test_documents_are_served_only_through_the_checked_view(make_run_servers, stored_documents):
    """The public document URL works; the same file is not reachable anywhere else."""
    base = make_run_servers.bases["dev"]
    status, _headers, body = live.get(base, b"/api/v3/documents/?locale=fi&limit=1")
    url = urlsplit(json.loads(body)["items"][0]["url"]).path.encode()
    status, headers, body = live.get(base, url)
    assert status == 200
    assert headers["content-type"] == "application/pdf"
    assert body.startswith(b"%PDF")


def test_production_app_server_serves_no_media(appservers, stored_documents):
    base = appservers.bases["production"]
    for name, _pk in stored_documents[:3]:
        for target in _media_targets(name):
            status, _headers, body = live.get(base, target)
            assert status != 200 and not body.startswith(b"%PDF"), target


def test_nginx_serves_files_only_from_the_static_folder():
    """deploy/nginx.conf: the only files nginx reads itself are the collected static files."""
    conf = (ROOT / "deploy" / "nginx.conf").read_text()
    lines = [line.split("#", 1)[0].strip() for line in conf.splitlines()]
    file_directives = [line for line in lines if re.match(r"(alias|root|try_files)\b", line)]
    assert file_directives == ["alias /srv/vtnk/var/static/;"]
    assert not re.search(r"location\s+[^{]*media", conf)


def _policy(header: str) -> dict[str, str]:
    return dict(part.strip().split("=", 1) for part in header.split(",") if part.strip())


def _answers(base: str) -> dict[str, tuple[int, dict, bytes]]:
    status, _headers, page = live.get(base, b"/fi/")
    assert status == 200
    stylesheet = re.search(rb'href="(/static/[^"]+\.css)"', page).group(1)
    status, _headers, body = live.get(base, b"/api/v3/documents/?locale=fi&limit=1")
    document = urlsplit(json.loads(body)["items"][0]["url"]).path.encode()
    targets = {
        "page": b"/fi/",
        "not found": b"/fi/no-such-page/",
        "refused": b"/fi/haku/?q=%00",
        "search": b"/fi/haku/?q=kokous",
        "document": document,
        "static file": stylesheet,
        "api": b"/api/v3/pages/?locale=fi",
        "api problem": b"/api/v3/nothing-here/",
        "openapi": b"/api/v3/openapi.json",
        "admin sign-in": b"/admin/login/",
        "health": b"/healthz",
        "redirect": b"/",
    }
    return {name: live.get(base, target) for name, target in targets.items()}


@pytest.mark.parametrize("server", ["test", "production"])
def test_every_answer_has_a_permissions_policy(appservers, server):
    missing = []
    for name, (status, headers, _body) in _answers(appservers.bases[server]).items():
        assert status < 500, name
        header = headers.get("permissions-policy")
        if header is None:
            missing.append(name)
            continue
        policy = _policy(header)
        for feature in ("camera", "microphone", "geolocation", "payment", "usb"):
            assert policy[feature] == "()", (name, header)
    assert missing == []


def test_the_policy_denies_every_powerful_feature_the_site_does_not_use():
    denied = {feature for feature, allow in settings.PERMISSIONS_POLICY.items() if allow == []}
    assert {"camera", "microphone", "geolocation", "payment", "usb", "display-capture"} <= denied
    assert settings.PERMISSIONS_POLICY["fullscreen"] == ["self"]


def test_nginx_gives_its_static_files_the_apps_permissions_policy():
    from django_permissions_policy import PermissionsPolicyMiddleware

    conf = (ROOT / "deploy" / "nginx.conf").read_text()
    found = re.findall(r'add_header Permissions-Policy "([^"]+)" always;', conf)
    assert found == [PermissionsPolicyMiddleware(lambda request: None).permissions_policy]
