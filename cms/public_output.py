"""Which models change public output: the declaration that the content version follows.

A saved or deleted row of a model declared here as changing public output bumps the content
version (cms/cache.py) once its transaction commits; a row of any other model never does.
The declaration is opt-in and every installed model must have one (tests/perf/
test_content_version.py lists them all, and `manage.py check` warns about a missing one):

- each project app declares its own models in its AppConfig, as
  `public_output = {"Meeting": True, "WebhookDelivery": False, ...}` (model name: changes
  what visitors see, through any page, feed, sitemap, search or API answer);
- the models of the libraries (Wagtail, wagtail-localize, Django, taggit, axes...) are
  classified once, in `THIRD_PARTY` below.

Declare a model True when any public answer reads its rows; False for bookkeeping that no
public answer reads (previews, webhook deliveries, task results, logs, sessions, lockouts,
revisions: a draft reaches the public only when publishing saves the object itself). A model
left undeclared is treated as changing public output: a needless bump costs cache misses,
a missing one serves stale or private content.
"""

from __future__ import annotations

import functools

from django.apps import apps
from django.conf import settings
from django.core import checks

# Library models, by label. True: public answers read these rows.
THIRD_PARTY: dict[str, bool] = {
    # Wagtail's content and configuration: pages, sites, locales, restrictions, collections.
    "wagtailcore.Page": True,
    "wagtailcore.Site": True,
    "wagtailcore.Locale": True,
    "wagtailcore.PageViewRestriction": True,
    "wagtailcore.Collection": True,
    "wagtailcore.CollectionViewRestriction": True,
    # Which objects refer to a document decides whether the public may download it
    # (cms/visibility.py).
    "wagtailcore.ReferenceIndex": True,
    # Drafts, workflows, logs, comments, permissions and uploads in progress: the admin's.
    "wagtailcore.Revision": False,
    "wagtailcore.ModelLogEntry": False,
    "wagtailcore.PageLogEntry": False,
    "wagtailcore.Comment": False,
    "wagtailcore.CommentReply": False,
    "wagtailcore.PageSubscription": False,
    "wagtailcore.Workflow": False,
    "wagtailcore.WorkflowContentType": False,
    "wagtailcore.WorkflowPage": False,
    "wagtailcore.WorkflowTask": False,
    "wagtailcore.WorkflowState": False,
    "wagtailcore.Task": False,
    "wagtailcore.GroupApprovalTask": False,
    "wagtailcore.TaskState": False,
    "wagtailcore.GroupPagePermission": False,
    "wagtailcore.GroupCollectionPermission": False,
    "wagtailcore.GroupSitePermission": False,
    "wagtailcore.UploadedFile": False,
    "wagtailcore.APIToken": False,
    "wagtailadmin.Admin": False,
    "wagtailadmin.EditingSession": False,
    "wagtailadmin.FormState": False,
    "wagtailusers.UserProfile": False,
    # Documents and images shown or linked on public pages. Wagtail's own document model is
    # unused (WAGTAILDOCS_DOCUMENT_MODEL), but a row of it would be public.
    "wagtaildocs.Document": True,
    "wagtailimages.Image": True,
    # Written while rendering a page: the image or the content that asks for it bumps.
    "wagtailimages.Rendition": False,
    "wagtailembeds.Embed": False,
    # The search index answers the public search pages and the API search.
    "wagtailsearch.IndexEntry": True,
    "wagtailsearch.SQLiteFTSIndexEntry": True,
    "wagtailredirects.Redirect": True,
    "wagtailforms.FormSubmission": False,
    # wagtail-localize's translation records: a translation reaches the public when it is
    # published, which saves the translated page or snippet.
    "wagtail_localize.TranslatableObject": False,
    "wagtail_localize.TranslationSource": False,
    "wagtail_localize.Translation": False,
    "wagtail_localize.TranslationLog": False,
    "wagtail_localize.String": False,
    "wagtail_localize.TranslationContext": False,
    "wagtail_localize.StringTranslation": False,
    "wagtail_localize.Template": False,
    "wagtail_localize.SegmentOverride": False,
    "wagtail_localize.StringSegment": False,
    "wagtail_localize.TemplateSegment": False,
    "wagtail_localize.RelatedObjectSegment": False,
    "wagtail_localize.OverridableSegment": False,
    "wagtail_localize.LocaleSynchronization": False,
    # Tags are listed and filtered on.
    "taggit.Tag": True,
    "taggit.TaggedItem": True,
    # Accounts, sessions, lockouts, second factors, admin logs, queued tasks: never public.
    "auth.User": False,
    "auth.Group": False,
    "auth.Permission": False,
    "contenttypes.ContentType": False,
    "sessions.Session": False,
    "admin.LogEntry": False,
    "axes.AccessAttempt": False,
    "axes.AccessAttemptExpiration": False,
    "axes.AccessFailureLog": False,
    "axes.AccessLog": False,
    "otp_totp.TOTPDevice": False,
    "django_tasks_database.DBTaskResult": False,
}


# Fields of a live row that saving a draft, locking it or commenting on it updates (Wagtail's
# `save_revision`, lock and comment actions): a save of only these changes nothing public.
DRAFT_FIELDS = frozenset(
    {
        "latest_revision",
        "latest_revision_created_at",
        "draft_title",
        "has_unpublished_changes",
        getattr(settings, "WAGTAIL_COMMENTS_RELATION_NAME", "wagtail_admin_comments"),
        "locked",
        "locked_at",
        "locked_by",
    }
)

# Installed only on SQLite (modelsearch's full-text table).
SQLITE_ONLY = frozenset({"wagtailsearch.SQLiteFTSIndexEntry"})

# Models outside any installed app that still send model signals.
UNREGISTERED: dict[str, bool] = {
    # Django's migration recorder: a deployment bumps once, after `migrate` (cms/cache.py).
    "migrations.Migration": False,
}


def declared(model: type) -> bool | None:
    """The model's declaration: True, False, or None when it has none."""
    meta = model._meta
    own = getattr(apps.app_configs.get(meta.app_label), "public_output", None)
    if own is not None and meta.object_name in own:
        return bool(own[meta.object_name])
    return THIRD_PARTY.get(meta.label, UNREGISTERED.get(meta.label))


@functools.cache
def changes_public_output(model: type) -> bool:
    """Whether a change to a row of `model` may change public output (undeclared: yes)."""
    return declared(model) is not False


def classification() -> dict[str, bool | None]:
    """Every installed model's label and declaration (None: undeclared)."""
    return {model._meta.label: declared(model) for model in apps.get_models()}


def stale_declarations() -> list[str]:
    """Declarations naming a model that is not installed (a removed or renamed model)."""
    installed = {model._meta.label for model in apps.get_models()}
    stale = [label for label in THIRD_PARTY if label not in installed and label not in SQLITE_ONLY]
    for config in apps.get_app_configs():
        stale += [
            f"{config.label}.{name}"
            for name in getattr(config, "public_output", {})
            if f"{config.label}.{name}" not in installed
        ]
    return sorted(stale)


@checks.register()
def check_declarations(app_configs=None, **kwargs) -> list[checks.CheckMessage]:
    missing = sorted(label for label, value in classification().items() if value is None)
    return [
        checks.Warning(
            f"{label} does not declare whether it changes public output.",
            hint="Add it to its app's `public_output` (AppConfig) or to THIRD_PARTY in "
            "cms/public_output.py: True if any public answer reads its rows, else False.",
            obj=label,
            id="cms.W001",
        )
        for label in missing
    ]
