"""The member directory of one term, built in a fixed number of queries."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from django.db.models import Exists, OuterRef, Q
from django.utils import timezone

from board.localization import Localized, localized_map
from board.models.people import Membership, RoleKind, SeatGroup, Term
from board.reference import reference


def prime_serving(people, on: datetime.date | None = None) -> None:
    """Tell each person whether they serve now (for contact details): one query for all."""
    people = [p for p in people if p is not None]
    ids = {p.pk for p in people}
    serving = set(
        Membership.objects.current(on).filter(person_id__in=ids).values_list("person_id", flat=True)
    )
    for person in people:
        person.serving = person.pk in serving


@dataclass
class SeatEntry:
    seat: Localized
    member: Membership | None = None
    deputy: Membership | None = None
    # The member or deputy continues from an earlier term until a successor is appointed.
    member_holdover: bool = False
    deputy_holdover: bool = False


@dataclass
class GroupEntry:
    group: str
    label: str
    seats: list[SeatEntry] = field(default_factory=list)


@dataclass
class Directory:
    term: Term
    is_current: bool
    leaders: list[Membership]
    groups: list[GroupEntry]
    officers: list[Membership]
    former: list[Membership]


def _sitting(memberships: list[Membership], on: datetime.date) -> tuple[Membership | None, list[Membership]]:
    """The one who sits on `on` (the latest to start, unless ended) and the ones before."""
    ordered = sorted(memberships, key=lambda m: m.start_date)
    sitting = None
    for m in reversed(ordered):
        if m.start_date <= on and (m.end_date is None or m.end_date >= on):
            sitting = m
            break
    return sitting, [m for m in ordered if m is not sitting and m.start_date <= on]


def build_directory(term: Term, today: datetime.date | None = None) -> Directory:
    """The seats of `term` on `today` (a past term: at its end). Seats, roles and terms come
    from the cached reference tables; the memberships, with whether each person serves
    now (for contact details), are one query, and one more when a seat is vacant."""
    today = today or timezone.localdate()
    ref = reference()
    is_current = ref.current_term(today) == term
    on = today if is_current else term.end_date
    seats = localized_map(ref.seats)
    roles = localized_map(ref.roles)
    organisations = localized_map(ref.organisations)
    serving = Exists(Membership.objects.current(today).filter(person_id=OuterRef("person_id")))

    def fetch(wanted: Q) -> list[Membership]:
        rows = Membership.objects.filter(wanted).select_related("person").annotate(person_serving=serving)
        rows = list(rows)
        for m in rows:
            m.role_view = roles[m.role_id]
            m.seat_view = seats.get(m.seat_id)
            m.organisation_view = organisations.get(m.organisation_id)
            m.person.serving = m.person_serving
        return rows

    memberships = fetch(Q(term=term))
    by_seat: dict[int, dict[str, list[Membership]]] = {}
    for m in memberships:
        if m.seat_id:
            slot = "deputy" if m.role_view.kind == RoleKind.DEPUTY else "member"
            by_seat.setdefault(m.seat_id, {"member": [], "deputy": []})[slot].append(m)
    holdovers: list[Membership] = []
    if is_current:
        # Members of earlier terms who have no successor yet keep their seat: looked for
        # (one more query) only in seats where nobody of this term sits on `on`.
        vacant = {
            seat_id
            for seat_id in seats
            for slot in ("member", "deputy")
            if _sitting(by_seat.get(seat_id, {}).get(slot, []), on)[0] is None
        }
        if vacant:
            holdovers = fetch(
                Q(
                    pk__in=Membership.objects.current(today)
                    .filter(term__start_date__lt=term.start_date, seat_id__in=vacant)
                    .values("pk")
                )
            )
    held_over = {}
    for m in holdovers:
        slot = "deputy" if m.role_view.kind == RoleKind.DEPUTY else "member"
        held_over[(m.seat_id, slot)] = m

    groups = {value: GroupEntry(value, label) for value, label in SeatGroup.choices}
    former: list[Membership] = []
    for seat_id, seat in sorted(seats.items(), key=lambda item: (item[1].group_order, item[1].number)):
        entry = SeatEntry(seat)
        slots = by_seat.get(seat_id, {"member": [], "deputy": []})
        for slot in ("member", "deputy"):
            sitting, before = _sitting(slots[slot], on)
            former.extend(before)
            if sitting is None and (seat_id, slot) in held_over:
                sitting = held_over[(seat_id, slot)]
                setattr(entry, f"{slot}_holdover", True)
            setattr(entry, slot, sitting)
        groups[seat.group].seats.append(entry)

    leaders = sorted(
        (
            m
            for m in memberships
            if m.role_view.kind in (RoleKind.CHAIR, RoleKind.VICE_CHAIR)
            and m.start_date <= on
            and (m.end_date is None or m.end_date >= on)
        ),
        key=lambda m: m.role_view.sort_order,
    )
    officers = []
    for m in memberships:
        if m.seat_id:
            continue
        if m.start_date <= on and (m.end_date is None or m.end_date >= on):
            officers.append(m)
        elif m.start_date <= on:
            former.append(m)
    officers.sort(key=lambda m: (m.role_view.sort_order, m.person.last_name))
    former.sort(key=lambda m: (m.end_date or m.start_date, m.person.last_name))
    return Directory(
        term=term,
        is_current=is_current,
        leaders=leaders,
        groups=list(groups.values()),
        officers=officers,
        former=former,
    )
