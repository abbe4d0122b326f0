"""The scenario a user describes: who attacks whom, where, with what, and when.

Parsing is strict and names the field at fault with what is accepted, because a
typo in a scenario ("taget") silently defaulting would give a confident wrong
answer. The JSON shape is the public contract in DESIGN.md section 5 and
``schemas/scenario.schema.json``.
"""

from __future__ import annotations

import datetime as dt
import json
import math
import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from casus.dates import parse_date
from casus.errors import CasusError, ScenarioError

TARGETS = ("territory", "armed_forces", "vessel", "aircraft", "cyber", "space")
ACTS = ("armed_attack", "incursion", "threat")
FIELDS = ("id", "date", "attacker", "victim", "place", "target", "act")
#: the longest label of a non-state attacker (nsa:<label>); any printable text up to this length
NSA_LABEL_MAX = 120
NSA_ACCEPTED = (f"nsa:<label>, the label being 1 to {NSA_LABEL_MAX} printable characters (letters, digits, spaces, "
                "punctuation, quotes and parentheses; no line breaks or control characters)")
_CODE = re.compile(r"^[A-Za-z]{3}$")
_LINE_END = re.compile(r"\r\n|\r|\n")


@dataclass(frozen=True)
class Point:
    lat: float
    lon: float


@dataclass(frozen=True)
class Attack:
    """One scenario. ``place`` is a Point, a place name, or None (cyber and space only)."""

    date: dt.date
    attacker: str
    victim: str | None
    place: Point | str | None
    target: str = "territory"
    act: str = "armed_attack"
    id: str | None = None

    @property
    def non_state_attacker(self) -> bool:
        return self.attacker.startswith("nsa:")

    def to_dict(self) -> dict[str, Any]:
        place: Any = self.place
        if isinstance(place, Point):
            place = {"lat": place.lat, "lon": place.lon}
        out: dict[str, Any] = {}
        if self.id is not None:
            out["id"] = self.id
        out.update({"date": self.date.isoformat(), "attacker": self.attacker, "victim": self.victim,
                    "place": place, "target": self.target, "act": self.act})
        return out

    @classmethod
    def parse(cls, obj: Any) -> Attack:
        """Build an Attack from the JSON contract; ScenarioError names the field and what it accepts."""
        if not isinstance(obj, Mapping):
            raise ScenarioError("a scenario must be a JSON object with date, attacker, victim, place, target",
                                accepted="object")
        for key, value in obj.items():
            if _has_surrogate(key) or _has_surrogate(value):
                raise ScenarioError(f"{str(key).encode('utf-8', 'backslashreplace').decode()}: holds a lone "
                                    "surrogate escape (such as \\ud800), which is not a character",
                                    field=str(key).encode("utf-8", "backslashreplace").decode(),
                                    accepted="text of Unicode characters")
        extra = [k for k in obj if k not in FIELDS]
        if extra:
            raise ScenarioError(f"unknown field(s) {', '.join(map(repr, extra))}; accepted: {', '.join(FIELDS)}",
                                field=str(extra[0]), accepted=", ".join(FIELDS))
        ident = obj.get("id")
        if ident is not None and not isinstance(ident, str | int):
            raise ScenarioError("id: must be a string or an integer", field="id", accepted="string")
        if "date" not in obj:
            raise ScenarioError("date: missing; give the day of the attack as YYYY-MM-DD", field="date",
                                accepted="YYYY-MM-DD")
        date = parse_date(obj["date"], field="date")
        attacker = _actor(obj.get("attacker"), "attacker", allow_nsa=True)
        victim_raw = obj.get("victim")
        victim = None if victim_raw is None else _actor(victim_raw, "victim", allow_nsa=False)
        target = obj.get("target", "territory")
        if target not in TARGETS:
            raise ScenarioError(f"target: {target!r} is not one of {', '.join(TARGETS)}", field="target",
                                accepted=", ".join(TARGETS))
        act = obj.get("act", "armed_attack")
        if act not in ACTS:
            raise ScenarioError(f"act: {act!r} is not one of {', '.join(ACTS)}", field="act",
                                accepted=", ".join(ACTS))
        place = parse_place(obj.get("place"), target)
        if victim is None and place is None:
            raise ScenarioError("victim: missing; name the attacked state when no place is given",
                                field="victim", accepted="an ISO 3166-1 alpha-3 code")
        if victim is not None and victim == attacker:
            raise ScenarioError(f"attacker and victim are both {victim}", field="victim",
                                accepted="a state other than the attacker")
        return cls(date=date, attacker=attacker, victim=victim, place=place, target=target, act=act,
                   id=None if ident is None else str(ident))


def _actor(value: Any, field: str, *, allow_nsa: bool) -> str:
    accepted = "an ISO 3166-1 alpha-3 code" + (" or nsa:<label> for a non-state attacker" if allow_nsa else "")
    if not isinstance(value, str) or not value.strip():
        raise ScenarioError(f"{field}: missing or not a string; give {accepted}", field=field, accepted=accepted)
    v = value.strip()
    if allow_nsa and v.lower().startswith("nsa:"):
        label = v[4:].strip()
        if not label or len(label) > NSA_LABEL_MAX or not label.isprintable():
            why = ("is empty" if not label else f"is {len(label)} characters long" if len(label) > NSA_LABEL_MAX
                   else "holds a line break or a control character")
            raise ScenarioError(f"{field}: the non-state label {why}; give {NSA_ACCEPTED}",
                                field=field, accepted=NSA_ACCEPTED)
        return "nsa:" + label
    if not _CODE.match(v):
        raise ScenarioError(f"{field}: {value!r} is not a three-letter state code; give {accepted}",
                            field=field, accepted=accepted)
    return v.upper()


def parse_place(value: Any, target: str = "territory") -> Point | str | None:
    """A place as the scenario contract has it: a name, or {"lat", "lon"} checked for range."""
    if value is None:
        if target in ("cyber", "space"):
            return None
        raise ScenarioError(f"place: missing; a {target} attack needs a place ({{\"lat\", \"lon\"}} or a name)",
                            field="place", accepted='{"lat": number, "lon": number} or a place name')
    if isinstance(value, str):
        if not value.strip() or len(value) > 200:
            raise ScenarioError("place: empty or too long a name", field="place", accepted="a place name")
        return value.strip()
    if isinstance(value, Mapping):
        if set(value) != {"lat", "lon"}:
            raise ScenarioError("place: an object needs exactly lat and lon", field="place",
                                accepted='{"lat": number, "lon": number}')
        lat, lon = value["lat"], value["lon"]
        for name, v, lim in (("lat", lat, 90), ("lon", lon, 180)):
            # abs() before isfinite(): a JSON integer too large for a float would overflow isfinite()
            if isinstance(v, bool) or not isinstance(v, int | float) or abs(v) > lim or not math.isfinite(v):
                from casus.geo.hints import comma_hint, swap_hint

                hint = comma_hint(v) if isinstance(v, str) else None
                if hint is None and not isinstance(lat, bool) and not isinstance(lon, bool) \
                        and isinstance(lat, int | float) and isinstance(lon, int | float):
                    hint = swap_hint(lat, lon)
                raise ScenarioError(f"place.{name}: {v!r} is not a number between -{lim} and {lim}",
                                    field=f"place.{name}", accepted=f"a number from -{lim} to {lim}", hint=hint)
        return Point(float(lat), float(lon))
    raise ScenarioError("place: must be an object with lat and lon, or a place name", field="place",
                        accepted='{"lat": number, "lon": number} or a place name')


@dataclass(frozen=True)
class LineError:
    line: int
    error: CasusError

    def to_dict(self) -> dict[str, Any]:
        return {"line": self.line, **self.error.to_dict()}


def parse_jsonl(text: str) -> tuple[list[tuple[int, Attack]], list[LineError]]:
    """Parse JSON Lines (or one JSON object or array); bad lines are reported by number, good ones kept."""
    stripped = text.strip()
    good: list[tuple[int, Attack]] = []
    bad: list[LineError] = []
    if stripped.startswith("["):
        try:
            items = json.loads(stripped)
        except json.JSONDecodeError as exc:
            return [], [LineError(exc.lineno, ScenarioError(f"not valid JSON: {exc.msg}", accepted="JSON"))]
        except (ValueError, RecursionError) as exc:
            return [], [LineError(1, _unreadable(exc, "JSON"))]
        entries = list(enumerate(items, start=1))
    else:
        entries = []
        # only \n, \r\n and \r end a line: JSON strings may hold U+2028, U+0085 and the like
        # raw (str.splitlines would cut them), and editors number lines this way
        for n, line in enumerate(_LINE_END.split(text), start=1):
            if not line.strip():
                continue
            try:
                entries.append((n, json.loads(line)))
            except json.JSONDecodeError as exc:
                bad.append(LineError(n, ScenarioError(f"not valid JSON: {exc.msg}", accepted="one JSON object")))
            except (ValueError, RecursionError) as exc:
                bad.append(LineError(n, _unreadable(exc, "one JSON object")))
    for n, obj in entries:
        try:
            good.append((n, Attack.parse(obj)))
        except CasusError as exc:
            bad.append(LineError(n, exc))
    bad.sort(key=lambda e: e.line)
    return good, bad


def _has_surrogate(value: Any, depth: int = 0) -> bool:
    """Whether a JSON value holds a lone surrogate (``"\\ud800"`` parses, but cannot be written as UTF-8)."""
    if isinstance(value, str):
        try:
            value.encode("utf-8")
        except UnicodeEncodeError:
            return True
        return False
    if depth > 4:
        return False
    if isinstance(value, Mapping):
        return any(_has_surrogate(k, depth + 1) or _has_surrogate(v, depth + 1) for k, v in value.items())
    if isinstance(value, list):
        return any(_has_surrogate(v, depth + 1) for v in value)
    return False


def _unreadable(exc: Exception, accepted: str) -> ScenarioError:
    """Valid JSON syntax that Python will not read: nesting too deep, an integer of thousands of digits."""
    why = "nested too deeply" if isinstance(exc, RecursionError) else "a number too long to read"
    return ScenarioError(f"not valid JSON: {why}", accepted=accepted)
