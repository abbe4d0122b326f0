"""The closed set of scope predicates, evaluated over many attacks at once.

A clause's geography is data: a small expression tree (see kb/models.py). Each
predicate is implemented here once, as a numpy operation over a batch of
resolved places that share one date, so a single assessment, ten thousand
scenarios and a global sweep all take the same path.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import numpy as np

NONE = ""  # code for "no state" in control arrays


@dataclass(frozen=True)
class Batch:
    """Resolved places and parties for n attacks on one date."""

    terr: np.ndarray          # (n,) int: territory index, T for none (high seas, no place)
    regions: np.ndarray       # (n, R) bool
    victims: np.ndarray       # (n,) object: ISO codes
    sovereign: np.ndarray     # (T+1,) object: sovereign per territory that date, NONE at T
    administrator: np.ndarray  # (T+1,) object
    region_index: Mapping[str, int]
    territory_table: Any      # callable(ids: tuple[str, ...]) -> (T+1,) bool
    territory_regions: np.ndarray | None = None  # (T+1, R) bool: territory t lies in region r (territory_in)

    @property
    def n(self) -> int:
        return int(self.terr.shape[0])


def evaluate(expr: Mapping[str, Any], batch: Batch, parties: frozenset[str]) -> np.ndarray:
    """Boolean mask: for which attacks of the batch the expression holds."""
    ((key, val),) = expr.items()
    if key == "anywhere":
        return np.ones(batch.n, dtype=bool)
    if key == "region":
        return batch.regions[:, batch.region_index[val]].copy()
    if key == "territory_in":
        if batch.territory_regions is None:
            raise ValueError("territory_in needs the batch's territory_regions table")
        return np.asarray(batch.territory_regions[batch.terr, batch.region_index[val]], dtype=bool)
    if key == "territory":
        ids = tuple(val) if isinstance(val, list | tuple) else (val,)
        return np.asarray(batch.territory_table(ids))[batch.terr]
    if key in ("sovereign", "administrator"):
        codes = (batch.sovereign if key == "sovereign" else batch.administrator)[batch.terr]
        if val == "victim":
            return (codes == batch.victims) & (codes != NONE)
        if val == "party":
            from casus.law.kernel import member

            return member(codes, parties) if parties else np.zeros(batch.n, dtype=bool)
        return codes == val
    if key == "all":
        out = np.ones(batch.n, dtype=bool)
        for sub in val:
            out &= evaluate(sub, batch, parties)
        return out
    if key == "any":
        out = np.zeros(batch.n, dtype=bool)
        for sub in val:
            out |= evaluate(sub, batch, parties)
        return out
    if key == "not":
        return ~evaluate(val, batch, parties)
    raise ValueError(f"unknown scope predicate {key!r}")  # the validator rejects this before load
