"""The daily retention jobs that `run_scheduler` runs beside scheduled publishing.

- `purge_unconfirmed_alerts`: e-mail alert subscriptions left unconfirmed for
  ALERTS_UNCONFIRMED_DAYS are deleted (alerts app);
- `purge_contact_details`: people whose every membership ended more than
  CONTACT_RETENTION_DAYS ago lose their contact details everywhere (cms/security/gdpr.py).

When: each scheduler pass asks `run_due_jobs()`; a job is due when it has never run or last
started HOUSEKEEPING_INTERVAL_HOURS (default 24) ago or more. So a new installation runs both at
the scheduler's first pass, then every 24 h; a restart does not run them again early.

Only one scheduler runs a job (the guard is a database row, not the cache: without Redis the
cache is per process): a scheduler claims a due job with one conditional UPDATE of its
cms.HousekeepingRun row ("started_at = now WHERE started_at is empty or older than the
period"); the database lets exactly one of two concurrent UPDATEs match, so the other sees
the job as already started and skips it. A pass that finds nothing due only reads the rows. A
job that fails is logged with its error and is tried again an hour later (RETRY_AFTER), not at
every pass; the other job and publishing go on. `started_at`, `finished_at` and `succeeded`
say when each job last ran and how it went.
"""

from __future__ import annotations

import datetime
import io
import logging

from django.conf import settings
from django.core.management import call_command
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone

logger = logging.getLogger("cms.scheduler")

# Job name -> management command (the same name: the commands stay usable by hand).
JOBS = ("purge_unconfirmed_alerts", "purge_contact_details")


# A failed job is tried again after an hour (or the period, if shorter).
RETRY_AFTER = datetime.timedelta(hours=1)


def period() -> datetime.timedelta:
    return datetime.timedelta(hours=settings.HOUSEKEEPING_INTERVAL_HOURS)


def retry_after() -> datetime.timedelta:
    return min(RETRY_AFTER, period())


def claim(job: str, now: datetime.datetime | None = None) -> bool:
    """True if this process may run `job` now (it was due and nobody else claimed it)."""
    from cms.models import HousekeepingRun

    now = now or timezone.now()
    due = Q(started_at__isnull=True) | Q(started_at__lte=now - period())
    # Most passes find nothing due: only a read, so that an idle scheduler takes no write lock
    # (on SQLite that would make another process's running job fail with "database is locked").
    row = HousekeepingRun.objects.filter(job=job).values_list("started_at", flat=True).first()
    if row is None:
        try:
            with transaction.atomic():
                HousekeepingRun.objects.get_or_create(job=job)
        except IntegrityError:  # another scheduler created the row at the same moment
            pass
    elif row > now - period():
        return False
    # The guard: of two schedulers updating at once, the database lets only one match.
    claimed = HousekeepingRun.objects.filter(due, job=job).update(
        started_at=now, finished_at=None, succeeded=None
    )
    return claimed == 1


def run_job(job: str) -> bool:
    """Run one job's command, logging its output; False (and the error logged) if it failed."""
    from cms.models import HousekeepingRun

    out, err = io.StringIO(), io.StringIO()
    try:
        call_command(job, stdout=out, stderr=err, no_color=True)
        succeeded = True
    except Exception:
        succeeded = False
        for line in (out.getvalue() + err.getvalue()).splitlines():
            logger.error("Housekeeping %s: %s", job, line)
        hours = retry_after().total_seconds() / 3600
        logger.exception("Housekeeping %s failed; next try in %g h", job, hours)
    else:
        for line in (out.getvalue() + err.getvalue()).splitlines():
            logger.info("Housekeeping %s: %s", job, line)
        logger.info("Housekeeping %s done", job)
    try:
        done = {"finished_at": timezone.now(), "succeeded": succeeded}
        if not succeeded:  # due again after RETRY_AFTER, not after a whole period
            done["started_at"] = timezone.now() - period() + retry_after()
        HousekeepingRun.objects.filter(job=job).update(**done)
    except Exception:
        logger.exception("Housekeeping %s: its result could not be recorded", job)
    return succeeded


def run_due_jobs() -> None:
    """Run every job that is due and claimed by this process; never raises."""
    for job in JOBS:
        try:
            claimed = claim(job)
        except Exception as error:  # noqa: BLE001  (e.g. the database is down: one line, no traceback)
            logger.error("Housekeeping %s not started: %s", job, error)
            continue
        if claimed:
            logger.info("Housekeeping %s started", job)
            run_job(job)
