"""Delete subscription requests not confirmed within ALERTS_UNCONFIRMED_DAYS (run daily by run_scheduler:
cms/housekeeping.py)."""

from datetime import timedelta

from django.conf import settings
from django.core.management.base import BaseCommand
from django.utils import timezone

from alerts.models import Subscription


def purge(now=None) -> int:
    cutoff = (now or timezone.now()) - timedelta(days=settings.ALERTS_UNCONFIRMED_DAYS)
    deleted, _detail = Subscription.objects.pending().filter(created_at__lt=cutoff).delete()
    return deleted


class Command(BaseCommand):
    help = "Delete e-mail alert subscriptions left unconfirmed for ALERTS_UNCONFIRMED_DAYS days."

    def handle(self, *args, **options):
        deleted = purge()
        self.stdout.write(f"{deleted} unconfirmed subscription(s) deleted.")
