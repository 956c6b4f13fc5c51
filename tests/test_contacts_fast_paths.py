"""The contact rules' fast paths answer as the straightforward code does, on messy input too."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from summitry.extract import _Group, _is_modifier, _Mention, _GENITIVE
from summitry.extract.cues import cues_for
from summitry.extract.participants import Candidates, people_in, unique_actors
from summitry.extract.prefilter import FILTERED, document_cues
from summitry.records import Actor, Mention, Span

# cue words, their near misses and the characters between them: the literal prefilter's hard cases
# ("video-call" and "video call", a hyphen or apostrophe inside a word, a word glued to another)
_WORDS = ["Telefonat", "telefonierte", "Video-Call", "video call", "Videoschalte", "Besuch", "Arbeitsbesuch",
          "Besucher", "G20-Gipfel", "G20 Gipfel", "traf", "trafen", "sprach", "hatte", "sagte", "didn't", "n't",
          "met", "visit", "phone call", "Berater", "Amtsvorgänger", "administration", "Regierung", "Sprecher",
          "Putin", "Putins", "Trump's", "Scholz'", "Xi", "nach", "in", "am", "Montag", "abgesagt", "nicht",
          "geplant", "soll", "üblicherweise", "bereit", "zu", "ſie", "İstanbul", "künftigen", "zukünftiges", "future",
          "his"]
_GAPS = [" ", " ", ", ", "-", "'", "’", ". ", "\n", "", " – ", ": ", "(", ")"]
_TEXT = st.lists(st.tuples(st.sampled_from(_WORDS), st.sampled_from(_GAPS)), max_size=40).map(
    lambda parts: "".join(w + g for w, g in parts))


def _sig(m):
    return None if m is None else (m.span(), m.group(0), m.lastgroup)


@settings(max_examples=150, deadline=None)
@given(_TEXT, st.sampled_from(["de", "en", None]), st.data())
def test_prefiltered_cues_answer_like_the_plain_patterns(text, lang, data):
    plain, fast = cues_for(lang), document_cues(text, lang)
    for name in FILTERED:
        a = data.draw(st.integers(0, len(text)))
        b = data.draw(st.integers(a, len(text)))
        assert [_sig(m) for m in getattr(fast, name).finditer(text)] == [
            _sig(m) for m in getattr(plain, name).finditer(text)], name
        assert _sig(getattr(fast, name).search(text, a, b)) == _sig(getattr(plain, name).search(text, a, b)), name


def _mentions(text: str, picks: list[tuple[int, int, bool]]) -> list[Mention]:
    found = []
    for start, length, person in sorted(picks):
        start = min(start, len(text))
        end = min(len(text), start + length)
        actor = Actor(id=f"Q{start % 7}", name=text[start:end] or "X", kind="person" if person else "place")
        found.append(Mention(Span(start, end), actor, text[start:end], "name"))
    return found


_PICKS = st.lists(st.tuples(st.integers(0, 300), st.integers(1, 12), st.booleans()), max_size=30)


@settings(max_examples=200, deadline=None)
@given(_TEXT, _PICKS, st.data())
def test_candidates_find_the_people_people_in_finds(text, picks, data):
    mentions = _mentions(text, picks)
    skip = set(data.draw(st.lists(st.integers(0, max(0, len(mentions) - 1)), max_size=5))) if mentions else set()
    candidates = Candidates(mentions, skip)
    for _ in range(5):
        a = data.draw(st.integers(0, 320))
        b = data.draw(st.integers(a, 330))
        assert candidates.within(a, b) == people_in(mentions, a, b, excluded=skip)
        assert candidates.actors(a, b) == unique_actors(people_in(mentions, a, b, excluded=skip))
        assert candidates.actors(a, b) == unique_actors(people_in(mentions, a, b, excluded=skip))  # remembered


def _is_modifier_plainly(text, mention, cues):
    after = text[mention.span.end:mention.span.end + 60]
    genitive = mention.surface.endswith(("s", "'", "’")) and not mention.actor.name.endswith("s") or _GENITIVE.match(
        after)
    return bool((cues.genitive_relation if genitive else cues.compound_relation).match(after))


@settings(max_examples=200, deadline=None)
@given(_TEXT, _PICKS, st.sampled_from(["de", "en", None]))
def test_a_modifier_is_found_as_without_the_relation_prefilter(text, picks, lang):
    cues = document_cues(text, lang)
    for mention in _mentions(text, picks):
        assert _is_modifier(text, mention, cues) == _is_modifier_plainly(text, mention, cues_for(lang))


@given(st.lists(st.integers(0, 40), min_size=1, max_size=12), st.integers(0, 45))
def test_a_groups_distance_is_its_nearest_members(sentences, sentence):
    group = _Group([_Mention("talk", "occurred", [], s, Span(0, 1)) for s in sentences], [])
    assert group.distance(sentence) == min(abs(s - sentence) for s in sentences)
    assert group.first_sentence == min(sentences)
    group.members.append(_Mention("talk", "occurred", [], sentence, Span(0, 1)))  # answers follow the members
    assert group.distance(sentence) == 0 and group.sentences == tuple(sorted(set(sentences) | {sentence}))


_SAYING = ["sagte", "sagten", "erklärte", "said", "told", "seit", "since", "Seitdem", "am", "Montag", "dem",
           "Treffen", "mit", "Putin", "Kremlsprecher", "laut", "teilte", "mit", "hieß", "es"]
_SAYING_TEXT = st.lists(st.tuples(st.sampled_from(_SAYING), st.sampled_from(_GAPS)), max_size=30).map(
    lambda parts: "".join(w + g for w, g in parts))


@settings(max_examples=200, deadline=None)
@given(_SAYING_TEXT, st.sampled_from(["de", "en", None]), st.data())
def test_a_statement_or_anchor_before_a_date_is_found_as_by_the_slice_search(text, lang, data):
    from summitry.extract import _opens_slice_end

    fast, plain = document_cues(text, lang), cues_for(lang)
    for _ in range(10):
        end = data.draw(st.integers(0, len(text)))
        assert _opens_slice_end(text, fast.reporting, fast.statement_before, end, 45) == bool(
            plain.statement_before.search(text[max(0, end - 45):end]))
        assert _opens_slice_end(text, fast.date_anchors, fast.anchor_before, end, 30) == bool(
            plain.anchor_before.search(text[max(0, end - 30):end]))


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=" \t\n\u00a0\u2003-–—,;:ab.", max_size=40), st.data())
def test_clause_breaks_are_found_as_by_the_regex(text, data):
    from summitry.extract.participants import _CLAUSE_BREAK, clause_breaks_in

    start = data.draw(st.integers(0, len(text)))
    end = data.draw(st.integers(start, len(text)))
    assert clause_breaks_in(text, start, end) == [m.span() for m in _CLAUSE_BREAK.finditer(text, start, end)]


@settings(max_examples=150, deadline=None)
@given(_TEXT, st.sampled_from(["de", "en", None]), st.data())
def test_a_future_modifier_before_a_trigger_is_found_as_by_the_slice_search(text, lang, data):
    from summitry.extract import _opens_slice_end

    fast, plain = document_cues(text, lang), cues_for(lang)
    for _ in range(10):
        end = data.draw(st.integers(0, len(text)))
        assert _opens_slice_end(text, fast.future_modifiers, fast.future_before, end, 30) == bool(
            plain.future_before.search(text[max(0, end - 30):end]))
