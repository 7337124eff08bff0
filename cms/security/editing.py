"""Editors never overwrite a version saved after they opened it: pages, every snippet, documents.

Wagtail 8 checks the loaded revision only for autosave requests; its editing-session
ping warns in the browser but a plain form submit still saves over a newer revision.
Here a stale submit is refused (409) with a message and the form is shown again with the
editor's text, so neither person's work is lost. A second submit (now based on the
latest version) is a deliberate overwrite and goes through.

What "the version the editor opened" is:
- models with revisions (pages, meetings, events): Wagtail's own `loaded_revision_id` and
  `loaded_revision_created_at` inputs and its `is_out_of_date` rule;
- models without revisions (people, memberships, seats, terms, roles, organisations, the
  footer, documents), and snippets opened before their first revision: a hidden
  `loaded_version` field holding `fingerprint()` of the object's editable fields and
  latest revision as they were stored when the form was drawn.
A form that sends neither (not one drawn by the admin) is not checked.

The check and the save are one critical section: every POST to these views runs in one
transaction that first locks the object's row (`SELECT ... FOR UPDATE` on PostgreSQL;
SQLite serialises writers anyway), so of many parallel submits from the same version
exactly one is saved and the others see its version and are refused.

Wagtail's autosave saves the editor's own draft in the background, and its browser code
keeps that revision's id to itself: the form still names the revision it was opened at.
The revisions a session autosaved are remembered in the session, so the editor's own
autosave never makes their next save (or the schedule dialog's) look stale.
"""

import functools
import hashlib
import json

from django import forms
from django.contrib import messages
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext as _
from wagtail.admin.views.pages.edit import EditView
from wagtail.log_actions import registry as log_registry
from wagtail.models import Page

AUTOSAVED = "cms.security.autosaved_revisions"
# The hidden field of a form without revisions: the fingerprint of the version it shows.
VERSION_FIELD = "loaded_version"
CONFLICT = 409


def fingerprint(instance) -> str:
    """The stored version of an object without revisions: a hash of every field an editor
    can change (many-to-many and tags included), so any saved change gives a new value."""
    values = {}
    for field in instance._meta.get_fields():
        if not getattr(field, "editable", False) or (field.auto_created and not field.concrete):
            continue
        if field.many_to_many:
            related = field.value_from_object(instance)
            values[field.name] = sorted(str(getattr(item, "pk", item)) for item in related)
        elif field.concrete:
            values[field.name] = field.value_to_string(instance)
    # A draft saved as a revision changes no field of the row, only its latest revision.
    values["latest_revision"] = getattr(instance, "latest_revision_id", None)
    digest = hashlib.sha256(json.dumps(values, sort_keys=True, default=str).encode())
    return digest.hexdigest()[:40]


def refusal_message(user) -> str:
    who = user.get_username() if user else _("someone else")
    return _(
        "%(user)s saved this after you opened it, so your changes were not saved. "
        "Your text is still in the form: compare it with the saved version in the history, "
        "then save again to replace it with yours."
    ) % {"user": who}


def atomic_post(view):
    """Runs a POST to `view` in one transaction, so the row lock taken when the view loads
    its object is held until the save is committed."""

    @functools.wraps(view)
    def wrapper(request, *args, **kwargs):
        if request.method != "POST":
            return view(request, *args, **kwargs)
        with transaction.atomic():
            return view(request, *args, **kwargs)

    return wrapper


def _remember_autosave(request: HttpRequest, key: str, response: HttpResponse) -> None:
    if response.status_code != 200 or response.get("Content-Type") != "application/json":
        return
    revision_id = json.loads(response.content).get("revision_id")
    if revision_id:
        autosaved = request.session.get(AUTOSAVED, {})
        autosaved[key] = revision_id
        request.session[AUTOSAVED] = autosaved


def _is_own_autosave(request: HttpRequest, key: str, latest_revision) -> bool:
    own = request.session.get(AUTOSAVED, {}).get(key)
    return own is not None and latest_revision is not None and own == latest_revision.pk


class StaleSaveRefusalMixin:
    """For Wagtail's generic edit views: every snippet's (translations.admin_strings.
    TranslatedSnippetViewSet) and the documents' (documents.admin_views.EditView)."""

    @classmethod
    def as_view(cls, **initkwargs):
        return atomic_post(super().as_view(**initkwargs))

    @property
    def has_revisions(self) -> bool:
        return bool(getattr(self, "revision_enabled", False))

    def get_queryset(self):
        queryset = super().get_queryset()
        if self.request.method == "POST":
            # Held until the transaction of atomic_post ends: check and save are one step.
            return queryset.select_for_update(of=("self",))
        return queryset

    def get_form_class(self):
        form_class = super().get_form_class()
        token = forms.CharField(required=False, widget=forms.HiddenInput)
        return type(form_class.__name__, (form_class,), {VERSION_FIELD: token})

    def get_initial(self):
        initial = super().get_initial()
        if getattr(self, "object", None) is not None:
            initial[VERSION_FIELD] = fingerprint(self.object)
        return initial

    @property
    def _autosave_key(self) -> str:
        return f"{self.model._meta.label_lower}:{self.object.pk}"

    def post(self, request, *args, **kwargs):
        if not hasattr(self, "object"):
            self.object = self.get_object()
        # Read before the form writes the submitted values into the object.
        self.stored_version = fingerprint(self.object)
        response = super().post(request, *args, **kwargs)
        if self.expects_json_response and self.has_revisions:
            _remember_autosave(request, self._autosave_key, response)
        return response

    def saved_since_loaded(self) -> bool:
        post = self.request.POST
        if self.has_revisions:
            if not self.expects_json_response and _is_own_autosave(
                self.request, self._autosave_key, self.latest_revision
            ):
                return False
            if post.get("overwrite_revision_id") or post.get("loaded_revision_id"):
                return self.is_out_of_date  # Wagtail's rule
            # Opened before the object had any revision (Wagtail then sends no revision id).
        loaded = post.get(VERSION_FIELD)
        return bool(loaded) and loaded != self.stored_version

    def last_saved_by(self):
        if self.has_revisions:
            return self.latest_revision.user if self.latest_revision else None
        entry = log_registry.get_logs_for_instance(self.object).first()
        return entry.user if entry else None

    def is_valid(self, form):
        if not self.saved_since_loaded():
            return super().is_valid(form)
        if self.expects_json_response:
            # An autosave: answered as Wagtail answers a stale one, which its editor shows.
            self.produced_error_code = "invalid_revision"
            self.produced_error_message = _("Saving will overwrite a newer version.")
            return False
        self.refused_as_stale = True
        form.is_valid()  # the form is shown again with the editor's text (and any errors)
        # The form shown again is based on the version now stored: saving it again
        # deliberately replaces that version.
        form.data = form.data.copy()
        form.data[form.add_prefix(VERSION_FIELD)] = self.stored_version
        self.produced_error_code = "stale"
        self.produced_error_message = refusal_message(self.last_saved_by())
        return False

    def form_invalid(self, form):
        response = super().form_invalid(form)
        if getattr(self, "refused_as_stale", False):
            response.status_code = CONFLICT
        return response


class ConflictSafeEditView(EditView):
    def dispatch(self, request: HttpRequest, page_id, **kwargs) -> HttpResponse:
        if request.method == "POST":
            # Held until the transaction of atomic_post ends: check and save are one step.
            list(Page.objects.select_for_update().filter(pk=page_id).values_list("pk", flat=True))
        return super().dispatch(request, page_id, **kwargs)

    def post(self, request: HttpRequest, *args, **kwargs) -> HttpResponse:
        key = str(self.page.pk)
        if self.expects_json_response:
            response = super().post(request, *args, **kwargs)
            _remember_autosave(request, key, response)
            return response
        if (
            self.page.alias_of_id
            or not self.is_out_of_date
            or _is_own_autosave(request, key, self.latest_revision)
        ):
            return super().post(request, *args, **kwargs)
        self.form = self.form_class(
            request.POST,
            request.FILES,
            instance=self.page,
            subscription=self.subscription,
            parent_page=self.parent,
            for_user=request.user,
        )
        self.form.is_valid()
        latest = self.latest_revision
        who = latest.user.get_username() if latest and latest.user else _("someone else")
        messages.error(
            request,
            _(
                "%(user)s saved this page after you opened it, so your changes were not saved. "
                "Your text is still in the form: check the latest version in the page history, "
                "then save again to replace it with yours."
            )
            % {"user": who},
        )
        self.errors_debug = ""
        self.has_unsaved_changes = True
        response = self.render_to_response(self.get_context_data())
        response.status_code = CONFLICT
        return response
