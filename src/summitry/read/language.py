"""Which language an extracted text is in, for the filter on archives (`--lang de,en`).

detect_language (clean/metadata.py) only chooses between German and English,
so a French text comes out as one of them; the share of its words that the
German and English word lists know tells first whether it is either at all.
"""

from __future__ import annotations

from summitry.clean.metadata import detect_language

LANGUAGES = ("de", "en")  # the languages summitry reads
SAMPLE = 1500  # characters: enough words for a stable share, few enough to stay cheap
# German and English news score 0.9 and more; French, Spanish or Dutch text 0.2 to 0.5
MIN_SHARE = 0.7


def text_language(text: str) -> str | None:
    """'de' or 'en', or None for a text in another language (or with no words)."""
    from simplemma import in_target_language

    sample = text[:SAMPLE]
    if not sample.strip() or in_target_language(sample, lang=LANGUAGES) < MIN_SHARE:
        return None
    return detect_language(text)


def parse_languages(value: str) -> frozenset[str] | None:
    """'de,en' as a set; 'any' (or '') as None, no filter. Raises ValueError for other codes."""
    codes = {c.strip().lower() for c in value.split(",") if c.strip()}
    if not codes or codes == {"any"}:
        return None
    unknown = sorted(codes - set(LANGUAGES))
    if unknown:
        raise ValueError(f"unknown language(s) {', '.join(unknown)}; choose from {', '.join(LANGUAGES)} or 'any'")
    return frozenset(codes)
