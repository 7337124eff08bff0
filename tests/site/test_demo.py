"""The demo content of the public site: association info, accessibility statement, privacy notice,
footer, and the home page's links, in fi/sv/en; loading twice changes nothing."""

import pytest
from django.core.management import call_command
from django.test import TestCase
from wagtail.models import Page, Revision

from home.models import AssociationInfoPage, FooterSettings, HomePage, StandardPage
from tests.site.conftest import parse


def test_association_info_page_is_at_its_address_in_every_language(client, demo):
    for url, title in [
        ("/fi/tietoa-yhdistyksille/", "Tietoa yhdistyksille"),
        ("/sv/information-for-foreningar/", "Information för föreningar"),
        ("/en/information-for-associations/", "Information for associations"),
    ]:
        response = client.get(url)
        assert response.status_code == 200
        doc = parse(response)
        assert doc.xpath("string(//h1)") == title
        assert doc.xpath("//details/summary"), "the FAQ accordion"
        assert doc.xpath("//*[contains(@class,'contact-card')]//a[starts-with(@href,'mailto:')]")
    assert AssociationInfoPage.objects.count() == 3


@pytest.mark.parametrize(
    ("url", "authority", "feedback"),
    [
        ("/fi/saavutettavuusseloste/", "Etelä-Suomen aluehallintovirasto", "Palaute ja yhteystiedot"),
        (
            "/sv/tillganglighetsutlatande/",
            "Regionförvaltningsverket i Södra Finland",
            "Respons och kontaktuppgifter",
        ),
    ],
)
def test_accessibility_statement_names_the_feedback_channel_and_the_supervising_authority(
    client, demo, url, authority, feedback
):
    doc = parse(client.get(url))
    text = doc.text_content()
    assert authority in text
    assert feedback in doc.xpath("//h2/text()")
    assert doc.xpath("//main//a[@href='mailto:saavutettavuus@example.invalid']")
    assert doc.xpath("//main//a[@href='https://www.saavutettavuusvaatimukset.fi/']")


@pytest.mark.parametrize("code", ["fi", "sv", "en"])
def test_every_footer_links_the_accessibility_statement_and_privacy_notice(client, demo, code):
    statement = StandardPage.objects.get(
        slug__in=["saavutettavuusseloste", "tillganglighetsutlatande", "accessibility-statement"],
        locale__language_code=code,
    )
    privacy = StandardPage.objects.get(
        slug__in=["tietosuojaseloste", "dataskyddsbeskrivning", "privacy-notice"], locale__language_code=code
    )
    for url in (f"/{code}/", statement.url, privacy.url):
        hrefs = parse(client.get(url)).xpath("//footer//a/@href")
        assert statement.url in hrefs
        assert privacy.url in hrefs


def test_finnish_home_page_links_to_the_association_page(client, demo):
    doc = parse(client.get("/fi/"))
    assert "/fi/tietoa-yhdistyksille/" in doc.xpath("//main//a/@href")
    doc = parse(client.get("/sv/"))
    assert "/sv/information-for-foreningar/" in doc.xpath("//main//a/@href")


def test_home_page_links_the_action_programme_pdf_when_the_documents_demo_provides_it(
    db, django_capture_on_commit_callbacks
):
    from documents.factories import DocumentFactory
    from home import demo as home_demo

    programme = DocumentFactory(title="Ehdotus toimenpideohjelmaksi", kind="programme")
    ctx = {"documents": {"programme": programme}}
    with django_capture_on_commit_callbacks(execute=True):
        home_demo.load(ctx)
        home_demo.translate(ctx)
        home_demo.load(ctx)  # a second run adds nothing
        home_demo.translate(ctx)
    home = HomePage.objects.get(locale__language_code="fi")
    documents = [b.value["document"].pk for b in home.body if b.block_type == "document"]
    assert documents.count(programme.pk) == 1
    sv_home = HomePage.objects.get(locale__language_code="sv")
    assert [b.block_type for b in sv_home.body].count("document") == len(documents)


def test_footer_settings_exist_in_every_language(demo):
    footers = {f.locale.language_code: f for f in FooterSettings.objects.select_related("locale")}
    assert set(footers) == {"fi", "sv", "en"}
    assert footers["sv"].organisation == "Kommissionen för frivilligt arbete"
    assert footers["fi"].email.endswith("@example.invalid")


def test_loading_the_demo_twice_changes_nothing(demo):
    counts = (Page.objects.count(), Revision.objects.count(), FooterSettings.objects.count())
    with TestCase.captureOnCommitCallbacks(execute=True):
        call_command("load_demo", verbosity=0)
    assert (Page.objects.count(), Revision.objects.count(), FooterSettings.objects.count()) == counts


CORE_MODELS = ("MemberDirectoryPage", "MinutesArchivePage", "CalendarPage")


def _core_urls(code: str) -> list[str]:
    from board import models

    return [getattr(models, name).objects.live().get(locale__language_code=code).url for name in CORE_MODELS]


@pytest.mark.parametrize("code", ["fi", "sv", "en"])
def test_the_member_directory_minutes_and_calendar_come_first_in_the_menu_and_on_the_home_page(
    client, demo, code
):
    """As on the page this site replaces (issue 14, item 7); where they fall on a phone's
    screen is measured in tests/site/test_phones.py."""
    core = _core_urls(code)
    doc = parse(client.get(f"/{code}/"))
    menu = doc.xpath("//header//nav[contains(@class,'site-nav')]//a/@href")
    assert menu[0] == f"/{code}/"
    assert menu[1:4] == core
    assert doc.xpath("//main//a/@href")[:3] == core


def test_loading_the_demo_puts_the_core_pages_back_in_a_menu_made_before(demo, client):
    """A database loaded before the rule: the pages hidden from menus and last; loading again fixes it."""
    from board.models import CalendarPage, MemberDirectoryPage

    calendar = CalendarPage.objects.get(locale__language_code="sv")
    calendar.show_in_menus = False
    calendar.save_revision().publish()
    directory = MemberDirectoryPage.objects.get(locale__language_code="fi")
    directory.move(directory.get_parent(), pos="last-child")
    assert parse(client.get("/fi/")).xpath("//nav[contains(@class,'site-nav')]//a/@href")[1:4] != _core_urls(
        "fi"
    )

    with TestCase.captureOnCommitCallbacks(execute=True):
        call_command("load_demo", verbosity=0)
    for code in ("fi", "sv"):
        menu = parse(client.get(f"/{code}/")).xpath("//nav[contains(@class,'site-nav')]//a/@href")
        assert menu[1:4] == _core_urls(code), code
