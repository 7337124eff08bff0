"""What the open data may show: the one place board/opendata asks the visibility rule.

Everything public in the open data goes through here, and this module is the only import
of the rule itself (`cms.api.access`, the REST API's), so that switching to another module
of the rule is one line. Meetings: live, the source (Finnish) rows; people: those with a
membership (`PersonQuerySet.public`), as in the REST API and the member directory.
"""

from __future__ import annotations

from django.conf import settings
from django.db.models import QuerySet
from django.http import HttpRequest

from board.models import Meeting, Person
from cms.api import access  # the visibility rule: the open data's only import of it


def public_documents(request: HttpRequest) -> QuerySet:
    return access.public_documents(request)


def public_pages(request: HttpRequest, model: type) -> QuerySet:
    return access.public_pages(request, model)


def public_meetings(request: HttpRequest) -> QuerySet:
    """Published meetings, one per meeting: the source-language rows."""
    return Meeting.objects.filter(live=True, locale__language_code=settings.LANGUAGE_CODE)


def published_meeting_versions(request: HttpRequest) -> QuerySet:
    """Every published language version of the meetings (for their Swedish texts)."""
    return Meeting.objects.filter(live=True)


def public_people(request: HttpRequest) -> QuerySet:
    return Person.objects.public()
