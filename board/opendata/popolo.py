"""The board's people, organisations, posts (the seats) and memberships as Popolo JSON
(https://www.popoloproject.com/specs/), one document with the four collections.

The same objects as the OParl answers (board/opendata/oparl.py), through the same rules:
people with a membership only, contact details only with consent while serving. Names are
Finnish; a Swedish name is an `other_names` entry (organisations) or `other_label` (posts)
with the note "sv". Ids are stable strings: `person-<id>`, `membership-<id>`, `seat-<id>`,
`organization-<id>` (represented organisations), `board` and `group-<group>`.
"""

from __future__ import annotations

from django.http import HttpRequest

from board.models import Membership, RoleKind, SeatGroup
from board.opendata import oparl, visibility
from board.opendata.common import SV, in_language, iso, stamped
from board.reference import reference
from cms.locales import source_locale

FI = oparl.FI


def _group_id(group: str) -> str:
    return f"group-{group}"


def export(request: HttpRequest) -> dict:
    ref = reference()
    source = source_locale().pk
    sv_seats = oparl._localized(ref.seats, SV)
    sv_orgs = oparl._localized(ref.organisations, SV)
    roles = {r.pk: r for r in ref.roles}
    seats = {s.pk: s for s in ref.seats}

    organizations = [
        {
            "id": "board",
            "name": in_language(FI, oparl.BOARD_NAME),
            "other_names": [{"name": in_language(SV, oparl.BOARD_NAME), "note": SV}],
            "classification": "advisory board",
        }
    ]
    for group, label in SeatGroup.choices:
        organizations.append(
            {
                "id": _group_id(group),
                "name": in_language(FI, label),
                "other_names": [{"name": in_language(SV, label), "note": SV}],
                "classification": "seat group",
                "parent_id": "board",
            }
        )
    for org in sorted((o for o in ref.organisations if o.locale_id == source), key=lambda o: o.name):
        sv = sv_orgs.get(org.translation_key)
        item = {
            "id": f"organization-{org.pk}",
            "name": org.name,
            "classification": "represented organisation",
        }
        if sv is not None and sv.name != org.name:
            item["other_names"] = [{"name": sv.name, "note": SV}]
        organizations.append(item)

    # A seat is held by a member (the chair and vice chair are members of a seat too).
    member_role = next(
        (r.name for r in ref.roles if r.kind == RoleKind.MEMBER and r.locale_id == source), None
    )
    posts = []
    for seat in sorted(
        (s for s in ref.seats if s.locale_id == source), key=lambda s: (s.group_order, s.number)
    ):
        sv = sv_seats.get(seat.translation_key)
        item = {
            "id": f"seat-{seat.pk}",
            "label": seat.name,
            "organization_id": _group_id(seat.group),
            "role": member_role,
        }
        if sv is not None:
            item["other_label"] = [sv.name]
        posts.append(item)

    people = list(stamped(visibility.public_people(request).with_serving(), "person").order_by("pk"))
    persons = []
    for p in people:
        item = {
            "id": f"person-{p.pk}",
            "name": p.full_name,
            "family_name": p.last_name,
            "given_name": p.first_name,
            "sort_name": f"{p.last_name}, {p.first_name}",
            "created_at": iso(p.od_created),
            "updated_at": iso(p.od_modified),
        }
        # The board's single consent rule (board/models/people.py).
        details = []
        if p.public_email:
            item["email"] = p.public_email
            details.append({"type": "email", "value": p.public_email})
        if p.public_phone:
            details.append({"type": "voice", "value": p.public_phone})
        if details:
            item["contact_details"] = details
        persons.append({k: v for k, v in item.items() if v is not None})

    memberships = []
    rows = stamped(Membership.objects.filter(person_id__in=[p.pk for p in people]), "membership").order_by(
        "pk"
    )
    for m in rows:
        role = roles.get(m.role_id)
        seat = seats.get(m.seat_id)
        item = {
            "id": f"membership-{m.pk}",
            "person_id": f"person-{m.person_id}",
            "organization_id": _group_id(seat.group) if seat else "board",
            "post_id": f"seat-{seat.pk}" if seat else None,
            "role": role.name if role else None,
            "on_behalf_of_id": f"organization-{m.organisation_id}" if m.organisation_id else None,
            "start_date": m.start_date.isoformat(),
            "end_date": m.end_date.isoformat() if m.end_date else None,
            "created_at": iso(m.od_created),
            "updated_at": iso(m.od_modified),
        }
        memberships.append({k: v for k, v in item.items() if v is not None})
    return {"persons": persons, "organizations": organizations, "posts": posts, "memberships": memberships}
