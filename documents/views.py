"""Public document serving, streamed from whichever storage holds the file.

Wagtail's `before_serve_document` hooks still run (collection view restrictions,
plus ours in wagtail_hooks.py); the response is a PDF shown inline, never sniffed,
with a filename that keeps ä, ö and å.
"""

import unicodedata
import urllib.parse

from django.conf import settings
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404
from django.utils.cache import patch_cache_control
from django.views.decorators.http import condition
from wagtail import hooks
from wagtail.documents import get_document_model
from wagtail.documents.models import document_served

from cms import visibility

# The PDF viewer needs no script, style or connection from this response's origin.
PDF_CSP = "default-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'self'"


def content_disposition(filename: str, disposition: str = "inline") -> str:
    """RFC 6266 header with an ASCII fallback and the RFC 5987 UTF-8 name."""
    # ASCII fallback for old clients: Pöytäkirja → Poytakirja.
    fallback = unicodedata.normalize("NFKD", filename).encode("ascii", "ignore").decode("ascii")
    fallback = "".join(c if c.isprintable() and c not in '"\\' else "_" for c in fallback)
    quoted = urllib.parse.quote(filename, safe="")
    return f"{disposition}; filename=\"{fallback}\"; filename*=UTF-8''{quoted}"


def serve(request, document_id: int, document_filename: str) -> HttpResponse:
    document = get_object_or_404(get_document_model().objects.select_related("collection"), id=document_id)
    if document.filename != document_filename:
        raise Http404("This document does not match the given filename.")

    for fn in hooks.get_hooks("before_serve_document"):
        result = fn(document, request)
        if isinstance(result, HttpResponse):
            return result

    document_served.send(sender=type(document), instance=document, request=request)
    public = visibility.document_access(document, request) == "public"

    @condition(
        etag_func=lambda request: document.file_hash or None,
        last_modified_func=lambda request: document.created_at,
    )
    def respond(request):
        storage = document.file.storage
        response = FileResponse(storage.open(document.file.name, "rb"), content_type="application/pdf")
        size = document.file_size if document.file_size is not None else storage.size(document.file.name)
        response["Content-Length"] = str(size)
        response["Content-Disposition"] = content_disposition(document.filename)
        response["X-Content-Type-Options"] = "nosniff"
        response["Content-Security-Policy"] = PDF_CSP
        response["Cross-Origin-Resource-Policy"] = "same-site"
        if public:
            patch_cache_control(response, public=True, max_age=settings.DOCUMENT_CACHE_SECONDS)
        else:
            # Restricted or attached to drafts: only this viewer, and check again each time.
            patch_cache_control(response, private=True, no_cache=True, max_age=0)
        return response

    return respond(request)
