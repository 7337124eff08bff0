"""E-mail alerts (alerts/): a visitor subscribes without a cookie, confirms with the link a
real SMTP server (aiosmtpd) receives, gets one alert per change in their language, and
unsubscribes in one click, after which nothing more arrives."""

import datetime
import re
from email.message import EmailMessage

import pytest
from django.core import signing
from django.core.management import call_command
from django.utils import timezone, translation
from django.utils.translation import gettext
from lxml import html as lxml_html

from alerts import personal_data, tokens
from alerts.models import Announcement, Subscription
from board.models import MeetingStatus
from documents.factories import DocumentFactory

from .conftest import at, published

FORM = "/fi/sahkopostitilaus/"
BASE = "https://vapaaehtoistyo.example.fi"


@pytest.fixture
def site_base(settings):
    settings.SITE_BASE_URL = BASE
    settings.DEFAULT_FROM_EMAIL = "neuvottelukunta@example.invalid"


def form_token(client, url=FORM) -> str:
    response = client.get(url)
    assert response.status_code == 200
    assert not response.cookies, response.cookies
    return lxml_html.fromstring(response.content.decode()).xpath('//input[@name="form_token"]/@value')[0]


def subscribe(client, capture, email, language="sv", kinds=("minutes",), **extra):
    data = {"email": email, "language": language, "kinds": list(kinds), "form_token": form_token(client)}
    with capture(execute=True):
        return client.post(FORM, data, **extra)


def text_of(message: EmailMessage) -> str:
    return message.get_body(preferencelist=("plain",)).get_content()


def html_of(message: EmailMessage) -> str:
    return message.get_body(preferencelist=("html",)).get_content()


def path_of(url: str) -> str:
    assert url.startswith(BASE + "/"), url
    return url.removeprefix(BASE)


def test_subscribe_confirm_alert_and_one_click_unsubscribe_through_a_real_smtp_server(
    client, swedish_pages, mail_server, database_tasks, site_base, django_capture_on_commit_callbacks
):
    capture = django_capture_on_commit_callbacks
    response = subscribe(client, capture, "Visitor@Example.org")
    assert response.status_code == 200
    assert not response.cookies  # no session, no CSRF cookie
    assert mail_server.messages == []  # queued, sent by the worker
    database_tasks()
    [(_sender, recipients, confirmation)] = mail_server.messages
    assert recipients == ["visitor@example.org"]
    assert confirmation["Content-Language"] == "sv"
    with translation.override("sv"):
        assert confirmation["Subject"].strip() == gettext(  # a folded header may start with its fold
            "Confirm your e-mail alerts from the Volunteer Work Advisory Board"
        )
    link = re.search(r"https://\S+/confirm/\S+/", text_of(confirmation)).group(0)
    assert link in html_of(confirmation)
    assert Subscription.objects.get().confirmed_at is None

    # Opening the link changes nothing (mail scanners open links); its button confirms.
    page = client.get(path_of(link))
    assert page.status_code == 200 and not page.cookies
    assert Subscription.objects.get().confirmed_at is None
    confirmed = client.post(path_of(link))
    assert confirmed.status_code == 200 and not confirmed.cookies
    subscription = Subscription.objects.get()
    assert subscription.confirmed_at is not None
    assert (subscription.language, subscription.kinds) == ("sv", ["minutes"])

    # Minutes approved, published, and saved and published again: one alert.
    minutes = DocumentFactory(title="Pöytäkirja 3/2026", kind="minutes", read=False)
    with capture(execute=True):
        meeting = published(
            number=3,
            start=at(2026, 1, 14),
            title="Talvikokous",
            status=MeetingStatus.MINUTES_APPROVED,
            minutes=minutes,
        )
        meeting.summary = "Korjattu tiivistelmä."
        meeting.save_revision().publish()
    database_tasks()
    alerts = mail_server.messages[1:]
    assert len(alerts) == 1
    _sender, recipients, alert = alerts[0]
    assert recipients == ["visitor@example.org"]
    assert alert["Subject"].strip().startswith("Protokollet godkänt: 3/2026")
    assert alert["Content-Language"] == "sv"
    body = text_of(alert)
    assert "14 januari 2026 10:00" in body  # 10.00 in Helsinki (winter time), in Swedish
    assert meeting.title in body  # no Swedish translation: the Finnish title
    unsubscribe = re.fullmatch(r"<(https://\S+)>", alert["List-Unsubscribe"].strip()).group(1)
    assert alert["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert unsubscribe in body and unsubscribe in html_of(alert)
    assert Announcement.objects.get().sent == 1

    # RFC 8058: the mail client POSTs "List-Unsubscribe=One-Click" to the address.
    done = client.post(
        path_of(unsubscribe), "List-Unsubscribe=One-Click", content_type="application/x-www-form-urlencoded"
    )
    assert done.status_code == 200 and not done.cookies
    assert not Subscription.objects.exists()

    with capture(execute=True):
        published(
            number=4,
            start=at(2026, 2, 11),
            title="Helmikuu",
            status=MeetingStatus.MINUTES_APPROVED,
            minutes=minutes,
        )
    database_tasks()
    assert len(mail_server.messages) == 2  # nothing after unsubscribing


def test_the_form_answers_the_same_whether_or_not_the_address_is_subscribed(
    client, board_pages, mail_server, database_tasks, django_capture_on_commit_callbacks
):
    Subscription.objects.create(
        email="known@example.org", language="fi", minutes=True, confirmed_at=timezone.now()
    )
    capture = django_capture_on_commit_callbacks
    known = subscribe(client, capture, "known@example.org", language="fi", kinds=("event",))
    new = subscribe(client, capture, "new@example.org", language="fi", kinds=("event",))
    assert (known.status_code, known.content) == (new.status_code, new.content)
    database_tasks()
    assert sorted(r[0] for _s, r, _m in mail_server.messages) == ["known@example.org", "new@example.org"]
    # The known subscription is unchanged until its owner follows the new link.
    assert Subscription.objects.get(email="known@example.org").kinds == ["minutes"]


def test_bad_input_gets_translated_errors_and_no_500(client, board_pages, django_capture_on_commit_callbacks):
    response = client.post(FORM, {"email": "not an address", "language": "de", "form_token": "forged"})
    assert response.status_code == 400
    text = response.content.decode()
    assert "Valitse" in text or "Syötä" in text  # Finnish messages
    assert not response.cookies
    assert not Subscription.objects.exists()


def test_links_expire_and_tampered_links_are_refused(client, board_pages, settings):
    token = tokens.confirm_token("a@example.org", "fi", ["minutes"])
    settings.ALERTS_CONFIRM_MAX_AGE = -1
    assert client.post(f"{FORM}confirm/{token}/").status_code == 410
    settings.ALERTS_CONFIRM_MAX_AGE = 3600
    assert client.post(f"{FORM}confirm/{token[:-2]}xx/").status_code == 400
    assert client.post(f"{FORM}unsubscribe/{token}/").status_code == 400  # another salt
    assert not Subscription.objects.exists()
    forged = signing.dumps({"s": 1, "e": "a@example.org"}, salt="other")
    assert client.post(f"{FORM}unsubscribe/{forged}/").status_code == 400


def test_the_form_is_rate_limited_per_client(
    client, board_pages, settings, django_capture_on_commit_callbacks
):
    settings.ALERTS_RATELIMIT_REQUESTS = 2
    statuses = [
        subscribe(client, django_capture_on_commit_callbacks, f"r{n}@example.org").status_code
        for n in range(3)
    ]
    assert statuses == [200, 200, 429]
    assert Subscription.objects.count() == 2


def test_unconfirmed_subscriptions_are_removed_after_the_set_time(db, settings):
    settings.ALERTS_UNCONFIRMED_DAYS = 7
    old = Subscription.objects.create(email="old@example.org", language="fi", agenda=True)
    Subscription.objects.filter(pk=old.pk).update(created_at=timezone.now() - datetime.timedelta(days=8))
    Subscription.objects.create(email="fresh@example.org", language="fi", agenda=True)
    confirmed = Subscription.objects.create(
        email="c@example.org", language="fi", agenda=True, confirmed_at=timezone.now()
    )
    Subscription.objects.filter(pk=confirmed.pk).update(
        created_at=timezone.now() - datetime.timedelta(days=80)
    )
    call_command("purge_unconfirmed_alerts")
    assert sorted(Subscription.objects.values_list("email", flat=True)) == [
        "c@example.org",
        "fresh@example.org",
    ]


def test_personal_data_export_and_erase(db):
    person = Subscription.objects.create(email="Person@Example.org", language="sv", minutes=True, event=True)
    Subscription.objects.create(email="other@example.org", language="fi", agenda=True)
    [row] = personal_data.export("person@example.org", [])
    assert row["email"] == "Person@Example.org" and row["kinds"] == ["minutes", "event"]
    assert row["confirmed_at"] is None
    assert personal_data.export("nobody@example.org", ["+358401234567"]) == []
    with translation.override("en"):
        planned = personal_data.erase("person@example.org", [], dry_run=True)
    assert planned == [f"would delete e-mail alert subscription {person.pk} (unconfirmed)"]
    with translation.override("sv"):  # the commands' output is in the staff member's language
        assert personal_data.erase("person@example.org", [], dry_run=True) == [
            f"skulle radera e-postaviseringsprenumeration {person.pk} (obekräftad)"
        ]
    assert Subscription.objects.count() == 2
    with translation.override("en"):
        done = personal_data.erase("person@example.org", [], dry_run=False)
    assert done == [f"deleted e-mail alert subscription {person.pk} (unconfirmed)"]
    assert list(Subscription.objects.values_list("email", flat=True)) == ["other@example.org"]
    assert personal_data.erase("person@example.org", [], dry_run=False) == []


def test_staff_see_counts_not_addresses(client, superuser, django_assert_max_num_queries):
    for n, (language, kind) in enumerate([("fi", "minutes"), ("fi", "agenda"), ("sv", "minutes")]):
        Subscription.objects.create(
            email=f"secret{n}@example.org", language=language, confirmed_at=timezone.now(), **{kind: True}
        )
    Subscription.objects.create(email="pending@example.org", language="fi", event=True)
    client.force_login(superuser)
    response = client.get("/admin/reports/alerts/")
    assert response.status_code == 200
    text = response.content.decode()
    assert "@example.org" not in text
    page = lxml_html.fromstring(text)
    rows = [
        [c.text_content().strip() for c in r.xpath("./th|./td")]
        for r in page.xpath('//table[@id="alerts-counts"]/tbody/tr')
    ]
    assert [r[1:] for r in rows] == [["2", "1", "1", "0"], ["1", "0", "1", "0"]]


def test_privacy_notice_tells_about_subscriptions(client, site_pages, settings):
    fi = lxml_html.fromstring(client.get("/fi/tietosuojaseloste/").content.decode()).text_content()
    sv = lxml_html.fromstring(client.get("/sv/dataskyddsbeskrivning/").content.decode()).text_content()
    assert "Sähköposti-ilmoitusten tilaajat" in fi and "Vahvistamaton tilaus poistetaan viikon kuluttua" in fi
    assert (
        "Prenumeranter på e-postaviseringar" in sv and "obekräftad prenumeration raderas efter en vecka" in sv
    )
    # "A week" is the default retention of unconfirmed requests.
    assert settings.ALERTS_UNCONFIRMED_DAYS == 7


def test_a_batch_that_fails_is_retried_and_each_subscriber_gets_one_message(
    client, board_pages, mail_server, database_tasks, settings, django_capture_on_commit_callbacks
):
    from cms.email_url import email_settings
    from tests.mail_server import free_port
    from tests.tasks import run_ready_tasks

    settings.ALERTS_BATCH_SIZE = 2
    settings.ALERTS_BACKOFF_SECONDS = 0
    now = timezone.now()
    for n in range(5):
        Subscription.objects.create(email=f"s{n}@example.org", language="fi", agenda=True, confirmed_at=now)
    working = email_settings(mail_server.url)
    for name, value in email_settings(f"smtp://127.0.0.1:{free_port()}").items():
        setattr(settings, name, value)  # the mail server is down
    agenda = DocumentFactory(title="Esityslista 7/2026", kind="agenda", read=False)
    with django_capture_on_commit_callbacks(execute=True):
        published(number=7, start=at(2026, 7, 1), status=MeetingStatus.AGENDA_PUBLISHED, agenda=agenda)
    run_ready_tasks()  # announce: three batches queued
    results = run_ready_tasks()  # each batch fails and queues its retry
    for result in results:
        result.refresh_from_db()
    assert [r.return_value for r in results] == ["retrying"] * 3
    assert mail_server.messages == []
    for name, value in working.items():
        setattr(settings, name, value)  # back up
    database_tasks()
    assert sorted(r[0] for _s, r, _m in mail_server.messages) == [f"s{n}@example.org" for n in range(5)]
    announcement = Announcement.objects.get()
    assert (announcement.recipients, announcement.sent, announcement.failed) == (5, 5, 0)
    assert announcement.finished_at is not None
