"""Fixtures shared by the suite: a site with fi/sv/en locales and a translated home page."""

import shutil
from contextlib import contextmanager
from pathlib import Path

import pytest
from django.db import transaction
from wagtail.models import Locale, Page, Site

from cms.localize_programmatic import translate_object
from home import demo as home_demo


@contextmanager
def module_transaction(django_db_blocker):
    """Data made once for a module (module-scoped fixtures), rolled back afterwards."""
    with django_db_blocker.unblock():
        atomic = transaction.atomic()
        atomic.__enter__()
        try:
            yield
        finally:
            transaction.set_rollback(True)
            atomic.__exit__(None, None, None)


@pytest.fixture(autouse=True)
def _fresh_cache():
    """Wagtail caches site root paths by page id; ids repeat across rolled-back tests."""
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def locales(db):
    """The three content locales; Finnish is the default."""
    home_demo.ensure_locales()
    return {code: Locale.objects.get(language_code=code) for code in ("fi", "sv", "en")}


@pytest.fixture
def home_page(locales):
    """The Finnish demo home page, live, as the default site's root."""
    return home_demo.load()


@pytest.fixture
def site(home_page):
    return Site.objects.get(is_default_site=True)


@pytest.fixture
def translate(django_capture_on_commit_callbacks):
    """Translate any translatable object through wagtail-localize: translate(obj, "sv", {...}).

    wagtail-localize publishes in `transaction.on_commit`, which never fires inside a
    test's transaction; run those callbacks as a real commit would.
    """

    def _translate(instance, language_code, strings, **kwargs):
        with django_capture_on_commit_callbacks(execute=True):
            translate_object(instance, language_code, strings, **kwargs)
        return instance.get_translation(Locale.objects.get(language_code=language_code))

    return _translate


@pytest.fixture
def translated_home(home_page, django_capture_on_commit_callbacks):
    """The home page with its Swedish and English translations made through wagtail-localize."""
    with django_capture_on_commit_callbacks(execute=True):
        home_demo.translate_home(home_page)
    return {
        code: Page.objects.get(translation_key=home_page.translation_key, locale__language_code=code).specific
        for code in ("fi", "sv", "en")
    }


# Browser tests drive Debian's Chromium through Playwright; no browser is ever downloaded.
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


@pytest.fixture
def browser():
    if not Path(CHROMIUM).exists() and not shutil.which("chromium"):
        pytest.fail("Chromium is missing: run `make browser` (installs Debian's chromium package)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def mail_server(settings):
    """A real SMTP server (tests/mail_server.py), and the site's EMAIL_URL pointing at it: what
    the site sends is queued as tasks (cms/mail.py) and arrives there."""
    from cms.email_url import email_settings
    from tests.mail_server import MailServer

    server = MailServer().start()
    for name, value in email_settings(server.url).items():
        setattr(settings, name, value)
    settings.EMAIL_BACKEND = "cms.mail.TaskEmailBackend"
    try:
        yield server
    finally:
        server.stop()
