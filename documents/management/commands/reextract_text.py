"""Read every stored PDF again: text for search, page count and accessibility flags."""

from django.core.management.base import BaseCommand
from wagtail.documents import get_document_model

from documents.analysis import reanalyse_document


class Command(BaseCommand):
    help = "Re-extract the text, page count and accessibility flags of stored documents."

    def add_arguments(self, parser):
        parser.add_argument("ids", nargs="*", type=int, help="Only these document ids (default: all).")
        parser.add_argument(
            "--only-failed", action="store_true", help="Only documents whose extraction failed before."
        )

    def handle(self, *args, ids, only_failed, **options):
        documents = get_document_model().objects.order_by("pk")
        if ids:
            documents = documents.filter(pk__in=ids)
        if only_failed:
            documents = documents.exclude(extraction_error="")
        done = failed = missing = 0
        # iterator(): the text of thousands of PDFs need not sit in memory at once.
        for document in documents.iterator(chunk_size=100):
            try:
                result = reanalyse_document(document)
            except (FileNotFoundError, OSError) as exc:
                missing += 1
                self.stderr.write(
                    f"{document.pk} {document.file.name}: file missing ({exc.__class__.__name__})"
                )
                continue
            if result.error:
                failed += 1
                self.stderr.write(f"{document.pk} {document.file.name}: {result.error}")
            done += 1
        self.stdout.write(
            f"Analysed {done} documents ({failed} with extraction problems, {missing} files missing)."
        )
        if missing:
            # A missing file is a storage problem an operator must look at: fail the run.
            raise SystemExit(1)
