"""The site's locales, read once per content version (cms/memo.py): by code, by id, the
source (Finnish) locale and the locale of a language. Models may import this module."""

from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest
from django.utils import translation
from wagtail.models import Locale

from cms.memo import per_version


def locales_by_code(request: HttpRequest | None = None) -> dict[str, Locale]:
    return per_version("locales", lambda: {loc.language_code: loc for loc in Locale.objects.all()}, request)


def locales_by_id(request: HttpRequest | None = None) -> dict[int, Locale]:
    """The same Locale objects by id: to attach to rows read without joining the locale."""
    return {locale.pk: locale for locale in locales_by_code(request).values()}


def source_locale(request: HttpRequest | None = None) -> Locale:
    """The source-language (Finnish, `LANGUAGE_CODE`) locale, from the memo above: the one
    accessor serving code asks. Code that writes content (the demo, the factories) reads
    Wagtail's `Locale.get_default()` instead, which sees locales made in its own transaction."""
    return locales_by_code(request).get(settings.LANGUAGE_CODE) or Locale.get_default()


def locale_for(language_code: str | None = None, request: HttpRequest | None = None) -> Locale:
    """The locale of `language_code` (default: the active language), else the source locale."""
    code = language_code or translation.get_language() or settings.LANGUAGE_CODE
    return locales_by_code(request).get(code) or source_locale(request)
