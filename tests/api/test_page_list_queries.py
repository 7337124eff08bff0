"""The page list reads pages of every type in one query: complete, typed items at a fixed cost."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import Page

from home.api.pages import _specific, specific_queryset

LIST_BUDGET = 6


@pytest.fixture
def uncached(api, settings):
    """Every request runs its view."""
    settings.APP_CACHE_ENABLED = False
    settings.HTTP_CACHE_ENABLED = False
    return api


def _list(api, **params) -> tuple[dict, list[str]]:
    with CaptureQueriesContext(connection) as captured:
        data = api.json("/api/v3/pages/", **params)
    return data, [query["sql"] for query in captured.captured_queries]


def test_mixed_types_come_complete_in_a_fixed_number_of_queries(uncached, board, standard_page):
    uncached.json("/api/v3/pages/")  # reads the site and the reference tables the process keeps
    data, queries = _list(uncached, locale="fi")
    types = {item["meta"]["type"] for item in data["items"]}
    assert types == {
        "home.HomePage",
        "home.StandardPage",
        "board.MemberDirectoryPage",
        "board.MinutesArchivePage",
        "board.CalendarPage",
    }
    assert len(queries) <= LIST_BUDGET, queries
    # The five page types' own tables are read by one query, not one query each.
    tables = ["home_homepage", "home_standardpage", "board_memberdirectorypage", "board_calendarpage"]
    readers = [sql for sql in queries if any(f'"{table}"' in sql for table in tables)]
    assert len(readers) == 1, readers
    assert all(f'"{table}"' in readers[0] for table in tables)


def test_list_items_equal_the_detail_of_each_page(uncached, board, standard_page):
    for locale in ("fi", "sv"):
        for item in uncached.json("/api/v3/pages/", locale=locale)["items"]:
            detail = uncached.json(f"/api/v3/pages/{item['id']}/", locale=item["meta"]["locale"])
            assert {**item, "fallback": None} == {**detail, "fallback": None}, item["meta"]["type"]


def test_fallback_and_parent_id_survive_on_the_specific_item(api, standard_page, translated_home):
    items = api.json("/api/v3/pages/", locale="sv")["items"]
    by_id = {item["id"]: item for item in items}
    fallback = by_id[standard_page.pk]
    assert fallback["meta"]["type"] == "home.StandardPage"
    assert fallback["lead"] == "Miten sivusto toimii kaikille."
    assert fallback["fallback"] is True
    assert fallback["meta"]["parent_id"] == translated_home["fi"].pk
    home = by_id[translated_home["sv"].pk]
    assert home["fallback"] is False
    assert home["meta"]["parent_id"] is None


@pytest.mark.parametrize("order", ["path", "-title", "first_published_at"])
def test_specific_instances_match_wagtails_specific(db, board, standard_page, order):
    queryset = Page.objects.live().filter(depth__gt=1).order_by(order, "pk")
    with CaptureQueriesContext(connection) as captured:
        ours = [_specific(page) for page in specific_queryset(queryset)]
    assert len(captured.captured_queries) == 1
    theirs = list(queryset.specific())
    assert [type(page) for page in ours] == [type(page) for page in theirs]
    for mine, wagtails in zip(ours, theirs, strict=True):
        assert mine.pk == wagtails.pk
        for field in type(wagtails)._meta.concrete_fields:
            assert getattr(mine, field.attname) == getattr(wagtails, field.attname), (type(mine), field)
        parent = wagtails.get_parent()
        assert mine.api_parent_id == (parent.pk if parent else None)
