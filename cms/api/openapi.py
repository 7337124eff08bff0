"""The committed OpenAPI snapshot: `make openapi` (or `python manage.py api_openapi --write`)."""

from __future__ import annotations

import json
from pathlib import Path

from django.core.serializers.json import DjangoJSONEncoder
from django.utils import translation

SNAPSHOT = Path(__file__).with_name("openapi.json")


def generate() -> dict:
    """The document in English (block labels are translatable), with string keys as served."""
    from cms.api.api import build

    with translation.override("en"):
        return json.loads(json.dumps(build().get_openapi_schema(), cls=DjangoJSONEncoder))


def dumps(schema: dict) -> str:
    return json.dumps(schema, indent=2, sort_keys=True, ensure_ascii=False) + "\n"
