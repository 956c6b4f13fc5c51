"""Contact cue patterns, compiled once per language from data/<lang>/contacts.yaml."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from summitry.data import LANGUAGES, load_yaml

KINDS = ("video_call", "phone_call", "call", "meeting", "visit", "talk")
_FLAGS = re.IGNORECASE | re.UNICODE


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


def _alternation(fragments: list[str]) -> str:
    # Longest first, so "Videotelefonat" is not read as "Telefonat".
    return "|".join(f"(?:{f})" for f in sorted(fragments, key=len, reverse=True))


def _words(fragments: list[str]) -> re.Pattern[str]:
    return re.compile(rf"(?<!\w)(?:{_alternation(fragments) or '(?!x)x'})", _FLAGS)


def _merged(languages: tuple[str, ...]) -> dict:
    """Cue lists of the languages, each fragment given its language's word ending."""
    merged: dict = {}
    for lang in languages:
        data = load_yaml(f"{lang}/contacts.yaml")
        # German inflects and compounds ("Telefonats", "Telefongespräch"); English
        # fragments spell out their forms and must end a word.
        ending = r"\w*" if data.get("inflect", True) else r"(?!\w)"
        for key, value in data.items():
            if key == "inflect":
                continue
            if isinstance(value, dict):
                slot = merged.setdefault(key, {})
                for sub, items in value.items():
                    slot.setdefault(sub, []).extend(f"(?:{item}){ending}" for item in items or [])
            else:
                merged.setdefault(key, []).extend(f"(?:{item}){ending}" for item in value or [])
    return merged


@lru_cache(maxsize=None)
def cues_for(language: str | None) -> Cues:
    """Compiled cues for one language, or for all when it is unknown."""
    languages = (language,) if language in LANGUAGES else LANGUAGES
    data = _merged(languages)
    groups = [f"(?P<{kind}>{_alternation(data['triggers'][kind])})"
              for kind in KINDS if data["triggers"].get(kind)]
    triggers = re.compile(rf"(?<!\w)(?:{'|'.join(groups)})", _FLAGS)
    return Cues(
        triggers=triggers,
        **{key: _words(data.get(key, [])) for key in
           ("not_contacts", "denied", "planned", "past", "initiative", "tone", "reporting", "sidelines",
            "arrival", "present", "negation", "cancelled", "joining", "date_anchors", "subordinate", "hearsay", "relation_nouns", "prospective", "habitual")},
    )
