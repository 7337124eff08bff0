"""Audit log entries for what Wagtail does not log itself.

Wagtail logs publishing, unpublishing and deletion of pages, snippets and media. These
receivers add failed sign-ins and every change of who may do what: a user's groups,
superuser/active flags, a group's model permissions and its page/collection permissions.
Inside admin views Wagtail's log context supplies the acting user.
"""

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.contrib.auth.signals import user_login_failed
from django.contrib.contenttypes.models import ContentType
from django.db.models.signals import m2m_changed, post_delete, post_save, pre_save
from django.dispatch import receiver
from django.utils import timezone
from wagtail.log_actions import get_active_log_context
from wagtail.log_actions import log as log_action
from wagtail.models import GroupCollectionPermission, GroupPagePermission, ModelLogEntry

from .clientip import client_ip

LOGIN_FAILED = "cms_security.login_failed"
GROUPS_CHANGED = "cms_security.groups_changed"
USER_FLAGS_CHANGED = "cms_security.user_flags_changed"
PERMISSIONS_CHANGED = "cms_security.permissions_changed"

User = get_user_model()


@receiver(user_login_failed)
def log_login_failure(sender, credentials, request=None, **kwargs):
    username = str(credentials.get(User.USERNAME_FIELD) or credentials.get("username") or "")[:150]
    data = {"username": username, "ip": client_ip(request) if request is not None else ""}
    user = User._default_manager.filter(**{User.USERNAME_FIELD: username}).first() if username else None
    if user is not None:
        log_action(user, LOGIN_FAILED, data=data)
        return
    # No such account: still recorded, against the user model, under the name tried.
    ModelLogEntry.objects.create(
        content_type=ContentType.objects.get_for_model(User, for_concrete_model=False),
        object_id="unknown",
        label=username or "?",
        action=LOGIN_FAILED,
        data=data,
        timestamp=timezone.now(),
        uuid=get_active_log_context().uuid,
    )


@receiver(m2m_changed, sender=User.groups.through)
def log_user_groups(sender, instance, action, reverse, pk_set, **kwargs):
    if action not in ("post_add", "post_remove", "pre_clear"):
        return
    change = {"post_add": "added", "post_remove": "removed", "pre_clear": "removed"}[action]
    if reverse:  # group.user_set.add(...): instance is the group
        users = User._default_manager.filter(pk__in=pk_set) if pk_set else instance.user_set.all()
        for user in users:
            log_action(user, GROUPS_CHANGED, data={change: [instance.name]})
        return
    groups = Group.objects.filter(pk__in=pk_set) if pk_set else instance.groups.all()
    names = sorted(group.name for group in groups)
    if names:
        log_action(instance, GROUPS_CHANGED, data={change: names})


@receiver(pre_save, sender=User)
def remember_user_flags(sender, instance, update_fields=None, raw=False, **kwargs):
    if raw:  # loading fixtures: not a change anyone made
        return
    if update_fields is not None and not {"is_superuser", "is_staff", "is_active"} & set(update_fields):
        instance._security_old_flags = None  # e.g. last_login on sign-in: nothing to compare
        return
    old = User._default_manager.filter(pk=instance.pk).values("is_superuser", "is_staff", "is_active").first()
    instance._security_old_flags = old


@receiver(post_save, sender=User)
def log_user_flags(sender, instance, created, raw=False, **kwargs):
    if raw:
        return
    old = getattr(instance, "_security_old_flags", None)
    if created or not old:
        return
    changed = {
        flag: {"from": old[flag], "to": getattr(instance, flag)}
        for flag in ("is_superuser", "is_staff", "is_active")
        if old[flag] != getattr(instance, flag)
    }
    if changed:
        log_action(instance, USER_FLAGS_CHANGED, data=changed)


@receiver(m2m_changed, sender=Group.permissions.through)
def log_group_permissions(sender, instance, action, reverse, pk_set, model, **kwargs):
    if action not in ("post_add", "post_remove", "pre_clear"):
        return
    change = {"post_add": "added", "post_remove": "removed", "pre_clear": "removed"}[action]
    if reverse:  # permission.group_set.add(...)
        groups = Group.objects.filter(pk__in=pk_set) if pk_set else instance.group_set.all()
        for group in groups:
            log_action(group, PERMISSIONS_CHANGED, data={change: [instance.codename]})
        return
    perms = model.objects.filter(pk__in=pk_set) if pk_set else instance.permissions.all()
    codenames = sorted(f"{perm.content_type.app_label}.{perm.codename}" for perm in perms)
    if codenames:
        log_action(instance, PERMISSIONS_CHANGED, data={change: codenames})


def _describe(permission) -> dict:
    if isinstance(permission, GroupPagePermission):
        target = {"page": permission.page_id}
    else:
        target = {"collection": permission.collection_id}
    return {**target, "permission": permission.permission.codename if permission.permission_id else ""}


@receiver(post_save, sender=GroupPagePermission)
@receiver(post_save, sender=GroupCollectionPermission)
def log_object_permission_added(sender, instance, created, raw=False, **kwargs):
    if raw:
        return
    log_action(
        instance.group, PERMISSIONS_CHANGED, data={"added" if created else "changed": [_describe(instance)]}
    )


@receiver(post_delete, sender=GroupPagePermission)
@receiver(post_delete, sender=GroupCollectionPermission)
def log_object_permission_removed(sender, instance, **kwargs):
    group = Group.objects.filter(pk=instance.group_id).first()
    if group is not None:  # not when the whole group is being deleted
        log_action(group, PERMISSIONS_CHANGED, data={"removed": [_describe(instance)]})
