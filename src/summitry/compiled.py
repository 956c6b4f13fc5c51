"""Which of the package's modules run compiled, and whether a compiled module is older than its source.

`make setup` compiles the extraction stages with mypyc (pyproject.toml, the wheel's mypyc hook): each
module's extension (`x.cpython-311-….so`) lies beside its `x.py`, and Python imports the extension
first. In a source checkout an edited or checked-out `x.py` is newer than its extension, which would
go on running the old code until the next `make setup`: `stale_modules` finds those.
"""

from __future__ import annotations

import importlib.machinery
from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parent


def _extensions(package_dir: Path) -> list[tuple[Path, Path]]:
    """(extension, its source) for every compiled module under the package folder."""
    found = []
    for suffix in importlib.machinery.EXTENSION_SUFFIXES:
        for extension in package_dir.rglob(f"*{suffix}"):
            source = extension.with_name(extension.name[: -len(suffix)] + ".py")
            if source.exists():
                found.append((extension, source))
    return sorted(found)


def compiled_modules(package_dir: Path = PACKAGE_DIR) -> list[str]:
    """The dotted names of the modules that have a compiled extension, e.g. "summitry.extract.cues"."""
    names = []
    for _extension, source in _extensions(package_dir):
        parts = source.relative_to(package_dir.parent).with_suffix("").parts
        names.append(".".join(parts[:-1] if parts[-1] == "__init__" else parts))
    return names


def stale_modules(package_dir: Path = PACKAGE_DIR) -> list[Path]:
    """The sources changed since their extension was built (run `make setup` to compile them again)."""
    return [source for extension, source in _extensions(package_dir)
            if source.stat().st_mtime > extension.stat().st_mtime]
