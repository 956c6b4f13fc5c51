"""Full-text search: the query sanitiser, Store.search over a small store, the 0005 migration.

Searches run on both back ends (`store_url`, conftest.py) and must find the same hits; their
ranking functions differ (FTS5's bm25, PostgreSQL's ts_rank), so hits are compared as sets where
the order is not the point.
"""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from test_store import make_doc

from summitry.errors import BadQuery, StoreError
from summitry.store import Store, open_store
from summitry.store import base as store_base
from summitry.store.fts import fts_query, split_highlights, tsquery
from summitry.store.schema import MIGRATIONS, SCHEMA_VERSION, SQLITE, m0005_search

# -- the sanitiser ----------------------------------------------------------


@pytest.mark.parametrize("text, expected", [
    ("New START", '"new" AND "start"*'),  # five letters and more: its inflections too
    ('"New START"', '"new start"'),
    ("„New START“ Vertrag", '"new start" AND "vertrag"*'),  # German quotation marks open a phrase too
    ("Xi-Putin", '"xi putin"'),  # a hyphenated word is a phrase, as the tokenizer splits it
    ("Putin AND Xi", '"putin"* AND "xi"'),  # AND is what neighbours mean anyway
    ("Putin OR Trump Xi", '("putin"* OR "trump"*) AND "xi"'),
    ("OR Putin OR", '"putin"*'),  # an OR with nothing on one side is dropped
    ("Selensk*", '"selensk"*'),
    ('Putin "Xi', '"putin"* AND "xi"'),  # an unclosed quote opens nothing
    ("(Putin) NOT NEAR", '"putin"* AND "not" AND "near"'),  # no other operator reaches FTS5
    ("Mueller", '("mueller"* OR "muller"*)'),  # the index folds ü to u
    ("Straße", '("straße"* OR "strasse"*)'),
    ("Joe", '"joe"'),  # no variant as short as an initial
])
def test_fts_query_makes_safe_fts5(text, expected):
    assert fts_query(text) == expected


@pytest.mark.parametrize("text, expected", [
    ("New START", "'new' & 'start':*"),
    ('"New START" Vertrag', "('new' <-> 'start') & 'vertrag':*"),  # a phrase: words one after the other
    ("Xi-Putin*", "('xi' <-> 'putin':*)"),
    ("Putin OR Trump Xi", "('putin':* | 'trump':*) & 'xi'"),
    ("Mueller", "('mueller':* | 'muller':*)"),
    ("(Putin) !NOT <-> 'a':* \\", "'putin':* & 'not' & 'a':*"),  # no tsquery operator or quote gets through
])
def test_tsquery_makes_safe_tsquery(text, expected):
    assert tsquery(text) == expected


@pytest.mark.parametrize("text", ["", "   ", "*", "()", '"', '""', "AND", "OR OR", "- – …", "\x00"])
def test_fts_query_without_words_is_a_bad_query(text):
    with pytest.raises(BadQuery, match="nothing to search for"):
        fts_query(text)


def test_fts_query_refuses_a_pasted_paragraph():
    with pytest.raises(BadQuery, match="at most"):
        fts_query(" ".join(f"w{i}" for i in range(40)))


@pytest.mark.parametrize("marked, plain, ranges", [
    ("…der \ue000New\ue001 \ue000START\ue001 hin", "…der New START hin", [[5, 8], [9, 14]]),
    ("kein Treffer", "kein Treffer", []),
    ("\ue000\ue001leer", "leer", []),  # an empty mark is no highlight
    ("Titel\n\n\ue000Woodside\ue001. Biden", "Titel Woodside. Biden", [[6, 14]]),  # on one line
])
def test_split_highlights_gives_offsets_into_the_plain_snippet(marked, plain, ranges):
    assert split_highlights(marked) == (plain, ranges)


# -- search over a store ----------------------------------------------------

QUOTE = "Jede Jahreszeit ist Frühling in unseren Beziehungen"
TEXTS = {
    "start": ("Putin erwähnte das Abkommen New START. Der Vertrag läuft aus.", "de", date(2026, 2, 5)),
    "xi": (f"Xi und Putin sprachen per Video. „{QUOTE}“, sagte Putin.", "de", date(2025, 1, 21)),
    "en": ("Trump and Putin spoke about the New START treaty by phone.", "en", date(2025, 2, 12)),
    "zel": ("Präsident Selenskyj reiste nach Washington.", "de", None),
}


def _fill(s: Store) -> Store:
    for doc_id, (text, lang, day) in TEXTS.items():
        s.add_document(make_doc(doc_id, text, language=lang, published=day, title=f"Titel {doc_id}"))
    start = TEXTS["xi"][0].index(QUOTE)
    s.save_extraction("xi", {"id": "xi", "quotes": [
        {"text": QUOTE, "speaker": {"name": "Vladimir Putin", "wikidata": "Q7747"},
         "start": start, "end": start + len(QUOTE)}]})
    s.replace_events([{"id": "putin-xi-2025-01-21-call", "document_roles": [{"document": "xi", "role": "main"}]}])
    return s


@pytest.fixture(scope="module")
def store(module_store_url):
    """The small store, shared by the tests that only search it (one per back end)."""
    with open_store(module_store_url) as s:
        yield _fill(s)


@pytest.fixture
def fresh_store(store_url):
    """The small store, for a test of its own that changes it."""
    with open_store(store_url) as s:
        yield _fill(s)


def _hits(result):
    return [(h["kind"], h["doc_id"]) for h in result["hits"]]


def test_search_finds_documents_with_highlights_on_the_matched_words(store):
    result = store.search('"New START"', scope="documents")
    assert result["total"] == 2 and sorted(_hits(result)) == [("document", "en"), ("document", "start")]
    for hit in result["hits"]:
        assert [hit["snippet"][s:e] for s, e in hit["highlights"]] == ["New START"]
        assert "\ue000" not in hit["snippet"]


def test_search_finds_german_inflections_of_a_longer_word(store):
    # a plain word of five letters or more is also a prefix (German endings: "Telefonat" → "Telefonats");
    # a longer form does not find the shorter one, and a quoted phrase is matched as typed
    assert sorted(_hits(store.search("Präsident", scope="documents"))) == [("document", "zel")]
    assert sorted(_hits(store.search("Abkommen", scope="documents"))) == [("document", "start")]
    assert _hits(store.search("Abkommens", scope="documents")) == []  # a prefix, not a stem
    assert sorted(_hits(store.search("Washingto", scope="documents"))) == [("document", "zel")]
    assert sorted(_hits(store.search('"Washingto"', scope="documents"))) == []  # a phrase as typed


def test_search_finds_quotes_with_speaker_and_events(store):
    result = store.search("fruhling", scope="quotes")  # without the umlaut
    assert _hits(result) == [("quote", "xi")]
    hit = result["hits"][0]
    assert hit["snippet"] == QUOTE and hit["speaker"] == "Vladimir Putin"
    assert [hit["snippet"][s:e] for s, e in hit["highlights"]] == ["Frühling"]
    assert hit["events"] == ["putin-xi-2025-01-21-call"]
    assert hit["title"] == "Titel xi" and hit["published"] == "2025-01-21" and hit["lang"] == "de"


def test_search_all_scopes_gives_both_kinds(store):
    assert sorted(_hits(store.search("Jahreszeit"))) == [("document", "xi"), ("quote", "xi")]


@pytest.mark.parametrize("filters, expected", [
    ({"lang": "en"}, ["en"]),
    ({"lang": "de"}, ["start", "xi"]),
    ({"date_from": date(2025, 2, 1)}, ["en", "start"]),
    ({"date_to": date(2025, 2, 12)}, ["en", "xi"]),
    ({"date_from": date(2025, 1, 1), "date_to": date(2025, 12, 31)}, ["en", "xi"]),
])
def test_search_filters_on_the_document(store, filters, expected):
    result = store.search("Putin", scope="documents", **filters)
    assert sorted(h["doc_id"] for h in result["hits"]) == expected and result["total"] == len(expected)


def test_search_pages_through_the_hits(store):
    everything = store.search("Putin", limit=10)
    assert everything["total"] == 4 and len(everything["hits"]) == 4  # three documents and the quote by its speaker
    pages = [store.search("Putin", limit=3, offset=o) for o in (0, 3)]
    assert [len(p["hits"]) for p in pages] == [3, 1] and all(p["total"] == 4 for p in pages)
    assert _hits(pages[0]) + _hits(pages[1]) == _hits(everything)
    assert (pages[1]["limit"], pages[1]["offset"], pages[1]["query"]) == (3, 3, "Putin")


def test_search_returns_current_versions_only(fresh_store):
    store = fresh_store
    store.add_document(make_doc("start", "Putin erwähnte das Abrüstungsabkommen.", published=date(2026, 2, 6)))
    assert store.search("START")["total"] == 1  # only "en" still says it
    assert store.search("Abrüstungsabkommen")["hits"][0]["published"] == "2026-02-06"
    store.add_document(make_doc("xi", "Neuer Text ohne das Zitat."))
    assert store.search("Jahreszeit")["total"] == 0  # the old version's quote went with it


def test_search_replaces_quotes_when_the_extraction_is_saved_again(fresh_store):
    store = fresh_store
    store.save_extraction("xi", {"id": "xi", "quotes": [{"text": "Ein neues Zitat", "speaker": None}]})
    assert store.search("Jahreszeit", scope="quotes")["total"] == 0
    assert store.search("neues Zitat", scope="quotes")["hits"][0]["speaker"] is None


@pytest.mark.parametrize("kwargs, message", [
    ({"limit": 0}, "limit"), ({"limit": 201}, "limit"), ({"offset": -1}, "offset"), ({"scope": "events"}, "scope"),
])
def test_search_bad_paging_is_a_bad_query(store, kwargs, message):
    with pytest.raises(BadQuery, match=message):
        store.search("Putin", **kwargs)


def test_bad_query_is_a_value_error_too():
    assert issubclass(BadQuery, ValueError)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.text(alphabet=st.sampled_from(list('ab Xi"()*-:^+{}[],.\'„“ANDORNOT\x00ßü')) | st.characters(),
               max_size=40))
def test_search_any_text_gives_hits_or_a_bad_query_never_an_sqlite_error(store, text):
    try:
        result = store.search(text)
    except BadQuery:
        return
    assert result["total"] >= len(result["hits"])


# -- the migration ----------------------------------------------------------

def test_migration_backfills_a_store_made_at_0004(store_url, monkeypatch):
    path = store_url
    with monkeypatch.context() as m:  # a store written before 0005_search existed
        before = [mg.name for mg in MIGRATIONS].index("0005_search")
        m.setattr(store_base, "MIGRATIONS", MIGRATIONS[:before])
        m.setattr(store_base, "SCHEMA_VERSION", before)
        m.setattr(Store, "_index_quotes", lambda self, row, record: None)
        with open_store(path) as old:
            assert old.schema_version == 4
            old.add_document(make_doc("a", "Das Abkommen New START läuft aus."))
            old.add_document(make_doc("b", "Ein Text über anderes."))
            old.save_extraction("b", {"id": "b", "quotes": [{"text": "Wir sind Freunde", "speaker": {"name": "Xi"}}]})
            old.add_document(make_doc("a", "Ein neuer Text über anderes."))  # "a" superseded
    with open_store(path) as upgraded:
        assert upgraded.schema_version == SCHEMA_VERSION
        assert upgraded.search("Freunde")["hits"][0]["speaker"] == "Xi"
        assert _hits(upgraded.search("anderes", scope="documents")) in ([("document", "a"), ("document", "b")],
                                                                         [("document", "b"), ("document", "a")])
        assert upgraded.search("START")["total"] == 0


def test_migration_without_fts5_is_a_clear_store_error():
    class NotCompiledIn:
        def fetchall(self):
            return [(0,)]

    with pytest.raises(StoreError, match="FTS5"):
        m0005_search(lambda sql, params=(): NotCompiledIn(), SQLITE)


def test_search_index_follows_documents_by_trigger(store_url):
    path = store_url
    with open_store(path) as s:
        s.add_document(make_doc("a", "Gipfeltreffen in Genf."))
        with s.transaction():  # even a write that bypasses the store's methods keeps the index true
            s._execute("UPDATE documents SET clean_text = 'Gipfeltreffen in Wien.' WHERE id = 'a'")
    with open_store(path) as s:
        assert s.search("Wien")["total"] == 1 and s.search("Genf")["total"] == 0
