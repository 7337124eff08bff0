"""Template tags that put schema.org JSON-LD in a page: the organisation (home/structured_data.py).

The board's meetings and events have their own tags (board/templatetags/board_structured_data_tags.py),
which use `home_url` and `language` below.
"""

from django import template
from django.conf import settings
from django.utils.translation import get_language

from cms.absolute_urls import absolute_url
from home import structured_data as home_data

register = template.Library()


def home_url(context) -> str | None:
    """The absolute address of the home page in the page's language, or None outside the site's chrome."""
    request, chrome = context.get("request"), context.get("chrome")
    if request is None or chrome is None or chrome.home is None:
        return None
    return absolute_url(chrome.home.url, request)


def language() -> str:
    return get_language() or settings.LANGUAGE_CODE


@register.simple_tag(takes_context=True)
def organisation_json_ld(context) -> str:
    url = home_url(context)
    if url is None:
        return ""
    chrome = context["chrome"]
    return home_data.json_ld_script(home_data.organisation(chrome.footer, url, language()))
