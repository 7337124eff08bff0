"""The daily retention jobs run by themselves: the real `manage.py run_scheduler` process removes
expired unconfirmed alert subscriptions and purges ended members' contact details (and leaves
fresh ones), once per period however many schedulers run; a failing job is logged and
publishing goes on (cms/housekeeping.py)."""

import datetime
import time

import pytest
from django.conf import settings
from django.utils import timezone, translation
from django.utils.translation import gettext
from wagtail.models import Page

from alerts.models import Subscription
from board.models import Person
from cms import housekeeping
from cms.models import HousekeepingRun
from tests.board.scenario import members_for_retention
from tests.scheduler import running_scheduler, wait_for_log

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

JOB_DONE = {job: f"Housekeeping {job} done" for job in housekeeping.JOBS}


@pytest.fixture
def retention_data(locales):
    """An expired and a fresh unconfirmed subscription, a confirmed old one; a member whose
    membership ended years ago, one serving, one who left a month ago."""
    long_ago = timezone.now() - datetime.timedelta(days=settings.ALERTS_UNCONFIRMED_DAYS + 1)
    expired = Subscription.objects.create(email="vanha@example.invalid", language="fi", agenda=True)
    fresh = Subscription.objects.create(email="uusi@example.invalid", language="sv", agenda=True)
    confirmed = Subscription.objects.create(
        email="vahvistettu@example.invalid", language="fi", agenda=True, confirmed_at=long_ago
    )
    Subscription.objects.filter(pk__in=[expired.pk, confirmed.pk]).update(created_at=long_ago)

    members = members_for_retention()
    return {
        "expired": expired,
        "fresh": fresh,
        "confirmed": confirmed,
        **members,
    }


def _assert_retention_done(d):
    assert not Subscription.objects.filter(pk=d["expired"].pk).exists()
    assert Subscription.objects.filter(pk=d["fresh"].pk).exists()
    assert Subscription.objects.filter(pk=d["confirmed"].pk).exists()
    gone = Person.objects.get(pk=d["long_gone"].pk)
    assert (gone.email, gone.phone, gone.last_name) == ("", "", "Vanha")
    for key in ("serving", "just_left"):
        person = Person.objects.get(pk=d[key].pk)
        assert (person.email, person.phone) == (d[key].email, d[key].phone), key
        assert person.email and person.phone


def test_the_scheduler_runs_the_retention_jobs_with_nobody_acting(retention_data, tmp_path):
    log = tmp_path / "scheduler.log"
    with running_scheduler(log, interval=1) as scheduler:
        for done in JOB_DONE.values():
            wait_for_log(log, done)
        _assert_retention_done(retention_data)
        # Later passes do not run them again within the period (24 h by default).
        wait_for_log(log, "Scheduler started")
        time.sleep(4)
        assert scheduler.poll() is None
    assert scheduler.returncode == 0
    output = log.read_text()
    for job in housekeeping.JOBS:
        assert output.count(f"Housekeeping {job} started") == 1, output[-3000:]
    assert "Housekeeping purge_unconfirmed_alerts: 1 unconfirmed subscription(s) deleted." in output
    # The commands' own (translated) lines, in the site's language, as when run by hand.
    with translation.override(settings.LANGUAGE_CODE):
        erased = gettext("erased: %(person)s (id %(id)s)")
    assert erased % {"person": "Anna Vanha", "id": retention_data["long_gone"].pk} in output
    results = set(HousekeepingRun.objects.values_list("job", "succeeded"))
    assert results == {(job, True) for job in housekeeping.JOBS}


def test_a_job_runs_again_once_its_period_has_passed(retention_data, tmp_path):
    # It last ran 25 h ago, the other job an hour ago: only the first is due.
    now = timezone.now()
    hours = datetime.timedelta(hours=1)
    HousekeepingRun.objects.create(job="purge_unconfirmed_alerts", started_at=now - 25 * hours)
    HousekeepingRun.objects.create(job="purge_contact_details", started_at=now - hours)
    log = tmp_path / "scheduler.log"
    with running_scheduler(log, interval=1):
        wait_for_log(log, JOB_DONE["purge_unconfirmed_alerts"])
        time.sleep(3)
    output = log.read_text()
    assert "Housekeeping purge_contact_details started" not in output
    assert not Subscription.objects.filter(pk=retention_data["expired"].pk).exists()
    assert Person.objects.get(pk=retention_data["long_gone"].pk).email  # not yet: not due


def test_a_failing_job_is_logged_and_publishing_goes_on(retention_data, home_page, tmp_path):
    home_page = Page.objects.get(pk=home_page.pk).specific
    log = tmp_path / "scheduler.log"
    # A bad configuration makes purge_contact_details fail (it refuses a negative retention).
    with running_scheduler(log, interval=1, CONTACT_RETENTION_DAYS="-1") as scheduler:
        wait_for_log(log, "Housekeeping purge_contact_details failed")
        wait_for_log(log, JOB_DONE["purge_unconfirmed_alerts"])
        when = timezone.now() + datetime.timedelta(seconds=2)
        home_page.title = "Julkaistu virheestä huolimatta"
        home_page.go_live_at = when
        revision = home_page.save_revision()
        revision.publish()
        deadline = time.monotonic() + 60
        while not Page.objects.filter(pk=home_page.pk, live_revision=revision).exists():
            assert time.monotonic() < deadline, log.read_text()[-3000:]
            time.sleep(0.5)
        assert scheduler.poll() is None
    assert scheduler.returncode == 0
    output = log.read_text()
    with translation.override(settings.LANGUAGE_CODE):
        assert gettext("--days must be zero or more.") in output
    assert f"published: home.homepage {home_page.pk} «Julkaistu virheestä huolimatta»" in output
    # The other job ran; the failed one changed nothing and is recorded as failed.
    assert not Subscription.objects.filter(pk=retention_data["expired"].pk).exists()
    assert Person.objects.get(pk=retention_data["long_gone"].pk).email
    failed = HousekeepingRun.objects.get(job="purge_contact_details")
    assert failed.succeeded is False
    # Tried again in an hour, not at every pass, nor only the next day.
    assert output.count("Housekeeping purge_contact_details started") == 1
    next_try = failed.started_at + housekeeping.period()
    in_an_hour = timezone.now() + datetime.timedelta(hours=1)
    assert in_an_hour - datetime.timedelta(minutes=5) < next_try < in_an_hour


def test_two_schedulers_at_once_run_each_job_once(retention_data, tmp_path):
    logs = [tmp_path / "a.log", tmp_path / "b.log"]
    with running_scheduler(logs[0], interval=1), running_scheduler(logs[1], interval=1):
        for log in logs:
            wait_for_log(log, "Scheduler started")
        deadline = time.monotonic() + 60
        while not all(any(done in log.read_text() for log in logs) for done in JOB_DONE.values()):
            assert time.monotonic() < deadline, [log.read_text()[-2000:] for log in logs]
            time.sleep(0.5)
        time.sleep(3)  # both go on passing
    output = "".join(log.read_text() for log in logs)
    for job in housekeeping.JOBS:
        assert output.count(f"Housekeeping {job} started") == 1, output[-4000:]
    _assert_retention_done(retention_data)


def test_claim_is_granted_once_per_period(db):
    now = timezone.now()
    assert housekeeping.claim("purge_unconfirmed_alerts", now)
    assert not housekeeping.claim("purge_unconfirmed_alerts", now)
    assert not housekeeping.claim("purge_unconfirmed_alerts", now + datetime.timedelta(hours=23))
    assert housekeeping.claim("purge_unconfirmed_alerts", now + datetime.timedelta(hours=24))
    assert housekeeping.claim("purge_contact_details", now)
