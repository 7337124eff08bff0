"""ASCII slugs for every page in every language, as hel.fi writes them (ä→a, ö→o, å→a).

One rule, applied where Wagtail itself sets a page's slug:

- `ascii_slug()` is the rule. It transliterates the way the admin's own JavaScript does with
  `WAGTAIL_ALLOW_UNICODE_SLUGS = False` (Wagtail's `urlify`), so the slug the editor sees fill
  in while typing the title is the slug that is saved.
- `normalise_page_slug()` runs in `SitePageMixin._set_core_field_defaults` (cms/pages.py),
  i.e. in every `full_clean`/`minimal_clean` of every page: admin forms, the API, revisions
  being published, wagtail-localize's translations. A Unicode slug is transliterated, not
  refused: the editor typed the right word, and refusing it would leave them guessing how a
  URL "should" be spelt.
- `SitePageForm` (the pages' `base_form_class`) does the same before the form's own check
  that the slug is free, so a clash is a form error instead of a failed save; an empty slug is
  made from the title on publish too (Wagtail already does so for drafts); and the slug
  field transliterates when the editor types into it directly (Wagtail's `slugify` on blur
  would drop ä and ö: "talkoopäivä" → "talkoopiv").
- Translations: wagtail-localize treats the slug as a string to translate, shown on the
  Promote tab that translators rarely open. Left untranslated, the translation stayed
  "outdated" for ever after it was published. Here the slug follows the translated title
  (as Wagtail's editor makes a page's slug follow its title until it is first published); once
  the translation is live its slug stays, so a published address never changes by itself.
  A slug the translator types on the Promote tab is theirs and is never overwritten.

Existing Unicode slugs were rewritten by cms/migrations/0002_ascii_slugs.py, which left a
permanent redirect (wagtail.contrib.redirects) from each old address; 0003 gave published
translations made before this rule a slug string saying what their address already is.
"""

from __future__ import annotations

import re
import unicodedata

from django.core.validators import RegexValidator
from django.utils.text import slugify
from wagtail.admin.forms import WagtailAdminPageForm
from wagtail.coreutils import cautious_slugify

# Letters that Unicode decomposition does not reduce to ASCII, as Wagtail's admin JS maps them.
_LETTERS = {
    "ß": "ss",
    "æ": "ae",
    "Æ": "AE",
    "ø": "o",
    "Ø": "O",
    "œ": "oe",
    "Œ": "OE",
    "đ": "d",
    "Đ": "D",
    "ð": "d",
    "Ð": "D",
    "þ": "th",
    "Þ": "TH",
    "ł": "l",
    "Ł": "L",
}
_LETTERS_RE = re.compile("|".join(_LETTERS))


def ascii_slug(value: str, max_length: int = 255) -> str:
    """`talkoopäivä-2027` → `talkoopaiva-2027`; ASCII letters, digits, `-` and `_` only.

    At most `max_length` characters (Page.slug's): "ß" → "ss" may lengthen a slug.
    """
    value = _LETTERS_RE.sub(lambda match: _LETTERS[match.group(0)], str(value or ""))
    slug = slugify(unicodedata.normalize("NFKD", value))
    # Scripts with no Latin transliteration keep a readable identity (Wagtail's fallback).
    slug = slug or cautious_slugify(value)
    return slug[:max_length].rstrip("-_")


def normalise_page_slug(page) -> None:
    if page.slug and not page.slug.isascii():
        page.slug = ascii_slug(page.slug)


class SitePageForm(WagtailAdminPageForm):
    """The admin form of every page type (SitePageMixin.base_form_class)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        slug = self.fields.get("slug")
        if slug is not None:
            # Empty means "from the title", on publish as on saving a draft; anything typed
            # (spaces, capitals, ä) is made into a slug by clean_slug rather than refused.
            slug.required = False
            slug.validators = [v for v in slug.validators if not isinstance(v, RegexValidator)]
            # Transliterate (urlify) rather than strip (slugify) when the editor leaves the field.
            widget = slug.widget
            widget.attrs["data-action"] = widget.attrs.get("data-action", "").replace(
                "blur->w-slug#slugify", "blur->w-slug#urlify"
            )

    def clean_slug(self):
        slug = self.cleaned_data.get("slug")
        return ascii_slug(slug) if slug else ""


# --- wagtail-localize: the translation's slug ---------------------------------------------


def _slug_segment(context):
    from wagtail_localize.models import StringSegment

    return (
        StringSegment.objects.filter(context__object_id=context.object_id, context__path="slug")
        .select_related("string", "context", "source")
        .first()
    )


def _target(model, translation_key, locale_id):
    if model is None or not any(f.name == "slug" for f in model._meta.get_fields()):
        return None
    fields = ["slug"] + (["live"] if any(f.name == "live" for f in model._meta.get_fields()) else [])
    return (
        model._default_manager.filter(translation_key=translation_key, locale_id=locale_id)
        .values(*fields)
        .first()
    )


def _set_slug_translation(segment, locale_id, data: str, existing=None) -> None:
    from wagtail_localize.models import StringTranslation

    if existing is not None:
        if existing.data != data:
            StringTranslation.objects.filter(pk=existing.pk).update(data=data)
        return
    StringTranslation.objects.create(
        translation_of=segment.string,
        context=segment.context,
        locale_id=locale_id,
        data=data,
        # "Automatic" in wagtail-localize's terms: its editor shows "machine translated" and makes
        # it manual when a translator types a slug of their own.
        translation_type=StringTranslation.TRANSLATION_TYPE_MACHINE,
    )


def _title_translated(sender, instance, raw=False, **kwargs) -> None:
    """A translated title gives the translation its slug while the translation is not live."""
    from wagtail_localize.models import StringTranslation

    if raw or instance.context_id is None or instance.has_error:
        return
    context = instance.context
    if context.path != "title":
        return
    segment = _slug_segment(context)
    if segment is None:
        return
    target = _target(context.object.content_type.model_class(), context.object_id, instance.locale_id)
    existing = StringTranslation.objects.filter(
        translation_of=segment.string, context=segment.context, locale_id=instance.locale_id
    ).first()
    if target is not None and target.get("live", True):
        # Published: its address stays. An untranslated slug string is its current slug.
        if existing is None:
            _set_slug_translation(segment, instance.locale_id, target["slug"])
        return
    if existing is not None and existing.translation_type != StringTranslation.TRANSLATION_TYPE_MACHINE:
        return  # typed by the translator
    slug = ascii_slug(instance.data)
    if slug:
        _set_slug_translation(segment, instance.locale_id, slug, existing)


def _slug_segment_saved(sender, instance, created, raw=False, **kwargs) -> None:
    """A new source slug (the Finnish page's slug changed): live translations keep theirs."""
    from wagtail.models import Locale
    from wagtail_localize.models import StringTranslation

    if raw or not created:
        return
    context = instance.context
    if context.path != "slug":
        return
    model = context.object.content_type.model_class()
    if _target(model, context.object_id, instance.source.locale_id) is None:
        return
    translated = set(
        StringTranslation.objects.filter(translation_of=instance.string, context=context).values_list(
            "locale_id", flat=True
        )
    )
    for locale_id in Locale.objects.exclude(pk=instance.source.locale_id).values_list("pk", flat=True):
        if locale_id in translated:
            continue
        target = _target(model, context.object_id, locale_id)
        if target is not None and target.get("live", True):
            _set_slug_translation(instance, locale_id, target["slug"])


def connect_signals() -> None:
    from django.db.models.signals import post_save
    from wagtail_localize.models import StringSegment, StringTranslation

    post_save.connect(_title_translated, sender=StringTranslation, dispatch_uid="cms.slugs.title_translated")
    post_save.connect(_slug_segment_saved, sender=StringSegment, dispatch_uid="cms.slugs.slug_segment_saved")
