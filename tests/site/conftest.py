"""Fixtures for the public site: the site's own pages and footer, made like the demo makes them.

Translating through wagtail-localize is slow, so the content is made once per test module
inside an outer transaction (like Django's setUpTestData) and rolled back after the module;
each test runs in its own nested transaction on top of it and re-reads what it needs.
"""

import pytest
from django.core.management import call_command
from django.test import TestCase
from lxml import html as lxml_html
from wagtail.models import Locale, Page

from home import demo as home_demo
from home import demo_site as site_content
from tests.conftest import module_transaction


def parse(response):
    return lxml_html.fromstring(response.content.decode())


def t(language_code: str, message: str) -> str:
    """An interface string as a visitor in `language_code` sees it."""
    from django.utils import translation

    with translation.override(language_code):
        return translation.gettext(message)


def _make_site_pages() -> dict[str, str]:
    home_demo.ensure_locales()
    home = home_demo.load()
    # wagtail-localize publishes on commit: run those callbacks as a commit would.
    with TestCase.captureOnCommitCallbacks(execute=True):
        home_demo.translate_home(home)
        pages = site_content.load_pages(home)
        footer = site_content.load_footer(pages)
        site_content.translate_pages(pages)
        site_content.translate_footer(footer)
    return {name: page.translation_key for name, page in pages.items()}


@pytest.fixture(scope="module")
def _site_data(django_db_setup, django_db_blocker):
    with module_transaction(django_db_blocker):
        yield _make_site_pages()


@pytest.fixture
def site_pages(_site_data, db):
    """Association info, accessibility and privacy pages (fi/sv/en) and the footer, fresh from the DB."""
    return {
        name: {
            code: Page.objects.get(translation_key=key, locale__language_code=code).specific
            for code in ("fi", "sv", "en")
        }
        for name, key in _site_data.items()
    }


@pytest.fixture(scope="module")
def _demo_data(django_db_setup, django_db_blocker):
    with module_transaction(django_db_blocker):
        with TestCase.captureOnCommitCallbacks(execute=True):
            call_command("load_demo", verbosity=0)
        yield


@pytest.fixture
def demo(_demo_data, db):
    """The whole demo content, as `make run` loads it."""


@pytest.fixture
def demo_site(live_server):
    """The live server's address, with the whole demo content committed (for browser tests).

    Request it before `browser`: Playwright's event loop forbids Django's synchronous
    database calls once it runs.
    """
    call_command("load_demo", verbosity=0)
    return live_server.url


def published(document):
    """Make `document` public as its own search hit: attached to a live English meeting.

    Only what the live content of a public object refers to is public (cms/visibility.py), and
    a document is listed under the meeting or page it belongs to in the visitor's language; an
    English meeting makes it public without being a Finnish or Swedish owner to list it under."""
    from board.factories import MeetingFactory

    MeetingFactory(
        title=f"Linked document {document.pk}",
        locale=Locale.objects.get(language_code="en"),
        attachments=[("attachment", {"document": document, "text": ""})],
    )
    return document
