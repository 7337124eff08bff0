"""Open data views: read-only JSON, public (cached and ETagged by cms/http_cache.py like the
REST API), bad parameters answered 400 with a problem document (cms/api/errors.py)."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps

from django.http import HttpRequest, HttpResponse
from django.views.decorators.http import require_safe

from board.opendata import oparl, popolo
from board.opendata.common import check_params, json_response, list_query, not_found
from cms.api.errors import ApiError, problem


def opendata_view(view: Callable) -> Callable:
    @require_safe
    @wraps(view)
    def wrapper(request: HttpRequest, *args, **kwargs) -> HttpResponse:
        try:
            return view(request, *args, **kwargs)
        except ApiError as error:
            return problem(error.status, error.detail, error.errors)

    return wrapper


def _object(build: Callable) -> Callable:
    @opendata_view
    def view(request: HttpRequest, *args, **kwargs) -> HttpResponse:
        check_params(request, ())
        data = build(request, *args, **kwargs)
        return json_response(data) if data is not None else not_found()

    return view


system = _object(oparl.system)
body = _object(oparl.body)
person = _object(lambda request, pk: oparl.detail(request, "person", pk))
membership = _object(lambda request, pk: oparl.detail(request, "membership", pk))
meeting = _object(lambda request, pk: oparl.detail(request, "meeting", pk))
file = _object(lambda request, pk: oparl.detail(request, "file", pk))
location = _object(oparl.location_detail)


@_object
def term(request: HttpRequest, pk: int):
    found = next((obj for _c, _m, obj in oparl.term_entries(request) if obj.get("_pk") == pk), None)
    if found is None:
        return _tombstone(request, "term", pk)
    found.pop("_pk", None)
    return found


def _tombstone(request: HttpRequest, kind: str, pk: int) -> dict | None:
    from board.models import OpenDataStamp

    stamp = OpenDataStamp.objects.filter(kind=kind, object_id=pk).first()
    return oparl.tombstone(request, stamp) if stamp else None


def _organisation(request: HttpRequest, wanted: str) -> dict | None:
    for _c, _m, obj in oparl.organisation_entries(request):
        if obj["id"] == wanted:
            obj.pop("_pk", None)
            return obj
    return None


@_object
def organization_board(request: HttpRequest):
    return _organisation(request, oparl.url(request, "oparl_organization_board"))


@_object
def organization_group(request: HttpRequest, group: str):
    return _organisation(request, oparl.url(request, "oparl_organization_group", group))


@_object
def represented(request: HttpRequest, pk: int):
    found = _organisation(request, oparl.url(request, "oparl_represented", pk))
    return found if found is not None else _tombstone(request, "organisation", pk)


# Lists ------------------------------------------------------------------------------------------


@opendata_view
def bodies(request: HttpRequest) -> HttpResponse:
    query = list_query(request)
    entries = [(None, None, oparl.body(request))]
    created, modified = oparl._overall(request)
    entries = [(created, modified, entries[0][2])]
    return json_response(oparl.paged_memory(request, "oparl_bodies", query, None, entries))


@opendata_view
def terms(request: HttpRequest) -> HttpResponse:
    query = list_query(request)
    return json_response(
        oparl.paged_memory(request, "oparl_terms", query, "term", oparl.term_entries(request))
    )


@opendata_view
def organizations(request: HttpRequest) -> HttpResponse:
    query = list_query(request)
    entries = oparl.organisation_entries(request)
    return json_response(oparl.paged_memory(request, "oparl_organizations", query, "organisation", entries))


def _paged(url_name: str, kind: str, public: Callable, page_of: Callable, **options) -> Callable:
    """A list view: one page of the public objects of `kind`, then removed ones' tombstones."""

    @opendata_view
    def view(request: HttpRequest) -> HttpResponse:
        query = list_query(request)
        live = public(request)
        return json_response(
            oparl.paged(request, url_name, query, kind, live, lambda p: page_of(request, p), **options)
        )

    return view


people = _paged("oparl_people", "person", oparl.public_people, oparl.people_page)
memberships = _paged("oparl_memberships", "membership", oparl.public_memberships, oparl.memberships_page)
meetings = _paged("oparl_meetings", "meeting", oparl.public_meetings, oparl.meetings_page)
files = _paged("oparl_files", "file", oparl.public_files, oparl.files_page, deleted_only=True)


@opendata_view
def papers(request: HttpRequest) -> HttpResponse:
    """The board has no papers (Drucksachen): an empty list, which Body requires."""
    query = list_query(request)
    return json_response(oparl.paged_memory(request, "oparl_papers", query, None, []))


# Popolo ---------------------------------------------------------------------------------------


@opendata_view
def popolo_export(request: HttpRequest) -> HttpResponse:
    check_params(request, ())
    return json_response(popolo.export(request))
