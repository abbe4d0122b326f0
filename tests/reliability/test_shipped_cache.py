"""The compiled caches shipped inside the package (issue 18, first run).

A built package carries the compiled knowledge base, atlas and place-name index
of its bundled data; a fresh install reads them instead of compiling. These tests pin that the
answers are byte-identical to those built from the YAML, that a damaged or
tampered shipped file is refused (with a warning) and the user's cache built
instead, and that a shipped file whose hash is not today's data is never used.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
import warnings
from pathlib import Path

import pytest

import casus.kb
from casus import cachefile, progress
from casus.cachefile import CacheWarning

from .test_cache import small_copy  # noqa: F401  (fixture)

PUBLIC = [  # the public examples (tests/law/test_public_examples.py), on two dates
    {"attacker": "RUS", "victim": "EST", "place": "Tallinn"},
    {"attacker": "ZAF", "victim": "FRA", "place": "Reunion"},
    {"attacker": "CHN", "victim": "AUS", "place": "Sydney"},
    {"attacker": "VEN", "victim": "USA", "place": "Charlotte Amalie"},
    {"attacker": "PRK", "victim": "KOR", "place": "Jeju"},
    {"attacker": "CHN", "victim": "TWN", "place": "Taipei"},
    {"attacker": "RUS", "victim": "LTU", "target": "cyber"},
    {"attacker": "PRK", "victim": "USA", "place": {"lat": 13.44, "lon": 144.79}},
    {"attacker": "MAR", "victim": "ESP", "place": "Ceuta"},
]

SCRIPT = textwrap.dedent("""\
    import json, sys
    from pathlib import Path
    from casus import cachefile
    cachefile.SHIPPED_DIR = Path(sys.argv[1])
    import casus
    from casus.errors import CasusError
    from casus.jsonio import dumps
    from casus.law.attack import Attack
    from casus.law.tour import run_tour

    kb = casus.open()
    out = {}
    for i, s in enumerate(json.loads(sys.argv[2])):
        for day in ("1970-06-01", "2025-06-01"):
            try:
                got = kb.assess(Attack.parse({**s, "date": day})).to_dict(with_cascade=True)
            except CasusError as exc:  # Estonia was not a state in 1970: the error is part of the answer
                got = {"error": type(exc).__name__, "message": str(exc)}
            out[f"assess {i} {day}"] = dumps(got)
    out["tour"] = dumps([a.to_dict() for a in run_tour(kb)])
    out["where tallinn"] = dumps(kb.where(59.437, 24.745, on="2025-06-01"))
    out["where okinawa"] = dumps(kb.where(26.2, 127.7, on="1970-01-01"))
    out["defends guam"] = dumps(kb.defends("Guam", on="2017-11-02").to_dict())
    print(json.dumps(out))
""")


def _answers(cache: Path, shipped: Path) -> dict[str, str]:
    env = dict(os.environ, CASUS_CACHE_DIR=str(cache))
    done = subprocess.run([sys.executable, "-c", SCRIPT, str(shipped), json.dumps(PUBLIC)], env=env,
                          capture_output=True, text=True, timeout=900, check=False)
    assert done.returncode == 0, done.stderr[-2000:]
    return json.loads(done.stdout)  # type: ignore[no-any-return]


def _private(path: Path) -> Path:
    path.mkdir(mode=0o700, parents=True, exist_ok=True)
    return path


@pytest.fixture(scope="module")
def shipped(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, str]]:
    """Answers built from the YAML in an empty cache with nothing shipped, and the caches shipped from it."""
    root = tmp_path_factory.mktemp("shipping")
    cold = _private(root / "cold")
    built = _answers(cold, root / "nothing-shipped")
    target = root / "shipped"
    env = dict(os.environ, CASUS_CACHE_DIR=str(cold))
    subprocess.run([sys.executable, "-m", "casus.geo.shipping", str(target)], env=env, check=True, timeout=900,
                   capture_output=True)
    return target, built


def test_answers_from_the_shipped_caches_are_byte_identical(shipped, tmp_path):
    target, built = shipped
    assert sorted(p.name.split("-")[0] for p in target.iterdir()) == ["atlas", "kb", "names"]
    fresh = _private(tmp_path / "fresh")
    assert _answers(fresh, target) == built
    # nothing was compiled: the knowledge base, the atlas and the name index came from the shipped files
    assert [p.name for pattern in ("kb-*", "atlas-*", "names-*") for p in fresh.glob(pattern)] == []


@pytest.fixture
def shipped_copy(shipped, tmp_path, monkeypatch, private_cache):
    """A copy of the shipped folder that casus reads in this process, with an empty user cache."""
    import shutil

    copy = tmp_path / "shipped"
    shutil.copytree(shipped[0], copy)
    monkeypatch.setattr(cachefile, "SHIPPED_DIR", copy)
    monkeypatch.setattr(cachefile, "_WARNED", set())
    return copy


def _steps() -> tuple[list[str], progress.Reporter]:
    import contextlib

    said: list[str] = []

    def reporter(what: str):  # type: ignore[no-untyped-def]
        said.append(what)
        return contextlib.nullcontext()

    return said, reporter


def test_the_knowledge_base_comes_from_the_shipped_file(shipped_copy, private_cache):
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        kb = casus.kb.load()
    assert "FIN" in kb.members("nato", "2023-04-05") and "FIN" not in kb.members("nato", "2023-04-03")
    assert not list(private_cache.glob("kb-*.bin"))  # nothing compiled


def test_a_tampered_shipped_knowledge_base_is_refused_and_rebuilt(shipped_copy, private_cache):
    (path,) = shipped_copy.glob("kb-*.bin")
    blob = path.read_bytes()
    # Finland's accession moved a year earlier, without fixing the checksum
    assert blob.count(b'"2023-04-04"') >= 1
    path.write_bytes(blob.replace(b'"2023-04-04"', b'"2022-04-04"'))
    with pytest.warns(CacheWarning, match="shipped with casus cannot be used.*checksum"):
        kb = casus.kb.load()
    assert "FIN" not in kb.members("nato", "2023-04-03") and "FIN" in kb.members("nato", "2023-04-05")
    assert list(private_cache.glob("kb-*.bin"))  # built from the YAML into the user's cache


def test_a_shipped_file_from_other_data_is_never_used(shipped_copy, private_cache):
    """Data edited after the build: the shipped name no longer matches, so the base is compiled (and says why)."""
    (path,) = shipped_copy.glob("kb-*.bin")
    path.rename(path.with_name("kb-0123456789abcdef.bin"))
    said, reporter = _steps()
    with progress.reporting(reporter):
        kb = casus.kb.load()
    assert any("differ from the compiled copy shipped with casus" in s for s in said)
    assert kb.digest != "0123456789abcdef" and list(private_cache.glob(f"kb-{kb.digest}.bin"))


def test_a_shipped_file_renamed_to_todays_hash_is_refused(shipped_copy, private_cache, small_copy):  # noqa: F811
    """A file under the right name whose contents were compiled from other data is refused, not believed."""
    kb_small = casus.kb.load(small_copy)  # another knowledge base, compiled into the user's cache
    (ours,) = shipped_copy.glob("kb-*.bin")
    (theirs,) = private_cache.glob(f"kb-{kb_small.digest}.bin")
    ours.write_bytes(theirs.read_bytes())
    casus.kb._CACHE.clear()
    for p in private_cache.glob("kb-*.bin"):
        p.unlink()
    with pytest.warns(CacheWarning, match="does not read back as this base"):
        kb = casus.kb.load()
    assert "FIN" in kb.members("nato", "2023-04-05")


def test_a_damaged_or_renamed_shipped_atlas_is_refused(shipped_copy):
    from casus.geo import atlas as atlas_mod

    (path,) = shipped_copy.glob("atlas-*.bin")
    key = path.name.removeprefix("atlas-").removesuffix(".bin")
    assert atlas_mod._shipped(key) is not None
    intact = path.read_bytes()
    blob = bytearray(intact)
    blob[len(blob) // 2] ^= 0xFF
    path.write_bytes(bytes(blob))
    with pytest.warns(CacheWarning, match="checksum"):
        assert atlas_mod._shipped(key) is None
    # an intact atlas under another key's name is not taken for that key
    path.write_bytes(intact)
    other = "0" * 16 + key[16:]
    path.rename(shipped_copy / f"atlas-{other}.bin")
    cachefile._WARNED.clear()
    with pytest.warns(CacheWarning, match="not the atlas its name says"):
        assert atlas_mod._shipped(other) is None


def test_the_atlas_key_covers_the_code_that_compiles_it(monkeypatch, kb):
    from casus.geo import atlas as atlas_mod

    before = atlas_mod.atlas_key(kb)
    monkeypatch.setattr(atlas_mod, "BUILD_CODE", (*atlas_mod.BUILD_CODE[:-1], "query.py"))
    assert atlas_mod.atlas_key(kb) != before


def test_build_cache_writes_the_three_files_and_refuses_a_bad_folder(tmp_path):
    from typer.testing import CliRunner

    from casus.cli import app

    into = tmp_path / "shipped"
    done = CliRunner().invoke(app, ["build-cache", "--into", str(into)])
    assert done.exit_code == 0, done.output
    assert sorted(p.name.split("-")[0] for p in into.iterdir()) == ["atlas", "kb", "names"]
    assert all(str(p) in done.output for p in into.iterdir())
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    bad = CliRunner().invoke(app, ["build-cache", "--into", str(blocker / "sub")])
    assert bad.exit_code == 2 and "a-file is a file, not a folder" in bad.output and "Traceback" not in bad.output
