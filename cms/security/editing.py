"""The page editor refuses to overwrite a version saved after the editor opened the page.

Wagtail 8 checks the loaded revision only for autosave requests; its editing-session
ping warns in the browser but a plain form submit still saves over a newer revision.
Here a stale submit is refused with a message and the form is shown again with the
editor's text, so neither person's work is lost. A second submit (now based on the
latest revision) is a deliberate overwrite and goes through.
"""

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext as _
from wagtail.admin.auth import require_admin_access
from wagtail.admin.views.pages.edit import EditView


class ConflictSafeEditView(EditView):
    def post(self, request: HttpRequest, *args, **kwargs) -> HttpResponse:
        if self.page.alias_of_id or self.expects_json_response or not self.is_out_of_date:
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


edit_page = require_admin_access(ConflictSafeEditView.as_view())
