"""Print the API's OpenAPI document, or write the committed snapshot (`make openapi`)."""

from django.core.management.base import BaseCommand

from cms.api import openapi
from cms.api.api import document


class Command(BaseCommand):
    help = "Print the OpenAPI document of /api/v3/; --write updates cms/api/openapi.json."

    def add_arguments(self, parser):
        parser.add_argument("--write", action="store_true", help="Write cms/api/openapi.json.")

    def handle(self, *args, write: bool = False, **options):
        text = openapi.dumps(document())
        if write:
            openapi.SNAPSHOT.write_text(text)
            self.stdout.write(f"Wrote {openapi.SNAPSHOT}")
        else:
            self.stdout.write(text, ending="")
