"""The site search in the API (/api/v3/search/): home/search.py's search, as on the search page."""

from __future__ import annotations

import datetime
from typing import Literal

from django.http import HttpRequest
from ninja import Query, Router, Schema
from pydantic import Field

from cms.absolute_urls import absolute_url
from cms.api.common import LocaleQuery, api_url
from cms.api.errors import error_responses
from cms.api.i18n import get_locale
from home.search import site_search

router = Router(tags=["search"])


class SearchDocumentItem(Schema):
    id: int
    title: str
    url: str | None = Field(description="Absolute public address.")
    detail_url: str | None = Field(description="The document in this API.")
    excerpt: str
    date: datetime.date | None


class SearchHitItem(Schema):
    type: Literal["page", "meeting", "event", "person", "document"]
    type_label: str
    id: int
    title: str
    url: str | None = Field(description="Absolute public address.")
    detail_url: str | None = Field(description="The item in this API.")
    excerpt: str
    date: datetime.date | datetime.datetime | None
    documents: list[SearchDocumentItem] = Field(
        description="The matching documents that belong to this meeting, event or page, newest first."
    )


class SearchResult(Schema):
    query: str = Field(description="The words searched for.")
    count: int
    page: int
    num_pages: int
    limit: int
    items: list[SearchHitItem]


class SearchQuery(Schema):
    q: str = Field(default="", max_length=200, description="Words to find (at most 200 characters).")
    type: Literal["page", "meeting", "event", "person", "document"] | None = Field(
        default=None,
        description="Only the hits of this kind (a document that belongs to a meeting, event or page "
        "is listed under it, not as a hit of its own).",
    )
    page: int = Field(default=1, ge=1, le=1000)
    limit: int = Field(default=10, ge=1, le=50)


_DETAIL = {
    "page": ("detail_page", "page_id"),
    "meeting": ("detail_meeting", "meeting_id"),
    "event": ("detail_event", "event_id"),
    "person": ("detail_person", "person_id"),
    "document": ("detail_document", "document_id"),
}


@router.get(
    "/",
    response={200: SearchResult, **error_responses(400)},
    url_name="search",
    summary="Search pages, meetings, events, people's names and the text of documents",
    description="The site search, as on the search page: pages, meetings, events, people and documents "
    "matching `q` in the requested language; a document that belongs to a meeting, event or page is "
    "listed in that item's `documents`; `type` for one kind only, paginated by `page` and `limit`.",
    operation_id="search",
)
def search(request: HttpRequest, query: SearchQuery = Query(...), lang: LocaleQuery = Query(...)):  # noqa: B008
    results = site_search(
        query.q,
        lang.locale,
        page=query.page,
        per_page=query.limit,
        locale=get_locale(request, lang.locale),
        only=query.type,
    )
    # site_search() finds only what the public may see (cms/visibility.py), so `count` counts
    # exactly the items it pages through: a count never reveals a hidden item.
    items = []
    for hit in results.hits:
        obj = hit.object
        if obj is None:
            continue
        name, kwarg = _DETAIL.get(hit.type, (None, None))
        items.append(
            {
                "type": hit.type,
                "type_label": hit.type_label,
                "id": obj.pk,
                "title": hit.title,
                "url": absolute_url(hit.url, request) if hit.url else None,
                "detail_url": api_url(request, name, **{kwarg: obj.pk}) if name else None,
                "excerpt": hit.excerpt,
                "date": hit.date,
                "documents": [
                    {
                        "id": d.object.pk,
                        "title": d.title,
                        "url": absolute_url(d.url, request) if d.url else None,
                        "detail_url": api_url(request, "detail_document", document_id=d.object.pk),
                        "excerpt": d.excerpt,
                        "date": d.date,
                    }
                    for d in hit.documents
                    if d.object is not None
                ],
            }
        )
    return {
        "query": results.query,
        "count": results.count,
        "page": results.page,
        "num_pages": results.num_pages,
        "limit": results.per_page,
        "items": items,
    }
