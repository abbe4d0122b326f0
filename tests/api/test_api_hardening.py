"""Server hardening: limits on size and time, closed CORS, security headers, no path from the client,
and no stack trace in any answer."""

from __future__ import annotations

import json

import pytest
from fastapi.testclient import TestClient

from casus.api import Limits, create_app

NDJSON = {"Content-Type": "application/x-ndjson"}
JSONH = {"Content-Type": "application/json"}


@pytest.fixture(scope="module")
def strict(kb):
    app = create_app(kb, limits=Limits(max_body_bytes=2_000, max_batch=3, max_batch_body_bytes=4_000,
                                       seconds=0.000_001))
    with TestClient(app, raise_server_exceptions=False) as c:
        yield c


def test_security_headers_on_page_and_api(client):
    for url in ("/", "/api/health", "/api/nope"):
        h = client.get(url).headers
        csp = h["content-security-policy"]
        assert "default-src 'self'" in csp and "script-src 'self'" in csp and "frame-ancestors 'none'" in csp
        assert "unsafe-inline" not in csp and "unsafe-eval" not in csp
        assert h["x-content-type-options"] == "nosniff"
        assert h["referrer-policy"] == "no-referrer"
        assert h["x-frame-options"] == "DENY"


def test_cors_is_closed_by_default(client):
    r = client.get("/api/health", headers={"Origin": "http://evil.example"})
    assert "access-control-allow-origin" not in r.headers
    pre = client.options("/api/assess", headers={"Origin": "http://evil.example",
                                                 "Access-Control-Request-Method": "POST"})
    assert "access-control-allow-origin" not in pre.headers


def test_cors_opens_only_to_named_origins(kb):
    with TestClient(create_app(kb, cors_origins=["http://notebook.local:8888"])) as c:
        ok = c.get("/api/health", headers={"Origin": "http://notebook.local:8888"})
        assert ok.headers["access-control-allow-origin"] == "http://notebook.local:8888"
        other = c.get("/api/health", headers={"Origin": "http://evil.example"})
        assert "access-control-allow-origin" not in other.headers


def test_body_over_the_limit_is_413_by_content_length(client):
    r = client.post("/api/assess", content=b" " * 1_000_001, headers={"Content-Type": "application/json"})
    assert r.status_code == 413
    assert r.json()["error"] == "request_too_large" and r.json()["field"] == "body"


def test_body_over_the_limit_is_413_when_streamed_without_length(strict):
    def chunks():
        for _ in range(10):
            yield b" " * 1000

    r = strict.post("/api/assess", content=chunks(), headers={"Content-Type": "application/json"})
    assert r.status_code == 413
    assert r.json()["error"] == "request_too_large"


def test_batch_has_its_own_larger_body_limit(strict):
    # 3 scenarios of ~900 bytes: over the 2,000-byte limit of one request, under the batch's 4,000
    line = json.dumps({"id": "x" * 800, "date": "2017-11-02", "attacker": "PRK",
                       "place": {"lat": 13.44, "lon": 144.79}})
    body = "\n".join([line] * 3)
    assert 2_000 < len(body) < 4_000
    assert strict.post("/api/assess", content=line * 3, headers=JSONH).status_code == 413
    r = strict.post("/api/assess/batch", content=body, headers=JSONH)
    assert r.status_code != 413, r.text


def test_too_many_scenarios_is_413_naming_the_limit(strict):
    line = json.dumps({"date": "2017-11-02", "attacker": "PRK", "place": {"lat": 13.44, "lon": 144.79}})
    r = strict.post("/api/assess/batch", content="\n".join([line] * 4), headers=JSONH)
    assert r.status_code == 413
    body = r.json()
    assert body["field"] == "scenarios" and "3" in body["accepted"]


def test_expensive_request_over_the_time_limit_is_503(strict):
    r = strict.get("/api/coverage", params={"on": "1961-08-13"})
    assert r.status_code == 503
    body = r.json()
    assert body["error"] == "compute_error" and "s and was stopped" in body["message"]


def test_unexpected_errors_are_a_generic_500_without_traceback(kb, caplog):
    app = create_app(kb)

    @app.get("/boom")
    async def boom() -> None:
        raise RuntimeError("secret internals /etc/passwd")

    with TestClient(app, raise_server_exceptions=False) as c:
        r = c.get("/boom")
    assert r.status_code == 500
    assert r.json() == {"error": "internal_error", "message": "internal error; the server log has the details"}
    assert "secret" not in r.text and "Traceback" not in r.text
    assert "secret internals" in caplog.text  # the log keeps it


def test_no_endpoint_reads_a_path_the_client_names(client):
    for url in ("/web/../../pyproject.toml", "/web/%2e%2e%2fapi%2fapp.py", "/schemas/%2e%2e%2f%2e%2e%2fREADME.md",
                "/web/index.html%00.js", "/web//etc/passwd"):
        r = client.get(url)
        assert r.status_code == 404, url
        assert "[project]" not in r.text and "root:" not in r.text


def test_page_files_come_from_a_fixed_table():
    from casus.api.routes.web import files

    assert {"index.html", "main.js", "map.js", "style.css"} <= set(files())


def test_a_burst_of_busy_refusals_is_logged_once_with_a_count(caplog, monkeypatch):
    # a log line per refusal grew a pipe nobody read until the server blocked writing to it
    from casus.api import errors

    busy = errors._BusyLog()
    clock = iter([100.0] + [100.5] * 499 + [111.0])
    monkeypatch.setattr(errors.time, "monotonic", lambda: next(clock))
    with caplog.at_level("WARNING", logger="casus.api"):
        for _ in range(501):
            busy.note("GET /api/defends", "the server is busy")
    lines = [r.getMessage() for r in caplog.records if r.name == "casus.api"]
    assert len(lines) == 2
    assert lines[0] == "GET /api/defends: the server is busy"
    assert lines[1].endswith("(500 requests refused as busy since the last such line)")
