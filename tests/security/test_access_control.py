"""Access control for every role against every admin and API URL the project has.

URLs are discovered, not listed: the admin menu (what Wagtail shows a superuser), the URL
resolver, the snippet viewsets and the API's OpenAPI schema. What each role may do comes
from Wagtail's permission policies, so a new viewset or endpoint is covered automatically.
"""

import json

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.test import Client, RequestFactory
from wagtail.admin.menu import SubmenuMenuItem, admin_menu
from wagtail.models import APIToken, Page
from wagtail.snippets.models import get_snippet_models

from board.permissions import GROUP_NAME as EDITORS_GROUP
from board.permissions import ensure_communications_group
from home.models import StandardPage
from tests.security.conftest import admin_paths_without_arguments
from translations.roles import TRANSLATORS_GROUP, sync_translator_permissions

ROLES = ("anonymous", "editor", "translator", "admin")
# Reachable without signing in, by design (sign-in, password reset, static helpers).
PUBLIC_ADMIN_PREFIXES = ("/admin/login/", "/admin/password_reset/", "/admin/jsi18n/", "/admin/sprite/")
# Wagtail's deliberate error page for testing error reporting ("failwhale"): a 500 by design.
DELIBERATE_ERRORS = ("/admin/failwhale/",)
# Gaps this test found in other parts of the project, kept visible until their owners fix
# them: the test fails when a listed gap is closed (remove it here) or a new one appears.
# URLs a role can open although the menu hides them; empty: every known gap is fixed.
KNOWN_GAPS: set[str] = set()


@pytest.fixture
def users(translated_home):
    ensure_communications_group()
    sync_translator_permissions()
    User = get_user_model()
    editor = User.objects.create_user("viestinta", "viestinta@example.invalid", "x")
    editor.groups.add(Group.objects.get(name=EDITORS_GROUP))
    translator = User.objects.create_user("kaantaja", "kaantaja@example.invalid", "x")
    translator.groups.add(Group.objects.get(name=TRANSLATORS_GROUP))
    admin = User.objects.create_superuser("yllapito", "yllapito@example.invalid", "x")
    return {"anonymous": None, "editor": editor, "translator": translator, "admin": admin}


def _client(user) -> Client:
    client = Client(HTTP_ACCEPT_LANGUAGE="en")
    if user is not None:
        client.force_login(user)
    return client


def _menu_urls(user) -> set[str]:
    request = RequestFactory().get("/admin/")
    request.user = user
    urls = set()

    def walk(items):
        for item in items:
            if isinstance(item, SubmenuMenuItem):
                walk(item.menu.menu_items_for_request(request))
            elif item.url and item.url.startswith("/admin/"):
                urls.add(item.url.split("?")[0])

    walk(admin_menu.menu_items_for_request(request))
    return urls


def _refused(response) -> bool:
    if response.status_code in (403, 404, 405):
        return True
    if response.status_code == 302:
        return response["Location"].split("?")[0] in ("/admin/login/", "/admin/")
    return False


@pytest.mark.parametrize("role", ["editor", "translator"])
def test_admin_menu_urls_a_role_is_not_shown_are_refused_to_it(users, role):
    everything = _menu_urls(users["admin"])
    visible = _menu_urls(users[role])
    assert len(everything) > 10 and visible < everything
    client = _client(users[role])
    problems = []
    gaps_seen = set()
    for url in sorted(everything - visible):
        response = client.get(url)
        if not _refused(response):
            if url in KNOWN_GAPS:
                gaps_seen.add(url)
                continue
            problems.append(f"{role} can open {url} (status {response.status_code})")
    assert gaps_seen == KNOWN_GAPS & (everything - visible), (
        "a known gap was fixed: remove it from KNOWN_GAPS"
    )
    for url in sorted(visible):
        if client.get(url).status_code != 200:
            problems.append(f"{role} is shown {url} but cannot open it")
    assert problems == []


def test_anonymous_gets_no_admin_url_but_the_sign_in_ones(users):
    client = _client(None)
    paths = admin_paths_without_arguments()
    assert len(paths) > 30
    for path in paths:
        if path.startswith(PUBLIC_ADMIN_PREFIXES):
            continue
        response = client.get(path)
        assert response.status_code in (302, 401, 403, 404, 405), (path, response.status_code)
        if response.status_code == 302:
            assert response["Location"].startswith("/admin/login/"), (path, response["Location"])


@pytest.mark.parametrize("role", ["editor", "translator"])
def test_no_admin_url_errors_for_any_role(users, role):
    client = _client(users[role])
    for path in admin_paths_without_arguments():
        if path.startswith(("/admin/logout/", *DELIBERATE_ERRORS)):
            continue
        assert client.get(path).status_code < 500, path


@pytest.mark.parametrize("role", ["editor", "translator"])
def test_snippet_views_follow_the_permission_policy(users, role):
    user = users[role]
    client = _client(user)
    checked = 0
    for model in get_snippet_models():
        viewset = model.snippet_viewset
        policy = viewset.permission_policy
        may_list = policy.user_has_any_permission(user, ["add", "change", "delete", "view"])
        list_response = client.get(viewset.get_url_name and _reverse(viewset, "list"))
        assert (list_response.status_code == 200) == may_list, (model, list_response.status_code)
        before = model._default_manager.count()
        add_url = _reverse(viewset, "add")
        if add_url and not policy.user_has_permission(user, "add"):
            assert _refused(client.get(add_url)), (model, "add")
            response = client.post(add_url, {})
            assert _refused(response), (model, "add POST", response.status_code)
            assert model._default_manager.count() == before
        checked += 1
    assert checked >= 5


def _reverse(viewset, name):
    from django.urls import NoReverseMatch, reverse

    try:
        return reverse(viewset.get_url_name(name))
    except NoReverseMatch:
        return None


# --- API ------------------------------------------------------------------------------------


def _schema() -> dict:
    return json.loads(Client().get("/api/v3/openapi.json").content)


def _token(user) -> dict:
    if user is None:
        return {}
    _, token = APIToken.create_token(user=user, name="access-test")
    return {"HTTP_AUTHORIZATION": f"Bearer {token}"}


def _fresh_page(parent, slug) -> Page:
    page = parent.add_child(instance=StandardPage(title=f"Sivu {slug}", slug=slug, locale=parent.locale))
    page.save_revision().publish()
    return Page.objects.get(pk=page.pk)


PAGE_WRITES = {
    # (method, path template): (what Wagtail's page permissions must allow, request body)
    ("patch", "/api/v3/pages/{page_id}/"): (
        "can_edit",
        {"meta": {"type": "home.StandardPage"}, "title": "Muutettu"},
    ),
    ("post", "/api/v3/pages/{page_id}/actions/unpublish/"): ("can_unpublish", {}),
    ("post", "/api/v3/pages/{page_id}/actions/publish/"): ("can_publish", {}),
    ("delete", "/api/v3/pages/{page_id}/"): ("can_delete", None),
}


def test_every_api_write_is_covered_by_this_test():
    schema = _schema()
    writes = {(m, p) for p, ops in schema["paths"].items() for m in ops if m != "get"}
    assert writes - set(PAGE_WRITES) == {("post", "/api/v3/pages/")}, "a new write endpoint needs a rule here"


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("operation", sorted(PAGE_WRITES))
def test_api_page_writes_follow_wagtails_page_permissions(users, translated_home, role, operation):
    method, template = operation
    check, body = PAGE_WRITES[operation]
    user = users[role]
    for language in ("fi", "sv"):
        page = _fresh_page(translated_home[language], f"api-{role}-{method}-{language}")
        url = template.format(page_id=page.pk)
        kwargs = {"content_type": "application/json", **_token(user)}
        if body is not None:
            kwargs["data"] = json.dumps(body)
        response = getattr(Client(), method)(url, **kwargs)
        before_title, before_live = page.title, page.live
        if check == "can_publish":
            page.specific.unpublish()  # publishing is only meaningful for an unpublished page
            before_live = False
            response = getattr(Client(), method)(url, **kwargs)
        allowed = user is not None and getattr(page.permissions_for_user(user), check)()
        if user is None:
            assert response.status_code == 401, (role, operation, language)
        elif not allowed:
            assert response.status_code in (403, 404), (role, operation, language, response.status_code)
        else:
            assert response.status_code < 400 or response.status_code == 422, (
                role,
                operation,
                response.content,
            )
        if not allowed:
            after = Page.objects.filter(pk=page.pk).first()
            assert after is not None and after.title == before_title and after.live == before_live


def test_creating_pages_through_the_api_needs_a_token_and_add_permission(users, translated_home):
    fi_home = translated_home["fi"]
    body = json.dumps(
        {"meta": {"type": "home.StandardPage", "parent_id": fi_home.pk}, "title": "Uusi", "slug": "uusi-api"}
    )
    assert Client().post("/api/v3/pages/", body, content_type="application/json").status_code == 401
    translator = Client().post(
        "/api/v3/pages/", body, content_type="application/json", **_token(users["translator"])
    )
    assert translator.status_code in (403, 404, 422)
    assert not Page.objects.filter(slug="uusi-api").exists()


def test_every_public_api_read_answers_anonymous_without_error(users, translated_home):
    client = Client()
    for path, operations in _schema()["paths"].items():
        if "get" not in operations or "{" in path:
            continue
        response = client.get(path, {"locale": "fi"})
        assert response.status_code < 500, path
        assert response.status_code in (200, 400, 401, 403, 404, 422), (path, response.status_code)
