"""The project's own records: the content version, preview snapshots and webhook deliveries."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models
from django.utils.translation import gettext_lazy as _


class PreviewSnapshot(models.Model):
    """A draft as the editor saw it when clicking Preview; readable only with its signed token."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE, related_name="+")
    object_id = models.CharField(_("object id"), max_length=255, blank=True)
    data = models.JSONField(_("content"), encoder=DjangoJSONEncoder)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True, db_index=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("preview snapshot")
        verbose_name_plural = _("preview snapshots")

    def __str__(self) -> str:
        return f"{self.content_type} {self.object_id} ({self.created_at:%Y-%m-%d %H:%M})"


class WebhookDelivery(models.Model):
    """One publish notification to one receiver: its attempts and how it ended."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Pending")
        DELIVERED = "delivered", _("Delivered")
        FAILED = "failed", _("Failed")

    event = models.CharField(_("event"), max_length=20)
    object_type = models.CharField(_("object type"), max_length=100)
    object_id = models.CharField(_("object id"), max_length=255)
    object_title = models.CharField(_("title"), max_length=255, blank=True)
    url = models.URLField(_("receiver"), max_length=500)
    payload = models.JSONField(_("payload"), encoder=DjangoJSONEncoder)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.PENDING)
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    last_status_code = models.PositiveSmallIntegerField(_("last HTTP status"), null=True, blank=True)
    last_error = models.TextField(_("last error"), blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True, db_index=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("webhook delivery")
        verbose_name_plural = _("webhook deliveries")

    def __str__(self) -> str:
        return f"{self.event} {self.object_type} {self.object_id} → {self.url}"


class ContentVersion(models.Model):
    """The content version when there is no shared cache (cms/cache.py): one row that every
    process reads once per request, so a change committed by one process is seen by all."""

    id = models.PositiveSmallIntegerField(primary_key=True, default=1, editable=False)
    token = models.CharField(max_length=32)
    changed_at = models.FloatField()  # seconds since the epoch, for Last-Modified

    class Meta:
        verbose_name = _("content version")
        verbose_name_plural = _("content versions")

    def __str__(self) -> str:
        return self.token


class HousekeepingRun(models.Model):
    """When a daily job of `run_scheduler` last started (cms/housekeeping.py): one row per job.

    A scheduler claims a due job by moving `started_at` forward with one conditional UPDATE,
    so of two schedulers running at once only one runs it, and a restart does not run it again
    before its period has passed."""

    job = models.CharField(_("job"), max_length=64, unique=True)
    started_at = models.DateTimeField(_("started at"), null=True, blank=True)
    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True)
    succeeded = models.BooleanField(_("succeeded"), null=True, blank=True)

    class Meta:
        verbose_name = _("housekeeping run")
        verbose_name_plural = _("housekeeping runs")

    def __str__(self) -> str:
        return self.job
