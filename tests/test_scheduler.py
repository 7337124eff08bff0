"""Scheduled publishing runs by itself: the real `manage.py run_scheduler` process publishes
pages and snippets at their go-live time and unpublishes them at their expiry time."""

import datetime
import threading
import time

import pytest
from django.core.management import CommandError, call_command
from django.db import DatabaseError, connection, transaction
from django.utils import timezone
from wagtail.models import Page, Revision

from board import factories as f
from board.models import Event, Meeting
from cms import housekeeping
from tests.scheduler import running_scheduler, wait_for_log

# Committed rows, for the scheduler process to see; the baseline (locales, root page) restored after.
pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

# Issue 13: "a scheduled revision going live within 90 seconds of its time".
ALLOWED_DELAY = datetime.timedelta(seconds=90)


def _wait_until(conditions: dict, deadline: datetime.datetime) -> dict[str, datetime.datetime]:
    """Poll each condition until all hold; returns when each was first seen to hold."""
    seen: dict[str, datetime.datetime] = {}
    while len(seen) < len(conditions) and timezone.now() < deadline:
        for name, holds in conditions.items():
            if name not in seen and holds():
                seen[name] = timezone.now()
        time.sleep(0.5)
    missing = set(conditions) - set(seen)
    assert not missing, f"not done by {deadline:%H:%M:%S}: {sorted(missing)}"
    return seen


def _fresh(page):
    return type(page).objects.get(pk=page.pk)


def test_scheduled_go_live_and_expiry_happen_with_nobody_acting(home_page, client, tmp_path):
    home_page = _fresh(home_page)
    log = tmp_path / "scheduler.log"
    with running_scheduler(log, interval=5) as scheduler:
        # Its first pass also runs the daily jobs; the schedule is set after that pass, so that
        # waiting for it cannot eat into the 12 s before go-live.
        wait_for_log(log, f"Housekeeping {housekeeping.JOBS[-1]} done")
        when = timezone.now() + datetime.timedelta(seconds=12)

        # An edit of a live page, scheduled: the old version stays live until then.
        old_title = home_page.title
        home_page.title = "Ajastettu otsikko"
        home_page.go_live_at = when
        page_revision = home_page.save_revision()
        page_revision.publish()
        # A new meeting (a snippet with a publishing schedule), scheduled.
        meeting = f.MeetingFactory(live=False, title="Ajastettu kokous")
        meeting.go_live_at = when
        meeting_revision = meeting.save_revision()
        meeting_revision.publish()
        # A live event and a live page, both set to expire then.
        event = f.EventFactory()
        event.expire_at = when
        event.save_revision().publish()
        directory = f.MemberDirectoryPageFactory(parent=home_page)
        directory.expire_at = when
        directory.save_revision().publish()

        assert Page.objects.get(pk=home_page.pk).title == old_title
        assert not Meeting.objects.get(pk=meeting.pk).live
        assert Event.objects.get(pk=event.pk).live
        assert Page.objects.get(pk=directory.pk).live

        seen = _wait_until(
            {
                "page edit live": lambda: Page.objects.filter(
                    pk=home_page.pk, title="Ajastettu otsikko", live_revision=page_revision
                ).exists(),
                "meeting live": lambda: Meeting.objects.filter(
                    pk=meeting.pk, live=True, live_revision=meeting_revision
                ).exists(),
                "event expired": lambda: Event.objects.filter(pk=event.pk, live=False, expired=True).exists(),
                "page expired": lambda: Page.objects.filter(
                    pk=directory.pk, live=False, expired=True
                ).exists(),
            },
            deadline=when + ALLOWED_DELAY,
        )
        # Not before its time, and within 90 s of it.
        for name, at in seen.items():
            assert when <= at <= when + ALLOWED_DELAY, (name, at, when)
        assert scheduler.poll() is None, "the scheduler keeps running after publishing"

    # Stopped with SIGTERM (as systemd and `make run` stop it): a clean exit, after saying what it did.
    assert scheduler.returncode == 0, log.read_text()[-3000:]
    output = log.read_text()
    assert f"published: home.homepage {home_page.pk} «Ajastettu otsikko»" in output
    meeting_label = f"{meeting.number}/{meeting.year} Ajastettu kokous"
    assert f"published: board.meeting {meeting.pk} «{meeting_label}»" in output
    assert f"unpublished (expired): board.event {event.pk}" in output
    assert "Scheduler stopped" in output
    # Visitors see the new version.
    assert "Ajastettu otsikko" in client.get("/fi/").content.decode()


def test_an_editors_save_waits_for_the_schedulers_write_instead_of_failing(home_page):
    """The scheduler's pass writes while an editor's save, which read first, is under way.

    The two must take turns. On SQLite, a transaction that reads and then writes used to be
    refused at once ("database is locked") when another connection wrote in between: waiting
    could not help, as each waited for the other. Transactions now take the write lock when they
    begin (cms/settings/base.py), so the later one waits for the earlier one's commit.
    """
    page = _fresh(home_page)
    meeting = f.MeetingFactory(title="Kokous")
    editor_has_read, scheduler_wrote = threading.Event(), threading.Event()
    scheduler_errors: list[DatabaseError] = []

    def scheduler_pass():
        try:
            editor_has_read.wait(10)
            with transaction.atomic():
                Meeting.objects.filter(pk=meeting.pk).update(title="Ajastettu kokous")
                scheduler_wrote.set()
        except DatabaseError as error:  # shown by the assertion below
            scheduler_errors.append(error)
        finally:
            connection.close()

    scheduler = threading.Thread(target=scheduler_pass)
    scheduler.start()
    try:
        with transaction.atomic():
            Page.objects.get(pk=page.pk)  # the edit form's read
            editor_has_read.set()
            # Where the database lets both in, the scheduler writes now; where transactions take
            # turns, it waits for this one, and this wait ends unanswered.
            scheduler_wrote.wait(2)
            page.title = "Toimittajan otsikko"
            revision = page.save_revision()
    finally:
        scheduler.join(30)
    assert not scheduler.is_alive()
    assert scheduler_errors == []
    assert Page.objects.get(pk=page.pk).latest_revision_id == revision.pk
    assert Meeting.objects.get(pk=meeting.pk).title == "Ajastettu kokous"


@pytest.fixture
def database_outage(tmp_path):
    """Makes the test database unreachable for new connections of other processes, then back.

    SQLite: the scheduler opens the database through a path that does not exist yet, then is
    made a link to it. PostgreSQL: the database refuses new connections for a while.
    """
    if connection.vendor == "sqlite":
        link = tmp_path / "outage" / "db.sqlite3"

        def restore():
            link.parent.mkdir()
            link.symlink_to(connection.settings_dict["NAME"])

        yield {"DATABASE_URL": f"sqlite:///{link}"}, restore
        return

    name = connection.ops.quote_name(connection.settings_dict["NAME"])

    def allow(allowed: bool):
        # From the maintenance database: a session cannot lock out its own database.
        with connection._nodb_cursor() as cursor:
            cursor.execute(f"ALTER DATABASE {name} ALLOW_CONNECTIONS {'true' if allowed else 'false'}")

    allow(False)
    try:
        yield {}, lambda: allow(True)
    finally:
        allow(True)


def test_the_scheduler_survives_a_database_outage(home_page, tmp_path, database_outage):
    env, restore = database_outage
    home_page = _fresh(home_page)
    log = tmp_path / "scheduler.log"
    with running_scheduler(log, interval=1, **env) as scheduler:
        wait_for_log(log, "database unavailable", count=2)
        assert scheduler.poll() is None
        restore()
        when = timezone.now() + datetime.timedelta(seconds=2)
        home_page.title = "Katkon jälkeen"
        home_page.go_live_at = when
        revision = home_page.save_revision()
        revision.publish()
        _wait_until(
            {"live": lambda: Page.objects.filter(pk=home_page.pk, live_revision=revision).exists()},
            deadline=when + ALLOWED_DELAY,
        )
    assert scheduler.returncode == 0


@pytest.mark.django_db
def test_once_publishes_what_is_due_and_exits(home_page, caplog):
    home_page = _fresh(home_page)
    home_page.title = "Myöhässä julkaistava"
    revision = home_page.save_revision()
    # Due a minute ago: e.g. the scheduler was down then.
    a_minute_ago = timezone.now() - datetime.timedelta(minutes=1)
    Revision.objects.filter(pk=revision.pk).update(approved_go_live_at=a_minute_ago)
    with caplog.at_level("INFO", logger="cms.scheduler"):
        call_command("run_scheduler", once=True)
    assert Page.objects.get(pk=home_page.pk).live_revision_id == revision.pk
    assert f"published: home.homepage {home_page.pk} «Myöhässä julkaistava»" in caplog.text


@pytest.mark.django_db
def test_interval_must_be_positive():
    with pytest.raises(CommandError, match="--interval"):
        call_command("run_scheduler", interval=0)
