"""Template tags that put schema.org JSON-LD in a page (home/structured_data.py, board/structured_data.py)."""

from django import template
from django.conf import settings
from django.utils.translation import get_language

from board import structured_data as board_data
from cms.absolute_urls import absolute_url
from home import structured_data as home_data

register = template.Library()


def _home_url(context) -> str | None:
    request, chrome = context.get("request"), context.get("chrome")
    if request is None or chrome is None or chrome.home is None:
        return None
    return absolute_url(chrome.home.url, request)


def _language() -> str:
    return get_language() or settings.LANGUAGE_CODE


@register.simple_tag(takes_context=True)
def organisation_json_ld(context) -> str:
    home_url = _home_url(context)
    if home_url is None:
        return ""
    chrome = context["chrome"]
    return home_data.json_ld_script(home_data.organisation(chrome.footer, home_url, _language()))


@register.simple_tag(takes_context=True)
def meeting_json_ld(context, meeting) -> str:
    request = context.get("request")
    if request is None:
        return ""
    home_url = _home_url(context)
    organiser = home_data.organisation_id(home_url) if home_url else None
    url = absolute_url(request.path, request)
    return home_data.json_ld_script(board_data.meeting_event(meeting, url, _language(), organiser))


@register.simple_tag(takes_context=True)
def events_json_ld(context, *event_lists) -> str:
    """All events of the calendar page, each addressed by its anchor on the page."""
    request = context.get("request")
    events = [event for events in event_lists for event in events]
    if request is None or not events:
        return ""
    home_url = _home_url(context)
    organiser = home_data.organisation_id(home_url) if home_url else None
    page_url = absolute_url(request.path, request)
    return home_data.json_ld_script(
        [
            board_data.calendar_event(event, f"{page_url}#event-{event.pk}", _language(), organiser)
            for event in events
        ]
    )
