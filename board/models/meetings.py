"""Meetings (numbered per year, with agenda and minutes) and events of the activity calendar."""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel, PublishingPanel
from wagtail.fields import StreamField
from wagtail.models import (
    DraftStateMixin,
    LockableMixin,
    PreviewableMixin,
    RevisionMixin,
    TranslatableMixin,
)
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField, TranslatableField

from board.localization import MeetingView
from documents.blocks import DocumentLinkBlock


def _local_datetime(value) -> str:
    return date_format(timezone.localtime(value), "SHORT_DATETIME_FORMAT") if value else ""


class MeetingStatus(models.TextChoices):
    PLANNED = "planned", _("Planned")
    AGENDA_PUBLISHED = "agenda_published", _("Agenda published")
    HELD = "held", _("Held")
    MINUTES_APPROVED = "minutes_approved", _("Minutes approved")
    CANCELLED = "cancelled", _("Cancelled")


class Meeting(
    PreviewableMixin,
    DraftStateMixin,
    LockableMixin,
    RevisionMixin,
    TranslatableMixin,
    index.Indexed,
    models.Model,
):
    """A board meeting, e.g. 3/2026. The title, place and summary are translated; the
    number, time, status and documents are the same in every language."""

    title = models.CharField(_("title"), max_length=200)
    number = models.PositiveSmallIntegerField(_("number"), help_text=_("Running number within the year."))
    year = models.PositiveSmallIntegerField(_("year"), editable=False, db_index=True)
    start = models.DateTimeField(_("starts at"))
    place = models.CharField(_("place"), max_length=200, blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=MeetingStatus.choices, default=MeetingStatus.PLANNED
    )
    agenda = models.ForeignKey(
        settings.WAGTAILDOCS_DOCUMENT_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("agenda"),
    )
    minutes = models.ForeignKey(
        settings.WAGTAILDOCS_DOCUMENT_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("minutes"),
    )
    attachments = StreamField(
        [("attachment", DocumentLinkBlock(label=_("Attachment")))],
        blank=True,
        verbose_name=_("other attachments"),
    )
    summary = models.TextField(_("summary"), blank=True, help_text=_("A few sentences on what was decided."))

    panels = [
        FieldPanel("title"),
        FieldRowPanel([FieldPanel("number"), FieldPanel("start")]),
        FieldPanel("place"),
        FieldPanel("status"),
        MultiFieldPanel(
            [FieldPanel("agenda"), FieldPanel("minutes"), FieldPanel("attachments")], heading=_("Documents")
        ),
        FieldPanel("summary"),
        PublishingPanel(),
    ]
    override_translatable_fields = [
        TranslatableField("title"),
        TranslatableField("place"),
        TranslatableField("summary"),
        TranslatableField("attachments"),
        SynchronizedField("number", overridable=False),
        SynchronizedField("start", overridable=False),
        SynchronizedField("status", overridable=False),
        SynchronizedField("agenda", overridable=False),
        SynchronizedField("minutes", overridable=False),
    ]
    search_fields = [
        index.SearchField("title", boost=2),
        index.SearchField("summary"),
        index.SearchField("number_and_year"),
        index.AutocompleteField("title"),
        index.FilterField("locale"),
        index.FilterField("live"),
        index.FilterField("year"),
        index.FilterField("status"),
        index.FilterField("start"),
    ]

    class Meta(TranslatableMixin.Meta):
        ordering = ["-start"]
        verbose_name = _("meeting")
        verbose_name_plural = _("meetings")
        constraints = [
            models.UniqueConstraint(fields=["locale", "year", "number"], name="board_meeting_unique_number"),
        ]

    def __str__(self) -> str:
        return f"{self.reference} {self.title}"

    def save(self, *args, **kwargs):
        if self.start:
            self.year = self.start_year
        super().save(*args, **kwargs)

    @property
    def reference(self) -> str:
        """The meeting's number as the board writes it, e.g. 3/2026."""
        return f"{self.number}/{self.start_year}"

    def number_and_year(self) -> str:
        """What search finds a meeting by: "3 2026", so "3/2026", "3 2026" and "2026" all match
        (PostgreSQL's parser would keep "3/2026" as one token that no query of words matches)."""
        return f"{self.number} {self.start_year}"

    @property
    def start_year(self) -> int | None:
        return timezone.localtime(self.start).year if self.start else self.year

    @property
    def local_start(self) -> str:
        return _local_datetime(self.start)

    @property
    def is_cancelled(self) -> bool:
        return self.status == MeetingStatus.CANCELLED

    def clean(self) -> None:
        super().clean()
        errors: dict[str, str] = {}
        if self.start and self.number:
            locale_id = self.locale_id or self.get_default_locale().pk
            clash = Meeting.objects.filter(locale_id=locale_id, year=self.start_year, number=self.number)
            if self.pk:
                clash = clash.exclude(pk=self.pk)
            if clash.exists():
                errors["number"] = _("Meeting number %(reference)s is already in use.") % {
                    "reference": self.reference
                }
        if self.status == MeetingStatus.MINUTES_APPROVED and not self.minutes_id:
            errors["minutes"] = _("Add the minutes document before marking the minutes approved.")
        if self.status == MeetingStatus.AGENDA_PUBLISHED and not self.agenda_id:
            errors["agenda"] = _("Add the agenda document before marking the agenda published.")
        if (
            self.start
            and self.start > timezone.now()
            and self.status in (MeetingStatus.HELD, MeetingStatus.MINUTES_APPROVED)
        ):
            errors["status"] = _("A meeting that has not started yet cannot be held.")
        if errors:
            raise ValidationError(errors)

    def get_preview_template(self, request, mode_name):
        return "board/meeting_preview.html"

    def get_preview_context(self, request, mode_name):
        context = super().get_preview_context(request, mode_name)
        context["meeting"] = MeetingView(self, self)
        return context


class Event(
    PreviewableMixin,
    DraftStateMixin,
    LockableMixin,
    RevisionMixin,
    TranslatableMixin,
    index.Indexed,
    models.Model,
):
    """An item of the activity calendar: an info session, a seminar, a training."""

    title = models.CharField(_("title"), max_length=200)
    start = models.DateTimeField(_("starts at"))
    end = models.DateTimeField(_("ends at"), null=True, blank=True)
    place = models.CharField(_("place"), max_length=200, blank=True)
    description = models.TextField(_("description"), blank=True)
    link = models.URLField(_("link"), blank=True, help_text=_("More information or registration."))
    document = models.ForeignKey(
        settings.WAGTAILDOCS_DOCUMENT_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("PDF"),
    )

    panels = [
        FieldPanel("title"),
        FieldRowPanel([FieldPanel("start"), FieldPanel("end")]),
        FieldPanel("place"),
        FieldPanel("description"),
        FieldPanel("link"),
        FieldPanel("document"),
        PublishingPanel(),
    ]
    override_translatable_fields = [
        TranslatableField("title"),
        TranslatableField("place"),
        TranslatableField("description"),
        SynchronizedField("start", overridable=False),
        SynchronizedField("end", overridable=False),
        SynchronizedField("link"),
        SynchronizedField("document", overridable=False),
    ]
    search_fields = [
        index.SearchField("title", boost=2),
        index.SearchField("description"),
        index.AutocompleteField("title"),
        index.FilterField("locale"),
        index.FilterField("live"),
        index.FilterField("start"),
    ]

    class Meta(TranslatableMixin.Meta):
        ordering = ["-start"]
        verbose_name = _("event")
        verbose_name_plural = _("events")

    def __str__(self) -> str:
        return self.title

    @property
    def local_start(self) -> str:
        return _local_datetime(self.start)

    def clean(self) -> None:
        super().clean()
        if self.start and self.end and self.end < self.start:
            raise ValidationError({"end": _("An event cannot end before it starts.")})

    def get_preview_template(self, request, mode_name):
        return "board/event_preview.html"

    def get_preview_context(self, request, mode_name):
        context = super().get_preview_context(request, mode_name)
        context["event"] = self
        return context
