"""The one factory for documents: a real PDF (documents.pdfgen) in a CustomDocument.

Tests, the demo content (documents.demo, board.demo) and the benchmark's data set
(bench.dataset) all make their documents here, and their PDF files with `pdf_file()`.
"""

import datetime

import factory
from django.core.files.base import ContentFile
from django.utils.text import slugify
from wagtail.documents.models import AbstractDocument

from documents.models import CustomDocument
from documents.pdfgen import build_pdf, build_scanned_pdf


def pdf_file(
    title: str,
    paragraphs: list[str] | tuple[str, ...] = (),
    *,
    language: str = "fi",
    tagged: bool = False,
    scanned: bool = False,
    name: str = "",
) -> ContentFile:
    """A PDF file of `title` and `paragraphs`, named after the title unless `name` is given:
    a text PDF with its title and language (tagged for screen readers with `tagged`), or
    with `scanned` a page image as a scanner makes it (no text, tags, title or language)."""
    if scanned:
        content = build_scanned_pdf(title, paragraphs)
    else:
        content = build_pdf(title, paragraphs, language=language, tagged=tagged)
    return ContentFile(content, name=name or f"{slugify(title)[:80]}.pdf")


class DocumentFactory(factory.django.DjangoModelFactory):
    """A document with a real PDF of `paragraphs`, saved the way an upload is: its size,
    hash, page count, text and accessibility flags are read from the file. With
    `read=False` only its size and hash are set, and what the caller gives (the
    benchmark's data set gives the text it wrote) stands unread."""

    class Meta:
        model = CustomDocument

    title = factory.Sequence(lambda n: f"Pöytäkirja {n + 1}/2026")
    kind = CustomDocument.Kind.MINUTES
    language = "fi"
    document_date = datetime.date(2026, 3, 12)
    file = factory.LazyAttribute(
        lambda o: pdf_file(
            o.title, o.paragraphs, language=o.language, tagged=o.tagged, scanned=o.scanned, name=o.file_name
        )
    )
    read = True

    class Params:
        paragraphs = ("Kokous pidettiin kaupungintalolla.",)
        tagged = False
        scanned = False
        file_name = ""

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        read = kwargs.pop("read")
        document = model_class(*args, **kwargs)
        if read:
            # Size, hash, page count, text and accessibility flags, as the admin upload sets them.
            document._set_document_file_metadata()
        else:
            AbstractDocument._set_document_file_metadata(document)  # size and hash only
        document.save()
        return document
