"""Publish notifications, delivered for real to an HTTP receiver on 127.0.0.1."""

from __future__ import annotations

import hashlib
import hmac
import json

import pytest
from django.conf import settings as django_settings
from django.contrib.auth import get_user_model
from django.test import override_settings

from board import factories as bf
from cms.models import WebhookDelivery
from cms.webhooks.tasks import backoff
from documents.factories import DocumentFactory
from tests.api.receiver import Receiver

SECRET = "test-webhook-secret"


def _verify(request: dict) -> dict:
    expected = "sha256=" + hmac.new(SECRET.encode(), request["body"], hashlib.sha256).hexdigest()
    assert hmac.compare_digest(request["headers"]["X-Signature"], expected)
    assert request["headers"]["Content-Type"] == "application/json"
    return json.loads(request["body"])


@pytest.fixture
def hooks(settings):
    """Webhooks to a live receiver; tiny back-off so retries do not slow the suite."""

    def configure(statuses=None, attempts=3, base=0.05):
        receiver = Receiver(statuses)
        settings.WEBHOOK_URLS = [receiver.url]
        settings.WEBHOOK_SECRET = SECRET
        settings.WEBHOOK_MAX_ATTEMPTS = attempts
        settings.WEBHOOK_BACKOFF_SECONDS = base
        return receiver

    return configure


def test_publishing_a_page_posts_a_signed_notification(
    hooks, standard_page, django_capture_on_commit_callbacks
):
    with hooks([200]) as receiver, django_capture_on_commit_callbacks(execute=True):
        standard_page.title = "Uusi otsikko"
        standard_page.save_revision().publish()
    (request,) = receiver.requests
    payload = _verify(request)
    assert payload["event"] == "publish"
    assert payload["type"] == "home.StandardPage"
    assert payload["id"] == standard_page.pk
    assert payload["locale"] == "fi"
    # No request: the configured base URL (WAGTAILADMIN_BASE_URL while SITE_BASE_URL is unset).
    assert payload["url"] == f"{django_settings.WAGTAILADMIN_BASE_URL}/fi/saavutettavuus/"
    assert request["headers"]["X-Webhook-Event"] == "publish"
    delivery = WebhookDelivery.objects.get()
    assert delivery.status == "delivered" and delivery.attempts == 1 and delivery.last_status_code == 200


def test_a_tampered_body_does_not_verify(hooks, standard_page, django_capture_on_commit_callbacks):
    with hooks([200]) as receiver, django_capture_on_commit_callbacks(execute=True):
        standard_page.save_revision().publish()
    request = dict(receiver.requests[0])
    request["body"] = request["body"].replace(b"publish", b"delete")
    with pytest.raises(AssertionError):
        _verify(request)


def test_unpublish_and_delete_of_pages(hooks, standard_page, django_capture_on_commit_callbacks):
    with hooks([200]) as receiver:
        with django_capture_on_commit_callbacks(execute=True):
            standard_page.unpublish()
        with django_capture_on_commit_callbacks(execute=True):
            standard_page.delete()
    events = [_verify(r)["event"] for r in receiver.requests]
    assert events == ["unpublish", "delete"]
    assert _verify(receiver.requests[1])["id"] == standard_page.pk


def test_meetings_events_and_documents_notify(hooks, translated_home, django_capture_on_commit_callbacks):
    with hooks([200]) as receiver:
        with django_capture_on_commit_callbacks(execute=True):
            meeting = bf.MeetingFactory(live=False)
            meeting.save_revision().publish()
        meeting.refresh_from_db()
        with django_capture_on_commit_callbacks(execute=True):
            meeting.unpublish()
        with django_capture_on_commit_callbacks(execute=True):
            event = bf.EventFactory(live=False)
            event.save_revision().publish()
        with django_capture_on_commit_callbacks(execute=True):
            event.delete()
        with django_capture_on_commit_callbacks(execute=True):
            document = DocumentFactory(title="Muistio", kind="other", read=False)
        with django_capture_on_commit_callbacks(execute=True):
            document.delete()
    seen = [(p["event"], p["type"]) for p in map(_verify, receiver.requests)]
    assert ("publish", "board.Meeting") in seen
    assert ("unpublish", "board.Meeting") in seen
    assert ("publish", "board.Event") in seen
    assert ("delete", "board.Event") in seen
    assert ("publish", "documents.CustomDocument") in seen
    assert seen[-1] == ("delete", "documents.CustomDocument")


def test_retries_with_backoff_after_500_then_succeeds(
    hooks, standard_page, django_capture_on_commit_callbacks
):
    with (
        hooks([500, 503, 200], attempts=5, base=0.2) as receiver,
        django_capture_on_commit_callbacks(execute=True),
    ):
        standard_page.save_revision().publish()
    assert len(receiver.requests) == 3
    bodies = {r["body"] for r in receiver.requests}
    assert len(bodies) == 1, "every retry sends the same signed body"
    gaps = [b["at"] - a["at"] for a, b in zip(receiver.requests, receiver.requests[1:], strict=False)]
    assert gaps[0] >= backoff(1) and gaps[1] >= backoff(2)
    delivery = WebhookDelivery.objects.get()
    assert delivery.status == "delivered" and delivery.attempts == 3


def test_backoff_doubles(settings):
    settings.WEBHOOK_BACKOFF_SECONDS = 2.0
    assert [backoff(n) for n in (1, 2, 3, 4)] == [2.0, 4.0, 8.0, 16.0]


def test_failure_is_recorded_after_max_attempts_and_shown_in_the_admin(
    hooks, standard_page, client, django_capture_on_commit_callbacks
):
    with hooks([500], attempts=3, base=0.01) as receiver, django_capture_on_commit_callbacks(execute=True):
        standard_page.save_revision().publish()
    assert len(receiver.requests) == 3
    delivery = WebhookDelivery.objects.get()
    assert delivery.status == "failed" and delivery.attempts == 3
    assert delivery.last_status_code == 500 and "500" in delivery.last_error

    assert client.get("/admin/reports/webhooks/").status_code == 302  # login first
    admin = get_user_model().objects.create_superuser("ops", "ops@example.invalid", "pw")
    client.force_login(admin)
    page = client.get("/admin/reports/webhooks/", {"status": "failed"})
    assert page.status_code == 200
    text = page.content.decode()
    assert receiver.url in text and "HTTP 500" in text and "Saavutettavuusseloste" in text
    menu = client.get("/admin/reports/webhooks/results/")
    assert menu.status_code == 200


def test_unreachable_receiver_is_recorded(settings, standard_page, django_capture_on_commit_callbacks):
    receiver = Receiver()
    url = receiver.url
    receiver.server.server_close()  # nothing listens there now
    settings.WEBHOOK_URLS = [url]
    settings.WEBHOOK_SECRET = SECRET
    settings.WEBHOOK_MAX_ATTEMPTS = 2
    settings.WEBHOOK_BACKOFF_SECONDS = 0.01
    with django_capture_on_commit_callbacks(execute=True):
        standard_page.save_revision().publish()
    delivery = WebhookDelivery.objects.get()
    assert delivery.status == "failed" and delivery.attempts == 2 and delivery.last_status_code is None
    assert delivery.last_error


@override_settings(WEBHOOK_URLS=[])
def test_nothing_is_sent_without_receivers(standard_page, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        standard_page.save_revision().publish()
    assert not WebhookDelivery.objects.exists()


def test_nothing_is_sent_without_a_secret(settings, standard_page, django_capture_on_commit_callbacks):
    settings.WEBHOOK_URLS = ["http://127.0.0.1:9/never"]
    settings.WEBHOOK_SECRET = ""
    with django_capture_on_commit_callbacks(execute=True):
        standard_page.save_revision().publish()
    assert not WebhookDelivery.objects.exists()
