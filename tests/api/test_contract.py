"""Contract tests: schemathesis against the OpenAPI description, and the committed snapshot."""

from __future__ import annotations

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from schemathesis import GenerationMode

from cms.api import openapi
from cms.api.api import document
from tests.wsgi_app import wsgi_app_in_test_transaction

EXAMPLES_PER_OPERATION = 10


@pytest.fixture
def api_schema(board, standard_page, settings):
    """The OpenAPI document as the app serves it, with real data behind it."""
    # Hundreds of requests from one client in a minute: the per-IP limit (documented as 429)
    # would answer most of them; switch it off to test the endpoints themselves.
    settings.RATELIMIT_ENABLED = False
    with wsgi_app_in_test_transaction() as app:
        schema = schemathesis.openapi.from_wsgi("/api/v3/openapi.json", app)
        # Text with NUL is refused before any endpoint (400, cms/security/hostile.py): PostgreSQL
        # cannot store it. tests/security/test_hostile_input.py sends it to every parameter.
        schema.config.generation.update(allow_x00=False)
        yield schema


@pytest.mark.parametrize("mode", [GenerationMode.POSITIVE, GenerationMode.NEGATIVE], ids=["valid", "invalid"])
def test_api_conforms_to_its_openapi_description(api_schema, mode):
    """All of schemathesis's checks (no 5xx, documented status codes, content types and
    response schemas, invalid input rejected, auth as declared) on every operation, with a
    bounded number of examples and a fixed seed."""
    operations = [result.ok() for result in api_schema.get_all_operations()]
    assert len(operations) >= 20
    failures = []
    for operation in operations:

        @given(case=operation.as_strategy(generation_mode=mode))
        @settings(
            max_examples=EXAMPLES_PER_OPERATION,
            derandomize=True,  # a fixed seed: the same examples on every run
            database=None,
            deadline=None,
            suppress_health_check=list(HealthCheck),
        )
        def check(case):
            case.call_and_validate()

        try:
            check()
        except (Exception, BaseExceptionGroup) as error:  # collect every operation's failures  # noqa: BLE001
            failures.append(f"{operation.method.upper()} {operation.path}: {error}")
    assert not failures, "\n\n".join(failures)


def test_committed_openapi_snapshot_is_current(db):
    generated = openapi.dumps(document())
    committed = openapi.SNAPSHOT.read_text() if openapi.SNAPSHOT.exists() else ""
    assert committed == generated, (
        "The API contract changed: review it and update the snapshot with `make openapi`."
    )
