"""Site search over pages, board meetings and events, people's names, and the text of documents.

`site_search()` is the one implementation behind the public search page and the API's search
endpoint. Each searchable type is a `SearchType`: pages and documents here, the others
declared by the app that owns them (`search_types()`: board/search.py holds meetings, events
and people). A type whose model does not exist is skipped. Results are grouped by type
(pages first) and paginated across the groups; each type contributes at most `MAX_PER_TYPE`
hits, fetched with one query per type. Pages and people are in relevance order, meetings,
events and documents newest first.

A document found is shown under what it belongs to: the meeting, event or page that
links it (Wagtail's reference index says which), when the visitor may see that in
their language; that owner is then the hit, with its matching files listed in it
(`SearchHit.documents`, newest first). Only documents that belong to nothing visible
are hits of their own.
"""

import logging
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime
from functools import cache

from django.apps import apps
from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import FieldDoesNotExist
from django.db import connections, router
from django.db.models import CharField, IntegerField, Model, OuterRef, QuerySet, Subquery
from django.db.models.functions import Cast, Substr
from django.utils import translation
from django.utils.functional import Promise
from django.utils.html import strip_tags
from django.utils.module_loading import import_string
from django.utils.translation import gettext_lazy as _
from wagtail.fields import StreamField
from wagtail.models import Locale, Page
from wagtail.search.backends import get_search_backend

from cms import visibility
from cms.page_paths import page_path
from home.chrome import PAGE_FIELDS

logger = logging.getLogger(__name__)

MAX_QUERY_LENGTH = 200
MAX_PER_TYPE = 100
MAX_PER_PAGE = 50
EXCERPT_LENGTH = 240
# Longest stretch of a document's text read for an excerpt.
EXCERPT_SOURCE_CHARS = 4000

# Letters and digits in any script; everything else only separates words.
_WORD = re.compile(r"\w+", re.UNICODE)


@dataclass
class SearchHit:
    type: str
    type_label: str
    title: str
    url: str
    excerpt: str = ""
    date: date | datetime | None = None
    object: Model | None = field(default=None, repr=False)
    # The matching documents that belong to this hit (a meeting's minutes), newest first.
    documents: list["SearchHit"] = field(default_factory=list)


@dataclass
class SearchType:
    """One kind of searchable thing.

    `model` is an "app_label.ModelName" string, resolved lazily; `queryset(locale)`
    gives what the public may see in that locale; `to_hit(obj, query_words, context)`
    turns a result into a SearchHit.
    """

    key: str
    label: Promise
    model: str
    queryset: Callable[[type[Model], Locale | None], QuerySet]
    to_hit: Callable[[Model, list[str], "HitContext"], SearchHit]
    # The date hits of this type are ordered by, newest first; None: relevance order.
    newest_first: Callable[[Model], date | datetime | None] | None = None

    def model_class(self) -> type[Model] | None:
        try:
            return apps.get_model(self.model)
        except LookupError:
            return None


class HitContext:
    """What building hits needs beyond the object: listing pages found at most once per search."""

    def __init__(self, language_code: str, locale: Locale | None, known_pages: list[Page] | None = None):
        self.language_code = language_code
        self.locale = locale
        self.known_pages = known_pages or []
        self._listing: dict[str, Page | None] = {}
        self._listing_url: dict[str, tuple[str, Page | None]] = {}

    def listing_page(self, model_label: str) -> Page | None:
        """The live page of type `model_label` in this locale (e.g. the minutes archive)."""
        if model_label not in self._listing:
            self._listing[model_label] = self._find_listing(model_label)
        return self._listing[model_label]

    def listing_url(self, model_label: str) -> tuple[str, Page | None]:
        """The listing page's path, and an (empty) instance of its type for its URL helpers."""
        if model_label not in self._listing_url:
            page = self.listing_page(model_label)
            if page is None:
                self._listing_url[model_label] = ("", None)
            else:
                page_class = page.specific_class
                self._listing_url[model_label] = (page_path(page), page_class() if page_class else None)
        return self._listing_url[model_label]

    def _find_listing(self, model_label: str) -> Page | None:
        try:
            model = apps.get_model(model_label)
        except LookupError:
            return None
        content_type = ContentType.objects.get_for_model(model)
        for page in self.known_pages:
            if page.content_type_id == content_type.pk:
                return page
        if self.known_pages or self.locale is None:
            # Known pages are the home page and all its children: listing pages live there.
            return None
        return (
            visibility.public_pages()
            .filter(content_type=content_type, locale=self.locale)
            .only(*PAGE_FIELDS, "content_type_id")
            .first()
        )


@dataclass
class SearchResults:
    query: str
    language_code: str
    hits: list[SearchHit]
    count: int
    page: int
    per_page: int
    num_pages: int
    counts: dict[str, int]
    labels: dict[str, str]
    truncated: bool = False
    too_long: bool = False
    stemming: bool = False

    @property
    def has_previous(self) -> bool:
        return self.page > 1

    @property
    def has_next(self) -> bool:
        return self.page < self.num_pages


def normalise_query(raw: str | None) -> tuple[str, bool]:
    """The words of a query as one string, and whether it was cut to MAX_QUERY_LENGTH.

    Punctuation, markup and operators only separate words: a query of only
    punctuation becomes empty and is treated like no query at all.
    """
    raw = raw or ""
    too_long = len(raw) > MAX_QUERY_LENGTH
    words = _WORD.findall(raw[:MAX_QUERY_LENGTH])
    return " ".join(words), too_long


def excerpt(text: str, words: list[str], length: int = EXCERPT_LENGTH) -> str:
    """A piece of `text` around the first query word found in it (or its beginning)."""
    text = " ".join(strip_tags(text or "").split())
    if len(text) <= length:
        return text
    lowered = text.lower()
    positions = [lowered.find(w.lower()[: max(4, len(w) - 3)]) for w in words]
    positions = [p for p in positions if p >= 0]
    start = max(0, min(positions) - length // 3) if positions else 0
    if start:
        # Begin at a word, not in the middle of one.
        space = text.find(" ", start)
        start = space + 1 if 0 <= space < start + 30 else start
    piece = text[start : start + length]
    return ("…" if start else "") + piece.strip() + ("…" if start + length < len(text) else "")


# --- the searchable types --------------------------------------------------------------------


def _pages(model: type[Model], locale: Locale | None) -> QuerySet:
    """Pages the public may see (cms/visibility.py), in the form whose SQL holds in every content
    version: the search's SQL is compiled once and kept."""
    qs = visibility.public_pages(memo=False).only(*PAGE_FIELDS, "search_description")
    return qs.filter(locale=locale) if locale is not None else qs.none()


def _page_hit(page: Page, words: list[str], context: HitContext) -> SearchHit:
    return SearchHit(
        type="page",
        type_label=str(_("Page")),
        title=page.title,
        url=page_path(page),
        excerpt=excerpt(page.search_description, words),
        date=None,
        object=page,
    )


def translatable_objects(model: type[Model], locale: Locale | None) -> QuerySet:
    """Public objects of a translatable model in the visitor's locale (cms/visibility.py).

    Their block content (a meeting's attachments) is not part of a hit: it is not read and
    parsed for every result."""
    streams = [f.name for f in model._meta.concrete_fields if isinstance(f, StreamField)]
    qs = visibility.public_objects(model).defer(*streams)
    if _has_field(model, "locale"):
        qs = qs.filter(locale=locale) if locale is not None else qs.none()
    return qs


def _documents(model: type[Model], locale: Locale | None) -> QuerySet:
    """Documents the public may open (cms/visibility.py), in one query with the search."""
    qs = visibility.public_documents(model)
    if _has_field(model, "extracted_text"):
        # The text is read only for an excerpt: fetch its beginning, not whole books.
        qs = qs.defer("extracted_text").annotate(
            _excerpt_source=Substr("extracted_text", 1, EXCERPT_SOURCE_CHARS)
        )
    return qs


def _document_hit(document: Model, words: list[str], context: HitContext) -> SearchHit:
    return SearchHit(
        type="document",
        type_label=str(_("Document")),
        title=document.title,
        url=document.url,
        excerpt=excerpt(getattr(document, "_excerpt_source", ""), words),
        date=getattr(document, "document_date", None),
        object=document,
    )


def _document_date(obj: Model):
    return getattr(obj, "document_date", None)


DOCUMENT_TYPE = "document"
PAGE_TYPE = SearchType("page", _("Pages"), "wagtailcore.Page", _pages, _page_hit)
DOCUMENTS = SearchType(
    DOCUMENT_TYPE,
    _("Documents"),
    settings.WAGTAILDOCS_DOCUMENT_MODEL,
    _documents,
    _document_hit,
    _document_date,
)


@cache
def search_types() -> list[SearchType]:
    """Every searchable type, in the order of the results: pages, then each app's own types
    (its AppConfig's `search_types`, a dotted path to a list, as board/apps.py names
    board/search.py's), in the order of INSTALLED_APPS, then documents."""
    declared = [
        search_type
        for config in apps.get_app_configs()
        if getattr(config, "search_types", None)
        for search_type in import_string(config.search_types)
    ]
    return [PAGE_TYPE, *declared, DOCUMENTS]


def _newest_first(objs: list[Model], when: Callable[[Model], date | datetime | None]) -> list[Model]:
    """Newest first, the same day's by title (the same order on every database); undated last."""
    by_title = sorted(objs, key=lambda obj: str(obj).casefold())
    dated = sorted((o for o in by_title if when(o) is not None), key=when, reverse=True)
    return dated + [o for o in by_title if when(o) is None]


def _document_owners(
    documents: list[Model], types: list[SearchType], locale: Locale | None
) -> dict[int, tuple[SearchType, Model]]:
    """For each document, the one visible thing it belongs to: the search type and object.

    A document belongs to what links it (any language version of it) in Wagtail's reference
    index, if the visitor may see that in their locale (the type's own queryset says so).
    A meeting or event comes before a page, a deeper page before the home page. One query
    for the references and one per type of owner."""
    from wagtail.models import ReferenceIndex

    owner_types = [t for t in types if t.key != DOCUMENT_TYPE and t.model_class() is not None]
    if not documents or locale is None or not owner_types:
        return {}
    model = type(documents[0])
    db = router.db_for_read(model)
    keys = {getattr(d, "translation_key", None) for d in documents} - {None}
    if keys:
        linked = model._default_manager.filter(translation_key__in=keys)
        key_of_link = Subquery(
            model._default_manager.filter(pk=Cast(OuterRef("to_object_id"), IntegerField())).values(
                "translation_key"
            )[:1]
        )
    else:
        linked = model._default_manager.filter(pk__in=[d.pk for d in documents])
        key_of_link = Cast("to_object_id", IntegerField())
    content_types = ContentType.objects.db_manager(db)
    refs = list(
        ReferenceIndex.objects.using(db)
        .filter(
            to_content_type=content_types.get_for_model(model),
            to_object_id__in=linked.annotate(_id=Cast("pk", CharField())).values("_id"),
        )
        .annotate(_document=key_of_link)
        .values_list("base_content_type_id", "object_id", "_document")
        .distinct()
    )
    if not refs:
        return {}
    by_type: dict[str, dict[str, Model]] = {}
    for search_type in owner_types:
        owner_model = search_type.model_class()
        base = content_types.get_for_model(owner_model, for_concrete_model=True)
        ids = {object_id for ct, object_id, _doc in refs if ct == base.pk}
        if ids:
            owners = search_type.queryset(owner_model, locale).filter(pk__in=ids)
            by_type[search_type.key] = {str(o.pk): o for o in owners}
    document_of = {getattr(d, "translation_key", None) or d.pk: d for d in documents}
    candidates: dict[int, list[tuple[tuple, SearchType, Model]]] = {}
    for search_type in owner_types:
        owners = by_type.get(search_type.key, {})
        base = content_types.get_for_model(search_type.model_class(), for_concrete_model=True)
        for ct, object_id, doc_key in refs:
            owner = owners.get(object_id) if ct == base.pk else None
            document = document_of.get(doc_key)
            if owner is None or document is None:
                continue
            is_page = isinstance(owner, Page)
            rank = (is_page, -getattr(owner, "depth", 0), owner.pk)
            candidates.setdefault(document.pk, []).append((rank, search_type, owner))
    return {doc_pk: min(found, key=lambda c: c[0])[1:] for doc_pk, found in candidates.items()}


def _group_documents(
    found: dict[str, list[Model]], types: list[SearchType], locale: Locale | None
) -> tuple[dict[str, list[Model]], dict[tuple[str, object], list[Model]]]:
    """Documents moved under what they belong to: (objects by type, with the owners added;
    the documents of each owner by (type key, owner pk))."""
    documents = found.get(DOCUMENT_TYPE, [])
    owners = _document_owners(documents, types, locale)
    if not owners:
        return found, {}
    grouped: dict[str, list[Model]] = {key: list(objs) for key, objs in found.items()}
    attached: dict[tuple[str, object], list[Model]] = {}
    for document in documents:
        if document.pk not in owners:
            continue
        search_type, owner = owners[document.pk]
        key = (search_type.key, owner.pk)
        if key not in attached:
            attached[key] = []
            objs = grouped.setdefault(search_type.key, [])
            if all(o.pk != owner.pk for o in objs):
                objs.append(owner)
        attached[key].append(document)
    grouped[DOCUMENT_TYPE] = [d for d in documents if d.pk not in owners]
    return grouped, {key: _newest_first(docs, _document_date) for key, docs in attached.items()}


def _has_field(model: type[Model], name: str) -> bool:
    try:
        model._meta.get_field(name)
    except FieldDoesNotExist:
        return False
    return True


# The SQL of each search, by everything it depends on but the words: building and compiling
# the queries took a third of the search page's time. The words go in as parameters.
_COMPILED: dict[tuple, tuple[str, tuple] | None] = {}
_COMPILED_MAX = 512
_PLACEHOLDER = "zqsearchword{:03d}zq"
_PLACEHOLDER_RE = re.compile(r"zqsearchword(\d{3})zq")


def _search(
    backend, search_type: SearchType, model: type[Model], locale: Locale | None, words: list[str]
) -> list[Model]:
    """The type's best MAX_PER_TYPE objects for `words` (all of them), in relevance order.

    On PostgreSQL the search's SQL is built once per type, language, locale and number of
    words, with placeholder words, and run with the visitor's words in their place: the
    very query `backend.search()` builds, without building it every time.
    """
    db = router.db_for_read(model)
    key = (
        db,
        type(backend),
        search_type.key,
        search_type.model,
        search_type.queryset,
        translation.get_language(),
        locale.pk if locale is not None else None,
        ContentType.objects.db_manager(db).get_for_model(model).pk,
        len(words),
    )
    if key not in _COMPILED:
        if len(_COMPILED) >= _COMPILED_MAX:
            _COMPILED.clear()
        _COMPILED[key] = _compile(backend, search_type, model, locale, len(words), db)
    compiled = _COMPILED[key]
    if compiled is None:
        qs = search_type.queryset(model, locale)
        return list(backend.search(" ".join(words), qs, operator="and")[:MAX_PER_TYPE])
    sql, params = compiled
    params = tuple(
        _PLACEHOLDER_RE.sub(lambda m: words[int(m.group(1))], p) if isinstance(p, str) else p for p in params
    )
    return list(model._default_manager.db_manager(db).raw(sql, params))


def _compile(backend, search_type: SearchType, model: type[Model], locale, count: int, db: str):
    """(sql, params) of the search for `count` placeholder words, or None where it cannot be
    reused: not PostgreSQL, nothing to search, or words that do not go in as parameters."""
    if connections[db].vendor != "postgresql" or locale is None or model._meta.parents:
        return None
    placeholders = [_PLACEHOLDER.format(i) for i in range(count)]
    qs = search_type.queryset(model, locale)
    results = backend.search(" ".join(placeholders), qs, operator="and")[:MAX_PER_TYPE]
    if not hasattr(results, "get_queryset"):
        return None
    queryset = results.get_queryset()
    if queryset.query.is_empty() or queryset._prefetch_related_lookups:
        return None
    sql, params = queryset.query.get_compiler(using=db).as_sql()
    in_params = " ".join(p for p in params if isinstance(p, str))
    if _PLACEHOLDER_RE.search(sql) or not all(p in in_params for p in placeholders):
        return None
    return sql, tuple(params)


def _dedupe_translations(objs: list[Model], language_code: str) -> list[Model]:
    """Of objects that are translations of each other, keep the visitor's language (else the first)."""
    if not objs or not hasattr(objs[0], "translation_key"):
        return objs
    chosen: dict = {}
    for obj in objs:
        key = obj.translation_key
        current = chosen.get(key)
        obj_code = getattr(obj, "language", None)
        if current is None or (
            obj_code == language_code and getattr(current, "language", None) != language_code
        ):
            chosen[key] = obj
    return [obj for obj in objs if chosen.get(obj.translation_key) is obj]


def site_search(
    query: str | None,
    language_code: str,
    page: int = 1,
    per_page: int = 10,
    *,
    locale: Locale | None = None,
    known_pages: list[Page] | None = None,
    types: list[SearchType] | None = None,
    only: str | None = None,
) -> SearchResults:
    """Search everything the public may see in `language_code`; never raises on odd input.

    Pass `locale` when the caller already has it, and `known_pages` (the live home page
    of the locale and all its children, as home.chrome reads them) in which to find the
    minutes archive and the calendar: each saves a query. `only` (a type's key) keeps the
    hits of that type of the same search: the meetings a document search puts them under too.
    """
    words_query, too_long = normalise_query(query)
    words = words_query.split()
    per_page = max(1, min(int(per_page), MAX_PER_PAGE))
    backend = get_search_backend()
    types = search_types() if types is None else types
    labels = {t.key: str(t.label) for t in types}
    found_all: list[tuple[SearchType, Model]] = []
    counts: dict[str, int] = {}
    attached: dict[tuple[str, object], list[Model]] = {}
    truncated = False
    if words:
        if locale is None:
            locale = Locale.objects.filter(language_code=language_code).first()
        found_by_type: dict[str, list[Model]] = {}
        searched: list[SearchType] = []
        with translation.override(language_code):
            for search_type in types:
                model = search_type.model_class()
                if model is None:
                    continue
                try:
                    found = _search(backend, search_type, model, locale, words)
                except Exception:
                    # One broken type must not take the search page down; the log says why.
                    logger.exception("Search over %s failed", search_type.model)
                    continue
                searched.append(search_type)
                truncated = truncated or len(found) >= MAX_PER_TYPE
                found_by_type[search_type.key] = _dedupe_translations(found, language_code)
            try:
                found_by_type, attached = _group_documents(found_by_type, searched, locale)
            except Exception:
                logger.exception("Grouping documents under their meetings and pages failed")
        for search_type in searched:
            if only is not None and search_type.key != only:
                continue
            found = found_by_type.get(search_type.key, [])
            if search_type.newest_first is not None:
                found = _newest_first(found, search_type.newest_first)
            counts[search_type.key] = len(found)
            found_all.extend((search_type, obj) for obj in found)
    count = len(found_all)
    num_pages = max(1, -(-count // per_page))
    try:
        page = int(page)
    except (TypeError, ValueError):
        page = 1
    page = min(max(1, page), num_pages)
    start = (page - 1) * per_page
    with translation.override(language_code):
        # Only the shown hits are built: their URLs may cost a lookup each.
        context = HitContext(language_code, locale, known_pages)
        hits = []
        document_type = next((t for t in types if t.key == DOCUMENT_TYPE), None)
        for search_type, obj in found_all[start : start + per_page]:
            hit = search_type.to_hit(obj, words, context)
            if document_type is not None:
                documents = attached.get((search_type.key, obj.pk), [])
                hit.documents = [document_type.to_hit(d, words, context) for d in documents]
            hits.append(hit)
    return SearchResults(
        query=words_query,
        language_code=language_code,
        hits=hits,
        count=count,
        page=page,
        per_page=per_page,
        num_pages=num_pages,
        counts=counts,
        labels=labels,
        truncated=truncated,
        too_long=too_long,
        stemming=getattr(backend, "stemming", False),
    )
