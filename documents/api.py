"""The documents endpoints of the API (/api/v3/documents/), assembled by cms/api/api.py."""

from __future__ import annotations

import datetime
from typing import Literal

from django.conf import settings
from django.http import Http404, HttpRequest
from django.utils.translation import gettext as _
from ninja import Query, Router, Schema
from pydantic import Field
from wagtail.documents import get_document_model

from cms import visibility
from cms.absolute_urls import absolute_url
from cms.api.common import Id, LocaleQuery, Pagination, api_url, envelope, paginate, paginated
from cms.api.errors import error_responses
from cms.api.i18n import Translation, get_locale, localize

router = Router(tags=["documents"])

Document = get_document_model()
TRANSLATABLE = hasattr(Document, "translation_key")
KINDS = tuple(value for value, _label in Document.Kind.choices) if hasattr(Document, "Kind") else ("other",)
LANGUAGES = tuple(code for code, _name in settings.WAGTAIL_CONTENT_LANGUAGES)


class DocumentMeta(Schema):
    type: str = Field(description="`documents.CustomDocument`.")
    locale: str | None = Field(description="Language version of the document's metadata.")
    detail_url: str


class DocumentItem(Schema):
    """A public PDF with its metadata."""

    id: int
    meta: DocumentMeta
    fallback: bool = Field(description="True when there is no version in the requested language.")
    translations: list[Translation]
    title: str
    url: str = Field(description="Absolute download address.")
    kind: Literal[KINDS]  # type: ignore[valid-type]
    kind_label: str
    language: str | None = Field(description="Language the file itself is written in.")
    document_date: datetime.date | None
    page_count: int | None
    file_size: int | None
    created_at: datetime.datetime


DocumentList = paginated(DocumentItem, "DocumentList")


class DocumentQuery(Schema):
    kind: Literal[KINDS] | None = Field(
        default=None, description="agenda, minutes, calendar, programme or other."
    )  # type: ignore[valid-type]
    language: Literal[LANGUAGES] | None = Field(default=None, description="Language of the file.")  # type: ignore[valid-type]
    year: int | None = Field(default=None, ge=1900, le=2200, description="Year of the document date.")
    order: Literal["-document_date", "document_date", "title", "-title", "id", "-id"] = "-document_date"


def _document_item(request: HttpRequest, doc, groups: dict) -> dict:
    versions = groups.get(getattr(doc, "translation_key", None), []) if TRANSLATABLE else []
    kind = getattr(doc, "kind", "other")
    return {
        "id": doc.pk,
        "meta": {
            "type": Document._meta.label,
            "locale": doc.locale.language_code if TRANSLATABLE else None,
            "detail_url": api_url(request, "detail_document", document_id=doc.pk),
        },
        "fallback": bool(getattr(doc, "api_fallback", False)),
        "translations": [
            {
                "locale": other.locale.language_code,
                "id": other.pk,
                "url": absolute_url(other.url, request),
                "detail_url": api_url(request, "detail_document", document_id=other.pk),
            }
            for other in versions
            if other.pk != doc.pk
        ],
        "title": doc.title,
        "url": absolute_url(doc.url, request),
        "kind": kind,
        "kind_label": str(doc.get_kind_display()) if hasattr(doc, "get_kind_display") else kind,
        "language": getattr(doc, "language", None),
        "document_date": getattr(doc, "document_date", None),
        "page_count": getattr(doc, "page_count", None),
        "file_size": doc.file_size,
        "created_at": doc.created_at,
    }


def document_items(request: HttpRequest, docs: list, visible) -> list[dict]:
    groups: dict = {}
    if TRANSLATABLE and docs:
        keys = {d.translation_key for d in docs}
        for other in visible.filter(translation_key__in=keys).select_related("locale"):
            groups.setdefault(other.translation_key, []).append(other)
    return [_document_item(request, doc, groups) for doc in docs]


def _light(queryset):
    # The extracted text can be a whole book: never read it for a listing.
    return queryset.defer("extracted_text") if hasattr(Document, "extracted_text") else queryset


@router.get(
    "/",
    response={200: DocumentList, **error_responses(400)},
    url_name="list_documents",
    summary="List public documents",
    description="The board's public documents, newest document date first by default, with their "
    "file address, kind and language; filter by kind, language of the file or year.",
    operation_id="documents_list",
)
def list_documents(
    request: HttpRequest,
    query: DocumentQuery = Query(...),  # noqa: B008
    lang: LocaleQuery = Query(...),  # noqa: B008
    pagination: Pagination = Query(...),  # noqa: B008
):
    visible = visibility.public_documents()
    queryset = visible
    if TRANSLATABLE:
        queryset = localize(visible, visible, get_locale(request, lang.locale), get_locale(request, None))
        queryset = queryset.select_related("locale")
    if query.kind:
        queryset = queryset.filter(kind=query.kind)
    if query.language:
        queryset = queryset.filter(language=query.language)
    if query.year:
        queryset = queryset.filter(document_date__year=query.year)
    count, docs = paginate(_light(queryset).order_by(query.order, "pk"), pagination)
    return envelope(count, pagination, document_items(request, docs, _light(visible)))


@router.get(
    "/{document_id}/",
    response={200: DocumentItem, **error_responses(400, 404)},
    url_name="detail_document",
    summary="Document detail",
    description="One public document by id, with its other language versions; 404 otherwise.",
    operation_id="documents_detail",
)
def document_detail(request: HttpRequest, document_id: Id, lang: LocaleQuery = Query(...)):  # noqa: B008
    visible = _light(visibility.public_documents())
    if TRANSLATABLE:
        visible = visible.select_related("locale")
    doc = visible.filter(pk=document_id).first()
    if doc is None:
        raise Http404(_("No public document with this id."))
    if TRANSLATABLE and doc.locale.language_code != lang.locale:
        version = visible.filter(
            translation_key=doc.translation_key, locale__language_code=lang.locale
        ).first()
        if version is not None:
            doc = version
        elif doc.locale.language_code != settings.LANGUAGE_CODE:
            doc = (
                visible.filter(
                    translation_key=doc.translation_key, locale__language_code=settings.LANGUAGE_CODE
                ).first()
                or doc
            )
            doc.api_fallback = True
        else:
            doc.api_fallback = True
    return document_items(request, [doc], visible)[0]
