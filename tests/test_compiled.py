"""The compiled (mypyc) modules: the ones pyproject.toml names are the ones that run, none stale."""

from __future__ import annotations

import importlib
import importlib.machinery
import os
from pathlib import Path

import pytest

from summitry.compiled import compiled_modules, stale_modules

tomllib = pytest.importorskip("tomllib")  # Python ≥ 3.11

ROOT = Path(__file__).resolve().parents[1]
SUFFIX = importlib.machinery.EXTENSION_SUFFIXES[0]


def _fake_package(tmp_path: Path) -> Path:
    package = tmp_path / "pkg"
    (package / "sub").mkdir(parents=True)
    for name in ("a", "sub/__init__", "sub/b", "plain"):
        (package / f"{name}.py").write_text("")
    for name in ("a", "sub/__init__", "sub/b"):
        (package / f"{name}{SUFFIX}").write_bytes(b"")
    return package


def test_compiled_modules_are_named_by_their_source(tmp_path):
    assert compiled_modules(_fake_package(tmp_path)) == ["pkg.a", "pkg.sub", "pkg.sub.b"]


def test_a_source_edited_after_its_build_is_stale(tmp_path):
    package = _fake_package(tmp_path)
    assert stale_modules(package) == []
    later = (package / f"a{SUFFIX}").stat().st_mtime + 10
    os.utime(package / "sub" / "b.py", (later, later))
    assert stale_modules(package) == [package / "sub" / "b.py"]


def _configured() -> list[str]:
    """The modules pyproject.toml has the wheel's mypyc hook compile."""
    config = tomllib.loads((ROOT / "pyproject.toml").read_text())
    patterns = config["tool"]["hatch"]["build"]["targets"]["wheel"]["hooks"]["mypyc"]["include"]
    names = []
    for pattern in patterns:
        path = ROOT / pattern.lstrip("/")
        for source in sorted(path.rglob("*.py")) if path.is_dir() else [path]:
            parts = source.relative_to(ROOT / "src").with_suffix("").parts
            names.append(".".join(parts[:-1] if parts[-1] == "__init__" else parts))
    return names


@pytest.mark.skipif(not compiled_modules() and not os.environ.get("CI"),
                    reason="installed without compiling (HATCH_BUILD_NO_HOOKS)")
def test_the_configured_modules_run_compiled():
    configured = _configured()
    assert configured and sorted(compiled_modules()) == sorted(configured)
    for name in configured:
        assert importlib.import_module(name).__file__.endswith(SUFFIX), name
    assert stale_modules() == []
