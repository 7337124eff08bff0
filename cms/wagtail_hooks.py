"""Wagtail hooks of the site as a whole."""

from wagtail import hooks

from cms.rich_text import LocalizedPageLinkHandler


@hooks.register("register_rich_text_features", order=100)  # after Wagtail's own, to replace it
def localized_page_links(features) -> None:
    features.register_link_type(LocalizedPageLinkHandler)
