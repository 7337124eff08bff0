# Published translations whose slug string was never translated (it sits on the Promote tab)
# were counted as "outdated" for ever. Their slug string now says what their address already
# is, as cms/slugs.py does for new ones, so the translation status shows what is really left.

from django.db import migrations


def fill_slug_strings(apps, schema_editor):
    Page = apps.get_model("wagtailcore", "Page")
    StringSegment = apps.get_model("wagtail_localize", "StringSegment")
    StringTranslation = apps.get_model("wagtail_localize", "StringTranslation")

    for segment in StringSegment.objects.filter(context__path="slug").select_related("context", "source"):
        translations = Page.objects.filter(translation_key=segment.context.object_id, live=True).exclude(
            locale_id=segment.source.locale_id
        )
        for page in translations.only("slug", "locale_id"):
            StringTranslation.objects.get_or_create(
                translation_of_id=segment.string_id,
                context_id=segment.context_id,
                locale_id=page.locale_id,
                defaults={"data": page.slug, "translation_type": "machine"},
            )


class Migration(migrations.Migration):
    dependencies = [
        ("cms", "0002_ascii_slugs"),
        ("wagtail_localize", "0016_rename_page_revision_translationlog_revision"),
    ]

    operations = [migrations.RunPython(fill_slug_strings, migrations.RunPython.noop)]
