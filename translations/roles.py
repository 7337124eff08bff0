"""The translators' group "Kääntäjät / Översättare" and what it may do.

Choice: Wagtail grants page permissions per subtree, so translators get add/change/publish on
the Swedish and English home pages' subtrees (GroupPagePermission) and nothing on the Finnish
tree. Those home pages are made by the demo loader or by translators long after migrations
ran, so `sync_translator_permissions()` is idempotent and runs after every `migrate`
(post_migrate) and whenever a new language root page is saved (post_save). A custom page
permission policy would have worked too, but would replace Wagtail's own policy for every
user; subtree rows are visible and editable in the admin's group view.

Snippets and documents have no per-locale permission in Wagtail: translators get the model
permissions, and `translations.guards` refuses any change to a Finnish original.
"""

from django.contrib.auth.models import Group, Permission
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.db.models import Q
from wagtail.models import Collection, GroupCollectionPermission, GroupPagePermission, Locale, Page

from translations.content import translatable_snippet_models

TRANSLATORS_GROUP = "Kääntäjät / Översättare"

PAGE_ACTIONS = ("add", "change", "publish")
SNIPPET_ACTIONS = ("add", "change", "delete", "publish", "view")
# No "add": a new document would be a Finnish original.
DOCUMENT_ACTIONS = ("change", "choose")


def _page_permissions() -> list[Permission]:
    page_type = ContentType.objects.get_for_model(Page)
    return list(
        Permission.objects.filter(content_type=page_type, codename__in=[f"{a}_page" for a in PAGE_ACTIONS])
    )


def _model_permissions() -> list[Permission]:
    wanted = Q(content_type__app_label="wagtailadmin", codename="access_admin") | Q(
        content_type__app_label="wagtail_localize", codename="submit_translation"
    )
    for model in translatable_snippet_models():
        content_type = ContentType.objects.get_for_model(model)
        codenames = [f"{a}_{model._meta.model_name}" for a in SNIPPET_ACTIONS]
        wanted |= Q(content_type=content_type, codename__in=codenames)
    return list(Permission.objects.filter(wanted))


def _document_permissions() -> list[Permission]:
    return list(
        Permission.objects.filter(
            content_type__app_label="wagtaildocs",
            codename__in=[f"{a}_document" for a in DOCUMENT_ACTIONS],
        )
    )


@transaction.atomic
def sync_translator_permissions() -> Group:
    """Create or complete the translators' group. Safe to call any number of times."""
    group, _ = Group.objects.get_or_create(name=TRANSLATORS_GROUP)
    group.permissions.add(*_model_permissions())

    root_collection = Collection.get_first_root_node()
    if root_collection is not None:
        for permission in _document_permissions():
            GroupCollectionPermission.objects.get_or_create(
                group=group, collection=root_collection, permission=permission
            )

    default = Locale.get_default()  # writing code: sees a locale made in this transaction
    language_roots = Page.objects.filter(depth=2).exclude(locale=default)
    page_permissions = _page_permissions()
    for root in language_roots:
        for permission in page_permissions:
            GroupPagePermission.objects.get_or_create(group=group, page=root, permission=permission)
    # Never any right in the Finnish tree, even if someone added one by hand.
    GroupPagePermission.objects.filter(group=group, page__locale=default).delete()
    return group


def is_translator_only(user) -> bool:
    """A translator with no other role: limited to Swedish and English content.

    Editors who are also translators keep their editing rights.
    """
    if not getattr(user, "is_authenticated", False) or user.is_superuser:
        return False
    cached = getattr(user, "_translator_only", None)
    if cached is None:
        names = set(user.groups.values_list("name", flat=True))
        cached = names == {TRANSLATORS_GROUP}
        user._translator_only = cached
    return cached
