"""The compiled-atlas cache: one checksummed file, written atomically, rebuilt when it cannot be trusted."""

from __future__ import annotations

import numpy as np
import pytest

from casus.geo import atlas as atlas_mod
from casus.geo import cache


def test_pack_roundtrip():
    arrays = {"a": np.arange(5, dtype=np.int32), "b": np.linspace(0, 1, 7).reshape(7, 1), "c": np.zeros(0)}
    got, meta = cache.unpack(cache.pack(arrays, {"k": [1, "x"]}))
    assert meta == {"k": [1, "x"]}
    for k, v in arrays.items():
        assert np.array_equal(got[k], v) and got[k].dtype == v.dtype


@pytest.mark.parametrize("damage", ["truncate", "flip", "magic", "empty", "header", "trailer"])
def test_damaged_blob_is_refused(damage):
    blob = bytearray(cache.pack({"a": np.arange(100)}, {"k": 1}))
    if damage == "truncate":
        blob = blob[:-10]
    elif damage == "flip":
        blob[-50] ^= 0xFF
    elif damage == "magic":
        blob[0:3] = b"XXX"
    elif damage == "header":  # still valid JSON, wrong content
        i = bytes(blob).index(b'"a"') + 1
        blob[i] = ord("b")
    elif damage == "trailer":
        blob[-1] ^= 0x01
    else:
        blob = bytearray()
    with pytest.raises(ValueError):
        cache.unpack(bytes(blob))


def test_atomic_write_leaves_no_temporary_files(tmp_path):
    target = tmp_path / "sub" / "x.bin"
    cache.atomic_write(target, b"one")
    cache.atomic_write(target, b"two")
    assert target.read_bytes() == b"two"
    assert [p.name for p in target.parent.iterdir()] == ["x.bin"]


@pytest.fixture
def fresh_cache(tmp_path, monkeypatch):
    monkeypatch.setenv("CASUS_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.setattr(atlas_mod, "_MEMO", {})
    return tmp_path / "cache"


def test_compile_writes_then_reads_the_cache(small_kb, fresh_cache, monkeypatch):
    first = atlas_mod.compile_atlas(small_kb)
    files = list(fresh_cache.glob("atlas-*.bin"))
    assert len(files) == 1
    monkeypatch.setattr(atlas_mod, "_MEMO", {})

    def no_build(*a, **k):
        raise AssertionError("rebuilt although a sound cache file exists")

    monkeypatch.setattr(atlas_mod, "build", no_build)
    second = atlas_mod.compile_atlas(small_kb)
    assert second.territory_ids == first.territory_ids
    hits = second.locate([26.213], [127.67851])
    assert second.territory_ids[hits.territory[0]] == "okinawa"


@pytest.mark.parametrize("damage", ["truncate", "flip"])
def test_corrupt_cache_is_rebuilt(small_kb, fresh_cache, monkeypatch, damage):
    atlas_mod.compile_atlas(small_kb)
    (path,) = fresh_cache.glob("atlas-*.bin")
    blob = bytearray(path.read_bytes())
    if damage == "truncate":
        blob = blob[: len(blob) // 2]
    else:
        blob[len(blob) // 2] ^= 0xFF
    path.write_bytes(bytes(blob))
    monkeypatch.setattr(atlas_mod, "_MEMO", {})
    calls = []
    real = atlas_mod.build

    def counting(*a, **k):
        calls.append(1)
        return real(*a, **k)

    monkeypatch.setattr(atlas_mod, "build", counting)
    again = atlas_mod.compile_atlas(small_kb)
    assert calls == [1]
    assert cache.load(path) is not None  # rewritten whole
    assert "okinawa" in again.territory_ids


def test_key_ignores_dates_and_sources(small_kb):
    # editing who held a place when does not invalidate the geometry
    key = atlas_mod.geometry_digest(small_kb)
    terr = dict(small_kb.territories)
    terr["okinawa"] = terr["okinawa"].model_copy(update={"control": (), "note": "changed"})
    changed = type(small_kb)(small_kb.states, small_kb.treaties, {**small_kb.sections, "territories": terr},
                             small_kb.digest + "x", small_kb.files)
    assert atlas_mod.geometry_digest(changed) == key


def test_small_kb_geometry(small_kb):
    a = small_kb.atlas
    assert a.territory_ids == ("islet", "jpn", "okinawa")
    hits = a.locate([30.0, 30.0, 26.213, 0.0, 0.0, 0.0], [131.0, 131.1, 127.67851, 179.5, -179.5, 169.0])
    assert [a.territory_ids[t] if t >= 0 else None for t in hits.territory][:3] == ["islet", "islet", "okinawa"]
    box, wrap = a.region_index("box"), a.region_index("wrap")
    assert hits.regions[2, box] and not hits.regions[2, wrap]
    # a region drawn across the antimeridian (170 E to 190 E) holds both sides of 180
    assert list(hits.regions[3:, wrap]) == [True, True, False]


def test_package_exports_are_complete_and_sorted():
    import casus.geo as geo

    assert geo.__all__ == sorted(geo.__all__)
    for name in geo.__all__:
        assert getattr(geo, name) is not None
    assert set(geo._WHERE) == set(geo.__all__)


def test_prune_keeps_the_most_recently_used(tmp_path):
    import os
    import time

    for i in range(5):
        f = tmp_path / f"atlas-{i}.bin"
        f.write_bytes(b"x")
        os.utime(f, (time.time() - 100 + i, time.time() - 100 + i))
    cache.prune(tmp_path, "atlas-*.bin", 2)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["atlas-3.bin", "atlas-4.bin"]
