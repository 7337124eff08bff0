"""Behaviour shared by every page type of the site."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import QuerySet
from wagtail.models import PageViewRestriction

from cms.slugs import SitePageForm


@dataclass(frozen=True)
class Routed:
    """What a page shows at a sub-address: a meeting, a year, a term, a listing's second page.

    `suffix` is its address under the page (`2026/3/`, `?term=4`), the same in every
    language, as `sitemap_subpages()` lists them; the page's path in a language plus the
    suffix is the view in that language (cms/page_paths.py `view_path`). `title` names the
    view itself (share text, og:title, the "only in Finnish" notice).
    """

    suffix: str
    title: str


class SitePageMixin:
    """Mixed into each page model, before `Page`."""

    def routed_view(self, request) -> Routed | None:
        """The sub-view this request shows (after routing), or None for the page itself.

        Views put theirs in the template context as `routed`; this is for code that has only
        the page and the request (translations/public.py: the "only in Finnish" notice). Here:
        a routable page's sub-route (a feed), under the page's title; pages name theirs better.
        """
        match = getattr(request, "routable_resolver_match", None)
        if match is None or not hasattr(self, "reverse_subpage"):
            return None
        suffix = self.reverse_subpage(match.url_name, args=match.args, kwargs=match.kwargs)
        return Routed(suffix, self.title) if suffix else None

    # ASCII slugs in the admin form (cms/slugs.py).
    base_form_class = SitePageForm

    def _set_core_field_defaults(self):
        # Where Wagtail fills in the slug, before any uniqueness check: ASCII slugs (cms/slugs.py).
        from cms.slugs import normalise_page_slug

        normalise_page_slug(self)
        super()._set_core_field_defaults()
        normalise_page_slug(self)

    def get_view_restrictions(self) -> QuerySet[PageViewRestriction]:
        """The restrictions on this page and its ancestors, usually without a query (Wagtail: two):
        the one rule for pages is cms/visibility.py's."""
        from cms import visibility

        return visibility.page_view_restrictions(self)
