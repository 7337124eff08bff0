"""What the open data may show: the one place board/opendata asks the visibility rule.

Everything public in the open data goes through here, and this module is the only import of
the rule itself (cms/visibility.py, which every public surface asks). Meetings: live, the
source (Finnish) rows; people: those with a membership (`PersonQuerySet.public`), as in the
REST API and the member directory.
"""

from __future__ import annotations

from django.conf import settings
from django.db.models import QuerySet
from django.http import HttpRequest

from board.models import Meeting, Person
from cms import visibility  # the visibility rule: the open data's only import of it


def public_documents(request: HttpRequest) -> QuerySet:
    return visibility.public_documents()


def public_pages(request: HttpRequest, model: type) -> QuerySet:
    return visibility.public_pages(model)


def public_meetings(request: HttpRequest) -> QuerySet:
    """Published meetings, one per meeting: the source-language rows."""
    return visibility.public_objects(Meeting).filter(locale__language_code=settings.LANGUAGE_CODE)


def published_meeting_versions(request: HttpRequest) -> QuerySet:
    """Every published language version of the meetings (for their Swedish texts)."""
    return visibility.public_objects(Meeting)


def public_people(request: HttpRequest) -> QuerySet:
    return Person.objects.public()
