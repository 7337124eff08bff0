"""TOTP two-factor authentication on Wagtail 8's admin (django-otp)."""

import re
import time
from datetime import timedelta

import pytest
from django.test import override_settings
from django.utils import timezone
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from tests.security.conftest import admin_paths_without_arguments

from .conftest import PASSWORD


def _sign_in(client, username):
    response = client.post(
        "/admin/login/", {"username": username, "password": PASSWORD}, HTTP_ACCEPT_LANGUAGE="en"
    )
    assert response.status_code == 302, response.content[:500]


def _token(device: TOTPDevice, offset: int = 0) -> str:
    value = totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits, drift=offset)
    return str(value).zfill(device.digits)


def _after_throttle(device: TOTPDevice) -> None:
    """django-otp throttles a device for a while after a wrong code: travel past that."""
    TOTPDevice.objects.filter(pk=device.pk).update(
        throttling_failure_timestamp=timezone.now() - timedelta(minutes=10)
    )


EXEMPT = (
    "/admin/login/",
    "/admin/logout/",
    "/admin/two-factor/",
    "/admin/password_reset/",
    "/admin/jsi18n/",
    "/admin/sprite/",
)


@override_settings(ADMIN_REQUIRE_2FA=True)
def test_superuser_without_a_device_is_sent_to_enrolment_from_every_admin_url(client, superuser):
    _sign_in(client, "root")
    paths = [p for p in admin_paths_without_arguments() if not p.startswith(EXEMPT)]
    assert "/admin/" in paths and "/admin/users/" in paths and len(paths) > 20
    for path in paths:
        response = client.get(path)
        assert response.status_code == 302, path
        assert response["Location"].startswith("/admin/two-factor/setup/?next="), path


@override_settings(ADMIN_REQUIRE_2FA=True)
def test_enrolling_with_a_valid_code_opens_the_admin(client, superuser):
    _sign_in(client, "root")
    page = client.get("/admin/two-factor/setup/?next=/admin/users/", HTTP_ACCEPT_LANGUAGE="en")
    assert page.status_code == 200
    device = TOTPDevice.objects.get(user=superuser, confirmed=False)
    secret = re.search(r'class="two-factor-secret">([A-Z2-7=]+)<', page.content.decode()).group(1)
    assert secret.rstrip("=") in device.config_url

    wrong = client.post(
        "/admin/two-factor/setup/",
        {"token": "000000" if _token(device) != "000000" else "111111"},
        HTTP_ACCEPT_LANGUAGE="en",  # the assertion reads the English message; Finnish is the default
    )
    assert wrong.status_code == 200
    assert "The code is wrong or has expired" in wrong.content.decode()
    assert not TOTPDevice.objects.get(pk=device.pk).confirmed
    _after_throttle(device)

    response = client.post("/admin/two-factor/setup/", {"token": _token(device), "next": "/admin/users/"})
    assert response.status_code == 302
    assert response["Location"] == "/admin/users/"
    assert TOTPDevice.objects.get(pk=device.pk).confirmed
    assert client.get("/admin/users/").status_code == 200


@pytest.fixture
def enrolled_superuser(superuser):
    TOTPDevice.objects.create(user=superuser, name="phone", confirmed=True)
    return superuser


@override_settings(ADMIN_REQUIRE_2FA=True)
def test_enrolled_superuser_must_enter_a_code_after_signing_in(client, enrolled_superuser):
    _sign_in(client, "root")
    response = client.get("/admin/pages/")
    assert response.status_code == 302
    assert response["Location"].startswith("/admin/two-factor/verify/?next=")

    wrong = client.post("/admin/two-factor/verify/", {"token": "12345x", "next": "/admin/pages/"})
    assert wrong.status_code == 200
    assert client.get("/admin/pages/").status_code == 302

    device = TOTPDevice.objects.get(user=enrolled_superuser)
    _after_throttle(device)
    response = client.post("/admin/two-factor/verify/", {"token": _token(device), "next": "/admin/pages/"})
    assert response.status_code == 302
    assert response["Location"] == "/admin/pages/"
    assert client.get("/admin/pages/").status_code == 200


@override_settings(ADMIN_REQUIRE_2FA=True)
def test_a_used_code_cannot_be_replayed_in_another_session(client, enrolled_superuser):
    from django.test import Client

    device = TOTPDevice.objects.get(user=enrolled_superuser)
    token = _token(device)
    _sign_in(client, "root")
    assert client.post("/admin/two-factor/verify/", {"token": token}).status_code == 302
    other = Client()
    _sign_in(other, "root")
    assert other.post("/admin/two-factor/verify/", {"token": token}).status_code == 200


@override_settings(ADMIN_REQUIRE_2FA=True)
def test_the_next_parameter_cannot_send_the_user_to_another_site(client, enrolled_superuser):
    _sign_in(client, "root")
    device = TOTPDevice.objects.get(user=enrolled_superuser)
    response = client.post(
        "/admin/two-factor/verify/", {"token": _token(device), "next": "https://evil.example/"}
    )
    assert response["Location"] == "/admin/"


@override_settings(ADMIN_REQUIRE_2FA=False)
def test_without_the_requirement_superusers_without_a_device_go_straight_in(client, superuser):
    _sign_in(client, "root")
    assert client.get("/admin/").status_code == 200


@override_settings(ADMIN_REQUIRE_2FA=True)
def test_editors_may_opt_in_and_then_must_verify(client, editor_user):
    _sign_in(client, "editor")
    assert client.get("/admin/").status_code == 200  # not required for non-superusers
    TOTPDevice.objects.create(user=editor_user, name="phone", confirmed=True)
    client.logout()
    _sign_in(client, "editor")
    assert client.get("/admin/")["Location"].startswith("/admin/two-factor/verify/")


def test_account_page_offers_two_step_verification(client, editor_user):
    _sign_in(client, "editor")
    response = client.get("/admin/account/", HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 200
    assert "/admin/two-factor/setup/" in response.content.decode()


def test_totp_clock_drift_of_one_step_is_accepted(client, enrolled_superuser):
    device = TOTPDevice.objects.get(user=enrolled_superuser)
    _sign_in(client, "root")
    # A code from the previous 30-second step (a slow typist) still works, as django-otp allows.
    assert device.tolerance >= 1
    assert time.time() > 0
    response = client.post("/admin/two-factor/verify/", {"token": _token(device, offset=-1)})
    assert response.status_code == 302
