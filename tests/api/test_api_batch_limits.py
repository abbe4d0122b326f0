"""Heavy requests: bounded in number, stopped when they time out, batches streamed (issue 17, items 2-3)."""

from __future__ import annotations

import asyncio
import json
import threading
import time

import httpx
import pytest
from fastapi.testclient import TestClient

import casus.law.assess
from casus.api import Limits, create_app

JSONH = {"Content-Type": "application/json"}
NDJSON = {"Content-Type": "application/x-ndjson"}
LINE = json.dumps({"date": "2023-04-05", "attacker": "RUS", "victim": "FIN", "place": {"lat": 60.17, "lon": 24.94}})


def _run(coro):  # type: ignore[no-untyped-def]
    """asyncio.run in a thread of its own: a browser test earlier in the session (Playwright's sync API) may
    leave an event loop running in the main thread, where asyncio.run refuses to start."""
    from concurrent.futures import ThreadPoolExecutor

    with ThreadPoolExecutor(1) as pool:
        return pool.submit(asyncio.run, coro).result()


def test_a_timed_out_batch_stops_working(kb, monkeypatch):
    calls: list[float] = []
    real = casus.law.assess.assess_many

    def slow(*args, **kwargs):  # type: ignore[no-untyped-def]
        calls.append(time.monotonic())
        time.sleep(0.3)
        return real(*args, **kwargs)

    monkeypatch.setattr(casus.law.assess, "assess_many", slow)
    app = create_app(kb, limits=Limits(seconds=3.0))
    with TestClient(app, raise_server_exceptions=False) as c:
        # one line first, so that the caches the first chunk needs are built before the clock matters
        assert c.post("/api/assess/batch?cascade=false", content=LINE, headers=NDJSON).status_code == 200
        calls.clear()
        r = c.post("/api/assess/batch?cascade=false", content="\n".join([LINE] * 64 * 40), headers=NDJSON)
        ended = time.monotonic()
        assert r.status_code == 200  # the first chunks came back in time and were streamed
        body = r.json()
        assert body["incomplete"]["error"] == "compute_error" and "ran out of time" in body["incomplete"]["message"]
        assert 0 < len(body["assessments"]) < 64 * 40
    before = len(calls)
    time.sleep(1.0)
    assert len(calls) == before, "work went on after the answer"
    assert before <= 12 and calls[-1] < ended  # about 3 s of 0.3-s chunks, not the 40 chunks asked for


def test_heavy_requests_beyond_the_bound_get_503_with_retry_after(kb, monkeypatch):
    gate = threading.Event()
    real = casus.law.assess.assess_many

    def held(*args, **kwargs):  # type: ignore[no-untyped-def]
        gate.wait(10)
        return real(*args, **kwargs)

    monkeypatch.setattr(casus.law.assess, "assess_many", held)
    app = create_app(kb, limits=Limits(max_heavy=2, workers=2))

    async def scenario() -> list[httpx.Response]:
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://testserver") as client:
            def post() -> asyncio.Task[httpx.Response]:
                return asyncio.ensure_future(client.post("/api/assess/batch?cascade=false", content=LINE,
                                                         headers=NDJSON))

            first, second = post(), post()
            await asyncio.sleep(0.5)  # both are computing (held at the gate)
            third = await client.post("/api/assess/batch", content=LINE, headers=NDJSON)
            health = await client.get("/api/health")  # cheap requests are not heavy: still answered
            gate.set()
            return [third, health, await first, await second]

    third, health, first, second = _run(scenario())
    assert third.status_code == 503 and third.json()["error"] == "server_busy"
    assert int(third.headers["retry-after"]) >= 1
    assert health.status_code == 200
    assert first.status_code == second.status_code == 200
    assert app.state.heavy.in_flight == 0  # every slot given back


def test_bounded_requests_wait_their_turn_instead_of_503(kb, monkeypatch):
    """defends of one place and assess without the cascade are bounded work: beyond max_heavy in flight they
    queue for a thread and are answered, while a request with the cascade is still refused."""
    gate = threading.Event()
    real = casus.law.assess.assess_many

    def held(*args, **kwargs):  # type: ignore[no-untyped-def]
        gate.wait(10)
        return real(*args, **kwargs)

    monkeypatch.setattr(casus.law.assess, "assess_many", held)
    app = create_app(kb, limits=Limits(max_heavy=1, workers=2))
    one = json.loads(LINE)

    async def scenario() -> list[httpx.Response]:
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://testserver") as client:
            heavy = asyncio.ensure_future(client.post("/api/assess", json=one))  # holds the only heavy slot
            await asyncio.sleep(0.3)
            light = [asyncio.ensure_future(client.get(f"/api/defends?lat=60.17&lon=24.94&on=2023-04-0{d}"))
                     for d in (3, 5)]
            light.append(asyncio.ensure_future(client.post("/api/assess?cascade=false", json=one)))
            await asyncio.sleep(0.3)
            refused = await client.post("/api/assess", json={**one, "date": "2024-01-01"})
            gate.set()
            return [refused, await heavy, *[await t for t in light]]

    refused, heavy, *light = _run(scenario())
    assert refused.status_code == 503 and refused.json()["error"] == "server_busy"
    assert heavy.status_code == 200
    assert [r.status_code for r in light] == [200, 200, 200]
    # Finland became bound by the North Atlantic Treaty on 2023-04-04
    assert "nato/art5" not in light[0].json()["covered_by"] and "nato/art5" in light[1].json()["covered_by"]
    assert "cascade" not in light[2].json() and "nato/art5" in light[2].json()["summary"]["applies"]


def test_bounded_requests_have_threads_of_their_own(kb, monkeypatch):
    """A batch holding every thread for expensive work (``Limits.workers``) does not hold up one place's
    'who defends' answer: bounded work runs in its own thread (``Limits.bounded_workers``)."""
    gate = threading.Event()
    real = casus.law.assess.assess_many

    def held(base, attacks, *args, **kwargs):  # type: ignore[no-untyped-def]
        attacks = list(attacks)
        if len(attacks) > 1:  # the batch, not the one place
            gate.wait(20)
        return real(base, attacks, *args, **kwargs)

    monkeypatch.setattr(casus.law.assess, "assess_many", held)
    app = create_app(kb, limits=Limits(workers=1))

    async def scenario() -> tuple[httpx.Response, bool, httpx.Response]:
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://testserver") as client:
            batch = asyncio.ensure_future(client.post("/api/assess/batch?cascade=false",
                                                      content="\n".join([LINE] * 2), headers=NDJSON))
            await asyncio.sleep(0.5)  # the batch holds the only thread for expensive work
            defends = await asyncio.wait_for(client.get("/api/defends?lat=60.17&lon=24.94&on=2023-04-05"), 15)
            still_held = not batch.done()
            gate.set()
            return defends, still_held, await batch

    defends, still_held, batch = _run(scenario())
    assert still_held, "the batch was not holding its thread while the place was answered"
    assert defends.status_code == 200 and "nato/art5" in defends.json()["covered_by"]
    assert batch.status_code == 200


def test_the_line_limit_refuses_before_the_body_is_read():
    from starlette.requests import Request

    from casus.api.body import read_batch
    from casus.errors import RequestTooLargeError

    sent = 0

    async def receive() -> dict[str, object]:
        nonlocal sent
        sent += 1
        return {"type": "http.request", "body": (LINE + "\n").encode() * 2, "more_body": sent < 1000}

    request = Request({"type": "http", "method": "POST", "headers": []}, receive)
    with pytest.raises(RequestTooLargeError) as err:
        _run(read_batch(request, 5))
    assert err.value.field == "scenarios" and "5" in (err.value.accepted or "")
    assert sent == 3, f"{sent} chunks read before refusing"  # lines 1-2, 3-4, 5-6: refused at line 6


def test_jsonl_answers_one_assessment_per_line_and_errors_by_line(kb):
    with TestClient(create_app(kb), raise_server_exceptions=False) as c:
        body = "\n".join([LINE, "{not json}", LINE.replace("2023-04-05", "2023-04-03")])
        for r in (c.post("/api/assess/batch?format=jsonl&cascade=false", content=body, headers=NDJSON),
                  c.post("/api/assess/batch?cascade=false", content=body,
                         headers={**NDJSON, "Accept": "application/x-ndjson"})):
            assert r.status_code == 200 and r.headers["content-type"].startswith("application/x-ndjson")
            rows = [json.loads(x) for x in r.text.splitlines()]
            assert [row.get("line") for row in rows] == [None, None, 2]
            nato = [next(f["status"] for f in row["findings"] if f["clause"] == "nato/art5") for row in rows[:2]]
            # Finland became bound on 2023-04-04: covered on the 5th, not on the 3rd
            assert nato == ["applies", "does_not_apply"]


def test_the_answer_is_capped_and_says_so(kb):
    app = create_app(kb, limits=Limits(max_response_bytes=200_000))
    with TestClient(app, raise_server_exceptions=False) as c:
        r = c.post("/api/assess/batch?cascade=false", content="\n".join([LINE] * 300), headers=NDJSON)
        jl = c.post("/api/assess/batch?format=jsonl&cascade=false", content="\n".join([LINE] * 300),
                    headers=NDJSON)
    assert r.status_code == 200 and len(r.content) < 200_000 + 10_000
    body = r.json()
    assert body["incomplete"]["error"] == "request_too_large" and len(body["assessments"]) < 300
    last = json.loads(jl.text.splitlines()[-1])
    assert last["error"] == "request_too_large" and "200,000 bytes" in last["message"]


@pytest.mark.slow
def test_a_big_batch_does_not_freeze_other_clients(kb):
    """While a batch is parsed and assessed, /api/health still answers at once (the event loop is free)."""
    app = create_app(kb, limits=Limits(seconds=5.0))
    big = "\n".join([LINE] * 10_000)

    async def scenario() -> tuple[float, int]:
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://testserver", timeout=120) as client:
            batch = asyncio.ensure_future(client.post("/api/assess/batch?cascade=false", content=big,
                                                      headers=NDJSON))
            await asyncio.sleep(0.2)
            worst = 0.0
            while not batch.done():
                t = time.perf_counter()
                assert (await client.get("/api/health")).status_code == 200
                worst = max(worst, time.perf_counter() - t)
                await asyncio.sleep(0.05)
            return worst, (await batch).status_code

    worst, status = _run(scenario())
    assert status == 200
    assert worst < 1.0, f"health waited {worst:.2f} s behind the batch"
