"""`manage.py create_staff_user`: a communications editor or a translator, ready to sign in."""

import subprocess
import sys

import pytest
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command
from django.urls import reverse
from django.utils import translation
from wagtail.users.models import UserProfile

from board.permissions import GROUP_NAME
from tests.scheduler import ROOT, child_environment
from translations.roles import TRANSLATORS_GROUP

GOOD_PASSWORD = "kevät-aurinko-2027"


def run_command(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "manage.py", "create_staff_user", *args],
        cwd=ROOT,
        env=child_environment(),
        capture_output=True,
        text=True,
        timeout=120,
    )


def sign_in(client, username: str, password: str):
    """Through the admin's own sign-in form, as a person would."""
    response = client.post(reverse("wagtailadmin_login"), {"username": username, "password": password})
    assert response.status_code == 302, response.content.decode()[:500]
    return client.get(reverse("wagtailadmin_home"))


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
@pytest.mark.parametrize(
    ("role", "group", "language"),
    [("communications", GROUP_NAME, "fi"), ("translator", TRANSLATORS_GROUP, "sv")],
)
def test_the_command_creates_an_account_that_signs_in_to_the_admin(client, home_page, role, group, language):
    result = run_command(
        "--role", role, "--username", "uusi", "--email", "uusi@example.invalid", "--no-input"
    )
    assert result.returncode == 0, result.stderr
    password = result.stdout.split()[-1]

    user = get_user_model().objects.get(username="uusi")
    assert list(user.groups.values_list("name", flat=True)) == [group]
    assert not user.is_superuser and not user.is_staff
    assert UserProfile.get_for_user(user).preferred_language == language

    home = sign_in(client, "uusi", password)
    assert home.status_code == 200
    assert f'lang="{language}"' in home.content.decode()


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_bad_role_is_refused_and_nothing_is_created():
    result = run_command(
        "--role", "boss", "--username", "uusi", "--email", "uusi@example.invalid", "--no-input"
    )
    assert result.returncode != 0
    assert "invalid choice: 'boss'" in result.stderr and "communications" in result.stderr
    assert not get_user_model().objects.filter(username="uusi").exists()


def test_the_password_is_asked_twice_and_the_language_can_be_chosen(db, monkeypatch, client, home_page):
    answers = iter([GOOD_PASSWORD, GOOD_PASSWORD])
    monkeypatch.setattr("getpass.getpass", lambda prompt="": next(answers))
    call_command(
        "create_staff_user",
        "--language=sv",
        role="communications",
        username="maija",
        email="maija@example.invalid",
    )
    home = sign_in(client, "maija", GOOD_PASSWORD)
    assert home.status_code == 200 and 'lang="sv"' in home.content.decode()


@pytest.mark.parametrize(
    ("options", "passwords", "message"),
    [
        ({"username": "maija", "email": "maija@example.invalid"}, ["12345678", "12345678"], "common"),
        (
            {"username": "maija", "email": "maija@example.invalid"},
            ["a", "b", "", "", "c", "d"],
            "No password",
        ),
        ({"username": "maija", "email": "ei-osoite"}, [GOOD_PASSWORD] * 2, "email"),
        ({"username": "maija meikäläinen", "email": "m@example.invalid"}, [GOOD_PASSWORD] * 2, "username"),
        ({"username": "olemassa", "email": "maija@example.invalid"}, [GOOD_PASSWORD] * 2, "exists already"),
    ],
)
def test_refused_input_creates_nothing(db, monkeypatch, options, passwords, message):
    get_user_model().objects.create_user("olemassa", "olemassa@example.invalid", GOOD_PASSWORD)
    answers = iter(passwords)
    monkeypatch.setattr("getpass.getpass", lambda prompt="": next(answers))
    before = get_user_model().objects.count()
    with translation.override("en"), pytest.raises(CommandError, match=message):
        call_command("create_staff_user", role="translator", **options)
    assert get_user_model().objects.count() == before
