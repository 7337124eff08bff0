"""Behaviour shared by every page type of the site."""

from __future__ import annotations

from django.db.models import Q, QuerySet
from wagtail.models import Page, PageViewRestriction


class SitePageMixin:
    """Mixed into each page model, before `Page`."""

    def get_view_restrictions(self) -> QuerySet[PageViewRestriction]:
        """The restrictions on this page and its ancestors, in one query (Wagtail: two).

        The ancestors' tree paths are prefixes of this page's own. As in Wagtail, an alias
        page (or ancestor) is restricted by its source page's restrictions.
        """
        steplen = Page.steplen
        paths = [self.path[:end] for end in range(steplen, len(self.path) + 1, steplen)]
        return PageViewRestriction.objects.filter(Q(page__path__in=paths) | Q(page__aliases__path__in=paths))
