"""Create a staff account: a communications editor (board/permissions.py) or a translator
(translations/roles.py).

    manage.py create_staff_user --role communications --username maija --email maija@hel.fi
    manage.py create_staff_user --role translator --username sven --email sven@hel.fi

Asks for the password twice (checked by the project's password validators); with
`--no-input` a random password is generated and printed once. The user gets the role's
group and the admin language of the role (Finnish for editors, Swedish for translators),
and is neither staff nor superuser in Django's sense: the group gives all the rights.
"""

from __future__ import annotations

import getpass
import secrets

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.core.validators import validate_email
from django.db import transaction
from django.utils.translation import gettext as _
from wagtail.users.models import UserProfile

from board.permissions import ensure_communications_group
from translations.roles import sync_translator_permissions

# Role: (the function that creates or completes its group, the admin language).
ROLES = {
    "communications": (ensure_communications_group, "fi"),
    "translator": (sync_translator_permissions, "sv"),
}


@transaction.atomic
def create_staff_user(
    role: str,
    username: str,
    email: str,
    password: str,
    *,
    first_name: str = "",
    last_name: str = "",
    language: str | None = None,
):
    """The account, its group and admin language (the role's unless `language` is given), all
    or nothing. Raises ValueError or ValidationError with the reason for refused input."""
    if role not in ROLES:
        raise ValueError(
            _("Unknown role %(role)s: choose one of %(roles)s.") % {"role": role, "roles": ", ".join(ROLES)}
        )
    User = get_user_model()
    if User.objects.filter(**{f"{User.USERNAME_FIELD}__iexact": username}).exists():
        raise ValueError(_("A user named %(username)s exists already.") % {"username": username})
    validate_email(email)
    user = User(**{User.USERNAME_FIELD: username}, email=email, first_name=first_name, last_name=last_name)
    user.clean_fields(exclude=["password"])  # e.g. the characters a username may have
    validate_password(password, user)
    user.set_password(password)
    user.save()
    make_group, role_language = ROLES[role]
    user.groups.add(make_group())
    profile = UserProfile.get_for_user(user)
    profile.preferred_language = language or role_language
    profile.save()
    return user


class Command(BaseCommand):
    help = "Create a communications editor or a translator: the account, its group and its admin language."

    def add_arguments(self, parser):
        parser.add_argument("--role", required=True, choices=sorted(ROLES), help="The account's group.")
        parser.add_argument("--username", required=True)
        parser.add_argument("--email", required=True)
        parser.add_argument("--first-name", default="")
        parser.add_argument("--last-name", default="")
        parser.add_argument(
            "--language",
            choices=[code for code, _name in settings.LANGUAGES],
            help="The admin's language; by default fi for communications, sv for translators.",
        )
        parser.add_argument(
            "--no-input",
            action="store_true",
            help="Do not ask for a password: generate one and print it once.",
        )

    def handle(self, *args, **options):
        generated = options["no_input"]
        password = secrets.token_urlsafe(12) if generated else self._ask_password()
        try:
            user = create_staff_user(
                options["role"],
                options["username"],
                options["email"],
                password,
                first_name=options["first_name"],
                last_name=options["last_name"],
                language=options["language"],
            )
        except ValidationError as error:
            raise CommandError(" ".join(error.messages)) from None
        except ValueError as error:
            raise CommandError(str(error)) from None
        group = user.groups.get()
        self.stdout.write(
            _("Created %(username)s in the group %(group)s.")
            % {"username": user.get_username(), "group": group.name}
        )
        if generated:
            # Last line, last word: scripts read the password from there.
            self.stdout.write(_("Password (shown only once): %(password)s") % {"password": password})

    def _ask_password(self) -> str:
        for _attempt in range(3):
            password = getpass.getpass("Password: ")
            if password and password == getpass.getpass("Password (again): "):
                return password
            self.stderr.write(_("The passwords were empty or did not match."))
        raise CommandError(_("No password given; nothing was created."))
