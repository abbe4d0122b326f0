"""Output files: refused when they exist (unless forced), written atomically."""

from __future__ import annotations

from pathlib import Path

import pytest

from casus.errors import InputError, OutputExistsError, StorageError
from casus.reach.output import write_new


def test_writes_new_file_and_refuses_to_overwrite(tmp_path: Path) -> None:
    target = tmp_path / "map.png"
    write_new(target, b"one")
    assert target.read_bytes() == b"one"
    with pytest.raises(OutputExistsError, match="--force"):
        write_new(target, b"two")
    assert target.read_bytes() == b"one"
    write_new(target, b"two", force=True)
    assert target.read_bytes() == b"two"
    assert [p.name for p in tmp_path.iterdir()] == ["map.png"]   # no temporary file left behind


def test_missing_directory_is_an_input_error(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="does not exist"):
        write_new(tmp_path / "nowhere" / "map.png", b"x")


def test_failed_write_leaves_the_old_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "out.geojson"
    target.write_bytes(b"old")

    def boom(src: str, dst: str) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr("os.replace", boom)
    with pytest.raises(StorageError, match="the disk is full"):  # not the user's path: exit 1, not 2
        write_new(target, b"new", force=True)
    assert target.read_bytes() == b"old"
    assert [p.name for p in tmp_path.iterdir()] == ["out.geojson"]
