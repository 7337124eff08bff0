from django.db import models
from django.utils.translation import gettext_lazy as _


class SourceChange(models.Model):
    """When a Finnish original without publishing history last changed.

    Pages and draftable snippets have `last_published_at`; other snippets do not record
    when they were edited, and the dashboard needs that to call a translation outdated.
    """

    translation_key = models.UUIDField(_("translation key"), unique=True)
    changed_at = models.DateTimeField(_("changed at"))

    class Meta:
        verbose_name = _("source change")
        verbose_name_plural = _("source changes")

    def __str__(self) -> str:
        return f"{self.translation_key} @ {self.changed_at:%Y-%m-%d %H:%M}"
