"""Pages: complete items in every language, with Finnish fallback, and path resolution."""

from __future__ import annotations

import datetime
from functools import cache
from typing import Annotated, Any, Literal, Union

from django.contrib.contenttypes.models import ContentType
from django.db import connection, models
from django.db.models import Subquery
from django.db.models.expressions import RawSQL
from django.http import Http404, HttpRequest
from django.utils import translation
from django.utils.translation import gettext as _
from ninja import Query, Router, Schema
from pydantic import Discriminator, Field, Tag, create_model
from wagtail.api import APIField
from wagtail.api.conf import get_model_field
from wagtail.documents import get_document_model
from wagtail.fields import RichTextField, StreamField
from wagtail.images import get_image_model
from wagtail.models import Page, Site, get_page_models

from cms import visibility
from cms.absolute_urls import page_url
from cms.api.common import (
    Id,
    LocaleQuery,
    OptionalLocaleQuery,
    Pagination,
    api_url,
    envelope,
    paginate,
    paginated,
)
from cms.api.errors import error_responses
from cms.api.i18n import Translation, get_locale, localize, translations_by_key
from cms.locales import locales_by_id
from home.api import blocks
from home.api.refs import DocumentLink, ImageRef, PageLink, Refs

router = Router(tags=["pages"])
resolve_router = Router(tags=["pages"])


class PageMeta(Schema):
    type: str = Field(description="Page type, e.g. `home.HomePage`.")
    locale: str = Field(description="Language of this version.")
    slug: str
    html_url: str | None = Field(description="Absolute public address.")
    detail_url: str | None = Field(
        description="Absolute API address of this page (null in a preview of a new page)."
    )
    parent_id: int | None = Field(description="Id of the parent page (null for a site root).")
    first_published_at: datetime.datetime | None
    last_published_at: datetime.datetime | None
    seo_title: str
    search_description: str


class PageBase(Schema):
    id: int
    title: str
    fallback: bool = Field(
        description="True when the page is not translated into the requested locale and "
        "this is the Finnish version instead."
    )
    translations: list[Translation] = Field(description="The other published language versions.")


# Field types of `api_fields` ---------------------------------------------------------------

_PLAIN_TYPES: list[tuple[type, Any]] = [
    (models.BooleanField, bool),
    (models.DateTimeField, datetime.datetime),
    (models.DateField, datetime.date),
    (models.TimeField, datetime.time),
    (models.IntegerField, int),
    (models.FloatField, float),
    (models.DecimalField, float),
]


def _field_spec(model: type, name: str) -> tuple[str, Any]:
    """(kind, type) of one api_field; kind tells render() how to produce the value."""
    try:
        field = get_model_field(model, name)
    except Exception:  # a property or method, not a model field  # noqa: BLE001
        return "attr", Any
    if isinstance(field, StreamField):
        return "stream", blocks.stream_type(field.stream_block)
    if isinstance(field, RichTextField):
        return "richtext", Annotated[str, Field(description="HTML with absolute links.")]
    if isinstance(field, models.ForeignKey):
        related = field.related_model
        if issubclass(related, get_document_model()):
            return "document", DocumentLink | None
        if issubclass(related, get_image_model()):
            return "image", ImageRef | None
        if issubclass(related, Page):
            return "page", PageLink | None
        return "fk", int | None
    if not isinstance(field, models.Field):
        return "skip", None
    for field_class, python_type in _PLAIN_TYPES:
        if isinstance(field, field_class):
            return "plain", python_type | None if field.null else python_type
    return "plain", str | None if field.null else str


def _api_field_names(model: type) -> list[str]:
    """`api_fields` when the model declares them, else every content field it adds to Page."""
    declared = [field.name for field in APIField.get_fields_for_model(model)]
    if declared:
        return declared
    page_fields = {field.name for field in Page._meta.get_fields()}
    return [
        field.name
        for field in model._meta.get_fields()
        if field.concrete and not field.auto_created and field.name not in page_fields
    ]


SPECS: dict[type, dict[str, tuple[str, Any]]] = {}
SCHEMAS: dict[type, type] = {}

for _model in get_page_models():
    if _model is Page:
        continue
    specs = {name: _field_spec(_model, name) for name in _api_field_names(_model)}
    specs = {name: spec for name, spec in specs.items() if spec[0] != "skip"}
    SPECS[_model] = specs
    label = _model._meta.label
    meta = create_model(f"{_model.__name__}Meta", __base__=PageMeta, type=(Literal[label], ...))  # type: ignore[valid-type]
    fields: dict[str, Any] = {"meta": (meta, ...)}
    for name, (_kind, python_type) in specs.items():
        fields[name] = (python_type, ...)
    SCHEMAS[_model] = create_model(
        f"{_model.__name__}Item",
        __base__=PageBase,
        __doc__=blocks.english(_model._meta.verbose_name).capitalize(),
        **fields,
    )


def _page_type(value: Any) -> str | None:
    meta = value.get("meta") if isinstance(value, dict) else getattr(value, "meta", None)
    if isinstance(meta, dict):
        return meta.get("type")
    return getattr(meta, "type", None)


if len(SCHEMAS) == 1:
    PageItem: Any = next(iter(SCHEMAS.values()))
else:
    PageItem = Annotated[
        Union[tuple(Annotated[schema, Tag(model._meta.label)] for model, schema in SCHEMAS.items())],  # noqa: UP007
        Discriminator(_page_type),
        Field(description="A page; its fields depend on `meta.type`."),
    ]
PageList = paginated(PageItem, "PageList")
PAGE_TYPES = tuple(model._meta.label for model in SCHEMAS)
PageTypeLabel = Literal[PAGE_TYPES]  # type: ignore[valid-type]


# Rendering -------------------------------------------------------------------------------


def _collect(page: Page, refs: Refs) -> None:
    refs.locale_id = page.locale_id  # links lead to pages in the page's language (cms/links.py)
    for name, (kind, _type) in SPECS.get(type(page), {}).items():
        if kind == "stream":
            field = page._meta.get_field(name)
            blocks.collect(field.stream_block, getattr(page, name).raw_data, refs)
        elif kind == "richtext":
            refs.want_rich_text(getattr(page, name))
        elif kind in ("document", "image", "page"):
            refs.want(kind, getattr(page, f"{name}_id"))


def _render(page: Page, refs: Refs, translations: list[Page], request: HttpRequest) -> dict:
    refs.locale_id = page.locale_id
    data: dict[str, Any] = {
        "id": page.pk,
        "title": page.title,
        "fallback": bool(getattr(page, "api_fallback", False)),
        "translations": [
            {
                "locale": other.locale.language_code,
                "id": other.pk,
                "url": page_url(other, request),
                "detail_url": api_url(request, "detail_page", page_id=other.pk),
            }
            for other in translations
            if other.pk != page.pk
        ],
        "meta": {
            "type": page._meta.label,
            "locale": page.locale.language_code,
            "slug": page.slug,
            "html_url": page_url(page, request),
            "detail_url": api_url(request, "detail_page", page_id=page.pk) if page.pk else None,
            "parent_id": _parent_id(page),
            "first_published_at": page.first_published_at,
            "last_published_at": page.last_published_at,
            "seo_title": page.seo_title,
            "search_description": page.search_description,
        },
    }
    for name, (kind, _type) in SPECS.get(type(page), {}).items():
        if kind == "stream":
            field = page._meta.get_field(name)
            data[name] = blocks.render(field.stream_block, getattr(page, name).raw_data, refs)
        elif kind == "richtext":
            data[name] = refs.rich_text(getattr(page, name))
        elif kind == "document":
            data[name] = refs.document(getattr(page, f"{name}_id"))
        elif kind == "image":
            data[name] = refs.image(getattr(page, f"{name}_id"))
        elif kind == "page":
            data[name] = refs.page(getattr(page, f"{name}_id"))
        elif kind == "fk":
            data[name] = getattr(page, f"{name}_id")
        else:
            data[name] = getattr(page, name)
    return data


def _parent_id(page: Page) -> int | None:
    if not page.depth or page.depth <= 2:
        return None
    if hasattr(page, "api_parent_id"):  # read with the page (specific_queryset)
        return page.api_parent_id
    # Else from the parents read for all the pages at once: a parent's path is ours minus 4 chars.
    return getattr(page, "_api_parents", {}).get(page.path[: -Page.steplen])


def _set_locale(page: Page, by_id: dict) -> None:
    # Page URLs and our output read page.locale: use the cached Locale, not a query per page.
    if page.locale_id in by_id:
        page.locale = by_id[page.locale_id]


def render_pages(
    request: HttpRequest, pages: list[Page], visible: Any = None, groups: dict | None = None
) -> list[dict]:
    """Complete page items for `pages` (specific instances) with a fixed number of queries.

    `groups` ({translation key: [visible versions]}) when the caller has read them already.
    """
    if not pages:
        return []
    visible = visible if visible is not None else visibility.public_pages()
    by_id = locales_by_id(request)
    refs = Refs(request)
    for page in pages:
        _set_locale(page, by_id)
        _collect(page, refs)
    refs.load()
    if groups is None:
        groups = translations_by_key(visible, pages, select_locale=False)
    for versions in groups.values():
        for version in versions:
            _set_locale(version, by_id)
    parent_paths = {
        p.path[: -Page.steplen] for p in pages if p.depth and p.depth > 2 and not hasattr(p, "api_parent_id")
    }
    parents = (
        dict(Page.objects.filter(path__in=parent_paths).values_list("path", "pk")) if parent_paths else {}
    )
    items = []
    for page in pages:
        page._api_parents = parents
        items.append(_render(page, refs, groups.get(page.translation_key, []), request))
    return items


# Specific pages in one query -------------------------------------------------------------
# `.specific()` reads the base pages and then each page type's table in a query of its own
# (and may look up content types): a list of mixed types costs 2 + one query per type.
# Instead the page query itself reads each page type's own fields, as subqueries by primary
# key that run only for the rows of that type (CASE on the content type), and each row
# becomes its specific instance from those values, with its parent's id read the same way.
# Not LEFT JOINs (select_related): PostgreSQL cannot estimate a chain of joins to small
# never-analysed tables, and its made-up row counts switch on JIT compilation (~300 ms).

# Annotations of the base page that the specific instance must carry too.
_COPIED = ("api_fallback", "api_parent_id")


@cache
def _own_fields(base: type) -> tuple[tuple[type, tuple[tuple[Any, str], ...]], ...]:
    """((page type, ((field, annotation name), ...)), ...) for each concrete type below `base`."""
    base_names = {field.attname for field in base._meta.concrete_fields}
    types = []
    for model in get_page_models():
        if model is base or not issubclass(model, base) or model._meta.proxy:
            continue
        own = tuple(
            (field, f"api_{model._meta.model_name}_{field.attname}")
            for field in model._meta.concrete_fields
            if field.attname not in base_names and not getattr(field.remote_field, "parent_link", False)
        )
        types.append((model, own))
    return tuple(types)


def specific_queryset(queryset: Any) -> Any:
    """`queryset` reading each page's own type's fields and its parent's id, in one query.

    Turn its pages into their specific instances with `_specific()`.
    """
    annotations: dict[str, Any] = {"api_parent_id": _parent_id_sql()}
    # Only below Page: every concrete page type is a direct child of it (a query of one type,
    # `?type=`, already reads that type's table and needs nothing more).
    types = _own_fields(Page) if queryset.model is Page else ()
    if types:
        # Content types from the process's cache: a query only the first time.
        content_types = ContentType.objects.get_for_models(
            *(m for m, _own in types), for_concrete_models=False
        )
        for model, own in types:
            for field, name in own:
                annotations[name] = _own_value(content_types[model].pk, field)
    return queryset.annotate(**annotations)


def _parent_id_sql() -> RawSQL:
    """The parent's id, by the tree path: the parent's path is ours without its last step."""
    quote = connection.ops.quote_name
    page, path, pk = quote(Page._meta.db_table), quote("path"), quote(Page._meta.pk.column)
    sql = (
        f"(SELECT parent.{pk} FROM {page} parent WHERE parent.{path} = "  # noqa: S608
        f"SUBSTR({page}.{path}, 1, ({page}.{quote('depth')} - 1) * %s))"
    )
    return RawSQL(sql, (Page.steplen,), output_field=models.IntegerField())  # noqa: S611


def _own_value(content_type_id: int, field: Any) -> RawSQL:
    """The value of a page type's own field for rows of that type (else NULL), by primary key.

    Raw SQL because it is the same few strings for every request: Django's Subquery and
    Case expressions for each field of each type cost ~10 ms of CPU to build and compile.
    The output field's converters still apply (a StreamField comes back as a StreamValue).
    """
    # Only names from the models' metadata go into the SQL; the content type is a parameter.
    quote = connection.ops.quote_name
    table, page = field.model._meta, quote(Page._meta.db_table)
    sql = (
        f"CASE WHEN {page}.{quote('content_type_id')} = %s THEN "  # noqa: S608
        f"(SELECT {quote(field.column)} FROM {quote(table.db_table)} "
        f"WHERE {quote(table.pk.column)} = {page}.{quote(Page._meta.pk.column)}) END"
    )
    return RawSQL(sql, (content_type_id,), output_field=field)  # noqa: S611


def _specific(page: Page) -> Page:
    """The specific instance of a page read with `specific_queryset()` (else `page` itself)."""
    if type(page) is not Page:
        return page
    model = ContentType.objects.get_for_id(page.content_type_id).model_class()
    own = dict(_own_fields(Page)).get(model)
    if own is None:
        return page
    values = {field.attname: getattr(page, field.attname) for field in Page._meta.concrete_fields}
    values.update((field.attname, getattr(page, name)) for field, name in own)
    for field in model._meta.concrete_fields:
        if getattr(field.remote_field, "parent_link", False):
            values[field.attname] = page.pk
    names = [field.attname for field in model._meta.concrete_fields]
    specific = model.from_db(page._state.db, names, [values[name] for name in names])
    for name in _COPIED:
        if hasattr(page, name):
            setattr(specific, name, getattr(page, name))
    locale_field = Page._meta.get_field("locale")
    if locale_field.is_cached(page):
        locale_field.set_cached_value(specific, locale_field.get_cached_value(page))
    return specific


# Views -----------------------------------------------------------------------------------


class PageFilters(Schema):
    type: PageTypeLabel | None = Field(default=None, description="Only pages of this type.")  # type: ignore[valid-type]
    child_of: Id | None = Field(default=None, description="Only children of this page (in any language).")
    descendant_of: Id | None = Field(
        default=None, description="Only pages below this page (in any language)."
    )
    order: Literal["id", "-id", "title", "-title", "first_published_at", "-first_published_at", "path"] = (
        Field(default="path", description="Sort order; `path` is the order of the page tree.")
    )


def _tree_filter(queryset: Any, request: HttpRequest, page_id: int, children_only: bool) -> Any:
    anchor = visibility.public_pages().filter(pk=page_id).first()
    if anchor is None:
        raise Http404(_("No published page with this id."))
    # The anchor in every language, so Finnish fallbacks below a Swedish parent are found too.
    anchors = list(Page.objects.filter(translation_key=anchor.translation_key).values_list("path", "depth"))
    condition = models.Q(pk__in=[])
    for path, depth in anchors:
        condition |= models.Q(path__startswith=path, depth__gt=depth) & (
            models.Q(depth=depth + 1) if children_only else models.Q()
        )
    return queryset.filter(condition)


@router.get(
    "/",
    response={200: PageList, **error_responses(400, 404)},
    url_name="list_pages",
    summary="List pages",
    operation_id="pages_list",
    description="Published pages in the requested language, complete with their fields. "
    "Pages not translated into it come in Finnish with `fallback: true`.",
)
def list_pages(
    request: HttpRequest,
    filters: PageFilters = Query(...),  # noqa: B008
    lang: LocaleQuery = Query(...),  # noqa: B008
    pagination: Pagination = Query(...),  # noqa: B008
):
    locale = get_locale(request, lang.locale)
    default = get_locale(request, None)
    if locale is None:
        return envelope(0, pagination, [])
    model = Page
    if filters.type:
        model = next(m for m in SCHEMAS if m._meta.label == filters.type)
    visible = visibility.public_pages()
    queryset = localize(visibility.public_pages(model), visible, locale, default)
    if filters.child_of:
        queryset = _tree_filter(queryset, request, filters.child_of, children_only=True)
    if filters.descendant_of:
        queryset = _tree_filter(queryset, request, filters.descendant_of, children_only=False)
    queryset = specific_queryset(queryset.select_related("locale").order_by(filters.order, "pk"))
    count, pages = paginate(queryset, pagination)
    return envelope(count, pagination, render_pages(request, [_specific(p) for p in pages], visible))


def _in_locale(request: HttpRequest, page: Page, versions: list[Page], code: str | None) -> Page:
    """The page's version in `code` if published, else its Finnish version marked as fallback."""
    if code is None or page.locale.language_code == code:
        return page
    by_code = {p.locale.language_code: p for p in versions}
    chosen = by_code.get(code)
    if chosen is None:
        chosen = by_code.get(get_locale(request, None).language_code, page)
        chosen.api_fallback = True
    return chosen


@router.get(
    "/{page_id}/",
    response={200: PageItem, **error_responses(400, 404)},
    url_name="detail_page",
    summary="Page detail",
    description="One published page by id with all its fields. Without `locale` it comes in its own "
    "language; with it, the version in that language (or the Finnish one with `fallback: true`).",
    operation_id="pages_detail",
)
def page_detail(request: HttpRequest, page_id: Id, lang: OptionalLocaleQuery = Query(...)):  # noqa: B008
    # The page and its visible translations in one query, then its own type's table by
    # `.specific` (for one page cheaper than specific_queryset()): two queries.
    visible = visibility.public_pages()
    key = Page.objects.filter(pk=page_id).values("translation_key")
    versions = list(visible.filter(translation_key=Subquery(key)))
    by_id = locales_by_id(request)
    for version in versions:
        _set_locale(version, by_id)
    page = next((p for p in versions if p.pk == page_id), None)
    if page is None:
        raise Http404(_("No published page with this id."))
    chosen = _in_locale(request, page, versions, lang.locale)
    specific = chosen.specific
    specific.api_fallback = getattr(chosen, "api_fallback", False)
    return render_pages(request, [specific], visible, groups={page.translation_key: versions})[0]


class ResolveQuery(Schema):
    path: str = Field(
        max_length=2000,
        pattern=r"^/",
        description="A public path such as `/sv/medlemmar/`; its first segment is the language.",
    )


@resolve_router.get(
    "/",
    response={200: PageItem, **error_responses(400, 404)},
    url_name="resolve_page",
    summary="Resolve a public path to its page",
    operation_id="pages_resolve",
    description="One call from a public path to the page's complete item, as on the site.",
)
def resolve_path(request: HttpRequest, query: ResolveQuery = Query(...)):  # noqa: B008
    page = resolve_public_path(request, query.path)
    return render_pages(request, [page])[0]


def resolve_public_path(request: HttpRequest, path: str) -> Page:
    components = [part for part in path.split("?", 1)[0].split("/") if part]
    not_found = Http404(_("No published page at this path."))
    if not components or components[0] not in set(get_locale_codes()):
        raise not_found
    language, rest = components[0], components[1:]
    locale = get_locale(request, language)
    if locale is None:
        raise not_found
    # Wagtail caches each site's root path per language: a plain page is one lookup by url_path.
    for root in Site.get_site_root_paths():
        if root.language_code == language:
            url_path = root.root_path + "".join(f"{part}/" for part in rest)
            page = visibility.public_pages().filter(url_path=url_path, locale=locale).first()
            if page is not None:
                return page.specific
    return _route(request, language, rest, not_found)


def _route(request: HttpRequest, language: str, rest: list[str], not_found: Http404) -> Page:
    """Sub-routes of routable pages (e.g. a year in the minutes archive), as the site routes them."""
    site = Site.find_for_request(request) or Site.objects.filter(is_default_site=True).first()
    if site is None:
        raise not_found
    with translation.override(language):
        root = site.root_page.localized.specific
        if root.locale.language_code != language:
            raise not_found
        try:
            page, _args, _kwargs = root.route(request, rest)
        except Http404:
            raise not_found from None
    if not visibility.public_pages().filter(pk=page.pk).exists():
        raise not_found
    return page


def get_locale_codes() -> tuple[str, ...]:
    from cms.api.i18n import CONTENT_LANGUAGES

    return CONTENT_LANGUAGES


# Writes: Wagtail's own page write API, behind a bearer token ------------------------------


def _add_write_operations() -> None:
    """Create, update, publish, unpublish and delete pages with Wagtail's v3 views.

    They need `Authorization: Bearer <token>` (`manage.py api_tokens create`) and the
    token user's page permissions; without a token the answer is 401.
    """
    from wagtail.api.v3.auth import BearerTokenAuth
    from wagtail.api.v3.routers import pages as wagtail_pages

    detail = wagtail_pages.PageDetailSchema
    errors = error_responses(400, 401, 403, 404, 422)
    token = BearerTokenAuth()
    router.add_api_operation(
        "/",
        ["POST"],
        wagtail_pages.create_page,
        auth=token,
        response={201: detail, **errors},
        url_name="create_page",
        operation_id="pages_create",
        summary="Create page (token)",
        description="Wagtail's page create: a new page of `meta.type` below `meta.parent_id`, saved as "
        "a draft or published with `meta.action`, within the token user's permissions. Needs a bearer token.",
    )
    router.add_api_operation(
        "/{page_id}/",
        ["PATCH"],
        wagtail_pages.update_page,
        auth=token,
        response={200: detail, **errors},
        url_name="update_page",
        operation_id="pages_update",
        summary="Update page (token)",
        description="Wagtail's page update: the given fields as a new revision, a draft or published "
        "with `meta.action`, within the token user's permissions. Needs a bearer token.",
    )
    router.add_api_operation(
        "/{page_id}/",
        ["DELETE"],
        wagtail_pages.delete,
        auth=token,
        response={204: None, **errors},
        url_name="delete_page",
        operation_id="pages_delete",
        summary="Delete page (token)",
        description="Wagtail's page delete: the page and every page below it. Needs a bearer token.",
    )
    actions = (
        (
            "publish",
            wagtail_pages.publish,
            "Publishes the page's latest revision (a new one when it has none). Needs a bearer token.",
        ),
        (
            "unpublish",
            wagtail_pages.unpublish,
            "Takes the page off the site, and with `recursive: true` the pages below it too; the body "
            "may be left out. Needs a bearer token.",
        ),
    )
    for action, view, description in actions:
        router.add_api_operation(
            f"/{{page_id}}/actions/{action}/",
            ["POST"],
            view,
            auth=token,
            response={200: detail, **errors},
            url_name=f"pages_actions_{action}",
            operation_id=f"pages_actions_{action}",
            summary=f"{action.capitalize()} page (token)",
            description=description,
        )


_add_write_operations()
