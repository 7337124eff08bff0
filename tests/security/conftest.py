"""Fixtures for the security suite: admin users, signed-in clients."""

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.urls import URLPattern, URLResolver, get_resolver

PASSWORD = "correct horse battery staple 42"


@pytest.fixture
def superuser(db):
    return get_user_model().objects.create_superuser("root", "root@example.invalid", PASSWORD)


@pytest.fixture
def editor_user(db):
    """A plain admin user (access_admin only), for flows that need no page permissions."""
    user = get_user_model().objects.create_user("editor", "editor@example.invalid", PASSWORD)
    group, _ = Group.objects.get_or_create(name="Admin access only")
    group.permissions.add(
        Permission.objects.get(codename="access_admin", content_type__app_label="wagtailadmin")
    )
    user.groups.add(group)
    return user


def admin_paths_without_arguments() -> list[str]:
    """Every admin URL the project has that takes no argument (Wagtail's and ours)."""
    paths = []

    def walk(patterns, prefix):
        for p in patterns:
            if isinstance(p, URLResolver):
                walk(p.url_patterns, prefix + str(p.pattern))
            elif isinstance(p, URLPattern):
                route = prefix + str(p.pattern)
                if "<" not in route and "(?P" not in route and "^" not in route:
                    paths.append("/" + route)

    walk(get_resolver().url_patterns, "")
    return sorted(p for p in set(paths) if p.startswith("/admin/"))


@pytest.fixture(scope="session")
def live_demo(tmp_path_factory):
    """A database of its own with the demo content, for real servers (tests/security/live.py)."""
    from tests.security import live

    work = tmp_path_factory.mktemp("live")
    with live.demo_database(work) as database_url:
        yield work, database_url


@pytest.fixture(scope="module")
def appservers(live_demo, tmp_path_factory):
    """Granian under the test settings and under the production settings, on the demo database."""
    from tests.perf import stack
    from tests.security import live

    work, database_url = live_demo
    logs = tmp_path_factory.mktemp("appserver-logs")
    processes = stack.Processes(logs)
    try:
        yield live.start_appservers(processes, database_url, work)
    finally:
        processes.stop_all()


@pytest.fixture(scope="module")
def make_run_servers(live_demo, tmp_path_factory):
    """`make run`'s server (runserver --insecure) with DEBUG off ("dev") and on ("debug")."""
    from tests.perf import stack
    from tests.security import live

    _work, database_url = live_demo
    processes = stack.Processes(tmp_path_factory.mktemp("make-run-logs"))
    try:
        yield live.start_make_run_servers(processes, database_url)
    finally:
        processes.stop_all()
