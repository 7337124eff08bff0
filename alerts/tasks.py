"""Sending an announcement: one task splits the subscribers into batches, one task per batch
sends them over one SMTP connection, and a batch's failed addresses are retried with doubling
waits (ALERTS_MAX_ATTEMPTS, ALERTS_BACKOFF_SECONDS); the rest are never sent twice."""

from __future__ import annotations

import contextlib
import logging
import smtplib
import time
from datetime import timedelta

from django.conf import settings
from django.core.mail import get_connection
from django.db.models import F
from django.utils import timezone
from django_tasks import default_task_backend, task

from alerts.messages import alert_message, render_alert
from alerts.models import Announcement, Kind, Subscription
from board.models import Event, Meeting
from cms import visibility
from cms.locales import source_locale

logger = logging.getLogger(__name__)


def source_object(announcement):
    """The published Finnish meeting or event announced, or None when no longer public."""

    model = Event if announcement.kind == Kind.EVENT else Meeting
    related = ("document",) if model is Event else ("agenda", "minutes")
    return (
        visibility.public_objects(model)
        .filter(locale=source_locale(), translation_key=announcement.translation_key)
        .select_related(*related)
        .first()
    )


@task()
def announce(announcement_id: int) -> int:
    """Queue the batches of an announcement; the number of recipients."""
    announcement = Announcement.objects.filter(pk=announcement_id).first()
    if announcement is None:
        return 0
    ids = list(Subscription.objects.wanting(announcement.kind).order_by("pk").values_list("pk", flat=True))
    Announcement.objects.filter(pk=announcement_id).update(recipients=len(ids))
    size = settings.ALERTS_BATCH_SIZE
    for start in range(0, len(ids), size):
        send_batch.enqueue(announcement_id, ids[start : start + size])
    if not ids:
        Announcement.objects.filter(pk=announcement_id).update(finished_at=timezone.now())
    return len(ids)


def _send(announcement, subscriptions) -> list[int]:
    """Send to `subscriptions` over one connection; the ids that failed."""
    source = source_object(announcement)
    if source is None:
        return []  # unpublished meanwhile: nothing to announce
    rendered = {}
    failed: list[int] = []
    connection = get_connection(settings.EMAIL_DELIVERY_BACKEND, fail_silently=False)
    try:
        connection.open()
    except (smtplib.SMTPException, OSError) as error:
        logger.warning("Alerts: cannot reach the mail server: %s", error)
        return [s.pk for s in subscriptions]
    try:
        for subscription in subscriptions:
            if subscription.language not in rendered:
                rendered[subscription.language] = render_alert(announcement, source, subscription.language)
            message = alert_message(rendered[subscription.language], subscription)
            try:
                connection.send_messages([message])
            except (smtplib.SMTPServerDisconnected, ConnectionError) as error:
                logger.warning("Alerts: connection lost: %s", error)
                failed.extend(s.pk for s in subscriptions[subscriptions.index(subscription) :])
                break
            except (smtplib.SMTPException, OSError) as error:
                logger.warning("Alerts: message to subscription %s failed: %s", subscription.pk, error)
                failed.append(subscription.pk)
    finally:
        with contextlib.suppress(smtplib.SMTPException, OSError):
            connection.close()
    return failed


def backoff(attempt: int) -> float:
    return settings.ALERTS_BACKOFF_SECONDS * (2 ** (attempt - 1))


@task()
def send_batch(announcement_id: int, subscription_ids: list[int], attempt: int = 1) -> str:
    """Send one batch; retry only the addresses that failed. Unsubscribed meanwhile: skipped."""
    announcement = Announcement.objects.filter(pk=announcement_id).first()
    if announcement is None:
        return "skipped"
    while True:
        subscriptions = list(
            Subscription.objects.wanting(announcement.kind).filter(pk__in=subscription_ids).order_by("pk")
        )
        failed = _send(announcement, subscriptions)
        sent = len(subscriptions) - len(failed)
        if sent:
            Announcement.objects.filter(pk=announcement_id).update(sent=F("sent") + sent)
        if not failed:
            _finish_if_done(announcement_id)
            return "sent"
        if attempt >= settings.ALERTS_MAX_ATTEMPTS:
            logger.error(
                "Alerts: %s %s not delivered to %d subscribers after %d attempts",
                announcement.kind,
                announcement.translation_key,
                len(failed),
                attempt,
            )
            Announcement.objects.filter(pk=announcement_id).update(failed=F("failed") + len(failed))
            _finish_if_done(announcement_id)
            return "failed"
        wait = backoff(attempt)
        attempt += 1
        subscription_ids = failed
        if default_task_backend.supports_defer:
            send_batch.using(run_after=timezone.now() + timedelta(seconds=wait)).enqueue(
                announcement_id, failed, attempt
            )
            return "retrying"
        time.sleep(wait)


def _finish_if_done(announcement_id: int) -> None:
    Announcement.objects.filter(
        pk=announcement_id, finished_at__isnull=True, recipients__lte=F("sent") + F("failed")
    ).update(finished_at=timezone.now())
