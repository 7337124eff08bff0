"""Two editors saving the same page from the same revision: the second never silently overwrites."""

import re

import pytest
from django.test import Client
from wagtail.models import Page
from wagtail.test.utils.form_data import inline_formset, nested_form_data, streamfield

from home.models import StandardPage


@pytest.fixture
def page(home_page, superuser):
    page = home_page.add_child(instance=StandardPage(title="Toiminta", slug="toiminta", lead="Alku"))
    page.save_revision(user=superuser).publish()
    return page


def _editor(user) -> Client:
    client = Client(HTTP_ACCEPT_LANGUAGE="en")
    client.force_login(user)
    return client


def _loaded(client, page) -> dict:
    html = client.get(f"/admin/pages/{page.pk}/edit/").content.decode()
    return {
        "loaded_revision_id": re.search(r'name="loaded_revision_id" value="(\d+)"', html).group(1),
        "loaded_revision_created_at": re.search(
            r'name="loaded_revision_created_at" value="([^"]+)"', html
        ).group(1),
    }


def _post(client, page, lead, loaded, **headers):
    data = nested_form_data(
        {
            "title": "Toiminta",
            "slug": "toiminta",
            "lead": lead,
            "body": streamfield([]),
            "comments": inline_formset([]),
        }
    )
    return client.post(f"/admin/pages/{page.pk}/edit/", {**data, **loaded}, **headers)


def _latest_lead(page) -> str:
    return Page.objects.get(pk=page.pk).specific.get_latest_revision_as_object().lead


def test_second_save_from_the_same_revision_is_refused_and_keeps_the_text(page, superuser, django_user_model):
    other = django_user_model.objects.create_superuser("toinen", "toinen@example.invalid", "x")
    anna, ben = _editor(superuser), _editor(other)
    anna_loaded, ben_loaded = _loaded(anna, page), _loaded(ben, page)
    assert anna_loaded == ben_loaded

    assert _post(anna, page, "Annan teksti", anna_loaded).status_code == 302
    refused = _post(ben, page, "Benin teksti", ben_loaded)

    assert refused.status_code == 409
    body = refused.content.decode()
    assert "saved this page after you opened it" in body
    assert "Benin teksti" in body  # the form still holds Ben's text: nothing lost
    assert _latest_lead(page) == "Annan teksti"
    assert page.revisions.count() == 2  # the first publish and Anna's save

    # The refused form now carries the latest revision: saving again is a deliberate overwrite.
    again = {
        "loaded_revision_id": re.search(r'name="loaded_revision_id" value="(\d+)"', body).group(1),
        "loaded_revision_created_at": re.search(
            r'name="loaded_revision_created_at" value="([^"]+)"', body
        ).group(1),
    }
    assert again != ben_loaded
    assert _post(ben, page, "Benin teksti", again).status_code == 302
    assert _latest_lead(page) == "Benin teksti"


def test_saving_from_the_latest_revision_is_not_disturbed(page, superuser):
    anna = _editor(superuser)
    assert _post(anna, page, "Eka", _loaded(anna, page)).status_code == 302
    assert _post(anna, page, "Toka", _loaded(anna, page)).status_code == 302
    assert _latest_lead(page) == "Toka"


def _autosave(client, page, lead, loaded):
    """What Wagtail's autosave sends in the background: the form, answered in JSON."""
    response = _post(client, page, lead, loaded, HTTP_ACCEPT="application/json")
    assert response.json()["success"] is True
    return response


def test_own_autosave_does_not_make_the_next_save_stale(page, superuser, django_user_model):
    anna = _editor(superuser)
    loaded = _loaded(anna, page)
    _autosave(anna, page, "Luonnos", loaded)
    # The form still names the revision it was opened at: the autosave was Anna's own.
    assert _post(anna, page, "Valmis", loaded).status_code == 302
    assert _latest_lead(page) == "Valmis"

    # Another editor's save after Anna's autosave is still a conflict for her.
    loaded = _loaded(anna, page)
    _autosave(anna, page, "Toinen luonnos", loaded)
    ben = _editor(django_user_model.objects.create_superuser("toinen", "toinen@example.invalid", "x"))
    assert _post(ben, page, "Benin teksti", _loaded(ben, page)).status_code == 302
    assert _post(anna, page, "Annan teksti", loaded).status_code == 409
    assert _latest_lead(page) == "Benin teksti"


def test_editing_sessions_warning_is_on(page, superuser):
    """Wagtail's editing-session ping (the in-browser "someone else is editing" notice) is rendered."""
    html = _editor(superuser).get(f"/admin/pages/{page.pk}/edit/").content.decode()
    assert "w-session" in html and "/admin/editing-sessions/ping/" in html
