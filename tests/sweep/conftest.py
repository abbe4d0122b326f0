"""Fixtures for sweeps: the knowledge base the workers load, and a small sweep shared by several tests.

``CASUS_TEST_DATA_DIR`` points the sweep tests (and the Dask workers they start) at another knowledge-base
directory; by default they use the bundled one.
"""

from __future__ import annotations

import datetime as dt
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

#: around NATO's enlargements: Estonia bound 29 March 2004, Finland 4 April 2023
DATES = tuple(dt.date.fromisoformat(d) for d in ("1950-01-01", "1990-06-01", "2004-03-28", "2004-03-29",
                                                 "2023-04-05"))


@dataclass(frozen=True)
class Small:
    out: Path
    summary: Any
    dates: tuple[dt.date, ...]


@pytest.fixture(scope="session")
def data_dir():
    return os.environ.get("CASUS_TEST_DATA_DIR") or None


@pytest.fixture(scope="session")
def skb(data_dir):
    import casus

    kb = casus.open(data_dir)
    kb.atlas  # noqa: B018 - compiled once, before any worker starts
    return kb


@pytest.fixture(scope="session")
def small(skb, data_dir, tmp_path_factory):
    """A 5° world grid on five dates, run in process."""
    from casus.sweep import Grid, parse_mode, sweep

    out = tmp_path_factory.mktemp("sweeps") / "small"
    summary = sweep(skb, out=out, dates=DATES, grid=Grid(5.0), mode=parse_mode("none", None), data_dir=data_dir,
                    dates_per_task=2)
    return Small(out, summary, DATES)
