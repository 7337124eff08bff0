"""Personal data of board people: retention (erase ended members' contact details) and export.

board.Person holds the contact details; they matter only while the person serves. Once
every membership has ended more than CONTACT_RETENTION_DAYS ago, `purge_contact_details`
erases them from the person, from any revision or audit-log entry that copied them and
from the search index, then scans every text column of the database to prove the
address is gone. Names and memberships stay: they are public record of the board.
"""

from __future__ import annotations

import datetime
import json
from dataclasses import dataclass

from django.contrib.contenttypes.models import ContentType
from django.db import connection, transaction
from django.db.models import Max, Min, Q
from django.utils import timezone

CONTACT_FIELDS = ("email", "phone")


def _models():
    from board.models import Membership, Person

    return Person, Membership


@dataclass
class Occurrence:
    table: str
    column: str
    rows: int


def ended_on(person) -> datetime.date | None:
    """When the person's last membership ended; None while serving or never appointed.

    An open-ended membership ends when a successor starts in the same seat and position, or
    (without a seat) with its term; of those, the later date counts so nothing goes early.
    """
    _, Membership = _models()
    memberships = list(Membership.objects.filter(person=person).select_related("term", "role"))
    if not memberships or Membership.objects.current().filter(person=person).exists():
        return None
    ends = []
    for membership in memberships:
        if membership.end_date:
            ends.append(membership.end_date)
            continue
        end = membership.term.end_date
        if membership.seat_id:
            successor = (
                Membership.objects.filter(
                    seat_id=membership.seat_id,
                    start_date__gt=membership.start_date,
                    role__kind=membership.role.kind,
                )
                .aggregate(first=Min("start_date"))
                .get("first")
            )
            if successor:
                end = max(end, successor)
        ends.append(end)
    return max(ends)


def people_due(retention_days: int, today: datetime.date | None = None):
    """People with contact details whose memberships all ended more than `retention_days` ago."""
    Person, _ = _models()
    today = today or timezone.localdate()
    cutoff = today - datetime.timedelta(days=retention_days)
    candidates = (
        Person.objects.exclude(email="", phone="")
        .annotate(last_start=Max("memberships__start_date"))
        .filter(last_start__lte=cutoff)
    )
    return [person for person in candidates if (end := ended_on(person)) is not None and end <= cutoff]


def _scrub(value, secrets: list[str]):
    """`value` (JSON-like) with every occurrence of the secrets blanked."""
    if isinstance(value, str):
        for secret in secrets:
            value = value.replace(secret, "")
        return value
    if isinstance(value, list):
        return [_scrub(v, secrets) for v in value]
    if isinstance(value, dict):
        return {k: _scrub(v, secrets) for k, v in value.items()}
    return value


def _scrub_json_rows(queryset, field: str, secrets: list[str]) -> int:
    """Blank the secrets inside a JSON column of the rows that mention any of them."""
    mentioning = Q()
    for secret in secrets:
        mentioning |= Q(**{f"{field}__icontains": secret})
    changed = 0
    for pk, value in queryset.filter(mentioning).values_list("pk", field):
        queryset.model.objects.filter(pk=pk).update(**{field: _scrub(value, secrets)})
        changed += 1
    return changed


@transaction.atomic
def purge_person(person) -> dict[str, int]:
    """Erase one person's contact details everywhere; return what was changed, by place."""
    from wagtail.models import ModelLogEntry, PageLogEntry, Revision

    secrets = [s for s in (person.email, person.phone) if s]
    report = {"person": 1}
    person.email, person.phone = "", ""
    person.email_public = person.phone_public = False
    person.save(update_fields=["email", "phone", "email_public", "phone_public"])

    if not secrets:
        return report
    # Copies: the person's own revisions (should Person become revisioned), audit-log data
    # and the search index. Pages quoting the details are content: find_occurrences shows them.
    person_type = ContentType.objects.get_for_model(type(person))
    own_revisions = Revision.objects.filter(base_content_type=person_type, object_id=str(person.pk))
    report["revisions"] = _scrub_json_rows(own_revisions, "content", secrets)
    report["log_entries"] = _scrub_json_rows(ModelLogEntry.objects.all(), "data", secrets) + _scrub_json_rows(
        PageLogEntry.objects.all(), "data", secrets
    )
    report["search_index"] = _purge_search_index(person)
    return report


def _purge_search_index(person) -> int:
    try:
        from wagtail.search.index import remove_object
    except ImportError:  # pragma: no cover
        return 0
    from wagtail.search.index import Indexed

    if isinstance(person, Indexed):
        remove_object(person)
        return 1
    return 0


def find_occurrences(text: str) -> list[Occurrence]:
    """Every table and column whose text (cast, so JSON and tsvector too) contains `text`."""
    found = []
    quote = connection.ops.quote_name
    with connection.cursor() as cursor:
        for table in connection.introspection.table_names(cursor):
            for column in connection.introspection.get_table_description(cursor, table):
                sql = (
                    f"SELECT COUNT(*) FROM {quote(table)} "  # noqa: S608 - names from introspection
                    f"WHERE LOWER(CAST({quote(column.name)} AS TEXT)) LIKE %s"
                )
                try:
                    with transaction.atomic():
                        cursor.execute(sql, [f"%{text.lower()}%"])
                        rows = cursor.fetchone()[0]
                except Exception:  # noqa: BLE001, S112 - a column type that cannot be cast: not text
                    continue
                if rows:
                    found.append(Occurrence(table, column.name, rows))
    return found


def export_person(person) -> dict:
    """Everything the site holds about a person, for a data subject access request."""
    from wagtail.models import ModelLogEntry

    _, Membership = _models()
    memberships = Membership.objects.filter(person=person).select_related(
        "term", "role", "seat", "organisation"
    )
    person_type = ContentType.objects.get_for_model(type(person))
    return {
        "exported_at": timezone.now().isoformat(),
        "person": {
            "id": person.pk,
            "first_name": person.first_name,
            "last_name": person.last_name,
            "email": person.email,
            "email_may_be_published": person.email_public,
            "phone": person.phone,
            "phone_may_be_published": person.phone_public,
        },
        "memberships": [
            {
                "term": str(m.term),
                "role": m.role.name,
                "seat": m.seat.name if m.seat_id else None,
                "organisation": m.organisation.name if m.organisation_id else "",
                "start_date": m.start_date.isoformat(),
                "end_date": m.end_date.isoformat() if m.end_date else None,
                "decision_date": m.decision_date.isoformat() if m.decision_date else None,
                "diary_number": m.diary_number,
                "decision_section": m.decision_section,
            }
            for m in memberships
        ],
        "history": [
            {
                "time": entry.timestamp.isoformat(),
                "action": entry.action,
                "by": entry.user.get_username() if entry.user_id else None,
            }
            for entry in ModelLogEntry.objects.filter(content_type=person_type, object_id=str(person.pk))
            .select_related("user")
            .order_by("timestamp")
        ],
    }


def export_json(person) -> str:
    return json.dumps(export_person(person), ensure_ascii=False, indent=2)
