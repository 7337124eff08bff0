"""Wagtail hooks of the site as a whole."""

from django.utils.functional import cached_property
from wagtail import hooks
from wagtail.admin.viewsets.pages import PageViewSet
from wagtail.models import Page

from cms import upstream_overrides
from cms.security import editing
from home.api import preview


class ProjectPageViewSet(PageViewSet):
    """Wagtail's page views for every page type (Wagtail 8's page viewsets, its official way to
    change them), with the editor that refuses stale saves and the headless previews.

    Registered for Page, after Wagtail's default viewset (order=-1), so it replaces it for every
    page type that has no viewset of its own (none has)."""

    edit_view_class = editing.ConflictSafeEditView
    preview_on_edit_view_class = preview.HeadlessPreviewOnEdit
    preview_on_add_view_class = preview.HeadlessPreviewOnCreate

    @cached_property
    def edit_view(self):
        # The stale-save check and the save in one transaction (cms/security/editing.py).
        return editing.atomic_post(self.construct_view(self.edit_view_class))


@hooks.register("register_admin_viewset")
def register_page_viewset():
    return ProjectPageViewSet("project_pages", model=Page)


# order=-10: ahead of Wagtail's and wagtail-localize's own URLs at the same paths, so their URL
# names lead to the project's views (the document admin, localize's sync and PO upload).
@hooks.register("register_admin_urls", order=-10)
def register_upstream_overrides():
    return upstream_overrides.admin_urls()
