"""Property tests for the inputs answered from the bundled knowledge base: state codes, place names, points.

Any input gives a result or a typed casus error that says what is accepted;
the same input gives byte-identical JSON.
"""

from __future__ import annotations

import json

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from casus.errors import (
    AmbiguousPlaceError,
    CasusError,
    CoordinateError,
    DateError,
    InputError,
    UnknownPlaceError,
    UnknownStateError,
)
from casus.jsonio import dumps

FIXTURE_OK = settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])

days = st.none() | st.sampled_from(["2017-11-02", "1945-01-01", "1972-05-15", "1944-12-31", "2999-01-01",
                                    "2017-02-30", "yesterday", ""])


def refused_clearly(exc: CasusError, *kinds: type[CasusError]) -> None:
    assert isinstance(exc, kinds), type(exc)
    assert isinstance(exc, InputError)
    assert exc.message.strip() and exc.accepted
    json.loads(dumps(exc.to_dict()))


# ----------------------------------------------------------------------------- state codes

codes = (st.sampled_from(["USA", "usa", " jpn ", "Japan", "Burma", "West Germany", "SUN", "DDR", "UK", "XXK", "NO",
                          "nor", "Norway", "", " ", "ÅLAND", "U.S.", "Côte d'Ivoire"])
         | st.text(max_size=12) | st.from_regex(r"\A[A-Za-z]{3}\Z"))


@FIXTURE_OK
@given(codes)
def test_state_gives_a_state_or_unknown_state(kb, code):
    try:
        state = kb.state(code)
    except CasusError as exc:
        refused_clearly(exc, UnknownStateError)
        assert all(s in kb.states or any(st_.name == s for st_ in kb.states.values()) for s in exc.suggestions)
        return
    assert state.code in kb.states
    assert kb.state(state.code) is state
    assert dumps(state) == dumps(kb.state(code))


def test_state_codes_are_case_and_space_insensitive(kb):
    # ISO 3166-1 alpha-3: NOR is Norway (YAML 1.1 would have read NO as false)
    assert kb.state(" nor ").code == "NOR"
    with pytest.raises(UnknownStateError) as err:
        kb.state("NRO")
    assert "NOR" in err.value.suggestions


# ----------------------------------------------------------------------------- place names

NAMES = ["Guam", "guam", "GUAM", " Guam ", "Senkaku Islands", "senkaku", "Okinawa", "Tallinn", "Tallinn, EE",
         "Paris", "Paris, FR", "Paris, US", "Springfield", "Springfield, US", "Hawaii", "Crimea", "Ceuta",
         "São Paulo", "Sao Paulo", "Kinmen", "Taipei", "Gaum", "Paris, XX", ",", ", FR", "Guam,", "x" * 300, "\x00",
         "\u200b", "İstanbul", "ﬁji", "Diego Garcia"]


@FIXTURE_OK
@given(st.sampled_from(NAMES) | st.text(max_size=20) | st.text(st.characters(codec="ascii"), max_size=8), days)
def test_place_gives_a_place_or_a_place_error(kb, name, on):
    try:
        found = kb.place(name, on=on)
    except CasusError as exc:
        refused_clearly(exc, UnknownPlaceError, AmbiguousPlaceError, DateError)
        return
    doc = dumps(found)
    assert doc == dumps(kb.place(name, on=on))
    body = json.loads(doc)
    assert -90 <= body["lat"] <= 90 and -180 <= body["lon"] <= 180


@pytest.mark.parametrize("name", ["Springfield, US", "Victoria, PH"])
def test_an_ambiguous_name_with_its_country_does_not_suggest_itself(kb, name):
    with pytest.raises(AmbiguousPlaceError) as err:
        kb.place(name)
    assert name not in err.value.suggestions
    lat, lon = (float(x) for x in err.value.suggestions[0].split(","))  # coordinates narrow it
    assert kb.where(lat, lon).territory is not None


# ----------------------------------------------------------------------------- points

numbers = (st.floats(-90, 90) | st.floats(-180, 180) | st.floats(allow_nan=True, allow_infinity=True)
           | st.integers(-200, 200) | st.sampled_from([90, -90, 180, -180, 90.0000001, -180.0000001, 0.0, -0.0]))
junk = st.none() | st.booleans() | st.text(max_size=6) | st.lists(st.floats(), max_size=2)


@FIXTURE_OK
@given(numbers | junk, numbers | junk, days)
def test_where_gives_a_place_or_a_coordinate_error(kb, lat, lon, on):
    try:
        found = kb.where(lat, lon, on=on)
    except CasusError as exc:
        refused_clearly(exc, CoordinateError, DateError)
        return
    doc = dumps(found)
    assert doc == dumps(kb.where(lat, lon, on=on))
    body = json.loads(doc)
    assert body["setting"] in ("land", "territorial_sea", "high_seas") or body["setting"]


@pytest.mark.parametrize("lat", [90, -90])
def test_where_at_the_poles(kb, lat):
    found = kb.where(lat, 0, on="2017-11-02")
    assert found.lat == lat


def test_where_refuses_an_integer_too_large_for_a_float(kb):
    with pytest.raises(CoordinateError):
        kb.where(10**400, 0)


def test_where_many_refuses_an_integer_too_large_for_a_float(kb):
    with pytest.raises(CoordinateError):
        kb.where_many([10**400], [0])
