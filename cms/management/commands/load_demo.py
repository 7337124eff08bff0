"""Load the demo content. Idempotent: a second run changes and duplicates nothing.

Each app contributes through its own `demo` module with two functions:
`load(ctx)` creates the Finnish content (and may leave objects in `ctx` for the
apps after it), `translate(ctx)` makes the Swedish and English versions through
wagtail-localize. All loads run before any translation, so a page is translated
only once everything that changes it exists. The board's objects and every document are
made by the factories the tests use (board/factories.py, documents/factories.py).
"""

import importlib

from django.core.management.base import BaseCommand
from django.db import transaction

DEMO_MODULES = ("documents.demo", "home.demo", "board.demo")


def _modules():
    for name in DEMO_MODULES:
        try:
            yield importlib.import_module(name)
        except ModuleNotFoundError as exc:
            if exc.name != name:
                raise


class Command(BaseCommand):
    help = "Load the board's demo content in Finnish, with Swedish and English translations."

    def handle(self, *args, **options):
        ctx: dict = {}
        modules = list(_modules())
        with transaction.atomic():
            for module in modules:
                module.load(ctx)
            for module in modules:
                module.translate(ctx)
        self.stdout.write(self.style.SUCCESS("Demo content is loaded."))
