"""Property tests for the parsers that need no knowledge base: dates, scenarios, JSON Lines.

The contract: any input gives a valid result or a typed casus error that says
what was given and what is accepted; never another exception. A valid result
survives a round trip through its own JSON, and the JSON is the same bytes
every time.
"""

from __future__ import annotations

import datetime as dt
import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from casus.dates import COVERED_FROM, parse_date, today
from casus.errors import CasusError, DateError, InputError, ScenarioError
from casus.jsonio import dumps
from casus.law.attack import ACTS, TARGETS, Attack, Point, parse_jsonl

# ----------------------------------------------------------------------------- strategies

json_scalars = st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=20)
json_values = st.recursive(
    json_scalars,
    lambda kids: st.lists(kids, max_size=4) | st.dictionaries(st.text(max_size=8), kids, max_size=4),
    max_leaves=10,
)
in_range = st.dates(COVERED_FROM, today())
iso_like = st.from_regex(r"\A\s?\d{4}-\d{2}-\d{2}\s?\Z")  # \d includes non-ASCII digits
dates = (in_range.map(dt.date.isoformat) | in_range | iso_like | st.dates().map(dt.date.isoformat)
         | st.datetimes() | json_values)
codes = st.sampled_from(["PRK", "USA", "usa", " jpn ", "CHN", "RUS", "FIN", "XXX", "US", "nsa:ISIS", "NSA:al qaeda",
                         "nsa:", "", "  "]) | st.text(max_size=6) | json_values
coords = (st.floats(-90, 90) | st.floats(allow_nan=True, allow_infinity=True) | st.integers()
          | st.integers(10**300, 10**310) | st.booleans() | st.text(max_size=5) | st.none())
places = (st.fixed_dictionaries({"lat": coords, "lon": coords})
          | st.dictionaries(st.sampled_from(["lat", "lon", "alt", "name"]), coords, max_size=3)
          | st.sampled_from(["Guam", "Senkaku Islands", "  Tallinn ", ""]) | st.text(max_size=12)
          | st.text(min_size=199, max_size=202) | json_values)
scenario_parts = {
    "id": st.text(max_size=10) | st.integers(-(10**6), 10**6) | json_values,
    "date": dates,
    "attacker": codes,
    "victim": codes,
    "place": places,
    "target": st.sampled_from(TARGETS) | st.text(max_size=8) | json_values,
    "act": st.sampled_from(ACTS) | st.text(max_size=8) | json_values,
    "taget": st.sampled_from(TARGETS),
}


@st.composite
def scenarios(draw: st.DrawFn) -> dict[str, object]:
    keys = draw(st.sets(st.sampled_from(sorted(scenario_parts)), max_size=len(scenario_parts)))
    # mostly well-formed keys, so that the deeper checks are reached
    if draw(st.booleans()):
        keys = keys - {"taget"} | {"date", "attacker", "victim", "place"}
    return {k: draw(scenario_parts[k]) for k in sorted(keys)}


valid_attacks = st.builds(
    Attack,
    date=in_range,
    attacker=st.sampled_from(["PRK", "CHN", "RUS", "nsa:ISIS", "nsa:Group 7.b"]),
    victim=st.sampled_from(["USA", "JPN", "EST", "PHL"]),
    place=(st.builds(Point, st.floats(-90, 90), st.floats(-180, 180))
           | st.text(st.characters(codec="utf-8"), min_size=1, max_size=30).map(str.strip).filter(bool)),
    target=st.sampled_from(TARGETS[:4]),
    act=st.sampled_from(ACTS),
    id=st.none() | st.text(st.characters(codec="utf-8"), max_size=12),
)


def assert_clear(exc: CasusError) -> None:
    """A refusal a user can act on: an input error with a message and what is accepted, serialisable."""
    assert isinstance(exc, InputError), type(exc)
    assert exc.message.strip()
    assert exc.accepted, f"no 'accepted' in {exc!r}"
    body = json.loads(dumps(exc.to_dict()))
    assert body["message"] == exc.message


# ----------------------------------------------------------------------------- dates

@settings(max_examples=300, deadline=None)
@given(dates)
def test_parse_date_gives_a_covered_date_or_a_date_error(value):
    try:
        day = parse_date(value)
    except CasusError as exc:
        assert isinstance(exc, DateError)
        assert_clear(exc)
        return
    assert isinstance(day, dt.date) and not isinstance(day, dt.datetime)
    assert COVERED_FROM <= day <= today()


@settings(max_examples=100, deadline=None)
@given(st.dates())
def test_parse_date_accepts_exactly_the_covered_range(day):
    # both sides of both ends: 1945-01-01 and today are in, the day before and tomorrow out
    if COVERED_FROM <= day <= today():
        assert parse_date(day.isoformat()) == day
    else:
        with pytest.raises(DateError, match="outside the covered range"):
            parse_date(day.isoformat())


@pytest.mark.parametrize("text", ["1944-12-31", "2017-02-29", "2017-13-01", "2017-1-1", "17-01-01", "2017/01/01",
                                  "２０１７-０１-０１", "٢٠١٧-٠١-٠١", "2017-01-01T00:00", ""])
def test_parse_date_refuses_with_the_accepted_form(text):
    with pytest.raises(DateError) as err:
        parse_date(text)
    accepted = err.value.accepted or ""
    assert "YYYY-MM-DD" in accepted or "1945-01-01" in accepted


def test_parse_date_boundaries():
    assert parse_date("1945-01-01") == dt.date(1945, 1, 1)
    assert parse_date(today().isoformat()) == today()
    with pytest.raises(DateError):
        parse_date((today() + dt.timedelta(days=1)).isoformat())


# ----------------------------------------------------------------------------- scenarios

@settings(max_examples=400, deadline=None)
@given(scenarios() | json_values)
def test_attack_parse_gives_an_attack_or_a_scenario_error(obj):
    try:
        attack = Attack.parse(obj)
    except CasusError as exc:
        assert isinstance(exc, ScenarioError | DateError)
        assert_clear(exc)
        return
    # a parsed attack is its own JSON: parsing what it prints gives it back
    assert Attack.parse(json.loads(dumps(attack))) == attack
    assert dumps(attack) == dumps(Attack.parse(obj))


@settings(max_examples=200, deadline=None)
@given(valid_attacks)
def test_attack_round_trips_through_json(attack):
    assert Attack.parse(json.loads(dumps(attack))) == attack


@pytest.mark.parametrize("lat", [10**400, -(10**400), float("nan"), float("inf"), True, "13.4", None])
def test_huge_or_odd_latitude_is_a_scenario_error(lat):
    # a JSON integer of 400 digits overflowed math.isfinite before the range check (fixed in attack.py)
    with pytest.raises(ScenarioError, match=r"place\.lat"):
        Attack.parse({"date": "2017-11-02", "attacker": "PRK", "victim": "USA", "place": {"lat": lat, "lon": 144}})


# ----------------------------------------------------------------------------- JSON Lines

def _line(obj: object) -> str:
    try:
        return json.dumps(obj, ensure_ascii=False, allow_nan=True)
    except (TypeError, ValueError):
        return "{"


one_line_text = st.text(max_size=30).filter(lambda s: "\n" not in s and "\r" not in s)
lines = (scenarios().map(_line) | json_values.map(_line) | one_line_text
         | st.sampled_from(["", "  ", "[", "{", "]", "nan", "1" * 5000, "[" * 5000, "\ufeff{}", '{"date": 1} ']))


@settings(max_examples=200, deadline=None)
@given(st.lists(lines, max_size=6), st.sampled_from(["\n", "\r\n"]))
def test_parse_jsonl_numbers_every_line_once(items, eol):
    text = eol.join(items)
    good, bad = parse_jsonl(text)
    for e in bad:
        assert_clear(e.error)
        assert json.loads(dumps(e))["line"] == e.line
    if text.strip().startswith("["):
        return  # one JSON array: numbered by element, checked in the next test
    blank = {n for n, s in enumerate(items, start=1) if not s.strip()}
    got = [n for n, _ in good] + [e.line for e in bad]
    assert sorted(got) == sorted(set(range(1, len(items) + 1)) - blank)
    assert [n for n, _ in good] == sorted(n for n, _ in good)
    assert dumps([a for _, a in good]) == dumps([a for _, a in parse_jsonl(text)[0]])


@settings(max_examples=100, deadline=None)
@given(st.lists(valid_attacks, min_size=1, max_size=5), st.booleans())
def test_what_casus_writes_casus_reads(attacks, as_array):
    # JSON Lines written by casus itself (ensure_ascii=False: U+2028 in a name is written raw) read back whole
    if as_array:
        text = dumps([a.to_dict() for a in attacks])
    else:
        text = "\n".join(dumps(a.to_dict(), indent=None) for a in attacks)
    good, bad = parse_jsonl(text)
    assert bad == []
    assert [a for _, a in good] == attacks
    assert [n for n, _ in good] == list(range(1, len(attacks) + 1))


@pytest.mark.parametrize(
    "text",
    ["[" * 100_000, "[" + "[" * 5000 + "]" * 5000 + "]", '{"id": ' + "1" * 5000 + "}", "[1" + "0" * 5000 + "]",
     '{"date": "2017-11-02", "attacker": "PRK", "victim": "USA", "place": {"lat": 1' + "0" * 400 + ', "lon": 1}}'],
    ids=["deep-array", "deep-nested", "long-int-line", "long-int-array", "400-digit-latitude"],
)
def test_jsonl_that_python_cannot_read_is_a_line_error(text):
    # each of these escaped as RecursionError, ValueError or OverflowError before the fix in attack.py
    good, bad = parse_jsonl(text)
    assert good == [] and len(bad) == 1 and bad[0].line == 1
    assert_clear(bad[0].error)


def test_u2028_inside_a_string_does_not_split_the_line():
    # str.splitlines() cut a JSON line at U+2028 / U+0085; lines now end only at \n, \r\n or \r
    text = ('{"id": "a\u2028b\x85c", "date": "2017-11-02", "attacker": "PRK", "victim": "USA", "place": "Guam"}\n'
            '{"id": 2, "date": "2017-11-02", "attacker": "PRK", "victim": "USA", "place": "Guam"}')
    good, bad = parse_jsonl(text)
    assert bad == []
    assert [(n, a.id) for n, a in good] == [(1, "a\u2028b\x85c"), (2, "2")]
