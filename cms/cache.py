"""Content version: one token, shared by every process, that changes whenever public output may change.

Every cache of public output (the whole-response cache, ETags, the nginx proxy tier, the
per-version memos of cms/memo.py) is keyed on or purged by this token, so invalidation is
one write, whatever changed: a meeting edit refreshes the archive, the feed, the API list and
every page that shows it, without knowing which those are.

Which changes bump it is declared per model (cms/public_output.py): a saved or deleted row of
a model that changes public output bumps the version once its transaction commits, whatever
else the transaction did (one bump per publish: saving the draft before it updates only
draft fields of the live row, `DRAFT_FIELDS`, and bumps nothing); previews, webhook deliveries, task results,
logs, sessions and lockouts never do. Bumping too often only costs cache misses; missing a
bump would serve stale or private content.

Where the token lives (`CONTENT_VERSION_STORE`) is chosen so that every process sees the
same one, in any configuration:

- "cache": in the shared cache (Redis, `REDIS_URL`), read with the cached response in one
  round trip;
- "database": without a shared cache, in one row of `cms.ContentVersion`, read once per
  request (one primary-key query) and changed by the process that commits the change.

A cache in each process's memory can never hold it when more than one process serves:
production refuses that configuration (cms/settings/production.py).
"""

from __future__ import annotations

import logging
import threading
import time
import urllib.request
from dataclasses import dataclass
from datetime import timedelta

from django.apps import apps
from django.conf import settings
from django.core.cache import cache
from django.core.signals import setting_changed
from django.db import DEFAULT_DB_ALIAS, connections, transaction
from django.db.models.signals import m2m_changed, post_delete, post_migrate, post_save
from django.utils import timezone
from django_tasks import task
from django_tasks.signals import task_finished, task_started

from cms.public_output import DRAFT_FIELDS, changes_public_output

logger = logging.getLogger(__name__)

VERSION_KEY = "cms:content-version"
PURGE_KEYS_SET = "cms:proxy-cache-keys"
CACHE, DATABASE = "cache", "database"

# Background tasks that rebuild indexes public answers read (the reference index decides
# which documents are public, the search index answers searches). They write with bulk or
# raw SQL, without model signals; with the database task backend they run in the worker
# after the change that queued them was committed, so they bump once more when what they
# index changed (read before and after the task, `_index_state`).
REFERENCE_INDEX_TASK = "wagtail.tasks.update_reference_index_task"
SEARCH_INDEX_TASK = "modelsearch.tasks.insert_or_update_object_task"


@dataclass(frozen=True)
class ContentVersion:
    token: str
    changed_at: float  # seconds since the epoch, for Last-Modified

    @property
    def last_modified(self) -> int:
        return int(self.changed_at)


def _new_version() -> ContentVersion:
    now = time.time()
    # A time-based token never repeats an earlier one, even after the cache was flushed.
    return ContentVersion(token=f"{time.time_ns():x}", changed_at=now)


def store() -> str:
    """Where the version lives: CACHE or DATABASE (the `CONTENT_VERSION_STORE` setting)."""
    return settings.CONTENT_VERSION_STORE


# --- the version in the database (no shared cache) ------------------------------------------


def _read_row() -> ContentVersion:
    from cms.models import ContentVersion as Row

    row = Row.objects.filter(pk=1).values_list("token", "changed_at").first()
    if row is None:
        fresh = _new_version()
        # Conflicts ignored: when two processes start at once, both end up with one token.
        Row.objects.bulk_create(
            [Row(pk=1, token=fresh.token, changed_at=fresh.changed_at)], ignore_conflicts=True
        )
        row = Row.objects.filter(pk=1).values_list("token", "changed_at").first() or (
            fresh.token,
            fresh.changed_at,
        )
    return ContentVersion(token=row[0], changed_at=row[1])


def _write_row(version: ContentVersion) -> None:
    from cms.models import ContentVersion as Row

    values = {"token": version.token, "changed_at": version.changed_at}
    if not Row.objects.filter(pk=1).update(**values):
        Row.objects.bulk_create([Row(pk=1, **values)], ignore_conflicts=True)
        Row.objects.filter(pk=1).update(**values)


# --- reading and bumping ----------------------------------------------------------------------


def get_version() -> ContentVersion:
    """The current content version (one cache read, or one query without a shared cache)."""
    if store() == DATABASE:
        return _read_row()
    value = cache.get(VERSION_KEY)
    if value is None:
        fresh = _new_version()
        # add(): when two processes start at once, both end up with the same token.
        cache.add(VERSION_KEY, (fresh.token, fresh.changed_at), timeout=None)
        value = cache.get(VERSION_KEY) or (fresh.token, fresh.changed_at)
    token, changed_at = value
    return ContentVersion(token=token, changed_at=changed_at)


def get_version_and(key: str) -> tuple[ContentVersion, object]:
    """The content version and the cached value of `key` (one cache read with a shared cache)."""
    if store() == DATABASE:
        return _read_row(), cache.get(key)
    values = cache.get_many([VERSION_KEY, key])
    if VERSION_KEY not in values:
        return get_version(), None
    token, changed_at = values[VERSION_KEY]
    return ContentVersion(token=token, changed_at=changed_at), values.get(key)


def bump_now(reason: str = "") -> ContentVersion:
    """Change the version immediately and purge the proxy tier (through a task)."""
    version = _new_version()
    if store() == DATABASE:
        _write_row(version)
    else:
        cache.set(VERSION_KEY, (version.token, version.changed_at), timeout=None)
    logger.debug("content version bumped to %s (%s)", version.token, reason)
    if settings.FRONTEND_CACHE_PURGE_URLS:
        _enqueue_purge()
    return version


def _bump_after_commit() -> None:
    bump_now("commit")


# A background task's changes bump once, when it finishes: after everything it wrote (a
# document's fields and then its search index entry), not in between.
_tasks = threading.local()


def _bump_pending(using: str = DEFAULT_DB_ALIAS) -> bool:
    connection = connections[using]
    return connection.in_atomic_block and any(
        func is _bump_after_commit for _sids, func, _robust in connection.run_on_commit
    )


def bump(reason: str = "", using: str = DEFAULT_DB_ALIAS) -> None:
    """Bump the version once the current transaction commits (now in autocommit mode).

    Bumping before the commit would let a concurrent request render the old rows and cache
    them under the new token. Several changes in one transaction bump once.
    """
    if getattr(_tasks, "depth", 0):
        _tasks.changed = True
        return
    if not settings.CONTENT_VERSION_BUMP_ON_COMMIT:
        bump_now(reason)
        return
    if _bump_pending(using):
        return
    logger.debug("content version to be bumped on commit (%s)", reason)
    transaction.on_commit(_bump_after_commit, using=using)


def _index_state(task_result) -> object:
    """What an index task may change, read before and after it (None: not an index task, or
    its writes are covered by a bump already pending in this transaction)."""
    path = task_result.task.module_path
    if path not in (REFERENCE_INDEX_TASK, SEARCH_INDEX_TASK) or _bump_pending():
        return None
    if path == REFERENCE_INDEX_TASK:
        from django.db.models import Count, Max
        from wagtail.models import ReferenceIndex

        # The task may index the object's parent: the whole table's count and last id.
        return ReferenceIndex.objects.aggregate(rows=Count("pk"), last=Max("pk"))
    entries = apps.get_model("wagtailsearch", "IndexEntry").objects.filter(object_id=str(task_result.args[2]))
    return list(entries.order_by("pk").values_list("pk", "content_type_id", "title", "body", "autocomplete"))


def _on_task_started(sender, task_result, **kwargs) -> None:
    stack = getattr(_tasks, "stack", None)
    if stack is None:
        stack = _tasks.stack = []
    if not stack:
        _tasks.changed = False
    stack.append(_index_state(task_result))
    _tasks.depth = len(stack)


def _on_task_finished(sender, task_result, **kwargs) -> None:
    stack = getattr(_tasks, "stack", None)
    if not stack:
        return  # a task that failed before it started
    before = stack.pop()
    _tasks.depth = len(stack)
    if before is not None and _index_state(task_result) != before:
        _tasks.changed = True
    if not stack and _tasks.changed:
        _tasks.changed = False
        bump(f"task {task_result.task.module_path} changed public output")


def _is_historical(model: type) -> bool:
    # Data migrations save through historical models; `migrate` bumps once, when it is done.
    return model.__module__ == "__fake__"


def _on_model_change(sender: type, **kwargs) -> None:
    if kwargs.get("raw") or _is_historical(sender) or not changes_public_output(sender):
        return
    if kwargs.get("update_fields") and DRAFT_FIELDS.issuperset(kwargs["update_fields"]):
        return  # saving a draft, a lock or a comment: the live object is unchanged
    bump(f"{sender._meta.label} changed", using=kwargs.get("using") or DEFAULT_DB_ALIAS)


def _on_m2m_change(sender: type, instance, action: str, **kwargs) -> None:
    model = type(instance)
    if action.startswith("post_") and not _is_historical(model) and changes_public_output(model):
        bump(f"{model._meta.label} relations changed", using=kwargs.get("using") or DEFAULT_DB_ALIAS)


def _on_page_move(sender, instance=None, **kwargs) -> None:
    # Moves rewrite the url_path of the page's subtree with queryset updates (no post_save).
    # Publishing and unpublishing need no signal of their own: they save the object.
    bump(f"{type(instance).__name__} moved")


def _on_migrate(sender, **kwargs) -> None:
    # A deployment (new templates, new fields) changes output without any row changing.
    # Sent once per app after every migration ran: bump once, for this app.
    if sender.label == "cms" and kwargs.get("using", DEFAULT_DB_ALIAS) == DEFAULT_DB_ALIAS:
        try:
            bump_now("migrate")
        except Exception:
            logger.warning("could not bump the content version after migrate", exc_info=True)


def connect_signals() -> None:
    """Called from CmsConfig.ready()."""
    from wagtail import signals as wagtail_signals

    post_save.connect(_on_model_change, dispatch_uid="cms.cache.post_save")
    post_delete.connect(_on_model_change, dispatch_uid="cms.cache.post_delete")
    m2m_changed.connect(_on_m2m_change, dispatch_uid="cms.cache.m2m_changed")
    wagtail_signals.post_page_move.connect(_on_page_move, dispatch_uid="cms.cache.post_page_move")
    task_started.connect(_on_task_started, dispatch_uid="cms.cache.task_started")
    task_finished.connect(_on_task_finished, dispatch_uid="cms.cache.task_finished")
    post_migrate.connect(_on_migrate, dispatch_uid="cms.cache.post_migrate")
    setting_changed.connect(_reset_local_registry, dispatch_uid="cms.cache.setting_changed")


# --- proxy tier ---------------------------------------------------------------------------
# nginx (deploy/nginx.conf) tells the app its cache key in X-Proxy-Cache-Key. The app keeps
# the keys of every public response it gave out in a set in Redis; on a version bump a task
# purges each of them at every proxy (Debian's ngx_cache_purge 2.3 has no wildcard purge),
# so nothing the proxies hold outlives the version it was rendered for.

_local_keys: set[str] = set()
_local_lock = threading.Lock()


def _reset_local_registry(**kwargs) -> None:
    with _local_lock:
        _local_keys.clear()


def _redis_client():
    """The raw Redis client behind Django's RedisCache, or None for other backends."""
    inner = getattr(cache, "_cache", None)
    if inner is not None and hasattr(inner, "get_client") and hasattr(cache, "make_and_validate_key"):
        return inner.get_client(None, write=True)
    return None


def remember_proxy_key(key: str) -> None:
    """Record a proxy cache key, so that the next purge removes it."""
    if not settings.FRONTEND_CACHE_PURGE_URLS or not key or len(key) > 2000:
        return
    client = _redis_client()
    if client is not None:
        client.sadd(cache.make_and_validate_key(PURGE_KEYS_SET), key)
    else:
        with _local_lock:
            _local_keys.add(key)


def take_proxy_keys() -> list[str]:
    """All recorded keys, removing them from the registry atomically."""
    client = _redis_client()
    if client is not None:
        name = cache.make_and_validate_key(PURGE_KEYS_SET)
        pipe = client.pipeline(transaction=True)
        pipe.smembers(name)
        pipe.delete(name)
        members, _deleted = pipe.execute()
        return sorted(m.decode() if isinstance(m, bytes) else m for m in members)
    with _local_lock:
        keys = sorted(_local_keys)
        _local_keys.clear()
    return keys


def _purge_one(base_url: str, key: str, timeout: float) -> int:
    """Purge one cache key at one nginx (deploy/nginx.conf, location /_purge).

    200: purged; 404: that proxy did not hold it.
    """
    request = urllib.request.Request(  # noqa: S310 - only the configured proxies
        base_url.rstrip("/") + "/_purge", method="PURGE", headers={"X-Purge-Key": key}
    )
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:  # noqa: S310
            return response.status
    except urllib.error.HTTPError as error:
        return error.code


def purge_keys(keys: list[str]) -> dict[str, int]:
    """Send PURGE for each key to each configured proxy; returns counts by outcome."""
    outcome = {"purged": 0, "not_cached": 0, "failed": 0}
    for base_url in settings.FRONTEND_CACHE_PURGE_URLS:
        for key in keys:
            try:
                status = _purge_one(base_url, key, settings.FRONTEND_CACHE_PURGE_TIMEOUT)
            except OSError:
                logger.warning("PURGE %s at %s failed", key, base_url, exc_info=True)
                outcome["failed"] += 1
                continue
            if status == 200:
                outcome["purged"] += 1
            elif status == 404:
                outcome["not_cached"] += 1
            else:
                outcome["failed"] += 1
                logger.warning("PURGE %s at %s answered %s", key, base_url, status)
    return outcome


@task()
def purge_frontend_cache(keys: list[str] | None = None, again_after: float = 0) -> dict[str, int]:
    """Background task: purge the proxies of everything they may hold from older versions.

    `again_after` re-runs the purge for the same keys a little later: a response rendered
    just before the commit can reach the proxy just after the first purge.
    """
    if keys is None:
        keys = take_proxy_keys()
    outcome = purge_keys(keys)
    if again_after and keys:
        _enqueue(purge_frontend_cache, keys=keys, again_after=0, delay=again_after)
    return outcome


def _enqueue(the_task, delay: float = 0, **kwargs) -> None:
    from django_tasks import task_backends

    backend = task_backends[the_task.backend]
    if delay and backend.supports_defer:
        the_task = the_task.using(run_after=timezone.now() + timedelta(seconds=delay))
    elif delay:
        return  # the immediate backend cannot wait; the first purge already ran after commit
    the_task.enqueue(**kwargs)


def _enqueue_purge() -> None:
    try:
        _enqueue(purge_frontend_cache, keys=None, again_after=settings.FRONTEND_CACHE_PURGE_AGAIN_AFTER)
    except Exception:
        logger.exception("could not queue the proxy cache purge")


def registered_models() -> list[str]:
    """Labels of the models whose changes bump the version (for documentation and tests)."""
    return sorted(m._meta.label for m in apps.get_models() if changes_public_output(m))
