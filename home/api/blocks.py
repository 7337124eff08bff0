"""Typed StreamField output: a pydantic model per block, streams discriminated by `type`.

Wagtail's own v3 schema types StreamFields as arrays of anything. Here every stream item
is `{"type": <block name>, "id": <uuid>, "value": <typed value>}` and the OpenAPI
document lists each block's value shape, so a front end can generate types from it.
Values are rendered from the stored JSON with references resolved in bulk (see refs).
"""

from __future__ import annotations

import datetime
import decimal
import re
from typing import Annotated, Any, Literal, Union

from django.utils import translation
from ninja import Schema
from pydantic import Field, create_model
from wagtail import blocks
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.images.blocks import ImageChooserBlock

from home.api.refs import DocumentLink, ImageRef, PageLink, Refs

_struct_cache: dict[type, type] = {}
_item_cache: dict[tuple[str, type], type] = {}
_used_names: dict[str, object] = {}


def _camel(name: str) -> str:
    return "".join(part.capitalize() for part in re.split(r"[_\W]+", name) if part)


def _unique(name: str, key: object) -> str:
    candidate, n = name, 2
    while candidate in _used_names and _used_names[candidate] != key:
        candidate, n = f"{name}{n}", n + 1
    _used_names[candidate] = key
    return candidate


def english(text: object) -> str:
    """A (lazy) label as English text: the OpenAPI document is the same whoever asks first."""
    with translation.override("en"):
        return str(text) if text else ""


def _description(block: blocks.Block) -> str | None:
    label = english(block.meta.label or block.name)
    field = getattr(block, "field", None)
    help_text = english(getattr(block.meta, "help_text", None) or getattr(field, "help_text", ""))
    if help_text:
        label = f"{label}. {help_text}" if label else help_text
    return label or None


def value_type(block: blocks.Block) -> Any:
    """The Python/pydantic type of a block's API value."""
    if isinstance(block, blocks.StreamBlock):
        return stream_type(block)
    if isinstance(block, blocks.ListBlock):
        return list[value_type(block.child_block)]  # type: ignore[misc]
    if isinstance(block, blocks.StructBlock):
        return struct_model(block)
    if isinstance(block, blocks.PageChooserBlock):
        return PageLink | None
    if isinstance(block, DocumentChooserBlock):
        return DocumentLink | None
    if isinstance(block, ImageChooserBlock):
        return ImageRef | None
    if isinstance(block, blocks.RichTextBlock):
        return Annotated[str, Field(description="HTML with absolute links.")]
    if isinstance(block, blocks.BooleanBlock):
        return bool
    if isinstance(block, blocks.IntegerBlock):
        return int | None
    if isinstance(block, (blocks.FloatBlock, blocks.DecimalBlock)):
        return float | None
    if isinstance(block, blocks.DateTimeBlock):
        return datetime.datetime | None
    if isinstance(block, blocks.DateBlock):
        return datetime.date | None
    if isinstance(block, blocks.TimeBlock):
        return datetime.time | None
    if isinstance(block, blocks.ChoiceBlock):
        choices = [str(key) for key, _label in block.field.choices if key not in ("", None)]
        if choices:
            return Literal[tuple(choices)] | Literal[""]  # type: ignore[valid-type]
        return str
    if isinstance(block, blocks.FieldBlock):
        return str
    return Any


def struct_model(block: blocks.StructBlock) -> type:
    key = type(block)
    if key not in _struct_cache:
        fields: dict[str, Any] = {}
        for name, child in block.child_blocks.items():
            fields[name] = (value_type(child), Field(description=_description(child)))
        name = _unique(type(block).__name__ if type(block) is not blocks.StructBlock else "Struct", key)
        model = create_model(name, __base__=Schema, __doc__=_description(block), **fields)
        _struct_cache[key] = model
    return _struct_cache[key]


def item_model(name: str, block: blocks.Block) -> type:
    key = (name, type(block))
    if key not in _item_cache:
        model_name = _unique(f"{_camel(name)}Block", key)
        _item_cache[key] = create_model(
            model_name,
            __base__=Schema,
            __doc__=_description(block),
            type=(Literal[name], Field(description="The block type.")),  # type: ignore[valid-type]
            id=(str | None, Field(default=None, description="Stable id of this block in the stream.")),
            value=(value_type(block), ...),
        )
    return _item_cache[key]


def stream_type(block: blocks.StreamBlock) -> Any:
    members = tuple(item_model(name, child) for name, child in block.child_blocks.items())
    if len(members) == 1:
        return list[members[0]]  # type: ignore[valid-type]
    return list[Annotated[Union[members], Field(discriminator="type")]]  # type: ignore[valid-type]  # noqa: UP007


# Rendering from stored JSON ------------------------------------------------------------


def collect(block: blocks.Block, raw: Any, refs: Refs) -> None:
    """First pass: note every reference in `raw` so that refs can load them in bulk."""
    if raw is None:
        return
    if isinstance(block, blocks.StreamBlock):
        for item in raw or []:
            child = block.child_blocks.get(item.get("type")) if isinstance(item, dict) else None
            if child is not None:
                collect(child, item.get("value"), refs)
    elif isinstance(block, blocks.ListBlock):
        for item in _list_items(raw):
            collect(block.child_block, item, refs)
    elif isinstance(block, blocks.StructBlock):
        if isinstance(raw, dict):
            for name, child in block.child_blocks.items():
                collect(child, raw.get(name), refs)
    elif isinstance(block, blocks.PageChooserBlock):
        refs.want("page", raw)
    elif isinstance(block, DocumentChooserBlock):
        refs.want("document", raw)
    elif isinstance(block, ImageChooserBlock):
        refs.want("image", raw)
    elif isinstance(block, blocks.RichTextBlock):
        refs.want_rich_text(raw if isinstance(raw, str) else None)


def render(block: blocks.Block, raw: Any, refs: Refs) -> Any:
    """Second pass: the API value of `raw`, after refs.load()."""
    if isinstance(block, blocks.StreamBlock):
        out = []
        for item in raw or []:
            if not isinstance(item, dict):
                continue
            child = block.child_blocks.get(item.get("type"))
            if child is None:  # a block type since removed from the code
                continue
            out.append(
                {"type": item["type"], "id": item.get("id"), "value": render(child, item.get("value"), refs)}
            )
        return out
    if isinstance(block, blocks.ListBlock):
        return [render(block.child_block, item, refs) for item in _list_items(raw)]
    if isinstance(block, blocks.StructBlock):
        raw = raw if isinstance(raw, dict) else {}
        return {name: render(child, raw.get(name), refs) for name, child in block.child_blocks.items()}
    if isinstance(block, blocks.PageChooserBlock):
        return refs.page(raw)
    if isinstance(block, DocumentChooserBlock):
        return refs.document(raw)
    if isinstance(block, ImageChooserBlock):
        return refs.image(raw)
    if isinstance(block, blocks.RichTextBlock):
        return refs.rich_text(raw if isinstance(raw, str) else "")
    if isinstance(block, blocks.BooleanBlock):
        return bool(raw)
    if isinstance(block, (blocks.FloatBlock, blocks.DecimalBlock)):
        return float(decimal.Decimal(str(raw))) if raw not in (None, "") else None
    if isinstance(block, (blocks.IntegerBlock, blocks.DateBlock, blocks.DateTimeBlock, blocks.TimeBlock)):
        return raw if raw not in ("",) else None
    if isinstance(block, blocks.FieldBlock):
        return "" if raw is None else str(raw)
    return raw


def _list_items(raw: Any) -> list:
    # ListBlock stores [{"type": "item", "value": …, "id": …}] (or, in old data, bare values).
    items = []
    for item in raw or []:
        if isinstance(item, dict) and item.get("type") == "item" and "value" in item:
            items.append(item["value"])
        else:
            items.append(item)
    return items
