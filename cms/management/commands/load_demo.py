"""Load the demo content. Idempotent: a second run changes and duplicates nothing."""

from django.core.management.base import BaseCommand
from django.db import transaction

from home import demo as home_demo


class Command(BaseCommand):
    help = "Load the board's demo content in Finnish, with Swedish and English translations."

    def handle(self, *args, **options):
        with transaction.atomic():
            home = home_demo.load()
            home_demo.translate(home)
        self.stdout.write(self.style.SUCCESS("Demo content is loaded."))
