"""Wagtail's database search backend, with stemming in each object's own language.

PostgreSQL has one text-search configuration per backend; this backend indexes each
object with the configuration of its language (its `language` field if it has one,
e.g. a document's file language, otherwise its locale) and queries with the
configuration of the active language. Objects that carry a `language` of their own
may be in another language than the visitor's (a Finnish-only PDF found from the
Swedish site), so for them the query matches the stems of every configured language.

On SQLite (development, the demo and tests) it is modelsearch's FTS5 backend fed with
stemmed text: each object's words are indexed as their Snowball stems in the object's
language (the same Finnish, Swedish and English algorithms and stop words as PostgreSQL's
configurations), and the query's words are stemmed the same way, so an inflected word finds
the same objects on both databases. Elsewhere (no FTS5) it is modelsearch's fallback.

Models that are searched in every configured language: those with a `language` field of
their own (documents) and those with no locale at all (people's names).
"""

import copy
import functools
import logging
import re
from collections import defaultdict
from functools import reduce
from pathlib import Path

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


def searched_in_every_language(model) -> bool:
    """Objects in a language of their own (documents), or in none (people's names): the query
    matches the stems of every configured language, not only the visitor's."""
    names = {f.name for f in model._meta.get_fields()}
    return "language" in names or "locale" not in names


def stemming_available() -> bool:
    return connection.vendor in ("postgresql", "sqlite")


# --- Snowball stemming for SQLite: the algorithms and stop words of PostgreSQL's configurations.

STOPWORDS_DIR = Path(__file__).resolve().parent / "stopwords"
# Tokens PostgreSQL's parser keeps whole ("3/2026", "05.02.2024", "16.00", e-mail addresses,
# host names): no query of words (home.search.normalise_query) matches them there, so they
# are left out of the SQLite index too rather than matching their parts.
_WHOLE_TOKEN = re.compile(r"\w+(?:[./@]\w+)+")
_TOKEN = re.compile(r"\w+")


@functools.cache
def _stemmer(config: str):
    import snowballstemmer

    if config not in snowballstemmer.algorithms():
        return None
    return snowballstemmer.stemmer(config)


@functools.cache
def _stopwords(config: str) -> frozenset[str]:
    path = STOPWORDS_DIR / f"{config}.txt"
    if not path.exists():
        return frozenset()
    return frozenset(w.strip() for w in path.read_text(encoding="utf-8").splitlines() if w.strip())


def stems(text: str, config: str) -> list[str]:
    """The words of `text` as `config` (a PostgreSQL configuration name) indexes them:
    lower-cased, stop words dropped, each stemmed."""
    stemmer = _stemmer(config)
    stop = _stopwords(config)
    words = _TOKEN.findall(_WHOLE_TOKEN.sub(" ", (text or "").lower()))
    words = [w for w in words if w not in stop]
    return stemmer.stemWords(words) if stemmer is not None else words


def _fts_term(word: str) -> str:
    return '"' + word.replace('"', '""') + '"'


@functools.cache
def _sqlite_backend_class():
    from django.db.models import Value
    from modelsearch.backends.database.sqlite import sqlite
    from modelsearch.backends.database.sqlite.query import LexemeCombinable, SearchQueryExpression
    from modelsearch.query import PlainText
    from modelsearch.utils import get_content_type_pk
    from wagtail.models import Locale

    class StemmedIndexer(sqlite.ObjectIndexer):
        def __init__(self, obj, backend, config):
            super().__init__(obj, backend)
            self.config = config

        @functools.cached_property
        def title(self):
            return " ".join(stems(super().title, self.config))

        @functools.cached_property
        def body(self):
            return " ".join(stems(super().body, self.config))

    class StemmedIndex(sqlite.SQLiteIndex):
        def add_items(self, model, objs):
            """modelsearch's SQLiteIndex.add_items, with each object's text stemmed in its language."""
            if not model.get_search_fields():
                return
            objs = list(objs)
            if not objs:
                return
            languages = _object_languages(objs, Locale)
            indexers = [
                StemmedIndexer(obj, self.backend, config_for_language(languages.get(obj.pk))) for obj in objs
            ]
            content_type_pk = get_content_type_pk(model)
            data = {i.id: (i.title, i.autocomplete, i.body) for i in indexers}
            entries = self.entries.filter(content_type_id=content_type_pk)
            indexed = frozenset(entries.filter(object_id__in=data.keys()).values_list("object_id", flat=True))
            for object_id in indexed:
                title, autocomplete, body = data[object_id]
                entries.filter(object_id=object_id).update(title=title, autocomplete=autocomplete, body=body)
            self.entries.bulk_create(
                [
                    sqlite.IndexEntry(
                        content_type_id=content_type_pk,
                        object_id=object_id,
                        title=title,
                        autocomplete=autocomplete,
                        body=body,
                    )
                    for object_id, (title, autocomplete, body) in data.items()
                    if object_id not in indexed
                ]
            )
            self._refresh_title_norms()

    class StemmedMatch(LexemeCombinable, Value):
        """A ready FTS5 query string (the words are already quoted)."""

        def as_sql(self, compiler, connection):
            return "%s", [self.value]

    class StemmedQueryCompiler(sqlite.SQLiteSearchQueryCompiler):
        def get_config(self, backend):
            return config_for_language(translation.get_language())

        def build_search_query_content(self, query, config=None):
            """Plain words as PostgreSQL's to_tsquery(config, 'w1' & 'w2') reads them: stemmed,
            stop words dropped; in every configuration, OR-ed, for models searched in every
            language (as LanguageQueryCompiler.build_tsquery). None if nothing is left to match."""
            if not isinstance(query, PlainText):
                return super().build_search_query_content(query, config=config)
            config = config or self.get_config(None)
            configs = [config]
            if searched_in_every_language(self.queryset.model):
                configs += sorted(set(CONFIGS.values()) - {config})
            joiner = " AND " if query.operator.upper() == "AND" else " OR "
            clauses = []
            for each in configs:
                words = stems(query.query_string, each)
                if words:
                    clause = joiner.join(_fts_term(w) for w in dict.fromkeys(words))
                    if clause not in clauses:
                        clauses.append(clause)
            if not clauses:
                return None
            return SearchQueryExpression(StemmedMatch(" OR ".join(f"({c})" for c in clauses)))

        def search(self, config, start, stop, score_field=None):
            nothing = isinstance(self.query, PlainText) and (
                self.build_search_query_content(self.query, config) is None
            )
            if nothing:
                return self.queryset.none()
            return super().search(config, start, stop, score_field=score_field)

    class StemmedSQLiteSearchBackend(sqlite.SQLiteSearchBackend):
        index_class = StemmedIndex
        query_compiler_class = StemmedQueryCompiler
        stemming = True

    return StemmedSQLiteSearchBackend


@functools.cache
def _postgres_backend_class():
    from django.contrib.postgres.search import SearchQuery
    from modelsearch.backends.database.postgres import postgres
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
            if tsquery is None or not searched_in_every_language(self.queryset.model):
                return tsquery
            others = [
                super(LanguageQueryCompiler, self).build_tsquery(query, config=other)
                for other in sorted(set(CONFIGS.values()) - {config})
            ]
            return reduce(lambda a, b: a | b, [tsquery, *[q for q in others if isinstance(q, SearchQuery)]])

    class LanguagePostgresSearchBackend(postgres.PostgresSearchBackend):
        index_class = LanguageIndex
        query_compiler_class = LanguageQueryCompiler
        stemming = True

    return LanguagePostgresSearchBackend


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
    backend = _DatabaseSearchBackend(params)
    if connection.vendor == "sqlite" and type(backend).__name__ == "SQLiteSearchBackend":
        return _sqlite_backend_class()(params)
    if not _warned:
        logger.info("Search on %s: no stemming; words must match exactly.", connection.vendor)
        _warned = True
    backend.stemming = False
    return backend
