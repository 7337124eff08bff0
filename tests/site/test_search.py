"""The search page /fi/haku/, /sv/sok/ and site_search(): pages, meetings, events, document text."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import Collection, CollectionViewRestriction, Page
from wagtail.search.backends import get_search_backend

from board.factories import EventFactory, MeetingFactory, MinutesArchivePageFactory
from documents.factories import DocumentFactory
from home.models import StandardPage
from home.search import MAX_QUERY_LENGTH, site_search
from tests.site.conftest import parse, published, t


def _home(code: str) -> Page:
    return Page.objects.get(depth=2, locale__language_code=code).specific


def _page(code: str, title: str, text: str, slug: str | None = None) -> StandardPage:
    home = _home(code)
    page = home.add_child(
        instance=StandardPage(
            title=title,
            slug=slug or title.lower().replace(" ", "-"),
            body=[("text", f"<p>{text}</p>")],
            search_description=text[:100],
            locale=home.locale,
        )
    )
    page.save_revision().publish()
    return page


def _results(response):
    doc = parse(response)
    return [
        {
            "type": li.xpath("normalize-space(.//*[contains(@class,'search-result__type')]/span[1])"),
            "title": li.xpath("normalize-space(.//h3)"),
            "url": (li.xpath(".//h3/a/@href") or [""])[0],
        }
        for li in doc.xpath("//ol[contains(@class,'search-results__list')]/li")
    ]


def _documents_under(response) -> dict[str, list[str]]:
    """The titles of the documents listed under each hit, by the hit's title."""
    return {
        li.xpath("normalize-space(./h3)"): [
            a.text_content().strip() for a in li.xpath(".//li[contains(@class,'search-result__document')]/a")
        ]
        for li in parse(response).xpath("//ol[contains(@class,'search-results__list')]/li")
    }


def test_search_pages_have_their_own_address_in_each_language(client, site_pages):
    for url in ("/fi/haku/", "/sv/sok/", "/en/search/"):
        response = client.get(url)
        assert response.status_code == 200
        assert parse(response).xpath("//form[@role='search']/@action") == [url]


def test_search_finds_a_page_by_a_word_of_its_body_with_its_type_and_count(client, site_pages):
    page = _page(
        "fi", "Kevätseminaari", "Kevätseminaari järjestetään toukokuussa Stoassa.", slug="kevatseminaari"
    )
    response = client.get("/fi/haku/", {"q": "toukokuussa"})
    assert response.status_code == 200
    assert _results(response) == [
        {"type": t("fi", "Page"), "title": "Kevätseminaari", "url": "/fi/kevatseminaari/"}
    ]
    assert page.url_path.endswith("/kevatseminaari/")
    count = parse(response).xpath("normalize-space(//h2[contains(@class,'search-results__count')])")
    assert count.startswith("1 ")
    assert "toukokuussa" in count


def test_search_looks_only_at_the_visitors_language(client, site_pages):
    _page("fi", "Talkoot", "Talkoopäivä pidetään syyskuussa.")
    _page("sv", "Talko", "Talkodagen hålls i september.")
    assert [r["title"] for r in _results(client.get("/sv/sok/", {"q": "talkodagen"}))] == ["Talko"]
    assert _results(client.get("/sv/sok/", {"q": "talkoopäivä"})) == []
    assert [r["title"] for r in _results(client.get("/fi/haku/", {"q": "talkoopäivä"}))] == ["Talkoot"]


def test_unpublished_and_private_pages_are_not_found(client, site_pages):
    from wagtail.models import PageViewRestriction

    draft = _page("fi", "Luonnos", "Salainenluonnos ei näy.")
    draft.unpublish()
    private = _page("fi", "Yksityinen", "Salainenluonnos on yksityinen.")
    PageViewRestriction.objects.create(page=private, restriction_type="password", password="x")
    assert _results(client.get("/fi/haku/", {"q": "salainenluonnos"})) == []


def test_document_text_is_searched_and_results_are_labelled_as_documents(client, site_pages):
    document = published(
        DocumentFactory(
            title="Toimintasuunnitelma 2027", paragraphs=("Ruohonjuuritason yhteistyö vahvistuu.",)
        )
    )
    found = _results(client.get("/fi/haku/", {"q": "ruohonjuuritason"}))
    assert found == [{"type": t("fi", "Document"), "title": "Toimintasuunnitelma 2027", "url": document.url}]


def test_documents_in_restricted_collections_are_not_found(client, site_pages):
    secret = Collection.get_first_root_node().add_child(name="Sisäiset")
    CollectionViewRestriction.objects.create(collection=secret, restriction_type="login")
    below = secret.add_child(name="Sisäiset alakansio")
    DocumentFactory(
        title="Sisäinen muistio", collection=secret, paragraphs=("Luottamuksellinenasia sisällä.",)
    )
    DocumentFactory(
        title="Alakansion muistio", collection=below, paragraphs=("Luottamuksellinenasia alakansiossa.",)
    )
    published(DocumentFactory(title="Julkinen muistio", paragraphs=("Luottamuksellinenasia julkisesti.",)))
    titles = [r["title"] for r in _results(client.get("/fi/haku/", {"q": "luottamuksellinenasia"}))]
    assert titles == ["Julkinen muistio"]


def test_documents_attached_only_to_unpublished_meetings_are_not_found(client, site_pages):
    draft_agenda = DocumentFactory(
        title="Luonnoksen esityslista", paragraphs=("Keskeneräinenasia listalla.",)
    )
    live_agenda = DocumentFactory(title="Julkaistu esityslista", paragraphs=("Keskeneräinenasia julkaistu.",))
    MeetingFactory(title="Tuleva kokous", live=False, agenda=draft_agenda)
    held = MeetingFactory(title="Pidetty kokous", live=True, agenda=live_agenda)
    response = client.get("/fi/haku/", {"q": "keskeneräinenasia"})
    # The public agenda is listed under its meeting; the draft's is nowhere.
    assert _documents_under(response) == {str(held): ["Julkaistu esityslista"]}


def test_a_document_is_listed_under_the_meeting_it_belongs_to_newest_first(client, site_pages):
    archive = MinutesArchivePageFactory(parent=_home("fi"), title="Kokousmuistiot", slug="kokousmuistiot")
    older = MeetingFactory(
        title="Kevätkokous",
        minutes=DocumentFactory(title="Kevään pöytäkirja", paragraphs=("Hyväksyttiin talkoosuunnitelma.",)),
    )
    newer = MeetingFactory(
        title="Syyskokous",
        agenda=DocumentFactory(title="Syksyn esityslista", paragraphs=("Talkoosuunnitelma käsitellään.",)),
        minutes=DocumentFactory(title="Syksyn pöytäkirja", paragraphs=("Talkoosuunnitelma hyväksyttiin.",)),
    )
    newer.start = older.start.replace(year=older.start.year + 1)
    newer.save()
    lone = published(
        DocumentFactory(title="Irrallinen muistio", paragraphs=("Talkoosuunnitelma luonnoksena.",))
    )
    response = client.get("/fi/haku/", {"q": "talkoosuunnitelma"})
    found = _results(response)
    newer.refresh_from_db()
    assert [(r["type"], r["title"]) for r in found] == [
        (t("fi", "Meeting"), str(newer)),
        (t("fi", "Meeting"), str(older)),
        (t("fi", "Document"), "Irrallinen muistio"),
    ]
    assert found[0]["url"] == f"{archive.url}{newer.year}/{newer.number}/"
    assert found[2]["url"] == lone.url
    assert _documents_under(response) == {
        str(newer): ["Syksyn esityslista", "Syksyn pöytäkirja"],
        str(older): ["Kevään pöytäkirja"],
        "Irrallinen muistio": [],
    }


def test_published_meetings_and_events_are_found_and_link_to_their_pages(client, site_pages):
    archive = MinutesArchivePageFactory(parent=_home("fi"), title="Kokousmuistiot", slug="kokousmuistiot")
    meeting = MeetingFactory(title="Kevätkokous", summary="Päätettiin vuosikellosta.")
    MeetingFactory(title="Luonnoskokous", summary="Vuosikellosta luonnos.", live=False)
    EventFactory(title="Vuosikelloilta", description="Ilta vuosikellosta kaikille.")
    found = _results(client.get("/fi/haku/", {"q": "vuosikellosta"}))
    assert [(r["type"], r["title"]) for r in found] == [
        (t("fi", "Meeting"), str(meeting)),
        (t("fi", "Event"), "Vuosikelloilta"),
    ]
    meeting_url = found[0]["url"]
    assert meeting_url == f"{archive.url}{meeting.year}/{meeting.number}/"
    assert client.get(meeting_url).status_code == 200


def test_results_are_grouped_by_type_with_counts(client, site_pages):
    published(DocumentFactory(title="Esite", paragraphs=("Kansalaisaktiivisuus kasvaa.",)))
    _page("fi", "Aktiivisuus", "Kansalaisaktiivisuus on tärkeää.")
    MeetingFactory(title="Syyskokous", summary="Kansalaisaktiivisuus esillä.")
    response = client.get("/fi/haku/", {"q": "kansalaisaktiivisuus"})
    types = [r["type"] for r in _results(response)]
    assert types == [t("fi", "Page"), t("fi", "Meeting"), t("fi", "Document")]
    counts = parse(response).xpath("//ul[contains(@class,'search-results__types')]/li/text()")
    assert counts == [f"{t('fi', 'Pages')}: 1", f"{t('fi', 'Meetings')}: 1", f"{t('fi', 'Documents')}: 1"]


def test_results_are_paginated_with_hds_pagination(client, site_pages):
    for i in range(23):
        _page("fi", f"Infosivu {i}", f"Yhdistysinfo numero {i}.", slug=f"info-{i}")
    first = client.get("/fi/haku/", {"q": "yhdistysinfo"})
    doc = parse(first)
    assert len(_results(first)) == 10
    assert doc.xpath("normalize-space(//h2[contains(@class,'search-results__count')])").startswith("23 ")
    nav = doc.xpath("//nav[contains(@class,'hds-pagination-container')]")[0]
    assert nav.get("aria-label")
    assert nav.xpath(".//a[@aria-current='page']/text()") == ["1"]
    assert nav.xpath(".//ul[contains(@class,'hds-pagination__pages')]//a/text()") == ["1", "2", "3"]
    assert nav.xpath(".//a[contains(@class,'hds-pagination__button-prev')]") == []
    next_url = nav.xpath(".//a[contains(@class,'hds-pagination__button-next')]/@href")[0]
    assert next_url == "/fi/haku/?q=yhdistysinfo&page=2"
    last = client.get("/fi/haku/", {"q": "yhdistysinfo", "page": 3})
    assert len(_results(last)) == 3
    assert parse(last).xpath("//ol[contains(@class,'search-results__list')]/@start") == ["21"]
    seen = {
        r["title"]
        for n in (1, 2, 3)
        for r in _results(client.get("/fi/haku/", {"q": "yhdistysinfo", "page": n}))
    }
    assert len(seen) == 23
    # A page number out of range or not a number shows the nearest page.
    assert len(_results(client.get("/fi/haku/", {"q": "yhdistysinfo", "page": 99}))) == 3
    assert len(_results(client.get("/fi/haku/", {"q": "yhdistysinfo", "page": "x"}))) == 10


@pytest.mark.parametrize(
    "query",
    [
        "",
        "   ",
        # Longer values, NUL and control characters are refused before the search (400:
        # tests/security/test_hostile_input.py).
        "x" * 4_000,
        "!!! ??? ... --- ;;; ''' \"\"\" ***",
        "'; DROP TABLE wagtailcore_page; --",
        "' OR 1=1 --",
        "<script>alert('x')</script>",
        "<b onmouseover=alert(1)>neuvottelukunta</b>",
        "neuvottelukunta & | ! ( ) : *",
        "ääkköset ÅÄÖ ǅ 漢字 🙂",
    ],
)
def test_empty_and_absurd_queries_give_a_normal_page(client, site_pages, query):
    response = client.get("/fi/haku/", {"q": query})
    assert response.status_code == 200
    body = response.content.decode()
    assert "<script>alert" not in body
    doc = parse(response)
    # Echoed only as escaped text: no element gains a handler.
    assert doc.xpath("//*[@onmouseover]") == []
    assert doc.xpath("//h1/text()") == [t("fi", "Search")]
    assert (
        len(doc.xpath("//input[@name='q']/@value")[0] if doc.xpath("//input[@name='q']/@value") else "")
        <= 200
    )
    assert Page.objects.filter(depth=2).exists()


def test_a_too_long_query_is_cut_with_a_polite_notice(client, site_pages):
    response = client.get("/fi/haku/", {"q": "neuvottelukunta " * 250})
    doc = parse(response)
    notice = doc.xpath("//section[contains(@class,'hds-notification')]")
    assert notice and str(MAX_QUERY_LENGTH) in notice[0].text_content()
    assert len(doc.xpath("//input[@name='q']/@value")[0]) == MAX_QUERY_LENGTH
    assert client.get("/fi/haku/", {"q": "neuvottelukunta"}).content.decode().count("hds-notification") == 0


def test_search_form_is_a_labelled_get_form_without_csrf_token_or_cookie(client, site_pages):
    response = client.get("/fi/haku/", {"q": "neuvottelukunta"})
    doc = parse(response)
    form = doc.xpath("//form[@role='search']")[0]
    assert form.get("method") == "get"
    assert form.xpath(".//input[@name='csrfmiddlewaretoken']") == []
    field_id = form.xpath(".//input[@name='q']/@id")[0]
    assert form.xpath(f".//label[@for='{field_id}']/text()")
    assert response.cookies == {}
    assert "Set-Cookie" not in response


def _search_queries(client, query: str) -> int:
    from django.core.cache import cache

    cache.clear()
    with CaptureQueriesContext(connection) as ctx:
        response = client.get("/fi/haku/", {"q": query})
    assert response.status_code == 200
    return len(ctx.captured_queries)


def test_search_stays_within_twelve_queries_at_any_size(client, site_pages):
    """Chrome (3), one search per type (5), the documents' references (1) and their owners, one
    query per type of owner (meetings, events, pages: 3), however many hits."""
    from board.factories import MembershipFactory, PersonFactory

    MinutesArchivePageFactory(
        parent=_home("fi"), title="Kokousmuistiot", slug="kokousmuistiot", show_in_menus=True
    )

    def add(n: int, start: int) -> None:
        for i in range(start, start + n):
            _page("fi", f"Mittasivu {i}", "Mittaussana sivulla.", slug=f"mitta-{i}")
            MeetingFactory(
                title=f"Mittakokous {i}",
                summary="Mittaussana kokouksessa.",
                agenda=DocumentFactory(title=f"Mittalista {i}", paragraphs=("Mittaussana listalla.",)),
            )
            EventFactory(
                title=f"Mittatapahtuma {i}",
                description="Mittaussana tapahtumassa.",
                document=DocumentFactory(title=f"Mittaesite {i}", paragraphs=("Mittaussana esitteessä.",)),
            )
            published(
                DocumentFactory(title=f"Mittadokumentti {i}", paragraphs=("Mittaussana asiakirjassa.",))
            )
            MembershipFactory(person=PersonFactory(first_name="Mittaussana", last_name=f"Henkilö{i}"))

    add(3, 0)
    client.get("/fi/haku/", {"q": "lämmittely"})  # per-process caches (content types) warm up
    small = _search_queries(client, "mittaussana")
    add(30, 3)
    large = _search_queries(client, "mittaussana")
    assert small <= 12
    assert large <= 12
    assert large == small


def test_site_search_is_reusable_outside_the_page(site_pages):
    _page("sv", "Föreningsdag", "Föreningsdagen ordnas i maj.", slug="foreningsdag")
    results = site_search("föreningsdagen", "sv", page=1, per_page=5)
    assert results.count == 1
    assert results.hits[0].title == "Föreningsdag"
    assert results.hits[0].url == "/sv/foreningsdag/"
    assert results.hits[0].type == "page"
    empty = site_search("!!!", "fi", page=1, per_page=5)
    assert (empty.count, empty.hits, empty.query) == (0, [], "")


def test_search_stems_words_on_sqlite_and_postgres_alike():
    assert get_search_backend().stemming is True


def test_finnish_stemming_finds_an_inflected_form(client, site_pages):
    _page("fi", "Kuntaneuvosto", "Tämä neuvottelukunta kokoontuu keväällä.")
    titles = [r["title"] for r in _results(client.get("/fi/haku/", {"q": "neuvottelukunnan"}))]
    assert "Kuntaneuvosto" in titles


def test_swedish_stemming_finds_an_inflected_form(client, site_pages):
    _page("sv", "Kommissionsnytt", "Här arbetar kommissionen med frivilliga.")
    titles = [r["title"] for r in _results(client.get("/sv/sok/", {"q": "kommissionens"}))]
    assert "Kommissionsnytt" in titles


def test_finnish_document_text_is_stemmed_in_finnish_even_from_the_swedish_site(client, site_pages):
    published(
        DocumentFactory(
            title="Pöytäkirja 4/2026", language="fi", paragraphs=("Neuvottelukunta hyväksyi lausunnon.",)
        )
    )
    documents = (t("fi", "Document"), t("sv", "Document"))
    from_fi = [
        r["title"]
        for r in _results(client.get("/fi/haku/", {"q": "neuvottelukunnan"}))
        if r["type"] in documents
    ]
    from_sv = [
        r["title"]
        for r in _results(client.get("/sv/sok/", {"q": "neuvottelukunnan"}))
        if r["type"] in documents
    ]
    assert from_fi == from_sv == ["Pöytäkirja 4/2026"]


def test_language_switcher_on_the_search_page_keeps_the_query(client, site_pages):
    doc = parse(client.get("/fi/haku/", {"q": "kokous"}))
    links = {
        a.get("hreflang"): a.get("href") for a in doc.xpath("//nav[contains(@class,'language-switcher')]//a")
    }
    assert links == {"sv": "/sv/sok/?q=kokous", "en": "/en/search/?q=kokous"}


def test_excerpt_shows_the_text_around_the_first_query_word_from_a_word_start():
    from home.search import excerpt

    text = " ".join(["alkuteksti"] * 60) + " tässä kohtaa neuvottelukunta päätti asiasta " + "loppu " * 60
    piece = excerpt(text, ["neuvottelukunta"], length=120)
    assert "neuvottelukunta päätti" in piece
    assert piece.startswith("…alkuteksti") or piece.startswith("…tässä")
    assert piece.endswith("…")
    assert excerpt("<p>Lyhyt <b>teksti</b></p>", ["x"]) == "Lyhyt teksti"
