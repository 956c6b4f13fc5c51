"""Topics from a small taxonomy, per sentence and per document.

The taxonomy is data/topics.yaml; the cue words per language are
data/<lang>/topics.yaml (their header documents the cue syntax and weights).
docs/topics.md is generated from the taxonomy by `describe_taxonomy()`.

All cues of a language are compiled into one Aho-Corasick automaton
(pyahocorasick) and the text is scanned once: about 0.3 ms for 5 KB of German.
The same cues as one `re` alternation took about 70 ms, since `re` tries the
branches one by one at every position, and the whole extraction has 5 ms a
document. Word boundaries are made part of the automaton's keys: the text is
lower-cased and every character that is not a letter or digit becomes one
space (length-preserving, so offsets stay valid), and a cue that must start
or end a word carries a space on that side. That is what lets stems
("Handels*"), suffixes ("*handel") and infixes ("*energie*") match inside
German compounds without a lemmatiser: stems do the work of lemmas here at a
fraction of the cost, so simplemma is not used.

Where matches overlap, the one that starts first wins, and of those the
longest, so a phrase absorbs the words inside it. A sentence carries a topic
once its cue weights reach SENTENCE_THRESHOLD; a document carries a topic
once the weights summed over its sentences (each sentence counting at most
SENTENCE_CAP, so one list-like sentence cannot dominate) reach
DOCUMENT_THRESHOLD. Weak cues (weight 0.5: "Ukraine", "USA", "Sicherheit")
therefore need a second cue in the same sentence, or a second mention in the
document.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass
from functools import lru_cache

import ahocorasick

from summitry.annotate.doctext import lower_same_length, only_words, word_text
from summitry.data import LANGUAGES, load_yaml
from summitry.errors import DataFileError
from summitry.records import Span, Statement

TAXONOMY_FILE = "topics.yaml"
SENTENCE_THRESHOLD = 1.0
DOCUMENT_THRESHOLD = 1.0
SENTENCE_CAP = 2.0
_EPS = 1e-9  # cue weights like 0.3 do not add up exactly in binary

_KEY = re.compile(r"[a-z][a-z0-9_]*\Z")
# every character but letters, digits and spaces becomes one space ("_" stays a word character,
# as in `doctext.only_words`, which does this for the whole text)
_SEP = re.compile(r"[^\w ]")
_WEIGHT = re.compile(r"(.*?)\s+~\s*([0-9]*\.?[0-9]+)\Z")
_TOKEN_SPLIT = re.compile(r"[\s\-/]+")
_TOPIC_FIELDS = {"key", "label_en", "label_de", "description", "parent"}


@dataclass(frozen=True)
class Topic:
    key: str
    label_en: str
    label_de: str
    description: str
    parent: str | None = None


@dataclass(frozen=True)
class Cue:
    """One cue word or phrase of one language, parsed from its data file."""

    source: str  # the entry as written in the data file
    topic: str
    weight: float
    word_start: bool  # must begin a word (no leading `*`)
    word_end: bool  # must end a word (no trailing `*`)
    normal: str  # lower-cased, separators as single spaces: what the automaton looks for
    cased: str | None  # for case-sensitive cues (US, UN, APEC): the text must read exactly this

    @property
    def key(self) -> str:
        return (" " if self.word_start else "") + self.normal + (" " if self.word_end else "")


def _normalize(text: str) -> str:
    """Lower-cased text with every non-word character as one space, same length as the input."""
    return only_words(lower_same_length(text))


def _is_case_sensitive(body: str) -> bool:
    """True when a token of the cue is written in capitals (US, U.S., APEC, New START)."""
    for token in _TOKEN_SPLIT.split(body):
        letters = [c for c in token if c.isalpha()]
        if len(letters) >= 2 and all(c.isupper() for c in letters):
            return True
    return False


def parse_cue(entry: object, topic: str, where: str) -> Cue:
    """A cue from its data-file entry ("Handels*", "Ukraine ~0.5", "*energie*")."""
    if not isinstance(entry, str) or not entry.strip():
        raise DataFileError(f"data file {where}: topic {topic}: cue {entry!r} is not a non-empty string")
    body, weight = entry.strip(), 1.0
    m = _WEIGHT.match(body)
    if m:
        body, weight = m.group(1), float(m.group(2))
        if not 0 <= weight <= 1:
            raise DataFileError(f"data file {where}: topic {topic}: cue {entry!r} has a weight outside [0, 1]")
    word_start, word_end = not body.startswith("*"), not body.endswith("*")
    body = body.strip("*")
    if "*" in body:
        raise DataFileError(f"data file {where}: topic {topic}: cue {entry!r} has `*` inside; only at its ends")
    normal = _normalize(body).strip()
    if not normal:
        raise DataFileError(f"data file {where}: topic {topic}: cue {entry!r} has no letters or digits")
    cased = _SEP.sub(" ", body).strip() if _is_case_sensitive(body) else None
    return Cue(entry, topic, weight, word_start, word_end, normal, cased)


@lru_cache(maxsize=None)
def taxonomy() -> dict[str, Topic]:
    """The topics of data/topics.yaml by key, in file order (parents before children)."""
    data = load_yaml(TAXONOMY_FILE)
    entries = data.get("topics") if isinstance(data, dict) else None
    if not isinstance(entries, list) or not entries:
        raise DataFileError(f"data file {TAXONOMY_FILE}: expected a non-empty list under `topics`")
    out: dict[str, Topic] = {}
    for entry in entries:
        if not isinstance(entry, dict):
            raise DataFileError(f"data file {TAXONOMY_FILE}: topic {entry!r} is not a mapping")
        key = entry.get("key")
        if not isinstance(key, str) or not _KEY.match(key):
            raise DataFileError(f"data file {TAXONOMY_FILE}: topic key {key!r} is not lower_snake_case")
        if key in out:
            raise DataFileError(f"data file {TAXONOMY_FILE}: topic {key} is listed twice")
        unknown = set(entry) - _TOPIC_FIELDS
        if unknown:
            raise DataFileError(f"data file {TAXONOMY_FILE}: topic {key}: unknown fields {sorted(unknown)}")
        for name in ("label_en", "label_de", "description"):
            if not isinstance(entry.get(name), str) or not entry[name].strip():
                raise DataFileError(f"data file {TAXONOMY_FILE}: topic {key}: `{name}` is missing")
        parent = entry.get("parent")
        if parent is not None and parent not in out:
            raise DataFileError(f"data file {TAXONOMY_FILE}: topic {key}: parent {parent!r} is not listed above it")
        description = " ".join(entry["description"].split())
        out[key] = Topic(key, entry["label_en"].strip(), entry["label_de"].strip(), description, parent)
    return out


def ancestors(key: str) -> list[str]:
    """The broader topics above `key`, nearest first."""
    topics, out = taxonomy(), []
    parent = topics[key].parent
    while parent is not None:
        out.append(parent)
        parent = topics[parent].parent
    return out


@lru_cache(maxsize=None)
def cues(lang: str) -> tuple[Cue, ...]:
    """The cues of data/<lang>/topics.yaml, checked against the taxonomy."""
    where = f"{lang}/topics.yaml"
    data = load_yaml(where)
    if not isinstance(data, dict) or not data:
        raise DataFileError(f"data file {where}: expected a mapping of topic key to cue list")
    topics = taxonomy()
    out: list[Cue] = []
    seen: dict[str, str] = {}
    for topic, entries in data.items():
        if topic not in topics:
            raise DataFileError(f"data file {where}: {topic!r} is not a topic of {TAXONOMY_FILE}")
        if not isinstance(entries, list) or not entries:
            raise DataFileError(f"data file {where}: topic {topic}: expected a non-empty list of cues")
        for entry in entries:
            cue = parse_cue(entry, topic, where)
            # the same key twice would count its matches twice, or split them between two topics unseen
            if cue.key in seen:
                raise DataFileError(f"data file {where}: cue {entry!r} ({topic}) repeats {seen[cue.key]}")
            seen[cue.key] = f"{cue.source!r} ({topic})"
            out.append(cue)
    return tuple(out)


@lru_cache(maxsize=None)
def _automaton(langs: tuple[str, ...]) -> ahocorasick.Automaton:
    by_key: dict[str, list[Cue]] = {}
    for lang in langs:
        for cue in cues(lang):
            group = by_key.setdefault(cue.key, [])
            # languages share some cues ("Gas", "APEC"): one match must not count twice
            if not any(c.topic == cue.topic and c.cased == cue.cased for c in group):
                group.append(cue)
    auto = ahocorasick.Automaton()
    for key, group in by_key.items():
        auto.add_word(key, (len(key), int(group[0].word_start), int(group[0].word_end), tuple(group)))
    auto.make_automaton()
    return auto


def _languages(lang: str | None) -> tuple[str, ...]:
    """The cue sets to use: the document's language, or all of them when it is unknown."""
    return (lang,) if lang in LANGUAGES else tuple(LANGUAGES)


def find_cues(text: str, *, lang: str | None) -> list[tuple[Span, Cue]]:
    """The cue matches in the text, overlaps resolved (first start, then longest), in order."""
    return [(Span(start, end), cue) for start, end, cue in _cue_matches(text, lang)]


def _cue_matches(text: str, lang: str | None) -> list[tuple[int, int, Cue]]:
    """`find_cues` as (start, end, cue)."""
    haystack = word_text(text)  # " " + _normalize(text) + " ", shared with the actor stage
    found: list[tuple[int, int, Cue]] = []
    last: int
    length: int
    lead: int
    trail: int
    group: tuple[Cue, ...]
    for last, (length, lead, trail, group) in _automaton(_languages(lang)).iter(haystack):
        # haystack index i is text index i - 1 (the leading pad); sentinel spaces are not part of the word
        start = last - length + lead
        end = last - trail
        for cue in group:
            if cue.cased is not None and _SEP.sub(" ", text[start:end]) != cue.cased:
                continue
            found.append((start, end, cue))
    found.sort(key=_by_start_then_longest)
    out: list[tuple[int, int, Cue]] = []
    last_end, last_span, last_topics = -1, None, set()
    for start, end, cue in found:
        if start >= last_end:
            last_end, last_span, last_topics = end, (start, end), {cue.topic}
            out.append((start, end, cue))
        elif (start, end) == last_span and cue.topic not in last_topics:
            # the same words as a cue of another topic (or language); as a stem and a suffix
            # of one topic ("Sicherheit*", "*sicherheit") they count once
            last_topics.add(cue.topic)
            out.append((start, end, cue))
    return out


def _by_start_then_longest(m: tuple[int, int, Cue]) -> tuple[int, int]:
    """Sort key: leftmost first, then longest."""
    return m[0], -m[1]


def tag_topics(text: str, sentences: list[Span], *, lang: str | None) -> tuple[list[str], list[Statement]]:
    """(document topics, one Statement per sentence that carries a topic)."""
    starts = [s.start for s in sentences]
    ends = [s.end for s in sentences]
    scores: dict[int, dict[str, float]] = {}
    first: dict[str, int] = {}
    stray = -1  # a match outside every sentence counts as its own unit for the document
    for start, _end, cue in _cue_matches(text, lang):
        i = bisect_right(starts, start) - 1
        if i < 0 or start >= ends[i]:
            i, stray = stray, stray - 1
        weight = cue.weight
        if not weight:  # a blocker ("Sicherheitsberater ~0"): its words are spoken for, and count nothing
            continue
        topic = cue.topic
        unit = scores.get(i)
        if unit is None:
            unit = scores[i] = {}
        unit[topic] = unit.get(topic, 0.0) + weight
        if topic not in first:
            first[topic] = start

    statements: list[Statement] = []
    document: dict[str, float] = {}
    for i in sorted(k for k in scores if k >= 0):
        weights = scores[i]
        carried = [t for t, w in weights.items() if w + _EPS >= SENTENCE_THRESHOLD]
        if carried:
            if len(carried) > 1:  # most sentences carry one topic: nothing to order
                carried.sort(key=lambda t: (-weights[t], first[t]))
            statements.append(Statement(span=sentences[i], side="unknown", topics=carried))
    for unit in scores.values():
        for topic, weight in unit.items():
            document[topic] = document.get(topic, 0.0) + min(weight, SENTENCE_CAP)
    topics = [t for t, w in document.items() if w + _EPS >= DOCUMENT_THRESHOLD]
    topics.sort(key=lambda t: (-document[t], first[t]))
    return topics, statements


def describe_taxonomy() -> str:
    """docs/topics.md: the taxonomy as Markdown, generated from data/topics.yaml."""
    topics = taxonomy()
    lines = [
        "# Topics",
        "",
        "<!-- Generated from src/summitry/data/topics.yaml by summitry.annotate.topics.describe_taxonomy();",
        "     do not edit: run `.venv/bin/python -m summitry.annotate.topics > docs/topics.md`. -->",
        "",
        "Stage 7 of the pipeline (`summitry.annotate.topics.tag_topics`) tags each sentence, and the",
        "document, with topics from this taxonomy. Cue words and phrases per language are in",
        "`src/summitry/data/<lang>/topics.yaml`; their header explains the cue syntax (whole words,",
        "stems, suffixes and infixes for German compounds, phrases, case-sensitive acronyms) and the",
        "weights.",
        "",
        f"- A sentence carries a topic when the weights of its cues for it reach {SENTENCE_THRESHOLD:g}.",
        "  A cue that names the topic by itself weighs 1; a weak cue (a country that is also a topic,",
        "  such as \"Ukraine\", or a generic word such as \"Sicherheit\") weighs 0.5 or 0.3; a blocker",
        "  (weight 0) keeps a word such as \"Sicherheitsberater\" from counting for the cue inside it.",
        f"- A document carries a topic when the weights summed over its sentences reach {DOCUMENT_THRESHOLD:g}",
        f"  (each sentence counting at most {SENTENCE_CAP:g}); document topics are ordered by that sum.",
        "- The tagger reports the most specific topic it finds; compare at a coarser level by climbing",
        "  the parents (`summitry.annotate.topics.ancestors`).",
        "",
        "| key | English | German | parent | description |",
        "|---|---|---|---|---|",
    ]
    for t in topics.values():
        depth = len(ancestors(t.key))
        key = "&nbsp;&nbsp;" * depth + f"`{t.key}`"
        parent = f"`{t.parent}`" if t.parent else ""
        description = t.description.replace("|", "\\|")
        lines.append(f"| {key} | {t.label_en} | {t.label_de} | {parent} | {description} |")
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    print(describe_taxonomy(), end="")
