"""`manage.py purge_contact_details [--days N] [--dry-run]`: GDPR retention of contact details.

Run daily by `run_scheduler` (cms/housekeeping.py). People whose every membership ended more
than CONTACT_RETENTION_DAYS ago lose their e-mail address and phone number, and every copy of
them is erased wherever the site holds one (text fields, StreamFields, rich text, revisions,
translations, the search index: cms/security/gdpr.py). Each person is erased in one
transaction, which is undone if any copy is still found afterwards. Names and memberships
stay. `--dry-run` lists every change.
"""

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from cms.security.gdpr import PersonalDataError, people_due, plan, purge_person, subject_of


class Command(BaseCommand):
    help = "Erase the contact details of people whose memberships ended more than CONTACT_RETENTION_DAYS ago."

    def add_arguments(self, parser):
        parser.add_argument(
            "--days", type=int, default=None, help="Retention in days (default: CONTACT_RETENTION_DAYS)."
        )
        parser.add_argument("--dry-run", action="store_true", help="Only list what would change.")

    def handle(self, *args, days, dry_run, **options):
        days = settings.CONTACT_RETENTION_DAYS if days is None else days
        if days < 0:
            raise CommandError(_("--days must be zero or more."))
        due = people_due(days)
        failed = []
        for person in due:
            name = {"person": person.full_name, "id": person.pk}
            try:
                if dry_run:
                    result = plan(subject_of(person), person, "contact", dry_run=True, other_apps=False)
                    self.stdout.write(_("would erase: %(person)s (id %(id)s)") % name)
                else:
                    result = purge_person(person)
                    self.stdout.write(_("erased: %(person)s (id %(id)s)") % name)
            except PersonalDataError as error:
                failed.append(person)
                self.stderr.write(
                    _("not erased: %(person)s (id %(id)s): %(error)s") % {**name, "error": error}
                )
                continue
            for line in result.describe():
                self.stdout.write("  - " + line)
        if failed:
            raise CommandError(
                ngettext(
                    "%(count)d person's details were not erased (listed above): nothing changed for them.",
                    "%(count)d people's details were not erased (listed above): nothing changed for them.",
                    len(failed),
                )
                % {"count": len(failed)}
            )
        if dry_run:
            message = ngettext(
                "%(count)d person due (retention %(days)d days); nothing was changed (dry run).",
                "%(count)d people due (retention %(days)d days); nothing was changed (dry run).",
                len(due),
            )
            self.stdout.write(message % {"count": len(due), "days": days})
            return
        message = ngettext(
            "Erased contact details of %(count)d person (retention %(days)d days).",
            "Erased contact details of %(count)d people (retention %(days)d days).",
            len(due),
        )
        self.stdout.write(self.style.SUCCESS(message % {"count": len(due), "days": days}))
