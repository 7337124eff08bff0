"""Keep the translators' page permissions, the source-change record and the synchronised
fields of translations (translations/synchronised.py) current."""

from django.db.models.signals import post_migrate, post_save
from django.utils import timezone
from wagtail.models import DraftStateMixin, Page, TranslatableMixin

from translations.content import CONTENT_APPS


def _after_migrate(sender, **kwargs) -> None:
    # Run once, after the apps whose permissions we grant (content apps, wagtail_localize,
    # wagtailadmin, wagtaildocs) have had theirs created: "wagtailcore" comes after them.
    if sender.label != "wagtailcore":
        return
    from translations.roles import sync_translator_permissions

    sync_translator_permissions()


def _language_root_saved(sender, instance, created, raw=False, **kwargs) -> None:
    if raw or not created or not isinstance(instance, Page) or instance.depth != 2:
        return
    from translations.content import default_locale_id
    from translations.roles import sync_translator_permissions

    if instance.locale_id != default_locale_id():
        sync_translator_permissions()


def _source_saved(sender, instance, raw=False, **kwargs) -> None:
    if raw or not isinstance(instance, TranslatableMixin) or isinstance(instance, DraftStateMixin):
        return
    if sender._meta.app_label not in CONTENT_APPS:
        return
    from translations.content import default_locale_id
    from translations.models import SourceChange

    if instance.locale_id != default_locale_id():
        return
    SourceChange.objects.update_or_create(
        translation_key=instance.translation_key, defaults={"changed_at": timezone.now()}
    )


def connect() -> None:
    from wagtail.signals import published

    from translations import synchronised

    post_migrate.connect(_after_migrate, dispatch_uid="translations.sync_translator_permissions")
    post_save.connect(_language_root_saved, dispatch_uid="translations.language_root_saved")
    post_save.connect(_source_saved, dispatch_uid="translations.source_saved")
    # Pages send `published` too (after page_published), so one receiver covers both.
    published.connect(synchronised.on_published, dispatch_uid="translations.synchronise_published")
    post_save.connect(synchronised.on_saved, dispatch_uid="translations.synchronise_saved")
