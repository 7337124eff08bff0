"""The open data's entry points, as the open data page (board.models.pages) links them.

Apart from the views so that a page type can link them without importing the data they serve."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.urls import reverse
from django.utils.translation import gettext as _

from cms.absolute_urls import absolute_url


def url(request: HttpRequest, name: str, *args: Any) -> str:
    """The absolute URL of an open data view (cms/absolute_urls.py)."""
    return absolute_url(reverse(f"opendata:{name}", args=args), request)


def entry_points(request: HttpRequest) -> list[dict]:
    """What the open data page links, in the active language."""
    return [
        {
            "label": _("OParl 1.1"),
            "format": "oparl",
            "url": url(request, "oparl_system"),
            "description": _(
                "The board, its terms, members, memberships, meetings and files in the OParl 1.1 "
                "format for council information, starting from the System object."
            ),
        },
        {
            "label": _("Popolo"),
            "format": "popolo",
            "url": url(request, "popolo"),
            "description": _("The board's people, organisations, seats and memberships as Popolo JSON."),
        },
    ]
