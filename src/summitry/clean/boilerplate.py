"""Line-level boilerplate: navigation trails, markers with their scope, captions, teaser boxes.

Works on the raw line structure (before hard wraps are joined) because page
furniture is line-shaped: a "Verwandte Themen" box is the marker plus the short
lines under it. Removed lines count as blank lines for the joining that follows,
so a sentence interrupted by an ad ("…Partner\n\nKurze Werbeeinblendung\n\nwerden…")
still joins up.
"""

from __future__ import annotations

import re
from typing import Final

from summitry.clean.rules import Marker, Rules, marker_key
from summitry.clean.text import MAX_KICKER_WORDS, Line, Removals, ends_sentence, is_person_name, key, words
from summitry.offsets import OffsetText

# A marker is a short line; longer lines are not looked up.
MAX_MARKER_LEN: Final = 60
# Lines under a block marker ("Verwandte Themen", "Anzeige") are this short at most.
BLOCK_LINE_LEN: Final = 100
# A caption or credit spread over several lines by hard wrapping is this short at most.
MAX_WRAPPED_BOILERPLATE: Final = 400
# A caption's twin (the same caption without its credit) must be this long.
MIN_TWIN_LEN: Final = 20
# Body text, unlike promo lines and list items, is long or a full sentence of some length.
REAL_PARAGRAPH_LEN: Final = 150
REAL_SENTENCE_LEN: Final = 60
REAL_SENTENCE_WORDS: Final = 10
# A one-line trail ("Home > World > Europe") is short, and so are its parts.
MAX_TRAIL_LEN: Final = 300
MAX_TRAIL_PART: Final = 80
# The last trail item is a headline when it has this many words (after its "Kicker:").
MIN_HEADLINE_WORDS: Final = 4
# The name line of a teaser box: "Jane Doe", at most three words.
MAX_TEASER_NAME_LEN: Final = 40
MAX_TEASER_NAME_WORDS: Final = 3
_NUMBERED: Final = re.compile(r"(\d{1,2})\.\s+(\S.{0,150})")


class _Doc:
    """The lines being cleaned, with a removal mark per line."""

    def __init__(self, lines: list[Line], rules: Rules, removals: Removals):
        self.lines = lines
        self.gone: list[str | None] = [None] * len(lines)
        self.rules = rules
        self.removals = removals

    def remove(self, i: int, reason: str) -> None:
        """Mark line i as removed (once) and log it."""
        if self.gone[i] is None:
            self.gone[i] = reason
            self.removals.add(self.lines[i].ot, reason)

    def next_kept(self, i: int) -> int | None:
        """The next line after i that is not removed."""
        for j in range(i + 1, len(self.lines)):
            if self.gone[j] is None:
                return j
        return None

    def prev_kept(self, i: int) -> int | None:
        """The last line before i that is not removed."""
        for j in range(i - 1, -1, -1):
            if self.gone[j] is None:
                return j
        return None

    def kept(self) -> list[Line]:
        """Surviving lines; a removed line adds itself and its blank lines to the next gap."""
        out: list[Line] = []
        carry = 0
        for line, gone in zip(self.lines, self.gone):
            if gone is not None:
                carry += line.gap + 1
                continue
            line.gap = (line.gap + carry) if out else 0  # the lines are this pass's own
            out.append(line)
            carry = 0
        return out


def remove_boilerplate(lines: list[Line], rules: Rules, removals: Removals,
                       document: str | None = None) -> tuple[list[Line], str | None]:
    """Drop boilerplate lines; return the surviving lines and a title from a navigation trail.

    `document` is the text the lines come from (to skip rules that cannot match in it).
    """
    line_patterns = rules.line_patterns.active(document or "\n".join(line.text for line in lines))
    doc = _Doc(lines, rules, removals)
    title = _breadcrumbs(doc)
    captions: list[int] = []
    markers, first, gone = rules.markers, line_patterns.first, doc.gone
    for i, line in enumerate(doc.lines):
        if gone[i] is not None:
            continue
        text = line.text
        marker = markers.get(marker_key(text)) if len(text) <= MAX_MARKER_LEN else None
        if marker is not None:
            _apply_marker(doc, i, marker)
            continue
        reason = first(text)
        if reason is not None:
            doc.remove(i, reason)
            if reason == "caption":
                captions.append(i)
            continue
        if len(text) <= MAX_TEASER_NAME_LEN:  # only a short line can open a teaser box
            _teaser_box(doc, i)
    for i in captions:
        _caption_twins(doc, i)
    return doc.kept(), title


def remove_wrapped_boilerplate(paragraphs: list[Line], rules: Rules, removals: Removals) -> list[Line]:
    """Captions and notes that hard wrapping spread over several lines, seen once joined."""
    out = []
    for para in paragraphs:
        if para.parts > 1 and len(para.text) <= MAX_WRAPPED_BOILERPLATE:
            reason = rules.line_patterns.first(para.text)
            if reason is not None:
                removals.add(para.ot, reason)
                continue
        out.append(para)
    return out


def strip_inline(ot: OffsetText, rules: Rules, removals: Removals) -> OffsetText:
    """Cut boilerplate out of lines ("… Uhr aktualisiert Artikel anhören"), one pass per pattern."""
    edits = []
    end = 0
    for start, stop, reason in sorted(rules.inline_patterns.spans(ot.text)):
        if start >= end and stop > start:  # the first of two overlapping matches wins
            edits.append((start, stop, ""))
            removals.add(ot[start:stop], reason)
            end = stop
    return ot.replace_spans(edits) if edits else ot


def _apply_marker(doc: _Doc, i: int, marker: Marker) -> None:
    """Remove a marker line and, by its scope, the block under it or the rest of the page."""
    doc.remove(i, marker.reason)
    if marker.scope == "line":
        return
    if marker.scope == "tail" and not any(
        _is_real_paragraph(doc.lines[j].text) for j in range(i + 1, len(doc.lines)) if doc.gone[j] is None
    ):
        for j in range(i + 1, len(doc.lines)):
            doc.remove(j, marker.reason)
        return
    j, taken = i + 1, 0
    while (j < len(doc.lines) and taken < marker.max_lines and doc.lines[j].gap == 0
           and len(doc.lines[j].text) <= BLOCK_LINE_LEN):
        doc.remove(j, marker.reason)
        j += 1
        taken += 1


def _is_real_paragraph(text: str) -> bool:
    """Body text, as opposed to a teaser, promo line or list item."""
    return len(text) >= REAL_PARAGRAPH_LEN or (
        len(text) >= REAL_SENTENCE_LEN and ends_sentence(text) and len(words(text)) >= REAL_SENTENCE_WORDS)


def _breadcrumbs(doc: _Doc) -> str | None:
    """Remove navigation trails; the last item of a numbered trail is the headline."""
    rules = doc.rules
    roots = rules.breadcrumb_roots
    title = None
    lines = doc.lines
    after_trail = 0  # the lines before it belong to a numbered trail already removed
    for i in _trail_openings(lines, rules):
        if i < after_trail:
            continue
        text = lines[i].text
        m = _NUMBERED.fullmatch(text) if text[:1] == "1" else None
        if m and m.group(1) == "1" and m.group(2).strip().casefold() in roots:
            j, expected, last = i + 1, 2, m.group(2)
            while j < len(lines) and lines[j].gap <= 1:
                mj = _NUMBERED.fullmatch(lines[j].text)
                if not mj or int(mj.group(1)) != expected:
                    break
                last, expected, j = mj.group(2), expected + 1, j + 1
            if j - i >= 2:
                for k in range(i, j):
                    doc.remove(k, "navigation")
                title = title or _headline_of(last)
                after_trail = j
                continue
        if len(text) <= MAX_TRAIL_LEN and rules.breadcrumb_start.match(text):
            parts = rules.breadcrumb_separators.split(text)
            if len(parts) >= 2 and parts[0].strip().casefold() in roots and all(len(p) <= MAX_TRAIL_PART for p in parts):
                doc.remove(i, "navigation")
                title = title or _headline_of(parts[-1])
    return title


def _trail_openings(lines: list[Line], rules: Rules) -> list[int]:
    """The lines that open with "1" or with a trail root and separator, the only ones a trail starts at.

    One search over the lines joined instead of a test per line; no line holds
    a line break, and neither a root nor a separator does, so each match lies in
    the line after its "\n", and the line breaks before it count the line.
    """
    joined = "\n" + "\n".join(line.text for line in lines)
    found, line, pos = [], 0, 0
    for m in rules.trail_openings.finditer(joined):
        line += joined.count("\n", pos, m.start())
        pos = m.start()
        found.append(line)
    return found


def _headline_of(item: str) -> str | None:
    """'Diplomatie: Xi und Putin sprechen' → 'Xi und Putin sprechen'; a bare section is no headline."""
    item = item.strip()
    kicker, sep, rest = item.partition(": ")
    if sep and len(kicker.split()) <= MAX_KICKER_WORDS and rest:
        item = rest.strip()
    return item if len(item.split()) >= MIN_HEADLINE_WORDS else None


def _teaser_box(doc: _Doc, i: int) -> None:
    """A bare person's name followed by "Kicker: „Headline“" links to another article."""
    text = doc.lines[i].text
    rules = doc.rules
    if len(text) > MAX_TEASER_NAME_LEN or not is_person_name(
            text, rules.name_particles, rules.not_name_words, max_words=MAX_TEASER_NAME_WORDS):
        return
    j = doc.next_kept(i)
    if j is not None and doc.lines[j].gap <= 2 and rules.teaser_headline.search(doc.lines[j].text):
        doc.remove(i, "teaser")
        doc.remove(j, "teaser")


def _caption_twins(doc: _Doc, i: int) -> None:
    """Pages often print a caption twice, once without its credit: remove the twin too."""
    caption = key(doc.lines[i].text)
    for j in (doc.prev_kept(i), doc.next_kept(i)):
        if j is None:
            continue
        text = doc.lines[j].text
        # The key of an opening of the text opens its key: when that is no opening of the
        # caption, neither is the whole key (the neighbour is mostly a long paragraph).
        if not caption.startswith(key(text[:2 * len(caption) + 2])):
            continue
        twin = key(text)
        if len(twin) >= MIN_TWIN_LEN and caption.startswith(twin):
            doc.remove(j, "caption")
