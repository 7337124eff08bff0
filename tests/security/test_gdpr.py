"""GDPR: ended members' contact details are erased everywhere after the retention period; export."""

import datetime
import json

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core.management import call_command
from django.db import connection
from django.test import Client
from wagtail.models import Revision

from board import factories as f
from board.models import Person, RoleKind
from tests.board.scenario import members_for_retention


def _everywhere(text: str) -> list[str]:
    """Independent of the code under test: every column of every table, cast to text."""
    hits = []
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(
                "SELECT table_name, column_name FROM information_schema.columns "
                "WHERE table_schema = current_schema()"
            )
        else:
            cursor.execute("SELECT name FROM sqlite_master WHERE type='table'")
            tables = [row[0] for row in cursor.fetchall()]
            pairs = []
            for table in tables:
                cursor.execute(f'PRAGMA table_info("{table}")')
                pairs += [(table, row[1]) for row in cursor.fetchall()]
            cursor.execute("SELECT 1")
        pairs = cursor.fetchall() if connection.vendor == "postgresql" else pairs
        for table, column in pairs:
            cursor.execute(
                f'SELECT COUNT(*) FROM "{table}" WHERE LOWER(CAST("{column}" AS TEXT)) LIKE %s',  # noqa: S608
                [f"%{text.lower()}%"],
            )
            if cursor.fetchone()[0]:
                hits.append(f"{table}.{column}")
    return hits


@pytest.fixture
def people(locales):
    return members_for_retention(public_contacts=True)


def test_ended_members_contact_details_are_found_nowhere_after_the_purge(people, superuser, capsys):
    anna = people["long_gone"]
    email, phone = anna.email, anna.phone
    # The details reach other tables the way the admin puts them there: an edit in the admin...
    admin = Client(HTTP_ACCEPT_LANGUAGE="en")
    admin.force_login(superuser)
    edit_url = f"/admin/snippets/board/person/edit/{anna.pk}/"
    response = admin.post(
        edit_url,
        {"first_name": "Anna", "last_name": "Vanha", "email": email, "email_public": "on", "phone": phone},
    )
    assert response.status_code == 302, response.content.decode()[:1500]
    # ...and a revision holding an old copy (as there would be, should people become revisioned).
    Revision.objects.create(
        content_type=ContentType.objects.get_for_model(Person),
        base_content_type=ContentType.objects.get_for_model(Person),
        object_id=str(anna.pk),
        object_str=str(anna),
        content={"first_name": "Anna", "email": email, "phone": phone},
    )
    assert _everywhere(email)

    call_command("purge_contact_details")

    anna.refresh_from_db()
    assert (anna.email, anna.phone, anna.email_public, anna.phone_public) == ("", "", False, False)
    assert anna.first_name == "Anna" and anna.memberships.exists()  # names and memberships stay
    assert _everywhere(email) == []
    assert _everywhere(phone) == []
    assert "Erased contact details of 1 person" in capsys.readouterr().out


def test_serving_and_recently_ended_people_keep_their_details(people):
    before = {key: (p.email, p.phone) for key, p in people.items()}
    call_command("purge_contact_details")
    for key in ("serving", "just_left"):
        people[key].refresh_from_db()
        assert (people[key].email, people[key].phone) == before[key]


def test_retention_period_is_configurable(people, settings):
    settings.CONTACT_RETENTION_DAYS = 10
    call_command("purge_contact_details")
    people["just_left"].refresh_from_db()
    assert people["just_left"].email == ""
    people["serving"].refresh_from_db()
    assert people["serving"].email != ""


def test_dry_run_changes_nothing(people, capsys):
    call_command("purge_contact_details", dry_run=True)
    people["long_gone"].refresh_from_db()
    assert people["long_gone"].email
    assert "would erase: Anna Vanha" in capsys.readouterr().out


def test_a_member_serving_on_without_a_successor_is_never_purged(locales):
    old_term = f.TermFactory(start_date=datetime.date(2015, 1, 1), end_date=datetime.date(2016, 12, 31))
    holdover = f.PersonFactory(first_name="Ville", last_name="Jatkaja")
    # No end date and nobody after him in the seat: he serves until a successor is appointed.
    f.MembershipFactory(person=holdover, term=old_term, role=f.RoleFactory(kind=RoleKind.MEMBER))
    call_command("purge_contact_details", days=0)
    holdover.refresh_from_db()
    assert holdover.email


def test_a_persons_data_is_exported_as_json(people, tmp_path):
    bertta = people["serving"]
    out = tmp_path / "bertta.json"
    call_command("export_person_data", bertta.email, output=out)
    data = json.loads(out.read_text(encoding="utf-8"))
    assert data["person"]["email"] == bertta.email
    assert data["person"]["phone"] == bertta.phone
    assert data["person"]["email_may_be_published"] is True
    assert len(data["memberships"]) == 1
    assert data["memberships"][0]["role"] == "Jäsen"


def test_export_of_an_unknown_person_says_so(db):
    from django.core.management import CommandError

    with pytest.raises(CommandError, match="No person matches"):
        call_command("export_person_data", "nobody@example.invalid")
