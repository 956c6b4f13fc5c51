"""Every clean paragraph maps back to raw text with the same words, whatever the noise."""

from __future__ import annotations

import html
import re

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from summitry.clean import clean_document
from summitry.offsets import OffsetText
from summitry.records import RawDocument

from reference import runs_by_walking

WORD = re.compile(r"\w+")
INVISIBLE = dict.fromkeys(map(ord, "\u00ad\u200b\u200c\u200d\ufeff\ufe0f"))

NAMES = ["Amara Velt", "Jonas Brede", "Tomas Orlov", "Lea Sandoval", "Ilan Moreau"]
PLACES = ["Velmora", "Kessin", "Ostrien", "Belmora", "Varnholm"]
WORDS = ["Gespräch", "Grenze", "Handel", "Zusammenarbeit", "Minister", "Einigung", "Besuch",
         "Regierung", "Energie", "Vertrag", "Woche", "Delegation"]
BOILERPLATE = ["Artikel anhören", "Kurze Werbeeinblendung", "Anzeige", "Advertisement",
               "https://www.example.test/a/b.html", "Die Delegation in Kessin. Foto: AP",
               "Verwandte Themen", "Lesen Sie auch: Der Gipfel in Belmora", "dpa/cd"]


def raw_words(raw: str) -> list[str]:
    """The words a reader sees in raw text: entities decoded, invisible characters gone."""
    return WORD.findall(html.unescape(html.unescape(raw)).translate(INVISIBLE))


def is_subsequence(small: list[str], big: list[str]) -> bool:
    it = iter(big)
    return all(any(w == x for x in it) for w in small)


def assert_offsets_hold(raw: str):
    doc = clean_document(RawDocument(id="h", source="hypothesis", text=raw))
    assert doc.offsets.raw_end <= len(raw)
    for p in doc.paragraphs:
        clean = doc.text[p.start:p.end]
        start, end = doc.offsets.raw_span(p.start, p.end)
        assert 0 <= start <= end <= len(raw)
        assert is_subsequence(WORD.findall(clean), raw_words(raw[start:end])), (clean, raw[start:end])
    for r in doc.removed:
        assert 0 <= r["start"] < r["end"] <= len(raw)
    return doc


@st.composite
def sentences(draw):
    words = draw(st.lists(st.sampled_from(WORDS), min_size=3, max_size=9))
    name = draw(st.sampled_from(NAMES))
    place = draw(st.sampled_from(PLACES))
    s = f"{name} sprach in {place} über " + " und ".join(words) + "."
    noise = draw(st.sampled_from(["", "&amp;hellip;", "&amp;amp;", "\u00ad", "\u00a0", "  ", " ,", "\ufe0f"]))
    if noise:
        cut = draw(st.integers(1, len(s) - 1))
        s = s[:cut] + noise + s[cut:]
    return s


@st.composite
def messy_documents(draw):
    paras = draw(st.lists(st.lists(sentences(), min_size=1, max_size=4).map(" ".join), min_size=1, max_size=8))
    blocks = []
    for para in paras:
        r = draw(st.integers(0, 9))
        if r == 0 and blocks:
            blocks.append(draw(st.sampled_from(blocks)))  # a repeated paragraph
        elif r == 1:
            blocks.append(draw(st.sampled_from(BOILERPLATE)))
        elif r == 2 and blocks:
            blocks.append(": " + blocks[-1][len(blocks[-1]) // 3:] + " " + para)  # an echo
        blocks.append(para)
    if draw(st.booleans()):  # hard wraps, sometimes with blank lines inside sentences
        width = draw(st.integers(30, 80))
        wrapped = []
        for block in blocks:
            words, lines, line = block.split(" "), [], ""
            for w in words:
                if line and len(line) + len(w) + 1 > width:
                    lines.append(line)
                    line = w
                else:
                    line = f"{line} {w}" if line else w
            lines.append(line)
            sep = draw(st.sampled_from(["\n", "\n", "\n\n"]))
            wrapped.append(sep.join(lines))
        blocks = wrapped
    header = draw(st.sampled_from(["", " date 2025-06-01 Mira Tannhaus\n\n", " date 2025-06 "]))
    return header + "\n\n".join(blocks)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(messy_documents())
def test_clean_paragraphs_map_back_to_the_same_words(raw):
    doc = assert_offsets_hold(raw)
    for marker in ("Artikel anhören", "Kurze Werbeeinblendung", "Advertisement", "https://", "dpa/cd"):
        assert marker not in doc.text
    assert "\n" not in doc.text.replace("\n\n", "")


@settings(max_examples=40, deadline=None)
@given(st.text(alphabet=st.sampled_from("ab ,.:\n&amp;\u00ad\u00a0-„“"), max_size=120))
def test_any_text_cleans_without_breaking_offsets(raw):
    assert_offsets_hold(raw)


@st.composite
def edited_texts(draw):
    raw = draw(st.text(alphabet=st.sampled_from("abc &;\n"), min_size=0, max_size=60))
    ot = OffsetText.from_raw(raw)
    for _ in range(draw(st.integers(0, 4))):
        if not len(ot):
            break
        start = draw(st.integers(0, len(ot) - 1))
        end = draw(st.integers(start, min(len(ot), start + 4)))
        ot = ot.replace_spans([(start, end, draw(st.sampled_from(["", "x", "…", "  "])))])
    if len(ot) > 2 and draw(st.booleans()):
        half = len(ot) // 2
        ot = OffsetText.join([ot[0:half], ot[half:]], draw(st.sampled_from(["", " ", "\n\n"])))
    return ot


@settings(max_examples=150, deadline=None)
@given(edited_texts())
def test_offset_map_runs_equal_a_plain_walk(ot):
    assert ot.to_map().runs == runs_by_walking(ot.starts, ot.ends)


def test_offsets_of_a_decoded_entity_and_a_joined_wrap():
    raw = "Sie sprachen &amp;hellip; lange über die Velmora-\nRegierung."
    doc = clean_document(RawDocument(id="x", source="t", text=raw))
    assert doc.text == "Sie sprachen … lange über die Velmora-Regierung."
    i = doc.text.index("…")
    assert raw[slice(*doc.offsets.raw_span(i, i + 1))] == "&amp;hellip;"
    j = doc.text.index("Regierung")
    assert raw[slice(*doc.offsets.raw_span(j, j + 9))] == "Regierung"
