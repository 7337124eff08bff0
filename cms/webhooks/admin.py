"""Webhook deliveries in the admin: a read-only report (Reports → Webhooks)."""

from __future__ import annotations

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.auth import permission_denied
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.tables import Column, DateColumn
from wagtail.admin.views.reports import ReportView

from cms.models import WebhookDelivery

PERMISSION = "cms.view_webhookdelivery"


class WebhookDeliveriesReport(ReportView):
    page_title = _("Webhook deliveries")
    header_icon = "warning"
    index_url_name = "webhook_deliveries"
    index_results_url_name = "webhook_deliveries_results"
    list_export = [
        "created_at",
        "status",
        "event",
        "object_type",
        "object_id",
        "url",
        "attempts",
        "last_error",
    ]

    def dispatch(self, request, *args, **kwargs):
        # ReportView never asks user_has_permission on a request: refuse here, as the menu does.
        if not request.user.has_perm(PERMISSION):
            return permission_denied(request)
        return super().dispatch(request, *args, **kwargs)

    def user_has_permission(self, permission):
        return self.request.user.has_perm(PERMISSION)

    @property
    def columns(self):
        return [
            DateColumn("created_at", label=_("Created at")),
            Column("status", label=_("Status"), accessor="get_status_display"),
            Column("event", label=_("Event")),
            Column("object_title", label=_("Title")),
            Column("object_type", label=_("Object type")),
            Column("url", label=_("Receiver")),
            Column("attempts", label=_("Attempts")),
            Column("last_error", label=_("Last error")),
        ]

    def get_queryset(self):
        # Failures first: they are what staff need to see.
        status = self.request.GET.get("status")
        queryset = WebhookDelivery.objects.all()
        if status in WebhookDelivery.Status.values:
            queryset = queryset.filter(status=status)
        return queryset.order_by("-created_at", "-pk")


class WebhookMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm(PERMISSION)


@hooks.register("register_admin_urls")
def register_admin_urls():
    return [
        path("reports/webhooks/", WebhookDeliveriesReport.as_view(), name="webhook_deliveries"),
        path(
            "reports/webhooks/results/",
            WebhookDeliveriesReport.as_view(results_only=True),
            name="webhook_deliveries_results",
        ),
    ]


@hooks.register("register_reports_menu_item")
def register_menu_item():
    return WebhookMenuItem(
        _("Webhooks"), reverse("webhook_deliveries"), name="webhooks", icon_name="warning", order=700
    )
