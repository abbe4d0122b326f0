"""Bad input is a 4xx JSON body naming the field and what is accepted; never a 500, never a traceback."""

from __future__ import annotations

import json

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

NDJSON = {"Content-Type": "application/x-ndjson"}
JSONH = {"Content-Type": "application/json"}

GUAM = {"lat": 13.44, "lon": 144.79}
OK = {"date": "2017-11-02", "attacker": "PRK", "victim": "USA", "place": GUAM}


def check_error(r, status, field=None, error=None):
    assert r.status_code == status, r.text
    assert r.headers["content-type"].startswith("application/json")
    body = r.json()
    assert isinstance(body["error"], str) and body["error"]
    assert isinstance(body["message"], str) and body["message"]
    assert "Traceback" not in r.text and 'File "' not in r.text
    if field is not None:
        assert body.get("field") == field, body
    if error is not None:
        assert body["error"] == error, body
    return body


GETS = [
    # (url, params, status, field, error)
    ("/api/where", {}, 422, "lat", None),
    ("/api/where", {"lat": 91, "lon": 0}, 422, "lat", None),
    ("/api/where", {"lat": "nan", "lon": 0}, 422, "lat", None),
    ("/api/where", {"lat": 1, "lon": "inf"}, 422, "lon", None),
    ("/api/where", {"lat": "north", "lon": 0}, 422, "lat", None),
    ("/api/where", {"lat": 1, "lon": 2, "on": "2023-13-01"}, 422, "on", "bad_date"),
    ("/api/where", {"lat": 1, "lon": 2, "on": "1900-01-01"}, 422, "on", "bad_date"),
    ("/api/where", {"lat": 1, "lon": 2, "on": "2999-01-01"}, 422, "on", "bad_date"),
    ("/api/where", {"lat": 1, "lon": 2, "on": "yesterday"}, 422, "on", "bad_date"),
    ("/api/place", {"name": ""}, 422, "name", None),
    ("/api/place", {"name": "x" * 300}, 422, "name", None),
    ("/api/place", {"name": "Atlantisxyzzy"}, 404, None, "unknown_place"),
    ("/api/defends", {}, 422, "place", None),
    ("/api/defends", {"lat": 1}, 422, "lon", None),
    ("/api/defends", {"place": "Guam", "lat": 1, "lon": 2}, 422, "place", None),
    ("/api/defends", {"place": "Guam", "target": "cyber"}, 422, "target", None),
    ("/api/defends", {"place": "Guam", "target": "moon"}, 422, "target", None),
    ("/api/defends", {"place": "Guam", "on": "1944-12-31"}, 422, "on", "bad_date"),
    ("/api/coverage", {"on": "not-a-date"}, 422, "on", "bad_date"),
    ("/api/coverage", {"target": "cyber"}, 422, "target", None),
    ("/api/members/natoo", {"on": "2020-01-01"}, 404, "treaty", "unknown_treaty"),
    ("/api/members/nato", {"on": "1948-01-01"}, 422, "on", "bad_date"),
    ("/api/treaties", {"state": "XXQ"}, 404, "state", "unknown_state"),
    ("/api/treaties", {"state": "JPN", "on": "20230101"}, 422, "on", "bad_date"),
    ("/api/relations/XXQ", {}, 404, "state", "unknown_state"),
    ("/api/relations/JPN", {"on": "bad"}, 422, "on", "bad_date"),
    ("/api/invocations", {"treaty": "natoo"}, 404, "treaty", "unknown_treaty"),
    ("/api/invocations", {"clause": "nato/art99"}, 404, "clause", "unknown_clause"),
    ("/api/reach", {}, 422, "missile", None),
    ("/api/reach", {"missile": "hwasong-15"}, 422, "origin", None),
    ("/api/reach", {"missile": "hwasong-15", "lat": 39}, 422, "lon", None),
    ("/api/reach", {"missile": "hwasong-15", "origin": "PRK", "lat": 39, "lon": 125}, 422, "origin", None),
    ("/api/reach", {"km": -5, "origin": "PRK"}, 422, "km", None),
    ("/api/reach", {"missile": "no-such-missile", "origin": "PRK"}, 404, None, None),
    ("/schemas/nope.schema.json", {}, 404, "name", "unknown_schema"),
    ("/schemas/..%2F..%2Fpyproject.toml", {}, 404, None, None),
    ("/web/..%2F..%2Fapp.py", {}, 404, None, None),
    ("/web/app.py", {}, 404, None, None),
    ("/api/nope", {}, 404, None, "not_found"),
]


@pytest.mark.parametrize(("url", "params", "status", "field", "error"), GETS)
def test_bad_get(client, url, params, status, field, error):
    check_error(client.get(url, params=params), status, field, error)


def test_unknown_treaty_suggests_the_close_one(client):
    body = check_error(client.get("/api/members/natoo", params={"on": "2020-01-01"}), 404, "treaty")
    assert "nato" in body["suggestions"]
    assert "nato" in body["accepted"]


def test_wrong_method_is_json(client):
    check_error(client.get("/api/assess"), 405, error="method_not_allowed")
    check_error(client.put("/api/health"), 405)


POSTS = [
    # (body bytes, status, field, error)
    (b"", 422, "body", "bad_scenario"),
    (b"{not json", 422, "body", "bad_scenario"),
    (b"\xff\xfe\x00garbage", 422, "body", "bad_scenario"),
    (b"[" * 600_000 + b"]" * 600_000, 413, "body", "request_too_large"),
    (b"[" * 100_000 + b"]" * 100_000, 422, "body", "bad_scenario"),
    (b"[" * 5000 + b"]" * 5000, 422, "body", "bad_scenario"),
    (json.dumps([OK]).encode(), 422, "body", "bad_scenario"),
    (b"42", 422, None, "bad_scenario"),
    (json.dumps({"date": "2017-11-02"}).encode(), 422, "attacker", "bad_scenario"),
    (json.dumps({**OK, "taget": "territory"}).encode(), 422, "taget", "bad_scenario"),
    (json.dumps({**OK, "target": "moon"}).encode(), 422, "target", "bad_scenario"),
    (json.dumps({**OK, "act": "war"}).encode(), 422, "act", "bad_scenario"),
    (json.dumps({**OK, "date": "2999-01-01"}).encode(), 422, "date", "bad_date"),
    (json.dumps({**OK, "attacker": "XXQ"}).encode(), 404, "state", "unknown_state"),
    (json.dumps({**OK, "place": "Atlantisxyzzy"}).encode(), 404, None, "unknown_place"),
    (json.dumps({**OK, "place": {"lat": 200, "lon": 0}}).encode(), 422, "place.lat", "bad_scenario"),
    (json.dumps({**OK, "place": {"lat": 1}}).encode(), 422, "place", "bad_scenario"),
    # Python's json module reads NaN and Infinity; they are not coordinates
    (b'{"date": "2017-11-02", "attacker": "PRK", "place": {"lat": NaN, "lon": 1}}', 422, "place.lat", None),
    (b'{"date": "2017-11-02", "attacker": "PRK", "place": {"lat": 1, "lon": -Infinity}}', 422, "place.lon", None),
    (b'{"id": NaN, "date": "2017-11-02", "attacker": "PRK", "place": "Guam"}', 422, "id", None),
    (json.dumps({**OK, "victim": "JPN"}).encode(), 422, "victim", "bad_scenario"),
    (json.dumps({**OK, "attacker": "USA"}).encode(), 422, "victim", "bad_scenario"),
]


@pytest.mark.parametrize(("body", "status", "field", "error"), POSTS)
def test_bad_assess(client, body, status, field, error):
    check_error(client.post("/api/assess", content=body, headers={"Content-Type": "application/json"}),
                status, field, error)


@pytest.mark.parametrize(("body", "field"), [(b"", "body"), (b"[]", "body"), (b"{oops}\n[1]\n", None)])
def test_bad_batch(client, body, field):
    b = check_error(client.post("/api/assess/batch", content=body, headers=NDJSON), 422, field)
    if b"oops" in body:
        assert [e["line"] for e in b["errors"]] == [1, 2]


# ------------------------------------------------------------------ property tests: no input gives a 500

ENDPOINTS = [
    ("/api/where", ("lat", "lon", "on")),
    ("/api/place", ("name", "on")),
    ("/api/defends", ("place", "lat", "lon", "on", "target")),
    ("/api/coverage", ("on", "target")),
    ("/api/members/nato", ("on",)),
    ("/api/treaties", ("state", "on")),
    ("/api/relations/JPN", ("on",)),
    ("/api/invocations", ("treaty", "clause", "state")),
    ("/api/reach", ("missile", "km", "origin", "lat", "lon", "on", "target")),
]
values = st.one_of(st.text(max_size=40), st.integers(-10**6, 10**6).map(str),
                   st.floats(allow_nan=True, allow_infinity=True).map(str),
                   st.dates().map(lambda d: d.isoformat()), st.sampled_from(["Guam", "PRK", "nato", "2023-04-04"]))


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(endpoint=st.sampled_from(ENDPOINTS), data=st.data())
def test_no_query_gives_a_500(client, endpoint, data):
    url, names = endpoint
    params = data.draw(st.dictionaries(st.sampled_from(names), values, max_size=len(names)))
    r = client.get(url, params=params)
    assert r.status_code < 500 or r.status_code == 503, (url, params, r.text)
    assert r.headers["content-type"].startswith(("application/json", "application/geo+json"))


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False, allow_infinity=False) | st.text(max_size=20),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4),
    max_leaves=12,
)
scenario_like = st.fixed_dictionaries({}, optional={
    "id": json_values, "date": st.one_of(st.dates().map(str), json_values),
    "attacker": st.one_of(st.sampled_from(["PRK", "RUS", "nsa:x", "usa"]), json_values),
    "victim": st.one_of(st.sampled_from(["USA", "FIN", "JPN"]), json_values),
    "place": st.one_of(st.sampled_from(["Guam", "Helsinki"]),
                       st.fixed_dictionaries({"lat": st.floats(-100, 100), "lon": st.floats(-200, 200)}),
                       json_values),
    "target": st.one_of(st.sampled_from(["territory", "vessel", "cyber"]), json_values),
    "act": st.one_of(st.sampled_from(["armed_attack", "threat"]), json_values),
})


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(doc=st.one_of(json_values, scenario_like))
def test_no_scenario_gives_a_500(client, doc):
    r = client.post("/api/assess", json=doc)
    assert r.status_code in (200, 404, 409, 413, 422), r.text
    if r.status_code != 200:
        assert "Traceback" not in r.text


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(docs=st.lists(st.one_of(json_values, scenario_like), min_size=1, max_size=6))
def test_no_batch_gives_a_500(client, docs):
    r = client.post("/api/assess/batch", content="\n".join(json.dumps(d) for d in docs), headers=NDJSON)
    assert r.status_code in (200, 413, 422), r.text
