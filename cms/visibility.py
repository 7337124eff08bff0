"""May the public see this? The one rule, asked by every public surface.

Page serving, document serving, every API endpoint and the API search, the HTML search, the
sitemap and the feeds ask this module; none decides visibility on its own
(tests/security/test_visibility_rule_lives_here.py fails when one does). It imports no
domain app: models are reached through Wagtail's APIs and Django's app registry.

- **Pages**: live, and neither the page nor an ancestor has a view restriction (an alias is
  restricted by its source page's restrictions, as in Wagtail). Expired pages are not live.
- **Objects with draft state** (the board's meetings and events, any DraftStateMixin snippet):
  live. What a visitor sees of a live object is its live row, never a newer draft.
- **Objects without draft state** are public as saved.
- **Documents**: public only when its collection is outside every view restriction AND the
  live content of a public object refers to it (a StreamField block, rich text, a foreign
  key, a snippet: Wagtail's reference index, which is built from the saved rows, so from
  the live content, never from a draft's revision). A file attached only in a draft (of a
  new or a live object), only on a restricted page, or to nothing at all, is not public.
- **Images**: outside restricted collections.
- **People's contact fields**: a value is public only with the person's consent for that
  field (`<field>_public`) and while the person serves.

Every filter is SQL that runs inside the surface's own query (subqueries, no extra round
trip), so query counts stay flat; the page rule has two forms of the same condition: prefix
tests on the restricted paths read once per content version (`public_pages()`), and a
correlated subquery (`public_pages(memo=False)`) for SQL that is kept across versions (the
compiled site search).
"""

from __future__ import annotations

import functools
from functools import reduce
from operator import or_
from typing import Literal

from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.db.models import CharField, Exists, Model, OuterRef, Q, QuerySet
from django.db.models.functions import Cast, Length, Substr
from django.utils import timezone
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import (
    BaseViewRestriction,
    Collection,
    CollectionViewRestriction,
    DraftStateMixin,
    Page,
    PageViewRestriction,
    ReferenceIndex,
)

from cms.memo import per_version

# --- pages -------------------------------------------------------------------------------------


def _restriction_rows() -> list[tuple[int, str]]:
    """(restriction id, tree path) for every view restriction: on its page, and on each alias
    of that page (an alias is restricted by its source page's restrictions, as in Wagtail)."""
    rows = PageViewRestriction.objects.values_list(
        "pk", "page__path", "page__alias_of_id", "page__aliases__path"
    )
    paths = set()
    for pk, path, alias_of, alias_path in rows:
        if alias_of is not None:
            continue  # Wagtail checks an alias's source, never the alias's own restrictions
        paths.add((pk, path))
        if alias_path:
            paths.add((pk, alias_path))
    return sorted(paths)


def _restrictions() -> list[tuple[int, str]]:
    # Access configuration, a handful of rows: read once per process and content version
    # (every change to a restriction or a page bumps the version, cms/public_output.py).
    return per_version("view-restrictions", _restriction_rows)


def restricted_paths() -> list[str]:
    """The tree paths at and under which pages are restricted."""
    return sorted({path for _pk, path in _restrictions()})


def page_view_restrictions(page: Page) -> QuerySet:
    """The restrictions on `page` and its ancestors (Wagtail's `get_view_restrictions()`),
    usually without a query: a restriction applies when its path is a prefix of the page's."""
    applying = [pk for pk, path in _restrictions() if page.path.startswith(path)]
    if not applying:
        return PageViewRestriction.objects.none()
    return PageViewRestriction.objects.filter(pk__in=applying)


def _restricted_page_q(memo: bool) -> Q | None:
    if memo:
        paths = restricted_paths()
        return reduce(or_, (Q(path__startswith=path) for path in paths)) if paths else None
    # The same condition as SQL: a restriction on the page or an ancestor, or on the source
    # of an alias (restrictions on an alias itself do not count, as in Wagtail).
    restriction_above = PageViewRestriction.objects.filter(page__alias_of__isnull=True).filter(
        Q(page__path=Substr(OuterRef("path"), 1, Length("page__path")))
        | Q(page__aliases__path=Substr(OuterRef("path"), 1, Length("page__aliases__path")))
    )
    # As `pk__in`: the search backends take only field lookups as filters.
    return Q(pk__in=Page.objects.filter(Exists(restriction_above)).values("pk"))


def public_pages(model: type[Model] = Page, *, memo: bool = True) -> QuerySet:
    """Pages the public may see: live, outside every view restriction (never the tree root).

    The API and the sitemap never trust a session: a restricted page is not public to them
    even for a visitor who has entered its password. `memo=False` gives SQL that holds in
    every content version (for queries compiled once and kept).
    """
    queryset = model._default_manager.live().filter(depth__gt=1)
    restricted = _restricted_page_q(memo)
    return queryset.exclude(restricted) if restricted is not None else queryset


def published_pages(queryset: QuerySet | None = None) -> QuerySet:
    """Published pages, restricted or not: what navigation, language switches and links may
    point to (a restricted page's link leads to its login or password form, which Wagtail's
    serve view shows through `page_view_restrictions()`). Content itself is `public_pages()`."""
    return (Page.objects.all() if queryset is None else queryset).live()


def page_is_public(page: Page) -> bool:
    return bool(page.live) and page.depth > 1 and not any(page.path.startswith(p) for p in restricted_paths())


# --- objects with draft state (meetings, events) and the rest ----------------------------------


def has_draft_state(model: type[Model]) -> bool:
    return issubclass(model, DraftStateMixin)


def public_objects(model: type[Model], queryset: QuerySet | None = None) -> QuerySet:
    """The objects of `model` the public may see: pages as `public_pages()`; objects with draft
    state (meetings, events) when live (their live row: a newer draft is not shown); others all."""
    if issubclass(model, Page):
        pages = public_pages(model)
        return pages if queryset is None else queryset.filter(pk__in=pages.values("pk"))
    queryset = model._default_manager.all() if queryset is None else queryset
    if has_draft_state(model):
        queryset = queryset.filter(live=True)
    return queryset


def public_current_objects(model: type[Model], now=None) -> QuerySet:
    """Objects with draft state the public may see *now*: live, and within their schedule
    (Wagtail's go-live and expiry dates), even before scheduled publishing has taken an
    expired one down (the site-wide notification: its dates are its start and end)."""
    now = now or timezone.now()
    return public_objects(model).filter(
        Q(go_live_at__isnull=True) | Q(go_live_at__lte=now), Q(expire_at__isnull=True) | Q(expire_at__gt=now)
    )


def is_public(obj: Model) -> bool:
    """One object, by the same rule as `public_objects()`."""
    if isinstance(obj, Page):
        return page_is_public(obj)
    if isinstance(obj, DraftStateMixin):
        return bool(obj.live)
    return True


# --- collections, images and documents ---------------------------------------------------------


def restricted_collections() -> QuerySet:
    """Collections under a view restriction (on themselves or an ancestor), as a subquery."""
    restriction_above = CollectionViewRestriction.objects.filter(
        collection__path=Substr(OuterRef("path"), 1, Length("collection__path"))
    )
    return Collection.objects.filter(Exists(restriction_above)).values("pk")


def public_images() -> QuerySet:
    return get_image_model().objects.exclude(collection_id__in=restricted_collections())


@functools.cache
def _draft_state_models() -> tuple[type[Model], ...]:
    """Models with draft state other than pages (the board's meetings and events)."""
    return tuple(
        m
        for m in apps.get_models()
        if has_draft_state(m) and not issubclass(m, Page) and not m._meta.abstract
    )


def _public_referrer_q() -> Q:
    """Reference index rows whose referring object is public: the index holds what the saved
    rows refer to, and a live object's saved row is its live content (a draft lives in a
    revision, which the index does not read)."""
    page_ct = ContentType.objects.get_for_model(Page)
    public = Q(
        base_content_type_id=page_ct.pk,
        object_id__in=public_pages(memo=False).annotate(_pk=Cast("pk", CharField())).values("_pk"),
    )
    draft_cts = []
    for model in _draft_state_models():
        content_type = ContentType.objects.get_for_model(model)
        draft_cts.append(content_type.pk)
        live_ids = public_objects(model).annotate(_pk=Cast("pk", CharField())).values("_pk")
        public |= Q(content_type_id=content_type.pk, object_id__in=live_ids)
    public |= ~Q(base_content_type_id=page_ct.pk) & ~Q(content_type_id__in=draft_cts)
    return public


def public_documents(model: type[Model] | None = None) -> QuerySet:
    """Documents the public may open: outside restricted collections, and referred to by the
    live content of a public object. One query with the caller's, through subqueries."""
    model = model or get_document_model()
    referred = model._default_manager.filter(Exists(_references_to(model).filter(_public_referrer_q())))
    # As `pk__in` and `collection_id__in`: the search backends take only field lookups as filters.
    return model._default_manager.exclude(collection_id__in=restricted_collections()).filter(
        pk__in=referred.values("pk")
    )


def _references_to(model: type[Model]) -> QuerySet:
    """Reference index rows to the outer document, or to any language version of it: the
    Finnish and Swedish files of one document are one document (a meeting links the Finnish
    file; the Swedish page shows the Swedish one)."""
    references = ReferenceIndex.objects.filter(to_content_type=ContentType.objects.get_for_model(model))
    if any(field.name == "translation_key" for field in model._meta.concrete_fields):
        versions = model._default_manager.filter(translation_key=OuterRef(OuterRef("translation_key")))
        return references.filter(
            to_object_id__in=versions.annotate(_pk=Cast("pk", CharField())).values("_pk")
        )
    return references.filter(to_object_id=Cast(OuterRef("pk"), CharField()))


def document_is_public(document: Model) -> bool:
    return public_documents(type(document)).filter(pk=document.pk).exists()


def is_staff_viewer(user) -> bool:
    """Admin users see documents that the public does not (drafts' attachments)."""
    return bool(user and user.is_authenticated and user.has_perm("wagtailadmin.access_admin"))


DocumentAccess = Literal["public", "private", "hidden"]


def document_access(document: Model, request) -> DocumentAccess:
    """How `request` may have the document's file: "public" (anyone, cacheable), "private"
    (this viewer only: staff, or one who passed the collection's restriction) or "hidden" (404).

    A password-restricted collection is left to Wagtail's own password form (its
    `before_serve_document` hook); a login or group restriction the request fails is hidden,
    so that the public never learns that a private file exists.
    """
    cached = getattr(document, "_public_access", None)
    if cached is not None and cached[0] is request:
        return cached[1]
    if document_is_public(document):
        access: DocumentAccess = "public"
    elif is_staff_viewer(getattr(request, "user", None)):
        access = "private"
    else:
        referred = type(document)._default_manager.filter(pk=document.pk)
        referred = referred.filter(Exists(_references_to(type(document)).filter(_public_referrer_q())))
        access = "private" if referred.exists() else "hidden"
        if access == "private":
            for restriction in document.collection.get_view_restrictions():
                if restriction.restriction_type == BaseViewRestriction.PASSWORD:
                    continue
                if not restriction.accept_request(request):
                    access = "hidden"
                    break
    document._public_access = (request, access)
    return access


# --- people's contact fields -------------------------------------------------------------------


def public_contact(person: Model, field: str) -> str | None:
    """A person's contact field (`email`, `phone`) as the public may see it, or None: only with
    the person's consent to publish that field (`<field>_public`) and while the person serves
    (`is_serving`, board.models.people)."""
    value = getattr(person, field, "")
    if not value or not getattr(person, f"{field}_public", False):
        return None
    return value if person.is_serving else None
