"""The board's small reference tables (locales, terms, seats, roles, organisations), read once
per content version.

Every public board page needs them. They are read from the database once per process and
content version (cms/routing.py `per_version`): any change to one of those tables bumps the
version after its commit (cms/cache.py), so the next request in every process reads them anew
and no request keeps rows of an unfinished transaction.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.conf import settings
from django.utils import timezone, translation
from wagtail.models import Locale

from board.models import Organisation, Role, Seat, Term


@dataclass
class Reference:
    locales: dict[str, Locale]
    terms: list[Term]
    seats: list[Seat]
    roles: list[Role]
    organisations: list[Organisation]

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


def _load() -> Reference:
    from cms.routing import locales_by_code

    return Reference(
        locales=locales_by_code(),
        terms=list(Term.objects.order_by("-start_date")),
        seats=list(Seat.objects.all()),
        roles=list(Role.objects.all()),
        organisations=list(Organisation.objects.all()),
    )


def reference() -> Reference:
    from cms.routing import per_version

    return per_version("board-reference", _load)
