"""Outgoing e-mail: configured by EMAIL_URL, sent by a background task that retries.

Django sends every message (the admin's password resets, Wagtail's notifications) through
EMAIL_BACKEND. With EMAIL_URL set, that is `TaskEmailBackend`: each message is queued as a
`send_email` task, which hands it to the backend EMAIL_URL names (SMTP) and retries with
exponential back-off; the last failure is logged. Without EMAIL_URL, `make run` prints
messages to the console and production logs that it dropped them (cms/settings).
"""

from __future__ import annotations

import base64
import logging
import smtplib
import time
from datetime import timedelta
from email import message_from_bytes
from email.header import decode_header, make_header
from email.message import Message

from django.conf import settings
from django.core.mail import EmailMessage, get_connection
from django.core.mail.backends.base import BaseEmailBackend
from django.utils import timezone
from django_tasks import default_task_backend, task

logger = logging.getLogger(__name__)


class _RawMessage(Message):
    """A message already rendered to bytes, read back as the backends read Django's own
    (`as_bytes`, headers, charset): the bytes go out unchanged."""

    raw = b""

    def as_bytes(self, unixfrom: bool = False, policy=None, linesep: str = "\n") -> bytes:
        lines = self.raw.replace(b"\r\n", b"\n").split(b"\n")
        return linesep.encode().join(lines)


def _parse(raw: bytes) -> _RawMessage:
    message = message_from_bytes(raw, _class=_RawMessage)
    message.raw = raw
    return message


def _subject(raw: bytes) -> str:
    return str(make_header(decode_header(_parse(raw)["Subject"] or "")))


class QueuedEmailMessage(EmailMessage):
    """A message as the task receives it: the queued bytes, sender and recipients."""

    def __init__(self, raw: bytes, from_email: str, recipients: list[str]):
        super().__init__(from_email=from_email, to=recipients)
        self.raw = raw

    def message(self, *, policy=None):
        return _parse(self.raw)


def backoff(attempt: int) -> float:
    """Seconds to wait after failed attempt number `attempt` (1, 2, …): base, 2×base, 4×base…"""
    return settings.EMAIL_BACKOFF_SECONDS * (2 ** (attempt - 1))


def _deliver(raw: bytes, from_email: str, recipients: list[str]) -> None:
    connection = get_connection(settings.EMAIL_DELIVERY_BACKEND, fail_silently=False)
    connection.send_messages([QueuedEmailMessage(raw, from_email, recipients)])


@task()
def send_email(raw_base64: str, from_email: str, recipients: list[str], attempt: int = 1) -> str:
    """Send one queued message until it goes or EMAIL_MAX_ATTEMPTS have failed. With a queue
    that can defer (the database backend) each retry is a new task run later; with the
    immediate backend the retries wait in this task."""
    raw = base64.b64decode(raw_base64)
    while True:
        try:
            _deliver(raw, from_email, recipients)
        except (smtplib.SMTPException, OSError) as error:
            subject = _subject(raw)
            if attempt >= settings.EMAIL_MAX_ATTEMPTS:
                logger.error(
                    "E-mail %r to %s failed after %d attempts: %s",
                    subject,
                    ", ".join(recipients),
                    attempt,
                    error,
                )
                return "failed"
            wait = backoff(attempt)
            logger.info("E-mail %r: attempt %d failed (%s), retrying in %gs", subject, attempt, error, wait)
            attempt += 1
            if default_task_backend.supports_defer:
                send_email.using(run_after=timezone.now() + timedelta(seconds=wait)).enqueue(
                    raw_base64, from_email, recipients, attempt
                )
                return "retrying"
            time.sleep(wait)
        else:
            return "sent"


class TaskEmailBackend(BaseEmailBackend):
    """EMAIL_BACKEND when EMAIL_URL is set: queues each message; the task sends it."""

    def send_messages(self, email_messages) -> int:
        queued = 0
        for message in email_messages:
            recipients = message.recipients()
            if not recipients:
                continue
            raw = message.message().as_bytes(linesep="\r\n")
            send_email.enqueue(base64.b64encode(raw).decode("ascii"), message.from_email, recipients)
            queued += 1
        return queued


class UnconfiguredEmailBackend(BaseEmailBackend):
    """EMAIL_BACKEND in production without EMAIL_URL: no message is sent, and each one says so
    in the log (its subject and recipients, never its body, which may hold a sign-in link)."""

    def send_messages(self, email_messages) -> int:
        for message in email_messages:
            logger.warning(
                "E-mail %r to %s not sent: EMAIL_URL is not set",
                message.subject,
                ", ".join(message.recipients()),
            )
        return 0
