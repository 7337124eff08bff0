"""`manage.py export_person_data [PERSON] [--email E] [--phone P]... [--output FILE]` (GDPR access).

One person's data as JSON: the board.Person record (by id or e-mail address) with memberships
and history, every copy of their e-mail address and phone numbers anywhere on the site (the
same search as the purge and `erase_person`: cms/security/gdpr.py), and what other apps'
`personal_data` providers hold. Without a board.Person, `--email`/`--phone` alone search.
"""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from cms.security.gdpr import PersonalDataError, export_json, find_person, subject_of


class Command(BaseCommand):
    help = (
        "Export everything the site holds about one person as JSON, with every copy of their contact details."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "person", nargs="?", default="", help="The board.Person's id, or their email address."
        )
        parser.add_argument(
            "--email", default="", help="An e-mail address to search for (without a person record)."
        )
        parser.add_argument(
            "--phone", action="append", default=[], help="A phone number to search for (repeatable)."
        )
        parser.add_argument("--output", type=Path, default=None, help="Write to this file instead of stdout.")

    def handle(self, *args, person, email, phone, output, **options):
        if not (person or email or phone):
            raise CommandError(_("Give a person (id or e-mail address), --email or --phone."))
        try:
            record = find_person(person) if person else None
            subject = subject_of(record, email, phone)
        except PersonalDataError as error:
            raise CommandError(str(error)) from error
        data = export_json(record, subject)
        if output:
            output.write_text(data + "\n", encoding="utf-8")
            self.stdout.write(self.style.SUCCESS(_("Wrote %(file)s.") % {"file": output}))
        else:
            self.stdout.write(data)
