from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class BoardConfig(AppConfig):
    name = "board"
    verbose_name = _("Advisory board")

    def ready(self) -> None:
        from board import reference  # noqa: F401  (cache invalidation signals)
