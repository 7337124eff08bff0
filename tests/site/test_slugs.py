"""ASCII slugs (ä→a, ö→o, å→a, as hel.fi): the admin's page form with and without a slug,
wagtail-localize's translations, the old Unicode addresses redirecting, and the slug field
filling in while an editor types the title in a real browser."""

import importlib
import shutil

import pytest
from django.apps import apps
from django.contrib.auth import get_user_model
from django.db import models
from lxml import html
from wagtail.models import Page

from cms.slugs import ascii_slug
from home.models import StandardPage
from tests.board.admin_forms import form_values
from tests.browser_context import browser_context, sign_in
from tests.conftest import CHROMIUM

TITLE = "Talkoopäivä 2027"
SLUG = "talkoopaiva-2027"
PASSWORD = "viestinta-salasana-1"


@pytest.fixture
def editor(db):
    """A member of the communications group, not a superuser."""
    from board.permissions import ensure_communications_group

    user = get_user_model().objects.create_user("viestija", "viestija@example.invalid", PASSWORD)
    user.groups.add(ensure_communications_group())
    return user


@pytest.fixture
def editor_client(client, editor):
    client.force_login(editor)
    return client


def _add_url(parent) -> str:
    return f"/admin/pages/add/home/standardpage/{parent.pk}/"


def _create(client, parent, slug: str, action: str = "action-publish"):
    values = form_values(client, _add_url(parent))
    # The body is drawn by JavaScript; an empty one posts a zero count.
    values.update(
        {"title": TITLE, "slug": slug, "lead": "Tervetuloa talkoisiin", "body-count": "0", action: "1"}
    )
    return client.post(_add_url(parent), values)


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("Talkoopäivä 2027", "talkoopaiva-2027"),
        ("talkoopäivä-2027", "talkoopaiva-2027"),
        ("Åbo Akademi – Öppet hus", "abo-akademi-oppet-hus"),
        ("Straße, Ærø, Łódź", "strasse-aero-lodz"),
        ("already-ascii_1", "already-ascii_1"),
        ("ß" * 200, "ss" * 127 + "s"),
    ],
)
def test_ascii_slug_transliterates_as_the_admin_does(value, expected):
    assert ascii_slug(value) == expected


@pytest.mark.parametrize("slug", ["", "talkoopäivä-2027", "Talkoopäivä 2027"])
@pytest.mark.parametrize("action", ["action-publish", "action-save"])
def test_page_create_form_ends_at_the_ascii_slug(editor_client, home_page, slug, action):
    response = _create(editor_client, home_page, slug, action)
    assert response.status_code == 302, response.content.decode()[:3000]
    page = Page.objects.get(title=TITLE)
    assert page.slug == SLUG
    if action == "action-publish":
        assert editor_client.get(f"/fi/{SLUG}/").status_code == 200


def test_a_clash_after_transliteration_is_a_form_error_and_nothing_is_saved(editor_client, home_page):
    home_page.add_child(instance=StandardPage(title="Talkoopäivä", slug=SLUG, locale=home_page.locale))
    from django.utils import translation

    response = _create(editor_client, home_page, "talkoopäivä-2027")
    assert response.status_code == 200
    errors = " ".join(
        html.fromstring(response.content.decode()).xpath('//*[contains(@class,"error-message")]//text()')
    )
    with translation.override("fi"):
        expected = translation.gettext(
            "The slug '%(page_slug)s' is already in use within the parent page."
        ) % {"page_slug": SLUG}
    assert expected in errors
    assert Page.objects.filter(title=TITLE).count() == 0


def test_a_unicode_slug_saved_in_code_or_the_api_becomes_ascii(home_page):
    page = home_page.add_child(
        instance=StandardPage(title=TITLE, slug="talkoopäivä-2027", locale=home_page.locale)
    )
    page.refresh_from_db()
    assert (page.slug, page.url_path) == (SLUG, f"{home_page.url_path}{SLUG}/")
    page.slug = "kevät-ja-syksy"
    page.save_revision().publish()
    page.refresh_from_db()
    assert page.slug == "kevat-ja-syksy"


def test_api_create_with_a_unicode_slug_gets_the_ascii_one(client, home_page, editor):
    from wagtail.models import APIToken

    _, token = APIToken.create_token(user=editor, name="tests")
    response = client.post(
        "/api/v3/pages/",
        {
            "meta": {"parent_id": home_page.pk, "type": "home.StandardPage", "action": "publish"},
            "title": TITLE,
            "slug": "talkoopäivä-2027",
        },
        content_type="application/json",
        HTTP_AUTHORIZATION=f"Bearer {token}",
    )
    assert response.status_code == 201, response.content.decode()[:2000]
    assert response.json()["meta"]["slug"] == SLUG
    assert Page.objects.get(title=TITLE).slug == SLUG


def test_the_swedish_translation_gets_an_ascii_slug(home_page, translate):
    page = home_page.add_child(instance=StandardPage(title=TITLE, slug=SLUG, locale=home_page.locale))
    page.save_revision().publish()
    # The translated title gives the slug: "Talkodag på Ön" → talkodag-pa-on.
    swedish = translate(page, "sv", {TITLE: "Talkodag på Ön 2027"})
    assert swedish.slug == "talkodag-pa-on-2027"
    # Untranslated, the Finnish slug (already ASCII) is used.
    english = translate(page, "en", {})
    assert english.slug == SLUG


def test_an_existing_unicode_slug_redirects_permanently_to_its_ascii_form(client, home_page):
    page = home_page.add_child(instance=StandardPage(title=TITLE, slug=SLUG, locale=home_page.locale))
    page.save_revision().publish()
    child = page.add_child(instance=StandardPage(title="Ohjelma", slug="ohjelma", locale=home_page.locale))
    child.save_revision().publish()
    # As a page saved before slugs were ASCII: bypass the model's rule.
    Page.objects.filter(pk=page.pk).update(
        slug="talkoopäivä-2027", url_path=f"{home_page.url_path}talkoopäivä-2027/"
    )
    Page.objects.filter(pk=child.pk).update(url_path=f"{home_page.url_path}talkoopäivä-2027/ohjelma/")
    assert client.get("/fi/talkoop%C3%A4iv%C3%A4-2027/").status_code == 200

    migration = importlib.import_module("cms.migrations.0002_ascii_slugs")
    migration.ascii_slugs(apps, None)

    from django.core.cache import cache

    cache.clear()
    page.refresh_from_db()
    assert page.slug == SLUG
    response = client.get("/fi/talkoop%C3%A4iv%C3%A4-2027/")
    assert response.status_code == 301
    assert response["Location"] == f"/fi/{SLUG}/"
    response = client.get("/fi/talkoop%C3%A4iv%C3%A4-2027/ohjelma/")
    assert (response.status_code, response["Location"]) == (301, f"/fi/{SLUG}/ohjelma/")
    assert client.get(f"/fi/{SLUG}/ohjelma/").status_code == 200


def test_every_slug_field_of_the_project_is_a_page_slug():
    """Meetings and events have no slug (their addresses are /<archive>/<year>/<number>/ and
    ids); a slug added to any other model must get the ASCII rule of cms/slugs.py too."""
    found = [
        f"{model._meta.label}.{field.name}"
        for app in ("home", "board", "documents", "translations", "cms")
        for model in apps.get_app_config(app).get_models()
        for field in model._meta.get_fields()
        if isinstance(field, models.SlugField) and field.model is not Page
    ]
    assert found == []


# --- a real browser ---------------------------------------------------------------------


@pytest.fixture
def sync_orm_beside_playwright(monkeypatch):
    # Playwright's sync API runs an event loop in this thread; the fixtures' ORM calls around
    # it are ordinary synchronous code.
    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


@pytest.mark.browser
@pytest.mark.skipif(
    shutil.which(CHROMIUM) is None, reason="Debian's chromium is not installed (make browser)"
)
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_the_slug_field_fills_in_ascii_while_the_editor_types_the_title(
    sync_orm_beside_playwright, live_server, editor, home_page, browser
):
    from playwright.sync_api import expect

    with browser_context(browser, live_server.url, "fi-FI", timeout_ms=20_000) as context:
        page = context.new_page()
        sign_in(page, live_server.url, editor.username, PASSWORD)

        page.goto(f"{live_server.url}{_add_url(home_page)}")
        page.locator("#id_title").press_sequentially(TITLE, delay=20)
        expect(page.locator("#id_slug")).to_have_value(SLUG)
        # Out of the title, as the editor moves on. Wagtail copies the title into the slug after a
        # short delay (debounced); a person's pause lets that last copy land before they type into
        # the slug, or it would overwrite what they typed (it did, on a busy machine).
        page.locator("#id_title").press("Tab")
        page.wait_for_timeout(1000)
        expect(page.locator("#id_slug")).to_have_value(SLUG)

        # Typed straight into the slug field (on the Promote tab), ä and ö are transliterated,
        # not dropped.
        from django.utils import translation

        with translation.override("fi"):
            promote = translation.gettext("Promote")
        page.get_by_role("tab", name=promote).click()
        slug = page.locator("#id_slug")
        slug.fill("Kevään talkoot")
        slug.blur()
        expect(slug).to_have_value("kevaan-talkoot")
