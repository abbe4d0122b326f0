"""A TestClient over the bundled knowledge base, shared by the API tests."""

from __future__ import annotations

import pytest


@pytest.fixture(scope="session")
def app(kb):
    from casus.api import create_app

    return create_app(kb)


@pytest.fixture(scope="session")
def client(app):
    from fastapi.testclient import TestClient

    # raise_server_exceptions=False: a 500 must show up as a response the tests can see and fail on
    with TestClient(app, raise_server_exceptions=False) as c:
        yield c
