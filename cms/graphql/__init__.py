"""/graphql/: the WPGraphQL-shaped API that Helsinki's react-helsinki-headless-cms reads.

This package only assembles: the shared types live in `cms/graphql/common.py`, pages, menus and
the landing page in `home/graphql_types.py`, posts (the board's meetings and events) with their
categories and tags in `board/graphql_types.py`. Visibility comes through `cms/graphql/access.py`.
"""
