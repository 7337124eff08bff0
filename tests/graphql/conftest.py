"""Fixtures for the GraphQL tests: the REST API tests' content, and a client speaking GraphQL."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from django.test import Client

from tests.api.conftest import board, make_meetings, pdf, private_pdf, standard_page  # noqa: F401

FRONTEND_DIR = Path(__file__).resolve().parents[2] / "examples/headless-frontend"
OPERATIONS = FRONTEND_DIR / "operations/cms.graphql"


def operations() -> dict[str, str]:
    """{operation name: document} as extracted from the library by extract-operations.mjs."""
    text = OPERATIONS.read_text()
    parts = re.split(r"^# operation ", text, flags=re.M)[1:]
    return dict(part.split("\n", 1) for part in parts)


class GraphQLClient(Client):
    def run(
        self, query: str, variables: dict | None = None, expect: int = 200, method: str = "post", **extra
    ):
        if method == "post":
            body = {"query": query, "variables": variables or {}}
            response = self.post("/graphql/", json.dumps(body), content_type="application/json", **extra)
        else:
            params = {"query": query}
            if variables is not None:
                params["variables"] = json.dumps(variables)
            response = self.get("/graphql/", params, **extra)
        assert response.status_code == expect, (response.status_code, response.content[:3000])
        result = response.json()
        if expect == 200:
            assert "errors" not in result, result["errors"]
        return result


@pytest.fixture
def gql(db) -> GraphQLClient:
    return GraphQLClient(HTTP_ACCEPT_LANGUAGE="en")


@pytest.fixture(scope="session")
def frontend_packages():
    """The example's packages (its own lock file), installed once with npm ci."""
    if shutil.which("node") is None or shutil.which("npm") is None:
        pytest.skip("Node.js and npm are needed to read the library's package")
    marker = FRONTEND_DIR / "node_modules/.package-lock.json"
    lock = FRONTEND_DIR / "package-lock.json"
    if not marker.exists() or marker.stat().st_mtime < lock.stat().st_mtime:
        subprocess.run(
            ["npm", "ci", "--legacy-peer-deps", "--no-audit", "--no-fund"],
            cwd=FRONTEND_DIR,
            check=True,
            capture_output=True,
            timeout=600,
        )
    return FRONTEND_DIR
