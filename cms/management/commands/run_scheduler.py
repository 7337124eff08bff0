"""Scheduled publishing, running by itself: Wagtail's `publish_scheduled` every `--interval` seconds.

Wagtail only records a go-live or expiry time; nothing publishes at that time unless
`publish_scheduled` runs. This loop runs it for pages and for every snippet with a publishing
schedule (meetings, events: any DraftStateMixin model), logs what went live or expired, keeps
going after a failure (a database restart, a broken revision) and stops between two passes on
SIGTERM or SIGINT. `make run` starts it beside the dev server; production runs one of it
(deploy/scheduler.service). Run exactly one per database: two would race for the same revisions.

After publishing, each pass also runs the daily retention jobs that are due
(`purge_unconfirmed_alerts`, `purge_contact_details`: cms/housekeeping.py): at the first pass,
then every HOUSEKEEPING_INTERVAL_HOURS; a failing job is logged and publishing goes on.
"""

import logging
import signal
import threading

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import InterfaceError, OperationalError, connections
from django.utils import timezone

from cms import housekeeping

logger = logging.getLogger("cms.scheduler")

SCHEDULED_ACTIONS = {
    "wagtail.publish.scheduled": "published",
    "wagtail.unpublish.scheduled": "unpublished (expired)",
}


def publish_due() -> list[str]:
    """One pass of Wagtail's publish_scheduled; returns a line for each object it changed."""
    from wagtail.models import ModelLogEntry, PageLogEntry

    since = timezone.now()
    call_command("publish_scheduled")
    # Wagtail logs each scheduled publish and expiry; those entries say what this pass did.
    lines = []
    for log_model in (PageLogEntry, ModelLogEntry):
        entries = (
            log_model.objects.filter(action__in=SCHEDULED_ACTIONS, timestamp__gte=since)
            .select_related("content_type")
            .order_by("timestamp")
        )
        lines += [
            f"{SCHEDULED_ACTIONS[e.action]}: {e.content_type.app_label}.{e.content_type.model} "
            f"{e.object_id} «{e.label}»"
            for e in entries
        ]
    return lines


class Command(BaseCommand):
    help = (
        "Publish and unpublish pages and snippets at their scheduled times: runs Wagtail's "
        "publish_scheduled every --interval seconds until stopped (SIGTERM or Ctrl-C), and the daily "
        "retention jobs (purge_unconfirmed_alerts, purge_contact_details)."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--interval", type=float, default=60.0, help="Seconds between two passes (default 60)."
        )
        parser.add_argument("--once", action="store_true", help="Run one pass and exit.")

    def handle(self, *args, interval: float, once: bool, **options):
        if interval <= 0:
            raise CommandError("--interval must be a positive number of seconds.")
        if once:
            if not self.run_pass():
                raise CommandError("Scheduled publishing failed; see the log above.")
            return

        stop = threading.Event()

        def request_stop(signum, frame):
            logger.info("Scheduler stopping (%s)", signal.Signals(signum).name)
            stop.set()

        signal.signal(signal.SIGTERM, request_stop)
        signal.signal(signal.SIGINT, request_stop)
        logger.info(
            "Scheduler started: scheduled publishing every %g s, housekeeping every %g h",
            interval,
            settings.HOUSEKEEPING_INTERVAL_HOURS,
        )
        while not stop.is_set():
            self.run_pass()
            # A long-lived process: drop the connection, so that a restarted database, or one
            # that dropped us, is reached afresh at the next pass.
            connections.close_all()
            stop.wait(interval)
        logger.info("Scheduler stopped")

    def run_pass(self) -> bool:
        """Publishing, then the retention jobs that are due; True if publishing succeeded."""
        published = self.publish()
        housekeeping.run_due_jobs()  # logs its own failures; never stops publishing
        return published

    def publish(self) -> bool:
        try:
            for line in publish_due():
                logger.info("Scheduled publishing: %s", line)
            return True
        except (OperationalError, InterfaceError) as error:
            # The database is down or unreachable: one line per pass, not a traceback.
            logger.error("Scheduled publishing failed, database unavailable: %s; retrying next pass", error)
            return False
        except Exception:  # any other failure: logged, and the next pass tries again
            logger.exception("Scheduled publishing failed; trying again next pass")
            return False
