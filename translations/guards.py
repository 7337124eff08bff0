"""Translators may change Swedish and English content only, never the Finnish originals.

Pages need nothing here: translators hold page permissions on the Swedish and English
subtrees only. Snippets and documents have model-wide permissions in Wagtail, so every admin
URL that changes one object (edit, delete, publish, unpublish, revert, lock, workflow actions)
is checked here against the object's locale: `before_*_snippet` and `before_bulk_action`
hooks (wagtail_hooks.py) and, for the URLs that have no hook (unpublish, revert, lock,
document edit and delete), `TranslatorLocaleGuardMiddleware`.
"""

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop
from wagtail.documents import get_document_model
from wagtail.models import TranslatableMixin

from cms.locales import source_locale
from translations.content import is_in_default_locale, translatable_snippet_models
from translations.roles import is_translator_only

SNIPPET_OBJECT_URLS = {
    "edit",
    "delete",
    "revisions_revert",
    "revisions_unschedule",
    "unpublish",
    "lock",
    "unlock",
    "workflow_action",
    "collect_workflow_action_data",
    "confirm_workflow_cancellation",
}
DOCUMENT_ID_KWARGS = ("document_id", "doc_id")


def _document_views() -> tuple[type, ...]:
    from wagtail.documents.views import documents, multiple

    return (documents.EditView, documents.DeleteView, multiple.EditView, multiple.DeleteView)


REFUSAL_MESSAGE = gettext_noop(
    "Translators cannot change Finnish originals. Open the Swedish or English translation instead."
)


def refuse(request: HttpRequest) -> HttpResponse:
    messages.error(request, _(REFUSAL_MESSAGE))
    return redirect("wagtailadmin_home")


def refuse_if_finnish(request: HttpRequest, objects) -> HttpResponse | None:
    if not is_translator_only(request.user):
        return None
    if any(isinstance(obj, TranslatableMixin) and is_in_default_locale(obj) for obj in objects):
        return refuse(request)
    return None


def refuse_finnish_create(request: HttpRequest, model) -> HttpResponse | None:
    """A new snippet without ?locale= is created in the default (Finnish) locale."""
    if not is_translator_only(request.user) or not issubclass(model, TranslatableMixin):
        return None
    code = request.GET.get("locale") or source_locale().language_code
    if code == source_locale().language_code:
        return refuse(request)
    return None


def _admin_prefix() -> str:
    from django.urls import reverse

    return reverse("wagtailadmin_home")


def _snippet_namespaces() -> dict:
    found = {}
    for model in translatable_snippet_models():
        viewset = getattr(model, "snippet_viewset", None)
        if viewset is not None:
            found[viewset.url_namespace] = model
    return found


class TranslatorLocaleGuardMiddleware:
    """Refuses translator-only users every admin URL that would change a Finnish original."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        # Public pages never touch the session (no Vary: Cookie, no query) because of this.
        if not request.path_info.startswith(_admin_prefix()):
            return None
        match = getattr(request, "resolver_match", None)
        if match is None or not is_translator_only(getattr(request, "user", None)):
            return None
        obj = self._target(match, view_kwargs)
        if obj is not None and is_in_default_locale(obj):
            return refuse(request)
        return None

    def _target(self, match, kwargs):
        # By view class, not URL name: the documents app serves its own subclasses of
        # Wagtail's document views at the same paths.
        view_class = getattr(match.func, "view_class", None)
        if view_class is not None and issubclass(view_class, _document_views()):
            model = get_document_model()
            pk = next((kwargs[name] for name in DOCUMENT_ID_KWARGS if name in kwargs), None)
            if pk is None or not issubclass(model, TranslatableMixin):
                return None
            return model.objects.filter(pk=pk).first()
        if match.url_name in SNIPPET_OBJECT_URLS:
            model = _snippet_namespaces().get(match.namespace)
            if model is not None and "pk" in kwargs:
                from django.contrib.admin.utils import unquote

                return model.objects.filter(pk=unquote(str(kwargs["pk"]))).first()
        return None
