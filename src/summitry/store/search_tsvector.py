"""Full-text search on PostgreSQL: tsvector columns with GIN indexes, and the search's SQL for them.

The same search as SQLite's FTS5 (search.py): the query parsed by fts.py and written as a tsquery
of quoted lexemes, never the user's text as syntax; words folded as FTS5's unicode61 tokenizer
with remove_diacritics does (lower case, no accents) by a text search configuration of its own,
`summitry_search`: 'simple' (no stemming, no stop words, as FTS5) after `unaccent` where the
server has it (Debian's postgresql-contrib). Without it, accents are not folded: "Fruhling" then
finds only "Fruhling". Ranks come from ts_rank, so hits that tie may come in another order than
on SQLite; the hits themselves are the same.
"""

from __future__ import annotations

import re

from summitry.store.fts import HIGHLIGHT_END, HIGHLIGHT_START, Query, render, tsquery_term
from summitry.store.search import (
    DOCUMENT_SNIPPET_TOKENS, QUOTE_SNIPPET_TOKENS, SPEAKER_WEIGHT, TITLE_WEIGHT, SearchSQL,
)

CONFIG = "summitry_search"
# Only this much of a document's text is indexed: a tsvector holds at most 1 MB, and a document
# far longer than any article (the reader takes up to 20 MB) must not fail to be stored.
INDEXED_CHARS = 300_000


def create_search_indexes(execute) -> None:
    """The text search configuration, and a generated tsvector column with a GIN index on documents and quotes.

    Generated columns follow every write to their row, however it is made, and are filled for the
    rows there already: the backfill is the ALTER TABLE itself.
    """
    _create_config(execute)
    execute(f"""ALTER TABLE documents ADD COLUMN search_vector tsvector GENERATED ALWAYS AS (
                setweight(to_tsvector('{CONFIG}', coalesce(title, '')), 'A')
                || setweight(to_tsvector('{CONFIG}', left(clean_text, {INDEXED_CHARS})), 'B')) STORED""")
    execute("CREATE INDEX documents_search ON documents USING GIN (search_vector)")
    execute(f"""ALTER TABLE quotes ADD COLUMN search_vector tsvector GENERATED ALWAYS AS (
                setweight(to_tsvector('{CONFIG}', text), 'A')
                || setweight(to_tsvector('{CONFIG}', coalesce(speaker, '')), 'B')) STORED""")
    execute("CREATE INDEX quotes_search ON quotes USING GIN (search_vector)")


def _create_config(execute) -> None:
    """`summitry_search`: 'simple', with unaccent before it on words when the extension can be had."""
    import psycopg

    execute(f"CREATE TEXT SEARCH CONFIGURATION {CONFIG} (COPY = pg_catalog.simple)")
    if not unaccent_available(execute):
        return
    # Creating it needs a right the user may lack (it is a trusted extension: a database owner
    # may); a failure must not abort the migration, so it runs in a savepoint of its own.
    execute("SAVEPOINT unaccent")
    try:
        execute("CREATE EXTENSION IF NOT EXISTS unaccent")
    except psycopg.Error:
        execute("ROLLBACK TO SAVEPOINT unaccent")
        return
    execute("RELEASE SAVEPOINT unaccent")
    schema = execute("SELECT n.nspname FROM pg_extension e JOIN pg_namespace n ON n.oid = e.extnamespace"
                     " WHERE e.extname = 'unaccent'").fetchall()[0][0]
    dictionary = '"' + schema.replace('"', '""') + '".unaccent'  # it may live in another schema than ours
    execute(f"ALTER TEXT SEARCH CONFIGURATION {CONFIG} ALTER MAPPING FOR hword, hword_part, word"
            f" WITH {dictionary}, simple")


def unaccent_available(execute) -> bool:
    """Whether the server has the unaccent extension to install (Debian: postgresql-contrib)."""
    return bool(execute("SELECT 1 FROM pg_available_extensions WHERE name = 'unaccent'").fetchall())


_MATCH = f"to_tsquery('{CONFIG}', ?) AS query"
# ts_rank's weights are for the labels D, C, B, A: title (A) against text (B) as FTS5's bm25 weighs
# them, and a quote's words (A) against its speaker (B).
_DOCUMENT_WEIGHTS = f"'{{0, 0, {1 / TITLE_WEIGHT}, 1}}'"
_QUOTE_WEIGHTS = f"'{{0, 0, {SPEAKER_WEIGHT}, 1}}'"


def _headline(text: str, words: int) -> str:
    options = f"StartSel={HIGHLIGHT_START}, StopSel={HIGHLIGHT_END}, MaxWords={words}, MinWords={words // 2}"
    return f"ts_headline('{CONFIG}', {text}, query, '{options}')"


# A document's snippet comes from its text, or from its title when only the title matches.
_DOCUMENT_TEXT = ("CASE WHEN d.title IS NOT NULL AND NOT ts_filter(d.search_vector, '{b}') @@ query"
                  " AND ts_filter(d.search_vector, '{a}') @@ query THEN d.title ELSE d.clean_text END")

_GAP = re.compile(r"[^\w]+")


def merge_phrase_highlights(snippet: str, ranges: list[list[int]], query: Query) -> list[list[int]]:
    """ts_headline marks each word of a phrase; FTS5 marks the phrase: join words only spaces or
    punctuation part, when the query has a phrase."""
    if not any(len(term.words) > 1 for group in query for item in group for term in item):
        return ranges
    merged: list[list[int]] = []
    for start, end in ranges:
        if merged and _GAP.fullmatch(snippet[merged[-1][1]:start]):
            merged[-1][1] = end
        else:
            merged.append([start, end])
    return merged


TSVECTOR_SEARCH = SearchSQL(
    query=lambda parsed: render(parsed, tsquery_term, "|", "&"),
    matches={
        "document": f"FROM {_MATCH} JOIN documents d ON d.search_vector @@ query WHERE d.current = 1",
        "quote": f"FROM {_MATCH} JOIN quotes q ON q.search_vector @@ query"
                 " JOIN documents d ON d.row_id = q.document_row WHERE d.current = 1",
    },
    hit_columns={
        "document": "'document' AS kind, d.row_id AS fts_row, NULL AS speaker,"
                    f" ts_rank({_DOCUMENT_WEIGHTS}, d.search_vector, query) AS rank",
        "quote": "'quote' AS kind, q.row_id AS fts_row, q.speaker AS speaker,"
                 f" ts_rank({_QUOTE_WEIGHTS}, q.search_vector, query) AS rank",
    },
    # as on SQLite, each hit relative to the best of its kind; ts_rank is positive, the best the highest
    ranked="SELECT *, rank / NULLIF(MAX(rank) OVER (PARTITION BY kind), 0) AS relevance FROM ({union}) AS hits"
           " ORDER BY relevance DESC NULLS LAST, rank DESC, doc_id, kind, fts_row LIMIT ? OFFSET ?",
    snippets={
        "document": f"SELECT {_headline(_DOCUMENT_TEXT, DOCUMENT_SNIPPET_TOKENS)} AS snippet"
                    f" FROM {_MATCH}, documents d WHERE d.row_id = ?",
        "quote": f"SELECT {_headline('q.text', QUOTE_SNIPPET_TOKENS)} AS snippet FROM {_MATCH}, quotes q"
                 " WHERE q.row_id = ?",
    },
    tidy_highlights=merge_phrase_highlights,
)
