"""Programmatic translation through wagtail-localize (not the translations/ app): demo content and tests.

Real translators use the wagtail-localize editor; this drives the same models
(TranslationSource → StringTranslation → save_target) so that what it makes is
exactly what the editor would make: the translations report and sync work on it.
"""

from django.db import transaction
from wagtail.models import Locale, Page
from wagtail_localize.models import (
    StringSegment,
    StringTranslation,
    Translation,
    TranslationSource,
)


@transaction.atomic
def translate_object(
    instance, language_code: str, strings: dict[str, str], *, publish: bool = True, user=None
):
    """Translate `instance` into `language_code` using `strings` (source text → translation).

    Segments with no entry in `strings` keep the source text (wagtail-localize's fallback).
    Returns the translated instance. Idempotent: an existing translation is updated.
    """
    if isinstance(instance, Page):
        instance = instance.specific
    locale = Locale.objects.get(language_code=language_code)
    source, created = TranslationSource.get_or_create_from_instance(instance)
    if not created:
        source.update_from_db()
    translation, _ = Translation.objects.get_or_create(
        source=source, target_locale=locale, defaults={"enabled": True}
    )
    segments = StringSegment.objects.filter(source=source).select_related("string", "context")
    for segment in segments:
        text = strings.get(segment.string.data)
        if text is None:
            continue
        StringTranslation.objects.update_or_create(
            translation_of=segment.string,
            locale=locale,
            context=segment.context,
            defaults={"data": text, "translation_type": StringTranslation.TRANSLATION_TYPE_MANUAL},
        )
    translation.save_target(user=user, publish=publish)
    return instance.get_translation(locale)
