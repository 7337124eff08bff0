# Metadata read from the PDF, and translations through wagtail-localize
# (locale + translation_key, filled for existing rows before becoming required).

import uuid

import django.db.models.deletion
from django.db import migrations, models
from wagtail.models.i18n import BootstrapTranslatableModel


class Migration(migrations.Migration):

    dependencies = [
        ("documents", "0001_initial"),
        ("wagtailcore", "0098_apitoken"),
    ]

    operations = [
        migrations.AddField(
            model_name="customdocument",
            name="language",
            field=models.CharField(choices=[("fi", "Finnish"), ("sv", "Swedish"), ("en", "English")], default="fi", help_text="The language the PDF itself is written in.", max_length=2, verbose_name="language of the file"),
        ),
        migrations.AddField(
            model_name="customdocument",
            name="document_date",
            field=models.DateField(blank=True, help_text="For example the meeting date of an agenda or minutes.", null=True, verbose_name="document date"),
        ),
        migrations.AddField(
            model_name="customdocument",
            name="page_count",
            field=models.PositiveIntegerField(editable=False, null=True, verbose_name="page count"),
        ),
        migrations.AddField(
            model_name="customdocument",
            name="extracted_text",
            field=models.TextField(blank=True, editable=False, verbose_name="extracted text"),
        ),
        migrations.AddField(
            model_name="customdocument",
            name="extraction_error",
            field=models.CharField(blank=True, editable=False, max_length=500, verbose_name="text extraction error"),
        ),
        migrations.AddField(
            model_name="customdocument",
            name="is_tagged",
            field=models.BooleanField(default=False, editable=False, verbose_name="tagged PDF"),
        ),
        migrations.AddField(
            model_name="customdocument",
            name="has_title",
            field=models.BooleanField(default=False, editable=False, verbose_name="has a title"),
        ),
        migrations.AddField(
            model_name="customdocument",
            name="has_language",
            field=models.BooleanField(default=False, editable=False, verbose_name="has a language"),
        ),
        migrations.AddField(
            model_name="customdocument",
            name="locale",
            field=models.ForeignKey(editable=False, null=True, on_delete=django.db.models.deletion.PROTECT, related_name="+", to="wagtailcore.locale", verbose_name="locale"),
        ),
        migrations.AddField(
            model_name="customdocument",
            name="translation_key",
            field=models.UUIDField(editable=False, null=True),
        ),
        BootstrapTranslatableModel("documents.CustomDocument"),
        migrations.AlterField(
            model_name="customdocument",
            name="locale",
            field=models.ForeignKey(editable=False, on_delete=django.db.models.deletion.PROTECT, related_name="+", to="wagtailcore.locale", verbose_name="locale"),
        ),
        migrations.AlterField(
            model_name="customdocument",
            name="translation_key",
            field=models.UUIDField(default=uuid.uuid4, editable=False),
        ),
        migrations.AlterUniqueTogether(
            name="customdocument",
            unique_together={("translation_key", "locale")},
        ),
    ]
