"""Property tests for overlay YAML: whatever text an overlay file holds, casus loads it or says why.

Overlays are written by hand, so the inputs are hand-edit accidents: a valid
overlay with characters deleted, inserted or lines swapped, JSON (which is
YAML 1.2) of any shape, and plain garbage, under each file name an overlay may
use. ``casus.load`` must return a KnowledgeBase or raise KnowledgeBaseError whose
problems name a file and a line inside it, and ``casus.problems`` (what
``casus check`` prints) must agree with it. The base is a small valid
knowledge base (``overlay_base/``) so each example is cheap.
"""

from __future__ import annotations

import json
import tempfile
import textwrap
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import casus
from casus.errors import KnowledgeBaseError

BASE = Path(__file__).resolve().parent / "overlay_base"

SEEDS = {
    "treaties/pact-jpn.yaml": """\
        patch: pact
        sources: [{title: Counterfactual, citation: what if Japan joined the pact}]
        parties:
          - state: JPN
            events:
              - {date: 1970-01-01, type: bound}
        """,
    "states.yaml": """\
        states:
          - code: ISL
            name: Iceland
            from: 1945-01-01
            aliases: [Ísland, "NO"]
            sources:
              - title: Iceland, a state for tests
                url: https://example.org/iceland
        """,
    "regions.yaml": """\
        regions:
          - id: pacific-area
            name: Pacific area
            kind: ocean
            polygons:
              - [[120, -10], [200, -10], [200, 40], [120, 40], [120, -10]]
            describe: a box across the antimeridian
            sources: [{title: test, citation: a box}]
        """,
    "territories.yaml": """\
        territories:
          - id: jpn
            name: Japan
            ne: JPN
            control:
              - {sovereign: JPN, sources: [{title: test, citation: fixture}]}
        """,
    "treaties/pact.yaml": (BASE / "treaties" / "pact.yaml").read_text(encoding="utf-8"),
}
SEEDS = {k: textwrap.dedent(v) for k, v in SEEDS.items()}
NAMES = [*SEEDS, "partnerships.yaml", "missiles.yaml", "treaties/other.yaml", "unknown.yaml"]

YAML_CHARS = st.sampled_from([*":-[]{}#&*!|>'\"%@`?,\t \n", "  ", "- ", ": ", "&a ", "*a", "2020-02-30", "9" * 40,
                              "\ufeff", "\x00", "é", "\u2028"])


@st.composite
def mutated(draw: st.DrawFn) -> tuple[str, str]:
    """A seed overlay file with a few hand-edit accidents."""
    name = draw(st.sampled_from(sorted(SEEDS)))
    text = SEEDS[name]
    for _ in range(draw(st.integers(1, 3))):
        op = draw(st.sampled_from(["delete", "insert", "swap", "indent", "dup"]))
        lines = text.split("\n")
        if op == "delete" and text:
            i = draw(st.integers(0, len(text) - 1))
            text = text[:i] + text[i + draw(st.integers(1, 8)):]
        elif op == "insert":
            i = draw(st.integers(0, len(text)))
            text = text[:i] + draw(YAML_CHARS) + text[i:]
        elif op == "swap" and len(lines) > 1:
            i = draw(st.integers(0, len(lines) - 2))
            lines[i], lines[i + 1] = lines[i + 1], lines[i]
            text = "\n".join(lines)
        elif op == "indent":
            i = draw(st.integers(0, len(lines) - 1))
            lines[i] = draw(st.sampled_from([" ", "  ", "\t", ""])) + lines[i].lstrip(" " if draw(st.booleans())
                                                                                      else "")
            text = "\n".join(lines)
        elif op == "dup":
            i = draw(st.integers(0, len(lines) - 1))
            lines.insert(i, lines[i])
            text = "\n".join(lines)
    return name, text


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=10)
    | st.dates().map(str),
    lambda kids: st.lists(kids, max_size=3) | st.dictionaries(
        st.sampled_from(["states", "regions", "treaties", "id", "code", "name", "patch", "parties", "sources",
                         "clauses", "events", "date", "type", "polygons", "x"]) | st.text(max_size=5),
        kids, max_size=4),
    max_leaves=12,
)
shaped = st.tuples(st.sampled_from(NAMES), json_values.map(json.dumps))
garbage = st.tuples(st.sampled_from(NAMES), st.text(max_size=60))
overlay_files = st.lists(mutated() | shaped | garbage, min_size=1, max_size=3)


def check_overlay(files: list[tuple[str, str]]) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        ov = Path(tmp) / "ov"
        for name, text in files:
            path = ov / name
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8")
        found = casus.problems(BASE, [ov])
        try:
            kb = casus.open(BASE, overlays=[ov])
        except KnowledgeBaseError as exc:
            assert exc.problems == found, "casus check and casus.load disagree"
            assert exc.problems
        else:
            assert found == [], "casus.load accepted what casus check refuses"
            assert kb.members("pact", "1955-01-01")
            return
        for p in found:
            assert p.message.strip()
            assert p.file.startswith(("ov/", "overlay_base/")), p
            if p.line is not None and p.file.startswith("ov/"):
                n_lines = (ov / p.file.removeprefix("ov/")).read_text(encoding="utf-8").count("\n") + 1
                assert 1 <= p.line <= n_lines + 1, p


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(overlay_files)
def test_any_overlay_text_loads_or_is_refused_with_file_and_line(private_cache, files):
    check_overlay(files)


@pytest.mark.parametrize("name", sorted(SEEDS))
def test_seed_overlays_are_valid(private_cache, tmp_path, name):
    # the mutations start from overlays that load, so each accident is what makes them fail
    ov = tmp_path / "ov"
    (ov / name).parent.mkdir(parents=True, exist_ok=True)
    (ov / name).write_text(SEEDS[name], encoding="utf-8")
    kb = casus.open(BASE, overlays=[ov])
    assert ("JPN" in kb.members("pact", "1970-01-01")) == (name == "treaties/pact-jpn.yaml")
    assert "JPN" not in kb.members("pact", "1969-12-31")


BAD_YAML = {
    "calendar": ("states:\n  - code: ISL\n    name: Iceland\n    from: 2020-02-30\n", 4, "2020-02-30"),
    "month-13": ("states:\n  - {code: ISL, name: Iceland, from: 2020-13-01}\n", 2, "2020-13-01"),
    "long-int": ("states:\n  - {code: ISL, name: Iceland, cow: " + "9" * 5000 + "}\n", 2, "cannot read"),
    "alias-bomb": ("a: &a [x, x, x, x, x, x, x, x, x, x]\n"
                   + "".join(f"a{i}: &a{i} [{', '.join([f'*a{i - 1}' if i > 1 else '*a'] * 10)}]\n"
                             for i in range(1, 9))
                   + "states: [*a8]\n", None, "aliases expand"),
    "deep-nesting": ("states: " + "[" * 600 + "]" * 600 + "\n", None, "nested too deeply"),
}


@pytest.mark.parametrize("case", sorted(BAD_YAML))
def test_yaml_python_cannot_build_is_a_problem_with_line(private_cache, tmp_path, case):
    # each of these escaped as ValueError, RecursionError or hung (alias bomb) before the fixes in yamlio.py
    text, line, needle = BAD_YAML[case]
    ov = tmp_path / "ov"
    ov.mkdir()
    (ov / "states.yaml").write_text(text, encoding="utf-8")
    with pytest.raises(KnowledgeBaseError) as err:
        casus.open(BASE, overlays=[ov])
    (p,) = err.value.problems
    assert p.file == "ov/states.yaml" and needle in p.message, p
    if line is not None:
        assert p.line == line, p


def test_unreadable_overlay_files_are_problems(private_cache, tmp_path):
    # a directory named like a data file, and a dangling link: OSError escaped from the digest and the reader
    ov = tmp_path / "ov"
    (ov / "states.yaml").mkdir(parents=True)
    (ov / "treaties").mkdir()
    (ov / "treaties" / "gone.yaml").symlink_to(tmp_path / "nowhere.yaml")
    with pytest.raises(KnowledgeBaseError) as err:
        casus.open(BASE, overlays=[ov])
    files = sorted(p.file for p in err.value.problems)
    assert files == ["ov/states.yaml", "ov/treaties/gone.yaml"]
    assert all("cannot read" in p.message for p in err.value.problems)
