"""The cache cannot be used to run code or to hang casus (issue 17, item 1).

Whoever can write the cache directory could once run code in every ``casus``
command (the knowledge base was a pickle). Now: the files are JSON and plain
arrays that loading never executes, a directory that others can write or that
belongs to someone else is not used at all, a FIFO in a cache file's place is
never opened for a blocking read, and two processes building the same file take
turns.
"""

from __future__ import annotations

import os
import pickle
import threading
import time
from pathlib import Path

import numpy as np
import pytest

import casus
import casus.kb
from casus import cachefile
from casus.cachefile import CacheWarning

from .test_cache import small_copy  # noqa: F401  (fixture)


class _Plant:
    """A pickle that, if ever loaded, leaves a marker file: proof that code ran."""

    def __init__(self, marker: Path) -> None:
        self.marker = marker

    def __reduce__(self):  # type: ignore[no-untyped-def]
        return (Path.touch, (self.marker,))


def test_a_planted_pickle_never_runs(private_cache, small_copy, tmp_path):  # noqa: F811
    kb = casus.kb.load(small_copy)
    (path,) = private_cache.glob("kb-*.bin")
    marker = tmp_path / "code-ran"
    evil = pickle.dumps(_Plant(marker))
    # under the new name, and under the old pickle name an earlier casus read
    path.write_bytes(evil)
    (private_cache / f"kb-{kb.digest}.pickle").write_bytes(evil)
    casus.kb._CACHE.clear()
    again = casus.kb.load(small_copy)
    assert not marker.exists()
    assert again.members("pact", "1955-01-01") == ("NOR", "USA")
    assert path.read_bytes().startswith(cachefile.MAGIC)  # rebuilt in the safe format
    assert not list(private_cache.glob("kb-*.pickle"))  # the legacy file is removed, not read


def test_the_kb_round_trips_through_json_exactly(private_cache):
    first = casus.kb.load()
    casus.kb._CACHE.clear()
    second = casus.kb.load()  # from the cache file
    assert second is not first
    assert dict(second.states) == dict(first.states)
    assert dict(second.treaties) == dict(first.treaties)
    assert {k: dict(v) for k, v in second.sections.items()} == {k: dict(v) for k, v in first.sections.items()}
    assert dict(second.locations) == dict(first.locations) and second.files == first.files
    assert second.members("nato", "2023-04-05") == first.members("nato", "2023-04-05")


def test_a_world_writable_cache_directory_is_not_used(private_cache, small_copy):  # noqa: F811
    os.chmod(private_cache, 0o777)
    with pytest.warns(CacheWarning, match="other users may write to it"):
        kb = casus.kb.load(small_copy)
    assert kb.members("pact", "1955-01-01") == ("NOR", "USA")
    assert list(private_cache.iterdir()) == []  # nothing written there
    # a file someone planted there is not read either
    os.chmod(private_cache, 0o700)
    casus.kb._CACHE.clear()
    casus.kb.load(small_copy)
    (path,) = private_cache.glob("kb-*.bin")
    os.chmod(private_cache, 0o777)
    assert cachefile.load(path) is None


def test_a_cache_directory_of_another_user_is_not_used(private_cache, small_copy, monkeypatch):  # noqa: F811
    monkeypatch.setattr(os, "geteuid", lambda: os.stat(private_cache).st_uid + 1)
    with pytest.warns(CacheWarning, match="belongs to another user"):
        kb = casus.kb.load(small_copy)
    assert kb.members("pact", "1955-01-01") == ("NOR", "USA")
    assert list(private_cache.iterdir()) == []


def test_a_missing_cache_directory_is_made_private(tmp_path, monkeypatch, small_copy):  # noqa: F811
    d = tmp_path / "new" / "cache"
    monkeypatch.setenv("CASUS_CACHE_DIR", str(d))
    casus.kb._CACHE.clear()
    casus.kb.load(small_copy)
    assert os.stat(d).st_mode & 0o777 == 0o700
    assert list(d.glob("kb-*.bin"))


def _finishes(fn, seconds: float, fifo: Path):  # type: ignore[no-untyped-def]
    """Run ``fn`` in a thread; if it blocks on the FIFO, release it and fail (rather than hang the suite)."""
    box: dict[str, object] = {}
    t = threading.Thread(target=lambda: box.setdefault("result", fn()), daemon=True)
    t.start()
    t.join(seconds)
    if t.is_alive():
        fd = os.open(fifo, os.O_WRONLY | os.O_NONBLOCK)  # a writer unblocks the reader
        os.close(fd)
        t.join(5)
        pytest.fail(f"{fn} blocked on a FIFO")
    return box["result"]


def test_a_fifo_in_place_of_the_kb_cache_does_not_hang(private_cache, small_copy):  # noqa: F811
    kb = casus.kb.load(small_copy)
    (path,) = private_cache.glob("kb-*.bin")
    path.unlink()
    os.mkfifo(path)
    casus.kb._CACHE.clear()
    again = _finishes(lambda: casus.kb.load(small_copy), 20, path)
    assert again.digest == kb.digest  # type: ignore[attr-defined]
    assert path.is_file()  # the FIFO was replaced by a real cache file


def test_a_fifo_or_link_in_place_of_a_geo_cache_file_is_refused(private_cache, tmp_path):
    real = private_cache / "real.bin"
    cachefile.save(real, {"a": np.arange(3)}, {"k": 1})
    assert cachefile.load(real) is not None
    fifo = private_cache / "atlas-x.bin"
    os.mkfifo(fifo)
    assert _finishes(lambda: cachefile.load(fifo), 5, fifo) is None
    link = private_cache / "link.bin"
    link.symlink_to(real)
    assert cachefile.load(link) is None
    assert cachefile.read_regular(private_cache) is None  # a directory


def test_object_arrays_are_neither_written_nor_read(tmp_path):
    with pytest.raises(TypeError):
        cachefile.pack({"o": np.array([object()], dtype=object)}, {})
    blob = cachefile.pack({"a": np.arange(2, dtype=np.int64)}, {})
    forged = blob.replace(b'"<i8"', b'"|O8"')
    with pytest.raises(ValueError):
        cachefile.unpack(forged)


def test_a_second_builder_waits_for_the_first(private_cache):
    path = private_cache / "thing.bin"
    order: list[str] = []

    def second() -> None:
        with cachefile.build_lock(path) as held:
            order.append(f"second held={held} sees={cachefile.load(path) is not None}")

    with cachefile.build_lock(path) as held:
        assert held
        t = threading.Thread(target=second)
        t.start()
        time.sleep(0.3)
        assert order == []  # still waiting
        cachefile.save(path, {}, {"built": True})
        order.append("first wrote")
    t.join(10)
    assert order == ["first wrote", "second held=True sees=True"]


def test_a_stuck_builder_is_not_waited_for_forever(private_cache):
    path = private_cache / "thing.bin"
    with cachefile.build_lock(path) as first:
        got: list[bool] = []

        def second() -> None:
            with cachefile.build_lock(path, wait_s=0.2) as held:
                got.append(held)

        t = threading.Thread(target=second)
        t.start()
        t.join(5)
        assert first and got == [False]


def test_a_waiting_builder_says_what_it_waits_for(private_cache):
    import contextlib

    from casus import progress

    path = private_cache / "atlas-x.bin"
    said: list[str] = []

    def second() -> None:
        with progress.reporting(lambda what: said.append(what) or contextlib.nullcontext()), \
                cachefile.build_lock(path) as held:
            said.append(f"held={held}")

    with cachefile.build_lock(path):
        t = threading.Thread(target=second)
        t.start()
        time.sleep(0.3)
        assert said == ["Waiting for another casus process to finish atlas-x.bin (first run only)"]
    t.join(10)
    assert said[-1] == "held=True"
    with progress.reporting(lambda what: said.append(what) or contextlib.nullcontext()), \
            cachefile.build_lock(path):
        pass
    assert said[-1] == "held=True"  # no one else building: nothing said
