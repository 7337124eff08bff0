"""SQLite's search stems words with the snowballstemmer package, PostgreSQL with its own Snowball
dictionaries: both must give the same stems and drop the same stop words, or the two databases
find different things (tests/site/test_search_queries.py shows the hits; this shows why)."""

import re

import pytest
from django.db import connection

from cms.search_backend import CONFIGS, stems

on_postgres = pytest.mark.skipif(connection.vendor != "postgresql", reason="compares with PostgreSQL")


def _demo_words() -> dict[str, set[str]]:
    """Every word of the demo's texts, by the language it is written in."""
    from board import demo as board_demo

    texts: dict[str, list[str]] = {"fi": [], "sv": [], "en": []}
    for _model, _slug, title, intro, translations in board_demo.PAGES:
        texts["fi"] += [title, intro]
        for code, (t_title, _t_slug, t_intro) in translations.items():
            texts[code] += [t_title, t_intro]
    for _month, _day, title, summary in board_demo.THEMES:
        texts["fi"] += [title, summary]
    texts["fi"] += [
        "Vapaaehtoistyön neuvottelukunnan kokous. Kokouksen avaus. Laillisuus ja päätösvaltaisuus. "
        "Esityslistan hyväksyminen. Muut asiat. Kokouksen päättäminen. Läsnä: neuvottelukunnan "
        "jäsenet ja sihteeri. Kokous todettiin lailliseksi ja päätösvaltaiseksi. Pöytäkirja "
        "tarkastettiin ja hyväksyttiin seuraavassa kokouksessa. pöytäkirjat jäsenet kokouksessa"
    ]
    texts["sv"] += ["protokollen mötet möten medlemmarna kommissionens"]
    return {code: {w.lower() for t in found for w in re.findall(r"\w+", t)} for code, found in texts.items()}


@on_postgres
@pytest.mark.postgres
@pytest.mark.parametrize("code", sorted(CONFIGS))
def test_sqlite_stems_equal_postgresqls_for_every_demo_word(db, code):
    config = CONFIGS[code]
    words = sorted(_demo_words()[code])
    assert words
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT w, coalesce(array_to_string(ts_lexize(%s, w), ' '), w) FROM unnest(%s::text[]) w",
            [f"{config}_stem", words],
        )
        pg_stems = dict(cursor.fetchall())
        cursor.execute(
            "SELECT w, to_tsvector(%s::regconfig, w) = ''::tsvector FROM unnest(%s::text[]) w",
            [config, words],
        )
        pg_stop = {w for w, empty in cursor.fetchall() if empty}
    mine = {w: " ".join(stems(w, config)) for w in words}
    assert {w for w, s in mine.items() if not s} == pg_stop, "the same stop words"
    assert {w: s for w, s in mine.items() if s} == {w: pg_stems[w] for w in words if w not in pg_stop}


def test_stems_drop_stop_words_and_tokens_postgresql_keeps_whole():
    assert stems("Pöytäkirjat ja jäsenet", "finnish") == ["pöytäkirj", "jäsen"]
    assert stems("protokollen och medlemmarna", "swedish") == ["protokoll", "medlemm"]
    # "3/2026" and "05.02.2024" are one token each to PostgreSQL: no query of words matches them.
    assert stems("kokous 3/2026, 05.02.2024 klo 16.00.", "finnish") == ["kokous", "klo"]
