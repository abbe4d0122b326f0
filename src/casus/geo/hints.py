"""What a user probably meant when coordinates look wrong: swapped, or written with a decimal comma.

Hints never change an answer: the input is still refused (or answered as given); the hint is added to
the error (``CasusError.hint``) or printed under the answer, so the user decides.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from casus.kb.base import KnowledgeBase

__all__ = ["comma_hint", "high_seas_swap_hint", "swap_hint"]

_COMMA_NUMBER = re.compile(r"^[+-]?\d+,\d+$")
_FOUR = re.compile(r"^\s*([+-]?\d+),(\d+)\s*[,;\s]\s*([+-]?\d+),(\d+)\s*$")


def _fmt(x: float) -> str:
    return f"{x:g}"


def swap_hint(lat: Any, lon: Any) -> str | None:
    """A latitude out of range whose swap with the longitude is a point on Earth."""
    try:
        lat, lon = float(lat), float(lon)
    except (TypeError, ValueError, OverflowError):
        return None
    if abs(lat) > 90 and abs(lat) <= 180 and abs(lon) <= 90:
        return (f"latitude comes first and lies within -90..90; latitude and longitude look swapped: did you mean "
                f"{_fmt(lon)}, {_fmt(lat)}?")
    return None


def comma_hint(text: str) -> str | None:
    """'59,437' (one number with a decimal comma) or '59,437,24,745' / '59,437 24,745' (two)."""
    t = str(text).strip()
    m = _FOUR.match(t)
    if m:
        return (f"{t!r} looks like two numbers with decimal commas; write a decimal point: "
                f"{m.group(1)}.{m.group(2)},{m.group(3)}.{m.group(4)}")
    if _COMMA_NUMBER.match(t):
        return f"{t!r} looks like a number with a decimal comma; write a decimal point: {t.replace(',', '.')}"
    return None


def high_seas_swap_hint(kb: KnowledgeBase, lat: float, lon: float) -> str | None:
    """A point on the high seas whose swap lies in a territory: the coordinates were probably swapped."""
    if abs(lon) > 90:
        return None
    from casus.geo.query import where

    try:
        w = where(kb, lon, lat)
    except Exception:  # never let a hint turn an answer into an error
        return None
    if w.territory is None:
        return None
    return (f"{_fmt(lat)}, {_fmt(lon)} is on the high seas; swapped, {_fmt(lon)}, {_fmt(lat)} is in "
            f"{w.territory_name}: were latitude and longitude swapped?")
