"""The HTTP API against its own OpenAPI document, with schemathesis, in process (ASGI).

For every operation schemathesis generates requests, valid and not, from the
document the app serves, and checks each response: no 5xx, a status code the
document lists, the content type it lists, and a body of the documented shape.
The number of examples per operation is kept small so this runs in seconds.
"""

from __future__ import annotations

from typing import Any

import pytest
import schemathesis
from hypothesis import HealthCheck, settings
from schemathesis import GenerationMode
from schemathesis.checks import (
    content_type_conformance,
    not_a_server_error,
    response_schema_conformance,
    status_code_conformance,
)

CHECKS = [not_a_server_error, status_code_conformance, content_type_conformance, response_schema_conformance]
EXAMPLES_PER_OPERATION = 20

#: operations that break the contract today, reported to their owner (strict: a fix makes these fail loudly)
KNOWN_FAILURES: dict[str, str] = {}  # "METHOD /path": reason, for a bug not yet mended


def _app() -> Any:
    """The app, built now (the operations become test ids) over no knowledge base: one is put in below.

    Building it over the bundled base would load the data while pytest collects
    tests, and a broken knowledge base would then stop the whole run.
    """
    from casus.api.app import create_app

    return create_app(kb=object())  # type: ignore[arg-type]


APP = _app()
schema = schemathesis.openapi.from_asgi("/openapi.json", APP)
schema.config.generation.update(modes=[GenerationMode.POSITIVE, GenerationMode.NEGATIVE],
                                max_examples=EXAMPLES_PER_OPERATION, deterministic=True)
schema.config.phases.update(phases=["examples", "coverage", "fuzzing"])


@pytest.fixture(scope="module", autouse=True)
def bundled_kb(kb):
    APP.state.kb = kb
    return kb


@schema.parametrize()
@settings(max_examples=EXAMPLES_PER_OPERATION, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow,
                                 HealthCheck.filter_too_much])
def test_api_keeps_its_documented_contract(case, request):
    known = KNOWN_FAILURES.get(f"{case.operation.method.upper()} {case.operation.path}")
    if known:
        request.applymarker(pytest.mark.xfail(strict=True, reason=known))
    case.call_and_validate(checks=CHECKS)


# ----------------------------------------------------------------------------- bodies schemathesis does not write

SCENARIO = '{"date": "2017-11-02", "attacker": "PRK", "victim": "USA", "place": %s}'
BODIES = {
    "400-digit-latitude": SCENARIO % ('{"lat": 1' + "0" * 400 + ', "lon": 1}'),
    "deep-nesting": "[" * 100_000,
    "lone-surrogate": '"\\ud800"',
    "nan": SCENARIO % '{"lat": NaN, "lon": 1}',
    "bom": "\ufeff" + SCENARIO % '"Guam"',
    "u2028-in-id": SCENARIO[:-1] % '"Guam"' + ', "id": "a\u2028b"}',
}


@pytest.mark.parametrize("path", ["/api/assess", "/api/assess/batch"])
@pytest.mark.parametrize("name", sorted(BODIES))
def test_odd_json_bodies_are_answered_without_5xx(path, name):
    from fastapi.testclient import TestClient

    client = TestClient(APP, raise_server_exceptions=False)
    r = client.post(path, content=BODIES[name].encode("utf-8"), headers={"content-type": "application/json"})
    assert r.status_code in (200, 422), r.text
    assert r.headers["content-type"].startswith("application/json")
    body = r.json()
    assert ("error" in body and body["message"]) if r.status_code == 422 else body


def test_a_5000_digit_integer_in_a_scenario_is_a_422():
    from fastapi.testclient import TestClient

    client = TestClient(APP, raise_server_exceptions=False)
    body = b'{"id": ' + b"1" * 5000 + b"}"
    r = client.post("/api/assess", content=body, headers={"content-type": "application/json"})
    assert r.status_code == 422, r.text
