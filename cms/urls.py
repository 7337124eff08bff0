from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.shortcuts import redirect
from django.templatetags.static import static as static_url
from django.urls import include, path, re_path
from wagtail.admin import urls as wagtailadmin_urls

from alerts import urls as alerts_urls
from cms import health, upstream_overrides
from cms.api.api import build as build_api
from cms.api.api import not_found as api_not_found
from cms.graphql.views import graphql_view
from home import views as home_views

urlpatterns = [
    path("healthz", health.healthz, name="healthz"),
    path("readiness", health.readiness, name="readiness"),
    path("sitemap.xml", home_views.sitemap, name="sitemap"),
    path("robots.txt", home_views.robots, name="robots"),
    # Browsers and crawlers ask for /favicon.ico: the HDS logo (Makefile), resolved per request
    # because production's static names carry a hash.
    path("favicon.ico", lambda request: redirect(static_url("vendor/hds/favicon.svg")), name="favicon"),
    # Wagtail's admin; the views the project answers some of its URLs with are listed, and
    # watched by a test, in cms/upstream_overrides.py.
    path("admin/", include(wagtailadmin_urls)),
    # Wagtail's document URLs, the file served by documents/views.py (cms/upstream_overrides.py).
    path("documents/", include(upstream_overrides.document_urls())),
    path("api/v3/", build_api().urls),
    path("graphql/", graphql_view, name="graphql"),
    # Open data (OParl 1.1, Popolo): public and cached like the API (board/opendata/).
    path("opendata/", include("board.opendata.urls")),
    re_path(r"^api/", api_not_found),
]

if settings.DEBUG or getattr(settings, "SERVE_MEDIA_IMAGES", False):
    # The development server (`make run`, cms/settings/dev.py; `DEBUG=1 make run`): uploaded
    # images and their renditions for the admin. Documents stay behind their access checks in
    # documents/, whatever the path says (cms/media.py).
    from cms import media

    urlpatterns += [re_path(r"^media/(?P<path>.+)$", media.serve_image)]

# Public pages carry their language: /fi/…, /sv/…, /en/…. A bare "/" has no
# match here, so LocaleMiddleware redirects it by Accept-Language (Finnish default).
urlpatterns += i18n_patterns(
    # /fi/haku/, /sv/sok/, /en/search/ (home.views.search_route is per language).
    path(home_views.search_route, home_views.search, name="search"),
    # /fi/sahkopostitilaus/, /sv/e-postprenumeration/: e-mail alerts (alerts/urls.py).
    path(alerts_urls.route, include(alerts_urls)),
    # Wagtail's URLs, its page serving with fewer queries to find the page (cms/routing.py,
    # mounted by cms/upstream_overrides.py).
    path("", include(upstream_overrides.page_urls())),
    prefix_default_language=True,
)

# Error pages in the language of the address, in the site's look (home/views.py).
handler404 = "home.views.page_not_found"
handler500 = "home.views.server_error"
# Django's own refusals (unknown host, too many fields, too large a body): problem+json under
# /api/, a short page elsewhere, as for hostile input (cms/security/hostile.py).
handler400 = "cms.security.hostile.bad_request"
