"""Document facts hidden in the text: crawl header, bylines, author credits, datelines, title, language.

Each finder removes what it reads from the body (the removal log keeps it with
its value), so the clean text is article prose only.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from typing import Final

from simplemma import LanguageDetector, MostCommonTokenSampler, RelaxedMostCommonTokenSampler
from simplemma.strategies import DefaultStrategy
from simplemma.strategies.dictionaries import TrieDictionaryFactory

from summitry.clean.rules import Rules
from summitry.clean.text import MAX_KICKER_WORDS, Line, Removals, ends_sentence, has_year, is_person_name, words
from summitry.offsets import OffsetText

# A crawl prefix on the first line: " date 2026-02-09 Larry Johnson", " date 2025-02 Der …".
_HEADER: Final = re.compile(r"\A[ \n]*date[ ]+(\d{4}-\d{2}(?:-\d{2})?)(?=[ \n]|\Z)[ ]*([^\n]*)")
_SENTENCE_PUNCT: Final = re.compile(r"[.,;:!?\"„“”«»()]")
# Whole-paragraph metadata is short; longer paragraphs are only checked for a glued byline.
MAX_META_LEN: Final = 300
BYLINE_TAIL: Final = 250
GLUED_DATE_TAIL: Final = 60
MAX_DATELINE_LEN: Final = 120
# Where a title may stand: among the first paragraphs, short, without a final mark.
TITLE_LOOKAHEAD: Final = 3
MAX_TITLE_LEN: Final = 160
MIN_TITLE_WORDS: Final = 3
# Language detection reads the opening of the clean text: its cost grows with the
# length, and on the seeds and the dev set 150 characters already decide correctly.
LANG_SAMPLE: Final = 150


@dataclass
class Found:
    """What the text says about the document."""

    authors: list[str] = field(default_factory=list)
    header_date: date | None = None
    header_month: str | None = None  # "2025-02": the crawl prefix fixes the month, not the day
    byline_date: date | None = None
    text_date: date | None = None

    def add_authors(self, names: list[str]) -> None:
        """Add names not yet known (compared case-insensitively), in order."""
        known = {a.casefold() for a in self.authors}
        for name in names:
            if name.casefold() not in known:
                self.authors.append(name)
                known.add(name.casefold())


def read_header(ot: OffsetText, rules: Rules, found: Found, removals: Removals) -> OffsetText:
    """Take the crawl date (and an author's name) off the first line."""
    m = _HEADER.match(ot.text)
    if not m:
        return ot
    # a month alone ("2025-02") fixes no day: it anchors dates, it does not date the document
    found.header_date, found.header_month = parse_header_date(m.group(1))
    rest = m.group(2).strip()
    extra = {"value": m.group(1)}
    if not rest:
        end = m.end()
    elif _looks_like_name(rest, rules):
        found.add_authors([rest])
        end = m.end()
        extra["author"] = rest
    else:
        end = m.start(2)  # the body starts right after the date
    removals.add(ot[0:end], "header", **extra)
    return ot[end:]


def _looks_like_name(text: str, rules: Rules) -> bool:
    """A short name ('Larry Johnson'), not a headline: capitalised words, no function words."""
    if _SENTENCE_PUNCT.search(text) or len(text.split()) > 4:
        return False
    if any(w.casefold() in rules.function_words for w in text.split()):
        return False
    return is_person_name(text, rules.name_particles, rules.not_name_words, max_words=4)


def read_bylines(paragraphs: list[Line], rules: Rules, found: Found, removals: Removals) -> list[Line]:
    """Remove author credits, bylines and datelines, keeping their names and dates.

    Runs on joined paragraphs, so a credit wrapped over two lines is whole.
    """
    out: list[Line] = []
    for para in paragraphs:
        text = para.text
        if len(text) <= MAX_META_LEN and _credit(text, rules, found):
            removals.add(para.ot, "credit")
            continue
        if len(text) <= MAX_DATELINE_LEN and has_year(text) and _dateline(text, rules, found):
            removals.add(para.ot, "dateline")
            continue
        cut = _byline(text, rules, found)
        if cut is not None:
            removals.add(para.ot[cut:], "byline")
            para = Line(para.ot[0:cut].strip(), para.gap, para.parts)
            if not len(para.ot):
                continue
        out.append(para)
    return out


def _names(m: re.Match[str], rules: Rules) -> tuple[list[str], list[str], list[str]]:
    """Split the names groups of a match: (people, organisations, other items)."""
    people, orgs, other = [], [], []
    for group, value in m.groupdict().items():
        if not group.startswith("names") or not value:
            continue
        for item in rules.name_separators.split(value):
            item = rules.place_suffix.sub("", item.strip().rstrip("."))
            if not item:
                continue
            if is_person_name(item, rules.name_particles, rules.not_name_words):
                people.append(item)
            elif any(w.casefold() in rules.not_name_words for w in words(item)):
                orgs.append(item)
            else:
                other.append(item)
    # "Von Jane Doe, Moskau": a trailing single word after names is the place
    if people and len(other) == 1 and len(other[0].split()) == 1 and other[0][0].isupper():
        other = []
    return people, orgs, other


def _credit(text: str, rules: Rules, found: Found) -> bool:
    """Whether the paragraph is an author credit; its names go to `found`."""
    m = rules.credits.match(text)
    if not m:
        for rule in rules.needy_credits:
            m = rule.search(text)
            if m:
                break
    if m:
        people, _orgs, other = _names(m, rules)
        if people and not other:
            found.add_authors(people)
            return True
    return False


def _dateline(text: str, rules: Rules, found: Found) -> bool:
    """Whether the paragraph only dates the article; the first such date goes to `found`."""
    m = rules.datelines.match(text)
    day = parse_date(_date_group(m), rules.months) if m else None
    if day is None:
        return False
    found.text_date = found.text_date or day
    return True


def _date_group(m: re.Match[str]) -> str:
    """The text of the date group that took part in the match ('' when none did)."""
    for group, value in m.groupdict().items():
        if group.startswith("date") and value:
            return value
    return ""


def _byline(text: str, rules: Rules, found: Found) -> int | None:
    """Where a byline starts in the paragraph (0 for a byline paragraph), or None."""
    if len(text) <= MAX_META_LEN:
        m = rules.bylines.match(text)
        if m and _take_byline(m, rules, found):
            return 0
    # a byline glued to the end of a paragraph always ends in its date: "…Uhr aktualisiert"
    if not has_year(text[-GLUED_DATE_TAIL:]):
        return None
    pos = max(0, len(text) - BYLINE_TAIL)
    for pattern in rules.glued_bylines:
        m = pattern.search(text, pos)
        if m and _take_byline(m, rules, found):
            return m.start()
    return None


def _take_byline(m: re.Match[str], rules: Rules, found: Found) -> bool:
    """Keep what a byline match says, if it names a person, an organisation or a date."""
    people, orgs, other = _names(m, rules)
    date_text = _date_group(m)
    day = parse_date(date_text, rules.months) if date_text else None
    if day is None and (other or not (people or orgs)):
        return False
    found.add_authors(people)
    if day is not None:
        found.byline_date = found.byline_date or day
    return True


def settle_title(paragraphs: list[Line], given: str | None, removals: Removals) -> tuple[list[Line], str | None]:
    """The title: given, or the first short unpunctuated paragraph; a kicker glued to it is cut."""
    if given:
        given = " ".join(given.split())
        for i, para in enumerate(paragraphs[:TITLE_LOOKAHEAD + 2]):
            text = para.text
            if text == given:
                break
            if text.endswith(given) and len(text) > len(given):
                kicker = text[: len(text) - len(given)].rstrip(": ")
                if 0 < len(kicker.split()) <= MAX_KICKER_WORDS and not ends_sentence(kicker):
                    cut = len(text) - len(given)
                    removals.add(para.ot[0:cut], "kicker")
                    paragraphs[i] = Line(para.ot[cut:], para.gap)
                    break
        return paragraphs, given
    for para in paragraphs[:TITLE_LOOKAHEAD]:
        text = para.text
        n = len(text.split())
        if n < MIN_TITLE_WORDS and not ends_sentence(text):
            continue  # a kicker ("Diplomatie", "USA/Israel") above the headline
        if n >= MIN_TITLE_WORDS and len(text) <= MAX_TITLE_LEN and not ends_sentence(text):
            return paragraphs, text
        break
    return paragraphs, None


def detect_language(text: str) -> str | None:
    """'de' or 'en' by simplemma's word lists; None for a text with no words of either."""
    sample = text[:LANG_SAMPLE]
    if len(text) > LANG_SAMPLE:
        sample = sample.rsplit(" ", 1)[0]  # no cut word
    if not sample.strip():
        return None
    best, score = _langdetect(sample)[0]
    return best if best in ("de", "en") and score > 0 else None


_LANGUAGES: Final = ("de", "en")


def _langdetect(sample: str) -> list[tuple[str, float]]:
    """`simplemma.langdetect(sample, lang=("de", "en"))`, with one lemmatizer whose answers are remembered.

    langdetect builds a new lemmatizer per call and asks it about every sampled word of both languages;
    the same words ("der", "die", "und") come up document after document. Its logic, step for step:
    the shares per language, best first ("unk" last), retried with a relaxed sampler on a tie.
    """
    ranked: list[tuple[str, float]] = []
    for sampler in _SAMPLERS:
        shares = LanguageDetector(_LANGUAGES, sampler, _REMEMBERED).proportion_in_each_language(sample)
        ranked = sorted(shares.items(), key=lambda item: (item[0] == "unk", -item[1]))
        if len(ranked) == 1 or ranked[0][1] != ranked[1][1]:
            break
    return ranked


def load_lemma_dictionaries() -> None:
    """Load the lemmatizer's dictionaries that language detection reads now (built and cached on disk on first use)."""
    for lang in _LANGUAGES:
        _REMEMBERED.strategy.get_lemma("summitry", lang)  # past the remembered answers: a real lookup


class _RememberedLemmas:
    """simplemma's default lemmatizer, remembering its answers (a lemma depends on the word and language only).

    It wraps the strategy rather than extending it: compiled (mypyc), a class cannot extend a Python
    class with __slots__, as DefaultStrategy is.
    """

    def __init__(self, strategy: DefaultStrategy) -> None:
        self.strategy = strategy
        self._remembered = lru_cache(maxsize=1 << 16)(strategy.get_lemma)

    def get_lemma(self, token: str, lang: str) -> str | None:
        return self._remembered(token, lang)


_SAMPLERS: Final = (MostCommonTokenSampler(), RelaxedMostCommonTokenSampler())
# Tries (marisa-trie), built once per simplemma version and cached on disk: loading the two plain
# dictionaries took seconds of every run's start-up, the cached tries take milliseconds (and a tenth
# of the memory); the lookups they are slower at are mostly answered from the remembered lemmas.
_REMEMBERED: Final = _RememberedLemmas(DefaultStrategy(dictionary_factory=TrieDictionaryFactory()))


# -- dates in headers, bylines and datelines ---------------------------------

_ISO: Final = re.compile(r"(\d{4})-(\d{2})-(\d{2})$")
_DMY: Final = re.compile(r"(\d{1,2})[.-]\s?(\d{1,2})[.-]\s?(\d{4})$")
_D_MONTH_Y: Final = re.compile(r"(\d{1,2})[.-]?\s?([^\W\d_]+)\.?[-\s](\d{4})$")
_MONTH_D_Y: Final = re.compile(r"([^\W\d_]+)\.?\s(\d{1,2})(?:st|nd|rd|th)?,?\s(\d{4})$")
_HEADER_DATE: Final = re.compile(r"(\d{4})-(\d{2})(?:-(\d{2}))?$")


def _make(year: int, month: int, day: int) -> date | None:
    """The date, or None for an impossible one (31 February)."""
    try:
        return date(year, month, day)
    except ValueError:
        return None


def parse_date(text: str, months: dict[str, int]) -> date | None:
    """The day a matched date string names, or None when it is not a valid day.

    Numeric dates are read day first ("05-10-2021" is 5 October): the pages
    that write them so are European or Indian.
    """
    text = text.strip()
    if m := _ISO.match(text):
        return _make(int(m[1]), int(m[2]), int(m[3]))
    if m := _DMY.match(text):
        return _make(int(m[3]), int(m[2]), int(m[1]))
    if (m := _D_MONTH_Y.match(text)) and m[2].casefold() in months:
        return _make(int(m[3]), months[m[2].casefold()], int(m[1]))
    if (m := _MONTH_D_Y.match(text)) and m[1].casefold() in months:
        return _make(int(m[3]), months[m[1].casefold()], int(m[2]))
    return None


def parse_header_date(text: str) -> tuple[date | None, str | None]:
    """'2026-02-09' → (that day, None); '2025-02' → (None, '2025-02'): a month is not a day."""
    m = _HEADER_DATE.match(text)
    if not m:
        return None, None
    if m[3] is None:
        month = int(m[2])
        return None, (f"{m[1]}-{m[2]}" if 1 <= month <= 12 else None)
    return _make(int(m[1]), int(m[2]), int(m[3])), None
