"""`/api/diff`: the same JSON as `casus diff --json`, and 4xx for bad dates."""

from __future__ import annotations


def test_diff_endpoint(client, kb):
    r = client.get("/api/diff", params={"from": "2017-11-02", "to": "2025-12-01"})
    assert r.status_code == 200
    body = r.json()
    assert body == kb.diff("2017-11-02", "2025-12-01").to_dict()
    assert ("FIN", "2023-04-04") in {(c.get("state"), c["date"]) for c in body["changes"] if c["kind"] == "joined"}
    assert "/api/diff" in client.get("/openapi.json").json()["paths"]


def test_diff_endpoint_bad_dates(client):
    for params in ({"from": "2017-02-30"}, {"from": "2025-01-01", "to": "2024-01-01"}, {}):
        r = client.get("/api/diff", params=params)
        assert 400 <= r.status_code < 500, params
        assert r.headers["content-type"].startswith("application/json")
