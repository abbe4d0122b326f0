"""Which territories a state holds as sovereign on a day, asked of the geography package."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from casus.geo.control import control

if TYPE_CHECKING:
    from casus.kb.base import KnowledgeBase

__all__ = ["held_territories", "sovereign_of"]


def sovereign_of(kb: KnowledgeBase, territory: str, on: dt.date) -> str | None:
    """The de jure sovereign of ``territory`` on ``on`` (None when undetermined)."""
    return control(kb, territory, on).sovereign


def held_territories(kb: KnowledgeBase, state: str, on: dt.date) -> tuple[str, ...]:
    """Ids of the territories (whole features and named parts) whose sovereign on ``on`` is ``state``."""
    return tuple(sorted(tid for tid in kb.territories if sovereign_of(kb, tid, on) == state))
