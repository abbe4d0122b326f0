"""List each territory's first holder after 1945 beside the state's own start, to audit colonial predecessors.

A territory whose control starts with a state that came into being after 1945 (India 1947, Indonesia 1949,
Morocco 1956) was usually held by someone else before; and a part of it (Goa, Western New Guinea, Sikkim,
Walvis Bay) may have changed hands later than the state itself. The script prints, for every territory and
part, the holder on the state's first day and on 1945-01-01, and flags:

* ``inherits``: a part with no control of its own, whose parent's first holder is a post-1945 state (the part
  may have had another holder for a while: check it);
* ``starts-with-state``: the territory's first dated period begins on its sovereign's own first day (check
  that no enclave or island of it stayed with the colonial power longer).

It reads the data only (no geometry). Usage: ``python scripts/audit_first_sovereigns.py [--flagged]``.
"""

from __future__ import annotations

import argparse
import datetime as dt

import casus
from casus.geo.control import holding


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--flagged", action="store_true", help="print only the flagged rows")
    args = ap.parse_args()
    kb = casus.open()
    rows = []
    for tid, t in sorted(kb.territories.items()):
        if t.feature is not None:
            continue
        h1945 = holding(kb.territories, tid, dt.date(1945, 1, 1))
        now = holding(kb.territories, tid, dt.date.today())
        sov = now.sovereign
        state = kb.states.get(sov) if sov else None
        born = state.start if state is not None else None
        flags = []
        if born is not None and born > dt.date(1945, 1, 1):
            if not t.control and t.parent is not None:
                flags.append("inherits")
            first = next((c for c in t.control if c.sovereign == sov), None)
            if first is not None and first.start == born:
                flags.append("starts-with-state")
        rows.append((tid, sov or "-", str(born or "-"), h1945.administrator or h1945.sovereign or "-", flags))
    print(f"{'territory':28} {'sovereign now':14} {'state from':11} {'held 1945-01-01':16} flags")
    for tid, sov, born, held, flags in rows:
        if args.flagged and not flags:
            continue
        print(f"{tid:28} {sov:14} {born:11} {held:16} {', '.join(flags)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
