"""Django's LocaleMiddleware, minus one thing the API must not get."""

from django.http import HttpRequest, HttpResponse
from django.middleware.locale import LocaleMiddleware as DjangoLocaleMiddleware
from django.urls import reverse
from django.utils.cache import patch_vary_headers


class LocaleMiddleware(DjangoLocaleMiddleware):
    """On a 404 Django redirects /x/ to /fi/x/ when that matches a language-prefixed URL,
    and Wagtail's page route matches anything. The API lives outside i18n_patterns: its
    404 is a problem+json answer to hand back, not a missing language prefix.

    API answers speak the visitor's language (error messages, the docs page) while their
    content follows `locale`: they say `Vary: Accept-Language`, so that a shared cache keeps
    one copy per language. The OpenAPI document is English for everyone and does not."""

    def process_response(self, request: HttpRequest, response: HttpResponse) -> HttpResponse:
        if request.path_info.startswith("/api/"):
            if request.path_info != reverse("wagtailapi_v3:openapi-json"):
                patch_vary_headers(response, ("Accept-Language",))
            return response
        return super().process_response(request, response)
