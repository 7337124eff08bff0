"""The API instance mounted at /api/v3/: Wagtail API v3 building blocks, only what we publish.

Wagtail 8's stock v3 instance lists pages as id/title only, has no language fallback,
loads its docs from a CDN and requires tokens for some public reads. This instance keeps
Wagtail's conventions (namespace `wagtailapi_v3`, bearer tokens for writes, limit/offset)
and adds the board's endpoints to the same OpenAPI document.

This module is project wiring: it assembles the routers the apps own (board/api.py,
documents/api.py, home/api/) and imports nothing else of theirs. The rest of cms/api/
(common.py, errors.py, i18n.py, docs.py, middleware.py, openapi.py) are the building blocks
those endpoints share, and import no app.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.conf import settings
from django.http import Http404, HttpRequest, HttpResponse
from django.urls import URLPattern, URLResolver, path
from django.utils import translation
from django.utils.translation import gettext as _
from ninja import NinjaAPI

from cms.api import openapi
from cms.api.docs import OfflineSwagger
from cms.api.errors import PROBLEM_JSON, problem, register_problem_handlers

DESCRIPTION = """\
Public, read-only content of the Volunteer Work Advisory Board of the City of Helsinki
(Vapaaehtoistyön neuvottelukunta): pages, the board's terms, seats, people and memberships,
meetings with their documents, events, documents and search.

**Languages.** Every endpoint takes `locale` (`fi`, `sv`, `en`). An item not translated into the
requested language is returned in Finnish with `"fallback": true`; every item lists its other
language versions in `translations`.

**Lists** return complete items (no detail call needed), `limit`/`offset` paginated.

**Errors** are `application/problem+json` (RFC 9457) with `type`, `title`, `status`, `detail`
and, for bad input, `errors` naming each parameter. Unknown query parameters are refused with 400.

**Writes** (Wagtail's page write API) need `Authorization: Bearer <token>`
(`manage.py api_tokens create`). **Drafts** are readable only through a preview token.
"""


def _gate_docs(view: Callable) -> Callable:
    @wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if not getattr(settings, "WAGTAILAPI_DOCS_ENABLED", True):
            raise Http404
        return view(request, *args, **kwargs)

    return wrapper


def reject_unknown_query_parameters(run: Callable) -> Callable:
    """A view decorator: 400 for any query parameter the operation does not declare."""
    operation = getattr(run, "__self__", None)
    allowed: set[str] = set()
    if operation is not None:
        for model in operation.signature.models:
            if model.__ninja_param_source__ == "query":
                allowed |= set(getattr(model, "__ninja_flatten_map__", {}) or model.model_fields)

    @wraps(run)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        unknown = sorted(set(request.GET) - allowed)
        if unknown:
            known = ", ".join(sorted(allowed)) or _("none")
            return problem(
                400,
                _("Unknown query parameter(s): %(names)s. Allowed: %(known)s.")
                % {"names": ", ".join(unknown), "known": known},
                [
                    {"loc": ["query", name], "msg": _("Unknown query parameter."), "type": "unknown"}
                    for name in unknown
                ],
            )
        return run(request, *args, **kwargs)

    return wrapper


RATE_LIMITED = {
    "description": "Too many requests from this client: wait `Retry-After` seconds (cms/security/ratelimit).",
    "headers": {"Retry-After": {"schema": {"type": "integer"}, "description": "Seconds to wait."}},
    "content": {
        PROBLEM_JSON: {
            "schema": {
                "type": "object",
                "required": ["status", "title", "detail"],
                "properties": {
                    "status": {"type": "integer"},
                    "title": {"type": "string"},
                    "detail": {"type": "string"},
                },
            }
        }
    },
}


class ContentAPI(NinjaAPI):
    """Ninja's OpenAPI document, telling the truth about errors (problem+json, and 429),
    in English for every visitor and served as the committed snapshot's exact bytes."""

    def get_openapi_schema(self, *args: Any, **kwargs: Any) -> dict:
        # Field and block labels are translatable: the description is English for everyone,
        # so one document (and one cached copy) serves every visitor.
        with translation.override("en"):
            schema = super().get_openapi_schema(*args, **kwargs)
        for operations in schema["paths"].values():
            for operation in operations.values():
                responses = operation.get("responses", {})
                for code, response in responses.items():
                    content = response.get("content", {})
                    if int(code) >= 400 and "application/json" in content:
                        content[PROBLEM_JSON] = content.pop("application/json")
                responses.setdefault(429, RATE_LIMITED)
        return openapi.finish(schema)

    def _get_urls(self) -> list[URLResolver | URLPattern]:
        urls = super()._get_urls()
        for index, pattern in enumerate(urls):
            if getattr(pattern, "name", None) == "openapi-json":
                view = self.docs_decorator(self._openapi_json) if self.docs_decorator else self._openapi_json
                urls[index] = path(self.openapi_url.lstrip("/"), view, name="openapi-json")
        return urls

    def _openapi_json(self, request: HttpRequest, **kwargs: Any) -> HttpResponse:
        """Formatted as `make openapi` writes cms/api/openapi.json, so the two compare byte for byte."""
        document = openapi.dumps(self.get_openapi_schema(path_params=kwargs))
        return HttpResponse(document, content_type="application/json")


api = ContentAPI(
    title="Vapaaehtoistyön neuvottelukunta – content API",
    version="3.0.0",
    description=DESCRIPTION,
    urls_namespace="wagtailapi_v3",
    docs=OfflineSwagger(),
    docs_decorator=_gate_docs,
    openapi_url="/openapi.json",
    docs_url="/docs/",
)
register_problem_handlers(api)
api.add_decorator(reject_unknown_query_parameters, mode="view")


def build() -> NinjaAPI:
    """Attach the routers (once), after every app is loaded; cms/urls.py reads api.urls next."""
    if getattr(api, "_cms_built", False):
        return api
    # Each app owns its endpoints; this is the one place that knows them all.
    from board import api as board
    from documents import api as documents
    from home.api import locales, pages, preview, search

    api.add_router("/pages/", pages.router)
    api.add_router("/", board.router)
    api.add_router("/documents/", documents.router)
    api.add_router("/search/", search.router)
    api.add_router("/locales/", locales.router)
    api.add_router("/preview/", preview.router)
    api.add_router("/resolve/", pages.resolve_router)
    api._cms_built = True
    return api


def document() -> dict:
    """The OpenAPI document as served (`make openapi` writes it to cms/api/openapi.json)."""
    return build().get_openapi_schema()


def not_found(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
    """Any other address under /api/: a problem+json 404, not the site's HTML page."""
    return problem(404, _("There is no API endpoint at this address. See /api/v3/docs/."))
