"""Two stateless app servers behind the caching proxy, on shared PostgreSQL, Redis and S3.

Everything runs as in production: Granian with deploy/appserver.py and
cms.settings.production, nginx with deploy/nginx.conf (rendered for test ports), the tasks
worker (`manage.py db_worker`) doing the proxy purges, moto_server as the S3 server, a
fresh PostgreSQL database and a Redis key prefix of their own.
"""

from __future__ import annotations

import hashlib
import os
import re
import time
import uuid
from pathlib import Path

import pytest
import requests

from deploy import nginx_conf
from documents.pdfgen import build_pdf
from tests.perf import stack

NGINX, APP_A, APP_B, S3 = 9610, 9611, 9612, 9613
PROXY = f"http://127.0.0.1:{NGINX}"
A = f"http://127.0.0.1:{APP_A}"
B = f"http://127.0.0.1:{APP_B}"
PASSWORD = "moderaattori-salasana-9"

pytestmark = [
    pytest.mark.skipif(
        not os.environ.get("DATABASE_URL", "").startswith("postgres"),
        reason="runs once, in the PostgreSQL pass: the stack needs PostgreSQL, Redis and nginx",
    ),
    pytest.mark.skipif(
        bool(stack.missing_tools()),
        reason=f"not installed (make perf-tools installs them): {', '.join(stack.missing_tools())}",
    ),
]

SEED = """
from django.contrib.auth.models import Group, User
from board.permissions import GROUP_NAME
from home import demo
demo.ensure_locales()
home = demo.load()
demo.translate_home(home)
user = User.objects.create_user("moderaattori", "moderaattori@example.invalid", {password!r})
user.groups.add(Group.objects.get(name=GROUP_NAME))
from wagtail.models import Page
print(Page.objects.get(translation_key=home.translation_key, locale__language_code="sv").pk)
"""


def snapshot(path: Path) -> dict[str, float]:
    if not path.exists():
        return {}
    return {str(p): p.stat().st_mtime for p in path.rglob("*")}


@pytest.fixture(scope="module")
def servers(tmp_path_factory):
    run = uuid.uuid4().hex[:8]
    work = tmp_path_factory.mktemp("stack")
    cwd = work / "cwd"  # the app servers' working directory: must stay empty
    cwd.mkdir()
    logs = work / "logs"
    logs.mkdir()
    processes = stack.Processes(logs)
    db_name = f"h_perf_stack_{run}"
    prefix = f"perfstack{run}"
    var_before = snapshot(stack.REPO / "var" / "media")
    database_url = stack.create_database(db_name)
    try:
        processes.start("moto", stack.moto_args(S3), dict(os.environ), cwd=work, port=S3)
        endpoint = f"http://127.0.0.1:{S3}"
        bucket = f"vtnk-{run}"
        stack.create_bucket(endpoint, bucket)
        env = stack.production_env(
            database_url,
            prefix,
            FRONTEND_CACHE_PURGE_URLS=PROXY,
            **stack.s3_env(endpoint, bucket),
        )
        stack.manage(["migrate", "--noinput", "-v", "0"], env, cwd)
        # The deployment's build step (hashed static files under var/static), not run time.
        stack.manage(["collectstatic", "--noinput", "-v", "0"], env, cwd)
        sv_home_id = int(stack.run_python(SEED.format(password=PASSWORD), env, cwd).split()[-1])
        for name, port in (("app-a", APP_A), ("app-b", APP_B)):
            processes.start(name, stack.appserver_args(port, workers=2), env, cwd=cwd, port=port)
        worker = [str(stack.PYTHON), str(stack.REPO / "manage.py"), "db_worker", "--interval", "0.05"]
        processes.start("worker", [*worker, "--no-startup-delay"], env, cwd=cwd)
        upstreams = [f"127.0.0.1:{APP_A}", f"127.0.0.1:{APP_B}"]
        conf = nginx_conf.render(work / "nginx", f"127.0.0.1:{NGINX}", upstreams)
        processes.start("nginx", stack.nginx_args(conf), dict(os.environ), cwd=work, port=NGINX)
        yield {
            "env": env,
            "cwd": cwd,
            "sv_home_id": sv_home_id,
            "endpoint": endpoint,
            "bucket": bucket,
            "var_before": var_before,
            "processes": processes,
        }
    finally:
        processes.stop_all()
        stack.drop_database(db_name)
        stack.clear_redis_prefix(prefix)


def login(base: str) -> dict[str, str]:
    """Log in to the admin at one server; returns the cookies to send to any server."""
    form = requests.get(f"{base}/admin/login/", timeout=10)
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', form.text).group(1)
    cookies = {"csrftoken": form.cookies["csrftoken"]}
    response = requests.post(
        f"{base}/admin/login/",
        data={"username": "moderaattori", "password": PASSWORD, "csrfmiddlewaretoken": token},
        cookies=cookies,
        allow_redirects=False,
        timeout=10,
    )
    assert response.status_code == 302, response.text[:500]
    cookies["sessionid"] = response.cookies["sessionid"]
    return cookies


def admin_post(base: str, path: str, cookies: dict, data: dict | None = None, **kwargs) -> requests.Response:
    """POST an admin form with the CSRF token of the form page."""
    page = requests.get(f"{base}{path}", cookies=cookies, timeout=10)
    assert page.status_code == 200, (path, page.status_code)
    match = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.text)
    payload = {"csrfmiddlewaretoken": match.group(1) if match else "", **(data or {})}
    return requests.post(
        f"{base}{path}",
        data=payload,
        cookies=cookies,
        headers={"X-CSRFToken": cookies["csrftoken"], **kwargs.pop("headers", {})},
        allow_redirects=False,
        timeout=30,
        **kwargs,
    )


def wait_until(predicate, timeout: float) -> float:
    """Seconds until predicate() held; fails after timeout."""
    start = time.monotonic()
    while time.monotonic() - start < timeout:
        if predicate():
            return time.monotonic() - start
        time.sleep(0.02)
    pytest.fail(f"not true within {timeout} s")


def test_proxy_serves_cached_public_pages_and_the_app_tells_it_how_long(servers):
    first = requests.get(f"{PROXY}/fi/", timeout=10)
    second = requests.get(f"{PROXY}/fi/", timeout=10)

    assert first.status_code == second.status_code == 200
    assert first.headers["X-Proxy-Cache"] in {"MISS", "EXPIRED"}
    assert second.headers["X-Proxy-Cache"] == "HIT"
    assert second.text == first.text
    assert "s-maxage" in second.headers["Cache-Control"] and "public" in second.headers["Cache-Control"]


def test_conditional_get_through_the_proxy_is_answered_304(servers):
    etag = requests.get(f"{PROXY}/sv/", timeout=10).headers["ETag"]
    response = requests.get(f"{PROXY}/sv/", headers={"If-None-Match": etag}, timeout=10)
    assert response.status_code == 304


def test_sessions_work_across_both_app_servers(servers):
    cookies = login(A)

    dashboard = requests.get(f"{B}/admin/", cookies=cookies, allow_redirects=False, timeout=10)

    assert dashboard.status_code == 200
    assert "moderaattori" in dashboard.text
    assert "private" in dashboard.headers["Cache-Control"]
    # Logged in through the proxy: never a cached copy, never stored.
    for _ in range(2):
        page = requests.get(f"{PROXY}/fi/", cookies=cookies, timeout=10)
        assert page.headers["X-Proxy-Cache"] == "BYPASS"
        assert "public" not in page.headers["Cache-Control"]


def title(base: str, path: str) -> str:
    return re.search(r"<title>(.*?)</title>", requests.get(f"{base}{path}", timeout=10).text, re.S).group(1)


def test_page_unpublished_and_republished_on_one_server_is_fresh_on_the_other_and_the_proxy(servers):
    page_id = servers["sv_home_id"]
    cookies = login(A)
    live = title(PROXY, "/sv/")
    assert requests.get(f"{PROXY}/sv/", timeout=10).headers["X-Proxy-Cache"] == "HIT"
    assert title(B, "/sv/") == live

    response = admin_post(A, f"/admin/pages/{page_id}/unpublish/", cookies)
    assert response.status_code == 302, response.text[:300]
    changed_at = time.monotonic()

    assert title(B, "/sv/") != live  # the other app server: at once
    wait_until(lambda: title(PROXY, "/sv/") != live, timeout=5)
    stale_for = time.monotonic() - changed_at
    assert stale_for < 1.0, f"the proxy served the unpublished page for {stale_for:.2f} s"

    response = admin_post(
        B, f"/admin/bulk/wagtailcore/page/publish/?id={page_id}", cookies, {"include_descendants": ""}
    )
    assert response.status_code in (200, 302), response.text[:300]
    changed_at = time.monotonic()
    assert title(A, "/sv/") == live
    wait_until(lambda: title(PROXY, "/sv/") == live, timeout=5)
    stale_for = time.monotonic() - changed_at
    assert stale_for < 1.0, f"the proxy served the old page for {stale_for:.2f} s after publishing"


def test_pdf_uploaded_through_one_server_is_served_by_the_other_from_object_storage(servers):
    cookies = login(A)
    pdf = build_pdf("Pöytäkirja 3/2026", ["Kokouksen pöytäkirja."])
    page = requests.get(f"{A}/admin/documents/multiple/add/", cookies=cookies, timeout=10)
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.text).group(1)
    response = requests.post(
        f"{A}/admin/documents/multiple/add/",
        files={"files[]": ("poytakirja-3-2026.pdf", pdf, "application/pdf")},
        data={"csrfmiddlewaretoken": token, "collection": "1"},
        cookies=cookies,
        headers={"X-Requested-With": "XMLHttpRequest"},
        timeout=30,
    )
    assert response.status_code == 200, response.text[:300]
    document_id = response.json()["doc_id"]

    served = requests.get(f"{B}/documents/{document_id}/poytakirja-3-2026.pdf", cookies=cookies, timeout=10)

    assert served.status_code == 200, served.status_code
    assert hashlib.sha256(served.content).hexdigest() == hashlib.sha256(pdf).hexdigest()
    s3 = stack.s3_client(servers["endpoint"])
    keys = [o["Key"] for o in s3.list_objects_v2(Bucket=servers["bucket"]).get("Contents", [])]
    assert any(key.endswith(".pdf") for key in keys), keys


def test_nothing_is_written_to_local_disk(servers):
    # Run last in this module: after uploads, publishing and logins on both servers.
    requests.get(f"{A}/fi/", timeout=10)
    assert list(servers["cwd"].iterdir()) == []
    assert snapshot(stack.REPO / "var" / "media") == servers["var_before"]
