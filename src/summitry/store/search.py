"""Full-text search over the current documents and their quotes: the search, and its SQLite FTS5 SQL.

See schema.m0005_search; PostgreSQL's SQL is in search_tsvector.py.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import Any

from summitry.errors import BadQuery
from summitry.store.fts import HIGHLIGHT_END, HIGHLIGHT_START, Query, fts5_term, parse_query, render, split_highlights
from summitry.store.schema import INSERT_QUOTE, quote_rows

SCOPES = ("all", "documents", "quotes")
MAX_LIMIT = 200
DOCUMENT_SNIPPET_TOKENS = 24
QUOTE_SNIPPET_TOKENS = 64  # FTS5's most; most quotes are shorter and shown whole
TITLE_WEIGHT = 4.0  # a word in the title says more about a document than one in its text
SPEAKER_WEIGHT = 0.5  # a quote found by its speaker alone ranks below one found by its words


@dataclass(frozen=True)
class SearchSQL:
    """One back end's full-text search, as SQL pieces the search below puts together.

    Per kind of hit ("document", "quote"): `matches`, the matches joined to their current document
    version `d`, ending in a WHERE clause that filters are appended to, with one parameter, the
    back end's query; `hit_columns`, what a hit carries (kind, fts_row, speaker, rank); `snippets`,
    the marked snippet of one hit (parameters: query, fts_row). `ranked` orders the union of the
    kinds' hits ({union}) best first and pages them (LIMIT ? OFFSET ?).
    """

    query: Callable[[Query], str]
    matches: dict[str, str]
    hit_columns: dict[str, str]
    ranked: str
    snippets: dict[str, str]
    # the highlights of a snippet, tidied to what FTS5 gives (a matched phrase as one range)
    tidy_highlights: Callable[[str, list[list[int]], Query], list[list[int]]] = lambda snippet, ranges, query: ranges


FTS5_SEARCH = SearchSQL(
    query=lambda parsed: render(parsed, fts5_term, "OR", "AND"),
    matches={
        "document": "FROM documents_fts JOIN documents d ON d.row_id = documents_fts.rowid"
                    " WHERE documents_fts MATCH ? AND d.current = 1",
        "quote": "FROM quotes_fts JOIN quotes q ON q.row_id = quotes_fts.rowid"
                 " JOIN documents d ON d.row_id = q.document_row WHERE quotes_fts MATCH ? AND d.current = 1",
    },
    hit_columns={
        "document": f"'document' AS kind, documents_fts.rowid AS fts_row, NULL AS speaker,"
                    f" bm25(documents_fts, {TITLE_WEIGHT}, 1.0) AS rank",
        "quote": f"'quote' AS kind, quotes_fts.rowid AS fts_row, q.speaker AS speaker,"
                 f" bm25(quotes_fts, 1.0, {SPEAKER_WEIGHT}) AS rank",
    },
    # The two indexes' ranks are not on one scale (each has its own word statistics, and a short
    # quote scores high): each hit is ranked relative to the best of its kind, then merged.
    # bm25 is negative, the best the lowest.
    ranked="SELECT *, rank / MIN(rank) OVER (PARTITION BY kind) AS relevance FROM ({union})"
           " ORDER BY relevance DESC, rank, doc_id, kind, fts_row LIMIT ? OFFSET ?",
    snippets={
        "document": f"SELECT snippet(documents_fts, -1, '{HIGHLIGHT_START}', '{HIGHLIGHT_END}', '…',"
                    f" {DOCUMENT_SNIPPET_TOKENS}) AS snippet FROM documents_fts"
                    " WHERE documents_fts MATCH ? AND rowid = ?",
        "quote": f"SELECT snippet(quotes_fts, 0, '{HIGHLIGHT_START}', '{HIGHLIGHT_END}', '…',"
                 f" {QUOTE_SNIPPET_TOKENS}) AS snippet FROM quotes_fts WHERE quotes_fts MATCH ? AND rowid = ?",
    },
)
_DOCUMENT_COLUMNS = "d.id AS doc_id, d.title AS title, d.published AS published, d.language AS lang"


def _filters(lang: str | None, date_from: date | None, date_to: date | None) -> tuple[str, list[Any]]:
    """SQL conditions on the document `d`, and their parameters."""
    sql, params = "", []
    if lang:
        sql += " AND d.language = ?"
        params.append(lang)
    if date_from:
        sql += " AND d.published >= ?"
        params.append(date_from.isoformat())
    if date_to:
        sql += " AND d.published <= ?"
        params.append(date_to.isoformat())
    return sql, params


def _check_paging(scope: str, limit: int, offset: int) -> None:
    if scope not in SCOPES:
        raise BadQuery(f"unknown search scope '{scope}': use one of {', '.join(SCOPES)}")
    if not 1 <= limit <= MAX_LIMIT:
        raise BadQuery(f"limit must be between 1 and {MAX_LIMIT}, not {limit}")
    if offset < 0:
        raise BadQuery(f"offset must be 0 or more, not {offset}")


class SearchTables:
    """Mixed into Store: the quotes table and the full-text search over documents and quotes."""

    _search: SearchSQL = FTS5_SEARCH  # a back end sets its own

    def _index_quotes(self, document_row: int, record: dict[str, Any]) -> None:
        """Make the stored quotes of a document version those of `record` (the index follows by triggers)."""
        self._execute("DELETE FROM quotes WHERE document_row = ?", (document_row,))
        for values in quote_rows(document_row, record):
            self._execute(INSERT_QUOTE, values)

    def search(self, query: str, *, scope: str = "all", lang: str | None = None, date_from: date | None = None,
               date_to: date | None = None, limit: int = 20, offset: int = 0) -> dict[str, Any]:
        """Read-only: documents and quotes matching `query` (words and "phrases"), best first.

        scope: "all", "documents" or "quotes"; lang, date_from, date_to filter on the document.
        Each hit's snippet is plain text; `highlights` are [start, end] offsets (Python string
        indices) of the matched words in it. Raises BadQuery for a query without words or bad paging.
        """
        _check_paging(scope, limit, offset)
        parsed = parse_query(query)
        sql = self._search
        match = sql.query(parsed)
        where, where_params = _filters(lang, date_from, date_to)
        kinds = [kind for kind in sql.matches if scope in ("all", kind + "s")]
        params = [p for _ in kinds for p in (match, *where_params)]
        total = sum(self._rows(f"SELECT COUNT(*) AS n {sql.matches[kind]}{where}", [match, *where_params])[0]["n"]
                    for kind in kinds)
        union = " UNION ALL ".join(f"SELECT {sql.hit_columns[kind]}, {_DOCUMENT_COLUMNS} {sql.matches[kind]}{where}"
                                   for kind in kinds)
        rows = self._rows(sql.ranked.format(union=union), [*params, limit, offset])
        return {"query": query, "total": total, "limit": limit, "offset": offset,
                "hits": [self._hit(r, match, parsed) for r in rows]}

    def _hit(self, row: dict[str, Any], match: str, parsed: Query) -> dict[str, Any]:
        marked = self._rows(self._search.snippets[row["kind"]], (match, row["fts_row"]))
        snippet, highlights = split_highlights(marked[0]["snippet"] or "")
        highlights = self._search.tidy_highlights(snippet, highlights, parsed)
        events = list(dict.fromkeys(e["event_id"] for e in self.events_of_document(row["doc_id"])))
        return {"kind": row["kind"], "doc_id": row["doc_id"], "title": row["title"], "published": row["published"],
                "lang": row["lang"], "snippet": snippet, "highlights": highlights, "speaker": row["speaker"],
                "events": events}
