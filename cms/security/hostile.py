"""Hostile input is refused at the door: 400, never a 500 from deep inside.

NUL bytes (PostgreSQL refuses them in text), lone surrogates (they cannot be encoded, so any
write or log fails), bytes that are not UTF-8 and over-long values are refused in the path, the
query string, the headers, the cookies and form fields, and other control characters in the
path, headers and cookies, before
any view, session or database lookup sees them. The API answers `application/problem+json`
(cms.api.errors.problem, the API's one error shape); the site a short page in the language
of the address, rendered without the database. The same answer serves Django's own 400s
(handler400: an unknown host, too many fields, a body over the size limit).
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from urllib.parse import parse_qsl

from django.conf import settings
from django.core.exceptions import RequestDataTooBig, SuspiciousOperation, TooManyFieldsSent
from django.core.handlers.wsgi import get_bytes_from_wsgi
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.http.multipartparser import MultiPartParserError
from django.template import loader
from django.utils import translation
from django.utils.cache import patch_vary_headers
from django.utils.translation import gettext as _

from . import refusals

# Longest path, query parameter name or value (characters, after decoding). The API's own
# limits are lower (`path` of resolve 2000, `q` of search 200); nginx refuses request lines
# over 8 KB anyway.
MAX_VALUE_LENGTH = 4096
# Longest header value (bytes), as nginx's default buffer for one header line.
MAX_HEADER_LENGTH = 8192
# /graphql/ takes its query in the address on GET (cacheable): the operations of Helsinki's
# headless CMS library run to about 7 300 characters (their fragments included), so a query
# parameter there may be four times the usual limit (deploy/nginx.conf's header buffers hold
# it). Longer ones are refused as a GraphQL error, never as an HTML page.
GRAPHQL_PATH = "/graphql/"
GRAPHQL_MAX_VALUE_LENGTH = 16384

# C0 controls and DEL: never in the path, a header or a cookie (nothing legitimate puts them
# there). Values (query parameters, form fields, JSON) may hold them as text: only NUL is
# refused there, which PostgreSQL cannot store.
_CONTROLS = re.compile(r"[\x00-\x1f\x7f]")
_NUL = re.compile(r"\x00")

INVALID_CHARACTERS = "invalid_characters"
INVALID_ENCODING = "invalid_encoding"
TOO_LONG = "too_long"
TOO_LARGE = "too_large"


def reason_text(code: str) -> str:
    """The refusal's reason for humans, in the active language."""
    return {
        INVALID_CHARACTERS: _("The request contains characters that are not allowed (such as NUL)."),
        INVALID_ENCODING: _("The request contains text that is not valid UTF-8."),
        TOO_LONG: _("The request contains a value that is too long."),
        TOO_LARGE: _("The request is too large or has too many fields."),
    }.get(code, _("The request could not be read."))


@dataclass(frozen=True)
class Refusal:
    """What is wrong and where: `loc` as in the API's problem items, e.g. ["query", "path"]."""

    code: str
    loc: tuple[str, ...]


def _has_surrogate(text: str) -> bool:
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return True
    return False


def _check_text(text: str, loc: tuple[str, ...], controls: re.Pattern, limit: int | None) -> Refusal | None:
    if "\x00" in text or controls.search(text) or _has_surrogate(text):
        return Refusal(INVALID_CHARACTERS, loc)
    if limit is not None and len(text) > limit:
        return Refusal(TOO_LONG, loc)
    return None


def _check_path(request: HttpRequest) -> Refusal | None:
    # Bytes that are not UTF-8 reach Django's path percent-encoded again (`/fi/%FF/`), so they
    # can only miss a page (404); NUL and control characters arrive as themselves.
    return _check_text(request.path_info, ("path",), _CONTROLS, MAX_VALUE_LENGTH)


def _check_pairs(raw: bytes, where: str, limit: int | None) -> Refusal | None:
    """A query string or urlencoded body: UTF-8, before and after percent-decoding."""
    try:
        pairs = parse_qsl(
            raw.decode("utf-8"),
            keep_blank_values=True,
            encoding="utf-8",
            errors="strict",
            max_num_fields=settings.DATA_UPLOAD_MAX_NUMBER_FIELDS,
        )
    except UnicodeDecodeError:
        return Refusal(INVALID_ENCODING, (where,))
    except ValueError:  # more fields than DATA_UPLOAD_MAX_NUMBER_FIELDS
        return Refusal(TOO_LARGE, (where,))
    for name, value in pairs:
        name_loc = (where, name) if not _check_text(name, (), _NUL, None) else (where,)
        refusal = _check_text(name, name_loc, _NUL, limit) or _check_text(value, name_loc, _NUL, limit)
        if refusal:
            return refusal
    return None


def _check_headers(request: HttpRequest) -> Refusal | None:
    for key, value in request.META.items():
        if not (key.startswith("HTTP_") or key in ("CONTENT_TYPE", "CONTENT_LENGTH")):
            continue
        if not isinstance(value, str):
            continue
        name = key.removeprefix("HTTP_").replace("_", "-").title()
        loc = ("header", name)
        try:
            raw = value.encode("latin-1")  # WSGI hands headers over as latin-1
            raw.decode("utf-8")
        except (UnicodeEncodeError, UnicodeDecodeError):
            return Refusal(INVALID_ENCODING, loc)
        if len(raw) > MAX_HEADER_LENGTH:
            return Refusal(TOO_LONG, loc)
        refusal = _check_text(value.replace("\t", " "), loc, _CONTROLS, None)
        if refusal:
            return refusal
    # Quoted cookie values may spell any byte in octal ("\000"): check them parsed, too.
    for name, value in request.COOKIES.items():
        refusal = _check_text(name, ("cookie",), _CONTROLS, None) or _check_text(
            value, ("cookie", name), _CONTROLS, None
        )
        if refusal:
            return refusal
    return None


def _walk_json(value: object, loc: tuple[str, ...]) -> Refusal | None:
    if isinstance(value, str):
        return _check_text(value, loc, _NUL, None)
    if isinstance(value, list):
        for item in value:
            if refusal := _walk_json(item, loc):
                return refusal
    elif isinstance(value, dict):
        for key, item in value.items():
            if refusal := _check_text(key, loc, _NUL, None) or _walk_json(item, (*loc, key)):
                return refusal
    return None


def _check_body(request: HttpRequest) -> Refusal | None:
    if request.method in ("GET", "HEAD", "OPTIONS", "TRACE"):
        return None
    content_type = request.content_type or ""
    if content_type == "application/x-www-form-urlencoded":
        try:
            raw = request.body
        except RequestDataTooBig:
            return Refusal(TOO_LARGE, ("body",))
        return _check_pairs(raw, "body", limit=None)
    if content_type == "multipart/form-data":
        # Parsed as the CSRF check would parse it anyway; file contents are not text.
        for name, values in request.POST.lists():
            for value in values:
                if refusal := _check_text(value, ("body", name), _NUL, None):
                    return refusal
        for name, files in request.FILES.lists():
            for upload in files:
                if refusal := _check_text(upload.name or "", ("body", name), _CONTROLS, None):
                    return refusal
        return None
    if content_type == "application/json" or content_type.endswith("+json"):
        try:
            text = request.body.decode("utf-8")
        except RequestDataTooBig:
            return Refusal(TOO_LARGE, ("body",))
        except UnicodeDecodeError:
            return Refusal(INVALID_ENCODING, ("body",))
        try:
            document = json.loads(text)
        except ValueError:
            return None  # not JSON: the view says so in its own words
        return _walk_json(document, ("body",))
    return None


def _query_limit(request: HttpRequest) -> int:
    """The longest query parameter the path takes: GraphQL's GET queries may be longer."""
    return GRAPHQL_MAX_VALUE_LENGTH if request.path_info == GRAPHQL_PATH else MAX_VALUE_LENGTH


def find_refusal(request: HttpRequest) -> Refusal | None:
    """The first hostile part of the request, or None."""
    return (
        _check_path(request)
        # WSGI hands the query string over as latin-1: its bytes as they came.
        or _check_pairs(
            get_bytes_from_wsgi(request.environ, "QUERY_STRING", ""), "query", _query_limit(request)
        )
        or _check_headers(request)
        or _check_body(request)
    )


def refuse(request: HttpRequest, refusal: Refusal) -> HttpResponse:
    """400 for the refusal: problem+json under /api/, a GraphQL error (`errors`, with the
    refusal's code in `extensions.code`) at /graphql/, the site's short page elsewhere."""
    return refusals.refusal(request, lambda: _bad_request(request, refusal))


def _bad_request(request: HttpRequest, refusal: Refusal) -> HttpResponse:
    reason = reason_text(refusal.code)
    if request.path_info == GRAPHQL_PATH:
        extensions = {"code": (refusal.code or "bad_request").upper(), "loc": list(refusal.loc)}
        if refusal.code == TOO_LONG and refusal.loc and refusal.loc[0] == "query":
            extensions["maxLength"] = GRAPHQL_MAX_VALUE_LENGTH
        response = JsonResponse(
            {"errors": [{"message": reason, "extensions": extensions}]},
            status=400,
            json_dumps_params={"ensure_ascii": False},
        )
        patch_vary_headers(response, ("Accept-Language",))
        return response
    if request.path_info.startswith("/api/"):
        from cms.api.errors import problem

        loc = list(refusal.loc)
        response = problem(400, reason, [{"loc": loc, "msg": reason, "type": refusal.code}])
        patch_vary_headers(response, ("Accept-Language",))
        return response
    language_code = translation.get_language()
    html = loader.get_template("400.html").render({"LANGUAGE_CODE": language_code, "reason": reason})
    return HttpResponse(html, status=400)


class HostileInputMiddleware:
    """Refuses hostile input before anything else reads it (cms/settings/base.py MIDDLEWARE)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        try:
            refusal = find_refusal(request)
        except (RequestDataTooBig, TooManyFieldsSent):
            refusal = Refusal(TOO_LARGE, ("body",))
        except (MultiPartParserError, SuspiciousOperation):
            refusal = Refusal(INVALID_ENCODING, ("body",))
        if refusal is not None:
            return refuse(request, refusal)
        return self.get_response(request)


def bad_request(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    """handler400 (cms/urls.py): Django's own refusals in the same two shapes."""
    code = TOO_LARGE if isinstance(exception, (RequestDataTooBig, TooManyFieldsSent)) else ""
    return refuse(request, Refusal(code, ()))
