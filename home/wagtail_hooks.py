from django.utils.translation import gettext_lazy as _
from wagtail.snippets.models import register_snippet

from home.models import FooterSettings
from translations.admin_strings import TranslatedSnippetViewSet


class FooterSettingsViewSet(TranslatedSnippetViewSet):
    model = FooterSettings
    icon = "site"
    menu_label = _("Footer and contact details")
    add_to_settings_menu = True
    list_display = ["organisation", "locale"]


register_snippet(FooterSettingsViewSet)
