"""The board's small reference tables (terms, seats, roles, organisations), read once per
content version; the locales come from cms/locales.py, read likewise.

Every public board page needs them. They are read from the database once per process and
content version (cms/memo.py `per_version`): any change to one of those tables bumps the
version after its commit (cms/cache.py), so the next request in every process reads them anew
and no request keeps rows of an unfinished transaction.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.utils import timezone

from board.models.people import Organisation, Role, Seat, Term
from cms.memo import per_version


@dataclass
class Reference:
    terms: list[Term]
    seats: list[Seat]
    roles: list[Role]
    organisations: list[Organisation]

    def current_term(self, on: datetime.date | None = None) -> Term | None:
        """The latest term that has started (terms are ordered newest first), else the first one."""
        on = on or timezone.localdate()
        started = [t for t in self.terms if t.start_date <= on]
        if started:
            return started[0]
        return self.terms[-1] if self.terms else None


def _load() -> Reference:
    return Reference(
        terms=list(Term.objects.order_by("-start_date")),
        seats=list(Seat.objects.all()),
        roles=list(Role.objects.all()),
        organisations=list(Organisation.objects.all()),
    )


def reference() -> Reference:
    return per_version("board-reference", _load)
