"""The demo (`make run`) has the open data page in Finnish and Swedish, linking the entry points
and stating the licence, in the sitemap; and the demo's open data is valid from end to end."""

from __future__ import annotations

import pytest
from lxml import html as lxml_html

from board.models import Meeting, OpenDataPage
from tests.board.test_demo import load_demo
from tests.conftest import module_transaction
from tests.opendata.conftest import ENTRY, POPOLO
from tests.opendata.test_oparl import crawl


@pytest.fixture(scope="module")
def demo_db(django_db_setup, django_db_blocker):
    with module_transaction(django_db_blocker):
        load_demo()
        yield


@pytest.mark.parametrize(("code", "title"), [("fi", "Avoin data"), ("sv", "Öppna data")])
def test_open_data_page_links_the_entry_points_and_states_the_licence(client, demo_db, db, code, title):
    page = OpenDataPage.objects.live().get(locale__language_code=code)
    response = client.get(page.url, HTTP_ACCEPT_LANGUAGE=code)
    assert response.status_code == 200
    tree = lxml_html.fromstring(response.content)
    assert tree.xpath("string(//h1)").strip() == title
    links = {a.get("data-format"): a.get("href") for a in tree.xpath("//a[@data-format]")}
    assert links == {"oparl": f"http://testserver{ENTRY}", "popolo": f"http://testserver{POPOLO}"}
    for href in links.values():
        assert client.get(href.removeprefix("http://testserver")).status_code == 200
    licence = tree.xpath("//a[@rel='license']")[0]
    assert licence.get("href") == f"https://creativecommons.org/licenses/by/4.0/deed.{code}"
    assert "CC BY 4.0" in licence.text_content()
    assert tree.xpath("//html/@lang")[0] == code
    sitemap = client.get("/sitemap.xml").content.decode()
    assert f"<loc>http://testserver{page.url}</loc>" in sitemap


def test_demo_open_data_is_valid_and_complete(client, demo_db, db, schemas):
    found = crawl(client, schemas)
    live = Meeting.objects.filter(live=True, locale__language_code="fi").count()
    assert len(found["Meeting"]) == live > 0
    assert found["Person"] and found["Membership"] and found["File"]
    # Swedish names where the demo has them.
    assert any("helsinki:sv" in m and "name" in m["helsinki:sv"] for m in found["Meeting"].values())
    assert any(f.get("helsinki:language") == "sv" for f in found["File"].values())
