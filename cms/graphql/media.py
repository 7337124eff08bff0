"""Images for /graphql/: WPGraphQL's `MediaItem`, with real renditions for `sourceUrl(size:)`.

WordPress's sizes, as Wagtail renditions: THUMBNAIL a 150×150 crop, MEDIUM within 300×300,
MEDIUM_LARGE 768 wide, LARGE within 1024×1024. Only public images (cms/visibility.py, through
cms/graphql/access.py); every address absolute (cms/absolute_urls.py). Images are read in one
query with their renditions for all the items that show them; a missing rendition is made once.
"""

from __future__ import annotations

import mimetypes
from typing import Any
from urllib.parse import urlsplit

from django.http import HttpRequest

from cms.absolute_urls import absolute_url
from cms.graphql import access

SIZES = {
    "THUMBNAIL": "fill-150x150",
    "MEDIUM": "max-300x300",
    "MEDIUM_LARGE": "width-768",
    "LARGE": "max-1024x1024",
}


def media_items(request: HttpRequest, image_ids: set[int]) -> dict[int, dict]:
    """{image id: MediaItem} for the public ones of `image_ids` (one query when renditions exist)."""
    if not image_ids:
        return {}
    images = access.public_images().filter(pk__in=image_ids).prefetch_related("renditions")
    return {image.pk: media_item(request, image) for image in images}


def media_item(request: HttpRequest, image: Any) -> dict:
    original = absolute_url(image.file.url, request)
    renditions = image.get_renditions(*SIZES.values())
    return {
        "id": f"image:{image.pk}",
        "mediaItemUrl": original,
        "link": original,
        "altText": image.description or "",
        "mimeType": mimetypes.guess_type(image.file.name)[0],
        "title": image.title,
        "uri": urlsplit(original).path,
        "photographerName": None,
        "sizes": {size: absolute_url(renditions[spec].url, request) for size, spec in SIZES.items()},
    }
