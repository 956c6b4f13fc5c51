"""Contact cue patterns, compiled once per language from data/<lang>/contacts.yaml.

Two kinds of data: cue lists (regular-expression fragments, given each
language's word ending: German inflects and compounds, English does not) and
`words` (closed-class words matched whole). The binding rules use patterns
derived from both (a source marker before a name, a preposition before a
place …); they are built here once, so the rules hold no words of their own.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from summitry.data import LANGUAGES, load_yaml

KINDS = ("video_call", "phone_call", "call", "meeting", "visit", "talk")
CUE_LISTS = ("not_contacts", "denied", "planned", "past", "initiative", "tone", "reporting", "sidelines", "arrival",
             "present", "negation", "cancelled", "joining", "date_anchors", "subordinate", "hearsay",
             "relation_nouns", "prospective", "habitual", "invitation", "hypothetical",
             "future_modifiers")
WORD_LISTS = ("source_markers", "complementizers", "place_prepositions", "articles", "between", "partner",
              "speaking_partner", "possessives", "conjunctions", "perfect_auxiliaries", "infinitive_markers",
              "topic_nouns", "span_after", "span_before")
_FLAGS = re.IGNORECASE | re.UNICODE
_NEVER = "(?!x)x"


@dataclass(frozen=True)
class Cues:
    triggers: re.Pattern[str]  # one named group per kind
    not_contacts: re.Pattern[str]
    denied: re.Pattern[str]
    planned: re.Pattern[str]
    past: re.Pattern[str]
    initiative: re.Pattern[str]
    tone: re.Pattern[str]
    reporting: re.Pattern[str]
    sidelines: re.Pattern[str]
    arrival: re.Pattern[str]
    present: re.Pattern[str]
    negation: re.Pattern[str]
    cancelled: re.Pattern[str]
    joining: re.Pattern[str]
    date_anchors: re.Pattern[str]
    subordinate: re.Pattern[str]
    hearsay: re.Pattern[str]
    relation_nouns: re.Pattern[str]
    prospective: re.Pattern[str]
    habitual: re.Pattern[str]
    invitation: re.Pattern[str]
    hypothetical: re.Pattern[str]
    future_modifiers: re.Pattern[str]
    # derived from the lists above and the closed-class words
    reporter_before: re.Pattern[str]  # "laut …", "sagte …" just before a name
    reporter_after: re.Pattern[str]  # "… sagte", "… zufolge" just after a name
    statement_before: re.Pattern[str]  # a verb of saying just before a date
    statement_after: re.Pattern[str]  # a verb of saying or denying just after a date
    anchor_before: re.Pattern[str]  # "seit", "since" before a date
    complement_start: re.Pattern[str]  # a clause opening with "dass", "that"
    place_before: re.Pattern[str]  # "nach", "in der" before a place
    topic_place_before: re.Pattern[str]  # "die Lage in der", "the war in" before a place: a topic, not a venue
    article_before: re.Pattern[str]  # "in einem" before a noun trigger
    between_after: re.Pattern[str]  # "zwischen" after a trigger
    partner_after: re.Pattern[str]  # "mit" after a trigger
    speaking_partner_after: re.Pattern[str]  # "to" after a verb of speaking
    possessive_before: re.Pattern[str]  # "seinem" before a trigger
    list_gap: re.Pattern[str]  # what may stand between two names of one list
    enumeration: re.Pattern[str]  # a clause that opens a list of people
    perfect: re.Pattern[str]  # "hat", "have": a fresh report in the present perfect
    infinitive_before: re.Pattern[str]  # "zu", "to" right before a trigger: not (yet) a fact
    future_before: re.Pattern[str]  # "his future", "ein künftiges" right before a trigger: a plan
    span_after: re.Pattern[str]  # "lang" after a duration: "sechs Monate lang" is a period
    span_before: re.Pattern[str]  # "for", "über" before a duration
    genitive_relation: re.Pattern[str]  # "…s Berater", "…'s special envoy" after a name
    compound_relation: re.Pattern[str]  # "-Regierung", " administration" right after a name


def _alternation(fragments: list[str]) -> str:
    # Longest first, so "Videotelefonat" is not read as "Telefonat".
    return "|".join(f"(?:{f})" for f in sorted(fragments, key=len, reverse=True)) or _NEVER


def _words(fragments: list[str]) -> re.Pattern[str]:
    return re.compile(rf"(?<!\w)(?:{_alternation(fragments)})", _FLAGS)


def first_letter_check(fragments: list[str]) -> str:
    """A lookahead on the letters the fragments can start with ('' when one starts otherwise).

    `re` tries every branch of an alternation at every word start; checking the
    first letter before the branches makes the whole-text scans a third faster.
    """
    letters: set[str] = set()
    for fragment in fragments:
        first = fragment.removeprefix("(?:")[:1]
        if not first.isalpha():
            return ""
        letters |= {first.lower(), first.upper()}
    return f"(?=[{re.escape(''.join(sorted(letters)))}])" if letters else ""


def _whole(words: list[str]) -> str:
    escaped = [re.escape(w).replace(r"\ ", r"\s+") for w in sorted(set(words), key=len, reverse=True)]
    return rf"(?:\b(?:{'|'.join(escaped)})\b)" if escaped else _NEVER


def merged_cue_lists(languages: tuple[str, ...]) -> tuple[dict, dict]:
    """Cue lists of the languages, each fragment given its language's word ending; and the word lists."""
    cues: dict = {}
    words: dict = {}
    for lang in languages:
        data = load_yaml(f"{lang}/contacts.yaml")
        # German inflects and compounds ("Telefonats", "Telefongespräch"); English
        # fragments spell out their forms and must end a word.
        ending = r"\w*" if data.get("inflect", True) else r"(?!\w)"
        for key, value in data.items():
            if key == "inflect":
                continue
            if key == "words":
                for name, items in value.items():
                    words.setdefault(name, []).extend(items or [])
            elif isinstance(value, dict):
                slot = cues.setdefault(key, {})
                for sub, items in value.items():
                    slot.setdefault(sub, []).extend(f"(?:{item}){ending}" for item in items or [])
            else:
                cues.setdefault(key, []).extend(f"(?:{item}){ending}" for item in value or [])
    return cues, words


@lru_cache(maxsize=None)
def cues_for(language: str | None) -> Cues:
    """Compiled cues for one language, or for all when it is unknown."""
    languages = (language,) if language in LANGUAGES else LANGUAGES
    data, words = merged_cue_lists(languages)
    groups = [f"(?P<{kind}>{_alternation(data['triggers'][kind])})"
              for kind in KINDS if data["triggers"].get(kind)]
    lists = {key: _words(data.get(key, [])) for key in CUE_LISTS}
    # scanned over whole texts: worth a first-letter check before the branches
    lists["not_contacts"] = re.compile(first_letter_check(data.get("not_contacts", [])) + lists["not_contacts"].pattern,
                                       _FLAGS)
    trigger_fragments = [f for kind in KINDS for f in data["triggers"].get(kind, [])]
    w = {name: _whole(words.get(name, [])) for name in WORD_LISTS}
    reporting, denied = lists["reporting"].pattern, lists["denied"].pattern
    relation = lists["relation_nouns"].pattern
    return Cues(
        triggers=re.compile(rf"{first_letter_check(trigger_fragments)}(?<!\w)(?:{'|'.join(groups)})", _FLAGS),
        **lists,
        reporter_before=re.compile(rf"(?:{w['source_markers']}|{reporting})\W+(?:\w+\W+){{0,4}}$", _FLAGS),
        reporter_after=re.compile(rf"\W*(?:{reporting}|{w['source_markers']})", _FLAGS),
        statement_before=re.compile(rf"(?:{reporting})(?:\W+\w+){{0,4}}\W*$", _FLAGS),
        statement_after=re.compile(rf"\W*(?:{reporting}|{denied})", _FLAGS),
        anchor_before=re.compile(rf"(?:{lists['date_anchors'].pattern})\W*(?:\w+\W+){{0,2}}$", _FLAGS),
        complement_start=re.compile(rf"\s*{w['complementizers']}", _FLAGS),
        place_before=re.compile(rf"{w['place_prepositions']}\s+(?:{w['articles']}\s+)?$", _FLAGS),
        topic_place_before=re.compile(
            rf"(?:{w['topic_nouns']})\w*\s+{w['place_prepositions']}\s+(?:{w['articles']}\s+)?$", _FLAGS),
        article_before=re.compile(rf"{w['articles']}\s+(?:\w+\s+)?$", _FLAGS),
        between_after=re.compile(rf"\W*(?:\w+\W+)?{w['between']}", _FLAGS),
        partner_after=re.compile(rf"\W*{w['partner']}", _FLAGS),
        speaking_partner_after=re.compile(rf"\W*{w['speaking_partner']}", _FLAGS),
        possessive_before=re.compile(rf"{w['possessives']}\s+(?:\w+\s+)?$", _FLAGS),
        list_gap=re.compile(rf"\s*(?:,|&|{w['conjunctions']})\s*(?:[\w.-]+\s+){{0,4}}", _FLAGS),
        enumeration=re.compile(rf"{w['between']}|{w['partner']}|{w['conjunctions']}", _FLAGS),
        perfect=re.compile(w["perfect_auxiliaries"], _FLAGS),
        infinitive_before=re.compile(rf"{w['infinitive_markers']}\s+$", _FLAGS),
        future_before=re.compile(rf"(?:{lists['future_modifiers'].pattern})\s+(?:\w+\s+)?$", _FLAGS),
        span_after=re.compile(rf"\s*{w['span_after']}", _FLAGS),
        span_before=re.compile(rf"{w['span_before']}\s+$", _FLAGS),
        genitive_relation=re.compile(rf"(?:['’]s?|s)?\s+(?:[\w.-]+\s+){{0,2}}?(?:{relation})", _FLAGS),
        compound_relation=re.compile(rf"[\s-](?:{relation})", _FLAGS),
    )


@lru_cache(maxsize=None)
def cue_fragments(language: str | None) -> dict[str, list[str]]:
    """The fragments each list pattern of `cues_for(language)` alternates ("triggers": every kind's)."""
    languages = (language,) if language in LANGUAGES else LANGUAGES
    data, _ = merged_cue_lists(languages)
    fragments = {key: list(data.get(key, [])) for key in CUE_LISTS}
    fragments["triggers"] = [f for kind in KINDS for f in data["triggers"].get(kind, [])]
    return fragments
