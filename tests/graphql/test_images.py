"""Pages' main images through /graphql/: real renditions of WordPress's sizes, absolute URLs, and
only images the public may see (cms/visibility.py: outside restricted collections)."""

from __future__ import annotations

from io import BytesIO

import pytest
from django.core.files.images import ImageFile
from PIL import Image as PILImage
from wagtail.images import get_image_model
from wagtail.models import Collection, CollectionViewRestriction

QUERY = """
query ($id: ID!) {
  page(id: $id, idType: URI) {
    featuredImage {
      node {
        altText
        mediaItemUrl
        mimeType
        large: sourceUrl(size: LARGE)
        medium_large: sourceUrl(size: MEDIUM_LARGE)
        medium: sourceUrl(size: MEDIUM)
        thumbnail: sourceUrl(size: THUMBNAIL)
        original: sourceUrl
      }
    }
  }
}
"""
EXPECTED = {"large": (1024, 576), "medium_large": (768, 432), "medium": (300, 168), "thumbnail": (150, 150)}


def make_image(collection: Collection | None = None):
    buffer = BytesIO()
    PILImage.new("RGB", (1600, 900), (0, 0, 191)).save(buffer, format="PNG")
    image = get_image_model()(
        title="Kuva", description="Sininen kuva", file=ImageFile(buffer, name="kuva.png")
    )
    if collection is not None:
        image.collection = collection
    image.save()
    return image


def give(page, image):
    page.image = image
    page.save_revision().publish()


def node_of(gql, path: str) -> dict | None:
    featured = gql.run(QUERY, {"id": path})["data"]["page"]["featuredImage"]
    return featured and featured["node"]


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path)
    return tmp_path


def test_a_pages_image_comes_in_real_renditions_with_absolute_urls(gql, translated_home, translate, media):
    image = make_image()
    give(translated_home["fi"], image)
    node = node_of(gql, "/fi/")
    assert node["altText"] == "Sininen kuva" and node["mimeType"] == "image/png"
    assert node["mediaItemUrl"] == node["original"] == f"http://testserver{image.file.url}"
    urls = {size: node[size] for size in EXPECTED}
    assert len(set(urls.values())) == 4
    for size, url in urls.items():
        assert url.startswith("http://testserver/media/images/"), url
        path = media / url.removeprefix("http://testserver/media/")
        with PILImage.open(path) as picture:
            assert picture.size == EXPECTED[size], (size, picture.size)
    # Renditions are made once: asking again reads them.
    assert node_of(gql, "/fi/") == node
    # The landing page's picture is the home page's image.
    landing = gql.run(
        '{ landingPage(id: "front") { desktopImage { edges { node { large: sourceUrl(size: LARGE) } } } } }'
    )["data"]["landingPage"]
    assert landing["desktopImage"]["edges"] == [{"node": {"large": node["large"]}}]
    # A translated page shares its image (a synchronised field).
    translate(translated_home["fi"], "sv", {})
    assert node_of(gql, "/sv/")["large"] == node["large"]


def test_no_image_or_a_restricted_one_is_null(gql, translated_home, media):
    assert node_of(gql, "/fi/") is None
    root = Collection.get_first_root_node()
    private = root.add_child(name="Yksityinen")
    CollectionViewRestriction.objects.create(collection=private, restriction_type="login")
    give(translated_home["fi"], make_image(private))
    assert node_of(gql, "/fi/") is None
