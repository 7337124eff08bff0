"""The page editor refuses to overwrite a version saved after the editor opened the page.

Wagtail 8 checks the loaded revision only for autosave requests; its editing-session
ping warns in the browser but a plain form submit still saves over a newer revision.
Here a stale submit is refused with a message and the form is shown again with the
editor's text, so neither person's work is lost. A second submit (now based on the
latest revision) is a deliberate overwrite and goes through.

Wagtail's autosave saves the editor's own draft in the background, and its browser code
keeps that revision's id to itself: the form still names the revision it was opened at.
The revisions a session autosaved are remembered in the session, so the editor's own
autosave never makes their next save (or the schedule dialog's) look stale.
"""

import json

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext as _
from wagtail.admin.auth import require_admin_access
from wagtail.admin.views.pages.edit import EditView

AUTOSAVED = "cms.security.autosaved_revisions"


class ConflictSafeEditView(EditView):
    def post(self, request: HttpRequest, *args, **kwargs) -> HttpResponse:
        if self.expects_json_response:
            response = super().post(request, *args, **kwargs)
            self._remember_autosave(response)
            return response
        if self.page.alias_of_id or not self.is_out_of_date or self._latest_is_own_autosave():
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
        response.status_code = 409
        return response

    def _remember_autosave(self, response: HttpResponse) -> None:
        if response.status_code != 200 or response.get("Content-Type") != "application/json":
            return
        revision_id = json.loads(response.content).get("revision_id")
        if revision_id:
            autosaved = self.request.session.get(AUTOSAVED, {})
            autosaved[str(self.page.pk)] = revision_id
            self.request.session[AUTOSAVED] = autosaved

    def _latest_is_own_autosave(self) -> bool:
        own = self.request.session.get(AUTOSAVED, {}).get(str(self.page.pk))
        return own is not None and self.latest_revision is not None and own == self.latest_revision.pk


edit_page = require_admin_access(ConflictSafeEditView.as_view())
