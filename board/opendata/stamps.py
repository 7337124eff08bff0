"""Keeps board.OpenDataStamp: one stamp per public object, touched on save, marked on delete.

Kinds are the open data's: "term", "organisation" (a represented organisation), "seat",
"person", "membership", "meeting", "file". Translatable rows are stamped under their source
(Finnish) row's id, so a Swedish edit changes the `modified` of the one open data object;
documents are stamped per file, each language version being a file of its own. Unpublished
work leaves no stamp: a meeting is stamped when it is live, and a meeting taken offline has
its stamp marked deleted, as has every deleted object that had one.
"""

from __future__ import annotations

from django.conf import settings
from django.db.models.signals import post_delete, post_save
from django.utils import timezone

from cms.public_output import DRAFT_FIELDS

KINDS = ("term", "organisation", "seat", "person", "membership", "meeting", "file")


def touch(kind: str, object_id: int | None, *, deleted: bool = False, create: bool = True) -> None:
    from board.models import OpenDataStamp

    if not object_id:
        return
    now = timezone.now()
    updated = OpenDataStamp.objects.filter(kind=kind, object_id=object_id).update(
        modified=now, deleted=deleted
    )
    if not updated and create and not deleted:
        OpenDataStamp.objects.get_or_create(
            kind=kind, object_id=object_id, defaults={"created": now, "modified": now}
        )


def _source_id(instance) -> int | None:
    """The id of the source-language row of a translatable object (its own, when it is one)."""
    locale = getattr(instance, "locale", None)
    if locale is not None and locale.language_code == settings.LANGUAGE_CODE:
        return instance.pk
    source = (
        type(instance)
        ._default_manager.filter(
            translation_key=instance.translation_key, locale__language_code=settings.LANGUAGE_CODE
        )
        .values_list("pk", flat=True)
        .first()
    )
    return source


def _is_source(instance) -> bool:
    return _source_id(instance) == instance.pk


def _saved_plain(kind):
    def handler(sender, instance, raw=False, **kwargs):
        if not raw:
            touch(kind, instance.pk)

    return handler


def _deleted_plain(kind):
    def handler(sender, instance, **kwargs):
        touch(kind, instance.pk, deleted=True)

    return handler


def _saved_translatable(kind):
    def handler(sender, instance, raw=False, **kwargs):
        if not raw:
            touch(kind, _source_id(instance))

    return handler


def _deleted_translatable(kind):
    def handler(sender, instance, **kwargs):
        if _is_source(instance):
            touch(kind, instance.pk, deleted=True)
        else:
            touch(kind, _source_id(instance), create=False)

    return handler


def _person_saved(sender, instance, raw=False, **kwargs):
    # Only people with a membership are public (PersonQuerySet.public).
    if not raw and instance.memberships.exists():
        touch("person", instance.pk)


def _membership_saved(sender, instance, raw=False, **kwargs):
    if not raw:
        touch("membership", instance.pk)
        touch("person", instance.person_id)


def _membership_deleted(sender, instance, **kwargs):
    touch("membership", instance.pk, deleted=True)
    touch("person", instance.person_id, create=False)


def _meeting_saved(sender, instance, raw=False, update_fields=None, **kwargs):
    if raw or (update_fields and set(update_fields) <= DRAFT_FIELDS):
        return  # saving a draft of a live meeting changes nothing public (cms/public_output.py)
    source_id = _source_id(instance)
    if source_id != instance.pk:
        touch("meeting", source_id, create=False)  # a translation changes the source's text
    elif instance.live:
        touch("meeting", instance.pk)
    else:
        touch("meeting", instance.pk, deleted=True)  # taken offline: deleted if it had been public


def connect() -> None:
    from board.models import Meeting, Membership, Organisation, Person, Seat, Term
    from documents.models import CustomDocument

    uid = "board.opendata.stamps"
    post_save.connect(_saved_plain("term"), sender=Term, weak=False, dispatch_uid=f"{uid}.term.save")
    post_delete.connect(_deleted_plain("term"), sender=Term, weak=False, dispatch_uid=f"{uid}.term.delete")
    for kind, model in (("organisation", Organisation), ("seat", Seat)):
        post_save.connect(
            _saved_translatable(kind), sender=model, weak=False, dispatch_uid=f"{uid}.{kind}.save"
        )
        post_delete.connect(
            _deleted_translatable(kind), sender=model, weak=False, dispatch_uid=f"{uid}.{kind}.delete"
        )
    post_save.connect(_person_saved, sender=Person, dispatch_uid=f"{uid}.person.save")
    post_delete.connect(
        _deleted_plain("person"), sender=Person, weak=False, dispatch_uid=f"{uid}.person.delete"
    )
    post_save.connect(_membership_saved, sender=Membership, dispatch_uid=f"{uid}.membership.save")
    post_delete.connect(_membership_deleted, sender=Membership, dispatch_uid=f"{uid}.membership.delete")
    post_save.connect(_meeting_saved, sender=Meeting, dispatch_uid=f"{uid}.meeting.save")
    post_delete.connect(
        _deleted_translatable("meeting"), sender=Meeting, weak=False, dispatch_uid=f"{uid}.meeting.delete"
    )
    post_save.connect(
        _saved_plain("file"), sender=CustomDocument, weak=False, dispatch_uid=f"{uid}.file.save"
    )
    post_delete.connect(
        _deleted_plain("file"), sender=CustomDocument, weak=False, dispatch_uid=f"{uid}.file.delete"
    )
