"""Headless preview: from the admin's Preview button to the draft in the API, and nowhere else."""

from __future__ import annotations

import time
from urllib.parse import parse_qs, urlsplit

import pytest
from django.contrib.auth import get_user_model
from django.core import signing
from django.test import override_settings
from wagtail.test.utils.form_data import inline_formset, nested_form_data, streamfield

from home.api.preview import SALT

FRONTEND = "https://frontend.example.invalid/preview?site=vtnk"


@pytest.fixture
def editor_client(client, db):
    user = get_user_model().objects.create_superuser("editor", "editor@example.invalid", "pw")
    client.force_login(user)
    return client


def _preview_data(title: str, heading: str) -> dict:
    return nested_form_data(
        {
            "title": title,
            "slug": "saavutettavuus",
            "lead": "Luonnoksen ingressi",
            "body": streamfield([("heading", {"text": heading, "level": "h3"})]),
            "comments": inline_formset([]),
        }
    )


def _click_preview(client, page, title: str, heading: str) -> str:
    """What the editor's browser does: post the form to the preview URL, then open it."""
    url = f"/admin/pages/{page.pk}/edit/preview/"
    state = client.post(url, _preview_data(title, heading))
    assert state.json() == {"is_valid": True, "is_available": True}, state.content
    response = client.get(url)
    assert response.status_code == 302, response.content[:500]
    return response["Location"]


@override_settings(HEADLESS_PREVIEW_URL=FRONTEND)
def test_preview_opens_the_front_end_and_the_api_returns_that_unsaved_draft(
    api, editor_client, standard_page
):
    location = _click_preview(editor_client, standard_page, "Luonnoksen otsikko", "Uusi väliotsikko")
    parts = urlsplit(location)
    assert f"{parts.scheme}://{parts.netloc}{parts.path}" == "https://frontend.example.invalid/preview"
    query = parse_qs(parts.query)
    assert query["site"] == ["vtnk"] and query["type"] == ["home.StandardPage"] and query["locale"] == ["fi"]
    token = query["token"][0]

    response = api.get("/api/v3/preview/", {"token": token})
    assert response.status_code == 200, response.content
    assert "no-store" in response["Cache-Control"]
    draft = response.json()
    assert draft["id"] == standard_page.pk
    assert draft["title"] == "Luonnoksen otsikko"
    assert draft["lead"] == "Luonnoksen ingressi"
    assert draft["body"][0]["value"] == {"text": "Uusi väliotsikko", "level": "h3"}
    # Nothing was saved or published: the public API still has the live page.
    assert api.json(f"/api/v3/pages/{standard_page.pk}/")["title"] == "Saavutettavuusseloste"
    assert "Luonnoksen otsikko" not in api.get("/api/v3/pages/", {"limit": 100}).content.decode()


@override_settings(HEADLESS_PREVIEW_URL=FRONTEND)
def test_each_token_returns_its_own_draft_only(api, editor_client, standard_page):
    first = parse_qs(urlsplit(_click_preview(editor_client, standard_page, "Ensimmäinen", "A")).query)[
        "token"
    ][0]
    second = parse_qs(urlsplit(_click_preview(editor_client, standard_page, "Toinen", "B")).query)["token"][0]
    assert api.json("/api/v3/preview/", token=first)["title"] == "Ensimmäinen"
    assert api.json("/api/v3/preview/", token=second)["title"] == "Toinen"


@override_settings(HEADLESS_PREVIEW_URL=FRONTEND)
def test_tampered_and_expired_tokens_are_refused(api, editor_client, standard_page):
    location = _click_preview(editor_client, standard_page, "Luonnos", "X")
    token = parse_qs(urlsplit(location).query)["token"][0]
    snapshot_id = signing.TimestampSigner(salt=SALT).unsign(token)

    tampered = token[:-1] + ("A" if token[-1] != "A" else "B")
    problem = api.json("/api/v3/preview/", expect=403, token=tampered)
    assert problem["status"] == 403 and problem["title"] == "Forbidden"
    api.json("/api/v3/preview/", expect=403, token="not-a-token")
    forged = signing.TimestampSigner(key="another-key", salt=SALT).sign(snapshot_id)
    api.json("/api/v3/preview/", expect=403, token=forged)

    class IssuedLongAgo(signing.TimestampSigner):
        def timestamp(self):
            return signing.b62_encode(int(time.time()) - 3600)

    expired = IssuedLongAgo(salt=SALT).sign(snapshot_id)
    with override_settings(HEADLESS_PREVIEW_MAX_AGE=600):
        problem = api.json("/api/v3/preview/", expect=401, token=expired)
    assert "expired" in problem["detail"]
    api.json("/api/v3/preview/", expect=400)


def test_without_a_front_end_preview_renders_on_the_site(editor_client, standard_page):
    url = f"/admin/pages/{standard_page.pk}/edit/preview/"
    editor_client.post(url, _preview_data("Paikallinen esikatselu", "Y"))
    response = editor_client.get(url)
    assert response.status_code == 200
    assert "Paikallinen esikatselu" in response.content.decode()


@override_settings(HEADLESS_PREVIEW_URL=FRONTEND)
def test_preview_urls_still_need_an_admin_login(client, standard_page):
    response = client.get(f"/admin/pages/{standard_page.pk}/edit/preview/")
    assert response.status_code == 302
    assert "/admin/login/" in response["Location"]
