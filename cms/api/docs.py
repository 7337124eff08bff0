"""Interactive API docs served from this site's own static files (no CDN, no inline script)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from ninja.openapi.docs import DocsBase

if TYPE_CHECKING:
    from ninja import NinjaAPI


class OfflineSwagger(DocsBase):
    """Swagger UI from static/vendor/swagger-ui (copied from npm by `make assets`).

    The initializer is an external file reading the OpenAPI URL from a data attribute, so
    the page needs no inline script and works under a strict Content-Security-Policy.
    """

    template = "cms/api/docs.html"

    def render_page(self, request: HttpRequest, api: NinjaAPI, **kwargs: Any) -> HttpResponse:
        context = {"openapi_url": self.get_openapi_url(api, kwargs), "api": api}
        return render(request, self.template, context)
