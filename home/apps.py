from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class HomeConfig(AppConfig):
    name = "home"
    verbose_name = _("Home page")
    # Which models change what visitors see (content version, cms/public_output.py).
    public_output = {
        "HomePage": True,
        "StandardPage": True,
        "AssociationInfoPage": True,
        "FooterSettings": True,
        "Notification": True,
    }
