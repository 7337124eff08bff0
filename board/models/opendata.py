"""When each published object first appeared, last changed and whether it was deleted.

OParl lists carry `created`, `modified` and `deleted` and filter by `created_since` and
`modified_since`; the board's people, terms and memberships have no timestamps of their
own and a deleted row leaves nothing behind. One stamp per public object (kind and id of
its source row) is kept by signals (board/opendata/stamps.py): saving a published object
touches its stamp, deleting it (or unpublishing a meeting) marks the stamp deleted, and a
deleted stamp is what the open data lists show as `{"deleted": true}`.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class OpenDataStamp(models.Model):
    kind = models.CharField(_("kind"), max_length=20)
    object_id = models.PositiveIntegerField(_("object id"))
    created = models.DateTimeField(_("created"))
    modified = models.DateTimeField(_("modified"), db_index=True)
    deleted = models.BooleanField(_("deleted"), default=False)

    class Meta:
        verbose_name = _("open data stamp")
        verbose_name_plural = _("open data stamps")
        constraints = [
            models.UniqueConstraint(fields=["kind", "object_id"], name="board_opendatastamp_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.kind} {self.object_id}"
