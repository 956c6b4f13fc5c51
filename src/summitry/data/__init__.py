"""Loader for the packaged language data (data/<lang>/..., data/actors/...).

Language knowledge lives in files, not code: word lists as `.txt` (one entry a
line, `#` comments) and structured data as `.yaml`. Each file is read once and
cached; a missing or malformed file raises `DataFileError` naming it.
"""

from __future__ import annotations

import re
from functools import lru_cache
from importlib import resources
from typing import Any

import yaml

from summitry.errors import DataFileError

LANGUAGES = ("de", "en")


def _path(relative: str):
    return resources.files("summitry.data").joinpath(relative)


def read_text(relative: str) -> str:
    """Raw contents of a data file."""
    try:
        return _path(relative).read_text(encoding="utf-8")
    except (FileNotFoundError, OSError) as exc:
        raise DataFileError(f"data file {relative} cannot be read: {exc}") from exc


@lru_cache(maxsize=None)
def load_list(relative: str) -> tuple[str, ...]:
    """A word list: one entry a line; blank lines and `#` comments skipped."""
    entries = []
    for line in read_text(relative).splitlines():
        line = line.strip()
        if line and not line.startswith("#"):
            entries.append(line)
    return tuple(entries)


@lru_cache(maxsize=None)
def load_yaml(relative: str) -> Any:
    """A YAML data file (cached; treat the result as read-only)."""
    try:
        # libyaml's parser when present: ~30× faster than the pure-Python one
        return yaml.load(read_text(relative), Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    except yaml.YAMLError as exc:
        raise DataFileError(f"data file {relative} is not valid YAML: {exc}") from exc


def for_languages(name: str, languages: tuple[str, ...] = LANGUAGES) -> dict[str, Any]:
    """Load data/<lang>/<name> for each language that has it."""
    out = {}
    for lang in languages:
        rel = f"{lang}/{name}"
        if _path(rel).is_file():
            out[lang] = load_yaml(rel) if name.endswith((".yaml", ".yml")) else load_list(rel)
    return out


def alternation(words, *, boundary: bool = True, flags: int = 0) -> re.Pattern[str]:
    """One compiled pattern for a word list, longest entry first (so 'Mehr zum Thema' beats 'Mehr')."""
    escaped = [re.escape(w) for w in sorted(set(words), key=len, reverse=True)]
    body = "|".join(escaped) or r"(?!x)x"
    if boundary:
        body = rf"(?<!\w)(?:{body})(?!\w)"
    return re.compile(body, flags)
