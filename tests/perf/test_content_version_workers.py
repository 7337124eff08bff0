"""Production without Redis: two Granian workers never serve what another process changed.

The app server runs as deployed (deploy/appserver.py, cms.settings.production) with two
workers and no `REDIS_URL`, on the database of this test pass (a file SQLite database, or a
fresh PostgreSQL database in the PostgreSQL pass). Both workers first serve the page and its
API answer many times, so that each has memoised the view restrictions and sites for the
current content version (cms/memo.py). Another process then makes the page private, or
publishes a new title, through the ORM; from the moment that process has returned, no
anonymous request gets the old answer from either worker.
"""

from __future__ import annotations

import os
import socket
import subprocess
import uuid
from concurrent.futures import ThreadPoolExecutor

import pytest
import requests

from tests.perf import stack

REQUESTS = 40  # per URL and phase; 14 of 30 were stale before the version was shared

SEED = """
from home import demo
from home.models import StandardPage
home = demo.load()
page = home.add_child(instance=StandardPage(title={title!r}, slug="jaettu-versio"))
page.save_revision().publish()
print(page.pk, page.url)
"""

MAKE_PRIVATE = """
from wagtail.models import Page, PageViewRestriction
PageViewRestriction.objects.create(page=Page.objects.get(pk={pk}), restriction_type="login")
print("private")
"""

RETITLE = """
from wagtail.models import Page, PageViewRestriction
PageViewRestriction.objects.filter(page_id={pk}).delete()
page = Page.objects.get(pk={pk}).specific
page.title = {title!r}
page.save_revision().publish()
print("published")
"""


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    run = uuid.uuid4().hex[:8]
    work = tmp_path_factory.mktemp("shared-version")
    cwd = work / "cwd"
    cwd.mkdir()
    logs = work / "logs"
    logs.mkdir()
    processes = stack.Processes(logs)
    postgres = os.environ.get("DATABASE_URL", "").startswith("postgres")
    db_name = f"h_cachetruth_workers_{run}"
    database_url = stack.create_database(db_name) if postgres else f"sqlite:///{work / 'db.sqlite3'}"
    title = f"Jaettu versio {run}"
    try:
        env = stack.production_env(
            database_url,
            f"cachetruth{run}",
            REDIS_URL="",  # no shared cache: the content version lives in the database
            STATIC_ROOT=str(work / "static"),
        )
        stack.manage(["migrate", "--noinput", "-v", "0"], env, cwd)
        stack.manage(["collectstatic", "--noinput", "-v", "0"], env, cwd)
        pk, url = stack.run_python(SEED.format(title=title), env, cwd).split()[-2:]
        port = free_port()
        processes.start("app", stack.appserver_args(port, workers=2), env, cwd=cwd, port=port)
        base = f"http://127.0.0.1:{port}"
        yield {
            "env": env,
            "cwd": cwd,
            "pk": int(pk),
            "page": base + url,
            "api": f"{base}/api/v3/pages/{pk}/",
            "title": title,
            "processes": processes,
        }
    finally:
        processes.stop_all()
        if postgres:
            stack.drop_database(db_name)


def fetch_all(urls: list[str]) -> list[requests.Response]:
    """Each URL REQUESTS times, four at a time on fresh connections (spread over both workers)."""

    def get(url: str) -> requests.Response:
        return requests.get(url, allow_redirects=False, timeout=30, headers={"Connection": "close"})

    with ThreadPoolExecutor(max_workers=4) as pool:
        return list(pool.map(get, [url for url in urls for _ in range(REQUESTS)]))


def test_the_server_runs_two_workers_without_a_shared_cache(server):
    app = server["processes"].started[0]
    children = subprocess.run(
        ["ps", "-o", "pid=", "--ppid", str(app.pid)], capture_output=True, text=True, check=True
    ).stdout.split()
    assert len(children) == 2, children
    assert server["env"]["REDIS_URL"] == ""
    assert server["env"]["DJANGO_SETTINGS_MODULE"] == "cms.settings.production"


def test_a_page_made_private_in_another_process_is_never_served_again(server):
    warm = fetch_all([server["page"], server["api"]])
    assert [r.status_code for r in warm] == [200] * len(warm)
    assert all(server["title"] in r.text for r in warm)

    stack.run_python(MAKE_PRIVATE.format(pk=server["pk"]), server["env"], server["cwd"])

    after = fetch_all([server["page"], server["api"]])
    leaked = [r.url for r in after if r.status_code == 200 or server["title"] in r.text]
    assert leaked == [], f"{len(leaked)} of {len(after)} requests served the private page"
    page_answers = {r.status_code for r in after if r.url == server["page"]}
    api_answers = {r.status_code for r in after if r.url == server["api"]}
    assert page_answers == {302} and api_answers == {404}  # to the login page; unknown to the API


def test_a_new_title_published_in_another_process_is_served_by_every_worker(server):
    old, new = server["title"], server["title"].replace("Jaettu", "Uusi")
    stack.run_python(RETITLE.format(pk=server["pk"], title=old), server["env"], server["cwd"])
    warm = fetch_all([server["page"], server["api"]])
    assert all(r.status_code == 200 and old in r.text for r in warm)

    stack.run_python(RETITLE.format(pk=server["pk"], title=new), server["env"], server["cwd"])

    after = fetch_all([server["page"], server["api"]])
    stale = [r.url for r in after if old in r.text or new not in r.text]
    assert stale == [], f"{len(stale)} of {len(after)} requests served the old title"


def test_production_refuses_a_version_kept_in_each_process(tmp_path):
    env = stack.production_env(
        "sqlite:///" + str(tmp_path / "db.sqlite3"), "unused", REDIS_URL="", CONTENT_VERSION_STORE="cache"
    )
    result = subprocess.run(
        [str(stack.PYTHON), str(stack.REPO / "manage.py"), "check"],
        env=env,
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode != 0
    assert "CONTENT_VERSION_STORE=cache needs a cache shared by every process" in result.stderr
