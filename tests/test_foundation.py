"""The foundation: locales, the home page in three languages, admin, health and settings."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from lxml import html as lxml_html
from wagtail.models import Page, PageLogEntry, Revision
from wagtail.users.models import UserProfile

from home import demo as home_demo
from tests.django_process import run_django

ROOT = Path(__file__).resolve().parent.parent


def _doc(response):
    return lxml_html.fromstring(response.content.decode())


@pytest.mark.parametrize(
    ("code", "title", "lead"),
    [
        ("fi", "Vapaaehtoistyön neuvottelukunta", "Vapaaehtoistoiminta on hyvinvointia"),
        ("sv", "Kommissionen för frivilligt arbete", "Frivilligverksamhet är välbefinnande"),
        ("en", "Volunteer Work Advisory Board", "Volunteering is well-being"),
    ],
)
def test_each_locale_home_page_renders_its_text_and_lang(client, translated_home, code, title, lead):
    response = client.get(f"/{code}/")
    assert response.status_code == 200
    doc = _doc(response)
    assert doc.get("lang") == code
    assert doc.xpath("string(//h1)") == title
    assert lead in response.content.decode()


def test_finnish_home_page_carries_the_seed_text(client, translated_home):
    body = client.get("/fi/").content.decode()
    assert "Helsingin kaupunginhallitus perusti Vapaaehtoistyön neuvottelukunnan vuonna 1986." in body
    assert "työväenopisto on ottanut vapaaehtoiskoulutuksen ohjelmaansa" in body


@pytest.mark.parametrize(
    ("accept_language", "target"),
    [
        ("sv-FI,sv;q=0.9,en;q=0.5", "/sv/"),
        ("en-GB,en;q=0.8", "/en/"),
        ("fi-FI,fi;q=0.9", "/fi/"),
        ("de-DE,de;q=0.9", "/fi/"),
        (None, "/fi/"),
    ],
)
def test_root_redirects_by_accept_language(client, translated_home, accept_language, target):
    headers = {"HTTP_ACCEPT_LANGUAGE": accept_language} if accept_language else {}
    response = client.get("/", **headers)
    assert response.status_code == 302
    assert response["Location"] == target
    assert "Accept-Language" in response["Vary"]


@pytest.mark.parametrize("code", ["fi", "sv", "en"])
def test_language_switcher_links_resolve_to_the_same_page_in_other_languages(client, translated_home, code):
    doc = _doc(client.get(f"/{code}/"))
    links = doc.xpath('//nav[contains(@class,"language-switcher")]//a')
    assert {a.get("hreflang") for a in links} == {"fi", "sv", "en"} - {code}
    for link in links:
        target = client.get(link.get("href"))
        assert target.status_code == 200
        assert _doc(target).get("lang") == link.get("hreflang")


def test_language_switcher_leaves_out_translations_that_are_not_live(client, translated_home):
    translated_home["en"].unpublish()
    doc = _doc(client.get("/fi/"))
    assert {a.get("hreflang") for a in doc.xpath('//nav[contains(@class,"language-switcher")]//a')} == {"sv"}


@pytest.mark.parametrize(
    ("accept_language", "expected"),
    [("fi-FI,fi;q=0.9", "Kirjaudu sisään"), ("sv-FI,sv;q=0.9", "Logga in")],
)
def test_admin_login_page_speaks_the_visitors_language(client, db, accept_language, expected):
    response = client.get("/admin/login/", HTTP_ACCEPT_LANGUAGE=accept_language)
    assert response.status_code == 200
    assert expected in response.content.decode()


@pytest.mark.parametrize(("preferred", "expected"), [("fi", "Kojelauta"), ("sv", "Instrumentpanel")])
def test_admin_is_in_the_users_preferred_language(client, home_page, preferred, expected):
    user = get_user_model().objects.create_superuser("toimittaja", password="x")
    profile = UserProfile.get_for_user(user)
    profile.preferred_language = preferred
    profile.save()
    client.force_login(user)
    response = client.get("/admin/", HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 200
    assert expected in response.content.decode()


def test_load_demo_is_idempotent(db):
    call_command("load_demo")
    counts = (Page.objects.count(), Revision.objects.count(), PageLogEntry.objects.count())
    call_command("load_demo")
    assert (Page.objects.count(), Revision.objects.count(), PageLogEntry.objects.count()) == counts
    assert set(Page.objects.filter(depth=2).values_list("locale__language_code", flat=True)) == {
        "fi",
        "sv",
        "en",
    }


def test_ensure_admin_uses_environment_credentials_once(db, monkeypatch, capsys):
    monkeypatch.setenv("DJANGO_SUPERUSER_USERNAME", "paakayttaja")
    monkeypatch.setenv("DJANGO_SUPERUSER_PASSWORD", "Pitka-salasana-123")
    call_command("ensure_admin")
    user = get_user_model().objects.get(username="paakayttaja")
    assert user.is_superuser and user.check_password("Pitka-salasana-123")
    call_command("ensure_admin")
    assert get_user_model().objects.count() == 1


def test_ensure_admin_generates_and_prints_a_password(db, monkeypatch, capsys):
    monkeypatch.delenv("DJANGO_SUPERUSER_USERNAME", raising=False)
    monkeypatch.delenv("DJANGO_SUPERUSER_PASSWORD", raising=False)
    call_command("ensure_admin")
    out = capsys.readouterr().out
    password = out.split("password: ")[1].split()[0]
    assert get_user_model().objects.get(username="admin").check_password(password)


def test_home_demo_replaces_wagtails_placeholder_page(db):
    home = home_demo.load()
    assert not Page.objects.filter(depth=2, content_type__model="page").exists()
    assert home.get_site().root_page_id == home.pk


# --- health -----------------------------------------------------------------


def test_healthz_answers_ok(client, db):
    # The City of Helsinki's liveness answer (django-helsinki-health-endpoints): an empty 200.
    response = client.get("/healthz")
    assert (response.status_code, response.content) == (200, b"")
    assert "no-store" in response["Cache-Control"]


def test_readiness_reports_database_and_storage(client, db):
    response = client.get("/readiness")
    assert response.status_code == 200
    body = response.json()
    assert body["checks"] == {"database": "ok", "storage": "ok"}
    # The library's format, extended: its own keys first, then this site's checks.
    assert body["status"] == body["database"] == body["storage"] == "ok"
    assert body["version"] == "0.1.0" and "release" in body and body["down"] == []
    assert "no-store" in response["Cache-Control"]


def _run_django(code: str, **env) -> subprocess.CompletedProcess:
    return run_django(code, {**os.environ, "DJANGO_SETTINGS_MODULE": "cms.settings.test", **env})


READINESS = (
    "from django.test import Client\nr = Client().get('/readiness')\nprint(r.status_code, r.json()['down'])\n"
)


def test_readiness_reports_a_stopped_database_as_503():
    result = _run_django(READINESS, DATABASE_URL="postgres://postgres@127.0.0.1:1/nothing_here")
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "503 ['database']"


def test_readiness_reports_an_unreachable_cache_as_503(db):
    result = _run_django(READINESS, REDIS_URL="redis://127.0.0.1:1/0")
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().startswith("503") and "cache" in result.stdout


def _manage_check(environment: dict[str, str]) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "manage.py", "check"],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
    )


@pytest.mark.parametrize(
    ("env", "message"),
    [
        ({"SECRET_KEY": ""}, "SECRET_KEY"),
        ({"SECRET_KEY": "dev-only-insecure-key"}, "SECRET_KEY"),
        ({"SECRET_KEY": "x" * 50, "DEBUG": "True"}, "DEBUG"),
    ],
)
def test_production_settings_refuse_to_start_when_unsafe(env, message):
    environment = {k: v for k, v in os.environ.items() if k not in {"SECRET_KEY", "DEBUG"}}
    environment.update({"DJANGO_SETTINGS_MODULE": "cms.settings.production", **env})
    result = _manage_check(environment)
    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr
    assert message in result.stderr


def test_production_settings_start_with_a_real_key():
    environment = {k: v for k, v in os.environ.items() if k not in {"DEBUG"}}
    environment.update({"DJANGO_SETTINGS_MODULE": "cms.settings.production", "SECRET_KEY": "k" * 50})
    result = _manage_check(environment)
    assert result.returncode == 0, result.stderr
