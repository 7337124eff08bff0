"""Admin views: Wagtail's document views with filters by kind, language and year,
metadata columns, warnings about accessibility and text extraction, and a report of
PDFs that an accessibility statement has to name.

They are mounted in wagtail_hooks.py at the same admin paths as Wagtail's own views
(earlier in the URL list), so every link and `reverse()` in Wagtail reaches them.
"""

import datetime

from django import forms
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Q
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import FormView, View
from wagtail.admin import messages
from wagtail.admin.ui.tables import BooleanColumn, Column, DateColumn, LocaleColumn, TitleColumn
from wagtail.admin.views.generic import WagtailAdminTemplateMixin
from wagtail.admin.views.reports import ReportView
from wagtail.documents import get_document_model
from wagtail.documents.fields import WagtailDocumentField
from wagtail.documents.forms import get_document_form
from wagtail.documents.views import chooser, documents, multiple
from wagtail.models import Locale
from wagtail.permissions import policy_registry
from wagtail.search import index as search_index
from wagtail.search.backends import get_search_backend

from cms.security.editing import StaleSaveRefusalMixin
from documents.filters import DocumentChooserFilterMixin, DocumentMetadataFilterSet
from documents.models import Language
from documents.validation import validate_pdf_upload

# Search hits considered per kind of search in the admin listing.
MAX_HITS = 500


def add_document_warnings(request, document) -> None:
    """Tell the editor what is wrong with an uploaded PDF; nothing here blocks the upload."""
    status = document.TextStatus
    if document.text_status == status.PENDING:
        messages.info(
            request,
            _("The text of '%(title)s' is being read in the background: search finds it when that is done.")
            % {"title": document.title},
        )
        return
    if document.text_status in (status.TOO_COMPLEX, status.FAILED):
        messages.warning(
            request,
            _("'%(title)s': %(status)s. The file is kept; you can try reading its text again.")
            % {"title": document.title, "status": document.get_text_status_display()},
        )
        return
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


def text_status_column() -> Column:
    return Column("text_status", label=gettext_lazy("Text"), accessor="get_text_status_display")


class IndexView(documents.IndexView):
    filterset_class = DocumentMetadataFilterSet

    @property
    def columns(self):
        columns = super().columns
        # After title and file: kind, language, date, whether the text was read; and
        # which language version it is.
        extra = [*metadata_columns(), text_status_column(), LocaleColumn(sort_key=None)]
        return columns[:3] + extra + columns[3:]

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


# Said per language: Finnish needs the adjective ("ruotsinkielinen versio").
ADD_VERSION_LABELS = {
    "sv": gettext_lazy("Add the Swedish version"),
    "en": gettext_lazy("Add the English version"),
}


def language_name(locale: Locale) -> str:
    """The language in the reader's language ("ruotsi"), as the file language choices say it."""
    try:
        return str(Language(locale.language_code).label)
    except ValueError:
        return locale.get_display_name()


def language_versions(document, user) -> dict:
    """The document's versions in every language, and the languages it can be added in:
    what its edit page shows so that the versions are found from one another."""
    source = document.get_translation_or_none(Locale.get_default()) or document
    versions = {doc.locale_id: doc for doc in source.get_translations(inclusive=True)}
    policy = policy_registry.get_by_type(type(document))
    can_add = policy.user_has_permission_for_instance(user, "change", source)
    shown, missing = [], []
    for locale in Locale.objects.order_by("pk"):
        version = versions.get(locale.pk)
        if version is not None:
            shown.append(
                {
                    "language": language_name(locale),
                    "title": version.title,
                    "is_current": version.pk == document.pk,
                    "is_source": version.pk == source.pk,
                    "edit_url": reverse("wagtaildocs:edit", args=[version.pk]),
                }
            )
        elif can_add:
            label = ADD_VERSION_LABELS.get(locale.language_code) or _("Add a version in %(language)s") % {
                "language": language_name(locale)
            }
            url = reverse("documents_add_version", args=[source.pk, locale.language_code])
            missing.append({"label": label, "url": url})
    return {"language_versions": shown, "versions_to_add": missing}


class EditView(StaleSaveRefusalMixin, documents.EditView):
    # Refuses a save made from an older version (cms/security/editing.py).
    template_name = "documents/admin/edit.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(language_versions(self.object, self.request.user))
        context["can_retry_text"] = self.object.text_status in RETRYABLE
        return context

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


# Text statuses from which staff may queue the reading again.
RETRYABLE = (get_document_model().TextStatus.TOO_COMPLEX, get_document_model().TextStatus.FAILED)


class RetryTextView(View):
    """Queue the reading of a document's text again (after it ran over the limits or failed)."""

    http_method_names = ["post"]

    def post(self, request, document_id: int):
        from documents.extraction import queue_extraction

        model = get_document_model()
        document = get_object_or_404(model, pk=document_id)
        policy = policy_registry.get_by_type(model)
        if not policy.user_has_permission_for_instance(request.user, "change", document):
            raise PermissionDenied
        if document.text_status in RETRYABLE:
            queue_extraction(document)
            messages.success(
                request, _("The text of '%(title)s' will be read again.") % {"title": document.title}
            )
        return redirect("wagtaildocs:edit", document.pk)


class VersionForm(forms.Form):
    title = forms.CharField(label=gettext_lazy("Title"), max_length=255)
    file = WagtailDocumentField(label=gettext_lazy("File"))

    def clean_file(self):
        file = self.cleaned_data["file"]
        validate_pdf_upload(file)
        return file


class AddVersionView(WagtailAdminTemplateMixin, FormView):
    """A language version of a Finnish document: its own title and its own PDF, linked to
    the original through wagtail-localize (the same translation_key), so every page and
    meeting that links the original links this version in that language.

    The title is stored as wagtail-localize's translation of the original's title, so a
    later change of the original keeps it and the translation status counts it."""

    form_class = VersionForm
    template_name = "wagtailadmin/generic/form.html"
    header_icon = "doc-full-inverse"

    def dispatch(self, request, document_id: int, language_code: str):
        model = get_document_model()
        self.source = get_object_or_404(model, pk=document_id, locale=Locale.get_default())
        others = Locale.objects.exclude(pk=self.source.locale_id)
        self.locale = get_object_or_404(others, language_code=language_code)
        policy = policy_registry.get_by_type(model)
        if not policy.user_has_permission_for_instance(request.user, "change", self.source):
            raise PermissionDenied
        existing = self.source.get_translation_or_none(self.locale)
        if existing is not None:
            return redirect("wagtaildocs:edit", existing.pk)
        return super().dispatch(request, document_id=document_id, language_code=language_code)

    def get_page_title(self):
        return ADD_VERSION_LABELS.get(self.locale.language_code) or _("Add a version in %(language)s") % {
            "language": language_name(self.locale)
        }

    def get_page_subtitle(self):
        return self.source.title

    def get_breadcrumbs_items(self):
        return [
            {"url": reverse("wagtailadmin_home"), "label": _("Home")},
            {"url": reverse("wagtaildocs:index"), "label": _("Documents")},
            {"url": reverse("wagtaildocs:edit", args=[self.source.pk]), "label": self.source.title},
            {"url": "", "label": self.get_page_title()},
        ]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            {
                "action_url": self.request.get_full_path(),
                "submit_button_label": _("Save"),
                "submit_button_active_label": _("Saving…"),
                "media": context["form"].media,
            }
        )
        return context

    def form_valid(self, form):
        from cms.localize_programmatic import translate_object

        title = form.cleaned_data["title"]
        with transaction.atomic():
            version = translate_object(
                self.source, self.locale.language_code, {self.source.title: title}, user=self.request.user
            )
            # The copy of the original's file that wagtail-localize made gives way to the upload.
            copied = version.file.name
            version.file = form.cleaned_data["file"]
            version.language = self.locale.language_code
            version._set_document_file_metadata()
            version.save()
        version.file.storage.delete(copied)
        search_index.insert_or_update_object(version)
        messages.success(
            self.request,
            _("The %(language)s version '%(title)s' was added.")
            % {"language": language_name(self.locale), "title": version.title},
            buttons=[messages.button(reverse("wagtaildocs:edit", args=[version.pk]), _("Edit"))],
        )
        add_document_warnings(self.request, version)
        return redirect("wagtaildocs:edit", self.source.pk)


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
            # Known only once the file has been read.
            .filter(text_status=get_document_model().TextStatus.DONE)
            .defer("extracted_text")
            .order_by("title", "pk")
        )
