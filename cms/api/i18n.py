"""Languages in the API: the `locale` parameter, Finnish fallback and the list of translations."""

from __future__ import annotations

from typing import Literal

from django.conf import settings
from django.db.models import BooleanField, Case, Exists, OuterRef, Q, QuerySet, Value, When
from django.http import HttpRequest
from ninja import Schema
from pydantic import Field
from wagtail.models import Locale

from cms import visibility
from cms.locales import locales_by_code

CONTENT_LANGUAGES = tuple(code for code, _name in settings.WAGTAIL_CONTENT_LANGUAGES)
LocaleCode = Literal[CONTENT_LANGUAGES]  # type: ignore[valid-type]
DEFAULT_LANGUAGE = settings.LANGUAGE_CODE

LOCALE_DESCRIPTION = (
    "Content language. Items not translated into it are returned in Finnish with `fallback: true`."
)


class Translation(Schema):
    """Another language version of the same item."""

    locale: str = Field(description="Language code (fi, sv, en).")
    id: int = Field(description="The id of that language version.")
    url: str | None = Field(default=None, description="Its public web address, when it has one.")
    detail_url: str | None = Field(default=None, description="Its API address.")


def locales(request: HttpRequest) -> dict[str, Locale]:
    """All locales by language code, read once per process and content version."""
    return locales_by_code(request)


def get_locale(request: HttpRequest, code: str | None) -> Locale | None:
    return locales(request).get(code or DEFAULT_LANGUAGE)


def localize(queryset: QuerySet, visible: QuerySet, locale: Locale, default: Locale | None) -> QuerySet:
    """Items in `locale`, plus Finnish items that have no visible translation into it.

    Annotates `api_fallback` (True for the Finnish stand-ins). `visible` is the queryset of
    items an anonymous caller may see, so a draft translation never hides its Finnish source.
    """
    if default is None or locale.pk == default.pk:
        return queryset.filter(locale=locale).annotate(api_fallback=Value(False, output_field=BooleanField()))
    translated = visible.filter(locale=locale, translation_key=OuterRef("translation_key"))
    return queryset.filter(Q(locale=locale) | (Q(locale=default) & ~Exists(translated))).annotate(
        api_fallback=Case(
            When(locale=locale, then=Value(False)), default=Value(True), output_field=BooleanField()
        )
    )


def translations_by_key(visible: QuerySet, items: list, select_locale: bool = True) -> dict:
    """{translation_key: [objects]} for every visible language version of `items`, one query."""
    keys = {item.translation_key for item in items}
    grouped: dict = {}
    if not keys:
        return grouped
    queryset = visible.filter(translation_key__in=keys)
    for obj in queryset.select_related("locale") if select_locale else queryset:
        grouped.setdefault(obj.translation_key, []).append(obj)
    return grouped


def versions_by_key(model: type, sources: list) -> dict:
    """{translation_key: {language_code: obj}} for every visible version of `sources`: one query."""
    keys = {s.translation_key for s in sources}
    grouped: dict = {}
    if not keys:
        return grouped
    qs = visibility.public_objects(model).filter(translation_key__in=keys).select_related("locale")
    for obj in qs:
        grouped.setdefault(obj.translation_key, {})[obj.locale.language_code] = obj
    return grouped


def pick_version(source, versions: dict, code: str):
    """(the version whose text to show, fallback?) for a source-language row."""
    chosen = versions.get(code)
    if chosen is not None:
        return chosen, False
    return source, code != source_language(source)


def source_language(obj) -> str:
    locale = getattr(obj, "locale", None)
    return locale.language_code if locale is not None else DEFAULT_LANGUAGE
