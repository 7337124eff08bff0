"""The Helsinki look: HDS styles, header, menu from the page tree, breadcrumbs, footer from settings."""

import pytest
from wagtail.models import Page

from home.models import FooterSettings, StandardPage
from tests.site.conftest import parse, t

PAGE_URLS = {
    "fi": [
        "/fi/",
        "/fi/tietoa-yhdistyksille/",
        "/fi/saavutettavuusseloste/",
        "/fi/tietosuojaseloste/",
        "/fi/haku/",
    ],
    "sv": [
        "/sv/",
        "/sv/information-for-foreningar/",
        "/sv/tillganglighetsutlatande/",
        "/sv/dataskyddsbeskrivning/",
        "/sv/sok/",
    ],
}
ALL_URLS = PAGE_URLS["fi"] + PAGE_URLS["sv"] + ["/en/", "/en/accessibility-statement/", "/fi/ei-ole/"]


@pytest.mark.parametrize("url", ALL_URLS)
def test_pages_load_hds_styles_from_own_static_files_and_nothing_from_elsewhere(client, site_pages, url):
    doc = parse(client.get(url))
    stylesheets = doc.xpath('//link[@rel="stylesheet"]/@href')
    assert "/static/vendor/hds/base.min.css" in stylesheets
    assert "/static/vendor/hds/all.min.css" in stylesheets
    assert "/static/css/site.css" in stylesheets
    for src in doc.xpath("//script/@src | //link[@rel='stylesheet']/@href | //img/@src"):
        assert src.startswith("/static/"), f"{src} is not served by this site"


@pytest.mark.parametrize("url", ALL_URLS)
def test_templates_are_ready_for_a_strict_csp(client, site_pages, url):
    doc = parse(client.get(url))
    # JSON-LD (type="application/ld+json") is data that browsers never run, so a strict
    # script-src allows it; any other inline script would be blocked.
    assert doc.xpath("//script[not(@src)][not(@type='application/ld+json')]") == [], "inline script"
    assert doc.xpath("//style") == [], "inline style element"
    assert doc.xpath("//*[@style]") == [], "style attribute"
    handlers = [
        (el.tag, name)
        for el in doc.iter()
        if isinstance(el.tag, str)
        for name in el.attrib
        if name.startswith("on")
    ]
    assert handlers == [], "inline event handler"


@pytest.mark.parametrize("url", ALL_URLS)
def test_every_page_has_landmarks_one_h1_and_a_skip_link(client, site_pages, url):
    doc = parse(client.get(url))
    assert len(doc.xpath("//header")) >= 1
    assert len(doc.xpath("//main[@id='main']")) == 1
    assert len(doc.xpath("//footer")) >= 1
    assert doc.xpath("//nav[@aria-label]"), "navigation landmark with a label"
    assert len(doc.xpath("//h1")) == 1
    assert doc.xpath("//a[@class='skip-link']/@href") == ["#main"]


@pytest.mark.parametrize(
    ("code", "name"),
    [("fi", "Vapaaehtoistyön neuvottelukunta"), ("sv", "Kommissionen för frivilligt arbete")],
)
def test_header_shows_the_boards_name_and_the_language_switcher(client, site_pages, code, name):
    doc = parse(client.get(f"/{code}/"))
    assert (
        doc.xpath(
            "normalize-space(//header//a[contains(@class,'site-header__brand')]//span[contains(@class,'site-header__name')])"
        )
        == name
    )
    switcher = doc.xpath("//header//nav[contains(@class,'language-switcher')]")[0]
    assert switcher.xpath(".//*[@aria-current='true']/@lang") == [code]
    assert {a.get("hreflang") for a in switcher.xpath(".//a")} == {"fi", "sv", "en"} - {code}


def test_main_menu_lists_the_home_pages_children_shown_in_menus_in_the_active_language(client, site_pages):
    fi_nav = parse(client.get("/fi/")).xpath("//nav[contains(@class,'site-nav')]//a")
    sv_nav = parse(client.get("/sv/")).xpath("//nav[contains(@class,'site-nav')]//a")
    assert [a.text_content().strip() for a in fi_nav] == [
        t("fi", "Home"),
        "Tietoa yhdistyksille",
        t("fi", "Search"),
    ]
    assert [a.get("href") for a in fi_nav] == ["/fi/", "/fi/tietoa-yhdistyksille/", "/fi/haku/"]
    assert [a.text_content().strip() for a in sv_nav] == [
        t("sv", "Home"),
        "Information för föreningar",
        t("sv", "Search"),
    ]
    assert [a.get("href") for a in sv_nav] == ["/sv/", "/sv/information-for-foreningar/", "/sv/sok/"]


def test_menu_follows_the_page_tree_show_in_menus_and_publication(client, site_pages):
    accessibility = site_pages["accessibility"]["fi"]
    accessibility.show_in_menus = True
    accessibility.save_revision().publish()
    association = site_pages["association"]["fi"]
    association.unpublish()
    titles = [
        a.text_content().strip()
        for a in parse(client.get("/fi/")).xpath("//nav[contains(@class,'site-nav')]//a")
    ]
    assert titles == [t("fi", "Home"), "Saavutettavuusseloste", t("fi", "Search")]


def test_current_page_is_marked_in_the_menu(client, site_pages):
    doc = parse(client.get("/fi/tietoa-yhdistyksille/"))
    assert doc.xpath("//nav[contains(@class,'site-nav')]//a[@aria-current='page']/@href") == [
        "/fi/tietoa-yhdistyksille/"
    ]


def test_breadcrumbs_lead_from_home_through_ancestors_to_the_current_page(client, site_pages):
    parent = site_pages["association"]["fi"]
    child = parent.add_child(
        instance=StandardPage(title="Avustukset", slug="avustukset", locale=parent.locale)
    )
    child.save_revision().publish()
    doc = parse(client.get("/fi/tietoa-yhdistyksille/avustukset/"))
    crumbs = doc.xpath("//nav[contains(@class,'hds-breadcrumb')]")[0]
    assert crumbs.get("aria-label") == t("fi", "Breadcrumb")
    desktop = crumbs.xpath(".//ol[contains(@class,'hds-breadcrumb__list--desktop')]/li")
    assert [li.text_content().strip() for li in desktop] == [
        "Vapaaehtoistyön neuvottelukunta",
        "Tietoa yhdistyksille",
        "Avustukset",
    ]
    assert [a.get("href") for a in crumbs.xpath(".//ol//a")] == ["/fi/", "/fi/tietoa-yhdistyksille/"]
    assert desktop[-1].get("aria-current") == "page"
    # On narrow screens HDS shows only a link back to the parent.
    assert crumbs.xpath(".//*[contains(@class,'hds-breadcrumb__list--mobile')]//a/@href") == [
        "/fi/tietoa-yhdistyksille/"
    ]


def test_home_page_has_no_breadcrumbs(client, site_pages):
    assert parse(client.get("/fi/")).xpath("//nav[contains(@class,'hds-breadcrumb')]") == []


@pytest.mark.parametrize(
    ("code", "organisation", "address_line", "accessibility", "privacy"),
    [
        (
            "fi",
            "Vapaaehtoistyön neuvottelukunta",
            "PL 0000",
            ("Saavutettavuusseloste", "/fi/saavutettavuusseloste/"),
            ("Tietosuojaseloste", "/fi/tietosuojaseloste/"),
        ),
        (
            "sv",
            "Kommissionen för frivilligt arbete",
            "PB 0000",
            ("Tillgänglighetsutlåtande", "/sv/tillganglighetsutlatande/"),
            ("Dataskyddsbeskrivning", "/sv/dataskyddsbeskrivning/"),
        ),
    ],
)
def test_footer_shows_translated_contact_details_and_links_from_site_settings(
    client, site_pages, code, organisation, address_line, accessibility, privacy
):
    footer = parse(client.get(f"/{code}/")).xpath("//footer")[0]
    assert footer.xpath("normalize-space(.//h2)") == organisation
    assert address_line in footer.text_content()
    assert footer.xpath(".//a[starts-with(@href,'mailto:')]/@href") == [
        "mailto:neuvottelukunta@example.invalid"
    ]
    assert footer.xpath(".//a[starts-with(@href,'tel:')]/@href") == ["tel:090000000"]
    links = [(a.text_content().strip(), a.get("href")) for a in footer.xpath(".//nav//a")]
    assert accessibility in links
    assert privacy in links


def test_footer_changes_when_the_settings_change(client, site_pages):
    FooterSettings.objects.filter(locale__language_code="fi").update(phone="09 111 1111")
    footer = parse(client.get("/fi/")).xpath("//footer")[0]
    assert footer.xpath(".//a[starts-with(@href,'tel:')]/@href") == ["tel:091111111"]


def test_footer_falls_back_to_finnish_settings_and_pages_when_not_translated(client, site_pages):
    FooterSettings.objects.filter(locale__language_code="sv").delete()
    site_pages["accessibility"]["sv"].unpublish()
    footer = parse(client.get("/sv/")).xpath("//footer")[0]
    assert footer.xpath("normalize-space(.//h2)") == "Vapaaehtoistyön neuvottelukunta"
    links = [(a.text_content().strip(), a.get("href")) for a in footer.xpath(".//nav//a")]
    assert ("Saavutettavuusseloste", "/fi/saavutettavuusseloste/") in links


@pytest.mark.parametrize("url", ["/fi/", "/sv/information-for-foreningar/", "/fi/saavutettavuusseloste/"])
def test_public_pages_stay_within_their_query_budget(client, site_pages, django_assert_max_num_queries, url):
    with django_assert_max_num_queries(15):
        assert client.get(url).status_code == 200


def test_page_query_count_does_not_grow_with_the_number_of_menu_pages(
    client, site_pages, django_assert_num_queries
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def count():
        from django.core.cache import cache

        cache.clear()
        with CaptureQueriesContext(connection) as ctx:
            assert client.get("/fi/tietoa-yhdistyksille/").status_code == 200
        return len(ctx.captured_queries)

    before = count()
    home = Page.objects.get(depth=2, locale__language_code="fi").specific
    for i in range(20):
        page = home.add_child(
            instance=StandardPage(title=f"Sivu {i}", slug=f"sivu-{i}", show_in_menus=True, locale=home.locale)
        )
        page.save_revision().publish()
    assert count() == before
