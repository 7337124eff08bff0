"""Admin sign-in: brute-force lockout (django-axes) on Wagtail's own login view, idle sessions."""

import logging
import os
import subprocess
import sys
from datetime import timedelta
from pathlib import Path

import pytest
from axes.models import AccessAttempt
from django.conf import settings
from django.contrib.sessions.models import Session
from django.utils import timezone
from wagtail.models import ModelLogEntry

from cms.security.audit import LOGIN_FAILED

from .conftest import PASSWORD

LOGIN = "/admin/login/"
ROOT = Path(__file__).resolve().parents[2]


def _login(client, username, password, ip="203.0.113.10"):
    return client.post(
        LOGIN,
        {"username": username, "password": password, "next": "/admin/"},
        REMOTE_ADDR=ip,
        HTTP_ACCEPT_LANGUAGE="en",
    )


def test_correct_password_signs_in_through_axes(client, superuser):
    response = _login(client, "root", PASSWORD)
    assert response.status_code == 302
    assert response["Location"] == "/admin/"
    assert client.get("/admin/").status_code == 200


def test_five_failures_lock_the_user_out_with_a_clear_message_even_for_the_right_password(
    client, superuser, caplog
):
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        response = _login(client, "root", "wrong")
        assert response.status_code == 200
        assert "match. Please try again" in response.content.decode()
    with caplog.at_level(logging.WARNING, logger="cms.security"):
        fifth = _login(client, "root", "wrong")
    assert fifth.status_code == 429
    assert "Too many failed sign-in attempts" in fifth.content.decode()
    assert any("locked out" in r.getMessage() and "root" in r.getMessage() for r in caplog.records)

    refused = _login(client, "root", PASSWORD)
    assert refused.status_code == 429
    body = refused.content.decode()
    assert f"blocked for {settings.AXES_COOLOFF_MINUTES} minutes" in body
    assert 'class="login-form"' in body  # still Wagtail's sign-in page
    assert "_auth_user_id" not in client.session
    assert client.get("/admin/").status_code == 302  # not signed in


@pytest.mark.parametrize(("language", "label"), [("fi", "Salasana"), ("sv", "Lösenord")])
def test_the_sign_in_form_labels_the_password_in_the_visitors_language(client, db, language, label):
    """Wagtail leaves the field unlabelled, so Django called it "Password" in every language."""
    from lxml import html

    page = html.fromstring(client.get(LOGIN, HTTP_ACCEPT_LANGUAGE=language).content.decode())
    assert page.xpath('string(//label[@for="id_password"])').strip().rstrip("*").strip() == label
    # The lockout page renders the same form.
    for _ in range(settings.AXES_FAILURE_LIMIT):
        locked = client.post(LOGIN, {"username": "x", "password": "y"}, HTTP_ACCEPT_LANGUAGE=language)
    assert locked.status_code == 429
    locked_page = html.fromstring(locked.content.decode())
    assert locked_page.xpath('string(//label[@for="id_password"])').strip().rstrip("*").strip() == label


def test_correct_password_works_again_after_the_cool_off(client, superuser):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        _login(client, "root", "wrong")
    assert _login(client, "root", PASSWORD).status_code == 429

    # Travel past the cool-off: the attempts happened longer ago than it lasts.
    past = timezone.now() - timedelta(minutes=settings.AXES_COOLOFF_MINUTES + 1)
    AccessAttempt.objects.update(attempt_time=past)

    response = _login(client, "root", PASSWORD)
    assert response.status_code == 302
    assert client.get("/admin/").status_code == 200


def test_five_failures_from_one_address_do_not_lock_the_same_user_out_from_another(client, superuser):
    """A stranger who knows the user name cannot aim the lockout at its owner."""
    for _ in range(settings.AXES_FAILURE_LIMIT):
        _login(client, "root", "wrong", ip="198.51.100.66")
    # The stranger's address is locked for that user name, even with the right password ...
    assert _login(client, "root", PASSWORD, ip="198.51.100.66").status_code == 429
    # ... while the owner signs in from their own address.
    assert _login(client, "root", PASSWORD, ip="203.0.113.10").status_code == 302
    assert client.get("/admin/").status_code == 200


def test_one_address_trying_many_usernames_is_locked_out_at_its_own_higher_limit(client, superuser):
    limit = settings.LOGIN_ADDRESS_FAILURE_LIMIT
    assert limit > settings.AXES_FAILURE_LIMIT
    # Fewer failures than the address limit, spread over user names: no name reaches its own
    # limit and the address is still allowed.
    for n in range(limit - 1):
        assert _login(client, f"guess{n // 2}", "wrong", ip="198.51.100.7").status_code == 200
    assert _login(client, "root", PASSWORD, ip="198.51.100.7").status_code == 302
    client.logout()
    # The failure that reaches the limit locks the address for every user name ...
    assert _login(client, "guess-last", "wrong", ip="198.51.100.7").status_code == 429
    assert _login(client, "root", PASSWORD, ip="198.51.100.7").status_code == 429
    # ... and no other address.
    assert _login(client, "root", PASSWORD, ip="198.51.100.8").status_code == 302


def test_every_failed_sign_in_is_in_the_audit_log(client, superuser):
    _login(client, "root", "wrong")
    _login(client, "nobody-by-this-name", "wrong")
    entries = ModelLogEntry.objects.filter(action=LOGIN_FAILED)
    assert entries.count() == 2
    known = entries.get(object_id=str(superuser.pk))
    assert known.data == {"username": "root", "ip": "203.0.113.10"}
    unknown = entries.get(object_id="unknown")
    assert unknown.label == "nobody-by-this-name"


def test_cool_off_and_failure_limit_come_from_the_environment():
    env = {**os.environ, "AXES_COOLOFF_MINUTES": "3", "SESSION_IDLE_SECONDS": "600"}
    env.pop("DJANGO_SETTINGS_MODULE", None)
    code = (
        "import django; django.setup(); from django.conf import settings as s; "
        "print(s.AXES_COOLOFF_TIME * 60, s.AXES_FAILURE_LIMIT, s.SESSION_COOKIE_AGE)"
    )
    result = subprocess.run(
        [sys.executable, "-c", code],
        cwd=ROOT,
        env={**env, "DJANGO_SETTINGS_MODULE": "cms.settings.test"},
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.split()[-3:] == ["3.0", "5", "600"]


@pytest.fixture
def signed_in(client, superuser):
    assert _login(client, "root", PASSWORD).status_code == 302
    return client


def _session(client) -> Session:
    return Session.objects.get(session_key=client.session.session_key)


def test_every_admin_request_renews_the_idle_expiry(signed_in):
    assert settings.SESSION_SAVE_EVERY_REQUEST
    assert settings.SESSION_COOKIE_AGE == settings.SESSION_IDLE_SECONDS
    Session.objects.filter(pk=_session(signed_in).pk).update(
        expire_date=timezone.now() + timedelta(seconds=30)
    )
    assert signed_in.get("/admin/").status_code == 200
    remaining = _session(signed_in).expire_date - timezone.now()
    assert remaining > timedelta(seconds=settings.SESSION_IDLE_SECONDS - 60)


def test_an_idle_session_has_expired(signed_in):
    Session.objects.filter(pk=_session(signed_in).pk).update(
        expire_date=timezone.now() - timedelta(seconds=1)
    )
    response = signed_in.get("/admin/")
    assert response.status_code == 302
    assert response["Location"].startswith("/admin/login/")


LIVE_USER = """
from django.contrib.auth import get_user_model

User = get_user_model()
user = User.objects.filter(username="lockout-owner").first() or User.objects.create_superuser(
    "lockout-owner", "owner@example.invalid", None
)
user.set_password({password!r})
user.save()
"""


def _live_sign_in(base: str, password: str, address: str) -> int:
    from tests.security import live

    forwarded = b"X-Forwarded-For: " + address.encode() + b"\r\n"
    return live.sign_in(base, "lockout-owner", password, headers=forwarded)


def test_a_stranger_cannot_lock_a_user_out_over_http(appservers):
    """Through a real server behind one proxy: five wrong passwords for a user from one
    address lock that address out for the user, not the user signing in from another."""
    from tests.security import live

    live.run_python(LIVE_USER.format(password=PASSWORD), appservers.env["test"])
    base = appservers.bases["test"]
    stranger, owner = "198.51.100.201", "203.0.113.201"
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        assert _live_sign_in(base, "wrong", stranger) == 200
    assert _live_sign_in(base, "wrong", stranger) == 429
    assert _live_sign_in(base, PASSWORD, stranger) == 429
    assert _live_sign_in(base, PASSWORD, owner) == 302
