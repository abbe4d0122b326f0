"""Shared fixtures: the bundled knowledge base, loaded once per session."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

os.environ.setdefault("MPLBACKEND", "Agg")
os.environ.setdefault("CASUS_CACHE_DIR", str(Path(__file__).resolve().parent.parent / ".cache" / "casus"))


@pytest.fixture(autouse=True, scope="session")
def _no_shipped_caches() -> Iterator[None]:
    """Tests see no compiled caches in the package, whether or not this checkout ran ``casus build-cache``:
    a test of a first run must compile. tests/reliability/test_shipped_cache.py ships its own."""
    from casus import cachefile

    saved = cachefile.SHIPPED_DIR
    cachefile.SHIPPED_DIR = Path(__file__).resolve().parent / "no-shipped-caches"
    yield
    cachefile.SHIPPED_DIR = saved


@pytest.fixture(scope="session")
def kb():
    import casus

    return casus.open()
