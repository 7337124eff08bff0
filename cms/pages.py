"""Behaviour shared by every page type of the site."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import QuerySet
from wagtail.models import PageViewRestriction

from cms.memo import per_version
from cms.slugs import SitePageForm


def _restricted_paths() -> list[tuple[int, str]]:
    """(restriction id, tree path) for every view restriction: on its page, and on each alias
    of that page (an alias is restricted by its source page's restrictions, as in Wagtail)."""
    rows = PageViewRestriction.objects.values_list(
        "pk", "page__path", "page__alias_of_id", "page__aliases__path"
    )
    paths = set()
    for pk, path, alias_of, alias_path in rows:
        if alias_of is not None:
            continue  # Wagtail checks an alias's source, never the alias's own restrictions
        paths.add((pk, path))
        if alias_path:
            paths.add((pk, alias_path))
    return sorted(paths)


def restricted_paths() -> list[str]:
    """The tree paths at and under which pages are restricted (per process and content version)."""
    return sorted({path for _pk, path in per_version("view-restrictions", _restricted_paths)})


@dataclass(frozen=True)
class Routed:
    """What a page shows at a sub-address: a meeting, a year, a term, a listing's second page.

    `suffix` is its address under the page (`2026/3/`, `?term=4`), the same in every
    language, as `sitemap_subpages()` lists them; the page's path in a language plus the
    suffix is the view in that language (home/chrome.py `view_path`). `title` names the
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
        """The restrictions on this page and its ancestors, usually without a query (Wagtail: two).

        Restrictions are access configuration, a handful of rows: their pages' tree paths are
        read once per process and content version (cms/memo.py; any change to a restriction
        bumps the version). A restriction applies when its path is a prefix of this page's.
        """
        applying = [
            pk
            for pk, path in per_version("view-restrictions", _restricted_paths)
            if self.path.startswith(path)
        ]
        if not applying:
            return PageViewRestriction.objects.none()
        return PageViewRestriction.objects.filter(pk__in=applying)
