from django.db import migrations


def create_group(apps, schema_editor):
    from board.permissions import ensure_communications_group

    ensure_communications_group(apps)


def remove_group(apps, schema_editor):
    from board.permissions import GROUP_NAME

    apps.get_model("auth", "Group").objects.filter(name=GROUP_NAME).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("board", "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("wagtailadmin", "0005_editingsession_is_editing"),
        ("wagtailcore", "0098_apitoken"),
        ("wagtaildocs", "0014_alter_document_file_size"),
        # After Wagtail's own data migrations that hand permissions to every admin group.
        ("wagtailimages", "0027_image_description"),
    ]

    operations = [migrations.RunPython(create_group, remove_group)]
