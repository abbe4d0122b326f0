"""Saying what long work is doing, without the library knowing about terminals.

Library code marks its slow steps (building the geography cache on a first run, indexing place names)
with ``with step("..."):``; an interface that shows progress installs a reporter with
:func:`reporting` (the command line shows a spinner on standard error when it is a terminal). With no
reporter installed, a step costs nothing and prints nothing, so the HTTP API and notebooks stay quiet.
"""

from __future__ import annotations

import contextlib
import threading
from collections.abc import Callable, Iterator
from typing import Any

__all__ = ["reporting", "step"]

Reporter = Callable[[str], Any]  # given a description, returns a context manager around the step

_state = threading.local()


@contextlib.contextmanager
def step(what: str) -> Iterator[None]:
    """Mark a slow step; the installed reporter (if any) shows ``what`` while it runs."""
    reporter: Reporter | None = getattr(_state, "reporter", None)
    if reporter is None:
        yield
        return
    with reporter(what):
        yield


@contextlib.contextmanager
def reporting(reporter: Reporter | None) -> Iterator[None]:
    """Install ``reporter`` for the steps run inside this block (in this thread)."""
    old = getattr(_state, "reporter", None)
    _state.reporter = reporter
    try:
        yield
    finally:
        _state.reporter = old
