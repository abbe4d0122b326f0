"""Cross-file checks: what no single model can see on its own.

Run after every file has passed its own schema: unknown ids, reversed or
overlapping membership, a party that did not exist on the date it joined, a
scope naming a region that does not exist, unsourced membership dates, dates
in the future. Each problem names file and line. Section modules (geography,
missiles, relations) add their own checks through a ``check(raw, report)``
function, listed in ``SECTION_CHECKS``.
"""

from __future__ import annotations

import datetime as dt
import importlib
from collections.abc import Callable, Iterator
from typing import Any

from casus.errors import Problem, close_matches
from casus.kb.loader import Located, RawBase
from casus.kb.membership import spells
from casus.kb.models import Treaty

Report = Callable[[Located, str, "list[str | int] | None"], None]

SECTION_CHECKS = (
    "casus.kb.geography:check",
    "casus.kb.features:check",
    "casus.kb.missiles:check",
    "casus.kb.relations:check",
    "casus.kb.publishers:check",
)

PREDICATES = {"anywhere", "region", "territory_in", "territory", "sovereign", "administrator", "all", "any", "not"}


def check(raw: RawBase, problems: list[Problem], today: dt.date | None = None) -> None:
    today = today or dt.date.today()

    def report(where: Located, message: str, loc: list[str | int] | None = None) -> None:
        line = where.line_of(loc) if loc else where.line
        problems.append(Problem(where.file, line or where.line, message))

    for loc_item in _all_items(raw):
        for path, value in _walk(loc_item.raw, []):
            if isinstance(value, dt.date) and value > today:
                report(loc_item, f"date {value.isoformat()} is in the future (today is {today.isoformat()})", path)

    for where in raw.treaties.values():
        _check_treaty(raw, where, report)
    for where in raw.never_in_force.values():
        _check_parties_exist(raw, where, report)
    _check_atop(raw, report)

    for spec in SECTION_CHECKS:
        mod_name, fn = spec.split(":")
        try:
            mod = importlib.import_module(mod_name)
        except ModuleNotFoundError:
            continue
        hook = getattr(mod, fn, None)
        if hook is not None:
            hook(raw, report)


def _all_items(raw: RawBase) -> Iterator[Located]:
    yield from raw.states.values()
    yield from raw.treaties.values()
    for sec in raw.sections.values():
        yield from sec.values()
    yield from raw.unresolved.values()


def _walk(node: Any, path: list[str | int]) -> Iterator[tuple[list[str | int], Any]]:
    if isinstance(node, dict):
        for k, v in node.items():
            yield from _walk(v, [*path, k])
    elif isinstance(node, list):
        for i, v in enumerate(node):
            yield from _walk(v, [*path, i])
    else:
        yield path, node


def _check_parties_exist(raw: RawBase, where: Located, report: Report) -> None:
    """A pact never in force still names real states: each existed on the day it was signed."""
    pact = where.item
    for i, code in enumerate(pact.states):
        st = raw.states.get(code)
        if st is None:
            report(where, f"{pact.id}: unknown state {code!r} (not in states.yaml)", ["parties", i])
        elif (st.item.start and pact.signed < st.item.start) or (st.item.end and pact.signed >= st.item.end):
            report(where, f"{pact.id}: {code} did not exist on {pact.signed} "
                          f"(exists {st.item.start or '…'} to {st.item.end or 'today'})", ["parties", i])


def _check_atop(raw: RawBase, report: Report) -> None:
    """ATOP crosswalk: a treaty's entry into force far from ATOP's begin needs an ``atop_note`` saying why,
    and an ATOP row is either covered by a treaty or listed in atop_unresolved.yaml, not both."""
    from casus.kb.atop import DEPOSIT_LAG_DAYS, checklist

    rows = checklist()
    covered: dict[int, str] = {}
    for where in [*raw.treaties.values(), *raw.never_in_force.values()]:
        t = where.item
        if t.atop_id is None:
            continue
        covered.setdefault(t.atop_id, t.id)
        row = rows.get(t.atop_id)
        if row is None or t.in_force is None or t.atop_note:
            continue
        lag = (t.in_force - row.begin_day).days
        if abs(lag) > DEPOSIT_LAG_DAYS:
            report(where, f"{t.id}: in force {t.in_force}, but ATOP row {t.atop_id} begins {row.begin} "
                          f"({abs(lag)} days {'earlier' if lag > 0 else 'later'}, more than the usual deposit lag "
                          f"of two years); check the dates, or say why in 'atop_note'", ["in_force"])
    for aid in sorted(set(raw.unresolved) & set(covered)):
        listed = raw.unresolved[aid]
        report(listed, f"ATOP row {aid} is listed as {listed.item.status} but treaty {covered[aid]!r} covers it; "
                       "remove one", None)


def _check_treaty(raw: RawBase, where: Located, report: Report) -> None:
    t: Treaty = where.item
    parties_loc: list[str | int] = ["parties"]
    seen: set[str] = set()
    for i, p in enumerate(t.parties):
        loc: list[str | int] = [*parties_loc, i]
        if p.state in seen:
            report(where, f"{t.id}: party {p.state} listed twice; put all its events under one entry", loc)
        seen.add(p.state)
        st = raw.states.get(p.state)
        if st is None:
            report(where, f"{t.id}: unknown state {p.state!r} (not in states.yaml)", loc)
            continue
        found, probs = spells(p, t.ended)
        for j, msg in probs:
            report(where, f"{t.id}: {msg}", [*loc, "events", j])
        gone = st.item.end
        if gone is not None and any(sp.end is None or sp.end > gone for sp in found):
            report(where, f"{t.id}: {p.state} ceased to exist on {gone} but stays a party after it; "
                          "end the treaty or add a 'ceased' event", loc)
        for j, e in enumerate(p.events):
            eloc = [*loc, "events", j]
            if e.type == "bound":
                if (st.item.start and e.date < st.item.start) or (st.item.end and e.date >= st.item.end):
                    report(where, f"{t.id}: {p.state} did not exist on {e.date} "
                                  f"(exists {st.item.start or '…'} to {st.item.end or 'today'})", eloc)
                if t.in_force is not None and e.date < t.in_force:
                    report(where, f"{t.id}: {p.state} bound on {e.date}, before the treaty entered into force "
                                  f"on {t.in_force}; record the entry-into-force date", eloc)
            if t.ended and e.date > t.ended:
                report(where, f"{t.id}: event on {e.date} after the treaty ended on {t.ended}", eloc)
            for s in e.towards:
                if s not in raw.states:
                    report(where, f"{t.id}: unknown state {s!r} in 'towards'", eloc)
            if not e.sources and not t.membership_sources:
                report(where, f"{t.id}: {p.state} {e.type} {e.date} has no source "
                              "(give 'sources' on the event or 'membership_sources' on the treaty)", eloc)
    ids: set[str] = set()
    for i, c in enumerate(t.clauses):
        cloc: list[str | int] = ["clauses", i]
        if c.id in ids:
            report(where, f"duplicate clause id {c.id!r}", cloc)
        ids.add(c.id)
        if not c.id.startswith(t.id + "/"):
            report(where, f"clause id {c.id!r} must start with '{t.id}/'", cloc)
        for k, ph in enumerate(c.phases):
            ploc = [*cloc, "phases", k]
            if ph.start < (t.in_force or t.signed):
                report(where, f"{c.id}: phase {ph.label!r} starts before the treaty entered into force", ploc)
            for target, expr in ph.targets.items():
                for msg in scope_problems(raw, expr):
                    report(where, f"{c.id}: {target}: {msg}", [*ploc, "targets", target])
            for m, ex in enumerate(ph.exceptions):
                for msg in scope_problems(raw, ex.when):
                    report(where, f"{c.id}: exception: {msg}", [*ploc, "exceptions", m])


def scope_problems(raw: RawBase, expr: Any) -> list[str]:
    """Problems in one scope expression (unknown predicate, region, territory or state)."""
    out: list[str] = []
    if not isinstance(expr, dict) or len(expr) != 1:
        return [f"a scope expression is a mapping with exactly one key, one of {sorted(PREDICATES)}; got {expr!r}"]
    (key, val), = expr.items()
    if key not in PREDICATES:
        return [f"unknown scope predicate {key!r}; accepted: {', '.join(sorted(PREDICATES))}"]
    if key in ("all", "any"):
        if not isinstance(val, list) or not val:
            return [f"'{key}' takes a non-empty list"]
        for sub in val:
            out += scope_problems(raw, sub)
    elif key == "not":
        out += scope_problems(raw, val)
    elif key == "anywhere" and val is not True:
        out.append("'anywhere' takes true")
    elif key in ("region", "territory_in"):
        regions = raw.sections.get("regions", {})
        if val not in regions:
            hints = close_matches(str(val), regions)
            out.append(f"unknown region {val!r}" + (f"; did you mean {', '.join(hints)}?" if hints else ""))
    elif key == "territory":
        names = val if isinstance(val, list) else [val]
        territories = {**raw.sections.get("features", {}), **raw.sections.get("territories", {})}
        for n in names:
            if n not in territories:
                hints = close_matches(str(n), territories)
                out.append(f"unknown territory {n!r}" + (f"; did you mean {', '.join(hints)}?" if hints else ""))
    elif key in ("sovereign", "administrator") and val not in ("victim", "party") and val not in raw.states:
        out.append(f"'{key}' takes victim, party or a state code; unknown {val!r}")
    return out
