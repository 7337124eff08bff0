"""Publish, unpublish, delete, permission changes and failed sign-ins all reach Wagtail's audit log."""

import pytest
from django.contrib.auth.models import Group, Permission
from django.test import Client
from django.urls import reverse
from wagtail.log_actions import LogContext
from wagtail.models import (
    Collection,
    GroupCollectionPermission,
    GroupPagePermission,
    ModelLogEntry,
    PageLogEntry,
)

from cms.security.audit import GROUPS_CHANGED, PERMISSIONS_CHANGED, USER_FLAGS_CHANGED
from home.models import StandardPage


@pytest.fixture
def admin_client(superuser) -> Client:
    client = Client(HTTP_ACCEPT_LANGUAGE="en")
    client.force_login(superuser)
    return client


@pytest.fixture
def page(home_page, superuser):
    return home_page.add_child(instance=StandardPage(title="Loki", slug="loki", live=False))


def _actions(page) -> list[str]:
    return list(
        PageLogEntry.objects.filter(page_id=page.pk)
        .order_by("timestamp", "id")
        .values_list("action", flat=True)
    )


def test_publish_unpublish_and_delete_in_the_admin_are_logged_with_the_user(admin_client, page, superuser):
    page.save_revision(user=superuser)
    from wagtail.actions.publish_page_revision import PublishPageRevisionAction

    with LogContext(user=superuser):
        PublishPageRevisionAction(page.latest_revision, user=superuser).execute()
    assert admin_client.post(f"/admin/pages/{page.pk}/unpublish/", {}).status_code == 302
    assert admin_client.post(f"/admin/pages/{page.pk}/delete/", {}).status_code == 302

    actions = _actions(page)
    for action in ("wagtail.publish", "wagtail.unpublish", "wagtail.delete"):
        assert action in actions
    entries = PageLogEntry.objects.filter(page_id=page.pk, action__in=["wagtail.unpublish", "wagtail.delete"])
    assert {entry.user_id for entry in entries} == {superuser.pk}


def test_publishing_through_the_editor_is_logged(admin_client, page):
    from wagtail.test.utils.form_data import inline_formset, nested_form_data, streamfield

    data = nested_form_data(
        {"title": "Loki", "slug": "loki", "lead": "", "body": streamfield([]), "comments": inline_formset([])}
    )
    response = admin_client.post(f"/admin/pages/{page.pk}/edit/", {**data, "action-publish": "1"})
    assert response.status_code == 302
    assert "wagtail.publish" in _actions(page)


def test_changing_a_users_groups_in_the_admin_is_logged(admin_client, superuser, django_user_model):
    user = django_user_model.objects.create_user("kaisa", "kaisa@example.invalid", "x")
    editors = Group.objects.create(name="Toimittajat")
    response = admin_client.post(
        reverse("wagtailusers_users:edit", args=[user.pk]),
        {
            "username": "kaisa",
            "email": "kaisa@example.invalid",
            "first_name": "Kaisa",
            "last_name": "Esimerkki",
            "is_active": "on",
            "groups": [editors.pk],
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    entry = ModelLogEntry.objects.get(action=GROUPS_CHANGED, object_id=str(user.pk))
    assert entry.data == {"added": ["Toimittajat"]}
    assert entry.user_id == superuser.pk


def test_group_permission_changes_are_logged(superuser, home_page):
    group = Group.objects.create(name="Testiryhmä")
    perm = Permission.objects.get(codename="access_admin")
    with LogContext(user=superuser):
        group.permissions.add(perm)
        group.permissions.remove(perm)
        GroupPagePermission.objects.create(group=group, page=home_page, permission_type="change")
        GroupCollectionPermission.objects.create(
            group=group,
            collection=Collection.get_first_root_node(),
            permission=Permission.objects.get(codename="add_document"),
        )
        GroupPagePermission.objects.filter(group=group).delete()
    entries = ModelLogEntry.objects.filter(action=PERMISSIONS_CHANGED, object_id=str(group.pk)).order_by("id")
    data = [entry.data for entry in entries]
    assert data[0] == {"added": ["wagtailadmin.access_admin"]}
    assert data[1] == {"removed": ["wagtailadmin.access_admin"]}
    assert data[2]["added"][0]["page"] == home_page.pk
    assert data[3]["added"][0]["permission"] == "add_document"
    assert data[4]["removed"][0]["page"] == home_page.pk
    assert {entry.user_id for entry in entries} == {superuser.pk}


def test_making_someone_superuser_or_deactivating_them_is_logged(superuser, django_user_model):
    user = django_user_model.objects.create_user("matti", "matti@example.invalid", "x")
    user.is_superuser = True
    user.save()
    user.is_active = False
    user.save(update_fields=["is_active"])
    user.last_name = "Meikäläinen"
    user.save()  # no flag changed: nothing logged
    entries = ModelLogEntry.objects.filter(action=USER_FLAGS_CHANGED, object_id=str(user.pk)).order_by("id")
    assert [entry.data for entry in entries] == [
        {"is_superuser": {"from": False, "to": True}},
        {"is_active": {"from": True, "to": False}},
    ]


def test_audit_log_report_lists_security_entries(admin_client, superuser, django_user_model):
    user = django_user_model.objects.create_user("liisa", "liisa@example.invalid", "x")
    with LogContext(user=superuser):
        user.groups.add(Group.objects.create(name="Raportoitava"))
    response = admin_client.get("/admin/reports/site-history/")
    assert response.status_code == 200
    assert "Groups changed" in response.content.decode()
