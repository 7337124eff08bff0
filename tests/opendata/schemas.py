"""The official OParl 1.1.1 and Popolo JSON Schemas, beside the checkout in `../shared/schemas/`
(see its README.md), and validators for them.

Found, in order: `$OPENDATA_SCHEMAS`; `../shared/schemas/` beside this checkout (CI clones main
with ../shared beside it); and, in a git worktree, beside the main checkout the worktree
belongs to (read from the worktree's `.git` file, so no machine path is written here).
"""

from __future__ import annotations

import datetime
import json
import os
from pathlib import Path
from typing import Any

import jsonschema
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT3

REPO = Path(__file__).resolve().parents[2]


def _candidates() -> list[Path]:
    out = []
    if os.environ.get("OPENDATA_SCHEMAS"):
        out.append(Path(os.environ["OPENDATA_SCHEMAS"]))
    out.append(REPO.parent / "shared" / "schemas")
    git = REPO / ".git"
    if git.is_file():  # a worktree: "gitdir: <main>/.git/worktrees/<name>"
        gitdir = Path(git.read_text().split("gitdir:", 1)[1].strip())
        out.append(gitdir.parents[2].parent / "shared" / "schemas")
    return out


def find_schemas() -> Path | None:
    for path in _candidates():
        if (path / "oparl" / "1.1.1" / "System.json").is_file() and (
            path / "popolo" / "person.json"
        ).is_file():
            return path
    return None


class Schemas:
    def __init__(self, root: Path):
        self.root = root
        self.oparl = {
            p.stem: json.loads(p.read_text()) for p in sorted((root / "oparl" / "1.1.1").glob("*.json"))
        }
        self.popolo = {p.stem: json.loads(p.read_text()) for p in sorted((root / "popolo").glob("*.json"))}
        resources = [
            (schema["id"].rstrip("#"), Resource.from_contents(schema, default_specification=DRAFT3))
            for schema in self.popolo.values()
        ]
        self.registry = Registry().with_resources(resources)

    # OParl ------------------------------------------------------------------------------------

    def oparl_type(self, obj: dict) -> str:
        assert obj["type"].startswith("https://schema.oparl.org/1.1/"), obj["type"]
        return obj["type"].rsplit("/", 1)[1]

    def validate_oparl(self, obj: dict, expected: str | None = None) -> list[tuple[str, str, str]]:
        """Validate an object and every object embedded in it against their schemas; return the
        URLs it refers to as (property, url, promised type or 'list:<type>')."""
        name = self.oparl_type(obj)
        if expected:
            assert name == expected, (name, expected, obj.get("id"))
        schema = self.oparl[name]
        if obj.get("deleted"):
            # A tombstone: id, type, created, modified and deleted (OParl 1.1, 2.7 "deleted").
            assert set(obj) == {"id", "type", "created", "modified", "deleted"}, obj
        jsonschema.Draft4Validator(schema).validate(obj)
        refs: list[tuple[str, str, str]] = []
        for key, value in obj.items():
            spec = schema["properties"].get(key)
            if spec is None:
                assert key.startswith("helsinki:"), f"{name}.{key}: neither OParl nor a helsinki: extension"
                continue
            self._check_format(f"{name}.{key}", spec, value)
            target = spec.get("references")
            items = spec.get("items") or {}
            if target == "externalList":
                refs.append((key, value, "list:" + items["schema"].removesuffix(".json")))
            elif target and spec["type"] == "string":
                refs.append((key, value, target))
            elif target and spec["type"] == "array":
                refs += [(key, v, target) for v in value]
            elif spec.get("schema"):
                refs += self._embedded(value, spec["schema"])
            elif spec["type"] == "array" and items.get("schema"):
                for embedded in value:
                    refs += self._embedded(embedded, items["schema"])
            elif key in ("accessUrl", "downloadUrl"):
                refs.append((key, value, "download"))
            elif spec.get("format") == "url" and key not in ("id", "license", "fileLicense"):
                refs.append((key, value, "web"))
        refs += self._extension_refs(obj)
        return refs

    def _embedded(self, obj: dict, schema_file: str) -> list[tuple[str, str, str]]:
        """An embedded object: valid against its own schema, and its own URL promised to answer it."""
        name = schema_file.removesuffix(".json")
        return [("(embedded)", obj["id"], name), *self.validate_oparl(obj, name)]

    EXTENSION_REFS = {
        "helsinki:deputyOf": "Membership",
        "helsinki:deputies": "Membership",
        "helsinki:legislativeTerm": "LegislativeTerm",
    }

    def _extension_refs(self, obj: dict) -> list[tuple[str, str, str]]:
        refs = []
        for key, target in self.EXTENSION_REFS.items():
            value = obj.get(key)
            for v in value if isinstance(value, list) else [value] if value else []:
                refs.append((key, v, target))
        web = (obj.get("helsinki:sv") or {}).get("web")
        if web:
            refs.append(("helsinki:sv.web", web, "web"))
        return refs

    def _check_format(self, where: str, spec: dict, value: Any) -> None:
        fmt = spec.get("format") or (spec.get("items") or {}).get("format")
        values = value if isinstance(value, list) else [value]
        for v in values:
            if fmt == "url":
                assert isinstance(v, str) and v.startswith(("http://", "https://")), (where, v)
            elif fmt == "date-time":
                parsed = datetime.datetime.fromisoformat(v)
                assert parsed.tzinfo is not None, (where, v)
            elif fmt == "date":
                datetime.date.fromisoformat(v)

    # Popolo -----------------------------------------------------------------------------------

    def validate_popolo(self, name: str, obj: dict) -> None:
        validator = jsonschema.Draft3Validator(self.popolo[name], registry=self.registry)
        validator.validate(obj)
