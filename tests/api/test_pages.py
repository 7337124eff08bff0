"""Pages through the API: every field, typed blocks, absolute URLs, languages, paths."""

from __future__ import annotations

from wagtail.models import Page, PageViewRestriction

from home.api.pages import SCHEMAS


def test_every_page_type_is_in_the_openapi_document_with_its_fields(api):
    schema = api.json("/api/v3/openapi.json")
    components = schema["components"]["schemas"]
    for model in SCHEMAS:
        if model is Page:
            continue
        item = components[f"{model.__name__}Item"]
        own_fields = [
            f.name
            for f in model._meta.get_fields()
            if f.concrete and not f.auto_created and f.name not in {g.name for g in Page._meta.get_fields()}
        ]
        for name in own_fields:
            assert name in item["properties"], (model, name)
        assert {"fallback", "translations", "meta"} <= set(item["required"])


def test_streamfield_blocks_have_typed_shapes_discriminated_by_type(api):
    components = api.json("/api/v3/openapi.json")["components"]["schemas"]
    body = components["StandardPageItem"]["properties"]["body"]
    union = body["items"]
    assert union["discriminator"]["propertyName"] == "type"
    mapping = union["discriminator"]["mapping"]
    assert {"text", "heading", "quote", "links", "document", "contact", "accordion"} <= set(mapping)
    heading = components["HeadingBlock"]
    assert heading["properties"]["type"]["const"] == "heading"
    value = components[heading["properties"]["value"]["$ref"].rsplit("/", 1)[1]]
    assert set(value["properties"]) == {"text", "level"}
    assert value["properties"]["level"]["anyOf"][0]["enum"] == ["h2", "h3"]
    document_value = components["DocumentLinkBlock"]["properties"]
    assert "document" in document_value


def test_page_detail_renders_blocks_with_absolute_document_and_page_urls(
    api, standard_page, pdf, translated_home
):
    data = api.json(f"/api/v3/pages/{standard_page.pk}/")
    assert data["meta"]["type"] == "home.StandardPage"
    assert data["lead"] == "Miten sivusto toimii kaikille."
    heading, text, document, contact = data["body"]
    assert heading["type"] == "heading" and heading["value"] == {
        "text": "Saavutettavuuden tila",
        "level": "h2",
    }
    assert document["value"]["document"]["url"].startswith("http")
    assert document["value"]["document"]["url"].endswith(pdf.url)
    assert document["value"]["document"]["kind"] == "programme"
    # Absolute links name the server that was asked (cms/absolute_urls.py), not the Site record.
    assert f'href="http://testserver{pdf.url}"' in text["value"]
    assert 'href="http://testserver/fi/"' in text["value"]
    assert "linktype" not in text["value"]
    assert contact["value"]["email"] == "etu.suku@example.invalid"
    assert data["meta"]["html_url"] == "http://testserver/fi/saavutettavuus/"
    assert data["meta"]["parent_id"] == translated_home["fi"].pk


def test_list_returns_complete_items_in_the_requested_language(api, standard_page, translated_home):
    data = api.json("/api/v3/pages/", locale="sv")
    by_type = {item["meta"]["type"]: item for item in data["items"]}
    home = by_type["home.HomePage"]
    assert home["id"] == translated_home["sv"].pk
    assert home["fallback"] is False
    assert home["meta"]["locale"] == "sv"
    assert home["body"], "list items carry the page's fields"
    assert {(t["locale"], t["id"]) for t in home["translations"]} == {
        ("fi", translated_home["fi"].pk),
        ("en", translated_home["en"].pk),
    }
    assert all(t["url"].startswith("http") for t in home["translations"])


def test_untranslated_page_falls_back_to_finnish_and_says_so(api, standard_page):
    data = api.json("/api/v3/pages/", locale="sv", type="home.StandardPage")
    assert data["count"] == 1
    (item,) = data["items"]
    assert item["id"] == standard_page.pk
    assert item["fallback"] is True
    assert item["meta"]["locale"] == "fi"
    detail = api.json(f"/api/v3/pages/{standard_page.pk}/", locale="sv")
    assert detail["fallback"] is True
    finnish = api.json("/api/v3/pages/", locale="fi", type="home.StandardPage")["items"][0]
    assert finnish["fallback"] is False


def test_detail_with_locale_returns_the_translation(api, translated_home):
    data = api.json(f"/api/v3/pages/{translated_home['fi'].pk}/", locale="sv")
    assert data["id"] == translated_home["sv"].pk
    assert data["fallback"] is False
    assert data["title"] == translated_home["sv"].title


def test_fallback_schema_is_documented(api):
    components = api.json("/api/v3/openapi.json")["components"]["schemas"]
    assert "Finnish" in components["StandardPageItem"]["properties"]["fallback"]["description"]
    locale_param = next(
        p
        for p in api.json("/api/v3/openapi.json")["paths"]["/api/v3/pages/"]["get"]["parameters"]
        if p["name"] == "locale"
    )
    assert locale_param["schema"]["enum"] == ["fi", "sv", "en"]
    assert "fallback" in locale_param["description"]


def test_resolve_path_returns_the_page_in_one_call(api, translated_home, standard_page):
    data = api.json("/api/v3/resolve/", path="/sv/")
    assert data["id"] == translated_home["sv"].pk
    data = api.json("/api/v3/resolve/", path="/fi/saavutettavuus/")
    assert data["id"] == standard_page.pk
    assert data["body"]
    problem = api.json("/api/v3/resolve/", expect=404, path="/sv/saavutettavuus/")
    assert problem["status"] == 404
    api.json("/api/v3/resolve/", expect=404, path="/xx/")
    api.json("/api/v3/resolve/", expect=400, path="no-slash")


def test_resolve_translated_board_page(api, board, translate):
    archive = board["pages"]["archive"]
    translate(archive, "sv", {"Kokousmuistiot": "Mötesprotokoll", "kokousmuistiot": "motesprotokoll"})
    sv_archive = archive.get_translation(board["sv"])
    data = api.json("/api/v3/resolve/", path=sv_archive.url)
    assert data["id"] == sv_archive.pk
    assert data["meta"]["type"] == "board.MinutesArchivePage"
    # A sub-route of a routable page (a year of the archive) resolves to that page too.
    year = board["held"].year
    assert api.json("/api/v3/resolve/", path=f"{sv_archive.url}{year}/")["id"] == sv_archive.pk
    api.json("/api/v3/resolve/", expect=404, path=f"{sv_archive.url}no-such-route/")


def test_drafts_and_private_pages_are_never_visible(api, standard_page, translated_home):
    standard_page.title = "Luonnoksen otsikko"
    standard_page.save_revision()  # a draft on top of the live page
    data = api.json(f"/api/v3/pages/{standard_page.pk}/")
    assert data["title"] == "Saavutettavuusseloste"
    listing = api.get("/api/v3/pages/", {"limit": 100}).content.decode()
    assert "Luonnoksen otsikko" not in listing
    PageViewRestriction.objects.create(page=standard_page, restriction_type="login")
    api.json(f"/api/v3/pages/{standard_page.pk}/", expect=404)
    api.json("/api/v3/resolve/", expect=404, path="/fi/saavutettavuus/")
    assert standard_page.pk not in [i["id"] for i in api.json("/api/v3/pages/", limit=100)["items"]]
    standard_page.unpublish()
    PageViewRestriction.objects.all().delete()
    api.json(f"/api/v3/pages/{standard_page.pk}/", expect=404)


def test_revisions_and_owners_are_not_exposed(api, standard_page):
    text = api.get(f"/api/v3/pages/{standard_page.pk}/").content.decode()
    for internal in ("owner", "latest_revision", "locked_by", "draft_title", "has_unpublished_changes"):
        assert f'"{internal}"' not in text


def test_child_of_includes_finnish_fallbacks_under_a_swedish_parent(api, translated_home, standard_page):
    data = api.json("/api/v3/pages/", locale="sv", child_of=translated_home["sv"].pk)
    assert [item["id"] for item in data["items"]] == [standard_page.pk]
    api.json("/api/v3/pages/", expect=404, child_of=999999)
