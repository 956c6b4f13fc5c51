"""Search text as people type it → a safe FTS5 query or tsquery; snippets → plain text with highlight ranges.

People type words and "quoted phrases", not query syntax: `New START`, `Xi-Putin`, a stray `"`,
`(`, `*` or `AND` must never reach SQLite or PostgreSQL as syntax. So the text is parsed here into
terms of letters and digits (`parse_query`), and each back end's query is written from those: every
word becomes an FTS5 string ("…", which FTS5 never reads as an operator) or a quoted tsquery lexeme
('…'), a quoted phrase or a hyphenated word one phrase (FTS5 "a b", tsquery 'a' <-> 'b'),
and only three things keep a meaning: OR between two terms, a trailing `*` (prefix search),
and AND, which is what terms next to each other mean anyway. A plain word of five letters or more
is searched as a prefix too, so that it finds its German inflections.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass

from summitry.errors import BadQuery

MAX_TERMS = 32  # more words than anyone types; a pasted paragraph is an error, not a slow scan
HIGHLIGHT_START, HIGHLIGHT_END = "\ue000", "\ue001"  # private use: not expected in news text

_QUOTE_MARKS = str.maketrans({c: '"' for c in "„“”«»"})  # German and French quotes open phrases too
_SPACE = re.compile(r"\s+")
_WORD = re.compile(r"[^\W_]+")  # letters and digits, as FTS5's unicode61 tokenizer cuts words
# German spellings without umlauts or ß ("Mueller", "Strasse") also find the umlaut forms; the index
# folds "ü" to "u" already, so "ue" → "u" is enough. A shorter variant would match initials ("Joe" → "j").
_SPELLING_VARIANTS = (("ue", "u"), ("oe", "o"), ("ae", "a"), ("ss", "ß"), ("ß", "ss"))
_MIN_VARIANT_LENGTH = 4
# A plain word this long also finds its inflected forms ("Telefonat" → "Telefonats", "Telefonate";
# "Putin" → "Putins"): FTS5 has no German stemmer, and German adds its endings to the word.
# Shorter words ("Xi", "USA") and quoted phrases are matched as typed.
_INFLECTED_FROM = 5


@dataclass(frozen=True)
class Term:
    """Words that must follow each other (one word, or a phrase), lower-cased; `prefix`: the last one may go on."""

    words: tuple[str, ...]
    prefix: bool = False


# A parsed query: groups joined by AND; a group's items joined by OR; an item's terms are one
# typed word's spellings (OR'd too, but kept apart so each back end renders the query as typed).
Item = tuple[Term, ...]
Query = list[list[Item]]


def _word_item(word: str, prefix: bool) -> Item:
    """One word, and its other German spellings."""
    word = word.lower()
    forms = [word]
    for written, variant in _SPELLING_VARIANTS:
        other = word.replace(written, variant)
        if other != word and len(other) >= _MIN_VARIANT_LENGTH and other not in forms:
            forms.append(other)
    return tuple(Term((form,), prefix) for form in forms)


def _phrase_item(words: list[str], prefix: bool = False) -> Item:
    return (Term(tuple(w.lower() for w in words), prefix),)


def _chunk_items(chunk: str) -> list[Item]:
    """The item of one space-separated chunk outside quotes: a word, or a phrase ("Xi-Putin")."""
    words = _WORD.findall(chunk)
    if not words:
        return []
    prefix = chunk.rstrip(")]}.,;:!?").endswith("*")
    if len(words) == 1:
        return [_word_item(words[0], prefix or len(words[0]) >= _INFLECTED_FROM)]
    return [_phrase_item(words, prefix)]


def _parts(text: str) -> list[tuple[bool, str]]:
    """(quoted, text) pieces; an unclosed quote's text is read as plain words."""
    pieces = text.translate(_QUOTE_MARKS).split('"')
    if len(pieces) % 2 == 0:  # an odd number of quote marks: the last one opens nothing
        pieces[-2:] = [pieces[-2] + " " + pieces[-1]]
    return [(i % 2 == 1, p) for i, p in enumerate(pieces)]


def parse_query(text: str) -> Query:
    """What a user typed as groups of terms; BadQuery when it holds no word to search for."""
    groups: Query = []
    pending_or = False
    for quoted, part in _parts(unicodedata.normalize("NFKC", text)):
        if quoted:
            words = _WORD.findall(part)
            items: list[Item | str] = [_phrase_item(words)] if words else []
        else:
            items = []
            for chunk in part.split():
                items.extend(["OR"] if chunk == "OR" else [] if chunk == "AND" else _chunk_items(chunk))
        for item in items:
            if item == "OR":
                pending_or = bool(groups)
            elif pending_or:
                groups[-1].append(item)
                pending_or = False
            else:
                groups.append([item])
    if not groups:
        raise BadQuery(f"nothing to search for in {text.strip()[:60]!r}: give one or more words")
    n_terms = sum(len(g) for g in groups)
    if n_terms > MAX_TERMS:
        raise BadQuery(f"the query has {n_terms} words or phrases; at most {MAX_TERMS} are searched")
    return groups


def render(query: Query, term: Callable[[Term], str], or_: str, and_: str) -> str:
    """A parsed query in a back end's syntax, given how it spells one term, OR and AND."""
    def any_of(alternatives: list[str]) -> str:
        return alternatives[0] if len(alternatives) == 1 else "(" + f" {or_} ".join(alternatives) + ")"

    return f" {and_} ".join(any_of([any_of([term(t) for t in item]) for item in group]) for group in query)


def fts5_term(term: Term) -> str:
    # words are letters and digits only, so they need no escaping inside "…"
    return '"' + " ".join(term.words) + '"' + ("*" if term.prefix else "")


def fts_query(text: str) -> str:
    """The FTS5 query for what a user typed; BadQuery when it holds no word to search for."""
    return render(parse_query(text), fts5_term, "OR", "AND")


def tsquery_term(term: Term) -> str:
    # 'quoted' lexemes: letters and digits need no escaping, and no operator can be spelt with them
    words = [f"'{w}'" for w in term.words]
    if term.prefix:
        words[-1] += ":*"
    return words[0] if len(words) == 1 else "(" + " <-> ".join(words) + ")"


def tsquery(text: str) -> str:
    """The PostgreSQL tsquery (for to_tsquery) for what a user typed; BadQuery as for fts_query."""
    return render(parse_query(text), tsquery_term, "|", "&")


def split_highlights(marked: str) -> tuple[str, list[list[int]]]:
    """A snippet with highlight markers → (plain text on one line, [[start, end], …] offsets into it)."""
    plain: list[str] = []
    ranges: list[list[int]] = []
    size = 0
    start: int | None = None
    for piece in re.split(f"([{HIGHLIGHT_START}{HIGHLIGHT_END}])", marked):
        if piece == HIGHLIGHT_START:
            start = size
        elif piece == HIGHLIGHT_END:
            if start is not None and size > start:
                ranges.append([start, size])
            start = None
        else:
            piece = _SPACE.sub(" ", piece)  # one line: paragraph breaks would break a result list
            plain.append(piece)
            size += len(piece)
    return "".join(plain), ranges
