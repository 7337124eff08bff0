"""The site-wide notification now on, in a language, for /graphql/ (the HTML site shows none yet).

Which one: among the notifications the public may see now (cms/visibility.py: published and
within their go-live and expiry dates), the Finnish original published most recently; shown in
the language asked for where its translation is on too, else in Finnish (the REST API's
fallback).
"""

from __future__ import annotations

from django.conf import settings

from cms import visibility
from home.models import Notification


def current_notification(language_code: str) -> Notification | None:
    """The notification to show in `language_code`, or None (at most two queries)."""
    on = visibility.public_current_objects(Notification).select_related("locale")
    source = (
        on.filter(locale__language_code=settings.LANGUAGE_CODE).order_by("-last_published_at", "-pk").first()
    )
    if source is None:
        return None
    if language_code == settings.LANGUAGE_CODE:
        return source
    translated = on.filter(
        translation_key=source.translation_key, locale__language_code=language_code
    ).first()
    return translated or source
