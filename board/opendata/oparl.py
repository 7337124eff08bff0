"""The board as OParl 1.1 objects (https://oparl.org/spezifikation/, schemas 1.1.1).

- `System` and one `Body` (the board);
- `LegislativeTerm`: the board's terms;
- `Organization`: the board itself, its three seat groups (sub-organisations of the board,
  whose `post` are their seats) and the organisations members represent (`onBehalfOf`);
- `Person` with embedded `Membership`s; contact details only through `Person.public_email`
  and `public_phone` (consent, and serving now: the board's single rule);
- `Membership`: role, voting right (members, the chair and vice chair vote; deputies,
  secretaries and experts do not), start and end, the seat group as `organization`, the
  represented organisation as `onBehalfOf`, deputies as `helsinki:deputyOf` / `helsinki:deputies`;
- `Meeting`: state, start, cancelled, location, agenda (`invitation`), minutes
  (`resultsProtocol`) and attachments (`auxiliaryFile`) as embedded `File`s;
- `File`: every public document; each language version is a file of its own, the
  translations linked by `masterFile` / `derivativeFile`.

Texts are Finnish (the source language); where a Swedish version exists it is given in the
vendor extension `helsinki:sv`, an object with the same property names (`name`,
`meetingState`, `role`, `description`...), and a file's language in `helsinki:language`.
The content has no agenda items of its own (agendas are PDF files), so no `AgendaItem`
objects are published.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db.models import CharField, Max, Min
from django.db.models.functions import Cast
from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext_lazy
from wagtail.models import ReferenceIndex

from board.models import (
    HOLDER_KINDS,
    Meeting,
    MeetingStatus,
    Membership,
    MinutesArchivePage,
    OpenDataStamp,
    Person,
    SeatGroup,
)
from board.opendata import visibility
from board.opendata.common import (
    LICENSE,
    SV,
    ListQuery,
    is_tombstone,
    iso,
    matches,
    stamped,
    time_filter,
    tombstones,
)
from board.opendata.entry_points import url
from board.reference import reference
from cms.absolute_urls import absolute_url, page_url
from cms.locales import locales_by_code, source_locale
from documents.models import CustomDocument

OPARL = "https://schema.oparl.org/1.1/"
BOARD_NAME = gettext_lazy("Volunteer Work Advisory Board")
BOARD_SHORT_NAME = "VTNK"
FI = settings.LANGUAGE_CODE

# Which view serves each kind's objects and lists.
DETAIL = {
    "term": "oparl_term",
    "person": "oparl_person",
    "membership": "oparl_membership",
    "meeting": "oparl_meeting",
    "file": "oparl_file",
    "organisation": "oparl_represented",
}
TYPES = {
    "term": "LegislativeTerm",
    "person": "Person",
    "membership": "Membership",
    "meeting": "Meeting",
    "file": "File",
    "organisation": "Organization",
}


def oparl_type(name: str) -> str:
    return OPARL + name


def _in(code: str, value: Any) -> str:
    from board.opendata.common import in_language

    return in_language(code, value)


def _compact(data: dict) -> dict:
    """Without empty values: OParl leaves out what is not known rather than giving null."""
    return {k: v for k, v in data.items() if v not in (None, "", [], {})}


def tombstone(request: HttpRequest, stamp: OpenDataStamp) -> dict:
    return {
        "id": url(request, DETAIL[stamp.kind], stamp.object_id),
        "type": oparl_type(TYPES[stamp.kind]),
        "created": iso(stamp.created),
        "modified": iso(stamp.modified),
        "deleted": True,
    }


# Lists ----------------------------------------------------------------------------------------


def envelope(request: HttpRequest, name: str, query: ListQuery, total: int, items: list) -> dict:
    """An OParl list: `data`, `pagination` and `links` (first, prev, next, last), the filters kept."""
    pages = max(1, -(-total // query.limit))
    base = url(request, name)

    def link(page: int) -> str:
        params = {**query.filters}
        if query.limit != 20:
            params["limit"] = str(query.limit)
        if page > 1:
            params["page"] = str(page)
        from urllib.parse import urlencode

        return base + ("?" + urlencode(params) if params else "")

    links = {"first": link(1), "last": link(pages)}
    if query.page > 1:
        links["prev"] = link(min(query.page - 1, pages))
    if query.page < pages:
        links["next"] = link(query.page + 1)
    return {
        "data": items,
        "pagination": {
            "totalElements": total,
            "elementsPerPage": query.limit,
            "currentPage": query.page,
            "totalPages": pages,
        },
        "links": links,
    }


def paged(
    request: HttpRequest,
    name: str,
    query: ListQuery,
    kind: str,
    live,
    serialize,
    *,
    deleted_only: bool = False,
) -> dict:
    """One page of public objects (stamped, filtered) followed by the tombstones of removed ones."""
    public_ids = live.values("pk")
    live = live.filter(time_filter(query, "od_created", "od_modified"))
    live_count = live.count()
    dead = tombstones(kind, public_ids, query, deleted_only=deleted_only) if query.modified_since else None
    dead_count = dead.count() if dead is not None else 0
    total = live_count + dead_count
    start, end = query.offset, query.offset + query.limit
    items: list = []
    if start < live_count:
        items += serialize(list(live[start : min(end, live_count)]))
    if dead_count and end > live_count:
        items += [tombstone(request, s) for s in dead[max(0, start - live_count) : end - live_count]]
    return envelope(request, name, query, total, items)


def paged_memory(request: HttpRequest, name: str, query: ListQuery, kind: str | None, entries: list) -> dict:
    """The same for the few objects built in memory: entries are (created, modified, object)."""
    items = [obj for created, modified, obj in entries if matches(query, created, modified)]
    if kind and query.modified_since:
        public_ids = [obj["_pk"] for _c, _m, obj in entries if "_pk" in obj]
        items += [tombstone(request, s) for s in tombstones(kind, public_ids, query)]
    for item in items:
        item.pop("_pk", None)
    total = len(items)
    return envelope(request, name, query, total, items[query.offset : query.offset + query.limit])


# System and body ------------------------------------------------------------------------------


def _overall(request: HttpRequest) -> tuple[Any, Any]:
    cached = getattr(request, "_opendata_overall", None)
    if cached is None:
        cached = OpenDataStamp.objects.aggregate(created=Min("created"), modified=Max("modified"))
        request._opendata_overall = cached
    return cached["created"], cached["modified"]


def system(request: HttpRequest) -> dict:
    created, modified = _overall(request)
    return _compact(
        {
            "id": url(request, "oparl_system"),
            "type": oparl_type("System"),
            "oparlVersion": OPARL,
            "license": LICENSE,
            "body": url(request, "oparl_bodies"),
            "name": _in(FI, BOARD_NAME),
            "website": absolute_url(f"/{FI}/", request),
            "created": iso(created),
            "modified": iso(modified),
            "helsinki:sv": {"name": _in(SV, BOARD_NAME)},
        }
    )


def body(request: HttpRequest) -> dict:
    created, modified = _overall(request)
    return _compact(
        {
            "id": url(request, "oparl_body"),
            "type": oparl_type("Body"),
            "system": url(request, "oparl_system"),
            "name": _in(FI, BOARD_NAME),
            "shortName": BOARD_SHORT_NAME,
            "website": absolute_url(f"/{FI}/", request),
            "license": LICENSE,
            "classification": "Neuvottelukunta",
            "organization": url(request, "oparl_organizations"),
            "person": url(request, "oparl_people"),
            "meeting": url(request, "oparl_meetings"),
            "paper": url(request, "oparl_papers"),
            "membership": url(request, "oparl_memberships"),
            "file": url(request, "oparl_files"),
            "legislativeTermList": url(request, "oparl_terms"),
            "legislativeTerm": [
                {k: v for k, v in obj.items() if k != "_pk"} for _c, _m, obj in term_entries(request)
            ],
            "created": iso(created),
            "modified": iso(modified),
            "helsinki:sv": {"name": _in(SV, BOARD_NAME)},
        }
    )


# Terms ------------------------------------------------------------------------------------------


def _stamps(kind: str) -> dict[int, OpenDataStamp]:
    return {s.object_id: s for s in OpenDataStamp.objects.filter(kind=kind, deleted=False)}


def term_entries(request: HttpRequest) -> list:
    stamps = getattr(request, "_opendata_term_stamps", None)
    if stamps is None:
        stamps = request._opendata_term_stamps = _stamps("term")
    out = []
    for term in sorted(reference().terms, key=lambda t: t.start_date):
        stamp = stamps.get(term.pk)
        created, modified = (stamp.created, stamp.modified) if stamp else (None, None)
        obj = _compact(
            {
                "id": url(request, "oparl_term", term.pk),
                "type": oparl_type("LegislativeTerm"),
                "body": url(request, "oparl_body"),
                "name": str(term),
                "startDate": term.start_date.isoformat(),
                "endDate": term.end_date.isoformat(),
                "license": LICENSE,
                "created": iso(created),
                "modified": iso(modified),
            }
        )
        obj["_pk"] = term.pk
        out.append((created, modified, obj))
    return out


# Organisations -------------------------------------------------------------------------------


def _localized(rows: list, code: str) -> dict[str, Any]:
    """Rows of a translatable reference table by translation key, in one language."""
    locale = locales_by_code().get(code)
    return {r.translation_key: r for r in rows if locale is not None and r.locale_id == locale.pk}


def _memberships_by_org(request: HttpRequest) -> dict[str, list[int]]:
    cached = getattr(request, "_opendata_org_memberships", None)
    if cached is None:
        seats = {s.pk: s.group for s in reference().seats}
        cached = defaultdict(list)
        for pk, seat_id in Membership.objects.order_by("pk").values_list("pk", "seat_id"):
            cached[seats.get(seat_id, "board") if seat_id else "board"].append(pk)
        request._opendata_org_memberships = cached
    return cached


def organisation_entries(request: HttpRequest) -> list:
    """The board, its seat groups, and the represented organisations (source rows)."""
    ref = reference()
    seat_stamps = _stamps("seat")
    org_stamps = _stamps("organisation")
    overall_created, overall_modified = _overall(request)
    by_org = _memberships_by_org(request)
    board_url = url(request, "oparl_organization_board")
    entries = []
    board = _compact(
        {
            "id": board_url,
            "type": oparl_type("Organization"),
            "body": url(request, "oparl_body"),
            "name": _in(FI, BOARD_NAME),
            "shortName": BOARD_SHORT_NAME,
            "organizationType": "Gremium",
            "classification": "Neuvottelukunta",
            "membership": [url(request, "oparl_membership", pk) for pk in by_org.get("board", [])],
            "website": absolute_url(f"/{FI}/", request),
            "license": LICENSE,
            "created": iso(overall_created),
            "modified": iso(overall_modified),
            "helsinki:sv": {"name": _in(SV, BOARD_NAME)},
        }
    )
    entries.append((overall_created, overall_modified, board))
    fi_seats = [s for s in ref.seats if s.locale_id == source_locale().pk]
    sv_seats = _localized(ref.seats, SV)
    for group, label in SeatGroup.choices:
        seats = sorted((s for s in fi_seats if s.group == group), key=lambda s: s.number)
        stamps = [seat_stamps[s.pk] for s in seats if s.pk in seat_stamps]
        created = min((s.created for s in stamps), default=None)
        modified = max((s.modified for s in stamps), default=None)
        sv_posts = [sv_seats[s.translation_key].name for s in seats if s.translation_key in sv_seats]
        obj = _compact(
            {
                "id": url(request, "oparl_organization_group", group),
                "type": oparl_type("Organization"),
                "body": url(request, "oparl_body"),
                "name": _in(FI, label),
                "organizationType": "Gremium",
                "classification": "Paikkaryhmä",
                "subOrganizationOf": board_url,
                "post": [s.name for s in seats],
                "membership": [url(request, "oparl_membership", pk) for pk in by_org.get(group, [])],
                "license": LICENSE,
                "created": iso(created),
                "modified": iso(modified),
                "helsinki:sv": _compact({"name": _in(SV, label), "post": sv_posts}),
            }
        )
        entries.append((created, modified, obj))
    sv_orgs = _localized(ref.organisations, SV)
    for org in sorted(
        (o for o in ref.organisations if o.locale_id == source_locale().pk), key=lambda o: o.name
    ):
        stamp = org_stamps.get(org.pk)
        created, modified = (stamp.created, stamp.modified) if stamp else (None, None)
        sv = sv_orgs.get(org.translation_key)
        obj = represented(request, org, sv, created, modified)
        obj["_pk"] = org.pk
        entries.append((created, modified, obj))
    return entries


def represented(request: HttpRequest, org, sv, created, modified) -> dict:
    return _compact(
        {
            "id": url(request, "oparl_represented", org.pk),
            "type": oparl_type("Organization"),
            "body": url(request, "oparl_body"),
            "name": org.name,
            "organizationType": "Institution",
            "license": LICENSE,
            "created": iso(created),
            "modified": iso(modified),
            "helsinki:sv": {"name": sv.name} if sv is not None and sv.name != org.name else None,
        }
    )


# People and memberships --------------------------------------------------------------------


class MembershipContext:
    """Everything a page of memberships needs, read in a fixed number of queries."""

    def __init__(self, request: HttpRequest):
        self.request = request
        ref = reference()
        self.roles = {r.pk: r for r in ref.roles}
        self.sv_roles = _localized(ref.roles, SV)
        self.seats = {s.pk: s for s in ref.seats}
        self.deputies: dict[int, list[int]] = defaultdict(list)

    def load(self, memberships: list[Membership]) -> None:
        ids = [m.pk for m in memberships]
        for pk, deputy_of in Membership.objects.filter(deputy_of_id__in=ids).values_list(
            "pk", "deputy_of_id"
        ):
            self.deputies[deputy_of].append(pk)

    def membership(self, m: Membership) -> dict:
        request = self.request
        role = self.roles.get(m.role_id)
        sv_role = self.sv_roles.get(role.translation_key) if role else None
        seat = self.seats.get(m.seat_id)
        organization = (
            url(request, "oparl_organization_group", seat.group)
            if seat
            else url(request, "oparl_organization_board")
        )
        return _compact(
            {
                "id": url(request, "oparl_membership", m.pk),
                "type": oparl_type("Membership"),
                "person": url(request, "oparl_person", m.person_id),
                "organization": organization,
                "role": role.name if role else None,
                "votingRight": bool(role and role.kind in HOLDER_KINDS),
                "startDate": m.start_date.isoformat(),
                "endDate": m.end_date.isoformat() if m.end_date else None,
                "onBehalfOf": url(request, "oparl_represented", m.organisation_id)
                if m.organisation_id
                else None,
                "license": LICENSE,
                "created": iso(getattr(m, "od_created", None)),
                "modified": iso(getattr(m, "od_modified", None)),
                "helsinki:legislativeTerm": url(request, "oparl_term", m.term_id),
                "helsinki:post": seat.name if seat else None,
                "helsinki:deputyOf": url(request, "oparl_membership", m.deputy_of_id)
                if m.deputy_of_id
                else None,
                "helsinki:deputies": [
                    url(request, "oparl_membership", pk) for pk in self.deputies.get(m.pk, [])
                ],
                "helsinki:sv": {"role": sv_role.name} if sv_role is not None else None,
            }
        )


def memberships_page(request: HttpRequest, memberships: list[Membership]) -> list[dict]:
    context = MembershipContext(request)
    context.load(memberships)
    return [context.membership(m) for m in memberships]


def public_memberships(request: HttpRequest):
    people = visibility.public_people(request).values("pk")
    return stamped(Membership.objects.filter(person_id__in=people), "membership").order_by("pk")


def public_people(request: HttpRequest):
    return stamped(visibility.public_people(request).with_serving(), "person").order_by("pk")


def people_page(request: HttpRequest, people: list[Person]) -> list[dict]:
    ids = [p.pk for p in people]
    memberships = list(
        stamped(Membership.objects.filter(person_id__in=ids), "membership").order_by("start_date", "pk")
    )
    context = MembershipContext(request)
    context.load(memberships)
    by_person: dict[int, list[dict]] = defaultdict(list)
    for m in memberships:
        by_person[m.person_id].append(context.membership(m))
    return [
        _compact(
            {
                "id": url(request, "oparl_person", p.pk),
                "type": oparl_type("Person"),
                "body": url(request, "oparl_body"),
                "name": p.full_name,
                "familyName": p.last_name,
                "givenName": p.first_name,
                # The board's single consent rule (board/models/people.py).
                "email": [p.public_email] if p.public_email else None,
                "phone": [p.public_phone] if p.public_phone else None,
                "membership": by_person.get(p.pk, []),
                "license": LICENSE,
                "created": iso(p.od_created),
                "modified": iso(p.od_modified),
            }
        )
        for p in people
    ]


# Files ----------------------------------------------------------------------------------------


class FileContext:
    """Public documents by id, with their translations and the meetings that use them."""

    def __init__(self, request: HttpRequest):
        self.request = request
        self.files: dict[int, CustomDocument] = {}
        self.masters: dict[int, int] = {}
        self.derivatives: dict[int, list[int]] = defaultdict(list)
        self.meetings: dict[int, list[int]] = defaultdict(list)

    def load(self, ids: set[int] | None = None, documents: list | None = None) -> None:
        if documents is None:
            if not ids:
                return
            documents = list(public_files(self.request).filter(pk__in=ids))
        self.files = {d.pk: d for d in documents}
        if not documents:
            return
        keys = {d.translation_key for d in documents}
        source = source_locale().pk
        siblings = list(
            visibility.public_documents(self.request)
            .filter(translation_key__in=keys)
            .order_by("pk")
            .values_list("pk", "translation_key", "locale_id")
        )
        masters = {key: pk for pk, key, locale_id in siblings if locale_id == source}
        for pk, key, _locale_id in siblings:
            master = masters.get(key)
            if master is None or master == pk:
                continue
            self.masters[pk] = master
            self.derivatives[master].append(pk)
        self._load_meetings()

    def _load_meetings(self) -> None:
        doc_ct = ContentType.objects.get_for_model(CustomDocument)
        meeting_ct = ContentType.objects.get_for_model(Meeting)
        versions = visibility.published_meeting_versions(self.request).annotate(
            pk_str=Cast("pk", CharField())
        )
        rows = ReferenceIndex.objects.filter(
            to_content_type=doc_ct,
            to_object_id__in=[str(pk) for pk in self.files],
            content_type=meeting_ct,
            object_id__in=versions.values("pk_str"),
        ).values_list("object_id", "to_object_id")
        rows = list(rows)
        if not rows:
            return
        keys = dict(
            visibility.published_meeting_versions(self.request)
            .filter(pk__in={int(o) for o, _t in rows})
            .values_list("pk", "translation_key")
        )
        sources = dict(
            visibility.public_meetings(self.request)
            .filter(translation_key__in=set(keys.values()))
            .values_list("translation_key", "pk")
        )
        for object_id, to_object_id in rows:
            source = sources.get(keys.get(int(object_id)))
            doc = int(to_object_id)
            if source and source not in self.meetings[doc]:
                self.meetings[doc].append(source)

    def file(self, pk: int | None) -> dict | None:
        doc = self.files.get(pk) if pk else None
        if doc is None:
            return None
        request = self.request
        address = absolute_url(doc.url, request)
        return _compact(
            {
                "id": url(request, "oparl_file", doc.pk),
                "type": oparl_type("File"),
                "name": doc.title,
                "fileName": doc.filename,
                "mimeType": "application/pdf",
                "date": doc.document_date.isoformat() if doc.document_date else None,
                "size": doc.file_size,
                "text": doc.extracted_text,
                "accessUrl": address,
                "downloadUrl": address,
                "fileLicense": LICENSE,
                "masterFile": url(request, "oparl_file", self.masters[doc.pk])
                if doc.pk in self.masters
                else None,
                "derivativeFile": [url(request, "oparl_file", pk) for pk in self.derivatives.get(doc.pk, [])],
                "meeting": [
                    url(request, "oparl_meeting", pk) for pk in sorted(self.meetings.get(doc.pk, []))
                ],
                "license": LICENSE,
                "created": iso(getattr(doc, "od_created", None)),
                "modified": iso(getattr(doc, "od_modified", None)),
                "helsinki:language": doc.language or None,
            }
        )


def public_files(request: HttpRequest):
    return stamped(visibility.public_documents(request), "file").order_by("pk")


def files_page(request: HttpRequest, documents: list) -> list[dict]:
    context = FileContext(request)
    context.load(documents=documents)
    return [context.file(d.pk) for d in documents]


# Meetings -------------------------------------------------------------------------------------


def public_meetings(request: HttpRequest):
    return stamped(visibility.public_meetings(request), "meeting").order_by("start", "pk")


def _attachment_ids(meeting: Meeting) -> list[int]:
    ids = []
    for block in meeting.attachments.raw_data or []:
        value = block.get("value") or {}
        if isinstance(value.get("document"), int):
            ids.append(value["document"])
    return ids


def _archive_urls(request: HttpRequest) -> dict[str, tuple[Any, str]]:
    archives = {}
    locales = {loc.pk: code for code, loc in locales_by_code().items()}
    for page in visibility.public_pages(request, MinutesArchivePage).order_by("path"):
        code = locales.get(page.locale_id)
        base = page_url(page, request)
        if code and base:
            archives.setdefault(code, (page, base))
    return archives


def location(request: HttpRequest, meeting: Meeting, sv_place: str | None) -> dict | None:
    if not meeting.place:
        return None
    return _compact(
        {
            "id": url(request, "oparl_location", meeting.pk),
            "type": oparl_type("Location"),
            "description": meeting.place,
            "meetings": [url(request, "oparl_meeting", meeting.pk)],
            "license": LICENSE,
            "created": iso(getattr(meeting, "od_created", None)),
            "modified": iso(getattr(meeting, "od_modified", None)),
            "helsinki:sv": {"description": sv_place} if sv_place and sv_place != meeting.place else None,
        }
    )


def meetings_page(request: HttpRequest, meetings: list[Meeting]) -> list[dict]:
    if not meetings:
        return []
    sv_locale = locales_by_code().get(SV)
    sv = {}
    if sv_locale is not None:
        sv = {
            m.translation_key: m
            for m in visibility.published_meeting_versions(request)
            .filter(locale=sv_locale, translation_key__in=[m.translation_key for m in meetings])
            .only("translation_key", "title", "place")
        }
    ids: set[int] = set()
    for m in meetings:
        ids.update(pk for pk in (m.agenda_id, m.minutes_id, *_attachment_ids(m)) if pk)
    files = FileContext(request)
    files.load(ids)
    archives = _archive_urls(request)
    board_url = url(request, "oparl_organization_board")
    out = []
    for m in meetings:
        version = sv.get(m.translation_key)
        status = MeetingStatus(m.status)
        web = archives.get(FI)
        out.append(
            _compact(
                {
                    "id": url(request, "oparl_meeting", m.pk),
                    "type": oparl_type("Meeting"),
                    "name": m.title,
                    "meetingState": _in(FI, status.label),
                    "cancelled": m.is_cancelled,
                    "start": iso(m.start),
                    "location": location(request, m, version.place if version else None),
                    "organization": [board_url],
                    "invitation": files.file(m.agenda_id),
                    "resultsProtocol": files.file(m.minutes_id),
                    "auxiliaryFile": [f for f in (files.file(pk) for pk in _attachment_ids(m)) if f],
                    "web": web[0].meeting_url(m, web[1]) if web else None,
                    "license": LICENSE,
                    "created": iso(m.od_created),
                    "modified": iso(m.od_modified),
                    "helsinki:reference": m.reference,
                    "helsinki:status": m.status,
                    "helsinki:sv": _compact(
                        {
                            "name": version.title if version else None,
                            "meetingState": _in(SV, status.label),
                            "web": archives[SV][0].meeting_url(m, archives[SV][1])
                            if SV in archives
                            else None,
                        }
                    ),
                }
            )
        )
    return out


# Detail lookups ------------------------------------------------------------------------------


def _kinds() -> dict[str, tuple[Callable, Callable]]:
    """Each listed kind: its public objects and how a page of them is written."""
    return {
        "person": (public_people, people_page),
        "membership": (public_memberships, memberships_page),
        "meeting": (public_meetings, meetings_page),
        "file": (public_files, files_page),
    }


def detail(request: HttpRequest, kind: str, pk: int) -> dict | None:
    """One object by kind and id: the public object, else its tombstone, else None (404)."""
    public, page_of = _kinds()[kind]
    live = public(request)
    found = list(live.filter(pk=pk))
    if found:
        return page_of(request, found)[0]
    if kind == "file":
        stamp = OpenDataStamp.objects.filter(kind="file", object_id=pk, deleted=True).first()
    else:
        stamp = is_tombstone(kind, pk, live.values("pk"))
    return tombstone(request, stamp) if stamp else None


def location_detail(request: HttpRequest, pk: int) -> dict | None:
    found = list(public_meetings(request).filter(pk=pk))
    if not found:
        return None
    meeting = found[0]
    sv_locale = locales_by_code().get(SV)
    sv = (
        visibility.published_meeting_versions(request)
        .filter(locale=sv_locale, translation_key=meeting.translation_key)
        .values_list("place", flat=True)
        .first()
        if sv_locale
        else None
    )
    return location(request, meeting, sv)


def entry_response(data: dict | None) -> HttpResponse:
    from board.opendata.common import json_response, not_found

    return json_response(data) if data is not None else not_found()
