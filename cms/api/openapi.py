"""The OpenAPI document: one for every visitor, and its committed snapshot.

`make openapi` (or `python manage.py api_openapi --write`) writes the snapshot; the served
/api/v3/openapi.json is the same bytes (cms/api/api.py), whatever the visitor's language.
This module only shapes and writes the document; cms/api/api.py (the assembly) imports it and
builds the document (`document()`), never the other way round.
Spectral and Redocly lint it in CI (.spectral.yaml, redocly.yaml).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from django.core.serializers.json import DjangoJSONEncoder
from django.utils import translation

SNAPSHOT = Path(__file__).with_name("openapi.json")

# Relative: the API is served by whichever host answers (any `make run` port, production's
# domain), and every path below carries /api/v3/ itself.
SERVERS = [{"url": "/", "description": "This site: the host that served this document."}]

CONTACT = {"name": "City of Helsinki, Volunteer Work Advisory Board (Vapaaehtoistyön neuvottelukunta)"}

TAGS = [
    {
        "name": "pages",
        "description": "The site's pages with their fields, in every language; page writes with a token.",
    },
    {
        "name": "board",
        "description": "The board: terms, seats, people and memberships, meetings and calendar events.",
    },
    {"name": "documents", "description": "The board's public documents (PDF): agendas, minutes, programmes."},
    {"name": "search", "description": "One search over pages, meetings, events and the text of documents."},
    {"name": "locales", "description": "The content languages."},
    {"name": "preview", "description": "Unpublished drafts, for the editor's preview link only."},
]


def finish(schema: dict) -> dict:
    """Ninja's document made plain JSON in English, with what tools ask of a description:
    servers, contact, global tags, `security` on every operation, simple request bodies,
    a `oneOf` only where one alternative fits, and only the components something refers to."""
    with translation.override("en"):  # block and field labels are gettext_lazy
        schema = json.loads(json.dumps(schema, cls=DjangoJSONEncoder))
    schema["servers"] = SERVERS
    schema["info"]["contact"] = CONTACT
    schema["tags"] = TAGS
    for operations in schema["paths"].values():
        for operation in operations.values():
            # Public reads need no credentials: say so, rather than leave it unsaid.
            operation.setdefault("security", [])
            body = operation.get("requestBody", {}).get("content", {})
            for media in body.values():
                media["schema"] = _plain_reference(media["schema"])
    _honest_one_of(schema, schema)
    _drop_unused_components(schema)
    return schema


def _resolve(schema: dict, node: dict) -> dict:
    while isinstance(node, dict) and "$ref" in node:
        node = schema["components"]["schemas"][node["$ref"].rsplit("/", 1)[1]]
    return node


def _page_type(schema: dict, member: dict) -> str | None:
    """The `meta.type` constant that a page schema requires, if it requires one."""
    member = _resolve(schema, member)
    meta = _resolve(schema, member.get("properties", {}).get("meta", {}))
    if "meta" not in member.get("required", []) or "type" not in meta.get("required", []):
        return None
    return meta.get("properties", {}).get("type", {}).get("const")


def _honest_one_of(schema: dict, node: Any) -> None:
    """A `oneOf` must match exactly one alternative. Page schemas are told apart by their
    required `meta.type` constant; Wagtail's update bodies carry no type (the page has one),
    so a body like `{"title": "…"}` fits all of them: that union is an `anyOf`."""
    if isinstance(node, dict):
        members = node.get("oneOf")
        if members and "discriminator" not in node:
            types = [_page_type(schema, member) for member in members]
            if None in types or len(set(types)) != len(types):
                node["anyOf"] = node.pop("oneOf")
                if "discriminated" in node.get("description", ""):
                    node["description"] = "The fields to change; the page's own type decides which apply."
        for value in node.values():
            _honest_one_of(schema, value)
    elif isinstance(node, list):
        for value in node:
            _honest_one_of(schema, value)


def _plain_reference(schema: dict) -> dict:
    """`{"allOf": [{"$ref": X}], "default": {...}}` (pydantic's way of giving a model body a
    default) as `{"$ref": X}`: client generators cannot give a model a default value, and
    the body is optional anyway (`required: false`; the model's own fields have defaults)."""
    all_of = schema.get("allOf")
    if all_of and len(all_of) == 1 and set(all_of[0]) == {"$ref"} and set(schema) <= {"allOf", "default"}:
        return dict(all_of[0])
    return schema


def _references(node: Any) -> set[str]:
    found: set[str] = set()
    stack = [node]
    while stack:
        item = stack.pop()
        if isinstance(item, dict):
            ref = item.get("$ref")
            if isinstance(ref, str) and ref.startswith("#/components/schemas/"):
                found.add(ref.rsplit("/", 1)[1])
            stack.extend(item.values())
        elif isinstance(item, list):
            stack.extend(item)
    return found


def _drop_unused_components(schema: dict) -> None:
    """Ninja also lists the query-parameter models, which it flattens into parameters."""
    components = schema.get("components", {}).get("schemas", {})
    used: set[str] = set()
    pending = _references(schema["paths"])
    while pending:
        name = pending.pop()
        if name in used or name not in components:
            continue
        used.add(name)
        pending |= _references(components[name]) - used
    for name in set(components) - used:
        del components[name]


def dumps(schema: dict) -> str:
    return json.dumps(schema, indent=2, sort_keys=True, ensure_ascii=False) + "\n"
