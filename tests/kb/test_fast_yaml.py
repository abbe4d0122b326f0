"""The fast reader (libyaml, YAML 1.2 core schema) gives the same knowledge base as the round-trip reader.

Loading uses the fast reader; ``casus check`` and error messages use ruamel's round-trip reader for its
line numbers. Whatever the fast reader does not handle the same way is handed to the round-trip reader,
so an odd file is read, or refused at its line, exactly as before.
"""

from __future__ import annotations

import datetime as dt
import textwrap
from pathlib import Path

import pytest

import casus.kb
from casus.errors import KnowledgeBaseError, Problem
from casus.kb import yamlio
from casus.kb.loader import DATA_DIR, data_files, read_tree
from casus.kb.validate import check

pytest.importorskip("yaml")


def _dump(raw):
    def items(sec):
        return {k: (v.item.model_dump(mode="json", by_alias=True), v.file, v.line) for k, v in sec.items()}

    return {"states": items(raw.states), "treaties": items(raw.treaties), "never": items(raw.never_in_force),
            "templates": items(raw.templates), "sections": {k: items(v) for k, v in raw.sections.items()},
            "files": raw.files, "digest": raw.digest}


def test_every_bundled_file_reads_the_same_both_ways():
    for _, path in data_files([DATA_DIR]):
        assert yamlio.plain(yamlio.read(path, fast=True)) == yamlio.plain(yamlio.read(path)), path


OVERLAYS = sorted((Path(__file__).resolve().parents[2] / "examples" / "overlays").iterdir())


@pytest.mark.parametrize("overlay", OVERLAYS, ids=[p.name for p in OVERLAYS])
def test_the_example_overlays_read_the_same_both_ways(overlay):
    slow_problems: list[Problem] = []
    fast_problems: list[Problem] = []
    slow = read_tree([DATA_DIR, overlay], slow_problems)
    fast = read_tree([DATA_DIR, overlay], fast_problems, fast=True)
    assert slow_problems == fast_problems == []
    assert _dump(fast) == _dump(slow)


def test_the_bundled_models_and_their_lines_are_the_same_both_ways():
    slow_problems: list[Problem] = []
    fast_problems: list[Problem] = []
    slow = read_tree([DATA_DIR], slow_problems)
    fast = read_tree([DATA_DIR], fast_problems, fast=True)
    check(slow, slow_problems)
    check(fast, fast_problems)
    assert slow_problems == fast_problems == []
    assert _dump(fast) == _dump(slow)
    # the item lines are real: NATO's Art. 5 treaty file, and the United States' entry in states.yaml
    line = fast.states["USA"].line
    assert line is not None and "USA" in (DATA_DIR / "states.yaml").read_text().splitlines()[line - 1]


@pytest.mark.parametrize(("text", "expected"), [
    ("a: NO\nb: yes\nc: off\n", {"a": "NO", "b": "yes", "c": "off"}),  # YAML 1.2: Norway stays Norway
    ("a: true\nb: False\nc: ~\nd: null\n", {"a": True, "b": False, "c": None, "d": None}),
    ("a: 2023-04-04\nb: '2023-04-04'\n", {"a": dt.date(2023, 4, 4), "b": "2023-04-04"}),
    ("a: 42\nb: -7\nc: 1.5\nd: 2.0e3\n", {"a": 42, "b": -7, "c": 1.5, "d": 2000.0}),
    # forms the fast reader hands to ruamel: the same values either way
    ("a: 010\nb: 0o17\nc: 0x1F\nd: 1_000\n", {"a": 10, "b": 15, "c": 31, "d": 1000}),
    ("a: 2020-01-02T10:00:00\n", {"a": dt.datetime(2020, 1, 2, 10, 0)}),
    ("base: &b {x: 1}\nother:\n  <<: *b\n  y: 2\n", {"base": {"x": 1}, "other": {"x": 1, "y": 2}}),
    ("a: |\n  two\n  lines\n", {"a": "two\nlines\n"}),
])
def test_scalars_are_read_as_yaml_1_2(tmp_path, text, expected):
    path = tmp_path / "f.yaml"
    path.write_text(text, encoding="utf-8")
    fast = yamlio.plain(yamlio.read(path, fast=True))
    assert fast == yamlio.plain(yamlio.read(path)) == expected
    assert all(isinstance(got, type(want)) for got, want in zip(fast.values(), expected.values(), strict=True))


@pytest.mark.parametrize(("text", "line", "words"), [
    ("a: 1\nb: 2\na: 3\n", 3, "duplicate"),
    ("a: 1\nb: [1, 2\n", 3, "YAML error"),
    ("a: 1\nb: 2020-02-30\n", 2, "2020-02-30"),
])
def test_bad_yaml_is_refused_fast_or_not_with_its_line(tmp_path, text, line, words):
    path = tmp_path / "f.yaml"
    path.write_text(text, encoding="utf-8")
    for fast in (False, True):
        with pytest.raises(KnowledgeBaseError) as info:
            yamlio.read(path, fast=fast)
        (problem,) = info.value.problems
        assert problem.line == line and words in problem.message


def test_a_tag_is_left_to_the_round_trip_reader_and_runs_nothing(tmp_path):
    path = tmp_path / "f.yaml"
    marker = tmp_path / "ran"
    path.write_text(f"a: !!python/object/apply:pathlib.Path.touch [{str(marker)!r}]\n", encoding="utf-8")
    assert repr(yamlio.read(path, fast=True)) == repr(yamlio.read(path))
    assert not marker.exists()


def test_a_load_error_names_the_line_as_check_does(tmp_path, monkeypatch):
    """Loading reads fast; a problem it finds is reported from the round-trip reading, with its line."""
    import shutil

    monkeypatch.setenv("CASUS_CACHE_DIR", str(tmp_path / "cache"))
    data = tmp_path / "data"
    shutil.copytree(DATA_DIR, data)
    states = data / "states.yaml"
    text = states.read_text(encoding="utf-8")
    lines = text.splitlines()
    i = next(n for n, s in enumerate(lines) if s.strip() == "- code: USA")
    lines[i] = "  - code: usa"
    states.write_text("\n".join(lines) + "\n", encoding="utf-8")
    with pytest.raises(KnowledgeBaseError) as info:
        casus.kb.load(data)
    assert info.value.problems == casus.kb.problems(data)
    assert any(p.file == "data/states.yaml" and p.line == i + 1 for p in info.value.problems)


def test_a_non_utf8_file_is_refused_either_way(tmp_path):
    path = tmp_path / "f.yaml"
    path.write_bytes(textwrap.dedent("a: caf\xe9\n").encode("latin-1"))
    for fast in (False, True):
        with pytest.raises(KnowledgeBaseError, match="not UTF-8"):
            yamlio.read(path, fast=fast)
