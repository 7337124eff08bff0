"""The board's small reference tables (locales, terms, seats, roles), cached as one entry.

Every public board page needs them; reading them from the cache keeps each page within
its query budget. The entry is dropped whenever one of those tables changes (now and
again after the commit, so no request can re-cache rows of an unfinished transaction).
With several processes the cache must be shared (Redis), as for the page cache.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from django.utils import timezone, translation
from wagtail.models import Locale

from board.models import Role, Seat, Term

CACHE_KEY = "board:reference:v1"
TIMEOUT = 60 * 60


@dataclass
class Reference:
    locales: dict[str, Locale]
    terms: list[Term]
    seats: list[Seat]
    roles: list[Role]

    @property
    def source_locale(self) -> Locale:
        return self.locales.get(settings.LANGUAGE_CODE) or Locale.get_default()

    def locale_for(self, language_code: str | None = None) -> Locale:
        code = language_code or translation.get_language() or settings.LANGUAGE_CODE
        return self.locales.get(code) or self.source_locale

    def current_term(self, on: datetime.date | None = None) -> Term | None:
        """The latest term that has started (terms are ordered newest first), else the first one."""
        on = on or timezone.localdate()
        started = [t for t in self.terms if t.start_date <= on]
        if started:
            return started[0]
        return self.terms[-1] if self.terms else None


def reference() -> Reference:
    data = cache.get(CACHE_KEY)
    if data is None:
        data = Reference(
            locales={loc.language_code: loc for loc in Locale.objects.all()},
            terms=list(Term.objects.order_by("-start_date")),
            seats=list(Seat.objects.all()),
            roles=list(Role.objects.all()),
        )
        cache.set(CACHE_KEY, data, TIMEOUT)
    return data


def forget() -> None:
    cache.delete(CACHE_KEY)
    transaction.on_commit(lambda: cache.delete(CACHE_KEY))


@receiver(post_save)
@receiver(post_delete)
def _forget_on_change(sender, **kwargs) -> None:
    if sender in (Locale, Term, Seat, Role):
        forget()
