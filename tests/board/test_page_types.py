"""The board's pages live directly under a home page, once each, and have no children."""

import pytest
from wagtail.models import Page

from board.models import CalendarPage, MemberDirectoryPage, MinutesArchivePage

BOARD_PAGES = (MemberDirectoryPage, MinutesArchivePage, CalendarPage)


@pytest.mark.parametrize("model", BOARD_PAGES)
def test_board_pages_can_only_be_created_under_the_home_page(home_page, model):
    assert model.can_create_at(home_page)
    assert not model.can_create_at(Page.get_first_root_node())


@pytest.mark.parametrize("model", BOARD_PAGES)
def test_board_pages_take_no_children_and_appear_once_per_home(board_pages, model):
    page = next(p for p in board_pages.values() if isinstance(p, model))
    for child in BOARD_PAGES:
        assert not child.can_create_at(page)
    assert not model.can_create_at(page.get_parent().specific)  # max one per home page
