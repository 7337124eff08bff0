"""Django's LocaleMiddleware, minus one thing the API must not get."""

from django.http import HttpRequest, HttpResponse
from django.middleware.locale import LocaleMiddleware as DjangoLocaleMiddleware


class LocaleMiddleware(DjangoLocaleMiddleware):
    """On a 404 Django redirects /x/ to /fi/x/ when that matches a language-prefixed URL,
    and Wagtail's page route matches anything. The API lives outside i18n_patterns: its
    404 is a problem+json answer to hand back, not a missing language prefix."""

    def process_response(self, request: HttpRequest, response: HttpResponse) -> HttpResponse:
        if request.path_info.startswith("/api/"):
            return response
        return super().process_response(request, response)
