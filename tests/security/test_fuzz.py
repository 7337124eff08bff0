"""Fuzzing public search and API parameters (Hypothesis): no input yields a server error,
and expensive parameters are bounded."""

import json

import pytest
from django.test import Client, override_settings
from hypothesis import HealthCheck, given
from hypothesis import settings as hsettings
from hypothesis import strategies as st

FUZZ = hsettings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])

# Values that have broken query handling elsewhere: huge and negative numbers, NUL and other
# control characters, SQL/FTS syntax, very long strings, odd Unicode.
nasty_text = st.one_of(
    st.text(max_size=60),
    st.text(alphabet=st.characters(codec="utf-8"), min_size=200, max_size=3000),
    st.sampled_from(
        [
            "\x00",
            "'",
            '"',
            "%",
            "_",
            "\\",
            "*",
            "(",
            ")",
            "OR 1=1 --",
            "a & b | !c",
            "NEAR(",
            '"unterminated',
            "ä" * 500,
            "𝔘𝔫𝔦𝔠𝔬𝔡𝔢",
            "\u202e",
            "-1",
            "1e309",
            "NaN",
            "9" * 40,
            "0x10",
            " ",
            "",
        ]
    ),
)
nasty_number = st.one_of(
    st.integers(min_value=-(2**70), max_value=2**70).map(str),
    st.sampled_from(["", "abc", "1.5", "-0", "1e9"]),
)


@pytest.fixture
def api_schema(translated_home) -> dict:
    return json.loads(Client().get("/api/v3/openapi.json").content)


def _get_operations(schema: dict) -> list[tuple[str, list[str]]]:
    ops = []
    for path, operations in schema["paths"].items():
        if "get" in operations:
            names = [p["name"] for p in operations["get"].get("parameters", []) if p.get("in") == "query"]
            ops.append((path, names))
    return ops


@override_settings(RATELIMIT_ENABLED=False)
@FUZZ
@given(data=st.data())
def test_api_never_answers_500_whatever_the_parameters(api_schema, data):
    operations = _get_operations(api_schema)
    path, names = data.draw(st.sampled_from(operations))
    for placeholder in (
        "{page_id}",
        "{term_id}",
        "{person_id}",
        "{meeting_id}",
        "{event_id}",
        "{document_id}",
        "{locale_id}",
    ):
        if placeholder in path:
            path = path.replace(
                placeholder,
                data.draw(st.sampled_from(["1", "0", "-1", "99999999999999999999", "abc", "%00", "1.0"])),
            )
    keys = st.sampled_from(
        names + ["limit", "offset", "search", "q", "locale", "order", "type", "fields", "x"]
    )
    params = data.draw(st.dictionaries(keys, st.one_of(nasty_text, nasty_number), max_size=5))
    response = Client().get(path, params)
    assert response.status_code < 500, (path, params, response.content[:300])


@override_settings(RATELIMIT_ENABLED=False)
@FUZZ
@given(
    path=st.sampled_from(["/fi/haku/", "/sv/sok/", "/en/search/"]),
    params=st.dictionaries(
        st.sampled_from(["q", "page", "type", "sort", "order", "lang", "x"]),
        st.one_of(nasty_text, nasty_number),
        max_size=4,
    ),
)
def test_search_never_answers_500_whatever_the_parameters(translated_home, path, params):
    response = Client().get(path, params)
    assert response.status_code < 500, (path, params)


@override_settings(RATELIMIT_ENABLED=False)
@pytest.mark.parametrize(
    "params",
    [{"limit": 10**6}, {"limit": -1}, {"offset": 10**12}, {"offset": -5}, {"limit": 0}],
)
def test_api_page_size_and_offset_are_bounded(translated_home, params, settings):
    response = Client().get("/api/v3/pages/", {"locale": "fi", **params})
    assert response.status_code in (400, 422), response.content[:300]


@override_settings(RATELIMIT_ENABLED=False)
def test_api_accepts_the_largest_allowed_page_size(translated_home, settings):
    response = Client().get("/api/v3/pages/", {"locale": "fi", "limit": settings.API_LIMIT_MAX})
    assert response.status_code == 200


@override_settings(RATELIMIT_ENABLED=False)
def test_api_search_query_length_is_bounded(translated_home):
    assert Client().get("/api/v3/search/", {"q": "a" * 201, "locale": "fi"}).status_code in (400, 422)
    assert Client().get("/api/v3/search/", {"q": "a" * 200, "locale": "fi"}).status_code == 200


@override_settings(RATELIMIT_ENABLED=False)
def test_site_search_cuts_an_overlong_query_and_still_answers(translated_home):
    from cms.security.hostile import MAX_VALUE_LENGTH
    from home.search import MAX_QUERY_LENGTH

    # Longer than the search reads, within what any query parameter may be (longer is a 400:
    # tests/security/test_hostile_input.py).
    query = "vapaaehtoistyö " * (MAX_VALUE_LENGTH // 16)
    assert MAX_QUERY_LENGTH < len(query) <= MAX_VALUE_LENGTH
    response = Client().get("/fi/haku/", {"q": query})
    assert response.status_code == 200
    assert query.strip() not in response.content.decode()
    assert MAX_QUERY_LENGTH <= 500
