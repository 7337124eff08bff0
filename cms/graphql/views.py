"""/graphql/: GET (cacheable: ETag and the response cache, cms/http_cache.py) and POST (never cached).

Read-only and public: there are no mutations. Every query is checked before it runs for depth and
cost (limits in settings, GRAPHQL_MAX_DEPTH and GRAPHQL_MAX_COST), each refusal a GraphQL error
that names the limit, in the visitor's language. Introspection stays on (the schema is public
and committed as cms/graphql/schema.graphql). Rate limits: cms/security/ratelimit.py, rule
"graphql".
"""

from __future__ import annotations

import json
from typing import Any

from ariadne import graphql_sync
from ariadne.validation import cost_validator
from django.conf import settings
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.utils.cache import patch_cache_control
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from graphql import GraphQLError, ValidationRule
from graphql.language import FieldNode, FragmentSpreadNode, InlineFragmentNode, OperationDefinitionNode

from cms.graphql.schema import schema

GET_PARAMETERS = {"query", "variables", "operationName"}
MAX_QUERY_CHARS = 100_000

# Connections: each selected field below them counts once per item asked for (`first`).
COST_MAP = {
    "RootQuery": {
        "pages": {"multipliers": ["first"], "complexity": 1},
        "posts": {"multipliers": ["first"], "complexity": 1},
        "categories": {"multipliers": ["first"], "complexity": 1},
        "tags": {"multipliers": ["first"], "complexity": 1},
    },
    "Page": {"children": {"multipliers": ["first"], "complexity": 1}},
    "Menu": {"menuItems": {"multipliers": ["first"], "complexity": 1}},
}


def max_depth() -> int:
    return getattr(settings, "GRAPHQL_MAX_DEPTH", 15)


def max_cost() -> int:
    return getattr(settings, "GRAPHQL_MAX_COST", 50_000)


class DepthLimit(ValidationRule):
    """Refuses an operation nested deeper than GRAPHQL_MAX_DEPTH fields (fragments followed;
    introspection's own fields not counted, so that tools can always read the schema)."""

    def enter_operation_definition(self, node: OperationDefinitionNode, *_args: Any) -> None:
        fragments = {
            f.name.value: f for f in self.context.document.definitions if hasattr(f, "type_condition")
        }
        depth = self._depth(node.selection_set, fragments, 0, set())
        if depth > max_depth():
            self.report_error(
                GraphQLError(
                    _("The query is too deep: %(depth)d levels of fields, at most %(max)d are allowed.")
                    % {"depth": depth, "max": max_depth()},
                    node,
                    extensions={"code": "QUERY_TOO_DEEP", "depth": depth, "maxDepth": max_depth()},
                )
            )

    def _depth(self, selection_set: Any, fragments: dict, level: int, seen: set) -> int:
        if selection_set is None:
            return level
        deepest = level
        for selection in selection_set.selections:
            if isinstance(selection, FieldNode):
                if selection.name.value.startswith("__"):
                    continue
                deepest = max(deepest, self._depth(selection.selection_set, fragments, level + 1, seen))
            elif isinstance(selection, InlineFragmentNode):
                deepest = max(deepest, self._depth(selection.selection_set, fragments, level, seen))
            elif isinstance(selection, FragmentSpreadNode):
                name = selection.name.value
                if name in seen or name not in fragments:
                    continue  # a cycle or an unknown fragment: validation reports it
                deepest = max(
                    deepest, self._depth(fragments[name].selection_set, fragments, level, seen | {name})
                )
        return deepest


class CostLimit:
    """Ariadne's cost validator, with this project's message and code."""

    @staticmethod
    def rule(variables: dict | None) -> type[ValidationRule]:
        base = cost_validator(max_cost(), default_cost=1, variables=variables, cost_map=COST_MAP)

        class Rule(base):  # type: ignore[misc, valid-type]
            def report_error(self, error: GraphQLError) -> None:
                if "cost" in error.message.lower():
                    error = GraphQLError(
                        _("The query costs too much: at most %(max)d is allowed (fields × items asked for).")
                        % {"max": max_cost()},
                        error.nodes,
                        extensions={"code": "QUERY_TOO_COSTLY", "maxCost": max_cost()},
                    )
                super().report_error(error)

        return Rule


def _error(message: str, status: int = 400, code: str = "BAD_REQUEST") -> JsonResponse:
    return JsonResponse({"errors": [{"message": message, "extensions": {"code": code}}]}, status=status)


def _no_store(response: HttpResponse) -> HttpResponse:
    patch_cache_control(response, no_store=True)
    return response


@csrf_exempt
def graphql_view(request: HttpRequest) -> HttpResponse:
    if request.method in ("GET", "HEAD"):
        unknown = sorted(set(request.GET) - GET_PARAMETERS)
        if unknown:
            return _error(
                _("Unknown query parameter(s): %(names)s. Allowed: %(known)s.")
                % {"names": ", ".join(unknown), "known": ", ".join(sorted(GET_PARAMETERS))}
            )
        data: Any = {name: request.GET.get(name) for name in GET_PARAMETERS if name in request.GET}
        if "variables" in data:
            try:
                data["variables"] = json.loads(data["variables"])
            except ValueError:
                return _error(_("The variables parameter is not valid JSON."))
        return _answer(request, data)
    if request.method == "POST":
        if request.content_type != "application/json":
            return _no_store(_error(_("Send the query as JSON (Content-Type: application/json)."), 415))
        try:
            data = json.loads(request.body)
        except ValueError:
            return _no_store(_error(_("The request body is not valid JSON.")))
        return _no_store(_answer(request, data))
    response = _error(_("Use GET or POST."), 405, "METHOD_NOT_ALLOWED")
    response["Allow"] = "GET, HEAD, POST"
    return response


def _answer(request: HttpRequest, data: Any) -> HttpResponse:
    if not isinstance(data, dict) or not isinstance(data.get("query"), str) or not data["query"].strip():
        return _error(_("A GraphQL query is required (the query parameter or field)."))
    if len(data["query"]) > MAX_QUERY_CHARS:
        return _error(_("The query is too long: at most %(max)d characters.") % {"max": MAX_QUERY_CHARS})
    variables = data.get("variables")
    if variables is not None and not isinstance(variables, dict):
        return _error(_("The variables must be a JSON object."))
    if data.get("operationName") is not None and not isinstance(data["operationName"], str):
        return _error(_("The operation name must be a string."))
    _success, result = graphql_sync(
        schema(),
        {"query": data["query"], "variables": variables, "operationName": data.get("operationName")},
        context_value={"request": request},
        introspection=True,
        validation_rules=[DepthLimit, CostLimit.rule(variables)],
        debug=settings.DEBUG,
    )
    # Errors before execution (syntax, unknown fields, limits): 400; results, partial or not: 200.
    status = 200 if "data" in result else 400
    return JsonResponse(result, status=status, json_dumps_params={"ensure_ascii": False})
