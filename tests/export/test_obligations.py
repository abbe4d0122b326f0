"""Obligation intervals agree with the day-by-day standing the law kernel reads."""

from __future__ import annotations

import datetime as dt

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from casus.export.obligations import kinds_on, obligations
from casus.kb.membership import standing


def by_day(kb, day):
    """(treaty, kind, debtor, creditor) held on ``day``, straight from ``standing``."""
    out = set()
    for t in kb.treaties.values():
        table = dict(kb.spells[t.id])
        kinds = kinds_on(t, day)
        active = {}
        for s in table:
            st_ = standing(t, s, day, table)
            if st_.party and not st_.suspended:
                active[s] = st_.not_bound_towards
        for a, towards in active.items():
            for b in active:
                if a != b and b not in towards:
                    # a one-way clause (guarantors, beneficiaries) binds only its guarantors to its beneficiaries
                    out.update((t.id, c.kind, a, b) for c in t.clauses if c.kind in kinds
                               and any(p.start <= day and (p.end is None or day < p.end) for p in c.phases)
                               and (not c.guarantors or a in c.guarantors)
                               and (not c.beneficiaries or b in c.beneficiaries))
    return out


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(day=st.dates(min_value=dt.date(1945, 1, 1), max_value=dt.date.today()))
def test_intervals_match_standing(kb, day):
    obs = _cached(kb)
    from_intervals = {(o.treaty, o.kind, o.debtor, o.creditor) for o in obs if o.covers(day)}
    assert from_intervals == by_day(kb, day)


_CACHE: dict[int, list] = {}


def _cached(kb):
    if id(kb) not in _CACHE:
        _CACHE[id(kb)] = obligations(kb)
    return _CACHE[id(kb)]


def test_change_days_on_both_sides(kb):
    obs = _cached(kb)

    def held(day, treaty, a, b, kind="defense"):
        return any(o.covers(day) for o in obs if (o.treaty, o.kind, o.debtor, o.creditor) == (treaty, kind, a, b))

    # Finland became a NATO party on 4 April 2023 (deposit of its instrument of accession)
    assert not held(dt.date(2023, 4, 3), "nato", "USA", "FIN")
    assert held(dt.date(2023, 4, 4), "nato", "USA", "FIN")
    # the United States suspended its ANZUS obligations to New Zealand on 11 August 1986 (anzus-1951.yaml)
    assert held(dt.date(1986, 8, 10), "anzus-1951", "USA", "NZL")
    assert not held(dt.date(1986, 8, 11), "anzus-1951", "USA", "NZL")
    assert held(dt.date(1986, 8, 11), "anzus-1951", "NZL", "AUS")


def test_intervals_are_merged_and_ordered(kb):
    for o in _cached(kb):
        assert o.end is None or o.start < o.end
    keys = {}
    for o in _cached(kb):
        k = (o.treaty, o.kind, o.debtor, o.creditor)
        if k in keys:
            assert keys[k] is not None and keys[k] < o.start, f"{k}: touching intervals not merged"
        keys[k] = o.end


def test_one_way_obligations_only_from_guarantors(kb):
    obs = _cached(kb)
    pairs = {(o.debtor, o.creditor) for o in obs if o.treaty == "cyprus-guarantee-1960"}
    assert pairs == {("GBR", "CYP"), ("GRC", "CYP"), ("TUR", "CYP")}


def test_defense_obligations_match_the_law_kernels_bound_states(kb):
    # the dyad tables and `casus assess` must agree on who owes whom: the kernel's bound_states lists the
    # parties bound to help a victim; the export lists the same debtors for that creditor
    from casus.law.kernel import OUTSIDE, day_tables

    obs = _cached(kb)
    for day in (dt.date(1960, 7, 1), dt.date(1987, 1, 1), dt.date(2005, 6, 1), dt.date(2023, 4, 5)):
        tables = day_tables(kb, day)
        for tid, tday in tables.treaties.items():
            if "defense" not in kinds_on(kb.treaties[tid], day):
                continue
            for victim in tday.members - tday.suspended:
                from casus.law.kernel import bound_states

                kernel = set()
                for clause in kb.treaties[tid].clauses:
                    if clause.kind == "defense" and any(
                            p.start <= day and (p.end is None or day < p.end) for p in clause.phases):
                        kernel |= set(bound_states(tables, tid, victim, OUTSIDE, clause))
                export = {o.debtor for o in obs if o.treaty == tid and o.kind == "defense" and o.creditor == victim
                          and o.covers(day)}
                assert kernel == export, (day, tid, victim)
