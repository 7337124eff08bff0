"""Facts no translator may change follow the Finnish original into every translation at once.

A `SynchronizedField(..., overridable=False)` (a meeting's number, time, status, agenda and
minutes; an event's time and PDF; the calendar page's PDF; a seat's group and number; a
role's kind and order) is the same in every language. wagtail-localize copies such fields
only when a translation is synced or published again, so after the Finnish original was
published its translations kept the old values in their rows, in their latest revisions
(what their edit view shows) and in the source snapshot that their next publish copies from.

Here, when a Finnish original is published (or saved, for models without drafts), exactly
those fields are copied into each translation's row, its latest revision and the
TranslationSource snapshot. This is a field copy, not wagtail-localize's
`update_from_db()` + `save_target()`: save_target rebuilds the whole translation from the
source, so it would put Finnish text into every string not yet translated, bring in the
original's changed text before any translator synced it (the dashboard's job), and
overwrite a translation that was converted to manual editing. Copying only the fields a
translator can never change leaves their strings, drafts and live text as they were.
Nothing is written when the values already match: no row save, no revision, no cache bump.
"""

from __future__ import annotations

import json
import logging
import uuid

from django.core.serializers.json import DjangoJSONEncoder
from django.db import IntegrityError, models, transaction
from django.utils.translation import gettext_lazy as _
from modelcluster.models import get_serializable_data_for_fields
from wagtail import hooks
from wagtail.log_actions import log
from wagtail.models import DraftStateMixin, Page, RevisionMixin, TranslatableMixin
from wagtail_localize.fields import SynchronizedField, get_translatable_fields

from translations.content import CONTENT_APPS, default_locale_id

logger = logging.getLogger(__name__)

LOG_ACTION = "translations.synchronise"


@hooks.register("register_log_actions")
def _register_log_action(actions) -> None:
    actions.register_action(
        LOG_ACTION,
        _("Synchronise with the Finnish original"),
        _("Synchronised with the Finnish original"),
    )


def locked_fields(model: type[models.Model]) -> list[models.Field]:
    """The model's concrete fields declared SynchronizedField(overridable=False)."""
    found = []
    for spec in get_translatable_fields(model):
        if not isinstance(spec, SynchronizedField) or spec.overridable:
            continue
        field = model._meta.get_field(spec.field_name)
        if getattr(field, "concrete", False) and not field.many_to_many:
            found.append(field)
    return found


def _is_finnish_original(instance) -> bool:
    return (
        isinstance(instance, TranslatableMixin)
        and instance._meta.app_label in CONTENT_APPS
        and instance.locale_id is not None
        and instance.locale_id == default_locale_id()
    )


def _values(obj, fields) -> dict[str, object]:
    return {field.attname: getattr(obj, field.attname) for field in fields}


def _differing(obj, values: dict[str, object]) -> dict[str, object]:
    return {name: value for name, value in values.items() if getattr(obj, name) != value}


def _save_row(obj) -> None:
    # A full save, so that values the model derives in save() (a meeting's year from its
    # start) follow, and post_save bumps the content version and updates the search index.
    if isinstance(obj, Page):
        obj.save(clean=False)
    else:
        obj.save()


def _sync_revision(row, changed: dict[str, object], user) -> None:
    """Give the translation a latest revision with the new values, keeping its text.

    A translation with unpublished work keeps it: the new revision is its draft with only
    these fields changed, and stays a draft. A translation whose latest revision was the live
    one gets a new live revision (the row's content), so it is not shown as having a draft.
    """
    latest = row.latest_revision
    if latest is None:
        return
    draft = latest.as_object()
    if not _differing(draft, changed):
        return
    is_draftable = isinstance(row, DraftStateMixin)
    latest_is_live = not is_draftable or (
        row.live and row.live_revision_id == latest.pk and not row.has_unpublished_changes
    )
    if latest_is_live:
        revision = row.save_revision(user=user, changed=False, clean=False)
        if is_draftable:
            type(row)._default_manager.filter(pk=row.pk).update(live_revision=revision)
            row.live_revision = revision
    else:
        for name, value in changed.items():
            setattr(draft, name, value)
        revision = draft.save_revision(user=user, changed=True, clean=False)
    _log(row, user, revision)


def _log(obj, user, revision=None) -> None:
    # An entry of its own: Wagtail's history shows one entry per (uuid, action), and all the
    # translations are changed within one request's log context.
    log(
        instance=obj, action=LOG_ACTION, user=user, revision=revision, content_changed=True, uuid=uuid.uuid4()
    )


def _copy_into(translation, values: dict[str, object], user) -> bool:
    """Copy `values` into one translation; True when anything changed."""
    model = type(translation)
    row = model._default_manager.get(pk=translation.pk)
    stale_row = _differing(row, values)
    changed = False
    if stale_row:
        for name, value in stale_row.items():
            setattr(row, name, value)
        _save_row(row)
        changed = True
    if isinstance(row, RevisionMixin):
        latest_id = row.latest_revision_id
        _sync_revision(row, values, user)
        changed = changed or row.latest_revision_id != latest_id
    elif changed:
        _log(row, user)
    return changed


def _refresh_source_snapshot(original, fields) -> None:
    """Patch the locked fields in the TranslationSource that save_target copies from.

    Only these keys change, so the segments and `last_updated_at` (the dashboard's
    "outdated") stay as the last sync left them.
    """
    from wagtail_localize.models import TranslationSource

    fresh = json.loads(json.dumps(get_serializable_data_for_fields(original), cls=DjangoJSONEncoder))
    for source in TranslationSource.objects.filter(
        object_id=original.translation_key, locale_id=original.locale_id
    ):
        content = json.loads(source.content_json)
        if all(content.get(field.name) == fresh.get(field.name) for field in fields):
            continue
        for field in fields:
            content[field.name] = fresh.get(field.name)
        source.content_json = json.dumps(content, cls=DjangoJSONEncoder)
        source.save(update_fields=["content_json"])


def propagate(original, user=None, translations=None) -> list:
    """Copy the original's locked fields into its translations (all, or those given);
    returns the translations that changed."""
    fields = locked_fields(type(original))
    if not fields:
        return []
    values = _values(original, fields)
    if translations is None:
        translations = original.get_translations()
    changed = []
    with transaction.atomic():
        _refresh_source_snapshot(original, fields)
        for translation in translations:
            if getattr(translation, "alias_of_id", None):
                continue  # Wagtail copies the whole original into its aliases itself.
            try:
                with transaction.atomic():
                    if _copy_into(translation, values, user):
                        changed.append(translation)
            except IntegrityError:
                # Only a translation that was already out of step can clash (the original
                # passed the same constraints); the original's publish must not fail for it.
                logger.warning(
                    "could not synchronise %s %s with its original",
                    type(translation).__name__,
                    translation.pk,
                )
    return changed


def on_published(sender, instance=None, revision=None, **kwargs) -> None:
    """wagtail.signals.published: sent for pages (the specific page) and snippets alike.

    A published original goes to all its translations. A published translation is checked
    against its live original too: a revision scheduled or drafted before the original
    changed would otherwise bring the old facts back.
    """
    # Sent also when a first publish is only scheduled (not live yet): nothing is public then.
    if instance is None or not isinstance(instance, TranslatableMixin) or not getattr(instance, "live", True):
        return
    if instance._meta.app_label not in CONTENT_APPS or not locked_fields(type(instance)):
        return
    user = getattr(revision, "user", None)
    if _is_finnish_original(instance):
        propagate(instance, user=user)
        return
    original = (
        type(instance)
        ._default_manager.filter(translation_key=instance.translation_key, locale_id=default_locale_id())
        .first()
    )
    if original is not None and getattr(original, "live", True):
        propagate(original, user=user, translations=[instance])


def on_saved(sender, instance, raw=False, **kwargs) -> None:
    """post_save of translatable models without drafts: their save is their publish."""
    if raw or isinstance(instance, DraftStateMixin) or not _is_finnish_original(instance):
        return
    propagate(instance)
