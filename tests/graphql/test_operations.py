"""The operations of react-helsinki-headless-cms, as extracted from its build, against /graphql/."""

from __future__ import annotations

import re
import subprocess

import pytest
from graphql import parse, validate

from cms.graphql.schema import schema
from cms.graphql.views import CostLimit, DepthLimit
from tests.graphql.conftest import OPERATIONS, operations

FRONTEND = OPERATIONS.parents[1]
# Every operation the library sends to its CMS (LinkedEvents' own are in linkedevents.graphql).
SERVED = {
    "article",
    "categories",
    "category",
    "landingPage",
    "languages",
    "menu",
    "notification",
    "page",
    "pageByTemplate",
    "PageChildrenSearch",
    "pages",
    "posts",
    "tag",
    "tags",
}


def test_the_extracted_operations_are_the_ones_served():
    assert set(operations()) == SERVED


@pytest.mark.parametrize("name", sorted(SERVED))
def test_every_operation_of_the_library_validates_against_the_schema(name):
    document = parse(operations()[name])
    assert validate(schema(), document) == []
    # ...and stays within the depth and cost limits, with connections asked at their largest.
    assert validate(schema(), document, [DepthLimit, CostLimit.with_variables({"first": 100})]) == []


def test_the_extracted_file_matches_the_installed_package(frontend_packages):
    result = subprocess.run(
        ["node", "extract-operations.mjs", "--check"],
        cwd=FRONTEND,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    assert re.search(r"cms: 14 operations", result.stdout)


def _data(gql, name: str, variables: dict, **extra) -> dict:
    return gql.run(operations()[name], variables, **extra)["data"]


def test_page_by_uri_in_finnish_with_expanded_rich_text_and_breadcrumbs(gql, standard_page, pdf):
    page = _data(gql, "page", {"id": "/fi/saavutettavuus/"})["page"]
    assert page["title"] == "Saavutettavuusseloste"
    assert page["uri"] == "/fi/saavutettavuus/"
    assert page["link"] == "http://testserver/fi/saavutettavuus/"
    assert page["language"]["code"] == "FI"
    assert page["breadcrumbs"][0] == {"title": "Vapaaehtoistyön neuvottelukunta", "uri": "/fi/"}
    kinds = [m["__typename"] for m in page["modules"]]
    assert set(kinds) == {"LayoutContent"}
    html = "".join(m["content"] for m in page["modules"])
    assert 'href="http://testserver/fi/"' in html  # a link to a page, expanded
    assert f'href="http://testserver{pdf.url}"' in html  # a document link, absolute
    assert "linktype" not in html and "<a id=" not in html
    assert page["modules"][0]["title"] == "Saavutettavuuden tila"


def test_translations_and_swedish_pages(gql, translated_home):
    home = _data(gql, "page", {"id": "/sv/"})["page"]
    assert home["title"] == translated_home["sv"].title
    assert home["language"]["code"] == "SV"
    assert {t["language"]["slug"]: t["uri"] for t in home["translations"]} == {"fi": "/fi/", "en": "/en/"}
    assert _data(gql, "page", {"id": "/sv/no-such-page/"})["page"] is None


def test_pages_list_falls_back_to_finnish_as_the_rest_api(gql, standard_page, translated_home):
    swedish = _data(gql, "pages", {"language": "SV", "first": 100})["pages"]["edges"]
    by_title = {edge["node"]["title"]: edge["node"]["language"]["code"] for edge in swedish}
    assert by_title[translated_home["sv"].title] == "SV"
    assert by_title["Saavutettavuusseloste"] == "FI"  # not translated: its Finnish version
    assert translated_home["fi"].title not in by_title  # translated: never twice


def test_drafts_and_restricted_pages_are_never_served(gql, standard_page):
    from wagtail.models import PageViewRestriction

    standard_page.save_revision()  # a newer draft changes nothing public
    PageViewRestriction.objects.create(page=standard_page, restriction_type="login")
    assert _data(gql, "page", {"id": "/fi/saavutettavuus/"})["page"] is None
    titles = [e["node"]["title"] for e in _data(gql, "pages", {"language": "FI"})["pages"]["edges"]]
    assert "Saavutettavuusseloste" not in titles
    standard_page.unpublish()
    assert _data(gql, "page", {"id": f"page:{standard_page.pk}"})["page"] is None


def test_menu_by_name_and_location_per_language(gql, standard_page, translated_home):
    standard_page.show_in_menus = True
    standard_page.save_revision().publish()
    finnish = _data(gql, "menu", {"id": "main-fi"})["menu"]["menuItems"]["nodes"]
    assert [item["title"] for item in finnish] == ["Saavutettavuusseloste"]
    assert finnish[0]["path"] == "/fi/saavutettavuus/"
    assert finnish[0]["connectedNode"]["node"]["uri"] == "/fi/saavutettavuus/"
    located = gql.run('{ menu(id: "PRIMARY", idType: LOCATION) { menuItems { nodes { title } } } }')
    assert located["data"]["menu"]["menuItems"]["nodes"] == [{"title": "Saavutettavuusseloste"}]
    identifiers = _data(gql, "menu", {"id": "main-fi", "menuIdentifiersOnly": True})["menu"]
    assert set(identifiers["menuItems"]["nodes"][0]["connectedNode"]["node"]) >= {
        "id",
        "uri",
        "slug",
        "title",
    }
    assert _data(gql, "menu", {"id": "main-sv"})["menu"]["menuItems"]["nodes"] == []  # not translated
    assert _data(gql, "menu", {"id": "nonexistent"})["menu"] is None


def test_posts_are_the_boards_meetings_and_events_in_swedish_with_fallback(gql, board):
    edges = _data(gql, "posts", {"language": "SV", "first": 10})["posts"]["edges"]
    nodes = {edge["node"]["id"]: edge["node"] for edge in edges}
    held = nodes[f"meeting:{board['held'].get_translation(board['sv']).pk}"]
    assert held["title"] == "1/" + str(board["held"].year) + " Vårens möte"
    assert held["language"]["code"] == "SV"
    assert held["categories"]["edges"][0]["node"]["id"] == "category:meetings"
    assert board["minutes"].url in held["content"] and board["agenda"].url in held["content"]
    assert {t["language"]["slug"] for t in held["translations"]} == {"fi"}
    planned = nodes[f"meeting:{board['planned'].pk}"]
    assert planned["language"]["code"] == "FI"  # not translated: the Finnish version
    assert f"meeting:{board['draft'].pk}" not in nodes
    assert f"event:{board['event'].pk}" in nodes
    body = str(edges)
    assert board["draft_agenda"].url not in body and "Luonnoskokous" not in body


def test_posts_by_category_and_tag_and_one_post_by_uri(gql, board):
    meetings = _data(gql, "posts", {"categories": ["meetings"], "tags": ["minutes_approved"]})["posts"][
        "edges"
    ]
    assert [e["node"]["id"] for e in meetings] == [f"meeting:{board['held'].pk}"]
    events = _data(gql, "posts", {"categories": ["category:events"]})["posts"]["edges"]
    assert [e["node"]["id"] for e in events] == [f"event:{board['event'].pk}"]
    uri = meetings[0]["node"]["uri"]
    post = _data(gql, "article", {"id": uri})["post"]
    assert post["id"] == f"meeting:{board['held'].pk}" and post["title"].endswith("Kevään kokous")
    assert _data(gql, "article", {"id": "/fi/nothing/"})["post"] is None


def test_categories_tags_languages_landing_page_and_templates(gql, board, translated_home):
    categories = _data(gql, "categories", {"language": "FI"})["categories"]["nodes"]
    assert [c["slug"] for c in categories] == ["meetings", "events"]
    assert categories[0]["uri"] == "/fi/" + board["pages"]["archive"].slug + "/"
    tag = _data(gql, "tag", {"id": "held", "language": "SV"})["tag"]
    assert tag["slug"] == "held" and tag["translation"]["language"]["code"] == "SV"
    assert [t["slug"] for t in _data(gql, "tags", {})["tags"]["nodes"]] == [
        "planned",
        "agenda_published",
        "held",
        "minutes_approved",
        "cancelled",
    ]
    assert [lang["code"] for lang in _data(gql, "languages", {})["languages"]] == ["FI", "SV", "EN"]
    landing = _data(gql, "landingPage", {"id": "front", "languageCode": "SV"})["landingPage"]
    assert landing["translation"]["title"] == translated_home["sv"].title
    front = _data(gql, "pageByTemplate", {"template": "frontPage", "language": "sv"})["pageByTemplate"]
    assert front["uri"] == "/sv/"
    posts_page = _data(gql, "pageByTemplate", {"template": "postsPage", "language": "fi"})["pageByTemplate"]
    assert posts_page["uri"] == "/fi/" + board["pages"]["archive"].slug + "/"
    assert _data(gql, "notification", {"language": "sv"})["notification"] is None
    children = _data(gql, "PageChildrenSearch", {"id": "/fi/", "idType": "URI", "search": "kokous"})
    assert [e["node"]["uri"] for e in children["page"]["children"]["edges"]] == [posts_page["uri"]]
