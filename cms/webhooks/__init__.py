"""Publish notifications: a signed JSON POST to every `WEBHOOK_URLS` receiver.

On publish, unpublish and delete of pages, meetings and events, and on save and delete
of documents, one `WebhookDelivery` per receiver is recorded after the transaction
commits and a task (Django's tasks framework) delivers it. The body is signed:
`X-Signature: sha256=<hex HMAC-SHA256 of the body with WEBHOOK_SECRET>`. Failures are
retried with exponential back-off (WEBHOOK_BACKOFF_SECONDS, doubling) up to
WEBHOOK_MAX_ATTEMPTS; what finally failed is listed in the admin (Reports → Webhooks).
"""

from __future__ import annotations

import functools
import logging
from typing import Any

from django.apps import apps
from django.conf import settings
from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.utils import timezone
from wagtail.documents import get_document_model
from wagtail.models import Page
from wagtail.signals import page_published, page_unpublished, published, unpublished

from cms.absolute_urls import absolute_url, page_url

logger = logging.getLogger(__name__)

PUBLISH, UNPUBLISH, DELETE = "publish", "unpublish", "delete"


@functools.cache
def _snippet_models() -> tuple[type, ...]:
    """The models besides pages and documents whose publish, unpublish and delete are announced.

    Each app names its own in its AppConfig (`webhook_models`, as board/apps.py names the
    meetings and events), so this shared module imports no app."""
    return tuple(
        config.get_model(name)
        for config in apps.get_app_configs()
        for name in getattr(config, "webhook_models", ())
    )


def payload_for(event: str, obj: Any) -> dict:
    """What receivers get: enough to purge or refetch the item from the API."""
    locale = getattr(obj, "locale", None)
    data = {
        "event": event,
        "type": obj._meta.label,
        "id": obj.pk,
        "locale": getattr(locale, "language_code", None),
        "title": str(getattr(obj, "title", "") or obj),
        "url": None,
        "sent_at": timezone.now().isoformat(),
    }
    if event != DELETE:
        try:
            if isinstance(obj, Page):
                data["url"] = page_url(obj)
            elif getattr(obj, "url", None):
                data["url"] = absolute_url(obj.url)
        except Exception:  # a URL is a convenience; never block a publish for it  # noqa: BLE001
            logger.warning("No URL for webhook payload of %s %s", obj._meta.label, obj.pk)
    return data


def notify(event: str, obj: Any) -> None:
    """Record one delivery per receiver and hand them to the task queue, after commit."""
    urls = list(settings.WEBHOOK_URLS)
    if not urls:
        return
    if not settings.WEBHOOK_SECRET:
        logger.error("WEBHOOK_URLS is set but WEBHOOK_SECRET is empty: no webhook sent")
        return
    payload = payload_for(event, obj)
    transaction.on_commit(lambda: _enqueue(payload, urls))


def _enqueue(payload: dict, urls: list[str]) -> None:
    from cms.models import WebhookDelivery
    from cms.webhooks.tasks import deliver_webhook

    for url in urls:
        delivery = WebhookDelivery.objects.create(
            event=payload["event"],
            object_type=payload["type"],
            object_id=str(payload["id"]),
            object_title=payload["title"][:255],
            url=url,
            payload=payload,
        )
        deliver_webhook.enqueue(delivery.pk)


# Signal receivers -----------------------------------------------------------------------------


def _page_published(sender, instance, **kwargs) -> None:
    notify(PUBLISH, instance)


def _page_unpublished(sender, instance, **kwargs) -> None:
    notify(UNPUBLISH, instance)


def _snippet_published(sender, instance, **kwargs) -> None:
    if isinstance(instance, _snippet_models()):
        notify(PUBLISH, instance)


def _snippet_unpublished(sender, instance, **kwargs) -> None:
    if isinstance(instance, _snippet_models()):
        notify(UNPUBLISH, instance)


def _deleted(sender, instance, **kwargs) -> None:
    # Deleting a page deletes its specific row and its base Page row: notify once, for the
    # specific one.
    if isinstance(instance, Page):
        if type(instance) is Page:
            return
    elif not isinstance(instance, (*_snippet_models(), get_document_model())):
        return
    notify(DELETE, instance)


def _document_saved(sender, instance, created, raw=False, **kwargs) -> None:
    if not raw:
        notify(PUBLISH, instance)


def connect_signals() -> None:
    page_published.connect(_page_published, dispatch_uid="cms.webhooks.page_published")
    page_unpublished.connect(_page_unpublished, dispatch_uid="cms.webhooks.page_unpublished")
    published.connect(_snippet_published, dispatch_uid="cms.webhooks.published")
    unpublished.connect(_snippet_unpublished, dispatch_uid="cms.webhooks.unpublished")
    post_delete.connect(_deleted, dispatch_uid="cms.webhooks.deleted")
    post_save.connect(
        _document_saved, sender=get_document_model(), dispatch_uid="cms.webhooks.document_saved"
    )
