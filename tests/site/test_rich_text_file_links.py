"""Links to documents in rich text follow the rule of every other file link
(documents/languages.py): the file in the page's language where there is one, else the file
with its language said inside the link text in the page's language, and `hreflang`; the API
gives integrators the same links."""

from urllib.parse import urlsplit

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from lxml import html as lxml_html
from wagtail.models import Page

from documents.models import CustomDocument
from documents.rich_text import add_file_language_notes

ARCHIVES = {"fi": "/fi/kokousmuistiot/", "sv": "/sv/protokoll/"}


def _archive(code: str) -> Page:
    return Page.objects.get(
        url_path__endswith=ARCHIVES[code].split("/")[2] + "/", locale__language_code=code
    ).specific


def _finnish_only() -> list[CustomDocument]:
    swedish_keys = CustomDocument.objects.filter(locale__language_code="sv").values("translation_key")
    return list(
        CustomDocument.objects.filter(locale__language_code="fi", language="fi")
        .exclude(translation_key__in=swedish_keys)
        .order_by("pk")
    )


def _with_swedish_version() -> tuple[CustomDocument, CustomDocument]:
    swedish = CustomDocument.objects.filter(locale__language_code="sv", language="sv").order_by("pk").first()
    finnish = CustomDocument.objects.get(translation_key=swedish.translation_key, locale__language_code="fi")
    return finnish, swedish


def _link(doc: CustomDocument, text: str) -> str:
    return f'<a linktype="document" id="{doc.pk}">{text}</a>'


def _set_intro(documents_and_texts: list[tuple[CustomDocument, str]]) -> None:
    intro = "<p>" + " ".join(_link(d, t) for d, t in documents_and_texts) + "</p>"
    for code in ARCHIVES:
        page = _archive(code)
        page.intro = intro
        page.save()


def _intro_links(client, code: str) -> list:
    response = client.get(ARCHIVES[code])
    assert response.status_code == 200
    return lxml_html.fromstring(response.content.decode()).xpath("//div[@class='intro']//a")


def _text(element) -> str:
    return " ".join(element.text_content().split())


def test_a_swedish_page_says_finnish_files_inside_the_link_and_links_swedish_versions(client, demo):
    finnish_only = _finnish_only()[0]
    finnish, swedish = _with_swedish_version()
    _set_intro([(finnish_only, "Programmet"), (finnish, "Kalendern")])

    only, versioned = _intro_links(client, "sv")
    assert _text(only) == "Programmet (på finska)"
    assert only.get("hreflang") == "fi" and only.get("href") == finnish_only.url
    assert only.get("data-file-language") is None  # the mark is only for the note writer
    assert _text(versioned) == "Kalendern"
    assert versioned.get("hreflang") == "sv" and versioned.get("href") == swedish.url

    only, versioned = _intro_links(client, "fi")
    assert _text(only) == "Programmet" and _text(versioned) == "Kalendern"
    assert only.get("hreflang") == versioned.get("hreflang") == "fi"
    assert versioned.get("href") == finnish.url


def test_the_api_gives_the_same_rich_text_links_as_the_page(client, demo):
    finnish_only = _finnish_only()[0]
    finnish, _swedish = _with_swedish_version()
    _set_intro([(finnish_only, "Programmet"), (finnish, "Kalendern")])
    for code in ARCHIVES:
        page_links = [
            (urlsplit(a.get("href")).path, a.get("hreflang"), _text(a)) for a in _intro_links(client, code)
        ]
        answer = client.get(f"/api/v3/pages/{_archive(code).pk}/")
        assert answer.status_code == 200
        api = lxml_html.fragment_fromstring(answer.json()["intro"], create_parent="div").xpath("//a")
        api_links = [(urlsplit(a.get("href")).path, a.get("hreflang"), _text(a)) for a in api]
        assert api_links == page_links and len(api_links) == 2, code
        assert all(urlsplit(a.get("href")).scheme for a in api)  # absolute, for integrators


def _queries(client, code: str) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(ARCHIVES[code]).status_code == 200
    return len(queries)


@pytest.mark.parametrize("code", ["sv", "fi"])
def test_query_count_does_not_grow_with_the_links(client, demo, code):
    documents = _finnish_only()
    finnish, _swedish = _with_swedish_version()
    assert len(documents) >= 4
    _set_intro([(documents[0], "a"), (finnish, "b")])
    client.get(ARCHIVES[code])  # the site's caches warmed
    _set_intro([(documents[1], "a"), (finnish, "b")])  # each measure right after a change
    few = _queries(client, code)
    _set_intro([(d, str(i)) for i, d in enumerate(documents[:8])] + [(finnish, "b")])
    many = _queries(client, code)
    assert len(_intro_links(client, code)) == 9
    assert many == few > 0


def test_the_note_writer_keeps_the_rest_of_the_html_as_written():
    html = (
        '<p>A &amp; B &#228; <b>x</b><br/><a href="/f.pdf" hreflang="fi" data-file-language="fi">'
        'Programmet <i>nu</i></a> <a href="/s.pdf" hreflang="sv">Kalendern</a><!-- c --></p>'
    )
    assert add_file_language_notes(html, "sv") == (
        '<p>A &amp; B &#228; <b>x</b><br/><a href="/f.pdf" hreflang="fi">'
        'Programmet <i>nu</i> <span class="document-link__meta">(på finska)</span></a> '
        '<a href="/s.pdf" hreflang="sv">Kalendern</a><!-- c --></p>'
    )
    assert add_file_language_notes(html.replace("data-file-language", "data-x"), "sv").count("finska") == 0
