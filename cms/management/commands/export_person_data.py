"""`manage.py export_person_data [PERSON] [--email E] [--phone P]... [--output FILE]` (GDPR access).

One person's data as JSON: the board.Person record (by id or e-mail address) with memberships
and history, every copy of their e-mail address and phone numbers anywhere on the site (the
same search as the purge and `erase_person`: cms/security/gdpr.py), and what other apps'
`personal_data` providers hold. Without a board.Person, `--email`/`--phone` alone search.
"""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from cms.security.gdpr import PersonalDataError, add_subject_arguments, export_json, person_and_subject


class Command(BaseCommand):
    help = (
        "Export everything the site holds about one person as JSON, with every copy of their contact details."
    )

    def add_arguments(self, parser):
        add_subject_arguments(parser, "search for")
        parser.add_argument("--output", type=Path, default=None, help="Write to this file instead of stdout.")

    def handle(self, *args, person, email, phone, output, **options):
        try:
            record, subject = person_and_subject(person, email, phone)
        except PersonalDataError as error:
            raise CommandError(str(error)) from error
        data = export_json(record, subject)
        if output:
            output.write_text(data + "\n", encoding="utf-8")
            self.stdout.write(self.style.SUCCESS(_("Wrote %(file)s.") % {"file": output}))
        else:
            self.stdout.write(data)
