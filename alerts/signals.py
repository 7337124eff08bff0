"""Publishing a meeting or an event in the source language records each new change once
(`Announcement`) and, after the transaction commits, queues its sending (alerts/tasks.py)."""

from __future__ import annotations

from django.db import IntegrityError, transaction
from wagtail.signals import published

from alerts.models import Kind
from board.models import Event, Meeting, MeetingStatus
from cms.locales import source_locale


def kinds_for(instance) -> list[str]:
    """The changes a published meeting or event announces."""

    if isinstance(instance, Meeting):
        if instance.status == MeetingStatus.AGENDA_PUBLISHED and instance.agenda_id:
            return [Kind.AGENDA]
        if instance.status == MeetingStatus.MINUTES_APPROVED and instance.minutes_id:
            return [Kind.MINUTES]
        return []
    if isinstance(instance, Event):
        return [Kind.EVENT]
    return []


def record(instance) -> list:
    """Announcements created for `instance` now: none for a change already announced."""
    from alerts.models import Announcement

    if instance.locale_id != source_locale().pk:
        return []  # translations carry the same facts: the source announces them
    created = []
    for kind in kinds_for(instance):
        try:
            with transaction.atomic():
                announcement, new = Announcement.objects.get_or_create(
                    kind=kind, translation_key=instance.translation_key
                )
        except IntegrityError:  # a concurrent publish recorded it first
            continue
        if new:
            created.append(announcement)
    return created


def _published(sender, instance, **kwargs) -> None:
    from alerts.tasks import announce

    for announcement in record(instance):
        pk = announcement.pk
        transaction.on_commit(lambda pk=pk: announce.enqueue(pk))


def connect_signals() -> None:
    published.connect(_published, dispatch_uid="alerts.published")
