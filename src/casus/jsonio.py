"""One way to turn results into JSON, shared by the CLI, the HTTP API and exports.

Output is deterministic (same input, byte-identical JSON): keys keep the order
the result objects define, floats are rounded where the result rounds them,
and dates are ISO strings.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import math
from collections.abc import Mapping
from enum import Enum
from typing import Any

from pydantic import BaseModel


def to_data(obj: Any) -> Any:
    """Plain JSON-ready data from results: dataclasses, pydantic models, dates, sets, numpy scalars."""
    if hasattr(obj, "to_dict") and not isinstance(obj, type):
        return to_data(obj.to_dict())
    if isinstance(obj, BaseModel):
        return to_data(obj.model_dump(mode="json", by_alias=True, exclude_none=True))
    if dataclasses.is_dataclass(obj) and not isinstance(obj, type):
        return {f.name: to_data(getattr(obj, f.name)) for f in dataclasses.fields(obj)}
    if isinstance(obj, Mapping):
        return {str(k): to_data(v) for k, v in obj.items()}
    if isinstance(obj, (list, tuple)):
        return [to_data(v) for v in obj]
    if isinstance(obj, (set, frozenset)):
        return sorted(to_data(v) for v in obj)
    if isinstance(obj, (dt.date, dt.datetime)):
        return obj.isoformat()
    if isinstance(obj, Enum):
        return obj.value
    if isinstance(obj, float):
        return None if math.isnan(obj) else obj
    if hasattr(obj, "item") and callable(obj.item):  # numpy scalar
        return to_data(obj.item())
    return obj


def dumps(obj: Any, *, indent: int | None = 2) -> str:
    return json.dumps(to_data(obj), indent=indent, ensure_ascii=False, allow_nan=False)


def dumps_plain(obj: Any, *, indent: int | None = None, separators: tuple[str, str] | None = None) -> str:
    """:func:`dumps` for data that is already plain (a result's ``to_dict()``), without a second walk.

    A result object is turned into its ``to_dict()`` first. The stdlib encoder then takes the data as it
    is; only if it meets something that is not plain JSON (a date, a model, a numpy integer, a NaN) does the
    whole object go through :func:`to_data`, so the text is the same as
    ``json.dumps(to_data(obj), indent=indent, separators=separators)``. Plain here means: dicts with string
    keys, lists, tuples, strings, numbers, booleans and None.
    """
    if hasattr(obj, "to_dict") and not isinstance(obj, type):
        obj = obj.to_dict()
    try:
        return json.dumps(obj, indent=indent, separators=separators, ensure_ascii=False, allow_nan=False)
    except (TypeError, ValueError):
        return json.dumps(to_data(obj), indent=indent, separators=separators, ensure_ascii=False,
                          allow_nan=False)
