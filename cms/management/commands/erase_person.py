"""`manage.py erase_person [PERSON] [--email E] [--phone P]... [--dry-run] [--anonymise-name]`.

A GDPR erasure request: every copy of the person's e-mail address and phone numbers is
removed from every text field, StreamField, rich text, revision, translation and the search
index, other apps' `personal_data` providers erase theirs, and the person's own record goes:
deleted when no membership refers to it; with memberships (the board's appointments are public
record the city keeps) the contact details are cleared and the name stays, unless
`--anonymise-name` (the controller's decision) replaces it. All or nothing, in the audit log.
`--dry-run` lists every change and changes nothing. See cms/security/gdpr.py.
"""

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from cms.security.gdpr import (
    PersonalDataError,
    add_subject_arguments,
    erase,
    own_record_action,
    person_and_subject,
    plan,
)


class Command(BaseCommand):
    help = (
        "Erase one person's personal data everywhere on request (GDPR art. 17); --dry-run lists the changes."
    )

    def add_arguments(self, parser):
        add_subject_arguments(parser, "erase")
        parser.add_argument("--dry-run", action="store_true", help="Only list what would change.")
        parser.add_argument(
            "--anonymise-name",
            action="store_true",
            help="Also replace the name of a person who has memberships.",
        )
        parser.add_argument("--user", default="", help="The staff user carrying out the request (audit log).")

    def handle(self, *args, person, email, phone, dry_run, anonymise_name, user, **options):
        try:
            record, subject = person_and_subject(person, email, phone)
            own = own_record_action(record, anonymise=anonymise_name)
            actor = None
            if user:
                actor = get_user_model()._default_manager.filter(username=user).first()
                if actor is None:
                    raise PersonalDataError(_("No user “%(user)s”.") % {"user": user})
            if dry_run:
                result = plan(subject, record, own, dry_run=True)
            else:
                result = erase(subject, record, own, user=actor)
        except PersonalDataError as error:
            raise CommandError(str(error)) from error
        lines = result.describe()
        for line in lines:
            self.stdout.write(("- " if dry_run else "✓ ") + line)
        count = len(lines)
        if dry_run:
            self.stdout.write(
                ngettext(
                    "%(count)d change would be made; nothing was changed (dry run).",
                    "%(count)d changes would be made; nothing was changed (dry run).",
                    count,
                )
                % {"count": count}
            )
        else:
            self.stdout.write(
                self.style.SUCCESS(
                    ngettext("Erased: %(count)d change made.", "Erased: %(count)d changes made.", count)
                    % {"count": count}
                )
            )
