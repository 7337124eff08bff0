"""Wagtail's database search backend, with stemming in each object's own language.

PostgreSQL has one text-search configuration per backend; this backend indexes each
object with the configuration of its language (its `language` field if it has one,
e.g. a document's file language, otherwise its locale) and queries with the
configuration of the active language. Objects that carry a `language` of their own
may be in another language than the visitor's (a Finnish-only PDF found from the
Swedish site), so for them the query matches the stems of every configured language.

On other databases (SQLite in development and tests) this is modelsearch's own
database backend: FTS5 without stemming, exact words only. `STEMMING` says which.
"""

import copy
import functools
import logging
from collections import defaultdict
from functools import reduce

from django.conf import settings
from django.db import connection
from django.utils import translation
from modelsearch.backends.database import SearchBackend as _DatabaseSearchBackend

logger = logging.getLogger(__name__)

# PostgreSQL text-search configurations by language code.
CONFIGS = {"fi": "finnish", "sv": "swedish", "en": "english"}


def config_for_language(language_code: str | None) -> str:
    code = (language_code or settings.LANGUAGE_CODE).split("-")[0].lower()
    return CONFIGS.get(code, CONFIGS.get(settings.LANGUAGE_CODE, "simple"))


def has_own_language(model) -> bool:
    return any(f.name == "language" for f in model._meta.get_fields())


def stemming_available() -> bool:
    return connection.vendor == "postgresql"


@functools.cache
def _postgres_backend_class():
    from django.contrib.postgres.search import SearchQuery
    from modelsearch.backends.database.postgres import postgres
    from modelsearch.query import Phrase, PlainText
    from wagtail.models import Locale

    class LanguageIndex(postgres.PostgresIndex):
        def add_items(self, model, objs):
            objs = list(objs)
            languages = _object_languages(objs, Locale)
            groups = defaultdict(list)
            for obj in objs:
                groups[config_for_language(languages.get(obj.pk))].append(obj)
            for config, group in groups.items():
                # The indexer reads the configuration from the backend: give each
                # language group its own copy rather than changing shared state.
                index = copy.copy(self)
                index.backend = copy.copy(self.backend)
                index.backend.config = config
                postgres.PostgresIndex.add_items(index, model, group)

    class LanguageQueryCompiler(postgres.PostgresSearchQueryCompiler):
        def get_config(self, backend):
            return config_for_language(translation.get_language())

        def build_tsquery(self, query, config=None):
            tsquery = super().build_tsquery(query, config=config)
            if tsquery is None or not has_own_language(self.queryset.model):
                return tsquery
            others = [
                super(LanguageQueryCompiler, self).build_tsquery(query, config=other)
                for other in sorted(set(CONFIGS.values()) - {config})
            ]
            return reduce(lambda a, b: a | b, [tsquery, *[q for q in others if isinstance(q, SearchQuery)]])

        def search(self, config, start, stop, score_field=None, backend=None):
            """modelsearch's full-text search (the same matches, ranking and order), except that
            the combined vector only filters: it is not selected and sent back with every
            result, to be parsed and thrown away (a document's vector grows with its text)."""
            if not isinstance(self.query, (PlainText, Phrase)) or self.fields is not None:
                return super().search(config, start, stop, score_field=score_field, backend=backend)
            search_query = self.build_tsquery(self.query, config=config)
            vectors = self.get_search_vectors(search_query)
            rank_expression = self._build_rank_expression(vectors, config)
            combined_vector = reduce(lambda a, b: a._combine(b, "||", False), [v for v, _boost in vectors])
            queryset = self.queryset.alias(_vector_=combined_vector).filter(_vector_=search_query)
            if has_own_language(self.queryset.model):
                # Searched in every language, so with no locale to narrow them down first:
                # start from the matching index entries (see _matching_pks).
                matching = _matching_pks(self.queryset.model, search_query)
                if matching is not None:
                    queryset = queryset.filter(pk__in=matching)
            return self._apply_ordering_and_scoring(queryset, rank_expression, start, stop, score_field)

    class LanguagePostgresSearchBackend(postgres.PostgresSearchBackend):
        index_class = LanguageIndex
        query_compiler_class = LanguageQueryCompiler
        stemming = True

    return LanguagePostgresSearchBackend


def _matching_pks(model, search_query):
    """The primary keys of `model`'s objects whose index entry matches `search_query`, as a
    subquery: the same entries and the same test as the search's own join and filter, so it
    changes no result. It lets PostgreSQL start from the few matching entries and fetch their
    objects by primary key; otherwise, without statistics (before the first ANALYZE), it may
    join each matching entry to a scan of the whole table. None if the key is not an integer."""
    from django.db.models import BigIntegerField, F, IntegerField
    from django.db.models.functions import Cast
    from modelsearch.utils import get_descendants_content_types_pks

    kind = model._meta.pk.get_internal_type()
    if kind in ("BigAutoField", "BigIntegerField"):
        pk_type = BigIntegerField()
    elif kind in ("AutoField", "IntegerField"):
        pk_type = IntegerField()
    else:
        return None
    entries = model._meta.get_field("index_entries").related_model._default_manager
    return (
        entries.filter(content_type_id__in=get_descendants_content_types_pks(model))
        .alias(_vector_=F("title")._combine(F("body"), "||", False))
        .filter(_vector_=search_query)
        .values_list(Cast("object_id", pk_type))
    )


def _object_languages(objs, locale_model) -> dict:
    """Language code of each object: its own `language` field, else its locale's (one query)."""
    languages = {}
    locale_ids = {getattr(obj, "locale_id", None) for obj in objs} - {None}
    codes = dict(locale_model.objects.filter(pk__in=locale_ids).values_list("pk", "language_code"))
    for obj in objs:
        own = getattr(obj, "language", None)
        if isinstance(own, str) and own:
            languages[obj.pk] = own
        else:
            languages[obj.pk] = codes.get(getattr(obj, "locale_id", None))
    return languages


_warned = False


def SearchBackend(params):
    global _warned
    if connection.vendor == "postgresql":
        return _postgres_backend_class()(params)
    if not _warned:
        logger.info(
            "Search on %s: no stemming (PostgreSQL only); words must match exactly.", connection.vendor
        )
        _warned = True
    backend = _DatabaseSearchBackend(params)
    backend.stemming = False
    return backend
