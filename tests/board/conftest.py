"""Fixtures for the board: its three pages under the home page, roles, seats and terms."""

import datetime

import pytest
from django.contrib.auth import get_user_model

from board import factories as f
from board.models import RoleKind, SeatGroup


@pytest.fixture
def board_pages(home_page):
    return {
        "directory": f.MemberDirectoryPageFactory(parent=home_page),
        "archive": f.MinutesArchivePageFactory(parent=home_page),
        "calendar": f.CalendarPageFactory(parent=home_page),
    }


@pytest.fixture
def roles(locales):
    return {kind: f.RoleFactory(kind=kind) for kind in RoleKind.values}


@pytest.fixture
def seats(locales):
    """Two seats in each group."""
    return {
        group: [f.SeatFactory(group=group, number=n, name=f"{group} {n}") for n in (1, 2)]
        for group in SeatGroup.values
    }


def current_term_start_year(today: datetime.date | None = None) -> int:
    """Terms run for two calendar years from 2025; the one containing today."""
    year = (today or datetime.date.today()).year
    return year - (year - 2025) % 2


@pytest.fixture
def terms(db):
    y = current_term_start_year()
    return {
        "previous": f.TermFactory(
            start_date=datetime.date(y - 2, 1, 1), end_date=datetime.date(y - 1, 12, 31)
        ),
        "current": f.TermFactory(start_date=datetime.date(y, 1, 1), end_date=datetime.date(y + 1, 12, 31)),
    }


def day(term, offset_days: int) -> str:
    """A date inside `term`, as the admin form writes it."""
    return (term.start_date + datetime.timedelta(days=offset_days)).isoformat()


@pytest.fixture
def superuser(db):
    return get_user_model().objects.create_superuser("boss", "boss@example.invalid", "pw")


@pytest.fixture
def admin_client(client, superuser):
    client.force_login(superuser)
    return client
