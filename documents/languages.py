"""Which file a visitor is given for a document, and what language that file is in.

One rule for every output that links a document: the HTML pages (the `document_link`
tag and block, the board's lists), the calendar feeds and the API. For a wanted language,
the document's version in that language's locale is linked when there is one (it owns
its file: a Swedish PDF, or still a copy of the Finnish one until a Swedish one is
uploaded), otherwise the document as linked. What the file is written in is the version's
`language` field; a link whose file is not in the page's language says so in the page's
language ("(på finska)") and carries `hreflang`.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.conf import settings
from django.db.models import Q, QuerySet
from django.utils.translation import gettext_lazy
from wagtail.documents import get_document_model
from wagtail.models import TranslatableMixin

from cms.locales import locales_by_code

# Said after a link to a file in another language, in the page's language.
LANGUAGE_NOTES = {
    "fi": gettext_lazy("in Finnish"),
    "sv": gettext_lazy("in Swedish"),
    "en": gettext_lazy("in English"),
}

# Set on a document once chosen for a language, so that choosing it again costs nothing.
_CHOSEN = "_file_chosen_for"


def file_language(document: Any) -> str:
    """The language the document's file is written in."""
    return getattr(document, "language", None) or settings.LANGUAGE_CODE


def language_note(document: Any, page_language: str) -> str:
    """ "in Finnish" in the page's (active) language when the file is in another one, else ""."""
    return note_for(file_language(document), page_language)


def note_for(file_language_code: str, page_language: str) -> str:
    """ "in Finnish" in the page's (active) language for a file in another language, else ""."""
    if file_language_code == page_language:
        return ""
    note = LANGUAGE_NOTES.get(file_language_code)
    return str(note) if note is not None else ""


def _locale_id(language_code: str) -> int | None:
    locale = locales_by_code().get(language_code)
    return locale.pk if locale is not None else None


def _pick(document: Any, versions: dict, locale_id: int) -> Any:
    """The rule: the version in the wanted locale when there is one, else the document."""
    if document.locale_id == locale_id:
        return document
    return versions.get(document.translation_key, document)


def choose_files(
    documents: Iterable[Any],
    language_code: str,
    queryset: QuerySet | None = None,
    fields: Iterable[str] | None = None,
) -> dict[int, Any]:
    """{pk of each given document: the document whose file to link for `language_code`}.

    One query for all of them, none when each is already in that language's locale or was
    chosen for it before. `queryset`: where to look for versions (the public documents,
    for the API); `fields`: to read only what a link shows.
    """
    docs = [d for d in documents if d is not None]
    chosen = {d.pk: d for d in docs}
    model = get_document_model()
    locale_id = _locale_id(language_code)
    if locale_id is None or not issubclass(model, TranslatableMixin):
        return chosen
    pending = [d for d in docs if d.locale_id != locale_id and getattr(d, _CHOSEN, None) != language_code]
    if pending:
        qs = queryset if queryset is not None else model.objects.all()
        qs = qs.filter(locale_id=locale_id, translation_key__in={d.translation_key for d in pending})
        if fields:
            qs = qs.only(*fields)
        versions = {v.translation_key: v for v in qs}
        for doc in pending:
            chosen[doc.pk] = _pick(doc, versions, locale_id)
    for doc in chosen.values():
        setattr(doc, _CHOSEN, language_code)
    return chosen


def choose_file(document: Any, language_code: str, queryset: QuerySet | None = None) -> Any:
    """The document whose file to link for `language_code` (see choose_files)."""
    if document is None:
        return None
    return choose_files([document], language_code, queryset)[document.pk]


def choose_files_by_id(ids: Iterable[int], language_code: str, queryset: QuerySet) -> dict[int, Any]:
    """{id: the document whose file to link for `language_code`} for the documents of
    `queryset` (the public ones) with these ids: the documents and their versions in one query."""
    ids = set(ids)
    locale_id = _locale_id(language_code)
    if locale_id is None or not issubclass(queryset.model, TranslatableMixin):
        return {d.pk: d for d in queryset.filter(pk__in=ids)}
    keys = queryset.filter(pk__in=ids).values("translation_key")
    rows = list(queryset.filter(Q(pk__in=ids) | Q(locale_id=locale_id, translation_key__in=keys)))
    versions = {r.translation_key: r for r in rows if r.locale_id == locale_id}
    chosen = {r.pk: _pick(r, versions, locale_id) for r in rows if r.pk in ids}
    for doc in chosen.values():
        setattr(doc, _CHOSEN, language_code)
    return chosen
