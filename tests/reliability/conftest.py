"""Fixtures for the reliability suite: hypothesis profiles, copies of the bundled data, a private cache.

Hypothesis runs derandomized by default (profile ``ci``), so a red build is
reproducible and the suite takes the same time on every run; set
``HYPOTHESIS_PROFILE=dev`` to explore new examples on each run. Example counts
are set per test and kept small: the suite has a time budget.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

from .kb_edits import BUNDLED

settings.register_profile("ci", derandomize=True, deadline=None, print_blob=True,
                          suppress_health_check=[HealthCheck.too_slow])
settings.register_profile("dev", deadline=None, suppress_health_check=[HealthCheck.too_slow])
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE") or "ci")


@pytest.fixture
def private_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """An empty cache directory and an empty in-memory cache, so a test sees only what it wrote."""
    import casus.kb

    d = tmp_path / "cache"
    d.mkdir()
    monkeypatch.setenv("CASUS_CACHE_DIR", str(d))
    saved = dict(casus.kb._CACHE)
    casus.kb._CACHE.clear()
    yield d
    casus.kb._CACHE.clear()
    casus.kb._CACHE.update(saved)


@pytest.fixture
def copy_bundled(tmp_path: Path) -> Callable[[str], Path]:
    """Copy the bundled knowledge base to ``tmp_path/<name>/data`` and return that directory.

    The copy is named ``data`` like the original, so problems read ``data/<file>:<line>``.
    """

    def make(name: str = "kb") -> Path:
        dest = tmp_path / name / "data"
        shutil.copytree(BUNDLED, dest)
        return dest

    return make
