from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TranslationsConfig(AppConfig):
    name = "translations"
    verbose_name = _("Translations")
    # Which models change what visitors see (content version, cms/public_output.py).
    # The record of source changes feeds only the admin's translation status.
    public_output = {"SourceChange": False}

    def ready(self) -> None:
        from translations import signals

        signals.connect()
