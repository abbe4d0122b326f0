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


HELD_DAY = "2022-02-02"


def _hold_on(day: str, gate: threading.Event, monkeypatch: pytest.MonkeyPatch) -> None:
    """Make every assessment of an attack dated ``day`` wait at ``gate`` (in the thread computing it)."""
    import datetime as dt

    real = casus.law.assess.assess_many
    held = dt.date.fromisoformat(day)

    def wait_then_assess(base, attacks, *args, **kwargs):  # type: ignore[no-untyped-def]
        attacks = list(attacks)
        if any(getattr(a, "date", None) == held or (isinstance(a, dict) and a.get("date") == day)
               for a in attacks):
            gate.wait(20)
        return real(base, attacks, *args, **kwargs)

    monkeypatch.setattr(casus.law.assess, "assess_many", wait_then_assess)


def test_bounded_requests_are_answered_instead_of_503(kb, monkeypatch):
    """defends of one place and assess without the cascade are bounded work: beyond max_heavy in flight they
    are answered (by coordinates on the event loop, by name in a thread of their own), while a request with
    the cascade is still refused."""
    gate = threading.Event()
    _hold_on(HELD_DAY, gate, monkeypatch)
    app = create_app(kb, limits=Limits(max_heavy=1, workers=2))
    one = json.loads(LINE)

    async def scenario() -> list[httpx.Response]:
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://testserver") as client:
            # holds the only heavy slot
            heavy = asyncio.ensure_future(client.post("/api/assess", json={**one, "date": HELD_DAY}))
            await asyncio.sleep(0.3)
            light = [asyncio.ensure_future(client.get(f"/api/defends?lat=60.17&lon=24.94&on=2023-04-0{d}"))
                     for d in (3, 5)]
            light.append(asyncio.ensure_future(client.post("/api/assess?cascade=false", json=one)))
            light.append(asyncio.ensure_future(client.get("/api/defends?place=Helsinki&on=2023-04-05")))
            done = await asyncio.wait_for(asyncio.gather(*light), 15)  # answered while the heavy one is held
            still_held = not heavy.done()
            refused = await client.post("/api/assess", json={**one, "date": "2024-01-01"})
            gate.set()
            return [refused, await heavy, *done, still_held]  # type: ignore[list-item]

    refused, heavy, *light, still_held = _run(scenario())
    assert still_held, "the heavy request was not held while the bounded ones were answered"
    assert refused.status_code == 503 and refused.json()["error"] == "server_busy"
    assert heavy.status_code == 200
    assert [r.status_code for r in light] == [200, 200, 200, 200]
    # Finland became bound by the North Atlantic Treaty on 2023-04-04
    assert "nato/art5" not in light[0].json()["covered_by"] and "nato/art5" in light[1].json()["covered_by"]
    assert "cascade" not in light[2].json() and "nato/art5" in light[2].json()["summary"]["applies"]
    assert "nato/art5" in light[3].json()["covered_by"]


def test_a_long_batch_does_not_hold_up_one_place(kb, monkeypatch):
    """A batch holding every thread for expensive work (``Limits.workers``) does not hold up one place's
    'who defends' answer, given by coordinates (computed on the event loop) or by name (in the thread of
    ``Limits.bounded_workers``)."""
    gate = threading.Event()
    _hold_on(HELD_DAY, gate, monkeypatch)
    app = create_app(kb, limits=Limits(workers=1))
    line = json.dumps({**json.loads(LINE), "date": HELD_DAY})

    async def scenario() -> tuple[list[httpx.Response], bool, httpx.Response]:
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://testserver") as client:
            batch = asyncio.ensure_future(client.post("/api/assess/batch?cascade=false",
                                                      content="\n".join([line] * 2), headers=NDJSON))
            await asyncio.sleep(0.5)  # the batch holds the only thread for expensive work
            answers = [await asyncio.wait_for(client.get(url), 15)
                       for url in ("/api/defends?lat=60.17&lon=24.94&on=2023-04-05",
                                   "/api/defends?place=Helsinki&on=2023-04-05")]
            still_held = not batch.done()
            gate.set()
            return answers, still_held, await batch

    answers, still_held, batch = _run(scenario())
    assert still_held, "the batch was not holding its thread while the place was answered"
    for r in answers:
        assert r.status_code == 200 and "nato/art5" in r.json()["covered_by"]
    assert batch.status_code == 200


def test_a_point_is_answered_on_the_event_loop_and_a_name_in_a_thread(kb, monkeypatch):
    """Where bounded work runs: coordinates on the event loop (no thread hand-off, which cost more CPU than
    the work), a name in a worker thread (a miss looks for close names). Asserted on the thread that calls
    the library, so that the choice cannot change unnoticed."""
    seen: list[str] = []
    real = casus.law.assess.assess_many

    def record(*args, **kwargs):  # type: ignore[no-untyped-def]
        seen.append(threading.current_thread().name)
        return real(*args, **kwargs)

    monkeypatch.setattr(casus.law.assess, "assess_many", record)
    app = create_app(kb)

    async def scenario() -> tuple[str, list[int]]:
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://testserver") as client:
            codes = [(await client.get("/api/defends?lat=60.17&lon=24.94&on=2023-04-05")).status_code,
                     (await client.post("/api/assess?cascade=false", json=json.loads(LINE))).status_code,
                     (await client.get("/api/defends?place=Helsinki&on=2023-04-05")).status_code,
                     (await client.post("/api/assess?cascade=false",
                                        json={**json.loads(LINE), "place": "Helsinki"})).status_code]
            return threading.current_thread().name, codes

    loop_thread, codes = _run(scenario())
    assert codes == [200, 200, 200, 200]
    assert seen[:2] == [loop_thread, loop_thread]
    assert loop_thread not in seen[2:] and len(seen) == 4


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
