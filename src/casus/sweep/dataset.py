"""Reading a sweep back: its description (``_sweep.json``) and its rows, a date or a clause at a time.

Part files hold one row group per date, so reading one date touches one row
group of each part (Parquet statistics let the reader skip the rest).
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from casus.errors import DateError, InputError
from casus.sweep.run import META_FILE

if TYPE_CHECKING:
    import pyarrow as pa


def read_meta(path: Path | str) -> dict[str, Any]:
    """The sweep's ``_sweep.json``; InputError when ``path`` is not a sweep directory."""
    p = Path(path)
    meta = p / META_FILE
    if not meta.is_file():
        raise InputError(f"{p} is not a sweep directory (no {META_FILE}); make one with casus sweep --out {p}",
                         field="SWEEP_DIR", accepted="a directory written by casus sweep")
    try:
        data = json.loads(meta.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise InputError(f"{meta} cannot be read: {exc}", field="SWEEP_DIR") from exc
    if data.get("format") != "casus-sweep":
        raise InputError(f"{meta} is not a casus sweep description", field="SWEEP_DIR")
    return data  # type: ignore[no-any-return]


def sweep_dates(meta: dict[str, Any]) -> tuple[dt.date, ...]:
    return tuple(dt.date.fromisoformat(d) for d in meta["dates"])


def pick_date(meta: dict[str, Any], given: str) -> dt.date:
    """The sweep date ``given`` names; refused with the dates the sweep has."""
    from casus.dates import parse_date

    day = parse_date(given, field="--date", check_range=False)
    have = sweep_dates(meta)
    if day not in have:
        shown = ", ".join(d.isoformat() for d in have[:6]) + (" ..." if len(have) > 6 else "")
        raise DateError(f"--date: the sweep has no date {day.isoformat()}; it has {shown}", field="--date",
                        accepted=shown)
    return day


def read_rows(path: Path | str, *, dates: Sequence[dt.date] | None = None, clauses: Sequence[str] | None = None,
              columns: Sequence[str] | None = None) -> pa.Table:
    """Rows of the sweep, filtered by date and clause, in a stable order (cell, date, clause)."""
    import pyarrow.compute as pc
    import pyarrow.dataset as ds

    read_meta(path)
    data = ds.dataset(str(path), format="parquet")  # files starting with '_' or '.' are ignored
    cond = None
    if dates is not None:
        cond = pc.field("date").isin(list(dates))
    if clauses is not None:
        c = pc.field("clause").cast("string").isin(list(clauses))
        cond = c if cond is None else cond & c
    table = data.to_table(columns=list(columns) if columns else None, filter=cond)
    keys = [k for k in ("cell", "date", "clause") if k in table.column_names]
    if not keys:
        return table
    sortable = table
    if "clause" in keys:
        sortable = table.set_column(table.column_names.index("clause"), "clause",
                                    table.column("clause").cast("string"))
    order = pc.sort_indices(sortable, sort_keys=[(k, "ascending") for k in keys])
    return table.take(order)
