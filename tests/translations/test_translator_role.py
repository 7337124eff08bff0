"""The "Kääntäjät / Översättare" group: translate and publish Swedish and English content,
never edit, publish or delete the Finnish originals (pages, snippets, documents)."""

import pytest
from django.contrib.admin.utils import quote
from django.contrib.auth.models import Group
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext
from wagtail.models import DraftStateMixin, GroupPagePermission, Page

from tests.translations.builders import build_finnish
from translations.content import translatable_document_model, translatable_snippet_models
from translations.guards import REFUSAL_MESSAGE
from translations.roles import TRANSLATORS_GROUP, is_translator_only, sync_translator_permissions

SNIPPETS = translatable_snippet_models()


def _messages(response):
    return [str(m) for m in response.context["messages"]] if response.context else []


def _expected_refusals() -> set[str]:
    """The translators' refusal and Wagtail's own, in the admin language (Finnish)."""
    with translation.override("fi"):
        return {
            gettext(REFUSAL_MESSAGE),
            gettext("Sorry, you do not have permission to access this area."),
        }


def _refused(response) -> bool:
    """Redirected to the admin home with a translated refusal."""
    assert response.redirect_chain, f"not redirected: {response.status_code}"
    assert response.redirect_chain[-1][0] == reverse("wagtailadmin_home"), response.redirect_chain
    shown = {m.strip() for m in _messages(response)}
    assert shown & _expected_refusals(), shown
    return True


def _translators_refusal(response) -> bool:
    with translation.override("fi"):
        expected = gettext(REFUSAL_MESSAGE)
    return expected in {m.strip() for m in _messages(response)}


def test_migration_creates_the_group_with_admin_access_and_translation_rights(db):
    group = Group.objects.get(name=TRANSLATORS_GROUP)
    codenames = set(group.permissions.values_list("codename", flat=True))
    assert {"access_admin", "submit_translation"} <= codenames
    # No right to change pages anywhere by model permission: pages go by subtree.
    assert not {"change_page", "delete_page"} & codenames


def test_sync_is_idempotent_and_grants_only_the_language_subtrees(translated_home):
    sync_translator_permissions()
    group = Group.objects.get(name=TRANSLATORS_GROUP)
    first = (
        sorted(
            GroupPagePermission.objects.filter(group=group).values_list("page_id", "permission__codename")
        ),
        sorted(group.permissions.values_list("codename", flat=True)),
        group.collection_permissions.count(),
    )
    sync_translator_permissions()
    second = (
        sorted(
            GroupPagePermission.objects.filter(group=group).values_list("page_id", "permission__codename")
        ),
        sorted(group.permissions.values_list("codename", flat=True)),
        group.collection_permissions.count(),
    )
    assert first == second
    pages = {page_id for page_id, _codename in first[0]}
    assert pages == {translated_home["sv"].pk, translated_home["en"].pk}
    assert {codename for _page, codename in first[0]} == {"add_page", "change_page", "publish_page"}


def test_new_language_root_gets_translator_rights_automatically(translators_group, home_page, translate):
    assert not GroupPagePermission.objects.filter(group=translators_group).exists()
    sv = translate(home_page, "sv", {})
    assert GroupPagePermission.objects.filter(group=translators_group, page=sv).count() == 3


def test_editor_who_is_also_a_translator_is_not_limited(translator):
    assert is_translator_only(translator)
    editor_group = Group.objects.create(name="Viestintä / Kommunikation (testi)")
    translator.groups.add(editor_group)
    translator._translator_only = None
    assert not is_translator_only(translator)


# Pages ---------------------------------------------------------------------------------


def test_page_permission_checks(translator, translated_home):
    fi = translated_home["fi"].permissions_for_user(translator)
    assert not (fi.can_edit() or fi.can_publish() or fi.can_delete() or fi.can_unpublish())
    for code in ("sv", "en"):
        perms = translated_home[code].permissions_for_user(translator)
        assert perms.can_edit() and perms.can_publish()


@pytest.mark.parametrize(
    ("method", "url", "data"),
    [
        ("get", "/admin/pages/{pk}/edit/", None),
        ("post", "/admin/pages/{pk}/edit/", {"title": "Muutettu", "slug": "etusivu", "action-publish": "1"}),
        ("get", "/admin/pages/{pk}/delete/", None),
        ("post", "/admin/pages/{pk}/delete/", {}),
        ("post", "/admin/pages/{pk}/unpublish/", {}),
    ],
)
def test_translator_cannot_change_the_finnish_page(translator_client, translated_home, method, url, data):
    fi = translated_home["fi"]
    response = getattr(translator_client, method)(url.format(pk=fi.pk), data, follow=True)
    assert _refused(response)
    fi_now = Page.objects.get(pk=fi.pk)
    assert fi_now.title == fi.title and fi_now.live


def test_translator_opens_and_publishes_the_swedish_page(
    translator_client, translated_home, django_capture_on_commit_callbacks
):
    sv = translated_home["sv"]
    response = translator_client.get(f"/admin/pages/{sv.pk}/edit/")
    assert response.status_code == 200
    assert "js-translation-editor" in response.content.decode()
    sv.unpublish()
    with django_capture_on_commit_callbacks(execute=True):
        response = translator_client.post(f"/admin/pages/{sv.pk}/edit/", {"action": "publish"})
    assert response.status_code == 302
    assert Page.objects.get(pk=sv.pk).live


def test_translator_can_open_the_submit_translation_view(translator_client, translated_home):
    response = translator_client.get(
        reverse("wagtail_localize:submit_page_translation", args=[translated_home["fi"].pk])
    )
    assert response.status_code == 200


# Snippets ------------------------------------------------------------------------------


@pytest.fixture
def snippet_pair(request, translated_home, translate):
    model = request.param
    source = build_finnish(model, translated_home["fi"])
    swedish = translate(source, "sv", {})
    return model, source, swedish


def _url(model, name, obj=None):
    namespace = model.snippet_viewset.url_namespace
    return reverse(f"{namespace}:{name}", args=[quote(obj.pk)] if obj is not None else [])


@pytest.mark.parametrize("snippet_pair", SNIPPETS, ids=lambda m: m._meta.label, indirect=True)
def test_snippet_permission_checks(translator, snippet_pair):
    model, _source, _swedish = snippet_pair
    meta = model._meta
    # Model-wide permissions let translators work on Swedish and English rows ...
    assert translator.has_perm(f"{meta.app_label}.change_{meta.model_name}")
    # ... and the locale guard keeps them off the Finnish ones (tested by request below).
    from translations.guards import refuse_if_finnish

    assert refuse_if_finnish(_fake_request(translator), [_source]) is not None
    assert refuse_if_finnish(_fake_request(translator), [_swedish]) is None


def _fake_request(user):
    from django.contrib.messages.storage.fallback import FallbackStorage
    from django.test import RequestFactory

    request = RequestFactory().get("/admin/")
    request.user = user
    request.session = {}
    request._messages = FallbackStorage(request)
    return request


@pytest.mark.parametrize("snippet_pair", SNIPPETS, ids=lambda m: m._meta.label, indirect=True)
def test_translator_cannot_open_edit_or_delete_a_finnish_snippet(translator_client, snippet_pair):
    model, source, _swedish = snippet_pair
    response = translator_client.get(_url(model, "edit", source), follow=True)
    assert _refused(response) and _translators_refusal(response)
    response = translator_client.post(_url(model, "edit", source), {"action-publish": "1"}, follow=True)
    assert _refused(response)
    response = translator_client.post(_url(model, "delete", source), {}, follow=True)
    assert _refused(response)
    assert model.objects.filter(pk=source.pk).exists()


@pytest.mark.parametrize(
    "snippet_pair",
    [m for m in SNIPPETS if issubclass(m, DraftStateMixin)],
    ids=lambda m: m._meta.label,
    indirect=True,
)
def test_translator_cannot_unpublish_a_finnish_snippet(translator_client, snippet_pair):
    model, source, _swedish = snippet_pair
    assert source.live
    response = translator_client.post(_url(model, "unpublish", source), {}, follow=True)
    assert _refused(response)
    source.refresh_from_db()
    assert source.live


@pytest.mark.parametrize("snippet_pair", SNIPPETS, ids=lambda m: m._meta.label, indirect=True)
def test_translator_cannot_bulk_delete_finnish_snippets(translator_client, snippet_pair):
    model, source, _swedish = snippet_pair
    url = reverse("wagtail_bulk_action", args=[model._meta.app_label, model._meta.model_name, "delete"])
    response = translator_client.post(f"{url}?id={source.pk}", {}, follow=True)
    assert _refused(response)
    assert model.objects.filter(pk=source.pk).exists()


@pytest.mark.parametrize("snippet_pair", SNIPPETS, ids=lambda m: m._meta.label, indirect=True)
def test_translator_opens_the_swedish_snippet_in_the_translation_editor(translator_client, snippet_pair):
    model, _source, swedish = snippet_pair
    response = translator_client.get(_url(model, "edit", swedish))
    assert response.status_code == 200
    assert "js-translation-editor" in response.content.decode()


@pytest.mark.parametrize("model", SNIPPETS, ids=lambda m: m._meta.label)
def test_translator_cannot_create_a_finnish_snippet(translator_client, model):
    response = translator_client.get(_url(model, "add"), follow=True)
    assert _refused(response)
    response = translator_client.get(_url(model, "add") + "?locale=fi", follow=True)
    assert _refused(response)


def test_superuser_still_edits_finnish_snippets(admin_client_fi, translated_home, translate):
    model = SNIPPETS[0]
    source = build_finnish(model, translated_home["fi"])
    assert admin_client_fi.get(_url(model, "edit", source)).status_code == 200


# Documents -----------------------------------------------------------------------------

needs_translatable_documents = pytest.mark.skipif(
    translatable_document_model() is None, reason="the document model is not translatable"
)


@pytest.fixture
def document_pair(translated_home, translate):
    model = translatable_document_model()
    source = build_finnish(model, translated_home["fi"])
    swedish = translate(source, "sv", {source.title: f"{source.title} på svenska"})
    return source, swedish


@needs_translatable_documents
def test_translator_cannot_edit_or_delete_a_finnish_document(translator_client, document_pair):
    source, _swedish = document_pair
    response = translator_client.get(reverse("wagtaildocs:edit", args=[source.pk]), follow=True)
    assert _refused(response) and _translators_refusal(response)
    response = translator_client.post(
        reverse("wagtaildocs:edit", args=[source.pk]), {"title": "Muutettu"}, follow=True
    )
    assert _refused(response)
    response = translator_client.post(reverse("wagtaildocs:delete", args=[source.pk]), {}, follow=True)
    assert _refused(response)
    source.refresh_from_db()
    assert source.title != "Muutettu"


@needs_translatable_documents
def test_translator_edits_the_swedish_document_title(translator_client, document_pair):
    _source, swedish = document_pair
    response = translator_client.get(reverse("wagtaildocs:edit", args=[swedish.pk]))
    assert response.status_code == 200


def test_translator_sees_the_status_dashboard(translator_client, translated_home):
    assert translator_client.get(reverse("translations_status")).status_code == 200


def test_post_migrate_recreates_and_completes_the_group(db):
    from django.core.management.sql import emit_post_migrate_signal

    Group.objects.filter(name=TRANSLATORS_GROUP).delete()
    emit_post_migrate_signal(verbosity=0, interactive=False, db="default")
    group = Group.objects.get(name=TRANSLATORS_GROUP)
    codenames = set(group.permissions.values_list("codename", flat=True))
    for model in SNIPPETS:
        assert f"change_{model._meta.model_name}" in codenames
    assert group.collection_permissions.filter(permission__codename="change_document").exists()
    assert not group.collection_permissions.filter(permission__codename="add_document").exists()
