"""What the middlewares that turn a request away before the site sees it share: the 400
for hostile input (cms/security/hostile.py) and the 429 for too many requests
(cms/security/ratelimit.py) answer in the request's language and are never stored."""

from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.utils import translation


def request_language(request: HttpRequest) -> str:
    """The language of the address (/fi/, /sv/, /en/), else the browser's. These answers
    come before LocaleMiddleware has run, and whatever the headers hold they are given."""
    codes = [code for code, _name in settings.LANGUAGES]
    prefix = request.path_info.lstrip("/").split("/", 1)[0]
    if prefix in codes:
        return prefix
    try:
        return translation.get_language_from_request(request)
    except Exception:  # noqa: BLE001 - a refusal must render whatever the headers said
        return settings.LANGUAGE_CODE


def refusal(request: HttpRequest, build: Callable[[], HttpResponse]) -> HttpResponse:
    """The answer `build()` makes, in the request's language, marked for no cache to keep."""
    with translation.override(request_language(request)):
        response = build()
    response["Cache-Control"] = "no-store"
    return response
