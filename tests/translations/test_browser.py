"""A real browser run: a translator logs into the admin, translates the changed string of the
Swedish home page in wagtail-localize's editor, publishes, and the public /sv/ page shows it.

Debian's Chromium (`make browser` installs it) driven by Playwright against a live server;
no browser is downloaded and every request outside the live server is refused."""

import shutil

import pytest
from wagtail_localize.models import StringTranslation, TranslationSource

from home import demo as home_demo
from tests.browser_context import browser_context, sign_in
from tests.conftest import CHROMIUM
from tests.translations.conftest import PASSWORD

NEW_LEAD = "Vapaaehtoistoiminta on yhteistä hyvinvointia"
NEW_LEAD_SV = "Frivilligverksamhet är gemensamt välbefinnande"
OLD_LEAD_SV = home_demo.TRANSLATIONS["sv"][home_demo.LEAD]

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(
        shutil.which(CHROMIUM) is None, reason="Debian's chromium is not installed (make browser)"
    ),
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


@pytest.fixture
def browser_page(live_server, monkeypatch, browser):
    # Playwright's sync API runs an event loop in this thread; the ORM calls made by the
    # test around it are ordinary synchronous code.
    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    with browser_context(browser, live_server.url, "en-US", timeout_ms=20_000) as context:
        yield context.new_page()


@pytest.fixture
def changed_and_synced(translated_home):
    """The Finnish lead changed and synced: the Swedish translation has one new string."""
    fi = translated_home["fi"]
    fi.lead = NEW_LEAD
    fi.save_revision().publish()
    TranslationSource.objects.get(object_id=fi.translation_key, locale=fi.locale).update_from_db()
    return translated_home


def test_translator_translates_and_publishes_the_swedish_home_page(
    browser_page, live_server, translator, changed_and_synced
):
    from playwright.sync_api import expect

    page = browser_page
    sv = changed_and_synced["sv"]

    page.goto(f"{live_server.url}/sv/")
    expect(page.locator("main")).to_contain_text(OLD_LEAD_SV)

    # The real login form.
    sign_in(page, live_server.url, translator.username, PASSWORD)

    # The translation editor lists exactly the changed string as untranslated.
    page.goto(f"{live_server.url}/admin/pages/{sv.pk}/edit/")
    incomplete = page.locator("li.incomplete")
    expect(incomplete).to_have_count(1)
    segment = incomplete.filter(has_text=NEW_LEAD)
    expect(segment).to_have_count(1)

    segment.get_by_role("button", name="Translate").click()
    segment.locator("textarea").fill(NEW_LEAD_SV)
    segment.get_by_role("button", name="Save").click()
    done = page.locator("li.complete", has_text=NEW_LEAD_SV)
    expect(done).to_contain_text("Translated manually")
    expect(page.locator("li.incomplete")).to_have_count(0)

    # Saved but not yet published: the public page still has the previous Swedish text.
    public = page.context.new_page()
    public.goto(f"{live_server.url}/sv/")
    expect(public.locator("main")).to_contain_text(OLD_LEAD_SV)
    public.close()

    page.get_by_role("button", name="Publish in Svenska").click()
    expect(page.locator(".messages")).to_contain_text("Published")

    page.goto(f"{live_server.url}/sv/")
    expect(page.locator("html")).to_have_attribute("lang", "sv")
    main = page.locator("main")
    expect(main).to_contain_text(NEW_LEAD_SV)
    expect(main).not_to_contain_text(NEW_LEAD)
    expect(main).not_to_contain_text(OLD_LEAD_SV)

    saved = StringTranslation.objects.get(translation_of__data=NEW_LEAD, locale__language_code="sv")
    assert saved.data == NEW_LEAD_SV
    assert saved.last_translated_by == translator
