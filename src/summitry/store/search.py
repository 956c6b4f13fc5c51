"""Full-text search over the current documents and their quotes (SQLite FTS5, see schema.m0005_search)."""

from __future__ import annotations

from datetime import date
from typing import Any

from summitry.errors import BadQuery
from summitry.store.fts import HIGHLIGHT_END, HIGHLIGHT_START, fts_query, split_highlights
from summitry.store.schema import INSERT_QUOTE, quote_rows

SCOPES = ("all", "documents", "quotes")
MAX_LIMIT = 200
DOCUMENT_SNIPPET_TOKENS = 24
QUOTE_SNIPPET_TOKENS = 64  # FTS5's most; most quotes are shorter and shown whole
TITLE_WEIGHT = 4.0  # a word in the title says more about a document than one in its text
SPEAKER_WEIGHT = 0.5  # a quote found by its speaker alone ranks below one found by its words

# Per kind of hit: the matches joined to their current document version (filters appended), what
# a hit carries, and its snippet. Snippets are made for the page of hits only, not every match.
_MATCHES = {
    "document": "FROM documents_fts JOIN documents d ON d.row_id = documents_fts.rowid"
                " WHERE documents_fts MATCH ? AND d.current = 1",
    "quote": "FROM quotes_fts JOIN quotes q ON q.row_id = quotes_fts.rowid"
             " JOIN documents d ON d.row_id = q.document_row WHERE quotes_fts MATCH ? AND d.current = 1",
}
_HIT_COLUMNS = {
    "document": f"'document' AS kind, documents_fts.rowid AS fts_row, NULL AS speaker,"
                f" bm25(documents_fts, {TITLE_WEIGHT}, 1.0) AS rank",
    "quote": f"'quote' AS kind, quotes_fts.rowid AS fts_row, q.speaker AS speaker,"
             f" bm25(quotes_fts, 1.0, {SPEAKER_WEIGHT}) AS rank",
}
_DOCUMENT_COLUMNS = "d.id AS doc_id, d.title AS title, d.published AS published, d.language AS lang"
_SNIPPET = {
    "document": f"SELECT snippet(documents_fts, -1, ?, ?, '…', {DOCUMENT_SNIPPET_TOKENS}) AS snippet"
                " FROM documents_fts WHERE documents_fts MATCH ? AND rowid = ?",
    "quote": f"SELECT snippet(quotes_fts, 0, ?, ?, '…', {QUOTE_SNIPPET_TOKENS}) AS snippet"
             " FROM quotes_fts WHERE quotes_fts MATCH ? AND rowid = ?",
}


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
        match = fts_query(query)
        where, where_params = _filters(lang, date_from, date_to)
        kinds = [kind for kind in _MATCHES if scope in ("all", kind + "s")]
        params = [p for _ in kinds for p in (match, *where_params)]
        total = sum(self._rows(f"SELECT COUNT(*) AS n {_MATCHES[kind]}{where}", [match, *where_params])[0]["n"]
                    for kind in kinds)
        union = " UNION ALL ".join(f"SELECT {_HIT_COLUMNS[kind]}, {_DOCUMENT_COLUMNS} {_MATCHES[kind]}{where}"
                                   for kind in kinds)
        # The two indexes' ranks are not on one scale (each has its own word statistics, and a short
        # quote scores high): each hit is ranked relative to the best of its kind, then merged.
        rows = self._rows(f"SELECT *, rank / MIN(rank) OVER (PARTITION BY kind) AS relevance FROM ({union})"
                          " ORDER BY relevance DESC, rank, doc_id, kind, fts_row LIMIT ? OFFSET ?",
                          [*params, limit, offset])
        return {"query": query, "total": total, "limit": limit, "offset": offset,
                "hits": [self._hit(r, match) for r in rows]}

    def _hit(self, row: dict[str, Any], match: str) -> dict[str, Any]:
        marked = self._rows(_SNIPPET[row["kind"]], (HIGHLIGHT_START, HIGHLIGHT_END, match, row["fts_row"]))
        snippet, highlights = split_highlights(marked[0]["snippet"] or "")
        events = list(dict.fromkeys(e["event_id"] for e in self.events_of_document(row["doc_id"])))
        return {"kind": row["kind"], "doc_id": row["doc_id"], "title": row["title"], "published": row["published"],
                "lang": row["lang"], "snippet": snippet, "highlights": highlights, "speaker": row["speaker"],
                "events": events}
