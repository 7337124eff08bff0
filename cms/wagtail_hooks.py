"""Wagtail hooks of the site as a whole."""

from wagtail import hooks

from cms import upstream_overrides
from cms.rich_text import LocalizedPageLinkHandler


# order=-10: ahead of Wagtail's and wagtail-localize's own URLs at the same paths, so their URL
# names lead to the project's views (the document admin, localize's sync and PO upload).
@hooks.register("register_admin_urls", order=-10)
def register_upstream_overrides():
    return upstream_overrides.admin_urls()


@hooks.register("register_rich_text_features", order=100)  # after Wagtail's own, to replace it
def localized_page_links(features) -> None:
    features.register_link_type(LocalizedPageLinkHandler)
