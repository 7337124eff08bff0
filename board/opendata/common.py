"""Pieces shared by the OParl and Popolo answers: URLs, list parameters, stamps, JSON answers."""

from __future__ import annotations

import datetime
import json
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.db.models import OuterRef, Q, QuerySet, Subquery
from django.http import HttpRequest, HttpResponse
from django.utils import timezone, translation
from django.utils.dateparse import parse_date, parse_datetime
from django.utils.translation import gettext as _

from board.models import OpenDataStamp
from cms.api.errors import ApiError, problem

LICENSE = "https://creativecommons.org/licenses/by/4.0/"
DEFAULT_LIMIT = 20
MAX_LIMIT = 100
MAX_PAGE = 100_000
LIST_PARAMS = ("created_since", "created_until", "modified_since", "modified_until", "limit", "page")
SV = "sv"


def in_language(code: str, value: Any) -> str:
    with translation.override(code):
        return str(value)


def iso(value: datetime.datetime | None) -> str | None:
    if value is None:
        return None
    return timezone.localtime(value).isoformat(timespec="seconds")


def json_response(data: Any, status: int = 200) -> HttpResponse:
    body = json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False, separators=(",", ":"))
    return HttpResponse(body, status=status, content_type="application/json; charset=utf-8")


def not_found() -> HttpResponse:
    return problem(404, _("Not found."))


# List parameters ------------------------------------------------------------------------------


@dataclass
class ListQuery:
    created_since: datetime.datetime | None = None
    created_until: datetime.datetime | None = None
    modified_since: datetime.datetime | None = None
    modified_until: datetime.datetime | None = None
    limit: int = DEFAULT_LIMIT
    page: int = 1

    @property
    def offset(self) -> int:
        return (self.page - 1) * self.limit

    @property
    def filters(self) -> dict[str, str]:
        """The filters as query parameters, kept in the links to other pages."""
        out = {}
        for name in ("created_since", "created_until", "modified_since", "modified_until"):
            value = getattr(self, name)
            if value is not None:
                out[name] = value.isoformat()
        return out


def _datetime(name: str, raw: str) -> datetime.datetime:
    value = None
    try:
        value = parse_datetime(raw)
        if value is None:
            day = parse_date(raw)
            if day is not None:
                value = datetime.datetime.combine(day, datetime.time())
    except ValueError:
        value = None
    if value is None:
        raise bad(name, _("Use a date and time as in ISO 8601, e.g. 2026-01-31T12:00:00+02:00."))
    if timezone.is_naive(value):
        value = timezone.make_aware(value)
    return value


def _integer(name: str, raw: str, low: int, high: int) -> int:
    if not raw.isdigit() or not low <= int(raw) <= high:
        raise bad(name, _("Use a whole number from %(low)s to %(high)s.") % {"low": low, "high": high})
    return int(raw)


def bad(name: str, message: str) -> ApiError:
    return ApiError(400, _("Invalid request parameters."), [{"loc": ["query", name], "msg": str(message)}])


def check_params(request: HttpRequest, allowed: tuple[str, ...]) -> None:
    unknown = sorted(set(request.GET) - set(allowed))
    if unknown:
        raise ApiError(
            400,
            _("Unknown query parameter(s): %(names)s. Allowed: %(known)s.")
            % {"names": ", ".join(unknown), "known": ", ".join(sorted(allowed)) or _("none")},
            [
                {"loc": ["query", name], "msg": _("Unknown query parameter."), "type": "unknown"}
                for name in unknown
            ],
        )
    for name in allowed:
        if len(request.GET.getlist(name)) > 1:
            raise bad(name, _("Give this parameter once."))


def list_query(request: HttpRequest) -> ListQuery:
    check_params(request, LIST_PARAMS)
    query = ListQuery()
    for name in ("created_since", "created_until", "modified_since", "modified_until"):
        raw = request.GET.get(name)
        if raw is not None:
            setattr(query, name, _datetime(name, raw))
    if "limit" in request.GET:
        query.limit = _integer("limit", request.GET["limit"], 1, MAX_LIMIT)
    if "page" in request.GET:
        query.page = _integer("page", request.GET["page"], 1, MAX_PAGE)
    return query


# Stamps: created, modified, deleted ------------------------------------------------------------


def stamped(queryset: QuerySet, kind: str) -> QuerySet:
    """The queryset with `od_created` and `od_modified` from its stamps (two subqueries, no join)."""
    stamps = OpenDataStamp.objects.filter(kind=kind, object_id=OuterRef("pk"))
    return queryset.annotate(
        od_created=Subquery(stamps.values("created")[:1]),
        od_modified=Subquery(stamps.values("modified")[:1]),
    )


def time_filter(query: ListQuery, created: str, modified: str) -> Q:
    q = Q()
    if query.created_since:
        q &= Q(**{f"{created}__gte": query.created_since})
    if query.created_until:
        q &= Q(**{f"{created}__lte": query.created_until})
    if query.modified_since:
        q &= Q(**{f"{modified}__gte": query.modified_since})
    if query.modified_until:
        q &= Q(**{f"{modified}__lte": query.modified_until})
    return q


def matches(query: ListQuery, created: datetime.datetime | None, modified: datetime.datetime | None) -> bool:
    """The same filter for objects listed from memory (terms, organisations)."""
    checks = (
        (query.created_since, created, lambda v, t: v >= t),
        (query.created_until, created, lambda v, t: v <= t),
        (query.modified_since, modified, lambda v, t: v >= t),
        (query.modified_until, modified, lambda v, t: v <= t),
    )
    for bound, value, ok in checks:
        if bound is not None and (value is None or not ok(value, bound)):
            return False
    return True


def tombstones(kind: str, public_ids: QuerySet, query: ListQuery, *, deleted_only: bool = False) -> QuerySet:
    """Stamps of objects no longer public: listed (as `deleted: true`) when `modified_since` is given,
    so that a client keeping a copy learns what to remove. Files: only those deleted, since a file
    that was never public has a stamp too."""
    stamps = OpenDataStamp.objects.filter(kind=kind).exclude(object_id__in=public_ids)
    if deleted_only:
        stamps = stamps.filter(deleted=True)
    return stamps.filter(time_filter(query, "created", "modified")).order_by("object_id")


def is_tombstone(kind: str, object_id: int, public_ids: QuerySet) -> OpenDataStamp | None:
    return (
        OpenDataStamp.objects.filter(kind=kind, object_id=object_id).exclude(object_id__in=public_ids).first()
    )


def source_language() -> str:
    return settings.LANGUAGE_CODE
