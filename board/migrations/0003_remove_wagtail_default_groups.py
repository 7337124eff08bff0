"""One set of groups: the project's communications and translators groups only.

Wagtail's first migrations create the groups "Editors" and "Moderators" and, from
Moderators' publish permission, the workflow "Moderators approval" on the root page. The
project has no approval step (the communications group publishes directly), so they are
removed. Members of the removed groups, if any, move to the communications group, so
nobody loses access to the admin unnoticed.
"""

from django.conf import settings
from django.db import migrations

WAGTAIL_GROUPS = ("Editors", "Moderators")
WAGTAIL_WORKFLOW = "Moderators approval"


def remove_wagtail_defaults(apps, schema_editor):
    from board.permissions import GROUP_NAME

    Group = apps.get_model("auth", "Group")
    Workflow = apps.get_model("wagtailcore", "Workflow")
    Task = apps.get_model("wagtailcore", "Task")
    User = apps.get_model(settings.AUTH_USER_MODEL)

    communications = Group.objects.filter(name=GROUP_NAME).first()
    for group in Group.objects.filter(name__in=WAGTAIL_GROUPS):
        if communications is not None:
            for user in User.objects.filter(groups=group):
                user.groups.add(communications)
        group.delete()
    # Deleting cascades to the workflow's pages, content types, tasks links and states.
    Workflow.objects.filter(name=WAGTAIL_WORKFLOW).delete()
    Task.objects.filter(name=WAGTAIL_WORKFLOW).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("board", "0002_communications_group"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
        # After every Wagtail migration that creates or uses the default groups and workflow.
        ("wagtailcore", "0098_apitoken"),
        ("wagtailadmin", "0005_editingsession_is_editing"),
        ("wagtaildocs", "0014_alter_document_file_size"),
        ("wagtailimages", "0027_image_description"),
    ]

    # Not reversible in content: going back leaves the project's groups as they are.
    operations = [migrations.RunPython(remove_wagtail_defaults, migrations.RunPython.noop)]
