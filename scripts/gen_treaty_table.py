"""Write the README's table of commitments from the knowledge base, so that it cannot drift from the data.

Usage: ``python scripts/gen_treaty_table.py`` (rewrites the block between the markers in README.md);
``--check`` exits 1 if the README is out of date.
"""

from __future__ import annotations

import sys
from pathlib import Path

README = Path(__file__).resolve().parent.parent / "README.md"
BEGIN, END = "<!-- treaties:begin -->", "<!-- treaties:end -->"


def table(kb) -> str:  # type: ignore[no-untyped-def]
    from casus.dates import today

    day = today()
    rows = ["| Treaty | Id | In force | Status on " + day.isoformat() + " | Parties |", "|---|---|---|---|---|"]
    for t in sorted(kb.treaties.values(), key=lambda t: (t.in_force or t.signed, t.id)):
        kinds = sorted({c.kind for c in t.clauses})
        one_way = " one-way" if t.one_way() else ""
        if t.in_force is None:
            status, since = f"signed {t.signed.isoformat()}, not in force: binds no one", "—"
            parties = ", ".join(t.signatories) + " (signatories)"
        else:
            since = t.in_force.isoformat()
            if t.ended is not None and t.ended <= day:
                status = f"ended {t.ended.isoformat()}"
                parties = f"{len({p.state for p in t.parties})} over its life"
            else:
                dormant = t.dormant_on(day)
                status = "in force" + (f", dormant since {dormant.start.isoformat()}" if dormant else "")
                if _ambiguous_everywhere(t, day):
                    status += ", ambiguous today"
                members = kb.members(t.id, day)
                parties = ", ".join(members) if len(members) <= 6 else f"{len(members)} states"
        status += f" ({'/'.join(kinds)}{one_way})" if kinds else ""
        rows.append(f"| {t.short_name or t.name} | `{t.id}` | {since} | {status} | {parties} |")
    return "\n".join(rows)


def _ambiguous_everywhere(t, day) -> bool:  # type: ignore[no-untyped-def]
    """Every clause's phase that day makes the whole scope ambiguous (the Anglo-Portuguese alliance)."""
    phases = [ph for c in t.clauses for ph in c.phases if ph.start <= day and (ph.end is None or day < ph.end)]
    return bool(phases) and all(any(ex.when == {"anywhere": True} and ex.status == "ambiguous"
                                    for ex in ph.exceptions) for ph in phases)


ATOP_BEGIN, ATOP_END = "<!-- atop:begin -->", "<!-- atop:end -->"


def completeness(kb) -> str:  # type: ignore[no-untyped-def]
    """The README's numbers against ATOP, from the same report as ``casus coverage-report``."""
    from casus.kb.atop import coverage, read_unresolved
    from casus.kb.loader import DATA_DIR

    n = coverage(kb, read_unresolved([DATA_DIR], []))["counts"]
    return (f"ATOP (Leeds et al., v4.01) codes {n['rows']} alliances with a defence obligation in effect since "
            f"1945 that are not among casus's first eighteen treaties. `casus coverage-report` lists every row "
            f"with its standing; today: **{n['covered']} modelled** as treaties ({n['covered_noted']} "
            f"with an `atop_note` where casus follows the legal record rather than ATOP's coding, for example "
            f"deposit instead of signature dates; {n['covered_estimated']} with a date that could not be "
            f"established and is recorded as an estimate, which findings near it say), **{n['different']} "
            f"deliberately different** (an instrument with no defence obligation, one never in force, or one "
            f"modelled under another treaty), **{n['unresolved']} unresolved** (recorded in "
            f"`src/casus/data/atop_unresolved.yaml` with what was found and what is missing: usually the text of "
            f"the assistance article) and **{n['missing']} not yet looked at**. Until the unresolved rows are in, "
            f"a \"no state is bound\" outside the North Atlantic, the Americas, Europe and East Asia should be "
            f"read with that gap in mind.")


def _between(text: str, begin: str, end: str, body: str) -> str:
    head, _, rest = text.partition(begin)
    _, _, tail = rest.partition(end)
    return f"{head}{begin}\n{body}\n{end}{tail}"


def render(text: str, kb) -> str:  # type: ignore[no-untyped-def]
    text = _between(text, BEGIN, END, table(kb))
    if ATOP_BEGIN in text:
        text = _between(text, ATOP_BEGIN, ATOP_END, completeness(kb))
    return text


def main() -> int:
    import casus

    kb = casus.open()
    text = README.read_text(encoding="utf-8")
    if BEGIN not in text or END not in text:
        print(f"README.md has no {BEGIN} ... {END} block", file=sys.stderr)
        return 2
    new = render(text, kb)
    if "--check" in sys.argv:
        if new != text:
            print("README.md's table of commitments is out of date: run python scripts/gen_treaty_table.py")
            return 1
        return 0
    README.write_text(new, encoding="utf-8")
    print("wrote the table of commitments in README.md")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
