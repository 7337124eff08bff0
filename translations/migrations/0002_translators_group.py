"""The translators' group "Kääntäjät / Översättare".

Creates the group with the permissions that exist at this point (admin access, submitting
translations). Page rights on the Swedish and English trees, snippet and document rights
are completed by translations.roles.sync_translator_permissions(), which runs after every
migrate and when a language root page is created (those pages do not exist yet here).
"""

from django.db import migrations

GROUP = "Kääntäjät / Översättare"


def create_group(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group, _ = Group.objects.get_or_create(name=GROUP)
    wanted = Permission.objects.filter(
        content_type__app_label__in=["wagtailadmin", "wagtail_localize"],
        codename__in=["access_admin", "submit_translation"],
    )
    group.permissions.add(*wanted)


def remove_group(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name=GROUP).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("translations", "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("wagtailadmin", "0001_create_admin_access_permissions"),
        ("wagtail_localize", "0006_create_submit_translation_permission"),
    ]

    operations = [migrations.RunPython(create_group, remove_group)]
