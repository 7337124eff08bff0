from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks

from . import twofactor


@hooks.register("register_admin_urls")
def register_two_factor_urls():
    return [
        path("two-factor/setup/", twofactor.setup, name="cms_security_2fa_setup"),
        path("two-factor/verify/", twofactor.verify, name="cms_security_2fa_verify"),
    ]


@hooks.register("register_account_menu_item")
def two_factor_menu_item(request):
    """Account page, "Actions" tab: turn on (or re-enrol) two-step verification."""
    enrolled = twofactor.has_device(request.user)
    return {
        "url": reverse("cms_security_2fa_setup"),
        "label": _("Set up a new authenticator app") if enrolled else _("Turn on two-step verification"),
        "help_text": _("Sign-in asks for a code from an authenticator app on your phone."),
    }


@hooks.register("register_log_actions")
def register_security_log_actions(actions):
    from . import audit

    actions.register_action(audit.LOGIN_FAILED, _("Sign-in failed"), _("Sign-in failed"))
    actions.register_action(audit.GROUPS_CHANGED, _("Change groups"), _("Groups changed"))
    actions.register_action(audit.USER_FLAGS_CHANGED, _("Change account status"), _("Account status changed"))
    actions.register_action(audit.PERMISSIONS_CHANGED, _("Change permissions"), _("Permissions changed"))
    from . import gdpr

    actions.register_action(gdpr.ERASED, _("Erase personal data"), _("Personal data erased"))
