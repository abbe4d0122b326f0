"""Threat reach: what a missile, from a site or a state, reaches on a date, and who is bound to defend it.

``casus.open().reach(missile=..., origin=..., on=...)`` (or :func:`reach`) answers with a
:class:`ReachResult`. Distances are WGS84 geodesics (Karney's algorithm through
pyproj, with a vectorised Lambert formula for bulk work, held to 0.01 % of it);
missile ranges are public estimates, a low and a high one, each with its source.
"""

from __future__ import annotations

from casus.reach.query import reach
from casus.reach.results import (
    DISCLAIMER,
    ClauseReach,
    Commitments,
    Cover,
    MissileFacts,
    Origin,
    RangeUsed,
    Reached,
    ReachResult,
)

__all__ = [
    "DISCLAIMER",
    "ClauseReach",
    "Commitments",
    "Cover",
    "MissileFacts",
    "Origin",
    "RangeUsed",
    "ReachResult",
    "Reached",
    "reach",
]
