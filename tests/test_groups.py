"""One set of groups: after migrating, only the project's groups exist, Wagtail's default
groups and approval workflow are gone, and the communications group publishes directly."""

import importlib

from django.apps import apps
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.urls import reverse
from wagtail.models import Page, Task, Workflow, WorkflowState

from board.factories import MinutesArchivePageFactory
from board.permissions import GROUP_NAME
from tests.board.admin_forms import form_values
from translations.roles import TRANSLATORS_GROUP

PROJECT_GROUPS = {GROUP_NAME, TRANSLATORS_GROUP}


def test_only_the_projects_groups_exist_after_migrating(db):
    assert set(Group.objects.values_list("name", flat=True)) == PROJECT_GROUPS
    assert not Workflow.objects.filter(name="Moderators approval").exists()
    assert not Task.objects.filter(name="Moderators approval").exists()
    # No approval step of any kind stands between an editor and publishing.
    assert not Workflow.objects.filter(active=True).exists()


def test_the_communications_group_publishes_a_page_directly(client, home_page):
    user = get_user_model().objects.create_user("viestija", "viestija@example.invalid", "pw")
    user.groups.add(Group.objects.get(name=GROUP_NAME))
    client.force_login(user)
    page = MinutesArchivePageFactory(parent=home_page)
    url = reverse("wagtailadmin_pages:edit", args=[page.pk])
    data = form_values(client, url)
    assert "Moderators" not in client.get(url).content.decode()
    data.update({"title": "Uusi otsikko", "action-publish": "action-publish"})
    response = client.post(url, data)
    assert response.status_code == 302, response.content.decode()[:2000]
    page = Page.objects.get(pk=page.pk)
    assert page.title == "Uusi otsikko" and page.live and not page.has_unpublished_changes
    assert not WorkflowState.objects.exists()


def test_members_of_wagtails_groups_move_to_the_communications_group(db):
    """An existing site whose users were put in Wagtail's groups keeps them in the admin."""
    migration = importlib.import_module("board.migrations.0003_remove_wagtail_default_groups")
    moderators = Group.objects.create(name="Moderators")
    user = get_user_model().objects.create_user("vanha", "vanha@example.invalid", "pw")
    user.groups.add(moderators)
    migration.remove_wagtail_defaults(apps, None)
    assert set(user.groups.values_list("name", flat=True)) == {GROUP_NAME}
    assert set(Group.objects.values_list("name", flat=True)) == PROJECT_GROUPS


def test_the_demo_adds_no_other_group(db):
    from django.core.management import call_command

    call_command("load_demo", verbosity=0)
    assert set(Group.objects.values_list("name", flat=True)) == PROJECT_GROUPS
