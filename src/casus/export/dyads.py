"""Dyad-year and dyad-day tables of treaty obligations, in the shape peacesciencer users know.

One row per ordered pair of states and year (``ccode1, ccode2, year``), with a
0/1 column per obligation kind (defense, offense, neutrality, non_aggression,
consultation), ``alliance`` (any of them, like ATOP's ``atopally``) and the
treaties behind them. The row (A, B) says that A owed B the obligation: the
United States towards New Zealand after August 1986 is not a defense dyad
under ANZUS, while Australia towards New Zealand is. The undirected table has
one row per unordered pair (``ccode1 < ccode2``) and codes 1 when either state
owed the other. The rules are in ``docs/codebook.md``.

Rows are keyed by COW state by default (``by="cow"``), so that ``ccode1,
ccode2, year`` is unique and merges with COW-based data: Germany is 260 until
3 October 1990 and 255 after it (two rows in 1990), while the Soviet Union and
Russia are one COW state, 365 (one row in 1991, ``iso1`` "SUN;RUS"). With
``by="iso"`` rows are keyed by ISO state instead (one DEU row in 1990, coded
with the COW code in use at the end of the year). Computing works on *units*,
each a state over the stretch of its life that one COW code covers, in a dense
(unit, unit, period) cube of bits, then merges units into the row keys: small
(two hundred states, eighty years) and vectorised.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from itertools import pairwise
from typing import TYPE_CHECKING, Any, Literal

import numpy as np

from casus.dates import COVERED_FROM, today
from casus.errors import DateError, InputError
from casus.export.obligations import Obligation, obligations
from casus.kb.models import KINDS

if TYPE_CHECKING:
    import pyarrow as pa

    from casus.kb.base import KnowledgeBase

Rule = Literal["any", "jan1", "dec31"]
RULES: tuple[str, ...] = ("any", "jan1", "dec31")
By = Literal["cow", "iso"]
BYS: tuple[str, ...] = ("cow", "iso")
#: the 0/1 columns, in order: the obligation kinds, then ``alliance`` (any kind)
FLAG_COLUMNS: tuple[str, ...] = (*KINDS, "alliance")


@dataclass(frozen=True)
class Unit:
    """A state over the stretch of its life that one COW code covers (ordinal days, half-open)."""

    state: str
    ccode: int | None
    abbr: str | None
    start: int
    end: int


def units(kb: KnowledgeBase, horizon: dt.date) -> list[Unit]:
    """Every state split by its dated COW codes, sorted by ISO code and date."""
    out: list[Unit] = []
    h = horizon.toordinal()
    for code, s in kb.states.items():
        lo = max((s.start or COVERED_FROM).toordinal(), COVERED_FROM.toordinal())
        hi = min(s.end.toordinal() if s.end else h, h)
        if lo >= hi:
            continue
        cuts = {lo, hi}
        for c in s.cow_history:
            for d in (c.start, c.end):
                if d is not None and lo < d.toordinal() < hi:
                    cuts.add(d.toordinal())
        edges = sorted(cuts)
        pieces: list[list[Any]] = []
        for a, b in pairwise(edges):
            day = dt.date.fromordinal(a)
            cow, abbr = s.cow_on(day)
            if pieces and pieces[-1][1] == cow and pieces[-1][2] == abbr:
                pieces[-1][4] = b
            else:
                pieces.append([code, cow, abbr, a, b])
        out.extend(Unit(*p) for p in pieces)
    out.sort(key=lambda u: (u.state, u.start))
    return out


@dataclass(frozen=True)
class _Records:
    """Obligations mapped onto pairs of units and clipped to both units' lives."""

    u1: np.ndarray
    u2: np.ndarray
    kind: np.ndarray
    treaty: np.ndarray
    start: np.ndarray
    end: np.ndarray


def _records(obs: list[Obligation], us: list[Unit], treaty_ids: list[str], horizon: int) -> _Records:
    by_state: dict[str, list[int]] = {}
    for i, u in enumerate(us):
        by_state.setdefault(u.state, []).append(i)
    kind_ix = {k: i for i, k in enumerate(KINDS)}
    t_ix = {t: i for i, t in enumerate(treaty_ids)}
    rows: list[tuple[int, int, int, int, int, int]] = []
    for o in obs:
        s0 = o.start.toordinal()
        e0 = o.end.toordinal() if o.end else horizon
        for i in by_state.get(o.debtor, ()):
            for j in by_state.get(o.creditor, ()):
                a = max(s0, us[i].start, us[j].start)
                b = min(e0, us[i].end, us[j].end, horizon)
                if a < b:
                    rows.append((i, j, kind_ix[o.kind], t_ix[o.treaty], a, b))
    arr = np.array(rows, dtype=np.int64).reshape(-1, 6)
    return _Records(*(arr[:, k] for k in range(6)))


def _year_of(ordinals: np.ndarray) -> np.ndarray:
    """Calendar year of each ordinal day (vectorised through numpy datetime64)."""
    days = (ordinals - dt.date(1970, 1, 1).toordinal()).astype("datetime64[D]")
    return days.astype("datetime64[Y]").astype(np.int64) + 1970


def _jan1(years: np.ndarray) -> np.ndarray:
    return (years - 1970).astype("datetime64[Y]").astype("datetime64[D]").astype(np.int64) \
        + dt.date(1970, 1, 1).toordinal()


@dataclass(frozen=True)
class DyadCube:
    """Obligations over (unit, unit, period): dense existence and kind bits, sparse treaty bits.

    ``hits`` are the flat indices into (U, U, P) of the cells where some obligation holds, and ``bits`` the
    treaties behind each kind there, as 64-bit words: (M, kinds, W).
    """

    units: list[Unit]
    periods: np.ndarray       # (P,) year numbers or ordinal days
    alive: np.ndarray         # (U, P) bool: the unit exists in the period
    exists: np.ndarray        # (U, U, P) bool
    kinds: np.ndarray         # (U, U, P) uint8, bit k = KINDS[k]
    hits: np.ndarray          # (M,) int64, sorted
    bits: np.ndarray          # (M, len(KINDS), W) uint64
    treaty_ids: list[str]
    #: treaty id -> (ATOP id, COW alliance id), for the crosswalk columns
    crosswalk: Mapping[str, tuple[int | None, int | None]] = field(default_factory=dict)


def _crosswalk(kb: KnowledgeBase) -> dict[str, tuple[int | None, int | None]]:
    return {t.id: (t.atop_id, t.cow_id) for t in kb.treaties.values()}


def _expand(n: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """For counts n, the owner of each expanded item and its offset within the owner."""
    r = np.repeat(np.arange(len(n)), n)
    return r, np.arange(r.size) - np.repeat(np.cumsum(n) - n, n)


def _sparse(shape: tuple[int, int, int], u1: np.ndarray, u2: np.ndarray, p: np.ndarray, kind: np.ndarray,
            treaty: np.ndarray, n_treaties: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Kind bits (dense) and treaty bits per kind (sparse) from expanded obligation items."""
    W = max(1, (n_treaties + 63) // 64)
    kinds = np.zeros(shape, dtype=np.uint8)
    flat = np.ravel_multi_index((u1, u2, p), shape)
    hits, inv = np.unique(flat, return_inverse=True)
    bits = np.zeros((len(hits), len(KINDS), W), dtype=np.uint64)
    if len(flat):
        np.bitwise_or.at(kinds.reshape(-1), flat, (1 << kind).astype(np.uint8))
        np.bitwise_or.at(bits, (inv.ravel(), kind, treaty // 64),
                         np.left_shift(np.uint64(1), (treaty % 64).astype(np.uint64)))
    return kinds, hits, bits


def year_cube(kb: KnowledgeBase, first: int, last: int, rule: Rule = "any",
              obs: list[Obligation] | None = None) -> DyadCube:
    """Obligations coded by year: with ``any``, a dyad-year is 1 if the obligation held on any day of the year
    (on which both states existed); ``jan1`` on the first such day; ``dec31`` on the last."""
    if rule not in RULES:
        raise InputError(f"rule: {rule!r} is not one of {', '.join(RULES)}", field="rule", accepted=", ".join(RULES))
    horizon = today() + dt.timedelta(days=1)
    h = horizon.toordinal()
    us = units(kb, horizon)
    tids = sorted(kb.treaties)
    rec = _records(obligations(kb) if obs is None else obs, us, tids, h)
    years = np.arange(first, last + 1, dtype=np.int64)
    P, U = len(years), len(us)
    ustart = np.array([u.start for u in us], dtype=np.int64)
    uend = np.array([u.end for u in us], dtype=np.int64)
    j0 = _jan1(years)
    j1 = np.minimum(_jan1(years + 1), h)
    ws = np.maximum(ustart[:, None], j0[None, :])            # (U, P) first day of the unit in the year
    we = np.minimum(uend[:, None], j1[None, :])              # (U, P) day after its last day
    WS = np.maximum(ws[:, None, :], ws[None, :, :])          # (U, U, P)
    WE = np.minimum(we[:, None, :], we[None, :, :])
    state_ix = np.unique([u.state for u in us], return_inverse=True)[1].ravel()
    exists = (WS < WE) & (state_ix[:, None] != state_ix[None, :])[:, :, None]
    y_lo = np.maximum(_year_of(rec.start), first)
    y_hi = np.minimum(_year_of(rec.end - 1), last)
    r, off = _expand(np.maximum(y_hi - y_lo + 1, 0))
    p = y_lo[r] + off - first
    u1, u2 = rec.u1[r], rec.u2[r]
    if rule != "any" and r.size:
        day = WS[u1, u2, p] if rule == "jan1" else WE[u1, u2, p] - 1
        keep = (rec.start[r] <= day) & (day < rec.end[r])
        r, u1, u2, p = r[keep], u1[keep], u2[keep], p[keep]
    kinds, hits, bits = _sparse((U, U, P), u1, u2, p, rec.kind[r], rec.treaty[r], len(tids))
    return DyadCube(us, years, ws < we, exists, kinds, hits, bits, tids, _crosswalk(kb))


def day_cube(kb: KnowledgeBase, first: dt.date, last: dt.date, obs: list[Obligation] | None = None) -> DyadCube:
    """Obligations day by day from ``first`` to ``last`` inclusive (keep ranges short: the cube is U x U x days)."""
    horizon = today() + dt.timedelta(days=1)
    h = horizon.toordinal()
    us = units(kb, horizon)
    tids = sorted(kb.treaties)
    rec = _records(obligations(kb) if obs is None else obs, us, tids, h)
    d0, d1 = first.toordinal(), last.toordinal() + 1
    days = np.arange(d0, d1, dtype=np.int64)
    P, U = len(days), len(us)
    ustart = np.array([u.start for u in us], dtype=np.int64)
    uend = np.array([u.end for u in us], dtype=np.int64)
    alive = (ustart[:, None] <= days[None, :]) & (days[None, :] < uend[:, None])   # (U, P)
    state_ix = np.unique([u.state for u in us], return_inverse=True)[1].ravel()
    exists = alive[:, None, :] & alive[None, :, :] & (state_ix[:, None] != state_ix[None, :])[:, :, None]
    lo = np.maximum(rec.start, d0)
    r, off = _expand(np.maximum(np.minimum(rec.end, d1) - lo, 0))
    p = lo[r] - d0 + off
    kinds, hits, bits = _sparse((U, U, P), rec.u1[r], rec.u2[r], p, rec.kind[r], rec.treaty[r], len(tids))
    return DyadCube(us, days, alive, exists, kinds, hits, bits, tids, _crosswalk(kb))


@dataclass(frozen=True)
class Keyed:
    """The cube merged onto row keys (COW or ISO states): the same arrays over actors, plus labels per period."""

    periods: np.ndarray
    exists: np.ndarray        # (A, A, P) bool
    kinds: np.ndarray         # (A, A, P) uint8
    hits: np.ndarray          # (M,) flat indices into (A, A, P), sorted
    bits: np.ndarray          # (M, len(KINDS), W) uint64
    treaty_ids: list[str]
    ccode: np.ndarray         # (A, P) int, -1 for none
    abbr: list[list[str | None]]   # [A][P]
    iso: list[list[str | None]]    # [A][P]
    crosswalk: Mapping[str, tuple[int | None, int | None]] = field(default_factory=dict)


def key_units(cube: DyadCube, by: By = "cow") -> Keyed:
    """Merge units that share a row key: a COW code (``cow``; ISO code for states without one) or an ISO code."""
    if by not in BYS:
        raise InputError(f"by: {by!r} is not one of {', '.join(BYS)}", field="by", accepted=", ".join(BYS))
    us = cube.units
    keys = [(("c", u.ccode) if u.ccode is not None else ("s", u.state)) if by == "cow" else ("s", u.state)
            for u in us]

    def order(k: tuple[str, object]) -> tuple[int, int, str]:
        if k[0] == "c":
            return (0, int(k[1]), "")  # type: ignore[call-overload]
        return (1, 0, str(k[1]))

    actors = sorted(set(keys), key=order)
    index = {k: i for i, k in enumerate(actors)}
    amap = np.array([index[k] for k in keys], dtype=np.int64)
    A, P = len(actors), len(cube.periods)
    shape = (A, A, P)
    pp = np.arange(P)[None, None, :]
    ia, ja = amap[:, None, None], amap[None, :, None]
    exists = np.zeros(shape, dtype=bool)
    np.logical_or.at(exists, (ia, ja, pp), cube.exists)
    exists &= ~np.eye(A, dtype=bool)[:, :, None]
    kinds = np.zeros(shape, dtype=np.uint8)
    np.bitwise_or.at(kinds, (ia, ja, pp), cube.kinds)
    i, j, p = np.unravel_index(cube.hits, cube.exists.shape)
    a, b = amap[i], amap[j]
    keep = a != b
    flat = np.ravel_multi_index((a[keep], b[keep], p[keep]), shape)
    hits, inv = np.unique(flat, return_inverse=True)
    bits = np.zeros((len(hits), *cube.bits.shape[1:]), dtype=np.uint64)
    np.bitwise_or.at(bits, inv.ravel(), cube.bits[keep])
    # labels: the ISO states a key stood for in each period, and the COW code and abbreviation in use
    ccode = np.full((A, P), -1, dtype=np.int64)
    abbr: list[list[str | None]] = [[None] * P for _ in range(A)]
    iso: list[list[str | None]] = [[None] * P for _ in range(A)]
    members: dict[int, list[int]] = {}
    for u, k in enumerate(amap):
        members.setdefault(int(k), []).append(u)
    for k, group in members.items():
        group.sort(key=lambda u: us[u].start)
        for q in range(P):
            here = [us[u] for u in group if cube.alive[u, q]]
            if not here:
                continue
            last = here[-1]
            ccode[k, q] = -1 if last.ccode is None else last.ccode
            abbr[k][q] = last.abbr
            iso[k][q] = ";".join(dict.fromkeys(x.state for x in here))
    return Keyed(cube.periods, exists, kinds, hits, bits, cube.treaty_ids, ccode, abbr, iso, cube.crosswalk)


def _undirected(k: Keyed) -> Keyed:
    """Either direction: kinds and treaties of (A, B) or (B, A), kept once with A before B in key order."""
    A = k.exists.shape[0]
    kinds = k.kinds | k.kinds.transpose(1, 0, 2)
    upper = np.triu(np.ones((A, A), dtype=bool), k=1)
    i, j, p = np.unravel_index(k.hits, k.exists.shape)
    a, b = np.minimum(i, j), np.maximum(i, j)
    flat = np.ravel_multi_index((a, b, p), k.exists.shape)
    hits, inv = np.unique(flat, return_inverse=True)
    bits = np.zeros((len(hits), *k.bits.shape[1:]), dtype=np.uint64)
    np.bitwise_or.at(bits, inv.ravel(), k.bits)
    return Keyed(k.periods, k.exists & upper[:, :, None], kinds, hits, bits, k.treaty_ids, k.ccode, k.abbr, k.iso,
                 k.crosswalk)


def _labels(bits: np.ndarray, treaty_ids: list[str]) -> tuple[list[str | None], np.ndarray]:
    """Distinct treaty bitmasks as 'a;b' labels (None for none), and the label of each row."""
    if not len(bits):
        return [], np.zeros(0, dtype=np.int64)
    uniq, inv = _unique_rows(bits)
    labels = []
    for row in uniq:
        ids = [treaty_ids[w * 64 + b] for w, word in enumerate(row) for b in range(64) if int(word) >> b & 1]
        labels.append(";".join(ids) if ids else None)
    return labels, inv.ravel()


def _unique_rows(bits: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """``np.unique(bits, axis=0, return_inverse=True)`` for (M, W) uint64 words, fast for many treaties.

    With more than 64 treaties a row spans several words and numpy's row-wise unique sorts opaque byte
    strings, which is slow for millions of rows. Rows are first grouped by a 64-bit mix of their words (a
    one-dimensional sort); the grouping is then checked row by row against each group's first row, and
    only a collision (never seen in practice) falls back to the exact row-wise unique.
    """
    if bits.shape[1] == 1:
        uniq, inv = np.unique(bits[:, 0], return_inverse=True)
        return uniq[:, None], inv
    mix = np.zeros(len(bits), dtype=np.uint64)
    with np.errstate(over="ignore"):
        for w in range(bits.shape[1]):
            mix = (mix ^ bits[:, w]) * np.uint64(0x9E3779B97F4A7C15) + np.uint64(w + 1)
    _, first, inv = np.unique(mix, return_index=True, return_inverse=True)
    inv = inv.ravel()
    if not np.array_equal(bits[first][inv], bits):
        uniq, inv = np.unique(bits, axis=0, return_inverse=True)
        return uniq, inv.ravel()
    return bits[first], inv


def _label_column(values: list[list[str | None]], a: np.ndarray, p: np.ndarray) -> pa.Array:
    """A string column from per-(key, period) labels, built through a dictionary of the distinct labels."""
    import pyarrow as pa

    flat = [v for row in values for v in row]
    uniq = sorted({v for v in flat if v is not None})
    code = {v: i for i, v in enumerate(uniq)}
    table = np.array([code.get(v, -1) if v is not None else -1 for v in flat], dtype=np.int32)
    idx = table[a * len(values[0]) + p] if len(values) and len(values[0]) else np.zeros(0, dtype=np.int32)
    dictionary = pa.array([*uniq, None], type=pa.string())
    return dictionary.take(pa.array(np.where(idx < 0, len(uniq), idx), type=pa.int32()))


def to_table(cube: DyadCube, *, directed: bool = True, period: str = "year", only_obligated: bool = False,
             by: By = "cow") -> pa.Table:
    """The cube as an Arrow table, sorted by ccode1, ccode2, then year (or date).

    Columns: ccode1, ccode2, year (or date), iso1, iso2, stateabb1, stateabb2, one 0/1 column per kind,
    alliance, treaties (every treaty behind any kind, ';'-separated), ``<kind>_treaties``, then atop_ids and
    cow_ids (the ATOP and COW alliance ids of the treaties behind any kind, where they have one).
    """
    import pyarrow as pa

    keyed = key_units(cube, by)
    c = keyed if directed else _undirected(keyed)
    mask = c.exists if not only_obligated else c.exists & (c.kinds != 0)
    flat = np.flatnonzero(mask)
    i, j, p = np.unravel_index(flat, mask.shape)
    kinds = c.kinds.reshape(-1)[flat]
    pos = np.searchsorted(c.hits, flat)
    has = pos < len(c.hits)
    has[has] = c.hits[pos[has]] == flat[has]

    def treaty_column(bits: np.ndarray, which: tuple[int, ...] = ()) -> list[pa.Array]:
        """Treaty ids behind each row, then for each of ``which`` (0 ATOP, 1 COW) their crosswalk ids."""
        labels, inv = _labels(bits, c.treaty_ids)
        columns = [column(labels, inv)]
        for w in which:
            columns.append(column([None if lab is None else
                                   ";".join(str(c.crosswalk[t][w]) for t in lab.split(";")
                                            if c.crosswalk.get(t, (None, None))[w] is not None) or None
                                   for lab in labels], inv))
        return columns

    def column(labels: list[str | None], inv: np.ndarray) -> pa.Array:
        idx = np.full(len(flat), -1, dtype=np.int32)
        if len(inv):
            idx[has] = inv[pos[has]]
        dictionary = pa.array([*labels, None], type=pa.string())
        return dictionary.take(pa.array(np.where(idx < 0, len(labels), idx), type=pa.int32()))

    def ccode_column(a: np.ndarray) -> pa.Array:
        v = c.ccode[a, p]
        return pa.array(v.astype(np.int16), mask=v < 0)

    cols: dict[str, pa.Array] = {"ccode1": ccode_column(i), "ccode2": ccode_column(j)}
    if period == "year":
        cols["year"] = pa.array(c.periods[p].astype(np.int16))
    else:
        epoch = dt.date(1970, 1, 1).toordinal()
        cols["date"] = pa.array((c.periods[p] - epoch).astype("datetime64[D]"))
    cols.update({"iso1": _label_column(c.iso, i, p), "iso2": _label_column(c.iso, j, p),
                 "stateabb1": _label_column(c.abbr, i, p), "stateabb2": _label_column(c.abbr, j, p)})
    for k, name in enumerate(KINDS):
        cols[name] = pa.array(((kinds >> k) & 1).astype(np.uint8))
    cols["alliance"] = pa.array((kinds != 0).astype(np.uint8))
    any_bits = np.bitwise_or.reduce(c.bits, axis=1) if len(c.bits) else c.bits[:, 0]
    cols["treaties"], atop_ids, cow_ids = treaty_column(any_bits, (0, 1))
    for k, name in enumerate(KINDS):
        cols[f"{name}_treaties"] = treaty_column(c.bits[:, k])[0]
    cols["atop_ids"], cols["cow_ids"] = atop_ids, cow_ids
    return pa.table(cols)


def dyad_years(kb: KnowledgeBase, *, first: int = COVERED_FROM.year, last: int | None = None,
               directed: bool = True, rule: Rule = "any", only_obligated: bool = False, by: By = "cow") -> pa.Table:
    """The dyad-year table for ``first`` to ``last`` (default: 1945 to this year), keyed by COW or ISO state."""
    last = today().year if last is None else last
    lo, hi = COVERED_FROM.year, today().year
    for name, y in (("from", first), ("to", last)):
        if not lo <= y <= hi:
            raise DateError(f"{name}: year {y} is outside the covered range {lo} to {hi}", field=name,
                            accepted=f"a year from {lo} to {hi}")
    if first > last:
        raise DateError(f"from: {first} is after to: {last}", field="from", accepted=f"a year up to {last}")
    cube = year_cube(kb, first, last, rule)
    return to_table(cube, directed=directed, period="year", only_obligated=only_obligated, by=by)


def dyad_days(kb: KnowledgeBase, first: dt.date, last: dt.date, *, directed: bool = True,
              only_obligated: bool = False, by: By = "cow", block: int = 31) -> Iterator[pa.Table]:
    """The dyad-day table from ``first`` to ``last`` inclusive, in blocks of ``block`` days (streamed, so that
    long ranges fit in memory)."""
    if first > last:
        raise DateError(f"from: {first} is after to: {last}", field="from", accepted=f"a date up to {last}")
    obs = obligations(kb)
    day = first
    while day <= last:
        end = min(last, day + dt.timedelta(days=block - 1))
        yield to_table(day_cube(kb, day, end, obs), directed=directed, period="day", only_obligated=only_obligated,
                       by=by)
        day = end + dt.timedelta(days=1)
