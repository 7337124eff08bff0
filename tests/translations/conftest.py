"""Fixtures for the translators' workflow: users per role and Finnish-only pages."""

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from wagtail.models import Page

from translations.roles import TRANSLATORS_GROUP, sync_translator_permissions

PASSWORD = "kaantaja-salasana-1"


@pytest.fixture
def translators_group(db):
    return sync_translator_permissions()


@pytest.fixture
def translator(translators_group, translated_home):
    """A member of "Kääntäjät / Översättare" only; permissions synced after the homes exist."""
    user = get_user_model().objects.create_user(
        "kaantaja", "kaantaja@example.invalid", PASSWORD, first_name="Kaisa", last_name="Kääntäjä"
    )
    user.groups.add(Group.objects.get(name=TRANSLATORS_GROUP))
    return user


@pytest.fixture
def translator_client(client, translator):
    client.force_login(translator)
    return client


@pytest.fixture
def superuser(db):
    return get_user_model().objects.create_superuser("paakayttaja", "paa@example.invalid", PASSWORD)


@pytest.fixture
def admin_client_fi(client, superuser):
    client.force_login(superuser)
    return client


def add_child_page(parent: Page, title: str, slug: str, **fields) -> Page:
    """A live child page of the project's simplest page type that fits under `parent`."""
    from translations.content import translatable_page_models

    candidates = [
        model
        for model in translatable_page_models()
        if model.can_create_at(parent) and not getattr(model, "max_count", None)
    ]
    model = candidates[0] if candidates else Page
    page = parent.add_child(instance=model(title=title, slug=slug, locale=parent.locale, **fields))
    page.save_revision().publish()
    return Page.objects.get(pk=page.pk).specific


def editor_state(client, page: Page) -> dict:
    """What the wagtail-localize editor shows for `page`: {source text: translation or None}."""
    import json

    from lxml import html

    response = client.get(f"/admin/pages/{page.pk}/edit/")
    assert response.status_code == 200
    node = html.fromstring(response.content.decode()).xpath('//*[contains(@class,"js-translation-editor")]')[
        0
    ]
    props = json.loads(node.get("data-props"))
    translated = {t["segment_id"]: t["data"] for t in props["initialStringTranslations"]}
    return {s["source"]: translated.get(s["id"]) for s in props["segments"] if s["type"] == "string"}


def messages_of(response) -> list[str]:
    return [str(m) for m in response.context["messages"]] if response.context else []
