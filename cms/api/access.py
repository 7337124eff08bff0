"""What an anonymous API caller may see: the only place the API decides visibility.

Pages: live, outside any view restriction. Documents and images: outside restricted
collections; a document that something refers to is public only when at least one of
its referrers is published (an agenda attached only to a draft meeting stays private).
"""

from __future__ import annotations

from functools import reduce
from operator import or_

from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.db.models import CharField, Exists, OuterRef, Q, QuerySet
from django.db.models.functions import Cast
from django.http import HttpRequest
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import CollectionViewRestriction, DraftStateMixin, Page, ReferenceIndex

from cms.pages import restricted_paths


def public_pages(request: HttpRequest, model: type = Page) -> QuerySet:
    """Live pages outside any view restriction (the API never trusts a session).

    The restricted paths are access configuration, read once per process and content
    version (cms/pages.py): with no restriction, no condition at all; else one prefix
    test per restricted subtree, aliases of restricted pages included.
    """
    queryset = model._default_manager.live().filter(depth__gt=1)
    paths = restricted_paths()
    if paths:
        queryset = queryset.exclude(reduce(or_, (Q(path__startswith=path) for path in paths)))
    return queryset


def _restricted_collections() -> QuerySet:
    # The API never trusts a session, so any collection restriction hides its files.
    return CollectionViewRestriction.objects.values("collection_id")


def public_images(request: HttpRequest) -> QuerySet:
    return get_image_model().objects.exclude(collection_id__in=_restricted_collections())


def _published_referrer_q() -> Q:
    """ReferenceIndex rows whose referring object is published (or has no draft state)."""
    draft_models = [m for m in apps.get_models() if issubclass(m, DraftStateMixin) and not m._meta.abstract]
    page_ct = ContentType.objects.get_for_model(Page)
    draft_cts = []
    published = Q()
    for model in draft_models:
        if issubclass(model, Page):
            continue
        ct = ContentType.objects.get_for_model(model)
        draft_cts.append(ct.pk)
        live_ids = (
            model._default_manager.filter(live=True).annotate(pk_str=Cast("pk", CharField())).values("pk_str")
        )
        published |= Q(content_type_id=ct.pk, object_id__in=live_ids)
    live_pages = Page.objects.filter(live=True).annotate(pk_str=Cast("pk", CharField())).values("pk_str")
    published |= Q(base_content_type_id=page_ct.pk, object_id__in=live_pages)
    published |= ~Q(base_content_type_id=page_ct.pk) & ~Q(content_type_id__in=draft_cts)
    return published


def public_documents(request: HttpRequest) -> QuerySet:
    Document = get_document_model()
    doc_ct = ContentType.objects.get_for_model(Document)
    references = ReferenceIndex.objects.filter(
        to_content_type=doc_ct, to_object_id=Cast(OuterRef("pk"), CharField())
    )
    return Document.objects.exclude(collection_id__in=_restricted_collections()).filter(
        ~Exists(references) | Exists(references.filter(_published_referrer_q()))
    )
