"""Drafts, revisions, scheduled publishing and preview of meetings and events in the admin."""

import datetime

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from board import factories as f
from board.models import Event, Meeting
from tests.board.admin_forms import error_text, form_values, use_english

ADD_MEETING = reverse("wagtailsnippets_board_meeting:add")


@pytest.fixture
def editor(admin_client, superuser):
    use_english(superuser)
    return admin_client


def _meeting_data(client, url=ADD_MEETING, **fields):
    data = form_values(client, url)
    data.setdefault("attachments-count", "0")
    data.update(fields)
    return data


def test_saving_a_draft_keeps_the_meeting_off_the_public_archive(editor, board_pages):
    data = _meeting_data(
        editor, title="Luonnoskokous", number="4", start="2025-04-10 16:00", status="planned"
    )
    assert editor.post(ADD_MEETING, data).status_code == 302
    meeting = Meeting.objects.get()
    assert meeting.live is False
    assert meeting.revisions.count() == 1
    assert "Luonnoskokous" not in editor.get("/fi/kokousmuistiot/").content.decode()
    assert editor.get("/fi/kokousmuistiot/2025/4/").status_code == 404

    edit_url = reverse("wagtailsnippets_board_meeting:edit", args=[meeting.pk])
    data = _meeting_data(editor, edit_url, title="Julkaistu kokous", **{"action-publish": "action-publish"})
    assert editor.post(edit_url, data).status_code == 302
    meeting.refresh_from_db()
    assert meeting.live is True
    assert meeting.revisions.count() == 2
    assert "Julkaistu kokous" in editor.get("/fi/kokousmuistiot/").content.decode()


def test_a_draft_change_of_a_live_meeting_is_not_shown_until_published(editor, board_pages):
    meeting = f.MeetingFactory(title="Alkuperäinen otsikko", number=2)
    meeting.save_revision().publish()
    edit_url = reverse("wagtailsnippets_board_meeting:edit", args=[meeting.pk])
    assert editor.post(edit_url, _meeting_data(editor, edit_url, title="Luonnosotsikko")).status_code == 302
    body = editor.get("/fi/kokousmuistiot/").content.decode()
    assert "Alkuperäinen otsikko" in body
    assert "Luonnosotsikko" not in body
    meeting.refresh_from_db()
    assert meeting.has_unpublished_changes


def test_scheduled_publishing_publishes_a_meeting_when_its_time_comes(editor, board_pages):
    go_live = (timezone.localtime() + datetime.timedelta(days=2)).strftime("%Y-%m-%d %H:%M")
    data = _meeting_data(
        editor,
        title="Ajastettu kokous",
        number="7",
        start="2025-09-10 16:00",
        status="planned",
        go_live_at=go_live,
        **{"action-publish": "action-publish"},
    )
    response = editor.post(ADD_MEETING, data)
    assert response.status_code == 302, error_text(response)
    meeting = Meeting.objects.get()
    assert meeting.live is False
    revision = meeting.revisions.get()
    assert revision.approved_go_live_at is not None
    assert "Ajastettu kokous" not in editor.get("/fi/kokousmuistiot/").content.decode()

    # Time passes: move the schedule into the past and run Wagtail's scheduler.
    past = timezone.now() - datetime.timedelta(minutes=1)
    revision.approved_go_live_at = past
    revision.content["go_live_at"] = past.isoformat()
    revision.save()
    call_command("publish_scheduled")
    meeting.refresh_from_db()
    assert meeting.live is True
    assert "Ajastettu kokous" in editor.get("/fi/kokousmuistiot/").content.decode()


def test_an_expired_event_leaves_the_public_calendar(editor, board_pages):
    event = f.EventFactory(title="Vanheneva tapahtuma")
    event.save_revision().publish()
    assert "Vanheneva tapahtuma" in editor.get("/fi/toimintakalenteri/").content.decode()
    Event.objects.filter(pk=event.pk).update(expire_at=timezone.now() - datetime.timedelta(minutes=1))
    call_command("publish_scheduled")
    event.refresh_from_db()
    assert event.live is False
    assert "Vanheneva tapahtuma" not in editor.get("/fi/toimintakalenteri/").content.decode()


def test_event_can_be_created_and_published_in_the_admin(editor, board_pages):
    url = reverse("wagtailsnippets_board_event:add")
    data = form_values(editor, url)
    data.update(
        title="Vapaaehtoisseminaari",
        start="2099-05-05 12:00",
        end="2099-05-05 15:00",
        link="https://example.invalid/ilmoittaudu",
        **{"action-publish": "action-publish"},
    )
    assert editor.post(url, data).status_code == 302
    event = Event.objects.get()
    assert event.live and event.revisions.count() == 1
    assert "Vapaaehtoisseminaari" in editor.get("/fi/toimintakalenteri/").content.decode()


def test_meeting_preview_renders_the_unsaved_form(editor, locales):
    url = reverse("wagtailsnippets_board_meeting:preview_on_add")
    data = _meeting_data(
        editor, title="Esikatselukokous", number="9", start="2025-02-01 10:00", status="planned"
    )
    response = editor.post(url, data)
    assert response.json()["is_valid"] is True
    body = editor.get(url).content.decode()
    assert "Esikatselukokous" in body
    assert "9/2025" in body
    assert not Meeting.objects.exists()


def test_meeting_can_be_locked_by_its_editor(editor, superuser, locales):
    meeting = f.MeetingFactory()
    response = editor.post(reverse("wagtailsnippets_board_meeting:lock", args=[meeting.pk]))
    assert response.status_code == 302
    meeting.refresh_from_db()
    assert meeting.locked and meeting.locked_by == superuser
