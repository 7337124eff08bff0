"""`manage.py export_person_data ID [--output FILE]`: one person's data as JSON (GDPR access request)."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from cms.security.gdpr import export_json


class Command(BaseCommand):
    help = "Export everything the site holds about one person (board.Person) as JSON."

    def add_arguments(self, parser):
        parser.add_argument("person", help="The person's id, or their email address.")
        parser.add_argument("--output", type=Path, default=None, help="Write to this file instead of stdout.")

    def handle(self, *args, person, output, **options):
        from board.models import Person

        lookup = {"email__iexact": person} if "@" in person else {"pk": person if person.isdigit() else -1}
        matches = list(Person.objects.filter(**lookup)[:2])
        if not matches:
            raise CommandError(f"No person matches {person!r}.")
        if len(matches) > 1:
            raise CommandError(f"Several people match {person!r}; give the id instead.")
        data = export_json(matches[0])
        if output:
            output.write_text(data + "\n", encoding="utf-8")
            self.stdout.write(self.style.SUCCESS(f"Wrote {output}."))
        else:
            self.stdout.write(data)
