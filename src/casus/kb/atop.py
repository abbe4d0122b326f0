"""The ATOP crosswalk: which of ATOP's defence pacts since 1945 casus models, and which it does not.

ATOP (Alliance Treaty Obligations and Provisions, v4.01; Leeds, Ritter, Mitchell
and Long 2002, atopdata.org) is what researchers use. Its rows are a checklist
(``data/atop/defence-pacts-since-1945.csv``), never a source of facts: ATOP dates
alliances by signature, carries no treaty texts, and codes some pacts
differently from their legal status. A row is *covered* when a treaty carries
its ``atop_id``; otherwise ``data/atop_unresolved.yaml`` says why it is not
(``unresolved``: the treaty or its text could not be found; ``different``: casus
deliberately models no obligation for it, with the reason). Rows listed in
neither are *missing*, which ``casus check`` reports.
"""

from __future__ import annotations

import csv
import datetime as dt
import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from pydantic import Field

from casus.errors import Problem
from casus.kb import yamlio
from casus.kb.models import Model, Source

if TYPE_CHECKING:
    from casus.kb.base import KnowledgeBase

CHECKLIST = Path(__file__).resolve().parent.parent / "data" / "atop" / "defence-pacts-since-1945.csv"
UNRESOLVED_FILE = "atop_unresolved.yaml"

#: ATOP dates by signature; deposit and entry into force usually follow within this many days
DEPOSIT_LAG_DAYS = 731

CITATION = ("Leeds, Ritter, Mitchell and Long, 'Alliance Treaty Obligations and Provisions, 1815-1944', "
            "International Interactions 28 (2002) 237-260; ATOP v4.01, atopdata.org")


@dataclass(frozen=True)
class AtopRow:
    """One ATOP alliance from the checklist; ``begin``/``end`` are ATOP's (signature) dates, possibly partial."""

    atop_id: int
    cow_id: int | None
    begin: str
    end: str
    in_effect_2018: bool
    bilateral: bool
    consultation: bool
    members_cow: tuple[int, ...]

    @property
    def begin_day(self) -> dt.date:
        """The first day ATOP's begin can mean (a missing month or day counts as the first)."""
        return partial_date(self.begin)


def partial_date(text: str) -> dt.date:
    parts = [int(p) for p in text.split("-")]
    parts += [1] * (3 - len(parts))
    return dt.date(parts[0], parts[1], parts[2])


@cache
def checklist(path: Path = CHECKLIST) -> dict[int, AtopRow]:
    """The ATOP rows to cover, by ATOP id."""
    out: dict[int, AtopRow] = {}
    with path.open(encoding="utf-8", newline="") as fh:
        for r in csv.DictReader(fh):
            members = tuple(sorted({int(c) for c in re.findall(r"(\d+)\[", r["members_cow"])}))
            out[int(r["atopid"])] = AtopRow(
                atop_id=int(r["atopid"]), cow_id=int(r["cowid"]) if r["cowid"] else None,
                begin=r["begin"], end=r["end"], in_effect_2018=r["in_effect_2018"] == "1",
                bilateral=r["bilateral"] == "1", consultation=r["consultation"] == "1", members_cow=members)
    return out


class UnresolvedRow(Model):
    """An ATOP row that casus does not model as a treaty, and why."""

    atop_id: int
    status: Literal["unresolved", "different"]
    treaty: str | None = Field(default=None, description="the treaty's name, when identified")
    found: str = Field(description="what was found about the pact")
    missing: str | None = Field(default=None, description="what is missing to model it (unresolved rows)")
    sources: tuple[Source, ...] = ()


def read_unresolved(directories: list[Path], problems: list[Problem]) -> dict[int, UnresolvedRow]:
    """The unresolved/different rows of every layer (a later layer's row replaces an earlier one)."""
    from pydantic import ValidationError

    out: dict[int, UnresolvedRow] = {}
    for directory in directories:
        path = Path(directory) / UNRESOLVED_FILE
        if not path.is_file():
            continue
        name = f"{Path(directory).name}/{UNRESOLVED_FILE}"
        try:
            root = yamlio.read(path, display=name)
        except Exception as exc:  # a KnowledgeBaseError with its own problems
            problems.extend(getattr(exc, "problems", [Problem(name, None, str(exc))]))
            continue
        if not isinstance(root, dict) or not isinstance(root.get("rows"), list):
            problems.append(Problem(name, 1, "expected a mapping with a list under 'rows:'"))
            continue
        seen: set[int] = set()
        for i, raw in enumerate(root["rows"]):
            try:
                row = UnresolvedRow.model_validate(yamlio.plain(raw))
            except ValidationError as exc:
                for err in exc.errors():
                    problems.append(Problem(name, yamlio.line_of(root, ["rows", i, *err["loc"]]),
                                            f"{'.'.join(map(str, err['loc']))}: {err['msg']}"))
                continue
            if row.atop_id in seen:
                problems.append(Problem(name, yamlio.line_of(root, ["rows", i]), f"atop_id {row.atop_id} twice"))
            seen.add(row.atop_id)
            if row.status == "unresolved" and not row.missing:
                problems.append(Problem(name, yamlio.line_of(root, ["rows", i]),
                                        f"atop_id {row.atop_id}: an unresolved row says what is 'missing'"))
            out[row.atop_id] = row
    return out


def coverage(kb: KnowledgeBase, unresolved: dict[int, UnresolvedRow] | None = None,
             rows: dict[int, AtopRow] | None = None) -> dict[str, Any]:
    """Each ATOP row's standing in casus: covered (by which treaties), never in force, unresolved,
    different, or missing; with counts. Joined on ``atop_id``, so full treaties and compact pacts count alike."""
    rows = checklist() if rows is None else rows
    if unresolved is None:
        from casus.kb.loader import DATA_DIR

        unresolved = read_unresolved([DATA_DIR], [])
    by_atop: dict[int, list[str]] = {}
    for t in kb.treaties.values():
        if t.atop_id is not None:
            by_atop.setdefault(t.atop_id, []).append(t.id)
    never: dict[int, list[str]] = {}
    for p in kb.never_in_force.values():
        if p.atop_id is not None:
            never.setdefault(p.atop_id, []).append(p.id)
    out_rows = []
    for aid, row in sorted(rows.items()):
        entry: dict[str, Any] = {"atop_id": aid, "cow_id": row.cow_id, "atop_begin": row.begin,
                                 "atop_end": row.end or None}
        if aid in by_atop:
            ids = sorted(by_atop[aid])
            notes = [kb.treaties[i].atop_note for i in ids if kb.treaties[i].atop_note]
            estimated = sorted({d for i in ids for d in kb.treaties[i].estimated_dates})
            entry |= {"status": "covered", "treaties": ids, "atop_note": notes[0] if notes else None,
                      "estimated_dates": estimated}
        elif aid in never:
            entry |= {"status": "different", "treaties": sorted(never[aid]),
                      "reason": "signed but never in force: " + (kb.never_in_force[never[aid][0]].atop_note or "")}
        elif aid in unresolved:
            u = unresolved[aid]
            entry |= {"status": u.status, "treaty": u.treaty, "found": u.found, "missing": u.missing,
                      "sources": [s.model_dump(mode="json", exclude_none=True) for s in u.sources]}
        else:
            entry |= {"status": "missing"}
        out_rows.append(entry)
    counts: dict[str, int] = {"rows": len(out_rows)}
    for s in ("covered", "different", "unresolved", "missing"):
        counts[s] = sum(1 for r in out_rows if r["status"] == s)
    counts["covered_noted"] = sum(1 for r in out_rows if r["status"] == "covered" and r.get("atop_note"))
    counts["covered_estimated"] = sum(1 for r in out_rows if r["status"] == "covered" and r.get("estimated_dates"))
    extra = sorted(i for i in by_atop if i not in rows)
    return {"source": CITATION, "counts": counts, "rows": out_rows,
            "treaties_with_atop_id_outside_checklist": [{"atop_id": i, "treaties": sorted(by_atop[i])}
                                                        for i in extra]}
