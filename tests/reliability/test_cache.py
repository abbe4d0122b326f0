"""The caches never mask an edit and never serve a corrupt file.

``casus.load`` keeps a validated knowledge base in memory and on disk (a
JSON cache file keyed by a hash of every data file's name and bytes, and of the model
code); the geography is cached as a checksummed binary file. An edit to the
data must be seen by the next load (or refused, if it breaks the data), and a
corrupt cache file must be ignored and written again.
"""

from __future__ import annotations

import json
import pickle
import shutil
import tempfile
from pathlib import Path

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import casus
import casus.kb
from casus.errors import KnowledgeBaseError
from casus.geo import cache as geo_cache

BASE = Path(__file__).resolve().parent / "overlay_base"


@pytest.fixture
def small_copy(tmp_path):
    dest = tmp_path / "kb" / "data"
    shutil.copytree(BASE, dest)
    return dest


def edit(path, old, new):
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


@pytest.mark.parametrize("forget_memory", [False, True], ids=["memory-cache", "disk-cache"])
def test_an_edit_after_loading_is_seen(private_cache, small_copy, forget_memory):
    treaty = small_copy / "treaties" / "pact.yaml"
    kb = casus.open(small_copy)
    assert kb.members("pact", "1960-05-01") == ("USA",)
    assert len(list(private_cache.glob("kb-*.bin"))) == 1
    # Norway's withdrawal moved a year later: 1960-05-01 is now inside its membership
    edit(treaty, "{date: 1960-05-01, type: withdrawn}", "{date: 1961-05-01, type: withdrawn}")
    if forget_memory:
        casus.kb._CACHE.clear()
    assert casus.open(small_copy).members("pact", "1960-05-01") == ("NOR", "USA")
    assert casus.open(small_copy).members("pact", "1961-05-01") == ("USA",)
    # an edit that breaks the data is refused, though a valid base for this directory is cached
    edit(treaty, "{date: 1961-05-01, type: withdrawn}", "{date: 1940-05-01, type: withdrawn}")
    if forget_memory:
        casus.kb._CACHE.clear()
    with pytest.raises(KnowledgeBaseError, match="out of order"):
        casus.open(small_copy)
    # and undoing the edit brings the first base back, from the cache
    edit(treaty, "{date: 1940-05-01, type: withdrawn}", "{date: 1960-05-01, type: withdrawn}")
    assert casus.open(small_copy).digest == kb.digest


def test_an_added_overlay_file_is_seen(private_cache, small_copy, tmp_path):
    overlay = tmp_path / "ov"
    overlay.mkdir()
    assert casus.open(small_copy, overlays=[overlay]).members("pact", "1970-01-01") == ("USA",)
    (overlay / "treaties").mkdir()
    (overlay / "treaties" / "pact-jpn.yaml").write_text(
        "patch: pact\nsources: [{title: Counterfactual, citation: fixture}]\n"
        "parties: [{state: JPN, events: [{date: 1970-01-01, type: bound}]}]\n", encoding="utf-8")
    assert casus.open(small_copy, overlays=[overlay]).members("pact", "1970-01-01") == ("JPN", "USA")


def test_a_cached_base_of_other_data_is_not_served(private_cache, small_copy, tmp_path):
    # a sound cache file of other data, put under this data's name, is refused by its digest
    kb = casus.open(small_copy)
    (path,) = private_cache.glob("kb-*.bin")
    other = tmp_path / "other" / "data"
    shutil.copytree(small_copy, other)
    edit(other / "treaties" / "pact.yaml", "{date: 1960-05-01, type: withdrawn}", "{date: 1962-05-01, type: withdrawn}")
    wrong = casus.open(other)
    assert wrong.members("pact", "1961-01-01") == ("NOR", "USA")
    path.write_bytes((private_cache / f"kb-{wrong.digest}.bin").read_bytes())
    casus.kb._CACHE.clear()
    again = casus.open(small_copy)
    assert again.digest == kb.digest and again.members("pact", "1961-01-01") == ("USA",)


CORRUPT = {
    "empty": b"",
    "truncated": None,  # the real file cut in half
    "garbage": b"not a cache file at all\n" * 10,
    "a-pickle": pickle.dumps({"digest": "x"}),
    "other-document": geo_cache.pack({}, {"format": 3, "kind": "knowledge-base", "digest": "x"}),
    "invalid-items": None,  # a sound file whose treaty fails its model: filled in by the test
}


@pytest.mark.parametrize("kind", sorted(CORRUPT))
def test_a_corrupt_kb_cache_is_ignored_and_rebuilt(private_cache, small_copy, kind):
    kb = casus.open(small_copy)
    (path,) = private_cache.glob("kb-*.bin")
    good = path.read_bytes()
    if kind == "truncated":
        bad = good[: len(good) // 2]
    elif kind == "invalid-items":
        arrays, meta = geo_cache.unpack(good)
        doc = json.loads(arrays["document"].tobytes())
        doc["treaties"]["pact"]["parties"] = "not a list"
        bad = geo_cache.pack({"document": np.frombuffer(json.dumps(doc).encode(), dtype=np.uint8)}, meta)
    else:
        bad = CORRUPT[kind]
    path.write_bytes(bad)
    casus.kb._CACHE.clear()
    again = casus.open(small_copy)
    assert again.digest == kb.digest
    assert again.members("pact", "1955-01-01") == ("NOR", "USA")
    assert path.read_bytes() != bad, "the corrupt file was not rewritten"
    assert path.read_bytes() == good  # the same bytes as first written


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_any_damage_to_a_kb_cache_is_survived(private_cache, small_copy, data):
    casus.kb._CACHE.clear()
    kb = casus.open(small_copy)
    (path,) = private_cache.glob("kb-*.bin")
    blob = bytearray(path.read_bytes())
    for _ in range(data.draw(st.integers(1, 4))):
        i = data.draw(st.integers(0, len(blob) - 1))
        blob[i] = data.draw(st.integers(0, 255))
    if data.draw(st.booleans()):
        blob = blob[: data.draw(st.integers(0, len(blob)))]
    path.write_bytes(bytes(blob))
    casus.kb._CACHE.clear()
    again = casus.open(small_copy)
    # either the damage missed everything that matters, or the base was rebuilt from the YAML
    assert again.digest == kb.digest
    assert again.members("pact", "1955-01-01") == ("NOR", "USA")


# ----------------------------------------------------------------------------- geography cache file

ARRAYS = {"lat": np.linspace(-90, 90, 50), "ids": np.arange(50, dtype=np.int32),
          "names": np.array([b"gum", b"jpn"], dtype="S3")}
META = {"digest": "abc", "n": 50}


def test_geo_cache_round_trips(tmp_path):
    path = tmp_path / "atlas-abc.bin"
    geo_cache.save(path, ARRAYS, META)
    arrays, meta = geo_cache.load(path)
    assert meta == META
    for k, v in ARRAYS.items():
        assert np.array_equal(arrays[k], v) and arrays[k].dtype == v.dtype


def _load_blob(blob: bytes) -> tuple[dict[str, np.ndarray], dict[str, object]] | None:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "atlas.bin"
        path.write_bytes(blob)
        return geo_cache.load(path)


@settings(max_examples=100, deadline=None)
@given(data=st.data())
def test_damaged_or_truncated_geo_cache_is_refused(data):
    blob = bytearray(geo_cache.pack(ARRAYS, META))
    # anywhere: magic, header length, JSON header (names, dtypes, offsets, meta), payload, checksum
    for i in data.draw(st.sets(st.integers(0, len(blob) - 1), min_size=1, max_size=4)):
        blob[i] ^= data.draw(st.integers(1, 255))
    if data.draw(st.booleans()):
        blob = blob[: data.draw(st.integers(0, len(blob) - 1))]
    assert _load_blob(bytes(blob)) is None


def test_damaged_geo_cache_header_is_refused():
    blob = bytearray(geo_cache.pack(ARRAYS, META))
    i = bytes(blob).index(b'"lat"') + 1
    blob[i] = ord(" ")  # the array "lat" becomes " at": a valid header, the wrong content
    assert _load_blob(bytes(blob)) is None


def test_byte_strings_round_trip_without_numpy_and_arrays_need_it(tmp_path):
    from casus import cachefile

    doc = '{"naïve": "JSON"}'.encode()
    blob = cachefile.pack({"document": doc, "lat": np.arange(3.0)}, META)
    with pytest.raises(ValueError, match="'lat' is not a byte string"):
        cachefile.unpack(blob, raw=True)
    blob = cachefile.pack({"document": doc}, META)
    got, meta = cachefile.unpack(blob, raw=True)
    assert bytes(got["document"]) == doc and meta == META
    arrays, _ = cachefile.unpack(blob)  # the same file read as arrays: one byte each
    assert arrays["document"].dtype == np.uint8 and arrays["document"].tobytes() == doc
