"""Fixtures for the geography tests: the bundled knowledge base and its atlas, built once per session.

The atlas is cached on disk (``CASUS_CACHE_DIR``, set by the top-level conftest), so a second run does not
recompile it. ``CASUS_TEST_OVERLAY`` (a directory, optional) is applied on top of the bundled data; it exists
for working on the engine while another file (regions.yaml) is still being written.
"""

from __future__ import annotations

import os

import pytest

from .geo_fixtures import write_kb


@pytest.fixture(scope="session")
def kb():
    import casus

    extra = os.environ.get("CASUS_TEST_OVERLAY")
    return casus.open(overlays=[extra] if extra else [])


@pytest.fixture(scope="session")
def atlas(kb):
    return kb.atlas


@pytest.fixture(scope="session")
def small_kb_dir(tmp_path_factory):
    return write_kb(tmp_path_factory.mktemp("small-kb"))


@pytest.fixture(scope="session")
def small_kb(small_kb_dir):
    import casus

    return casus.open(small_kb_dir)
