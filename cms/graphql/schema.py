"""The executable schema: the shared types and each app's own, assembled (issue 15's layering)."""

from __future__ import annotations

from functools import cache
from pathlib import Path

from ariadne import make_executable_schema
from graphql import GraphQLSchema, print_schema

SDL_PATH = Path(__file__).with_name("schema.graphql")


@cache
def schema() -> GraphQLSchema:
    from board import graphql_types as board
    from cms.graphql import common
    from home import graphql_types as home

    parts = (common, home, board)
    return make_executable_schema(
        [part.SDL for part in parts], *[bindable for part in parts for bindable in part.bindables]
    )


def sdl() -> str:
    """The schema in SDL as committed in cms/graphql/schema.graphql (`manage.py graphql_schema --write`)."""
    return print_schema(schema()) + "\n"
