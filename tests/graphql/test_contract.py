"""The schema is a contract: its SDL is committed, and changing it must be a reviewed change."""

from cms.graphql.schema import SDL_PATH, sdl


def test_the_committed_sdl_is_the_schema():
    # On a difference: review it, then `.venv/bin/python manage.py graphql_schema --write`.
    assert SDL_PATH.read_text() == sdl(), "cms/graphql/schema.graphql differs from the schema"


def test_the_endpoint_serves_introspection(gql):
    data = gql.run("{ __schema { queryType { name } types { name } } }")["data"]["__schema"]
    assert data["queryType"]["name"] == "RootQuery"
    assert {"Page", "Post", "Menu", "LayoutContent", "Category", "Tag"} <= {t["name"] for t in data["types"]}
