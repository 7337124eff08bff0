"""Delivering one webhook: sign, POST, retry with exponential back-off, record the outcome."""

from __future__ import annotations

import hashlib
import hmac
import json
import logging
import time
import urllib.error
import urllib.request
from datetime import timedelta

from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.utils import timezone
from django_tasks import default_task_backend, task

logger = logging.getLogger(__name__)


def sign(body: bytes, secret: str) -> str:
    return "sha256=" + hmac.new(secret.encode(), body, hashlib.sha256).hexdigest()


def backoff(attempt: int) -> float:
    """Seconds to wait after failed attempt number `attempt` (1, 2, …): base, 2×base, 4×base…"""
    return settings.WEBHOOK_BACKOFF_SECONDS * (2 ** (attempt - 1))


def _post(url: str, body: bytes, headers: dict) -> int:
    if not url.startswith(("http://", "https://")):
        raise ValueError(f"not an http(s) URL: {url}")
    request = urllib.request.Request(url, data=body, headers=headers, method="POST")  # noqa: S310
    with urllib.request.urlopen(request, timeout=settings.WEBHOOK_TIMEOUT_SECONDS) as response:  # noqa: S310
        return response.status


def attempt(delivery) -> bool:
    """One POST; updates the delivery's counters. True when the receiver answered 2xx."""
    body = json.dumps(delivery.payload, cls=DjangoJSONEncoder, sort_keys=True).encode()
    headers = {
        "Content-Type": "application/json",
        "User-Agent": "vtnk-webhooks/1",
        "X-Signature": sign(body, settings.WEBHOOK_SECRET),
        "X-Webhook-Event": delivery.event,
        "X-Webhook-Delivery": str(delivery.pk),
    }
    delivery.attempts += 1
    try:
        status = _post(delivery.url, body, headers)
    except urllib.error.HTTPError as error:
        delivery.last_status_code = error.code
        delivery.last_error = f"HTTP {error.code} {error.reason}"
    except (urllib.error.URLError, OSError, ValueError) as error:
        delivery.last_status_code = None
        delivery.last_error = str(getattr(error, "reason", error))[:2000]
    else:
        delivery.last_status_code = status
        if 200 <= status < 300:
            delivery.last_error = ""
            return True
        delivery.last_error = f"HTTP {status}"
    return False


@task()
def deliver_webhook(delivery_id: int) -> str:
    """Deliver until success or WEBHOOK_MAX_ATTEMPTS. With a queue that can defer (the
    database backend) each retry is a new task run later; with the immediate backend the
    retries wait in this task."""
    from cms.models import WebhookDelivery

    delivery = WebhookDelivery.objects.filter(pk=delivery_id).first()
    if delivery is None or delivery.status != WebhookDelivery.Status.PENDING:
        return "skipped"
    while True:
        ok = attempt(delivery)
        if ok:
            delivery.status = WebhookDelivery.Status.DELIVERED
            delivery.save()
            return delivery.status
        if delivery.attempts >= settings.WEBHOOK_MAX_ATTEMPTS:
            delivery.status = WebhookDelivery.Status.FAILED
            delivery.save()
            logger.warning("Webhook %s to %s failed: %s", delivery.pk, delivery.url, delivery.last_error)
            return delivery.status
        delivery.save()
        wait = backoff(delivery.attempts)
        if default_task_backend.supports_defer:
            deliver_webhook.using(run_after=timezone.now() + timedelta(seconds=wait)).enqueue(delivery.pk)
            return "retrying"
        time.sleep(wait)
