"""Benchmark of e-mail alerts (issue 19, item 5): minutes approved for 10 000 subscribers.

    python -m bench.alerts [--subscribers 10000] [--database-url postgres://…/vtnk_bench_alerts]

Runs the production task queue (django-tasks-db) on a throw-away database (a temporary
SQLite file by default), with a real SMTP server (aiosmtpd, tests/mail_server.py) on
127.0.0.1. It measures
- the publish that approves the minutes, with no subscriber and with all of them: the
  sending is queued work, so the two must take about the same time;
- the worker sending every alert: messages per second received by the SMTP server.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--subscribers", type=int, default=10_000)
    parser.add_argument("--database-url", default="")
    args = parser.parse_args(argv)

    directory = tempfile.mkdtemp(prefix="vtnk-bench-alerts-")
    os.environ["DATABASE_URL"] = args.database_url or f"sqlite:///{directory}/bench.sqlite3"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cms.settings.dev")
    os.environ["TASKS_BACKEND"] = "database"
    os.environ["SITE_BASE_URL"] = "https://vapaaehtoistyo.example.fi"
    import django

    django.setup()
    import logging

    from django.conf import settings
    from django.core.management import call_command

    from cms.email_url import email_settings

    logging.getLogger("mail.log").setLevel(logging.WARNING)  # aiosmtpd's per-command log
    call_command("migrate", verbosity=0)
    server = SmtpProcess()
    for name, value in email_settings(server.url).items():
        setattr(settings, name, value)
    settings.EMAIL_BACKEND = "cms.mail.TaskEmailBackend"
    try:
        return _run(args.subscribers, server)
    finally:
        server.stop()


def _serve(port: int, received, stop) -> None:
    import logging

    from aiosmtpd.controller import Controller

    logging.getLogger("mail.log").setLevel(logging.WARNING)

    class Count:
        async def handle_DATA(self, server, session, envelope):  # aiosmtpd's hook name
            with received.get_lock():
                received.value += 1
            return "250 Message accepted for delivery"

    controller = Controller(Count(), hostname="127.0.0.1", port=port)
    controller.start()
    stop.wait()
    controller.stop()


class SmtpProcess:
    """A real SMTP server (aiosmtpd) in its own process, as a mail server would be: it counts
    the messages it accepts."""

    def __init__(self):
        import multiprocessing

        from tests.mail_server import free_port

        context = multiprocessing.get_context("spawn")
        self.port = free_port()
        self.received = context.Value("i", 0)
        self.stopped = context.Event()
        self.process = context.Process(target=_serve, args=(self.port, self.received, self.stopped))
        self.process.start()
        import socket

        for _attempt in range(100):
            try:
                socket.create_connection(("127.0.0.1", self.port), timeout=1).close()
                break
            except OSError:
                time.sleep(0.1)

    @property
    def url(self) -> str:
        return f"smtp://127.0.0.1:{self.port}"

    @property
    def count(self) -> int:
        return self.received.value

    def stop(self) -> None:
        self.stopped.set()
        self.process.join(10)


def _publish(number: int, minutes) -> float:
    from django.db import transaction

    from board import factories as f
    from board.models import MeetingStatus

    started = time.perf_counter()
    with transaction.atomic():
        meeting = f.MeetingFactory(number=number, status=MeetingStatus.MINUTES_APPROVED, minutes=minutes)
        meeting.save_revision().publish()
    return time.perf_counter() - started


def _run(count: int, server) -> int:
    from django.utils import timezone
    from django_tasks_db.models import DBTaskResult

    from alerts.models import Announcement, Subscription
    from board import factories as f
    from board.models import Meeting
    from documents.factories import DocumentFactory
    from home import demo as home_demo
    from tests.tasks import run_ready_tasks

    home_demo.ensure_locales()
    home = home_demo.load()
    f.MinutesArchivePageFactory(parent=home)
    minutes = DocumentFactory(title="Pöytäkirja", kind="minutes", read=False)

    # Publishing with no subscriber: the baseline (median of 5).
    baseline = statistics.median(_publish(n, minutes) for n in range(1, 6))
    run_ready_tasks()
    now = timezone.now()
    Subscription.objects.bulk_create(
        [
            Subscription(
                email=f"s{n}@example.org", language="fi" if n % 2 else "sv", minutes=True, confirmed_at=now
            )
            for n in range(count)
        ],
        batch_size=1000,
    )
    # Publishing with every subscriber (median of 5). Only the first of these announcements
    # is then sent: the five publishes are timed, one sending is measured.
    with_subscribers = statistics.median(_publish(n, minutes) for n in range(6, 11))
    queued = DBTaskResult.objects.ready().count()
    first = Announcement.objects.filter(translation_key=Meeting.objects.get(number=6).translation_key).get()
    Announcement.objects.exclude(pk=first.pk).filter(created_at__gt=now).delete()
    for result in DBTaskResult.objects.ready():
        if result.args_kwargs["args"] != [first.pk]:
            result.delete()
    received_before = server.count
    started = time.perf_counter()
    while run_ready_tasks():
        pass
    elapsed = time.perf_counter() - started
    received = server.count - received_before
    announcements = Announcement.objects.filter(recipients__gt=0)
    print(f"subscribers: {count}; alerts published with subscribers: {announcements.count()}")
    print(f"publish request, no subscribers: {baseline * 1000:.1f} ms (median of 5)")
    print(f"publish request, {count} subscribers: {with_subscribers * 1000:.1f} ms (median of 5)")
    print(f"tasks queued by those 5 publishes: {queued} (index updates and the like, and one announce each)")
    rate = received / elapsed
    print(f"messages received by the SMTP server: {received} in {elapsed:.1f} s = {rate:.0f} messages/s")
    expected = count * announcements.count()
    if received != expected:
        print(f"ERROR: expected {expected} messages", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
