"""/graphql/ keeps the REST API's rules: limits, caching, rate limits, clear errors, flat queries."""

from __future__ import annotations

import json

import pytest
from django.db import connection
from django.test import override_settings
from django.test.utils import CaptureQueriesContext

from tests.graphql.conftest import operations

DEEP = '{ page(id: "/fi/", idType: URI) { ' + "translations { " * 20 + "id" + " }" * 20 + " } }"
COSTLY = (
    "{ pages(first: 100) { nodes { children(first: 100) { nodes { "
    "children(first: 100) { nodes { id title } } } } } } }"
)


def test_too_deep_a_query_is_refused_with_a_clear_error(gql, translated_home):
    errors = gql.run(DEEP, expect=400)["errors"]
    assert errors[0]["extensions"]["code"] == "QUERY_TOO_DEEP"
    assert errors[0]["message"] == "The query is too deep: 22 levels of fields, at most 15 are allowed."


def test_too_costly_a_query_is_refused_with_a_clear_error(gql, translated_home):
    errors = gql.run(COSTLY, expect=400)["errors"]
    assert errors[0]["extensions"]["code"] == "QUERY_TOO_COSTLY"
    assert errors[0]["extensions"]["cost"] > errors[0]["extensions"]["maxCost"]
    assert errors[0]["message"].startswith("The query costs too much:")
    # Asked with a variable, the same: the limit reads the variables.
    query = COSTLY.replace("{ pages(first: 100)", "query ($n: Int) { pages(first: $n)")
    assert gql.run(query, {"n": 100}, expect=400)["errors"][0]["extensions"]["code"] == "QUERY_TOO_COSTLY"
    assert "errors" not in gql.run(query, {"n": 1})  # one page, its children: cheap


@pytest.mark.parametrize(
    ("body", "content_type", "status", "start"),
    [
        ("{", "application/json", 400, "The request body is not valid JSON."),
        ("[]", "application/json", 400, "A GraphQL query is required"),
        ('{"query": "{ nope }"}', "application/json", 400, "Cannot query field 'nope'"),
        (
            '{"query": "{ languages { code } }", "variables": [1]}',
            "application/json",
            400,
            "The variables must",
        ),
        ('{"query": "{ languages { code } }"}', "text/plain", 415, "Send the query as JSON"),
        (
            '{"query": "{ page(id: 1, idType: NOPE) { id } }"}',
            "application/json",
            400,
            "Value 'NOPE' does not",
        ),
    ],
)
def test_bad_requests_get_a_clear_graphql_error_never_a_500(gql, db, body, content_type, status, start):
    response = gql.post("/graphql/", body, content_type=content_type)
    assert response.status_code == status, response.content
    assert response.json()["errors"][0]["message"].startswith(start)
    assert "no-store" in response["Cache-Control"]


def test_bad_get_parameters_are_refused_in_the_visitors_language(gql, db):
    response = gql.get(
        "/graphql/", {"query": "{ languages { code } }", "bogus": "1"}, HTTP_ACCEPT_LANGUAGE="en"
    )
    assert response.status_code == 400
    assert response.json()["errors"][0]["message"].startswith("Unknown query parameter(s): bogus.")
    response = gql.get("/graphql/", {"query": "{ languages { code } }", "variables": "{"})
    assert response.json()["errors"][0]["message"] == "The variables parameter is not valid JSON."
    assert gql.put("/graphql/").status_code == 405


def test_get_is_cacheable_with_etag_and_post_is_never_cached(gql, board):
    # GET carries the query in the address: at most 4096 characters a parameter (cms/security/hostile.py).
    query = (
        "query ($language: LanguageCodeFilterEnum) "
        "{ posts(where: {language: $language}) { nodes { id title } } }"
    )
    params = {"query": query, "variables": json.dumps({"language": "SV"})}
    first = gql.get("/graphql/", params)
    assert first.status_code == 200 and "errors" not in first.json()
    assert first["ETag"] and "public" in first["Cache-Control"]
    assert gql.get("/graphql/", params, HTTP_IF_NONE_MATCH=first["ETag"]).status_code == 304
    # Publishing changes the answer and its ETag.
    board["draft"].save_revision().publish()
    again = gql.get("/graphql/", params, HTTP_IF_NONE_MATCH=first["ETag"])
    assert again.status_code == 200 and again["ETag"] != first["ETag"]
    posted = gql.post(
        "/graphql/", json.dumps({"query": operations()["posts"]}), content_type="application/json"
    )
    assert posted.status_code == 200
    assert "no-store" in posted["Cache-Control"] and "public" not in posted["Cache-Control"]
    assert not posted.has_header("ETag")


@override_settings(
    RATELIMIT_RULES=[{"name": "graphql", "path_regex": r"^/graphql/", "requests": 2, "window": 60}]
)
def test_rate_limited_with_a_graphql_error_and_retry_after(gql, db):
    for _ in range(2):
        assert (
            gql.post(
                "/graphql/",
                '{"query": "{ languages { code } }"}',
                content_type="application/json",
                REMOTE_ADDR="192.0.2.9",
            ).status_code
            == 200
        )
    response = gql.post(
        "/graphql/",
        '{"query": "{ languages { code } }"}',
        content_type="application/json",
        REMOTE_ADDR="192.0.2.9",
    )
    assert response.status_code == 429
    assert 1 <= int(response["Retry-After"]) <= 60
    assert response.json()["errors"][0]["extensions"]["code"] == "RATE_LIMITED"


def _post_queries(gql, language: str) -> tuple[int, int]:
    query = operations()["posts"]
    with CaptureQueriesContext(connection) as queries:
        result = gql.run(query, {"language": language.upper(), "first": 100})
    return len(queries), len(result["data"]["posts"]["edges"])


def test_query_counts_are_flat_from_10_to_500_meetings(gql, translated_home):
    from tests.api.conftest import make_meetings

    make_meetings(10, year=2019)
    small, shown = _post_queries(gql, "sv")
    assert shown == 10
    make_meetings(490, year=2020)
    large, shown = _post_queries(gql, "sv")
    assert shown == 100
    assert large == small, (small, large)
    assert small <= 15


def test_the_librarys_longest_operation_is_served_by_get(gql, translated_home):
    # Apollo's GET puts the whole document in the address: the library's longest operation
    # (with its fragments) is longer than the site's 4096-character limit for a parameter.
    name, query = max(operations().items(), key=lambda item: len(item[1]))
    assert len(query) > 4096, name
    variables = {"id": "main-fi", "menuIdentifiersOnly": False, "language": "FI", "first": 5, "uri": "/fi/"}
    variables = {k: v for k, v in variables.items() if f"${k}" in query}
    response = gql.get("/graphql/", {"query": query, "variables": json.dumps(variables)})
    assert response.status_code == 200, response.content[:2000]
    assert "errors" not in response.json() and response.json()["data"]


@pytest.mark.parametrize(
    ("language", "message"),
    [
        ("fi", "Pyynnössä on liian pitkä arvo."),
        ("sv", "Begäran innehåller ett värde som är för långt."),
        ("en", "The request contains a value that is too long."),
    ],
)
def test_an_overlong_get_query_gets_a_translated_graphql_error_never_html(gql, db, language, message):
    hostile = "{ languages { code } }" + " " * 20_000 + "#" + "A" * 5000
    response = gql.get("/graphql/", {"query": hostile}, HTTP_ACCEPT_LANGUAGE=language)
    assert response.status_code == 400
    assert response["Content-Type"].startswith("application/json")
    body = response.json()
    extensions = {"code": "TOO_LONG", "loc": ["query", "query"], "maxLength": 16384}
    assert body == {"errors": [{"message": message, "extensions": extensions}]}
    assert b"<html" not in response.content.lower()
    # Just under the limit, the same query is served.
    fits = "{ languages { code } }" + " " * (16384 - 22)
    assert gql.get("/graphql/", {"query": fits}).status_code == 200
    # The site's other addresses keep their limit of 4096 characters, answered as a page.
    elsewhere = gql.get("/fi/", {"q": "x" * 5000}, HTTP_ACCEPT_LANGUAGE=language)
    assert elsewhere.status_code == 400 and not elsewhere["Content-Type"].startswith("application/json")


def test_other_hostile_get_input_at_graphql_is_a_graphql_error(gql, db):
    response = gql.get("/graphql/", {"query": "{ languages { code } }\x00"}, HTTP_ACCEPT_LANGUAGE="sv")
    assert response.status_code == 400
    error = response.json()["errors"][0]
    assert error["extensions"]["code"] == "INVALID_CHARACTERS"
    assert error["message"] == "Begäran innehåller tecken som inte är tillåtna (till exempel NUL)."
