"""Template tags that put schema.org Event JSON-LD in the meeting and calendar pages
(board/structured_data.py), the board's organisation as the organiser."""

from django import template

from board import structured_data as board_data
from cms.absolute_urls import absolute_url
from home import structured_data as home_data
from home.templatetags.structured_data_tags import home_url, language

register = template.Library()


@register.simple_tag(takes_context=True)
def meeting_json_ld(context, meeting) -> str:
    request = context.get("request")
    if request is None:
        return ""
    url = home_url(context)
    organiser = home_data.organisation_id(url) if url else None
    page_url = absolute_url(request.path, request)
    return home_data.json_ld_script(board_data.meeting_event(meeting, page_url, language(), organiser))


@register.simple_tag(takes_context=True)
def events_json_ld(context, *event_lists) -> str:
    """All events of the calendar page, each addressed by its anchor on the page."""
    request = context.get("request")
    events = [event for events in event_lists for event in events]
    if request is None or not events:
        return ""
    url = home_url(context)
    organiser = home_data.organisation_id(url) if url else None
    page_url = absolute_url(request.path, request)
    return home_data.json_ld_script(
        [
            board_data.calendar_event(event, f"{page_url}#event-{event.pk}", language(), organiser)
            for event in events
        ]
    )
