from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SecurityConfig(AppConfig):
    name = "cms.security"
    label = "cms_security"
    verbose_name = _("Security")

    def ready(self) -> None:
        # Audit-log receivers for what Wagtail itself does not log.
        from . import audit  # noqa: F401
