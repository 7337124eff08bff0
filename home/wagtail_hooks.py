from django.utils.translation import gettext_lazy as _
from wagtail.snippets.models import register_snippet

from home.models import FooterSettings, Notification
from translations.admin_strings import TranslatedSnippetViewSet


class FooterSettingsViewSet(TranslatedSnippetViewSet):
    model = FooterSettings
    icon = "site"
    menu_label = _("Footer and contact details")
    add_to_settings_menu = True
    list_display = ["organisation", "locale"]


register_snippet(FooterSettingsViewSet)


class NotificationViewSet(TranslatedSnippetViewSet):
    model = Notification
    icon = "warning"
    menu_label = _("Notifications")
    menu_order = 250
    add_to_admin_menu = True
    list_display = ["title", "level", "locale", "go_live_at", "expire_at"]


register_snippet(NotificationViewSet)
