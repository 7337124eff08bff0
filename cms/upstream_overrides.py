"""Every place where a Wagtail or wagtail-localize URL is answered by a project view, in one list.

Where Wagtail offers a hook for a change the project uses it (`before_serve_page`,
`before_serve_document`, `construct_*`, `register_*` in the apps' wagtail_hooks.py). What is
left here has no hook that can do it: each entry says why. Each one is mounted at the same
path as the upstream URL, ahead of it, so Wagtail's own `reverse()` of the upstream name (in
its templates, JavaScript and redirects) leads to the project's view.

A Wagtail or wagtail-localize upgrade can move, rename or rewrite what is overridden here and
the project's view would be bypassed in silence. tests/test_upstream_overrides.py fails first:
for each entry it resolves `sample` in the project's URLs (the project's view must answer),
finds the upstream URL name at the same path behind it, checks that upstream URL still runs
`upstream_view`, and compares the signatures of that view (and of every method the project's
class overrides) with those recorded in `signatures`. After an upgrade, read the upstream
change, adapt the project's view, then record the new signatures.

Mounted from: cms/urls.py (`document_urls`, `page_urls`) and cms/wagtail_hooks.py (`admin_urls`,
through `register_admin_urls`, ahead of Wagtail's own). The page editor and its previews are
replaced through Wagtail 8's page viewsets instead (ProjectPageViewSet, cms/wagtail_hooks.py):
they are listed here only to be watched.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from django.urls import path, re_path


@dataclass(frozen=True)
class Override:
    # Where the pattern is mounted: "admin" (under admin/, by the register_admin_urls hook),
    # "documents" (under documents/), "pages" (under the language prefix, /fi/ …); or
    # "page_viewset": not a URL of ours but a view of Wagtail's page viewset, replaced through
    # Wagtail 8's official page viewsets (ProjectPageViewSet in cms/wagtail_hooks.py), listed here
    # because the project's class still extends Wagtail's and must follow its changes.
    mount: str
    route: str
    view: Callable[[], Callable]  # builds the project's view (imported late: apps load first)
    upstream_name: str  # the upstream URL name it answers for, namespaced
    upstream_view: str  # dotted path of the view that upstream URL runs
    sample: str  # a path the test resolves
    why: str
    name: str | None = None
    regex: bool = False
    # Wagtail 8 routes page URLs through its page viewset registry: the attribute of the default
    # page viewset (wagtail.admin.viewsets.pages.base_page_viewset) that holds upstream_view.
    upstream_viewset_attr: str = ""
    # inspect.signature of upstream_view, keyed "" for the view itself and by method name for
    # each method the project's class overrides (see the module docstring).
    signatures: dict[str, str] = field(default_factory=dict)

    def pattern(self):
        return (re_path if self.regex else path)(self.route, self.view(), name=self.name)


def _page_view(name: str):
    def build():
        from wagtail.admin.viewsets.pages import page_viewset_registry
        from wagtail.models import Page

        return page_viewset_registry.get_by_type(Page).get_view_by_name(name)

    return build


def _documents(name: str, **initkwargs):
    def build():
        from documents import admin_views

        return getattr(admin_views, name).as_view(**initkwargs)

    return build


def _chooser(attribute: str):
    def build():
        from documents import admin_views

        return getattr(admin_views.chooser_viewset, attribute)

    return build


def _translations(name: str, as_view: bool = True):
    def build():
        from translations import views

        view = getattr(views, name)
        return view.as_view() if as_view else view

    return build


def _serve_document():
    from documents import views

    return views.serve


def _serve_page():
    from cms import routing

    return routing.serve


STALE_SAVE = (
    "Official: Wagtail 8's page viewset (cms/wagtail_hooks.py). Refuses a save made from an older "
    "version (cms/security/editing.py), the check and the save in one transaction that locks the "
    "row first; before_edit_page runs inside the view and cannot hold a transaction around the save."
)
DOCUMENT_ADMIN = (
    "Wagtail's document admin is a module of function-mounted class views (wagtail.documents."
    "admin_urls) with no viewset setting or hook to swap them: language versions, kind, metadata "
    "columns and filters, locale on create, stale-save refusal (documents/admin_views.py)."
)
DOCUMENT_CHOOSER = (
    "The chooser's listing with the document kind and language filters and columns; Wagtail's "
    "chooser viewset is registered by Wagtail itself, and construct_document_chooser_queryset "
    "can filter the rows but add neither filters nor columns."
)

OVERRIDES: list[Override] = [
    Override(
        mount="page_viewset",
        route="",
        view=_page_view("edit"),
        upstream_name="wagtailadmin_pages:edit",
        upstream_view="wagtail.admin.views.pages.edit.EditView",
        upstream_viewset_attr="edit_view_class",
        sample="/admin/pages/1/edit/",
        signatures={
            "": "(**kwargs)",
            "dispatch": "(self, request, page_id, **kwargs)",
            "post": "(self, request, *args, **kwargs)",
        },
        why=STALE_SAVE,
    ),
    Override(
        mount="page_viewset",
        route="",
        view=_page_view("preview_on_edit"),
        upstream_name="wagtailadmin_pages:preview_on_edit",
        upstream_view="wagtail.admin.views.pages.preview.PreviewOnEditView",
        upstream_viewset_attr="preview_on_edit_view_class",
        sample="/admin/pages/1/edit/preview/",
        signatures={
            "": "(**kwargs)",
            "get": "(self, request, *args, **kwargs)",
        },
        why=(
            "Official: Wagtail 8's page viewset (cms/wagtail_hooks.py). Opens the headless front "
            "end with a preview token when one is configured (home/api/preview.py)."
        ),
    ),
    Override(
        mount="page_viewset",
        route="",
        view=_page_view("preview_on_add"),
        upstream_name="wagtailadmin_pages:preview_on_add",
        upstream_view="wagtail.admin.views.pages.preview.PreviewOnCreateView",
        upstream_viewset_attr="preview_on_add_view_class",
        sample="/admin/pages/add/home/homepage/1/preview/",
        signatures={
            "": "(**kwargs)",
            "get": "(self, request, *args, **kwargs)",
        },
        why="As preview_on_edit, for a page not yet created.",
    ),
    Override(
        mount="admin",
        route="documents/",
        view=_documents("IndexView"),
        name="documents_index",
        upstream_name="wagtaildocs:index",
        upstream_view="wagtail.documents.views.documents.IndexView",
        sample="/admin/documents/",
        signatures={
            "": "(**kwargs)",
            "filterset_class": "(data=None, queryset=None, *, request=None, prefix=None, is_searching=None)",
            "get_base_queryset": "(self)",
            "search_queryset": "(self, queryset)",
        },
        why=DOCUMENT_ADMIN,
    ),
    Override(
        mount="admin",
        route="documents/results/",
        view=_documents("IndexView", results_only=True),
        name="documents_index_results",
        upstream_name="wagtaildocs:index_results",
        upstream_view="wagtail.documents.views.documents.IndexView",
        sample="/admin/documents/results/",
        signatures={
            "": "(**kwargs)",
            "filterset_class": "(data=None, queryset=None, *, request=None, prefix=None, is_searching=None)",
            "get_base_queryset": "(self)",
            "search_queryset": "(self, queryset)",
        },
        why=DOCUMENT_ADMIN,
    ),
    Override(
        mount="admin",
        route="documents/add/",
        view=_documents("CreateView"),
        name="documents_add",
        upstream_name="wagtaildocs:add",
        upstream_view="wagtail.documents.views.documents.CreateView",
        sample="/admin/documents/add/",
        signatures={
            "": "(**kwargs)",
            "get_initial_form_instance": "(self)",
            "form_valid": "(self, form)",
        },
        why=DOCUMENT_ADMIN,
    ),
    Override(
        mount="admin",
        route="documents/edit/<int:document_id>/",
        view=_documents("EditView"),
        name="documents_edit",
        upstream_name="wagtaildocs:edit",
        upstream_view="wagtail.documents.views.documents.EditView",
        sample="/admin/documents/edit/1/",
        signatures={
            "": "(**kwargs)",
            "get_context_data": "(self, **kwargs)",
            "form_valid": "(self, form)",
            "get": "(self, request, *args, **kwargs)",
            "get_queryset": "(self)",
            "get_form_class": "(self)",
            "get_initial": "(self)",
            "post": "(self, request, *args, **kwargs)",
            "is_valid": "(self, form)",
            "form_invalid": "(self, form)",
        },
        why=DOCUMENT_ADMIN,
    ),
    Override(
        mount="admin",
        route="documents/multiple/add/",
        view=_documents("MultipleAddView"),
        name="documents_add_multiple",
        upstream_name="wagtaildocs:add_multiple",
        upstream_view="wagtail.documents.views.multiple.AddView",
        sample="/admin/documents/multiple/add/",
        signatures={
            "": "(**kwargs)",
            "get_upload_form_class": "(self)",
            "get_edit_object_form_context_data": "(self)",
        },
        why=DOCUMENT_ADMIN,
    ),
    Override(
        mount="admin",
        route="documents/chooser/",
        view=_chooser("choose_view"),
        name="documents_chooser_choose",
        upstream_name="wagtaildocs_chooser:choose",
        upstream_view="wagtail.documents.views.chooser.DocumentChooseView",
        sample="/admin/documents/chooser/",
        signatures={
            "": "(**kwargs)",
            "get_filter_form_class": "(self)",
            "columns": "property",
        },
        why=DOCUMENT_CHOOSER,
    ),
    Override(
        mount="admin",
        route="documents/chooser/results/",
        view=_chooser("choose_results_view"),
        name="documents_chooser_results",
        upstream_name="wagtaildocs_chooser:choose_results",
        upstream_view="wagtail.documents.views.chooser.DocumentChooseResultsView",
        sample="/admin/documents/chooser/results/",
        signatures={
            "": "(**kwargs)",
            "get_filter_form_class": "(self)",
            "columns": "property",
        },
        why=DOCUMENT_CHOOSER,
    ),
    Override(
        mount="admin",
        route="localize/update/<int:translation_source_id>/",
        view=_translations("SafeUpdateTranslationsView"),
        name="translations_update",
        upstream_name="wagtail_localize:update_translations",
        upstream_view="wagtail_localize.views.update_translations.UpdateTranslationsView",
        sample="/admin/localize/update/1/",
        signatures={
            "": "(**kwargs)",
            "form_valid": "(self, form)",
        },
        why=(
            "A sync that never publishes a half-translated page (translations/views.py); "
            "wagtail-localize has no hook around its update."
        ),
    ),
    Override(
        mount="admin",
        route="localize/translate/<int:translation_id>/pofile/upload/",
        view=_translations("upload_pofile", as_view=False),
        name="translations_upload_pofile",
        upstream_name="wagtail_localize:upload_pofile",
        upstream_view="wagtail_localize.views.edit_translation.upload_pofile",
        sample="/admin/localize/translate/1/pofile/upload/",
        signatures={
            "": "(request, translation_id)",
        },
        why=(
            "wagtail-localize's PO upload with a clear error and nothing saved for a bad file "
            "(translations/views.py); wagtail-localize has no hook around the upload."
        ),
    ),
    Override(
        mount="documents",
        route=r"^(\d+)/(.*)$",
        regex=True,
        view=_serve_document,
        name="wagtaildocs_serve",
        upstream_name="wagtaildocs_serve",
        upstream_view="wagtail.documents.views.serve.serve",
        sample="/documents/1/report.pdf",
        signatures={
            "": "(request, document_id, document_filename)",
        },
        why=(
            "How the file is sent (documents/views.py): streamed from whichever storage holds it, "
            "an inline PDF with its own CSP, never sniffed, a file name that keeps ä, ö and å, "
            "conditional requests. Who may see it stays in before_serve_document hooks "
            "(documents/wagtail_hooks.py), which this view runs as Wagtail's does; no hook "
            "changes how Wagtail sends the file."
        ),
    ),
    Override(
        mount="pages",
        route=r"^((?:[\w\-]+/)*)$",
        regex=True,
        view=_serve_page,
        name="wagtail_serve",
        upstream_name="wagtail_serve",
        upstream_view="wagtail.views.serve",
        sample="/fi/some-page/",
        signatures={
            "": "(request, path)",
        },
        why=(
            "Finds the page with fewer queries (cms/routing.py), then calls Wagtail's own serve; "
            "before_serve_page runs only after Wagtail's routing."
        ),
    ),
]


def _patterns(mount: str) -> list:
    return [override.pattern() for override in OVERRIDES if override.mount == mount]


def admin_urls() -> list:
    """For the register_admin_urls hook (cms/wagtail_hooks.py), ahead of Wagtail's own."""
    return _patterns("admin")


def document_urls() -> list:
    """For cms/urls.py under `documents/`: Wagtail's document URLs, with the serve view replaced."""
    from wagtail.documents import urls as wagtail_document_urls

    ours = _patterns("documents")
    replaced = {pattern.name for pattern in ours}
    kept = [p for p in wagtail_document_urls.urlpatterns if getattr(p, "name", None) not in replaced]
    return [*ours, *kept]


def page_urls() -> list:
    """For cms/urls.py under the language prefix: Wagtail's front-end URLs, page serving replaced."""
    from wagtail import urls as wagtail_urls

    ours = _patterns("pages")
    replaced = {pattern.name for pattern in ours}
    kept = [p for p in wagtail_urls.urlpatterns if getattr(p, "name", None) not in replaced]
    return [*kept, *ours]
