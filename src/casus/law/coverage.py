"""Coverage of many places on one date: the kernel behind the map, sweeps and reach overlays.

For every point, an attack by a state outside every treaty on whoever holds the
place is judged against every clause in force (or the ones asked for). Only codes
come back, as numpy arrays; nothing is put into words.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import numpy as np

from casus.geo.atlas import atlas_of
from casus.law.kernel import (
    AMBIGUOUS,
    APPLIES,
    OUTSIDE,
    as_object,
    bound_states,
    day_tables,
    held_targets,
    judge,
    territory_table_factory,
)
from casus.law.scope import NONE, Batch

if TYPE_CHECKING:
    from casus.kb.base import KnowledgeBase


@dataclass(frozen=True)
class PointCoverage:
    clauses: tuple[str, ...]
    status: np.ndarray        # (n, C) int8: 0 applies, 1 does not apply, 2 ambiguous; -1 clause not in force
    n_bound: np.ndarray       # (n, C) int16: states bound where it applies (or would, if ambiguous)
    holder: np.ndarray        # (n,) object: the state holding the place, "" for none


def judge_points(kb: KnowledgeBase, lats: np.ndarray, lons: np.ndarray, day: dt.date, *,
                 target: str = "territory", clauses: Sequence[str] | None = None,
                 hits: Any = None) -> PointCoverage:
    """Judge clauses for an outside attack at each point. ``hits`` may carry a precomputed
    ``atlas.locate`` result, so that a sweep locates its grid once for all dates."""
    atlas = atlas_of(kb)
    tables = day_tables(kb, day)
    T = len(atlas.territory_ids)
    if hits is None:
        hits = atlas.locate(np.asarray(lats, dtype=float), np.asarray(lons, dtype=float))
    t = np.asarray(hits.territory)
    terr = np.where(t < 0, T, t)
    holder = np.where(tables.administrator[terr] != NONE, tables.administrator[terr], tables.sovereign[terr])
    n = terr.shape[0]
    batch = Batch(terr=terr, regions=np.asarray(hits.regions, dtype=bool), victims=holder,
                  sovereign=tables.sovereign, administrator=tables.administrator,
                  region_index={r: k for k, r in enumerate(atlas.region_ids)},
                  territory_table=territory_table_factory(atlas),  # memoised per atlas
                  territory_regions=atlas.territory_region_table())
    verdicts = judge(kb, tables, batch, as_object([OUTSIDE] * n), held_targets(batch, np.full(n, target)),
                     np.full(n, "armed_attack"),
                     clauses, any_party=target != "territory", with_codes=False)
    all_ids = tuple(clauses) if clauses is not None else tuple(sorted(kb.clauses))
    col = {c: k for k, c in enumerate(all_ids)}
    status = np.full((n, len(all_ids)), -1, dtype=np.int8)
    n_bound = np.zeros((n, len(all_ids)), dtype=np.int16)
    for cv in verdicts:
        k = col[cv.clause_id]
        status[:, k] = cv.status
        live = (cv.status == APPLIES) | (cv.status == AMBIGUOUS)
        if live.any():
            uniq, inv = np.unique(holder[live].astype(str), return_inverse=True)
            clause = kb.clauses[cv.clause_id][1]
            counts = np.array([len(bound_states(tables, cv.treaty_id, v or "", OUTSIDE, clause)) for v in uniq],
                              dtype=np.int16)
            n_bound[live, k] = counts[inv]
    return PointCoverage(all_ids, status, n_bound, holder)


def coverage(kb: KnowledgeBase, on: dt.date | str, target: str = "territory") -> dict[str, dict[str, Any]]:
    """For every territory (at its representative point): class nato / alliance / ambiguous / none,
    and the defence clauses that apply or are ambiguous. Drives the web map's colours."""
    from casus.dates import parse_date

    day = parse_date(on, field="on")
    atlas = atlas_of(kb)
    ids = atlas.territory_ids
    pts = np.array([atlas.representative_point(t) for t in ids], dtype=float).reshape(-1, 2)
    cov = judge_points(kb, pts[:, 0], pts[:, 1], day, target=target)
    defense = np.array([kb.clauses[c][1].kind == "defense" for c in cov.clauses])
    out: dict[str, dict[str, Any]] = {}
    for i, tid in enumerate(ids):
        row = cov.status[i]
        applies = [cov.clauses[k] for k in np.flatnonzero((row == APPLIES) & defense)]
        unsure = [cov.clauses[k] for k in np.flatnonzero((row == AMBIGUOUS) & defense)]
        if "nato/art5" in applies:
            cls = "nato"
        elif applies:
            cls = "alliance"
        elif unsure:
            cls = "ambiguous"
        else:
            cls = "none"
        out[tid] = {"class": cls, "applies": applies, "ambiguous": unsure, "holder": str(cov.holder[i]) or None}
    return out
