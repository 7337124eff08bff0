"""GDPR: copies of a person's e-mail address and phone number, written in the forms people write
them, are found in every place (page StreamField, rich text, a meeting, an old revision of a
cleaned page, a translation, the search index), exported, listed by a dry run that changes
nothing, and erased everywhere by `erase_person` (and by the retention purge)."""

import datetime
import json

import pytest
from django.apps import AppConfig, apps
from django.core.management import CommandError, call_command
from django.db import connection
from django.utils import timezone, translation
from wagtail.models import ModelLogEntry, Revision
from wagtail.rich_text import RichText
from wagtail_localize.models import String, StringTranslation

from alerts.models import Subscription
from board import factories as f
from board.models import Event, Meeting, MemberDirectoryPage, Person, RoleKind
from cms.security import gdpr
from home.models import StandardPage

EMAIL = "aino.esimerkki@example.com"
PHONE = "+358 40 739 2618"  # as the person's record has it
# The same number as people write it in text:
WRITTEN = ["040-7392618", "040 739 26 18", "+358407392618", "+358 (0)40 739 2618", "040&nbsp;739&nbsp;2618"]


def _raw(model, pk, field: str) -> str:
    """A column as stored, read with plain SQL (not through the code under test)."""
    quote = connection.ops.quote_name
    column = model._meta.get_field(field).column
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT CAST({quote(column)} AS TEXT) FROM {quote(model._meta.db_table)} "  # noqa: S608
            f"WHERE {quote(model._meta.pk.column)} = %s",
            [pk],
        )
        row = cursor.fetchone()
    return row[0] if row else None


def _has_copy(text) -> bool:
    digits = "".join(ch for ch in (text or "") if ch.isdigit() or ch == " ")
    return (
        EMAIL in (text or "").lower() or "7392618" in digits.replace(" ", "") or "739 26 18" in (text or "")
    )


def _index_texts() -> list[str]:
    """Every column of the search index tables (SQLite's full-text shadow tables too), as text,
    independent of the code under test."""
    quote = connection.ops.quote_name
    tables = [t for t in connection.introspection.table_names() if t.startswith("wagtailsearch_indexentry")]
    cast = "CAST({} AS TEXT)" if connection.vendor == "postgresql" else "{}"
    texts = []
    with connection.cursor() as cursor:
        for table in tables:
            for column in connection.introspection.get_table_description(cursor, table):
                cursor.execute(f"SELECT {cast.format(quote(column.name))} FROM {quote(table)}")  # noqa: S608
                for (value,) in cursor.fetchall():
                    texts.append(value.decode("latin-1") if isinstance(value, bytes) else str(value or ""))
    return texts


def _found_by_search(model, word: str) -> list:
    from wagtail.search.backends import get_search_backend

    with translation.override("fi"):
        return list(get_search_backend().search(word, model.objects.all()))


@pytest.fixture
def planted(home_page, locales, translate):
    """A serving board member whose details were copied into every kind of place."""
    today = timezone.localdate()
    term = f.TermFactory(
        start_date=today - datetime.timedelta(days=100), end_date=today + datetime.timedelta(days=600)
    )
    aino = f.PersonFactory(
        first_name="Aino", last_name="Esimerkki", email=EMAIL, phone=PHONE, email_public=True
    )
    f.MembershipFactory(person=aino, term=term, role=f.RoleFactory(kind=RoleKind.MEMBER))

    # 1. A page body (StreamField, rich text block).
    section = home_page.add_child(
        instance=StandardPage(
            title="Yhteystiedot",
            slug="gdpr-yhteystiedot",
            body=[("text", RichText(f"<p>Soita {WRITTEN[0]} tai kirjoita {EMAIL}.</p>"))],
        )
    )
    # 2. Rich text (a page's intro) with tel: and mailto: links.
    board_page = home_page.add_child(
        instance=MemberDirectoryPage(
            title="Neuvottelukunta",
            slug="gdpr-jasenet",
            intro=f'<p>Sihteeri: <a href="tel:+358407392618">{WRITTEN[1]}</a>, '
            f'<a href="mailto:{EMAIL.upper()}">sähköposti</a></p>',
        )
    )
    # 3. A meeting's text field, and 5. its Swedish translation through wagtail-localize.
    meeting = f.MeetingFactory(summary=f"Lisätietoja antaa Aino Esimerkki, puh. {WRITTEN[2]}.")
    meeting.save_revision().publish()
    swedish = translate(
        meeting,
        "sv",
        {
            meeting.summary: f"Mer information: Aino Esimerkki, tfn {WRITTEN[3]}.",
            meeting.title: "Rådets möte",
        },
    )
    # 4. A page whose live version was cleaned, with the old copy still in a revision.
    cleaned = home_page.add_child(
        instance=StandardPage(
            title="Tapahtuma", slug="gdpr-tapahtuma", body=[("text", RichText("<p>Tervetuloa</p>"))]
        )
    )
    cleaned.body = [("text", RichText(f"<p>Ilmoittaudu: {EMAIL}, {WRITTEN[4]}</p>"))]
    cleaned.save_revision().publish()
    cleaned.body = [("text", RichText("<p>Ilmoittautuminen on päättynyt.</p>"))]
    cleaned.save_revision().publish()
    # 6. The search index alone: an event indexed with the number, then changed without re-indexing.
    event = f.EventFactory(description=f"Kysy lisää: {WRITTEN[1]}")
    Event.objects.filter(pk=event.pk).update(description="Tervetuloa.")
    return {
        "person": aino,
        "section": section,
        "board_page": board_page,
        "meeting": meeting,
        "swedish": swedish,
        "cleaned": cleaned,
        "event": event,
    }


def _places_hold_copies(p) -> dict[str, bool]:
    """Each planted place, re-queried with plain SQL."""
    revisions = Revision.objects.filter(object_id=str(p["cleaned"].pk), base_content_type__model="page")
    strings = String.objects.all()
    return {
        "page body": _has_copy(_raw(StandardPage, p["section"].pk, "body")),
        "rich text": _has_copy(_raw(MemberDirectoryPage, p["board_page"].pk, "intro")),
        "meeting": _has_copy(_raw(Meeting, p["meeting"].pk, "summary")),
        "meeting revision": any(
            _has_copy(_raw(Revision, r.pk, "content"))
            for r in Revision.objects.filter(
                object_id=str(p["meeting"].pk), base_content_type__model="meeting"
            )
        ),
        "translated meeting": _has_copy(_raw(Meeting, p["swedish"].pk, "summary")),
        "source string": any(_has_copy(_raw(String, s.pk, "data")) for s in strings),
        "string translation": any(
            _has_copy(_raw(StringTranslation, t.pk, "data")) for t in StringTranslation.objects.all()
        ),
        "old revision": any(_has_copy(_raw(Revision, r.pk, "content")) for r in revisions),
        "search index": any(_has_copy(text) for text in _index_texts()),
        "search": bool(_found_by_search(Event, "739")),
    }


def test_every_planted_copy_is_there_and_found_by_export(planted, tmp_path):
    before = _places_hold_copies(planted)
    assert all(before.values()), before  # the plants took: every place holds a copy
    assert _raw(Event, planted["event"].pk, "description") == "Tervetuloa."  # only the index has it

    out = tmp_path / "aino.json"
    call_command("export_person_data", str(planted["person"].pk), output=out)
    data = json.loads(out.read_text(encoding="utf-8"))
    found = {(c["model"], c["field"]) for c in data["copies"]}
    assert ("home.StandardPage", "body") in found
    assert ("board.MemberDirectoryPage", "intro") in found
    assert ("board.Meeting", "summary") in found  # the Finnish meeting and its Swedish translation
    assert {c["id"] for c in data["copies"] if c["model"] == "board.Meeting"} == {
        str(planted["meeting"].pk),
        str(planted["swedish"].pk),
    }
    assert ("wagtailcore.Revision", "content") in found
    assert ("wagtail_localize.String", "data") in found
    assert ("wagtail_localize.StringTranslation", "data") in found
    index_models = {c["model"] for c in data["copies"] if c["model"].startswith("wagtailsearch.")}
    assert "wagtailsearch.IndexEntry" in index_models
    written = {v for c in data["copies"] for v in c["found"]}
    for form in WRITTEN:
        assert form in written, form
    assert data["person"]["phone"] == PHONE
    assert ("board.Person", "email") not in found  # the record itself is the "person" section


def test_dry_run_lists_every_change_and_changes_nothing(planted, capsys):
    before = _places_hold_copies(planted)
    with translation.override("en"):
        call_command("erase_person", str(planted["person"].pk), dry_run=True)
    out = capsys.readouterr().out
    for label in (
        "home.StandardPage",
        "board.MemberDirectoryPage",
        "board.Meeting",
        "wagtailcore.Revision",
        "wagtail_localize.String ",
        "wagtail_localize.StringTranslation",
        "wagtailsearch.IndexEntry",
    ):
        assert label in out, label
    assert "clear e-mail and phone" in out and "name and memberships stay" in out
    assert "nothing was changed (dry run)" in out
    assert _places_hold_copies(planted) == before
    planted["person"].refresh_from_db()
    assert planted["person"].email == EMAIL
    assert not ModelLogEntry.objects.filter(action=gdpr.ERASED).exists()


def test_erase_person_removes_every_copy_and_keeps_the_public_record(planted, capsys, superuser):
    with translation.override("en"):
        call_command("erase_person", str(planted["person"].pk), user=superuser.username)
    assert "Erased:" in capsys.readouterr().out

    assert _places_hold_copies(planted) == dict.fromkeys(_places_hold_copies(planted), False)
    aino = Person.objects.get(pk=planted["person"].pk)  # memberships: the record stays, anonymous of contact
    assert (aino.first_name, aino.email, aino.phone, aino.email_public) == ("Aino", "", "", False)
    assert aino.memberships.exists()
    # The text around the copies stays; pages still render.
    section = StandardPage.objects.get(pk=planted["section"].pk)
    assert "Soita" in str(section.body[0].value) and "7392618" not in str(section.body[0].value)
    assert "Lisätietoja antaa Aino Esimerkki" in Meeting.objects.get(pk=planted["meeting"].pk).summary
    # The erased objects are searchable again, without the number.
    assert _found_by_search(Meeting, "lisätietoja") and not _found_by_search(Meeting, "358407392618")
    # wagtail-localize still finds the string by its hash.
    for string in String.objects.all():
        assert string.data_hash == String._get_data_hash(string.data)
    # Nothing is found anywhere, by the module or by an independent scan of every column.
    assert gdpr.find_copies(gdpr.Subject(EMAIL, [PHONE])) == []
    entry = ModelLogEntry.objects.get(action=gdpr.ERASED)
    assert (
        entry.user == superuser
        and EMAIL not in json.dumps(entry.data)
        and "2618" not in json.dumps(entry.data)
    )
    assert entry.data["copies"]["board.Meeting"] == 2


def test_a_person_nobody_refers_to_is_deleted_and_an_address_alone_can_be_erased(planted, capsys):
    stranger = f.PersonFactory(
        first_name="Ville", last_name="Vieras", email="ville@example.org", phone="09 310 12345"
    )
    meeting = planted["meeting"]
    Meeting.objects.filter(pk=meeting.pk).update(summary="Yhteys: (09) 310 12345 tai VILLE@example.org.")
    with translation.override("en"):
        call_command("erase_person", "ville@example.org")
    assert not Person.objects.filter(pk=stranger.pk).exists()
    assert Meeting.objects.get(pk=meeting.pk).summary == "Yhteys:  tai ."

    # Someone with no record: a citizen's number in a page.
    with translation.override("en"):
        call_command("erase_person", phone=["040 739 2618"], dry_run=True)
    assert "board.Meeting" in capsys.readouterr().out


def test_bad_requests_are_refused_clearly(db):
    with translation.override("en"):
        with pytest.raises(CommandError, match="Give a person"):
            call_command("erase_person")
        with pytest.raises(CommandError, match="too few digits"):
            call_command("erase_person", phone=["12"])
        with pytest.raises(CommandError, match="No person matches"):
            call_command("erase_person", "999999")
        with pytest.raises(CommandError, match="not an e-mail address"):
            call_command("export_person_data", email="aino")
        with pytest.raises(CommandError, match="not a phone number"):
            call_command("export_person_data", phone=["puh. 12-34"])


def test_finding_costs_the_same_queries_however_many_rows_hold_no_copy(planted):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    subject = gdpr.Subject(EMAIL, [PHONE])
    with CaptureQueriesContext(connection) as few:
        found = gdpr.find_copies(subject)
    f.MeetingFactory.create_batch(15)
    f.EventFactory.create_batch(15)
    with CaptureQueriesContext(connection) as many:
        assert len(gdpr.find_copies(subject)) == len(found)
    assert len(many.captured_queries) == len(few.captured_queries)


@pytest.fixture
def provider():
    from tests.security.gdpr_provider import personal_data

    personal_data.SUBSCRIPTIONS[:] = [
        {"id": 1, "topic": "meetings", "address": EMAIL},
        {"id": 2, "topic": "events", "address": "someone.else@example.org"},
    ]
    personal_data.FAIL_ON_ERASE = False
    # Installed as INSTALLED_APPS would install it (without reloading every URL and hook).
    config = AppConfig.create("tests.security.gdpr_provider")
    config.apps, config.models = apps, {}
    apps.app_configs[config.label] = config
    apps.clear_cache()
    try:
        yield personal_data
    finally:
        del apps.app_configs[config.label]
        apps.clear_cache()
    personal_data.SUBSCRIPTIONS.clear()


def test_other_apps_providers_are_exported_and_erased(planted, provider, tmp_path, capsys):
    # The project's own provider (alerts: e-mail subscriptions) and the test app's.
    assert [label for label, _module in gdpr.providers()] == ["alerts", "gdpr_provider"]
    Subscription.objects.create(email=EMAIL.upper(), language="sv", minutes=True)
    Subscription.objects.create(email="someone.else@example.org", language="fi", agenda=True)
    out = tmp_path / "aino.json"
    call_command("export_person_data", EMAIL, output=out)
    data = json.loads(out.read_text(encoding="utf-8"))
    assert data["other_apps"]["gdpr_provider"] == [{"id": 1, "topic": "meetings", "address": EMAIL}]
    assert [(s["email"], s["kinds"]) for s in data["other_apps"]["alerts"]] == [(EMAIL.upper(), ["minutes"])]

    with translation.override("en"):
        call_command("erase_person", EMAIL, dry_run=True)
    output = capsys.readouterr().out
    assert "gdpr_provider: delete subscription 1 (meetings)" in output
    assert "e-mail alert subscription" in output
    assert len(provider.SUBSCRIPTIONS) == 2
    assert Subscription.objects.count() == 2

    with translation.override("en"):
        call_command("erase_person", EMAIL)
    assert [s["id"] for s in provider.SUBSCRIPTIONS] == [2]
    assert list(Subscription.objects.values_list("email", flat=True)) == ["someone.else@example.org"]


def test_an_error_anywhere_undoes_the_whole_erasure(planted, provider):
    before = _places_hold_copies(planted)
    provider.FAIL_ON_ERASE = True
    with pytest.raises(RuntimeError, match="provider failed"):
        call_command("erase_person", str(planted["person"].pk))
    assert _places_hold_copies(planted) == before
    planted["person"].refresh_from_db()
    assert planted["person"].phone == PHONE


def test_the_retention_purge_erases_phone_copies_in_a_meeting_and_a_page(planted, capsys):
    # The person's memberships ended long ago: the daily purge takes the copies too.
    aino = planted["person"]
    aino.memberships.update(start_date=datetime.date(2015, 1, 1), end_date=datetime.date(2016, 12, 31))
    with translation.override("en"):
        call_command("purge_contact_details", dry_run=True)
    out = capsys.readouterr().out
    assert "would erase: Aino Esimerkki" in out and "board.Meeting" in out and "home.StandardPage" in out
    assert _places_hold_copies(planted)["meeting"]

    with translation.override("en"):
        call_command("purge_contact_details")
    assert not any(_places_hold_copies(planted).values())
    aino.refresh_from_db()
    assert aino.first_name == "Aino" and aino.phone == ""


def test_a_provider_owns_its_models_and_the_final_check_still_searches_them(planted, provider, capsys):
    provider.MODELS = ["board.Meeting"]
    try:
        with translation.override("en"):
            call_command("erase_person", str(planted["person"].pk), dry_run=True)
        out = capsys.readouterr().out
        assert "board.Meeting" not in out and "home.StandardPage" in out  # left to the provider
        before = _places_hold_copies(planted)
        # This provider does not erase the meetings it claims: the check finds them, nothing changes.
        with translation.override("en"), pytest.raises(CommandError, match=r"Copies remain.*board\.Meeting"):
            call_command("erase_person", str(planted["person"].pk))
        assert _places_hold_copies(planted) == before
    finally:
        del provider.MODELS


def test_the_controller_may_also_anonymise_the_name_of_a_member(planted):
    aino = planted["person"]
    with translation.override("en"):
        call_command("erase_person", str(aino.pk), anonymise_name=True)
    aino.refresh_from_db()
    assert (aino.first_name, aino.last_name, aino.email) == ("", f"Person {aino.pk}", "")
    assert aino.memberships.exists()
    assert ModelLogEntry.objects.get(action=gdpr.ERASED).data["own_record"] == "anonymise"
