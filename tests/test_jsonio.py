"""casus's JSON (``casus.jsonio``) is written by orjson for the compact and the indented layouts (issue 18):
the bytes must be the stdlib's, ``json.dumps(to_data(obj), ensure_ascii=False)``, for every answer people
see, the public examples and the tour above all, with the one documented difference in how some numbers
below 1e-4 are written."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import math

import numpy as np
import pytest

from casus.jsonio import compact_bytes, dumps, dumps_plain, to_data
from casus.law.attack import Point
from casus.law.defends import defends
from casus.law.tour import run_tour
from tests.cli.test_fast_json_identical import scenarios


def stdlib(obj: object, **kw: object) -> str:
    return json.dumps(to_data(obj), ensure_ascii=False, allow_nan=False, **kw)  # type: ignore[arg-type]


def same_everywhere(obj: object) -> None:
    """Every layout casus writes gives the stdlib's bytes for ``obj``."""
    assert compact_bytes(obj) == stdlib(obj, separators=(",", ":")).encode()
    assert dumps_plain(obj, separators=(",", ":")) == stdlib(obj, separators=(",", ":"))
    assert dumps_plain(obj, indent=2) == stdlib(obj, indent=2)
    assert dumps(obj) == stdlib(obj, indent=2)
    assert dumps_plain(obj) == stdlib(obj)  # the spaced one-line form, written by the stdlib itself


def test_public_examples_are_the_stdlib_bytes(kb):
    from casus.law.assess import Assessment, assess_many

    results = [a for a in assess_many(kb, scenarios(72), on_error="collect") if isinstance(a, Assessment)]
    assert len(results) > 40
    for a in results:
        same_everywhere(a.to_dict())
        same_everywhere(a.to_dict(detail=False))


def test_who_defends_answers_are_the_stdlib_bytes(kb):
    for lat, lon, day in [(35.68, 139.69, "2024-06-01"), (60.17, 24.94, "2023-04-05"), (13.44, 144.79, "1990-01-01"),
                          (7.5, 134.6, "2025-06-01"), (64.15, -21.94, "1952-01-01")]:
        d = defends(kb, Point(lat, lon), day)
        same_everywhere(d.to_dict())
        same_everywhere(d.to_dict(detail=False))


def test_the_tour_is_the_stdlib_bytes(kb):
    answers = run_tour(kb)
    assert answers
    for a in answers:
        same_everywhere(a)


@dataclasses.dataclass
class Dated:
    day: dt.date
    n: np.int64


def test_data_that_is_not_plain_goes_through_to_data():
    """Dates, dataclasses, numpy scalars, integer keys and sets are turned into JSON by ``to_data`` as before,
    never by orjson's own rules (which would, e.g., write a dataclass without its ``to_dict``)."""
    obj = {"when": dt.date(2023, 4, 4), "at": dt.datetime(2023, 4, 4, 12, 30), "rec": Dated(dt.date(1949, 8, 24),
           np.int64(12)), "keys": {1: "one"}, "set": {"b", "a"}, "tuple": (1, 2.5, "é"), "nan": float("nan")}
    assert json.loads(compact_bytes(obj)) == {
        "when": "2023-04-04", "at": "2023-04-04T12:30:00", "rec": {"day": "1949-08-24", "n": 12},
        "keys": {"1": "one"}, "set": ["a", "b"], "tuple": [1, 2.5, "é"], "nan": None}
    plain = {k: v for k, v in obj.items() if k != "nan"}
    same_everywhere(plain)
    same_everywhere({"beyond 64 bits": [2**70, -(2**80)]})  # orjson refuses them; the stdlib writes them


@pytest.mark.parametrize("text", ["plain", "é ü 北京 \u2028", "quote \" back \\ slash", "ctl \x00 \x1f \t \n \x7f"])
def test_strings_are_escaped_as_the_stdlib_does(text):
    same_everywhere({"s": text, text: [text]})


def test_numbers_differ_only_in_the_documented_way():
    """From 1e-4 up a float is written as the stdlib writes it (exponents too); some below 1e-4 are written
    without the exponent or its padding zero, and read back as the same float."""
    rng = np.random.default_rng(7)
    normal = [float(x) for x in rng.uniform(-1e6, 1e6, 500)] + [0.1 + 0.2, 1 / 3, 1e-4, 2.0, -0.0, 1e16, 2e21,
                                                                  1.5e300, -1.23e-10, 123.456]
    same_everywhere({"xs": normal, "ints": [0, -1, 2**53, 10**18]})
    for x in (5e-05, 1e-07):
        ours = compact_bytes([x])
        assert ours != stdlib([x], separators=(",", ":")).encode()
        assert json.loads(ours) == [x]
    assert compact_bytes([5e-05, 1e-07]) == b"[0.00005,1e-7]"
    assert json.loads(compact_bytes([math.pi])) == [math.pi]
