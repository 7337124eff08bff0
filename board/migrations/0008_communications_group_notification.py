"""The communications staff keep the site-wide notification (home.Notification) too.

Here rather than in home's migration that creates the model: the group is the board's
(board/permissions.py), and home imports nothing of board's."""

from django.db import migrations


def complete_group(apps, schema_editor):
    from board.permissions import ensure_communications_group

    ensure_communications_group(apps)


class Migration(migrations.Migration):
    dependencies = [
        ("board", "0007_attachments_document_link_block"),
        ("home", "0003_notification"),
    ]

    operations = [migrations.RunPython(complete_group, migrations.RunPython.noop)]
