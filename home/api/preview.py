"""Headless preview: the admin's Preview opens the front end with a short-lived signed token.

Clicking Preview stores the draft exactly as the editor sees it (unsaved form data
included) as a `PreviewSnapshot` and redirects to `HEADLESS_PREVIEW_URL?token=…`. The
front end reads `/api/v3/preview/?token=…`, which answers that one draft and nothing
else; a token older than `HEADLESS_PREVIEW_MAX_AGE` seconds is refused with 401 and a
tampered one with 403. Without `HEADLESS_PREVIEW_URL` the preview renders on this site.
"""

from __future__ import annotations

from datetime import timedelta
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core import signing
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.utils import timezone
from django.utils.translation import gettext as _
from ninja import Query, Router, Schema
from pydantic import Field
from wagtail.admin.views.pages.preview import PreviewOnCreateView, PreviewOnEditView
from wagtail.models import Page

from cms.api.errors import ApiError, error_responses
from cms.models import PreviewSnapshot

SALT = "cms.api.preview"  # the module's old name: links signed before the move stay valid
router = Router(tags=["preview"])


def issue_token(obj, user=None) -> str:
    """Store `obj` (unsaved changes included) and return a signed token for it."""
    PreviewSnapshot.objects.filter(
        created_at__lt=timezone.now() - timedelta(seconds=settings.HEADLESS_PREVIEW_MAX_AGE)
    ).delete()
    snapshot = PreviewSnapshot.objects.create(
        content_type=ContentType.objects.get_for_model(obj, for_concrete_model=True),
        object_id=str(obj.pk or ""),
        data=obj.serializable_data(),
        created_by=user if getattr(user, "is_authenticated", False) else None,
    )
    return signing.TimestampSigner(salt=SALT).sign(str(snapshot.pk))


def read_token(token: str):
    """The previewed object for a valid token; ApiError 401 (expired) or 403 (invalid) otherwise."""
    signer = signing.TimestampSigner(salt=SALT)
    try:
        snapshot_id = signer.unsign(token, max_age=settings.HEADLESS_PREVIEW_MAX_AGE)
    except signing.SignatureExpired:
        raise ApiError(401, _("This preview link has expired. Click Preview in the editor again.")) from None
    except signing.BadSignature:
        raise ApiError(403, _("This preview link is not valid.")) from None
    snapshot = PreviewSnapshot.objects.select_related("content_type").filter(pk=snapshot_id).first()
    model = snapshot.content_type.model_class() if snapshot else None
    if model is None:
        raise ApiError(401, _("This preview link has expired. Click Preview in the editor again."))
    return model.from_serializable_data(snapshot.data, check_fks=False, strict_fks=False)


def frontend_url(token: str, obj) -> str:
    parts = urlsplit(settings.HEADLESS_PREVIEW_URL)
    query = parse_qsl(parts.query, keep_blank_values=True)
    query += [("token", token), ("type", obj._meta.label)]
    locale = getattr(obj, "locale", None)
    if locale is not None:
        query.append(("locale", locale.language_code))
    return urlunsplit(parts._replace(query=urlencode(query)))


class HeadlessPreviewMixin:
    """For Wagtail's page preview views: redirect to the front end when one is configured."""

    def get(self, request: HttpRequest, *args, **kwargs) -> HttpResponse:
        if not settings.HEADLESS_PREVIEW_URL:
            return super().get(request, *args, **kwargs)
        form_state = self._get_form_state()
        form = self.get_form(self._get_form_data(form_state))
        if not self.validate_form(form):
            return self.error_response()
        form.save(commit=False)
        token = issue_token(self.object, request.user)
        return HttpResponseRedirect(frontend_url(token, self.object))


class HeadlessPreviewOnEdit(HeadlessPreviewMixin, PreviewOnEditView):
    pass


class HeadlessPreviewOnCreate(HeadlessPreviewMixin, PreviewOnCreateView):
    pass


# The API side --------------------------------------------------------------------------------


class PreviewQuery(Schema):
    token: str = Field(max_length=500, description="The token from the preview link.")


def _preview_item_type():
    from home.api.pages import PageItem

    return PageItem


@router.get(
    "/",
    response={200: _preview_item_type(), **error_responses(400, 401, 403)},
    url_name="preview",
    summary="A draft, for the preview link's token only",
    operation_id="preview",
    description="Returns the page exactly as the editor previewed it, unsaved changes included. "
    "Answers 401 for an expired token and 403 for a tampered one. Never cached.",
)
def preview(request: HttpRequest, response: HttpResponse, query: PreviewQuery = Query(...)):  # noqa: B008
    from home.api.pages import render_pages

    response["Cache-Control"] = "private, no-store"
    obj = read_token(query.token)
    if not isinstance(obj, Page):
        raise ApiError(403, _("This preview link is not valid."))
    return render_pages(request, [obj])[0]
