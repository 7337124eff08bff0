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
from django.conf import settings
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.utils.cache import patch_cache_control
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from graphql import GraphQLError, ValidationRule
from graphql.language import (
    FieldNode,
    FragmentDefinitionNode,
    FragmentSpreadNode,
    InlineFragmentNode,
    OperationDefinitionNode,
    VariableNode,
)

from cms.graphql.common import MAX_FIRST
from cms.graphql.schema import schema

GET_PARAMETERS = {"query", "variables", "operationName"}
MAX_QUERY_CHARS = 100_000

# Lists whose items multiply the cost of what is selected below them: connections by their
# `first` (else their default page size, as WPGraphQL's 10), translations by the other languages.
ROOT_CONNECTIONS = {"pages": 10, "posts": 10, "categories": 100, "tags": 100}
CONNECTIONS = {"children": 10, "menuItems": 100}
TRANSLATIONS = ("translations",)


def max_depth() -> int:
    return getattr(settings, "GRAPHQL_MAX_DEPTH", 15)


def max_cost() -> int:
    return getattr(settings, "GRAPHQL_MAX_COST", 2_000_000)


def _fragments(document: Any) -> dict:
    return {d.name.value: d for d in document.definitions if isinstance(d, FragmentDefinitionNode)}


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


class CostLimit(ValidationRule):
    """Refuses an operation whose cost exceeds GRAPHQL_MAX_COST: each field counts once for every
    item of the lists around it (a connection's `first`, capped at 100; the other languages)."""

    variables: dict = {}

    @classmethod
    def with_variables(cls, variables: dict | None) -> type[CostLimit]:
        return type("CostLimit", (cls,), {"variables": variables or {}})

    def enter_operation_definition(self, node: OperationDefinitionNode, *_args: Any) -> None:
        fragments = _fragments(self.context.document)
        cost = self._cost(node.selection_set, fragments, {}, root=True)
        if cost > max_cost():
            self.report_error(
                GraphQLError(
                    _(
                        "The query costs too much: %(cost)d, at most %(max)d is allowed "
                        "(each field counts once for every item of the lists around it)."
                    )
                    % {"cost": cost, "max": max_cost()},
                    node,
                    extensions={"code": "QUERY_TOO_COSTLY", "cost": cost, "maxCost": max_cost()},
                )
            )

    def _multiplier(self, field: FieldNode, root: bool) -> int:
        name = field.name.value
        if name in TRANSLATIONS:
            return max(1, len(settings.WAGTAIL_CONTENT_LANGUAGES) - 1)
        sizes = ROOT_CONNECTIONS if root else CONNECTIONS
        if name not in sizes:
            return 1
        for argument in field.arguments or ():
            if argument.name.value == "first":
                value = argument.value
                if isinstance(value, VariableNode):
                    given = self.variables.get(value.name.value)
                else:
                    given = getattr(value, "value", None)
                try:
                    return max(1, min(int(given), MAX_FIRST))
                except (TypeError, ValueError):
                    break
        return sizes[name]

    def _cost(
        self,
        selection_set: Any,
        fragments: dict,
        memo: dict,
        seen: frozenset = frozenset(),
        root: bool = False,
    ) -> int:
        """The cost of a selection for one item: each field 1, plus its selection times its list's
        size. Linear in its multiplier, so each fragment is costed once (memo): linear time."""
        if selection_set is None:
            return 0
        total = 0
        for selection in selection_set.selections:
            if isinstance(selection, FieldNode):
                inner = self._cost(selection.selection_set, fragments, memo, seen)
                total += 1 + self._multiplier(selection, root) * inner
            elif isinstance(selection, InlineFragmentNode):
                total += self._cost(selection.selection_set, fragments, memo, seen, root)
            elif isinstance(selection, FragmentSpreadNode):
                name = selection.name.value
                if name in seen or name not in fragments:
                    continue  # a cycle or an unknown fragment: validation reports it
                key = (name, root)
                if key not in memo:
                    inner = fragments[name].selection_set
                    memo[key] = self._cost(inner, fragments, memo, seen | {name}, root)
                total += memo[key]
        return total


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
        validation_rules=[DepthLimit, CostLimit.with_variables(variables)],
        debug=settings.DEBUG,
    )
    # Errors before execution (syntax, unknown fields, limits): 400; results, partial or not: 200.
    status = 200 if "data" in result else 400
    return JsonResponse(result, status=status, json_dumps_params={"ensure_ascii": False})
