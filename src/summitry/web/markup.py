"""Untrusted text with marked spans, as safe HTML.

Article text never reaches a template as markup: the text is cut at every span boundary, each
piece escaped by markupsafe, and only our own <span> tags wrap the pieces. Spans may overlap
(a quote inside a contact's evidence sentence): a piece carries the classes of every span
that covers it, and `data-k` the keys of the keyed ones, so a script can light up one span.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from markupsafe import Markup, escape


@dataclass(frozen=True)
class Mark:
    """A span of the text to mark: CSS classes, an optional key (anchor id) and tooltip."""

    start: int
    end: int
    classes: str
    key: str | None = None
    title: str | None = None


def marked(text: str, marks: Iterable[Mark]) -> Markup:
    """The text as HTML, every mark's pieces wrapped in spans; keyed marks get an anchor where they start."""
    n = len(text)
    spans = sorted((m for m in marks if 0 <= m.start < m.end <= n), key=lambda m: (m.start, -m.end))
    cuts = sorted({0, n} | {m.start for m in spans} | {m.end for m in spans})
    out: list[str] = []
    active: list[Mark] = []
    i = 0
    for a, b in zip(cuts, cuts[1:]):
        while i < len(spans) and spans[i].start <= a:
            if spans[i].key:
                out.append(Markup('<span class="anchor" id="{}"></span>').format(spans[i].key))
            active.append(spans[i])
            i += 1
        active = [m for m in active if m.end > a]
        piece = escape(text[a:b])
        if not active:
            out.append(piece)
            continue
        classes = " ".join(dict.fromkeys(c for m in active for c in m.classes.split()))
        keys = " ".join(m.key for m in active if m.key)
        titles = " · ".join(dict.fromkeys(m.title for m in active if m.title))
        out.append(Markup('<span class="{}"{}{}>{}</span>').format(
            classes, Markup(' data-k="{}"').format(keys) if keys else "",
            Markup(' title="{}"').format(titles) if titles else "", piece))
    return Markup("").join(out)


def highlighted_snippet(snippet: str, highlights: Iterable[Iterable[int]]) -> Markup:
    """A search snippet with its matches marked (offsets into the snippet)."""
    return marked(snippet, (Mark(int(s), int(e), "hit") for s, e in highlights))
