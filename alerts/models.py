"""Subscriptions (personal data: an address and a language) and what has been announced."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class Kind(models.TextChoices):
    """What a subscriber may choose, and what is announced."""

    AGENDA = "agenda", _("New agendas")
    MINUTES = "minutes", _("Approved minutes")
    EVENT = "event", _("Events")


ALERT_LANGUAGES = [("fi", _("Finnish")), ("sv", _("Swedish"))]


class SubscriptionQuerySet(models.QuerySet):
    def confirmed(self):
        return self.filter(confirmed_at__isnull=False)

    def pending(self):
        return self.filter(confirmed_at__isnull=True)

    def wanting(self, kind: str):
        return self.confirmed().filter(**{kind: True})


class Subscription(models.Model):
    """One address. Unconfirmed rows (confirmed_at empty) are removed after
    ALERTS_UNCONFIRMED_DAYS (`manage.py purge_unconfirmed_alerts`)."""

    email = models.EmailField(_("e-mail address"), unique=True)
    language = models.CharField(_("language"), max_length=2, choices=ALERT_LANGUAGES)
    agenda = models.BooleanField(_("new agendas"), default=False)
    minutes = models.BooleanField(_("approved minutes"), default=False)
    event = models.BooleanField(_("events"), default=False)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    confirmed_at = models.DateTimeField(_("confirmed at"), null=True, blank=True)

    objects = SubscriptionQuerySet.as_manager()

    class Meta:
        verbose_name = _("alert subscription")
        verbose_name_plural = _("alert subscriptions")
        indexes = [models.Index(fields=["confirmed_at", "created_at"], name="alerts_sub_state")]

    def __str__(self) -> str:
        return f"subscription {self.pk}"

    @property
    def kinds(self) -> list[str]:
        return [kind for kind in Kind.values if getattr(self, kind)]


class Announcement(models.Model):
    """One change announced: unique per kind and meeting or event (its translation key), so
    that saving or publishing again never announces it twice."""

    kind = models.CharField(max_length=10, choices=Kind.choices)
    translation_key = models.UUIDField()
    created_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    recipients = models.PositiveIntegerField(default=0)
    sent = models.PositiveIntegerField(default=0)
    failed = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = _("announcement")
        verbose_name_plural = _("announcements")
        constraints = [
            models.UniqueConstraint(fields=["kind", "translation_key"], name="alerts_announcement_once"),
        ]

    def __str__(self) -> str:
        return f"{self.kind} {self.translation_key}"
