import os

from django.core.files import File
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.documents.models import AbstractDocument, Document
from wagtail.models import TranslatableMixin
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField, TranslatableField


class Language(models.TextChoices):
    FI = "fi", _("Finnish")
    SV = "sv", _("Swedish")
    EN = "en", _("English")


class CustomDocument(TranslatableMixin, AbstractDocument):
    """The board's PDFs: agendas, minutes, the calendar, the action programme.

    Translatable through wagtail-localize: the Finnish and Swedish versions of a
    document share a `translation_key`, and each version may carry its own file.
    """

    class Kind(models.TextChoices):
        AGENDA = "agenda", _("Agenda")
        MINUTES = "minutes", _("Minutes")
        CALENDAR = "calendar", _("Activity calendar")
        PROGRAMME = "programme", _("Action programme")
        OTHER = "other", _("Other")

    class TextStatus(models.TextChoices):
        # documents.extraction reads the text in a limited background process.
        PENDING = "pending", _("text not read yet")
        DONE = "done", _("text read")
        TOO_COMPLEX = "too_complex", _("text not read: too complex")
        FAILED = "failed", _("text not read: error")

    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, default=Kind.OTHER)
    language = models.CharField(
        _("language of the file"),
        max_length=2,
        choices=Language.choices,
        default=Language.FI,
        help_text=_("The language the PDF itself is written in."),
    )
    document_date = models.DateField(
        _("document date"),
        null=True,
        blank=True,
        help_text=_("For example the meeting date of an agenda or minutes."),
    )

    # Staff decide this on the Finnish original; the translation status then leaves the
    # file out of the backlog (translations/status.py).
    swedish_not_needed = models.BooleanField(
        _("No Swedish version needed"),
        default=False,
        help_text=_(
            "Check this when the file stays in Finnish only, for example an internal attachment: "
            "it then leaves the translators' backlog."
        ),
    )

    # Filled from the file by documents.analysis, never by editors.
    page_count = models.PositiveIntegerField(_("page count"), null=True, editable=False)
    extracted_text = models.TextField(_("extracted text"), blank=True, editable=False)
    extraction_error = models.CharField(
        _("text extraction error"), max_length=500, blank=True, editable=False
    )
    text_status = models.CharField(
        _("text"), max_length=20, choices=TextStatus.choices, default=TextStatus.DONE, editable=False
    )
    is_tagged = models.BooleanField(_("tagged PDF"), default=False, editable=False)
    has_title = models.BooleanField(_("has a title"), default=False, editable=False)
    has_language = models.BooleanField(_("has a language"), default=False, editable=False)

    admin_form_fields = Document.admin_form_fields + (
        "kind",
        "language",
        "document_date",
        "swedish_not_needed",
    )

    search_fields = AbstractDocument.search_fields + [
        index.SearchField("extracted_text"),
        index.FilterField("kind"),
        index.FilterField("language"),
        index.FilterField("document_date"),
        index.FilterField("locale"),
    ]

    # The file and what is read from it belong to each language version (a Swedish
    # version may carry a Swedish PDF); the rest follows the Finnish source.
    translatable_fields = [
        TranslatableField("title"),
        SynchronizedField("kind"),
        SynchronizedField("document_date"),
        SynchronizedField("collection"),
    ]

    class Meta(TranslatableMixin.Meta, AbstractDocument.Meta):
        verbose_name = _("document")
        verbose_name_plural = _("documents")

    @property
    def accessibility_problems(self) -> list[str]:
        """What an accessibility statement would have to say about this PDF."""
        problems = []
        if self.text_status != self.TextStatus.DONE:
            return problems  # not known before the file has been read
        if not self.is_tagged:
            problems.append(str(_("not tagged (no structure for screen readers)")))
        if not self.has_title:
            problems.append(str(_("no document title")))
        if not self.has_language:
            problems.append(str(_("no language set")))
        return problems

    @property
    def extraction_problem(self) -> str:
        """Why the text is missing from search, in the reader's language ('' if it is not)."""
        from documents.pdfcheck import NO_TEXT

        if self.extraction_error == NO_TEXT:
            return str(_("no text could be extracted (the PDF may be a scanned image)"))
        return self.extraction_error

    def clean(self):
        # Without a file the form already reports the file error; the extension check
        # would only add a second, confusing one.
        if self.file:
            super().clean()

    def _set_document_file_metadata(self):
        # Every upload path (single, multiple, chooser, replacing the file) calls this:
        # what was read from the old file is dropped, and the new one is read after the
        # save, in the background (documents.extraction), never in the request.
        super()._set_document_file_metadata()
        self.page_count = None
        self.extracted_text = ""
        self.extraction_error = ""
        self.is_tagged = self.has_title = self.has_language = False
        self.text_status = self.TextStatus.PENDING
        self._queue_text_extraction = True

    def save(self, *args, **kwargs):
        super().save(*args, **kwargs)
        if getattr(self, "_queue_text_extraction", False):
            self._queue_text_extraction = False
            from documents.extraction import queue_extraction

            queue_extraction(self)

    def copy_for_translation(self, locale, exclude_fields=None):
        # Each language version owns its file, so replacing or deleting the Swedish
        # version's PDF never removes the Finnish one.
        copy = super().copy_for_translation(locale, exclude_fields=exclude_fields)
        storage = self.file.storage
        with storage.open(self.file.name, "rb") as source:
            copy.file.save(os.path.basename(self.file.name), File(source), save=False)
        return copy
