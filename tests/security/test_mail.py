"""Real mail (cms/mail.py): EMAIL_URL names the server, each message goes out through a
background task that retries and logs its final failure. A real SMTP server (aiosmtpd,
tests/mail_server.py) receives the admin's password-reset message; its link resets the password."""

import json
import logging
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.mail import send_mail
from django.utils import timezone

from tests.mail_server import free_port

from .conftest import PASSWORD

ROOT = Path(__file__).resolve().parents[2]
RESET = "/admin/password_reset/"
NEW_PASSWORD = "a new and long passphrase 77"


@pytest.fixture
def database_tasks(settings):
    """The production task queue (django-tasks-db), and a worker that runs what is ready as
    `manage.py db_worker` does (its own loop would close the test's database connection)."""
    from tests.tasks import run_ready_tasks

    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}

    def run_ready() -> int:
        return len(run_ready_tasks())

    return run_ready


def _ask_reset(client, email):
    return client.post(RESET, {"email": email}, HTTP_ACCEPT_LANGUAGE="en")


def _link(message) -> str:
    body = message.get_body(preferencelist=("plain",)).get_content()
    match = re.search(r"https?://[^/\s]+(/admin/password_reset/confirm/\S+/)", body)
    assert match, body
    return match.group(1)


def test_password_reset_mail_reaches_the_smtp_server_and_its_link_resets_the_password(
    client, superuser, mail_server, database_tasks, settings
):
    settings.DEFAULT_FROM_EMAIL = "neuvottelukunta@example.invalid"
    response = _ask_reset(client, superuser.email)
    assert response.status_code == 302
    assert response["Location"] == "/admin/password_reset/done/"
    # Queued, not sent in the request: the worker sends it.
    assert mail_server.messages == []
    assert database_tasks() == 1

    [(sender, recipients, message)] = mail_server.messages
    assert sender == "neuvottelukunta@example.invalid"
    assert recipients == [superuser.email]
    assert message["To"] == superuser.email

    confirm = client.get(_link(message), HTTP_ACCEPT_LANGUAGE="en")
    assert confirm.status_code == 302  # Django moves the token out of the URL
    form = client.get(confirm["Location"], HTTP_ACCEPT_LANGUAGE="en")
    assert form.status_code == 200
    assert b'name="new_password1"' in form.content
    done = client.post(
        confirm["Location"],
        {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD},
        HTTP_ACCEPT_LANGUAGE="en",
    )
    assert done.status_code == 302
    assert done["Location"] == "/admin/password_reset/complete/"

    client.logout()
    old = client.post("/admin/login/", {"username": "root", "password": PASSWORD}, HTTP_ACCEPT_LANGUAGE="en")
    assert old.status_code == 200  # the form again: the old password no longer works
    signed_in = client.post(
        "/admin/login/", {"username": "root", "password": NEW_PASSWORD}, HTTP_ACCEPT_LANGUAGE="en"
    )
    assert signed_in.status_code == 302
    assert client.get("/admin/", HTTP_ACCEPT_LANGUAGE="en").status_code == 200
    # The link is spent.
    assert b'name="new_password1"' not in client.get(_link(message), follow=True).content


def test_utf8_subject_and_body_arrive_intact(mail_server, settings):
    """The immediate task backend (`make run`) sends at once; Finnish letters survive the queue."""
    body = "Sivu ”Yhdistykset” odottaa hyväksyntää. Åland."
    send_mail("Hyväksyntä odottaa", body, None, ["a@example.invalid"])
    [(_, recipients, message)] = mail_server.messages
    assert recipients == ["a@example.invalid"]
    assert message["Subject"] == "Hyväksyntä odottaa"
    assert message.get_content().strip() == body


def test_starttls_and_sign_in_to_a_submission_server(settings, tmp_path, monkeypatch):
    """smtp+tls://user:password@host:port: the certificate is verified, the password goes only
    over TLS, and the server (which refuses mail before both) receives the message."""
    from cms.email_url import email_settings
    from tests.mail_server import MailServer, self_signed_certificate

    certificate = self_signed_certificate(tmp_path)
    server = MailServer(certificate=certificate, login=("postitus@example.fi", "sala/sana")).start()
    try:
        url = f"smtp+tls://postitus%40example.fi:sala%2Fsana@127.0.0.1:{server.port}?timeout=5"
        for name, value in email_settings(url).items():
            setattr(settings, name, value)
        settings.EMAIL_BACKEND = "cms.mail.TaskEmailBackend"
        monkeypatch.setenv("SSL_CERT_FILE", str(certificate[0]))  # trust this server's certificate
        send_mail("Salattu", "Runko", "from@example.invalid", ["to@example.invalid"])
        [(_, recipients, message)] = server.messages
        assert recipients == ["to@example.invalid"]
        assert message["Subject"] == "Salattu"
    finally:
        server.stop()


def test_a_wrong_password_is_a_failure_that_is_logged(settings, tmp_path, monkeypatch, caplog):
    from cms.email_url import email_settings
    from tests.mail_server import MailServer, self_signed_certificate

    certificate = self_signed_certificate(tmp_path)
    server = MailServer(certificate=certificate, login=("postitus", "oikea")).start()
    try:
        for name, value in email_settings(f"smtp+tls://postitus:vaara@127.0.0.1:{server.port}").items():
            setattr(settings, name, value)
        settings.EMAIL_BACKEND = "cms.mail.TaskEmailBackend"
        settings.EMAIL_MAX_ATTEMPTS = 2
        settings.EMAIL_BACKOFF_SECONDS = 0.01
        monkeypatch.setenv("SSL_CERT_FILE", str(certificate[0]))
        with caplog.at_level(logging.ERROR, logger="cms.mail"):
            send_mail("Salattu", "Runko", "from@example.invalid", ["to@example.invalid"])
        assert server.messages == []
        [failure] = [r for r in caplog.records if r.name == "cms.mail"]
        assert "failed after 2 attempts" in failure.getMessage()
    finally:
        server.stop()


def _point_at_closed_port(settings):
    from cms.email_url import email_settings

    for name, value in email_settings(f"smtp://127.0.0.1:{free_port()}?timeout=2").items():
        setattr(settings, name, value)
    settings.EMAIL_BACKEND = "cms.mail.TaskEmailBackend"
    settings.EMAIL_MAX_ATTEMPTS = 3


def test_unreachable_server_is_retried_later_and_the_final_failure_logged(
    client, superuser, settings, database_tasks, caplog
):
    """With the database queue each retry is a new task, run after the back-off."""
    from django_tasks_db.models import DBTaskResult

    _point_at_closed_port(settings)
    settings.EMAIL_BACKOFF_SECONDS = 60
    response = _ask_reset(client, superuser.email)
    assert response.status_code == 302
    assert response["Location"] == "/admin/password_reset/done/"  # the same answer as when it goes

    with caplog.at_level(logging.INFO, logger="cms.mail"):
        for _ in range(2):
            assert database_tasks() == 1
            waiting = DBTaskResult.objects.filter(status="READY").order_by("-enqueued_at").first()
            assert waiting.run_after > timezone.now()  # not before its back-off
            assert database_tasks() == 0
            DBTaskResult.objects.filter(pk=waiting.pk).update(run_after=timezone.now())  # time passes
        assert database_tasks() == 1
        assert database_tasks() == 0  # no retry after the last attempt
    failures = [r for r in caplog.records if r.levelno == logging.ERROR]
    assert len(failures) == 1
    assert superuser.email in failures[0].getMessage()
    assert "failed after 3 attempts" in failures[0].getMessage()


def test_unreachable_server_with_the_immediate_queue_retries_in_the_task(settings, caplog):
    _point_at_closed_port(settings)
    settings.EMAIL_BACKOFF_SECONDS = 0.01
    with caplog.at_level(logging.INFO, logger="cms.mail"):
        assert send_mail("Testi", "Runko", "from@example.invalid", ["x@example.invalid"]) == 1
    retries = [r for r in caplog.records if r.levelno == logging.INFO and "retrying" in r.getMessage()]
    assert len(retries) == 2
    [failure] = [r for r in caplog.records if r.levelno == logging.ERROR]
    assert "'Testi' to x@example.invalid failed after 3 attempts" in failure.getMessage()


def _environment_without_mail_settings() -> dict:
    return {k: v for k, v in os.environ.items() if not k.startswith(("EMAIL_", "DJANGO_SETTINGS_MODULE"))}


def _settings_in(module: str, **environment) -> dict:
    """The e-mail settings a fresh process reads from its environment."""
    env = {
        k: v for k, v in os.environ.items() if not k.startswith("EMAIL_") and k != "DJANGO_SETTINGS_MODULE"
    }
    env.update(environment, DJANGO_SETTINGS_MODULE=module, SECRET_KEY="k" * 60)
    code = (
        "import json, django; django.setup(); from django.conf import settings as s; print(json.dumps({n: "
        "getattr(s, n, None) for n in dir(s) if n.startswith(('EMAIL_', 'WAGTAIL_PASSWORD', 'DEFAULT_FROM', "
        "'SERVER_EMAIL'))}))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True, check=True
    )
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_email_url_from_the_environment():
    parsed = _settings_in(
        "cms.settings.dev",
        EMAIL_URL="smtp+tls://postitus%40example.fi:pa%3Ass%2Fw%40rd@smtp.example.fi:587",
        DEFAULT_FROM_EMAIL="noreply@example.fi",
        SERVER_EMAIL="",  # as in .env.example: empty means the default
    )
    assert parsed["EMAIL_BACKEND"] == "cms.mail.TaskEmailBackend"
    assert parsed["EMAIL_DELIVERY_BACKEND"] == "django.core.mail.backends.smtp.EmailBackend"
    assert (parsed["EMAIL_HOST"], parsed["EMAIL_PORT"]) == ("smtp.example.fi", 587)
    assert (parsed["EMAIL_HOST_USER"], parsed["EMAIL_HOST_PASSWORD"]) == ("postitus@example.fi", "pa:ss/w@rd")
    assert (parsed["EMAIL_USE_TLS"], parsed["EMAIL_USE_SSL"]) == (True, False)
    assert parsed["DEFAULT_FROM_EMAIL"] == parsed["SERVER_EMAIL"] == "noreply@example.fi"


@pytest.mark.parametrize(
    ("url", "tls", "ssl", "port"),
    [
        ("smtp://smtp.example.fi:587", True, False, 587),  # the submission port means STARTTLS
        ("smtp://smtp.example.fi:587?use_tls=false", False, False, 587),
        ("smtps://smtp.example.fi", True, False, 587),
        ("smtp+ssl://smtp.example.fi", False, True, 465),
        ("smtp://relay.internal:25", False, False, 25),
        ("smtp://relay.internal:2525?use_tls=true&timeout=3", True, False, 2525),
    ],
)
def test_email_url_tls(url, tls, ssl, port):
    from cms.email_url import email_settings

    parsed = email_settings(url)
    assert (parsed["EMAIL_USE_TLS"], parsed["EMAIL_USE_SSL"], parsed["EMAIL_PORT"]) == (tls, ssl, port)


@pytest.mark.parametrize(
    "url", ["smtp://h?use_tls=maybe", "smtp://h?use_tls=1&use_ssl=1", "smtp://h?tiemout=3"]
)
def test_email_url_mistakes_are_refused(url):
    from django.core.exceptions import ImproperlyConfigured

    from cms.email_url import email_settings

    with pytest.raises(ImproperlyConfigured):
        email_settings(url)


def test_make_run_writes_mail_to_the_console():
    """`make run` (the dev settings, no EMAIL_URL) prints each message in its terminal."""
    env = {
        k: v for k, v in os.environ.items() if not k.startswith("EMAIL_") and k != "DJANGO_SETTINGS_MODULE"
    }
    env.update(DJANGO_SETTINGS_MODULE="cms.settings.dev", TASKS_BACKEND="immediate")
    code = (
        "import django; django.setup(); from django.core.mail import send_mail; "
        "send_mail('Salasanan vaihto', 'Avaa linkki', None, ['root@example.invalid'])"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True, check=True
    )
    assert "Subject: Salasanan vaihto" in result.stdout
    assert "To: root@example.invalid" in result.stdout


def test_production_without_email_url_hides_the_reset_link_and_claims_nothing():
    parsed = _settings_in("cms.settings.production")
    assert parsed["EMAIL_BACKEND"] == "cms.mail.UnconfiguredEmailBackend"
    assert parsed["WAGTAIL_PASSWORD_RESET_ENABLED"] is False
    configured = _settings_in("cms.settings.production", EMAIL_URL="smtp+tls://smtp.example.fi:587")
    assert configured["EMAIL_BACKEND"] == "cms.mail.TaskEmailBackend"
    assert "WAGTAIL_PASSWORD_RESET_ENABLED" not in configured or configured["WAGTAIL_PASSWORD_RESET_ENABLED"]


def test_unconfigured_mail_hides_the_reset_link_and_logs_what_it_drops(client, superuser, settings, caplog):
    settings.EMAIL_BACKEND = "cms.mail.UnconfiguredEmailBackend"
    settings.WAGTAIL_PASSWORD_RESET_ENABLED = False
    login = client.get("/admin/login/", HTTP_ACCEPT_LANGUAGE="en")
    assert login.status_code == 200
    assert RESET.encode() not in login.content
    assert client.get(RESET, HTTP_ACCEPT_LANGUAGE="en", follow=True).status_code == 404
    with caplog.at_level(logging.WARNING, logger="cms.mail"):
        assert send_mail("Moderointi", "Salainen runko", None, [superuser.email]) == 0
    [warning] = [r for r in caplog.records if r.name == "cms.mail"]
    assert "'Moderointi' to root@example.invalid not sent: EMAIL_URL is not set" in warning.getMessage()
    assert "Salainen" not in warning.getMessage()
