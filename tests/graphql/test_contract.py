"""The schema is a contract: its SDL is committed, and changing it must be a reviewed change."""

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings

from cms.graphql.schema import SDL_PATH, sdl
from tests.wsgi_app import wsgi_app_in_test_transaction

EXAMPLES_PER_FIELD = 10


def test_the_committed_sdl_is_the_schema():
    # On a difference: review it, then `.venv/bin/python manage.py graphql_schema --write`.
    assert SDL_PATH.read_text() == sdl(), "cms/graphql/schema.graphql differs from the schema"


def test_the_endpoint_serves_introspection(gql):
    data = gql.run("{ __schema { queryType { name } types { name } } }")["data"]["__schema"]
    assert data["queryType"]["name"] == "RootQuery"
    assert {"Page", "Post", "Menu", "LayoutContent", "Category", "Tag"} <= {t["name"] for t in data["types"]}


@pytest.fixture
def graphql_schema(board, standard_page, settings):
    """The schema as the endpoint serves it (introspection), with real data behind it."""
    settings.RATELIMIT_ENABLED = False
    with wsgi_app_in_test_transaction() as app:
        schema = schemathesis.graphql.from_wsgi("/graphql/", app)
        schema.config.generation.update(allow_x00=False)
        yield schema


def test_schemathesis_finds_no_failure_on_any_root_field(graphql_schema):
    """Generated queries for every root field: no 5xx, valid GraphQL responses."""
    operations = [result.ok() for result in graphql_schema.get_all_operations()]
    assert len(operations) == 13  # every root field of RootQuery
    failures = []
    for operation in operations:

        @given(case=operation.as_strategy())
        @settings(
            max_examples=EXAMPLES_PER_FIELD,
            derandomize=True,
            database=None,
            deadline=None,
            suppress_health_check=list(HealthCheck),
        )
        def check(case):
            case.call_and_validate()

        try:
            check()
        except (Exception, BaseExceptionGroup) as error:  # collect every field's failures  # noqa: BLE001
            failures.append(f"{operation.label}: {error}")
    assert not failures, "\n\n".join(failures)
