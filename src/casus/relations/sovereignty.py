"""Which territories a state holds as sovereign on a day.

The geography package owns this question (``casus.geo.control``); this module
asks it when it is there and otherwise reads the same facts from the
territories' dated ``control`` periods, so relations never keeps a second copy
of who holds what.
"""

from __future__ import annotations

import datetime as dt
import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from casus.kb.base import KnowledgeBase

__all__ = ["held_territories", "sovereign_of"]


def _geo_control() -> Any | None:
    try:
        return importlib.import_module("casus.geo.control")
    except ModuleNotFoundError as exc:
        if exc.name not in ("casus.geo", "casus.geo.control"):
            raise
        return None


def sovereign_of(kb: KnowledgeBase, territory: str, on: dt.date) -> str | None:
    """The de jure sovereign of ``territory`` on ``on`` (None when undetermined)."""
    geo = _geo_control()
    if geo is not None:
        fn = getattr(geo, "sovereign", None)
        if callable(fn):
            return fn(kb, territory, on)  # type: ignore[no-any-return]
        fn = getattr(geo, "control", None)
        if callable(fn):
            c = fn(kb, territory, on)
            return c.get("sovereign") if isinstance(c, dict) else getattr(c, "sovereign", None)
    return _sovereign_local(kb, territory, on, depth=0)


def _sovereign_local(kb: KnowledgeBase, tid: str, on: dt.date, depth: int) -> str | None:
    t = kb.territories[tid]
    for c in t.control:
        if (c.start is None or c.start <= on) and (c.end is None or on < c.end):
            return c.sovereign  # type: ignore[no-any-return]
    if t.control:
        return None
    if t.parent is not None and depth < 8:
        return _sovereign_local(kb, t.parent, on, depth + 1)
    codes = getattr(t, "ne_codes", None)
    if codes is None:
        codes = (t.ne,) if isinstance(t.ne, str) else tuple(t.ne or ())
    found = {c.upper() for c in codes if c and c.upper() in kb.states}
    return found.pop() if len(found) == 1 else None


def held_territories(kb: KnowledgeBase, state: str, on: dt.date) -> tuple[str, ...]:
    """Ids of the territories (whole features and named parts) whose sovereign on ``on`` is ``state``."""
    return tuple(sorted(tid for tid in kb.territories if sovereign_of(kb, tid, on) == state))
