"""Errors as RFC 9457 problem details (`application/problem+json`) with one stable shape.

Every error the API answers has `type`, `title`, `status` and `detail`, and for bad input
an `errors` list naming each offending parameter (`loc`) with a message (`msg`).
"""

from __future__ import annotations

from http import HTTPStatus
from typing import Any

from django.core.exceptions import PermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.utils.translation import gettext as _
from ninja import NinjaAPI, Schema
from ninja.errors import AuthenticationError, HttpError
from ninja.errors import ValidationError as NinjaValidationError
from pydantic import Field
from pydantic import ValidationError as PydanticValidationError

PROBLEM_JSON = "application/problem+json"


class ProblemItem(Schema):
    loc: list[str | int] = Field(
        default_factory=list, description="Where the problem is, e.g. ['query', 'limit']."
    )
    msg: str = Field(description="What is wrong, in the request's language.")
    type: str = Field(default="invalid", description="A machine-readable error code.")


class Problem(Schema):
    """An error answer (RFC 9457 problem details)."""

    type: str = Field(default="about:blank", description="Always `about:blank`: the status says it all.")
    title: str = Field(description="The HTTP status phrase, e.g. `Bad Request`.")
    status: int = Field(description="The HTTP status code, repeated.")
    detail: str = Field(description="A human-readable explanation in the request's language.")
    errors: list[ProblemItem] = Field(
        default_factory=list, description="Each invalid parameter, for 400/422."
    )


def problem(status: int, detail: str, errors: list[dict[str, Any]] | None = None) -> HttpResponse:
    body = Problem(
        title=HTTPStatus(status).phrase,
        status=status,
        detail=str(detail),
        errors=[ProblemItem(**e) for e in errors or []],
    )
    return HttpResponse(body.model_dump_json(), status=status, content_type=PROBLEM_JSON)


def _items_from_ninja(errors: list[dict[str, Any]]) -> list[dict[str, Any]]:
    items = []
    for error in errors:
        loc = [str(part) if not isinstance(part, int) else part for part in error.get("loc", [])]
        items.append(
            {"loc": loc, "msg": str(error.get("msg", "")), "type": str(error.get("type", "invalid"))}
        )
    return items


def register_problem_handlers(api: NinjaAPI) -> None:
    """Map every exception the API can raise to a problem+json answer; never a bare 500 page."""

    @api.exception_handler(NinjaValidationError)
    def invalid_input(request: HttpRequest, exc: NinjaValidationError) -> HttpResponse:
        items = _items_from_ninja(exc.errors)
        # Bad query strings and paths are the client's mistake in the URL: 400, whatever the
        # body. A body that parses but does not validate is 422, as in Wagtail's own write API.
        in_url = any(item["loc"][:1] in (["query"], ["path"]) for item in items)
        if in_url:
            return problem(400, _("Invalid request parameters."), items)
        return problem(422, _("The request body is not valid."), items)

    @api.exception_handler(PydanticValidationError)
    def invalid_data(request: HttpRequest, exc: PydanticValidationError) -> HttpResponse:
        items = [{"loc": list(e["loc"]), "msg": e["msg"], "type": e["type"]} for e in exc.errors()]
        return problem(422, _("The request body is not valid."), items)

    @api.exception_handler(DjangoValidationError)
    def invalid_model(request: HttpRequest, exc: DjangoValidationError) -> HttpResponse:
        return problem(422, _("The request body is not valid."), [{"msg": m} for m in exc.messages])

    @api.exception_handler(AuthenticationError)
    def unauthenticated(request: HttpRequest, exc: AuthenticationError) -> HttpResponse:
        return problem(401, _("Authentication required: send an API token as 'Authorization: Bearer …'."))

    @api.exception_handler(PermissionDenied)
    def forbidden(request: HttpRequest, exc: PermissionDenied) -> HttpResponse:
        if not getattr(request.user, "is_authenticated", False):
            return problem(401, _("Authentication required: send an API token as 'Authorization: Bearer …'."))
        return problem(403, str(exc) or _("You do not have permission to do this."))

    @api.exception_handler(Http404)
    def not_found(request: HttpRequest, exc: Http404) -> HttpResponse:
        return problem(404, str(exc) or _("Not found."))

    @api.exception_handler(HttpError)
    def http_error(request: HttpRequest, exc: HttpError) -> HttpResponse:
        return problem(exc.status_code, str(exc))

    @api.exception_handler(ApiError)
    def api_error(request: HttpRequest, exc: ApiError) -> HttpResponse:
        return problem(exc.status, exc.detail, exc.errors)


class ApiError(Exception):
    """Raised by views for a problem answer with a translated message."""

    def __init__(self, status: int, detail: str, errors: list[dict[str, Any]] | None = None):
        super().__init__(detail)
        self.status = status
        self.detail = str(detail)
        self.errors = errors or []


def bad_param(name: str, message: str) -> ApiError:
    return ApiError(400, _("Invalid request parameters."), [{"loc": ["query", name], "msg": str(message)}])


# Documented on every operation: what an error answer looks like.
def error_responses(*codes: int) -> dict[int, type[Problem]]:
    return dict.fromkeys(codes, Problem)
