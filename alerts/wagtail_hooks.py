"""Reports → E-mail alerts: how many subscribe, by language and kind, and what was sent.
Counts only: no address is shown to staff (the subscriptions are personal data)."""

from __future__ import annotations

from django.db.models import Count, Q
from django.shortcuts import render
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from alerts.models import ALERT_LANGUAGES, Announcement, Kind, Subscription


def counts() -> dict:
    """Confirmed subscriptions per language and kind, and unconfirmed ones: one query."""
    aggregates = {"pending": Count("pk", filter=Q(confirmed_at__isnull=True))}
    for code, _label in ALERT_LANGUAGES:
        confirmed = Q(confirmed_at__isnull=False, language=code)
        aggregates[f"{code}_all"] = Count("pk", filter=confirmed)
        for kind in Kind.values:
            aggregates[f"{code}_{kind}"] = Count("pk", filter=confirmed & Q(**{kind: True}))
    return Subscription.objects.aggregate(**aggregates)


def report(request):
    data = counts()
    rows = [
        {
            "language": label,
            "all": data[f"{code}_all"],
            "kinds": [data[f"{code}_{kind}"] for kind in Kind.values],
        }
        for code, label in ALERT_LANGUAGES
    ]
    return render(
        request,
        "alerts/admin/report.html",
        {
            "rows": rows,
            "kind_labels": Kind.labels,
            "total": sum(row["all"] for row in rows),
            "pending": data["pending"],
            "announcements": Announcement.objects.order_by("-created_at")[:20],
        },
    )


@hooks.register("register_admin_urls")
def register_admin_urls():
    # Wagtail wraps these in its admin access check: communications staff and translators.
    return [path("reports/alerts/", report, name="alerts_report")]


@hooks.register("register_reports_menu_item")
def register_menu_item():
    return MenuItem(_("E-mail alerts"), reverse("alerts_report"), name="alerts", icon_name="mail", order=710)
