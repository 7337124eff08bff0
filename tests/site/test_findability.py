"""Findability and privacy: sitemap, robots.txt, canonical and Open Graph tags, redirects,
share links, no cookies for visitors, and the error pages."""

from urllib.parse import parse_qs, urlparse

import pytest
from django.test import Client, override_settings
from django.urls import path
from lxml import etree
from wagtail.contrib.redirects.models import Redirect
from wagtail.models import Page

from home.views import server_error
from tests.site.conftest import parse, t

NS = {"sm": "http://www.sitemaps.org/schemas/sitemap/0.9", "xhtml": "http://www.w3.org/1999/xhtml"}


def _sitemap(client):
    response = client.get("/sitemap.xml")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/xml")
    return etree.fromstring(response.content)


def test_sitemap_lists_every_live_page_in_every_locale(client, site_pages):
    root = _sitemap(client)
    locations = root.xpath("//sm:url/sm:loc/text()", namespaces=NS)
    expected = {
        f"http://testserver{page.url}"
        for page in Page.objects.live().public().filter(depth__gte=2)
        if page.url  # every page under a language's home page has one
    }
    # The search page is linked from every page's header: a public page in each language too.
    expected |= {"http://testserver/fi/haku/", "http://testserver/sv/sok/", "http://testserver/en/search/"}
    # So is the e-mail alerts' subscription form (alerts/), linked from the calendar page.
    expected |= {
        "http://testserver/fi/sahkopostitilaus/",
        "http://testserver/sv/e-postprenumeration/",
        "http://testserver/en/email-alerts/",
    }
    assert set(locations) == expected
    assert len(locations) == len(expected) == 18
    assert "http://testserver/sv/tillganglighetsutlatande/" in locations


def test_sitemap_gives_hreflang_alternates_and_x_default_in_finnish(client, site_pages):
    root = _sitemap(client)
    for url in root.xpath("//sm:url", namespaces=NS):
        links = {
            link.get("hreflang"): link.get("href")
            for link in url.xpath("xhtml:link[@rel='alternate']", namespaces=NS)
        }
        assert set(links) == {"fi", "sv", "en", "x-default"}
        assert links["x-default"] == links["fi"]
        assert url.xpath("string(sm:loc)", namespaces=NS) in links.values()
    entry = root.xpath("//sm:url[sm:loc='http://testserver/sv/dataskyddsbeskrivning/']", namespaces=NS)[0]
    alternates = {link.get("hreflang"): link.get("href") for link in entry.xpath("xhtml:link", namespaces=NS)}
    assert alternates["fi"] == "http://testserver/fi/tietosuojaseloste/"
    assert alternates["en"] == "http://testserver/en/privacy-notice/"


def test_sitemap_leaves_out_unpublished_pages_and_their_alternates(client, site_pages):
    site_pages["privacy"]["en"].unpublish()
    root = _sitemap(client)
    assert "http://testserver/en/privacy-notice/" not in root.xpath("//sm:loc/text()", namespaces=NS)
    assert "http://testserver/en/privacy-notice/" not in root.xpath("//xhtml:link/@href", namespaces=NS)


def test_robots_txt_points_to_the_sitemap(client, site_pages):
    response = client.get("/robots.txt")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/plain")
    lines = response.content.decode().splitlines()
    assert "Sitemap: http://testserver/sitemap.xml" in lines
    assert "Disallow: /admin/" in lines


@pytest.mark.parametrize(
    ("url", "canonical", "og_locale"),
    [
        ("/fi/tietosuojaseloste/", "http://testserver/fi/tietosuojaseloste/", "fi_FI"),
        ("/sv/dataskyddsbeskrivning/", "http://testserver/sv/dataskyddsbeskrivning/", "sv_FI"),
        ("/fi/haku/?q=kokous", "http://testserver/fi/haku/", "fi_FI"),
    ],
)
def test_canonical_and_open_graph_tags(client, site_pages, url, canonical, og_locale):
    doc = parse(client.get(url))
    assert doc.xpath("//link[@rel='canonical']/@href") == [canonical]
    assert doc.xpath("//meta[@property='og:url']/@content") == [canonical]
    assert doc.xpath("//meta[@property='og:locale']/@content") == [og_locale]
    assert doc.xpath("//meta[@property='og:title']/@content")[0]
    assert doc.xpath("//meta[@name='description']/@content")[0]


def test_meta_description_and_og_tags_come_from_page_fields(client, site_pages):
    page = site_pages["privacy"]["sv"]
    doc = parse(client.get(page.url))
    assert doc.xpath("//meta[@name='description']/@content") == [page.search_description]
    assert doc.xpath("//meta[@property='og:description']/@content") == [page.search_description]
    assert doc.xpath("//meta[@property='og:title']/@content") == [page.title]
    alternates = dict(
        zip(
            doc.xpath("//link[@rel='alternate']/@hreflang"),
            doc.xpath("//link[@rel='alternate']/@href"),
            strict=True,
        )
    )
    assert alternates == {
        "fi": "http://testserver/fi/tietosuojaseloste/",
        "x-default": "http://testserver/fi/tietosuojaseloste/",
        "sv": "http://testserver/sv/dataskyddsbeskrivning/",
        "en": "http://testserver/en/privacy-notice/",
    }
    page.search_description = ""
    page.save_revision().publish()
    doc = parse(client.get(page.url))
    assert doc.xpath("//meta[@name='description']/@content") == [page.lead]


def test_redirects_made_in_the_admin_answer_301(client, site_pages):
    Redirect.objects.create(
        old_path="/vanha-sivu", redirect_page=site_pages["association"]["fi"], is_permanent=True
    )
    response = client.get("/vanha-sivu")
    assert response.status_code == 301
    assert response["Location"].endswith("/fi/tietoa-yhdistyksille/")


def test_redirects_are_managed_in_the_admin(admin_client, site_pages):
    assert admin_client.get("/admin/redirects/").status_code == 200


@pytest.mark.parametrize(("code", "heading"), [("fi", "Share"), ("sv", "Share"), ("en", "Share")])
def test_share_links_are_plain_links_to_the_page(client, site_pages, code, heading):
    page = site_pages["association"][code]
    doc = parse(client.get(page.url))
    section = doc.xpath("//section[contains(@class,'share')]")[0]
    assert section.xpath("normalize-space(.//h2)") == t(code, heading)
    url = f"http://testserver{page.url}"
    links = {
        a.get("class").split("share__link--")[-1]: a.get("href")
        for a in section.xpath(".//a[contains(@class,'share__link--')]")
    }
    assert set(links) == {"email", "facebook", "x", "linkedin"}
    mail = urlparse(links["email"])
    assert mail.scheme == "mailto"
    assert parse_qs(mail.query) == {"subject": [page.title], "body": [url]}
    assert parse_qs(urlparse(links["facebook"]).query) == {"u": [url]}
    assert urlparse(links["facebook"]).netloc == "www.facebook.com"
    assert parse_qs(urlparse(links["x"]).query)["url"] == [url]
    assert urlparse(links["x"]).netloc == "x.com"
    assert parse_qs(urlparse(links["linkedin"]).query) == {"url": [url]}
    assert urlparse(links["linkedin"]).netloc == "www.linkedin.com"
    # "Copy link" without JavaScript is a link to the page itself.
    assert section.xpath(".//a[@data-copy-link]/@href") == [url]
    # No third-party script, frame or image anywhere on the page.
    for src in doc.xpath("//script/@src | //iframe/@src | //img/@src"):
        assert src.startswith("/static/")


PUBLIC_URLS = [
    "/fi/",
    "/sv/",
    "/en/",
    "/fi/tietoa-yhdistyksille/",
    "/sv/tillganglighetsutlatande/",
    "/fi/haku/",
    "/fi/haku/?q=neuvottelukunta",
    "/sv/sok/?q=kommissionen&page=2",
    "/fi/ei-ole-olemassa/",
    "/sv/finns-inte/",
    "/sitemap.xml",
    "/robots.txt",
    "/",
]


@pytest.mark.parametrize("url", PUBLIC_URLS)
def test_anonymous_visitors_get_no_cookies(site_pages, url):
    client = Client()
    response = client.get(url, HTTP_ACCEPT_LANGUAGE="sv")
    assert response.status_code in (200, 302, 404)
    assert "Set-Cookie" not in response
    assert response.cookies == {}
    assert client.cookies == {}


def test_privacy_notice_says_visitors_get_no_cookies(client, site_pages):
    fi = parse(client.get("/fi/tietosuojaseloste/")).text_content()
    sv = parse(client.get("/sv/dataskyddsbeskrivning/")).text_content()
    assert "Sivusto ei aseta kävijöille evästeitä" in fi
    assert "Webbplatsen sätter inga kakor" in sv


@pytest.mark.parametrize(
    ("url", "code"), [("/fi/ei-ole/", "fi"), ("/sv/finns-inte/", "sv"), ("/en/missing/", "en")]
)
def test_404_is_in_the_language_of_the_address_and_the_sites_look(client, site_pages, url, code):
    response = client.get(url)
    assert response.status_code == 404
    doc = parse(response)
    assert doc.get("lang") == code
    assert doc.xpath("//h1/text()") == [t(code, "Page not found")]
    assert "/static/vendor/hds/base.min.css" in doc.xpath("//link[@rel='stylesheet']/@href")
    assert doc.xpath("//footer//nav//a")
    assert (
        doc.xpath("//main//a/@href")[-1] == {"fi": "/fi/haku/", "sv": "/sv/sok/", "en": "/en/search/"}[code]
    )


def _boom(request):
    raise RuntimeError("simulated failure")


urlpatterns = [path("<str:code>/boom/", _boom)]
handler500 = "home.views.server_error"


@override_settings(ROOT_URLCONF=__name__, DEBUG=False)
@pytest.mark.parametrize("code", ["fi", "sv", "en"])
def test_500_is_in_the_language_of_the_address_and_the_sites_look(db, code):
    client = Client(raise_request_exception=False)
    response = client.get(f"/{code}/boom/")
    assert response.status_code == 500
    doc = parse(response)
    assert doc.get("lang") == code
    assert doc.xpath("//h1/text()") == [t(code, "Service error")]
    assert "/static/css/site.css" in doc.xpath("//link[@rel='stylesheet']/@href")
    assert "Set-Cookie" not in response


def test_500_page_renders_without_the_database(db, rf, django_assert_num_queries):
    with django_assert_num_queries(0):
        response = server_error(rf.get("/sv/mikä-tahansa/"))
    assert response.status_code == 500
    assert parse(response).get("lang") == "sv"


@pytest.mark.parametrize(
    ("code", "share", "search"), [("fi", "Jaa", "Haku"), ("sv", "Dela", "Sök"), ("en", "Share", "Search")]
)
def test_share_heading_and_search_are_in_the_visitors_language(client, site_pages, code, share, search):
    doc = parse(client.get(site_pages["association"][code].url))
    assert doc.xpath("normalize-space(//section[contains(@class,'share')]//h2)") == share
    assert search in [a.text_content().strip() for a in doc.xpath("//nav[contains(@class,'site-nav')]//a")]
