"""Shared fixtures: the bundled knowledge base, loaded once per session."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

os.environ.setdefault("MPLBACKEND", "Agg")
os.environ.setdefault("CASUS_CACHE_DIR", str(Path(__file__).resolve().parent.parent / ".cache" / "casus"))


@pytest.fixture(scope="session")
def kb():
    import casus

    return casus.open()
