"""{% hreflang_links %}: <link rel="alternate"> for every live translation of the page."""

from django import template
from django.utils.html import format_html, format_html_join
from wagtail.models import Page

from translations.content import default_locale

register = template.Library()


@register.simple_tag(takes_context=True)
def hreflang_links(context) -> str:
    page = context.get("page")
    request = context.get("request")
    if not isinstance(page, Page) or not page.pk or not page.live:
        return ""
    # A language whose home page is a draft serves nothing of its own (Wagtail falls back
    # to the Finnish tree), so its pages are no alternates.
    served = set(Page.objects.filter(depth=2).live().values_list("locale_id", flat=True))
    translations = (
        page.get_translations(inclusive=True).live().filter(locale_id__in=served).select_related("locale")
    )
    links = []
    default_url = None
    for translation in translations:
        url = translation.get_full_url(request=request)
        if not url:
            continue
        code = translation.locale.language_code
        links.append((code, url))
        if code == default_locale().language_code:
            default_url = url
    if len(links) < 2:
        return ""
    if default_url:
        links.append(("x-default", default_url))
    return format_html_join("\n", '<link rel="alternate" hreflang="{}" href="{}">', links) + format_html("\n")
