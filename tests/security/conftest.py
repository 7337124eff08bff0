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
