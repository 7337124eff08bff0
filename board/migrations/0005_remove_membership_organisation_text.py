"""The organisations' texts now live in board.Organisation (0004); staff may maintain them.

A migration of its own: on PostgreSQL a table altered in the transaction that updated its
rows (0004's data step) fails with "pending trigger events"."""

from django.db import migrations


def complete_group(apps, schema_editor):
    """The communications staff maintain organisations as they do roles and seats."""
    from board.permissions import ensure_communications_group

    ensure_communications_group(apps)


class Migration(migrations.Migration):
    dependencies = [("board", "0004_organisation")]

    operations = [
        migrations.RemoveField("membership", "organisation_text"),
        migrations.RunPython(complete_group, migrations.RunPython.noop),
    ]
