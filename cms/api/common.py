"""Pieces shared by the API's routers: ids, pagination, the `locale` parameter."""

from __future__ import annotations

import datetime
import re
from typing import Annotated, Any

from django.conf import settings
from django.db.models import QuerySet
from django.http import HttpRequest
from django.urls import reverse
from django.utils.translation import gettext
from ninja import Schema
from pydantic import BeforeValidator, Field, create_model

from cms.absolute_urls import absolute_url
from cms.api.i18n import LOCALE_DESCRIPTION, LocaleCode

# Ids in paths and filters: positive and within a 32-bit integer, so a huge number is a
# clear 400 rather than a database overflow.
MAX_ID = 2**31 - 1
Id = Annotated[int, Field(ge=1, le=MAX_ID)]
MAX_OFFSET = 100_000


def _iso_date(value: Any) -> Any:
    # pydantic would also read a number as a Unix time; the API takes YYYY-MM-DD only.
    if isinstance(value, str) and not re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
        raise ValueError(gettext("Use a date as YYYY-MM-DD."))
    if not isinstance(value, (str, datetime.date)):
        raise ValueError(gettext("Use a date as YYYY-MM-DD."))
    return value


IsoDate = Annotated[datetime.date, BeforeValidator(_iso_date)]


class LocaleQuery(Schema):
    locale: LocaleCode = Field(default=settings.LANGUAGE_CODE, description=LOCALE_DESCRIPTION)  # type: ignore[valid-type]


class OptionalLocaleQuery(Schema):
    locale: LocaleCode | None = Field(  # type: ignore[valid-type]
        default=None,
        description=LOCALE_DESCRIPTION + " Without it, the item is returned in its own language.",
    )


class Pagination(Schema):
    limit: int = Field(
        default=20,
        ge=1,
        le=settings.API_LIMIT_MAX,
        description=f"Page size, at most {settings.API_LIMIT_MAX}.",
    )
    offset: int = Field(default=0, ge=0, le=MAX_OFFSET, description="Number of items to skip.")


def paginated(item_type: Any, name: str) -> type[Schema]:
    """A list answer: `count` over all pages, this page's `limit`/`offset`, complete `items`."""
    return create_model(
        name,
        __base__=Schema,
        count=(int, Field(description="Number of items matching the query, over all pages.")),
        limit=(int, ...),
        offset=(int, ...),
        items=(list[item_type], Field(description="Complete items: no detail call needed.")),
    )


def paginate(queryset: QuerySet, pagination: Pagination) -> tuple[int, list]:
    count = queryset.count()
    items = list(queryset[pagination.offset : pagination.offset + pagination.limit]) if count else []
    return count, items


def envelope(count: int, pagination: Pagination, items: list[Any]) -> dict:
    return {"count": count, "limit": pagination.limit, "offset": pagination.offset, "items": items}


def api_url(request: HttpRequest, name: str, **kwargs: Any) -> str:
    return absolute_url(reverse(f"wagtailapi_v3:{name}", kwargs=kwargs), request)
