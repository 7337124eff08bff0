"""No input gives 500 (issue 16, item 4): real HTTP requests against Granian, under the test
settings and under the production settings, on the suite's database engine (NUL matters on
PostgreSQL, which refuses it in text).

NUL bytes, control characters, lone surrogates, bytes that are not UTF-8 and over-long values
in every API parameter (read from the committed OpenAPI document, so a new parameter is fuzzed
without touching this file), the resolve path, the site search, page and document URLs,
headers, cookies and form fields answer 400 or 404: the API with `application/problem+json`,
the site with a short page in the language of the address. Requests are written byte for byte
on a socket (tests/security/live.py): http.client and Django's test client cannot send some of them.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from hypothesis import HealthCheck, given
from hypothesis import settings as hsettings
from hypothesis import strategies as st
from lxml import html as lxml_html

from cms.security.hostile import MAX_HEADER_LENGTH, MAX_VALUE_LENGTH
from tests.security import live

ROOT = Path(__file__).resolve().parents[2]
OPENAPI = json.loads((ROOT / "cms" / "api" / "openapi.json").read_text())
SERVERS = ["test", "production"]
PROBLEM_JSON = "application/problem+json"

# Each hostile value as it goes on the wire (inside a request target).
HOSTILE = {
    "NUL": b"%00",
    "NUL inside": b"fi%00x",
    "lone surrogate": b"%ED%A0%80",
    "invalid UTF-8": b"%FF",
    "truncated UTF-8": b"a%C3",
    "raw invalid byte": b"\xff",
    "over-long": b"a" * (MAX_VALUE_LENGTH + 1),
}


def _operations() -> list[tuple[str, str, dict]]:
    """(method, path, parameter) for every parameter of every operation in the OpenAPI document."""
    found = []
    for path, operations in OPENAPI["paths"].items():
        for method, operation in operations.items():
            for parameter in operation.get("parameters", []):
                found.append((method.upper(), path, parameter))
    return found


def _secured(method: str, path: str) -> bool:
    return bool(OPENAPI["paths"][path][method.lower()].get("security"))


def _send(servers, server: str, method: str, path: str, target: bytes, **kwargs):
    """One request to an operation; the write operations with a valid token, so that what is
    judged is the hostile value, not the missing credentials. (Every value sent is hostile:
    nothing is ever written.)"""
    headers = kwargs.pop("headers", b"")
    if _secured(method, path):
        headers += b"Authorization: Bearer " + servers.api_tokens[server].encode() + b"\r\n"
    return live.get(servers.bases[server], target, method=method.encode(), headers=headers, **kwargs)


OPERATIONS = _operations()


def _fill_path(path: str, value: bytes = b"1") -> bytes:
    return re.sub(rb"\{[^}]+\}", lambda _m: value, path.encode())


def _target(path: str, parameter: dict, value: bytes) -> bytes:
    if parameter["in"] == "path":
        return _fill_path(path.replace("{" + parameter["name"] + "}", "{x}"), value)
    return _fill_path(path) + b"?" + parameter["name"].encode() + b"=" + value


def _refused_by_granian(status: int, headers: dict, body: bytes) -> bool:
    """Granian refuses a request target with raw bytes outside ASCII, and a header with control
    characters, itself: an empty 400 before the application sees anything."""
    return status == 400 and "content-type" not in headers and body == b""


def _problem(status: int, headers: dict, body: bytes) -> str | None:
    """What is wrong with an API answer to hostile input, or None."""
    if _refused_by_granian(status, headers, body):
        return None
    if status not in (400, 404):
        return f"status {status}"
    if headers.get("content-type", "").split(";")[0] != PROBLEM_JSON:
        return f"content type {headers.get('content-type')!r}"
    document = json.loads(body)
    if document.get("status") != status or not document.get("detail"):
        return f"problem document {document!r}"
    return None


def test_the_openapi_document_lists_the_parameters_fuzzed_here():
    names = {(path, parameter["name"]) for _method, path, parameter in OPERATIONS}
    assert ("/api/v3/resolve/", "path") in names
    assert ("/api/v3/search/", "q") in names
    assert ("/api/v3/documents/{document_id}/", "document_id") in names
    assert len(OPERATIONS) > 40


@pytest.mark.parametrize("server", SERVERS)
def test_every_api_parameter_refuses_hostile_values_with_a_problem_document(appservers, server):
    failures = []
    for method, path, parameter in OPERATIONS:
        for label, value in HOSTILE.items():
            target = _target(path, parameter, value)
            status, headers, body = _send(appservers, server, method, path, target)
            if problem := _problem(status, headers, body):
                failures.append(f"{method} {target[:80]!r} ({parameter['name']}, {label}): {problem}")
    assert failures == []


@pytest.mark.parametrize("server", SERVERS)
def test_the_known_nul_in_the_resolve_path_is_a_400_problem(appservers, server):
    status, headers, body = live.get(appservers.bases[server], b"/api/v3/resolve/?path=/fi/%00/")
    assert status == 400
    assert headers["content-type"] == PROBLEM_JSON
    problem = json.loads(body)
    assert problem["status"] == 400
    assert problem["errors"][0]["loc"] == ["query", "path"]
    assert problem["errors"][0]["type"] == "invalid_characters"
    # A sane path still resolves.
    status, _headers, body = live.get(appservers.bases[server], b"/api/v3/resolve/?path=/fi/")
    assert status == 200
    assert json.loads(body)["meta"]["locale"] == "fi"


@pytest.mark.parametrize("server", SERVERS)
def test_json_bodies_with_nul_or_lone_surrogates_are_refused(appservers, server):
    for operation_path, operations in OPENAPI["paths"].items():
        for method, operation in operations.items():
            if "requestBody" not in operation:
                continue
            for body in (b'{"title": "a\\u0000b"}', b'{"title": "\\ud800"}', b'{"title": "\xff"}'):
                status, headers, answer = _send(
                    appservers,
                    server,
                    method.upper(),
                    operation_path,
                    _fill_path(operation_path),
                    headers=b"Content-Type: application/json\r\n",
                    body=body,
                )
                assert status == 400, (method, operation_path, body, answer[:300])
                assert headers["content-type"] == PROBLEM_JSON


def _document_urls(base: str) -> list[bytes]:
    status, _headers, body = live.get(base, b"/api/v3/documents/?locale=fi&limit=3")
    assert status == 200
    return [urlsplit(item["url"]).path.encode() for item in json.loads(body)["items"]]


def _site_targets(base: str) -> list[bytes]:
    """The site's URLs with a hostile part: search, pages, documents, feeds."""
    document = _document_urls(base)[0]
    document_id = document.split(b"/")[2]
    # Control characters are refused in the path (values may hold them as text).
    targets = [b"/fi/%01/", b"/sv/a%1Fb/", b"/documents/" + document_id + b"/%7F.pdf"]
    for value in HOSTILE.values():
        targets += [
            b"/fi/haku/?q=" + value,
            b"/sv/sok/?q=" + value,
            b"/en/search/?q=" + value,
            b"/fi/haku/?q=vapaaehtoisty%C3%B6&page=" + value,
            b"/fi/" + value + b"/",
            b"/sv/" + value + b"/",
            b"/documents/" + document_id + b"/" + value + b".pdf",
            b"/documents/" + value + b"/x.pdf",
            document + b"?" + value + b"=1",
            b"/sitemap.xml?p=" + value,
            b"/admin/login/?next=" + value,
        ]
    return targets


@pytest.mark.parametrize("server", SERVERS)
def test_site_search_pages_and_document_urls_answer_400_or_404(appservers, server):
    base = appservers.bases[server]
    failures = []
    for target in _site_targets(base):
        status, headers, body = live.get(base, target)
        if _refused_by_granian(status, headers, body):
            continue
        if status not in (400, 404):
            failures.append(f"{target[:80]!r}: {status}")
        elif not headers.get("content-type", "").startswith("text/html"):
            failures.append(f"{target[:80]!r}: {headers.get('content-type')}")
    assert failures == []


# Header lines a client can send: raw bytes, as they go on the wire.
HOSTILE_HEADERS = {
    "invalid UTF-8 in Accept-Language": b"Accept-Language: \xff\xfe\r\n",
    "lone surrogate in User-Agent": b"User-Agent: a\xed\xa0\x80b\r\n",
    "NUL in User-Agent": b"User-Agent: a\x00b\r\n",
    "control character in User-Agent": b"User-Agent: a\x01b\r\n",
    "NUL in a quoted session cookie": b'Cookie: sessionid="\\000\\000\\000\\000\\000\\000\\000\\000"\r\n',
    "NUL in a quoted language cookie": b'Cookie: django_language="\\000"\r\n',
    "invalid UTF-8 in X-Forwarded-For": b"X-Forwarded-For: \xff, 10.0.0.1\r\n",
    "invalid UTF-8 in If-None-Match": b'If-None-Match: "\xff"\r\n',
    "invalid UTF-8 in Authorization": b"Authorization: Bearer \xff\xfe\r\n",
    "over-long Accept-Language": b"Accept-Language: " + b"fi," * (MAX_HEADER_LENGTH // 3 + 1) + b"\r\n",
}


def _servers(request, server: str):
    fixture = "make_run_servers" if server == "dev" else "appservers"
    return request.getfixturevalue(fixture).bases[server]


@pytest.mark.parametrize("server", [*SERVERS, "dev"])
def test_hostile_headers_and_cookies_answer_400(request, server):
    """On `make run`'s server every hostile header reaches the application, which refuses it.
    Granian empties a header value with bytes outside ASCII before the application sees it
    (the request is then answered as without that header) and refuses control characters itself."""
    base = _servers(request, server)
    targets = [b"/fi/", b"/admin/login/", b"/api/v3/pages/?locale=fi", _document_urls(base)[0]]
    failures = []
    for label, header in HOSTILE_HEADERS.items():
        outside_ascii = any(byte > 127 for byte in header)
        for target in targets:
            status, headers, body = live.get(base, target, headers=header)
            if server != "dev" and outside_ascii:
                plain = live.get(base, target)[0]
                problem = None if status == plain else f"status {status}, without the header {plain}"
            elif target.startswith(b"/api/"):
                problem = _problem(status, headers, body) or (None if status == 400 else f"status {status}")
            else:
                problem = None if status == 400 else f"status {status}"
            if problem:
                failures.append(f"{label} on {target!r}: {problem}")
    assert failures == []


def _login_form(base: str) -> tuple[str, str]:
    status, headers, body = live.get(base, b"/admin/login/")
    assert status == 200
    token = re.search(rb'name="csrfmiddlewaretoken" value="([^"]+)"', body).group(1).decode()
    cookie = re.search(r"csrftoken=([^;]+)", headers["set-cookie"]).group(1)
    return token, cookie


@pytest.mark.parametrize("server", SERVERS)
@pytest.mark.parametrize(
    "fields",
    [b"username=ad%00min&password=x", b"username=admin&password=%ED%A0%80", b"username=ad%FFmin&password=x"],
)
def test_hostile_form_fields_answer_400_in_the_language_of_the_visitor(appservers, server, fields):
    base = appservers.bases[server]
    token, cookie = _login_form(base)
    body = f"csrfmiddlewaretoken={token}&".encode() + fields
    status, _headers, answer = live.get(
        base,
        b"/admin/login/",
        headers=(
            b"Content-Type: application/x-www-form-urlencoded\r\n"
            b"Accept-Language: sv\r\n"
            b"Cookie: csrftoken=" + cookie.encode() + b"\r\n"
            b"Referer: " + base.encode() + b"/admin/login/\r\n"
        ),
        method=b"POST",
        body=body,
    )
    assert status == 400
    page = lxml_html.fromstring(answer.decode())
    assert page.get("lang") == "sv"


@pytest.mark.parametrize(
    ("target", "language", "heading", "reason"),
    [
        (b"/fi/haku/?q=%00", "fi", "Virheellinen pyyntö", "Pyynnössä on merkkejä"),
        (b"/sv/sok/?q=%00", "sv", "Felaktig begäran", "Begäran innehåller tecken"),
        (b"/en/search/?q=%00", "en", "Bad request", "The request contains characters"),
    ],
)
def test_the_refusal_page_is_in_the_language_of_the_address(appservers, target, language, heading, reason):
    """Needs the Finnish and Swedish strings merged into locale/ (/work/strings/hardening.json)."""
    status, headers, body = live.get(appservers.bases["production"], target)
    assert status == 400
    assert headers["content-type"].startswith("text/html")
    page = lxml_html.fromstring(body.decode())
    assert page.get("lang") == language
    assert page.xpath("normalize-space(//h1)") == heading
    assert reason in page.text_content()
    assert "no-store" in headers["cache-control"]


def test_api_refusals_are_in_the_language_of_the_visitor(appservers):
    status, headers, body = live.get(
        appservers.bases["production"], b"/api/v3/search/?q=%00", headers=b"Accept-Language: sv\r\n"
    )
    assert status == 400
    assert headers["content-type"] == PROBLEM_JSON
    assert "Accept-Language" in headers["vary"]
    assert json.loads(body)["detail"].startswith("Begäran innehåller tecken")


# Random text with a hostile character somewhere, in a random parameter of a random operation.
_poison = st.sampled_from(["%00", "%ED%A0%80", "%FF", "%C3", "%ED%BF%BF", "%F4%90%80%80", "%C0%AF"])
_safe_text = st.text(alphabet="abcdefghijklmnopqrstuvwxyzäöå0123456789-_./", max_size=20)


@pytest.mark.parametrize("server", SERVERS)
def test_fuzzed_api_parameters_never_answer_500(appservers, server):

    @hsettings(max_examples=150, deadline=None, derandomize=True, suppress_health_check=list(HealthCheck))
    @given(
        operation=st.sampled_from(OPERATIONS),
        before=_safe_text,
        poison=_poison,
        after=_safe_text,
    )
    def check(operation, before, poison, after):
        method, path, parameter = operation
        value = before.encode().replace(b"%", b"%25") + poison.encode() + after.encode().replace(b"%", b"%25")
        value = b"".join(
            bytes([c]) if c < 128 else b"%" + f"{c:02X}".encode() for c in value
        )  # non-ASCII text percent-encoded as a browser would
        target = _target(path, parameter, value)
        status, headers, body = _send(appservers, server, method, path, target)
        assert _problem(status, headers, body) is None, (method, target, status, body[:300])

    check()


def test_django_own_refusals_take_the_same_shapes_under_production_settings(appservers):
    """handler400: an unknown Host (DisallowedHost) and too many fields answer as hostile input does."""
    base = appservers.bases["production"]
    request = b"GET /api/v3/pages/ HTTP/1.1\r\nHost: evil.example\r\nConnection: close\r\n\r\n"
    status, headers, body = live.raw_request(base, request)
    assert status == 400
    assert headers["content-type"] == PROBLEM_JSON
    assert json.loads(body)["status"] == 400
    request = b"GET /sv/ HTTP/1.1\r\nHost: evil.example\r\nConnection: close\r\n\r\n"
    status, headers, body = live.raw_request(base, request)
    assert status == 400
    assert lxml_html.fromstring(body.decode()).get("lang") == "sv"
    many = b"&".join(b"a%d=1" % n for n in range(1001))
    status, headers, body = live.get(base, b"/api/v3/pages/?" + many)
    assert status == 400
    assert headers["content-type"] == PROBLEM_JSON
    assert json.loads(body)["errors"][0]["type"] == "too_large"


def test_an_api_server_error_is_a_problem_document_too(rf):
    """handler500 under /api/ (a 500 cannot be caused from outside any more, so called directly)."""
    from home.views import server_error

    response = server_error(rf.get("/api/v3/pages/", HTTP_ACCEPT_LANGUAGE="en"))
    assert response.status_code == 500
    assert response["Content-Type"] == PROBLEM_JSON
    assert json.loads(response.content)["detail"].startswith("Something went wrong on our side")
    page = server_error(rf.get("/sv/"))
    assert page["Content-Type"].startswith("text/html")
