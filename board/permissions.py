"""The communications staff's group ("Viestintä / Kommunikation") and exactly its permissions.

Used by a data migration (with historical models) and by the demo loader, so it is
idempotent. Django creates permissions only after migrating, so missing ones are
created here with the same codenames Django and Wagtail would give them.

Staff maintain the board's content: pages anywhere in the tree (add, edit, publish;
granted on the root so every language's tree is covered, as Wagtail's own Editors
group is), the board's snippets, and documents. Nothing about users, groups, sites,
settings or workflows.
"""

from __future__ import annotations

GROUP_NAME = "Viestintä / Kommunikation"

SNIPPET_ACTIONS = {
    "term": ("add", "change", "delete"),
    "seat": ("add", "change", "delete"),
    "role": ("add", "change", "delete"),
    "organisation": ("add", "change", "delete"),
    "person": ("add", "change", "delete"),
    "membership": ("add", "change", "delete"),
    "meeting": ("add", "change", "delete", "publish", "lock", "unlock"),
    "event": ("add", "change", "delete", "publish", "lock", "unlock"),
}
# The site-wide notification (home.Notification), kept by the same staff.
OTHER_SNIPPET_ACTIONS = {("home", "notification"): ("add", "change", "delete", "publish")}
PAGE_ACTIONS = ("add", "change", "publish")
DOCUMENT_ACTIONS = ("add", "change", "choose")


def _permission(apps, app_label: str, model: str, action: str):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Permission = apps.get_model("auth", "Permission")
    content_type, _ = ContentType.objects.get_or_create(app_label=app_label, model=model)
    permission, _ = Permission.objects.get_or_create(
        content_type=content_type,
        codename=f"{action}_{model}",
        defaults={"name": f"Can {action} {model}"},
    )
    return permission


def ensure_communications_group(apps=None):
    """Create or complete the group; returns it. Never removes permissions others added."""
    if apps is None:
        from django.apps import apps
    Group = apps.get_model("auth", "Group")
    Page = apps.get_model("wagtailcore", "Page")
    Collection = apps.get_model("wagtailcore", "Collection")
    GroupPagePermission = apps.get_model("wagtailcore", "GroupPagePermission")
    GroupCollectionPermission = apps.get_model("wagtailcore", "GroupCollectionPermission")

    group, _ = Group.objects.get_or_create(name=GROUP_NAME)
    wanted = [_permission(apps, "wagtailadmin", "admin", "access")]
    for model, actions in SNIPPET_ACTIONS.items():
        wanted += [_permission(apps, "board", model, action) for action in actions]
    for (app_label, model), actions in OTHER_SNIPPET_ACTIONS.items():
        wanted += [_permission(apps, app_label, model, action) for action in actions]
    group.permissions.add(*wanted)

    root_page = Page.objects.filter(depth=1).order_by("path").first()
    if root_page is not None:
        for action in PAGE_ACTIONS:
            GroupPagePermission.objects.get_or_create(
                group=group, page=root_page, permission=_permission(apps, "wagtailcore", "page", action)
            )
    root_collection = Collection.objects.filter(depth=1).order_by("path").first()
    if root_collection is not None:
        for action in DOCUMENT_ACTIONS:
            GroupCollectionPermission.objects.get_or_create(
                group=group,
                collection=root_collection,
                permission=_permission(apps, "wagtaildocs", "document", action),
            )
    return group
