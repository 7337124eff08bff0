"""Who may download a document, beyond Wagtail's collection view restrictions."""

from collections import defaultdict

from django.contrib.contenttypes.models import ContentType
from wagtail.models import ReferenceIndex


def is_staff_viewer(user) -> bool:
    """Admin users see documents that the public does not (drafts' attachments)."""
    return bool(user and user.is_authenticated and user.has_perm("wagtailadmin.access_admin"))


def is_only_used_by_unpublished_objects(document) -> bool:
    """True when something refers to the document and none of it is published.

    Works for any model in Wagtail's reference index: pages and snippets with
    DraftStateMixin (e.g. the board's meetings) have `live`; objects without it count
    as published. A document nothing refers to is public (it may be linked by URL).
    """
    rows = ReferenceIndex.get_references_to(document).values_list("content_type_id", "object_id").distinct()
    by_type: dict[int, set[str]] = defaultdict(set)
    for content_type_id, object_id in rows:
        by_type[content_type_id].add(object_id)
    if not by_type:
        return False
    for content_type_id, object_ids in by_type.items():
        model = ContentType.objects.get_for_id(content_type_id).model_class()
        if model is None:
            continue
        if not any(field.name == "live" for field in model._meta.concrete_fields):
            return False
        if model._default_manager.filter(pk__in=object_ids, live=True).exists():
            return False
    return True
