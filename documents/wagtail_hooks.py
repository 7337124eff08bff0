from django.http import Http404
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.documents import get_document_model
from wagtail.permissions import policy_registry

from cms import visibility
from documents import admin_views


@hooks.register("register_admin_urls", order=-10)
def register_admin_urls():
    # New admin URLs only: those answering for Wagtail's own are in cms/upstream_overrides.py.
    return [
        path(
            "documents/<int:document_id>/retry-text/",
            admin_views.RetryTextView.as_view(),
            name="documents_retry_text",
        ),
        path(
            "documents/<int:document_id>/versions/<str:language_code>/add/",
            admin_views.AddVersionView.as_view(),
            name="documents_add_version",
        ),
        path(
            "reports/inaccessible-pdfs/",
            admin_views.InaccessibleDocumentsReportView.as_view(),
            name="documents_accessibility_report",
        ),
        path(
            "reports/inaccessible-pdfs/results/",
            admin_views.InaccessibleDocumentsReportView.as_view(results_only=True),
            name="documents_accessibility_report_results",
        ),
    ]


class InaccessibleDocumentsMenuItem(MenuItem):
    def is_shown(self, request):
        return policy_registry.get_by_type(get_document_model()).user_has_any_permission(
            request.user, ["add", "change", "delete"]
        )


@hooks.register("register_reports_menu_item")
def register_accessibility_report_menu_item():
    return InaccessibleDocumentsMenuItem(
        _("Inaccessible PDFs"),
        reverse("documents_accessibility_report"),
        name="inaccessible-pdfs",
        icon_name="doc-full-inverse",
        order=650,
    )


@hooks.register("before_serve_document", order=-10)
def refuse_restricted_and_draft_documents(document, request):
    """Anonymous visitors get 404 for a document the public may not see (cms/visibility.py:
    attached only to drafts, to restricted pages or to nothing; in a login- or group-restricted
    collection the visitor is not admitted to). A 404 rather than Wagtail's login redirect: the
    public must not learn that a private file exists. Password-restricted collections keep
    Wagtail's password form. Staff see drafts' attachments."""
    if visibility.document_access(document, request) == "hidden":
        raise Http404
    return None


@hooks.register("register_rich_text_features", order=100)  # after Wagtail's own, to replace it
def file_language_document_links(features) -> None:
    from documents.rich_text import FileLanguageDocumentLinkHandler

    features.register_link_type(FileLanguageDocumentLinkHandler)
