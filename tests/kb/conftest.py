"""Fixtures the knowledge-base tests share (the session's ``kb`` is in tests/conftest.py)."""

from __future__ import annotations

import pytest


@pytest.fixture(scope="session")
def report(kb) -> dict:  # type: ignore[no-untyped-def]
    """The ATOP coverage report of the bundled base, by ATOP id."""
    from casus.kb.atop import coverage

    return {r["atop_id"]: r for r in coverage(kb.kb)["rows"]}
