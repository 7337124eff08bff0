"""Admin views: Wagtail's document views with filters by kind, language and year,
metadata columns, warnings about accessibility and text extraction, and a report of
PDFs that an accessibility statement has to name.

They are mounted in wagtail_hooks.py at the same admin paths as Wagtail's own views
(earlier in the URL list), so every link and `reverse()` in Wagtail reaches them.
"""

import datetime

from django.db.models import Q
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.admin import messages
from wagtail.admin.ui.tables import BooleanColumn, Column, DateColumn, LocaleColumn, TitleColumn
from wagtail.admin.views.reports import ReportView
from wagtail.documents import get_document_model
from wagtail.documents.forms import get_document_form
from wagtail.documents.views import chooser, documents, multiple
from wagtail.models import Locale
from wagtail.permissions import policy_registry
from wagtail.search.backends import get_search_backend

from documents.filters import DocumentChooserFilterMixin, DocumentMetadataFilterSet

# Search hits considered per kind of search in the admin listing.
MAX_HITS = 500


def add_document_warnings(request, document) -> None:
    """Tell the editor what is wrong with an uploaded PDF; nothing here blocks the upload."""
    problems = document.accessibility_problems
    if problems:
        messages.warning(
            request,
            _("Accessibility: the PDF '%(title)s' is %(problems)s. Fix the file and upload it again.")
            % {"title": document.title, "problems": ", ".join(problems)},
        )
    if document.extraction_error:
        messages.warning(
            request,
            _("The text of '%(title)s' could not be read for search: %(error)s")
            % {"title": document.title, "error": document.extraction_problem},
        )


def metadata_columns() -> list[Column]:
    return [
        Column("kind", label=gettext_lazy("Kind"), accessor="get_kind_display"),
        Column("language", label=gettext_lazy("Language of the file"), accessor="get_language_display"),
        DateColumn("document_date", label=gettext_lazy("Date"), sort_key="document_date"),
    ]


class IndexView(documents.IndexView):
    filterset_class = DocumentMetadataFilterSet

    @property
    def columns(self):
        columns = super().columns
        # After title and file: kind, language, date; and which language version it is.
        return columns[:3] + metadata_columns() + [LocaleColumn(sort_key=None)] + columns[3:]

    def get_base_queryset(self):
        # The PDF text can be long and the listing never shows it.
        return super().get_base_queryset().select_related("locale").defer("extracted_text")

    def search_queryset(self, queryset):
        # Wagtail's listing searches as-you-type on titles only; also find whole words
        # inside the PDFs' text, the reason the text is extracted.
        if not self.is_searching:
            return queryset
        backend = get_search_backend()
        keys = queryset.select_related(None).only("pk")
        ids = {doc.pk for doc in backend.autocomplete(self.search_query, keys)[:MAX_HITS]}
        ids |= {doc.pk for doc in backend.search(self.search_query, keys)[:MAX_HITS]}
        return queryset.filter(pk__in=ids)


class CreateView(documents.CreateView):
    def get_initial_form_instance(self):
        # Wagtail's create view does not set a locale on documents (they are not
        # translatable upstream); the admin's locale handling needs one, even on errors.
        instance = super().get_initial_form_instance()
        code = self.request.GET.get("locale")
        locale = Locale.objects.filter(language_code=code).first() if code else None
        instance.locale = locale or Locale.get_default()
        return instance

    def form_valid(self, form):
        response = super().form_valid(form)
        add_document_warnings(self.request, self.object)
        return response


class EditView(documents.EditView):
    def form_valid(self, form):
        response = super().form_valid(form)
        if "file" in form.changed_data:
            add_document_warnings(self.request, self.object)
        return response

    def get(self, request, *args, **kwargs):
        response = super().get(request, *args, **kwargs)
        if hasattr(response, "render"):
            add_document_warnings(request, self.object)
        return response


class MultipleAddView(multiple.AddView):
    edit_form_template_name = "documents/admin/multiple_edit_form.html"

    def get_upload_form_class(self):
        # The drag-and-drop upload posts only the file, title and collection: store the
        # document with default kind and language, then the editor sets them in the
        # form that follows (otherwise Wagtail parks the file as an UploadedFile first).
        return get_document_form(self.model, fields=("title", "file", "collection"))

    def get_edit_object_form_context_data(self):
        context = super().get_edit_object_form_context_data()
        context["accessibility_problems"] = self.object.accessibility_problems
        context["extraction_error"] = self.object.extraction_problem
        return context


class ChooserFilterFormMixin:
    def get_filter_form_class(self):
        return type("DocumentFilterForm", (DocumentChooserFilterMixin, super().get_filter_form_class()), {})

    @property
    def columns(self):
        return super().columns + metadata_columns()[:2]


class DocumentChooseView(ChooserFilterFormMixin, chooser.DocumentChooseView):
    pass


class DocumentChooseResultsView(ChooserFilterFormMixin, chooser.DocumentChooseResultsView):
    pass


class FilteredDocumentChooserViewSet(chooser.DocumentChooserViewSet):
    choose_view_class = DocumentChooseView
    choose_results_view_class = DocumentChooseResultsView


# Same name and URL prefix as Wagtail's chooser, so its reversed URLs are ours; only
# the two listing views are mounted from it (wagtail_hooks.py).
chooser_viewset = FilteredDocumentChooserViewSet(
    "wagtaildocs_chooser", model=chooser.get_document_model_string(), url_prefix="documents/chooser"
)


class InaccessibleDocumentsReportView(ReportView):
    """PDFs that are not tagged or have no title or language: the list an accessibility
    statement (saavutettavuusseloste) must name."""

    page_title = gettext_lazy("Inaccessible PDFs")
    header_icon = "doc-full-inverse"
    index_url_name = "documents_accessibility_report"
    index_results_url_name = "documents_accessibility_report_results"
    filterset_class = DocumentMetadataFilterSet
    list_export = [
        "title",
        "filename",
        "kind",
        "language",
        "document_date",
        "is_tagged",
        "has_title",
        "has_language",
    ]
    export_headings = {
        "filename": gettext_lazy("File"),
        "kind": gettext_lazy("Kind"),
        "language": gettext_lazy("Language of the file"),
        "document_date": gettext_lazy("Date"),
        "is_tagged": gettext_lazy("Tagged"),
        "has_title": gettext_lazy("Title"),
        "has_language": gettext_lazy("Language"),
    }

    any_permission_required = ["add", "change", "delete"]

    @cached_property
    def permission_policy(self):
        return policy_registry.get_by_type(get_document_model())

    def get_filename(self):
        return f"inaccessible-pdfs-{datetime.date.today():%Y-%m-%d}"

    @property
    def columns(self):
        return [
            TitleColumn(
                "title",
                label=gettext_lazy("Title"),
                get_url=lambda doc: self._edit_url(doc),
            ),
            *metadata_columns(),
            BooleanColumn("is_tagged", label=gettext_lazy("Tagged")),
            BooleanColumn("has_title", label=gettext_lazy("Title")),
            BooleanColumn("has_language", label=gettext_lazy("Language")),
        ]

    def _edit_url(self, doc):
        from django.urls import reverse

        return reverse("wagtaildocs:edit", args=[doc.pk])

    def get_queryset(self):
        policy = policy_registry.get_by_type(get_document_model())
        return (
            policy.instances_user_has_any_permission_for(self.request.user, ["change", "delete"])
            .filter(Q(is_tagged=False) | Q(has_title=False) | Q(has_language=False))
            .defer("extracted_text")
            .order_by("title", "pk")
        )
