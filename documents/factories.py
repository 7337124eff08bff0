"""Factories for documents: real PDFs (documents.pdfgen), analysed like an upload."""

import datetime

import factory
from django.core.files.base import ContentFile
from django.utils.text import slugify

from documents.models import CustomDocument
from documents.pdfgen import build_pdf


class DocumentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CustomDocument

    title = factory.Sequence(lambda n: f"Pöytäkirja {n + 1}/2026")
    kind = CustomDocument.Kind.MINUTES
    language = "fi"
    document_date = datetime.date(2026, 3, 12)
    file = factory.LazyAttribute(
        lambda o: ContentFile(
            build_pdf(o.title, list(o.paragraphs), language=o.language), name=f"{slugify(o.title)}.pdf"
        )
    )

    class Params:
        paragraphs = ("Kokous pidettiin kaupungintalolla.",)

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        document = model_class(*args, **kwargs)
        # Size, hash, page count, text and accessibility flags, as the admin upload sets them.
        document._set_document_file_metadata()
        document.save()
        return document
