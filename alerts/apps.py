from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AlertsConfig(AppConfig):
    name = "alerts"
    verbose_name = _("E-mail alerts")
    default_auto_field = "django.db.models.BigAutoField"
    # Subscriptions and the record of what was announced are read by no public answer.
    public_output = {"Subscription": False, "Announcement": False}

    def ready(self) -> None:
        from alerts import signals

        signals.connect_signals()
