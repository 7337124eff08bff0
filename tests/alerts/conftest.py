"""Fixtures of the alerts tests: the board's pages in Finnish and Swedish, the production task
queue run as db_worker does, and meetings published as the admin publishes them."""

import datetime
from zoneinfo import ZoneInfo

import pytest

from board import factories as f
from tests.board.conftest import board_pages, superuser  # noqa: F401  (fixtures)
from tests.site.conftest import _site_data, site_pages  # noqa: F401  (fixtures)

HELSINKI = ZoneInfo("Europe/Helsinki")


def at(year, month, day, hour=10, minute=0):
    return datetime.datetime(year, month, day, hour, minute, tzinfo=HELSINKI)


def published(factory=f.MeetingFactory, **kwargs):
    obj = factory(**kwargs)
    obj.save_revision().publish()
    return obj


@pytest.fixture
def swedish_pages(translated_home, board_pages, translate):  # noqa: F811
    slugs = {"directory": "medlemmar", "archive": "protokoll", "calendar": "verksamhetskalender"}
    for key, slug in slugs.items():
        page = board_pages[key]
        translate(page, "sv", {page.title: f"{key} (sv)", page.slug: slug})
    return board_pages


@pytest.fixture
def database_tasks(settings):
    """The production queue (django-tasks-db); calling it runs what is ready, as db_worker."""
    from tests.tasks import run_ready_tasks

    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}

    def run_ready() -> int:
        total = 0
        while ran := len(run_ready_tasks()):
            total += ran
        return total

    return run_ready
