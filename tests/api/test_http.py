"""HTTP behaviour of the API: problem+json errors, strict parameters, CORS, docs, tokens, caching."""

from __future__ import annotations

import re

import pytest
from django.contrib.auth import get_user_model
from django.contrib.staticfiles import finders
from django.test import override_settings
from wagtail.models import APIToken

from cms.api.api import build

PROBLEM_KEYS = {"type", "title", "status", "detail", "errors"}


def _get_operations() -> list[tuple[str, dict]]:
    schema = build().get_openapi_schema()
    return [(path, ops["get"]) for path, ops in schema["paths"].items() if "get" in ops]


GET_OPERATIONS = _get_operations()


def _url(path: str) -> str:
    return re.sub(r"\{[^}]+\}", "1", path)


def _assert_problem(response, status: int) -> dict:
    assert response.status_code == status, (response.status_code, response.content[:500])
    assert response["Content-Type"] == "application/problem+json"
    body = response.json()
    assert set(body) == PROBLEM_KEYS
    assert body["status"] == status and body["type"] == "about:blank" and body["detail"]
    return body


@pytest.mark.parametrize(("path", "operation"), GET_OPERATIONS, ids=[p for p, _ in GET_OPERATIONS])
def test_unknown_query_parameter_is_a_clear_400(api, path, operation):
    body = _assert_problem(api.get(_url(path), {"bogus": "1"}), 400)
    assert body["errors"] == [
        {"loc": ["query", "bogus"], "msg": "Unknown query parameter.", "type": "unknown"}
    ]
    assert "bogus" in body["detail"]


def _bad_values(schema: dict) -> list[str]:
    """Values that the parameter's schema rules out."""
    options = schema.get("anyOf", [schema])
    types = {o.get("type") for o in options}
    bad = []
    if "string" not in types or any("enum" in o or "format" in o or "pattern" in o for o in options):
        bad.append("not-a-valid-value")
    if types & {"integer", "number"}:
        bad += ["1.5e999", "-1", "99999999999999999999"]
    if "boolean" in types:
        bad.append("maybe")
    return bad


def _params():
    cases = []
    for path, operation in GET_OPERATIONS:
        for param in operation.get("parameters", []):
            for value in _bad_values(param["schema"]):
                cases.append((path, param["in"], param["name"], value))
    return cases


@pytest.mark.parametrize(("path", "where", "name", "value"), _params())
def test_wrong_types_and_out_of_range_values_are_400_never_500(api, path, where, name, value):
    if where == "path":
        url = path.replace("{" + name + "}", value)
        url = _url(url)
        response = api.get(url, {"token": "x"} if "preview" in path else {})
    else:
        required = {"path": "/fi/"} if path.endswith("/resolve/") else {}
        required |= {"token": "x"} if path.endswith("/preview/") and name != "token" else {}
        response = api.get(_url(path), {**required, name: value})
    if response.status_code == 404 and where == "path":
        return  # a negative or huge id is simply not found
    body = _assert_problem(response, 400 if name != "token" else 403)
    if response.status_code == 400:
        assert any(error["loc"][-1] == name for error in body["errors"]), body


def test_not_found_is_problem_json(api, db):
    for url in (
        "/api/v3/pages/999999/",
        "/api/v3/meetings/999999/",
        "/api/v3/nothing-here/",
        "/api/v2/pages/",
    ):
        _assert_problem(api.get(url), 404)


def test_limit_above_the_maximum_is_refused(api, db):
    body = _assert_problem(api.get("/api/v3/meetings/", {"limit": 101}), 400)
    assert body["errors"][0]["loc"] == ["query", "limit"]
    assert "100" in body["errors"][0]["msg"]


@override_settings(CORS_ALLOWED_ORIGINS=["https://app.example.invalid"])
def test_cors_only_for_configured_origins_and_only_on_the_api(api, translated_home):
    allowed = api.get("/api/v3/pages/", HTTP_ORIGIN="https://app.example.invalid")
    assert allowed["Access-Control-Allow-Origin"] == "https://app.example.invalid"
    other = api.get("/api/v3/pages/", HTTP_ORIGIN="https://evil.example.invalid")
    assert "Access-Control-Allow-Origin" not in other
    preflight = api.options(
        "/api/v3/meetings/",
        HTTP_ORIGIN="https://app.example.invalid",
        HTTP_ACCESS_CONTROL_REQUEST_METHOD="GET",
    )
    assert preflight.status_code == 200
    assert preflight["Access-Control-Allow-Origin"] == "https://app.example.invalid"
    site = api.get("/fi/", HTTP_ORIGIN="https://app.example.invalid")
    assert "Access-Control-Allow-Origin" not in site
    error = api.get("/api/v3/pages/", {"bogus": 1}, HTTP_ORIGIN="https://app.example.invalid")
    assert error["Access-Control-Allow-Origin"] == "https://app.example.invalid"


def test_cors_is_off_without_configuration(api, translated_home):
    response = api.get("/api/v3/pages/", HTTP_ORIGIN="https://app.example.invalid")
    assert "Access-Control-Allow-Origin" not in response


def test_docs_are_served_without_any_cdn_or_inline_script(api, db):
    response = api.get("/api/v3/docs/")
    assert response.status_code == 200
    html = response.content.decode()
    urls = re.findall(r'(?:src|href)="([^"]+)"', html)
    assert urls, html
    for url in urls:
        assert url.startswith("/static/"), url
        assert finders.find(url.removeprefix("/static/")), f"missing static file {url}"
    assert not re.search(r"https?://", html)
    assert all('src="' in tag for tag in re.findall(r"<script[^>]*>", html)), "no inline scripts"
    assert "style=" not in html
    assert 'data-openapi-url="/api/v3/openapi.json"' in html
    assert api.get("/api/v3/openapi.json").status_code == 200


def test_openapi_lists_public_reads_without_auth_and_writes_with_a_token(api, db):
    schema = api.json("/api/v3/openapi.json")
    for path, operations in schema["paths"].items():
        for method, operation in operations.items():
            if method == "get" and "preview" not in path:
                assert operation["security"] == [], (method, path)  # declared: no credentials
                assert {"200", "400"} <= set(operation["responses"]), (method, path)
            elif method != "get":
                assert operation["security"] == [{"BearerTokenAuth": []}], (method, path)
                assert "401" in operation["responses"]


def _problem_shape_documented(schema: dict) -> None:
    problem = schema["components"]["schemas"]["Problem"]
    assert set(problem["properties"]) == PROBLEM_KEYS


def test_problem_shape_is_documented(api, db):
    _problem_shape_documented(api.json("/api/v3/openapi.json"))


def test_write_endpoints_need_a_token(api, standard_page, client):
    url = f"/api/v3/pages/{standard_page.pk}/actions/unpublish/"
    _assert_problem(api.post(url, {}, content_type="application/json"), 401)
    _assert_problem(api.delete(f"/api/v3/pages/{standard_page.pk}/"), 401)
    _assert_problem(api.post("/api/v3/pages/", {}, content_type="application/json"), 401)
    # A logged-in admin session is not enough: the API never trusts cookies.
    admin = get_user_model().objects.create_superuser("root", "root@example.invalid", "pw")
    client.force_login(admin)
    _assert_problem(client.post(url, {}, content_type="application/json"), 401)
    _assert_problem(
        api.post(url, {}, content_type="application/json", HTTP_AUTHORIZATION="Bearer wagtail_nottoken"), 401
    )
    standard_page.refresh_from_db()
    assert standard_page.live

    _, token = APIToken.create_token(user=admin, name="tests")
    response = api.post(url, {}, content_type="application/json", HTTP_AUTHORIZATION=f"Bearer {token}")
    assert response.status_code == 200, response.content[:500]
    standard_page.refresh_from_db()
    assert not standard_page.live


def test_a_token_without_permissions_is_forbidden(api, standard_page):
    user = get_user_model().objects.create_user("reader", "reader@example.invalid", "pw")
    _, token = APIToken.create_token(user=user, name="reader")
    response = api.post(
        f"/api/v3/pages/{standard_page.pk}/actions/unpublish/",
        {},
        content_type="application/json",
        HTTP_AUTHORIZATION=f"Bearer {token}",
    )
    _assert_problem(response, 403)
    standard_page.refresh_from_db()
    assert standard_page.live


def test_api_answers_carry_etag_last_modified_and_cache_control(api, board):
    for url in ("/api/v3/meetings/", "/api/v3/pages/", f"/api/v3/meetings/{board['held'].pk}/"):
        response = api.get(url, {"locale": "sv"})
        assert response.status_code == 200
        assert response["ETag"] and response["Last-Modified"]
        assert "public" in response["Cache-Control"] and "max-age" in response["Cache-Control"]
        again = api.get(url, {"locale": "sv"}, HTTP_IF_NONE_MATCH=response["ETag"])
        assert again.status_code == 304
    other_language = api.get("/api/v3/meetings/", {"locale": "fi"})
    assert other_language["ETag"] != api.get("/api/v3/meetings/", {"locale": "sv"})["ETag"]


def test_publishing_changes_the_etag_of_the_list(api, board):
    first = api.get("/api/v3/meetings/")
    board["draft"].save_revision().publish()
    second = api.get("/api/v3/meetings/", HTTP_IF_NONE_MATCH=first["ETag"])
    assert second.status_code == 200
    assert second.json()["count"] == first.json()["count"] + 1


@pytest.mark.parametrize("language", ["fi", "sv", "en"])
def test_error_messages_follow_accept_language(api, db, language):
    from django.utils import translation

    response = api.get("/api/v3/meetings/", {"bogus": 1}, HTTP_ACCEPT_LANGUAGE=language)
    body = _assert_problem(response, 400)
    with translation.override(language):
        assert body["errors"][0]["msg"] == translation.gettext("Unknown query parameter.")
        assert body["detail"].startswith(
            translation.gettext("Unknown query parameter(s): %(names)s. Allowed: %(known)s.")[:10]
        )
