"""Line breaking of text that has no spaces: `{{ address|breakable_email }}`.

An e-mail address is one long "word": on a phone a browser either lets it run off the
screen or breaks it anywhere (`overflow-wrap`), splitting it over several lines at random
letters. This filter offers the breaks a reader expects instead, as `<wbr>` (a break
opportunity that adds no character, so copying the text still gives the address): after
the "@" and before each dot, the way style guides break addresses (the dot starts the next
line, so the line's end is not mistaken for a full stop).
"""

from django import template
from django.utils.html import conditional_escape
from django.utils.safestring import SafeString, mark_safe

register = template.Library()

WBR = "<wbr>"


def _before_dots(text: str) -> str:
    return f"{WBR}.".join(conditional_escape(piece) for piece in text.split("."))


@register.filter
def breakable_email(address) -> SafeString:
    """The address, escaped, with `<wbr>` after "@" and before each ".": one rule for every template."""
    text = str(address or "")
    local, at, domain = text.rpartition("@")
    parts = [_before_dots(local), _before_dots(domain)] if at else [_before_dots(text)]
    return mark_safe(f"@{WBR}".join(parts))  # noqa: S308 (every piece is escaped in _before_dots)
