"""Uploaded images for the development server; stored documents are never served from /media/.

`make run` (and `DEBUG=1 make run`) serves the admin's images and their renditions from
MEDIA_ROOT. Documents live beside them (`documents/`) and must only be reached through
documents/views.py, which checks collections' restrictions and drafts: the path is
normalised first, exactly as Django's `serve` does, so `images/../documents/…` and its
percent-encoded forms do not escape the image folders.
"""

import posixpath

from django.conf import settings
from django.http import Http404, HttpRequest, HttpResponse
from django.views.static import serve

IMAGE_FOLDERS = ("original_images", "images")


def serve_image(request: HttpRequest, path: str) -> HttpResponse:
    normalised = posixpath.normpath(path).lstrip("/")
    parts = normalised.split("/")
    if len(parts) < 2 or parts[0] not in IMAGE_FOLDERS or ".." in parts:
        raise Http404
    return serve(request, normalised, document_root=settings.MEDIA_ROOT)
