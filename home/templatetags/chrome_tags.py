"""Template tags of the public layout: menu and footer, breadcrumbs, canonical URL, share links."""

from urllib.parse import quote, urlencode

from django import template
from django.conf import settings
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from wagtail.models import Page

from cms.absolute_urls import absolute_url as build_absolute_url
from cms.page_paths import view_path
from cms.pages import Routed
from home.chrome import Chrome, breadcrumbs, build_chrome

register = template.Library()

OG_LOCALES = {"fi": "fi_FI", "sv": "sv_FI", "en": "en_GB"}


@register.simple_tag(takes_context=True)
def site_chrome(context) -> Chrome:
    """Home link, menu, footer and the page's translations in the active language, built once per request."""
    request = context.get("request")
    page = context.get("page")
    page = page if isinstance(page, Page) and page.pk else None
    language_code = get_language() or settings.LANGUAGE_CODE
    cached = getattr(request, "_site_chrome", None)
    if (
        cached is not None
        and cached.language_code == language_code
        and cached.page_id == (page.pk if page is not None else None)
    ):
        return cached
    chrome = build_chrome(language_code, page)
    if request is not None:
        request._site_chrome = chrome
    return chrome


@register.simple_tag(takes_context=True)
def page_breadcrumbs(context, chrome: Chrome) -> list:
    return breadcrumbs(context.get("page"), chrome)


@register.simple_tag(takes_context=True)
def canonical_url(context) -> str:
    """The absolute address of what is shown, without query string: a page's own path, or
    its routed view's (a meeting, a year, a term: `routed` in the context)."""
    request = context.get("request")
    if request is None:
        return ""
    page = context.get("page")
    shows_page = isinstance(page, Page) and page.pk
    path = view_path(page, None, routed_suffix(context)) if shows_page else request.path
    return build_absolute_url(path, request)


def routed_suffix(context) -> str:
    """The suffix of the routed view the page's view put in the context (cms/pages.py `Routed`)."""
    routed = context.get("routed")
    return routed.suffix if isinstance(routed, Routed) else ""


@register.simple_tag(takes_context=True)
def shown_title(context) -> str:
    """The title of what is shown, for share text and og:title: the routed view's, or the page's."""
    routed = context.get("routed")
    if isinstance(routed, Routed):
        return routed.title
    page = context.get("page")
    if isinstance(page, Page):
        return page.seo_title or page.title
    return ""


@register.simple_tag(takes_context=True)
def absolute_url(context, path: str) -> str:
    request = context.get("request")
    return build_absolute_url(path, request) if request is not None else path


@register.simple_tag
def og_locale(language_code: str) -> str:
    return OG_LOCALES.get(language_code, language_code)


@register.simple_tag
def share_links(url: str, title: str) -> list[dict]:
    """Plain links to share a page: no third-party script runs and no cookie is set here."""
    return [
        {
            "key": "email",
            "name": _("Email"),
            "url": "mailto:?" + urlencode({"subject": title, "body": url}, quote_via=quote),
        },
        {
            "key": "facebook",
            "name": "Facebook",
            "url": "https://www.facebook.com/sharer/sharer.php?" + urlencode({"u": url}),
        },
        {
            "key": "x",
            "name": "X",
            "url": "https://x.com/intent/post?" + urlencode({"url": url, "text": title}),
        },
        {
            "key": "linkedin",
            "name": "LinkedIn",
            "url": "https://www.linkedin.com/sharing/share-offsite/?" + urlencode({"url": url}),
        },
    ]
