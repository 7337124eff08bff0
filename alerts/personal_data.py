"""The alerts' personal data for the GDPR commands (cms/security/gdpr.py discovers
`<app>.personal_data`): a subscription is an address, a language and choices."""

from __future__ import annotations

from django.utils.translation import gettext as _

from alerts.models import Subscription


def _rows(email: str):
    email = (email or "").strip()
    return Subscription.objects.filter(email__iexact=email) if email else Subscription.objects.none()


def export(email: str, phones: list[str]) -> list[dict]:
    """What is kept about `email` (phones: alerts keep none)."""
    return [
        {
            "type": "alerts.Subscription",
            "email": s.email,
            "language": s.language,
            "kinds": s.kinds,
            "created_at": s.created_at.isoformat(),
            "confirmed_at": s.confirmed_at.isoformat() if s.confirmed_at else None,
        }
        for s in _rows(email).order_by("pk")
    ]


def erase(email: str, phones: list[str], dry_run: bool) -> list[str]:
    """Delete the subscriptions of `email`; what was (or, with dry_run, would be) deleted."""
    rows = list(_rows(email).order_by("pk"))
    would = _("would delete e-mail alert subscription %(id)s (%(state)s)")
    did = _("deleted e-mail alert subscription %(id)s (%(state)s)")
    changes = [
        (would if dry_run else did)
        % {"id": s.pk, "state": _("confirmed") if s.confirmed_at else _("unconfirmed")}
        for s in rows
    ]
    if not dry_run and rows:
        Subscription.objects.filter(pk__in=[s.pk for s in rows]).delete()
    return changes
