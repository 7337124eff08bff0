"""`manage.py purge_contact_details`: erase ended members' contact details (GDPR retention).

Run daily. People whose every membership ended more than CONTACT_RETENTION_DAYS ago lose
their email and phone everywhere the site stored them; the command then scans the whole
database for each erased address and fails if any copy is left.
"""

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from cms.security.gdpr import find_occurrences, people_due, purge_person


class Command(BaseCommand):
    help = "Erase the contact details of people whose memberships ended more than CONTACT_RETENTION_DAYS ago."

    def add_arguments(self, parser):
        parser.add_argument(
            "--days", type=int, default=None, help="Retention in days (default: CONTACT_RETENTION_DAYS)."
        )
        parser.add_argument("--dry-run", action="store_true", help="Only list who would be affected.")

    def handle(self, *args, days, dry_run, **options):
        days = settings.CONTACT_RETENTION_DAYS if days is None else days
        if days < 0:
            raise CommandError("--days must be zero or more.")
        due = people_due(days)
        if dry_run:
            for person in due:
                self.stdout.write(f"would erase: {person.full_name} (id {person.pk})")
            self.stdout.write(f"{len(due)} people due (retention {days} days).")
            return
        leftovers = []
        for person in due:
            secrets = [s for s in (person.email, person.phone) if s]
            report = purge_person(person)
            self.stdout.write(f"erased: {person.full_name} (id {person.pk}) {report}")
            for secret in secrets:
                if "@" in secret:  # phone numbers are too short to scan for without false hits
                    leftovers += [(person, o) for o in find_occurrences(secret)]
        for person, occurrence in leftovers:
            self.stderr.write(
                f"still found for {person.full_name} (id {person.pk}): "
                f"{occurrence.table}.{occurrence.column} ({occurrence.rows} rows)"
            )
        if leftovers:
            raise CommandError(
                "Some copies remain (listed above); remove them by hand, e.g. in page content."
            )
        self.stdout.write(
            self.style.SUCCESS(f"Erased contact details of {len(due)} people (retention {days} days).")
        )
