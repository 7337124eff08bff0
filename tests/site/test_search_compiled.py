"""site_search() reuses each search's SQL with the visitor's words in it: the results must be
exactly those of building the search every time, and nothing the data decides (view
restrictions, drafts) may stay in the reused SQL."""

import pytest
from django.db import connection
from wagtail.models import Collection, CollectionViewRestriction, Page, PageViewRestriction

import home.search
from board.factories import EventFactory, MeetingFactory
from documents.factories import DocumentFactory
from home.models import StandardPage
from home.search import site_search
from tests.site.conftest import published


def _page(code: str, title: str, text: str, slug: str) -> StandardPage:
    home_page = Page.objects.get(depth=2, locale__language_code=code).specific
    page = home_page.add_child(
        instance=StandardPage(
            title=title,
            slug=slug,
            body=[("text", f"<p>{text}</p>")],
            search_description=text,
            locale=home_page.locale,
        )
    )
    page.save_revision().publish()
    return page


def _found(query: str, code: str = "fi", **kwargs) -> list[tuple[str, int, str, str]]:
    results = site_search(query, code, page=1, per_page=50, **kwargs)
    return [(hit.type, hit.object.pk, hit.title, hit.excerpt) for hit in results.hits]


def _built_every_time(monkeypatch, query: str, code: str = "fi") -> list[tuple[str, int, str, str]]:
    with monkeypatch.context() as patch:
        patch.setattr(home.search, "_compile", lambda *args: None)
        patch.setattr(home.search, "_COMPILED", {})
        return _found(query, code)


@pytest.fixture
def content(site_pages):
    for i in range(4):
        _page("fi", f"Talkoosivu {i}", f"Talkoot ja kevät {i} talkoopäivänä.", slug=f"talkoot-{i}")
        MeetingFactory(title=f"Talkookokous {i}", summary=f"Talkoot kevät kokouksessa {i}.")
        EventFactory(title=f"Talkootapahtuma {i}", description="Talkoot kevät tapahtumassa.")
        published(
            DocumentFactory(title=f"Talkoomuistio {i}", paragraphs=(f"Talkoot kevät asiakirjassa {i}.",))
        )
    _page("sv", "Talkosida", "Talko och vår på talkodagen.", slug="talko")


@pytest.mark.parametrize(
    ("query", "code"),
    [
        ("talkoot", "fi"),
        ("talkoot kevät", "fi"),
        ("kevät talkoot 2", "fi"),
        ("talko vår", "sv"),
        ("zqsearchword000zq talkoot", "fi"),
        ("eimitäänlöydy", "fi"),
    ],
)
def test_reused_sql_finds_exactly_what_building_the_search_finds(monkeypatch, content, query, code):
    expected = _built_every_time(monkeypatch, query, code)
    home.search._COMPILED.clear()
    assert _found(query, code) == expected
    assert _found(query, code) == expected  # the second time from the reused SQL
    if connection.vendor == "postgresql":
        assert len([sql for sql in home.search._COMPILED.values() if sql is not None]) == len(
            home.search.search_types()
        )


def test_other_words_of_the_same_count_get_their_own_results(content):
    assert {title for _type, _pk, title, _excerpt in _found("talkoot kevät")} >= {
        "Talkoosivu 0",
        "Talkoomuistio 3",
    }
    assert _found("talkoot eimitäänlöydy") == []
    numbered = {title for _type, _pk, title, _excerpt in _found("talkoot 2")}
    assert {"Talkoosivu 2", "Talkoomuistio 2"} <= numbered
    assert not numbered & {"Talkoosivu 1", "Talkoomuistio 3"}


def test_a_restriction_made_after_the_sql_was_reused_still_hides_pages_and_documents(content):
    before = {title for _type, _pk, title, _excerpt in _found("talkoot")}
    assert {"Talkoosivu 1", "Talkoomuistio 1"} <= before
    page = Page.objects.get(title="Talkoosivu 1")
    PageViewRestriction.objects.create(page=page, restriction_type="password", password="x")
    collection = Collection.get_first_root_node().add_child(name="Suljettu")
    CollectionViewRestriction.objects.create(collection=collection, restriction_type="password", password="x")
    document = home.search.apps.get_model(home.search.settings.WAGTAILDOCS_DOCUMENT_MODEL).objects.get(
        title="Talkoomuistio 1"
    )
    document.collection = collection
    document.save()
    after = {title for _type, _pk, title, _excerpt in _found("talkoot")}
    assert after == before - {"Talkoosivu 1", "Talkoomuistio 1"}
