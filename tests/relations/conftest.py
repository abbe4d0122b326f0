"""Fixtures for the relations tests: a small fixture knowledge base and broken copies of it."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

FIXTURE = Path(__file__).resolve().parent / "fixture_kb"


@pytest.fixture(scope="session")
def fkb():
    """The fixture knowledge base (real dates, few states), loaded once."""
    import casus

    return casus.open(FIXTURE)


@pytest.fixture
def broken(tmp_path: Path) -> Callable[[str, str, str], list[str]]:
    """Copy the fixture, replace one text in one file, and return the problems ``casus check`` finds."""

    def make(file: str, old: str, new: str) -> list[str]:
        import casus

        root = tmp_path / f"kb{len(list(tmp_path.iterdir()))}"
        shutil.copytree(FIXTURE, root)
        path = root / file
        text = path.read_text(encoding="utf-8")
        assert old in text, f"fixture text {old!r} not found in {file}"
        path.write_text(text.replace(old, new, 1), encoding="utf-8")
        return [str(p) for p in casus.problems(root)]

    return make
