"""Security headers: CSP enforced on the site and the API, report-only on the admin; production check."""

import os
import secrets
import string
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def _directives(header: str) -> dict[str, list[str]]:
    result = {}
    for part in header.split(";"):
        words = part.split()
        if words:
            result[words[0]] = words[1:]
    return result


def _assert_strict(policy: str):
    d = _directives(policy)
    assert d["object-src"] == ["'none'"]
    assert d["base-uri"] == ["'none'"]
    assert d["frame-ancestors"] == ["'self'"]
    for directive in ("script-src", "default-src"):
        assert "'unsafe-inline'" not in d[directive]
        assert "'unsafe-eval'" not in d[directive]


@pytest.mark.parametrize("path", ["/fi/", "/sv/", "/fi/no-such-page/", "/api/v3/pages/"])
def test_public_pages_and_api_enforce_a_strict_csp(client, translated_home, path):
    response = client.get(path)
    assert response.status_code in (200, 404)
    _assert_strict(response["Content-Security-Policy"])
    assert "Content-Security-Policy-Report-Only" not in response


def test_admin_gets_the_policy_as_report_only(client, superuser):
    client.force_login(superuser)
    response = client.get("/admin/")
    assert response.status_code == 200
    assert "Content-Security-Policy" not in response
    _assert_strict(response["Content-Security-Policy-Report-Only"])


def test_admin_login_page_is_report_only_too(client, db):
    response = client.get("/admin/login/")
    assert "Content-Security-Policy-Report-Only" in response
    assert "Content-Security-Policy" not in response


def test_every_answer_has_nosniff_referrer_policy_and_coop(client, translated_home):
    response = client.get("/fi/")
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "strict-origin-when-cross-origin"
    assert response["Cross-Origin-Opener-Policy"] == "same-origin"
    assert response["X-Frame-Options"] == "DENY"


def _production_env(**extra) -> dict:
    key = "".join(secrets.choice(string.ascii_letters + string.digits + "!@%^&*(-_=+)") for _ in range(50))
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "SECRET_KEY", "DEBUG"))}
    env.update(DJANGO_SETTINGS_MODULE="cms.settings.production", SECRET_KEY=key, **extra)
    return env


def test_production_settings_pass_the_deploy_check_at_warning_level():
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env=_production_env(),
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_production_settings_are_https_only():
    code = (
        "from django.conf import settings as s;"
        "print(s.SECURE_SSL_REDIRECT, s.SESSION_COOKIE_SECURE, s.CSRF_COOKIE_SECURE,"
        " s.SECURE_HSTS_SECONDS >= 31536000, s.SECURE_HSTS_INCLUDE_SUBDOMAINS)"
    )
    result = subprocess.run(
        [sys.executable, "-c", f"import django; django.setup(); {code}"],
        cwd=ROOT,
        env=_production_env(),
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["True"] * 5


def test_production_still_refuses_debug():
    result = subprocess.run(
        [sys.executable, "manage.py", "check"],
        cwd=ROOT,
        env=_production_env(DEBUG="True"),
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode != 0
    assert "DEBUG must be off" in result.stderr
