"""Showing board content in the visitor's language with a constant number of queries.

Lists are built from the source-language (Finnish) rows, which carry the
synchronised facts (numbers, dates, status, documents). Their translated text is
fetched for the whole list in one query and falls back to the source text where a
translation is missing or not yet published, never mixing languages in one field.
The documents they link (a meeting's agenda and minutes, an event's PDF) are the same
for every language, and each language shows its own version of the file where there is
one: one more query for the whole list.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.db import models
from wagtail.documents import get_document_model
from wagtail.models import Locale, TranslatableMixin
from wagtail_localize.fields import TranslatableField

from cms import visibility
from cms.locales import locale_for, source_locale
from documents.languages import choose_files

# What a document link (the `document_link` tag, home/templatetags/site_tags.py) and board/feeds.py
# read of a document.
# translation_key and locale: each language links its own version of the file, and says the
# file's language where it is not the page's (documents/languages.py).
DOCUMENT_LINK_FIELDS = ("id", "title", "file", "file_size", "translation_key", "locale", "language")


def text_fields(model: type[models.Model]) -> frozenset[str]:
    return frozenset(
        f.field_name
        for f in getattr(model, "override_translatable_fields", [])
        if isinstance(f, TranslatableField)
    )


class Localized:
    """A source row whose translatable fields are read from its translation."""

    def __init__(self, source: models.Model, text: models.Model, locale: Locale | None = None):
        self.source = source
        self.text = text
        self._text_fields = text_fields(type(source))
        # The text is shown in the source language (a missing translation): mark it with lang="…".
        self.fallback = locale is not None and text.locale_id != locale.pk

    def __getattr__(self, name: str) -> Any:
        if name.startswith("__"):
            raise AttributeError(name)
        if name in self._text_fields:
            return getattr(self.text, name)
        return getattr(self.source, name)

    def __str__(self) -> str:
        return str(self.text)

    @property
    def is_translated(self) -> bool:
        return self.text is not self.source


# Templates call it `meeting`; the preview builds one from a single row.
MeetingView = Localized


def localize(rows: Iterable[models.Model], locale: Locale | None = None) -> list[Localized]:
    """Wrap source rows with their translation in `locale` (the active one): one query."""
    rows = list(rows)
    locale = locale or locale_for()
    translations: dict = {}
    pending = [r.translation_key for r in rows if r.locale_id != locale.pk]
    if pending:
        model = type(rows[0])
        qs = visibility.public_objects(model).filter(locale=locale, translation_key__in=pending)
        translations = {t.translation_key: t for t in qs}
    views = [Localized(r, translations.get(r.translation_key, r), locale) for r in rows]
    if rows:
        _localize_documents(views, type(rows[0]), locale)
    return views


def document_fields(model: type[models.Model]) -> tuple[str, ...]:
    """The model's links to translatable documents, synchronised from the source row."""
    document_model = get_document_model()
    if not issubclass(document_model, TranslatableMixin):
        return ()
    return tuple(
        f.name
        for f in model._meta.concrete_fields
        if isinstance(f, models.ForeignKey) and f.related_model is document_model
    )


def _localize_documents(views: list[Localized], model: type[models.Model], locale: Locale) -> None:
    fields = document_fields(model)
    linked = [(view, name, getattr(view.source, name)) for view in views for name in fields]
    linked = [(view, name, doc) for view, name, doc in linked if doc is not None]
    if not linked:
        return
    # Which file each language links: one rule (documents/languages.py), one query.
    chosen = choose_files((doc for _v, _n, doc in linked), locale.language_code, fields=DOCUMENT_LINK_FIELDS)
    for view, name, doc in linked:
        # An attribute of the view hides the source row's (Localized.__getattr__ is the fallback).
        setattr(view, name, chosen[doc.pk])


def localized_map(rows: Iterable[models.Model], locale: Locale | None = None) -> dict[int, Localized]:
    """Source-language rows of a small table (seats, roles), by id, each with its translation."""
    locale = locale or locale_for()
    source = source_locale()
    rows = list(rows)
    translated = {r.translation_key: r for r in rows if r.locale_id == locale.pk}
    return {
        r.pk: Localized(r, translated.get(r.translation_key, r), locale)
        for r in rows
        if r.locale_id == source.pk
    }
