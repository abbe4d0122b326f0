"""``casus check`` for territories and regions: each kind of broken file is its own small fixture."""

from __future__ import annotations

import pytest

import casus

from .geo_fixtures import REGIONS, STATES, TERRITORIES, write_kb


def problems(tmp_path, **files):
    return [str(p) for p in casus.problems(write_kb(tmp_path, **files))]


def test_small_kb_is_valid(tmp_path):
    assert problems(tmp_path) == []


def with_part(extra: str) -> str:
    return TERRITORIES + extra


CASES = {
    "unknown parent": (with_part("""\
  - id: bad
    name: Bad
    parent: nowhere
    select: {bbox: [0, 0, 1, 1]}
    sources: [*ne]
"""), "unknown parent 'nowhere'"),
    "empty selection": (with_part("""\
  - id: bad
    name: Bad
    parent: jpn
    select: {bbox: [0, 0, 1, 1]}
    sources: [*ne]
"""), "picks nothing from JPN"),
    "self-intersecting ring": (with_part("""\
  - id: bad
    name: Bad
    parent: jpn
    select: {polygon: [[130, 30], [140, 40], [140, 30], [130, 40]]}
    sources: [*ne]
"""), "not a simple ring"),
    "reversed control": (with_part("""\
  - id: bad
    name: Bad
    parent: jpn
    select: {bbox: [127.6, 26.05, 128.35, 26.9]}
    sources: [*ne]
    control:
      - {from: 1980-01-01, to: 1970-01-01, sovereign: JPN, sources: [*ne]}
"""), "'to' must be after 'from'"),
    "unknown claimant": (with_part("""\
  - id: bad
    name: Bad
    parent: jpn
    select: {bbox: [127.6, 26.05, 128.35, 26.9]}
    sources: [*ne]
    claims:
      - {state: ZZZ, note: x, sources: [*ne]}
"""), "claimant 'ZZZ' is not in states.yaml"),
    "sovereign before it existed": (with_part("""\
  - id: bad
    name: Bad
    parent: jpn
    select: {bbox: [127.6, 26.05, 128.35, 26.9]}
    sources: [*ne]
    control:
      - {sovereign: BBB, sources: [*ne]}
"""), "BBB did not exist yet"),
    "unknown Natural Earth code": (with_part("""\
  - id: bad
    name: Bad
    ne: XQZ
    control:
      - {sovereign: AAA, sources: [*ne]}
"""), "'XQZ' is not an ADM0_A3 code"),
    "feature used twice": (with_part("""\
  - id: bad
    name: Bad
    ne: JPN
    control:
      - {sovereign: AAA, sources: [*ne]}
"""), "JPN is already territory 'jpn'"),
    "part without sources": (with_part("""\
  - id: bad
    name: Bad
    parent: jpn
    select: {bbox: [127.6, 26.05, 128.35, 26.9]}
"""), "needs sources"),
    "disputed before anyone claims it": (with_part("""\
  - id: bad
    name: Bad
    parent: jpn
    select: {bbox: [127.6, 26.05, 128.35, 26.9]}
    sources: [*ne]
    control:
      - {sovereign: JPN, status: disputed, sources: [*ne]}
    claims:
      - {state: BBB, from: 1960-01-01, note: x, sources: [*ne]}
"""), "control[0] is 'disputed' from 1945-01-01, but no state claims it before 1960-01-01"),
}

DISPUTES_THAT_HOLD = {
    "claimed from the first day of the period": """\
  - id: fine
    name: Fine
    parent: jpn
    select: {bbox: [127.6, 26.05, 128.35, 26.9]}
    sources: [*ne]
    control:
      - {to: 1960-01-01, sovereign: JPN, sources: [*ne]}
      - {from: 1960-01-01, sovereign: JPN, status: disputed, sources: [*ne]}
    claims:
      - {state: BBB, from: 1960-01-01, note: x, sources: [*ne]}
""",
    "claimed on its parent": """\
  - id: fine
    name: Fine
    parent: jpn
    select: {bbox: [127.6, 26.05, 128.35, 26.9]}
    sources: [*ne]
    control:
      - {sovereign: JPN, status: disputed, sources: [*ne]}
    claims:
      - {state: USA, note: x, sources: [*ne]}
  - id: finer
    name: Finer
    parent: fine
    select: {bbox: [127.6, 26.05, 128.35, 26.9]}
    sources: [*ne]
    control:
      - {sovereign: JPN, status: disputed, sources: [*ne]}
""",
    # a dispute of recognition (the Baltic states under Soviet rule): no claimant at all, the note says why
    "claimed by no state at all": """\
  - id: fine
    name: Fine
    parent: jpn
    select: {bbox: [127.6, 26.05, 128.35, 26.9]}
    sources: [*ne]
    control:
      - {sovereign: JPN, status: disputed, note: annexation not recognised, sources: [*ne]}
""",
}


@pytest.mark.parametrize("case", list(DISPUTES_THAT_HOLD))
def test_disputed_periods_that_pass(tmp_path, case):
    assert problems(tmp_path, territories=with_part(DISPUTES_THAT_HOLD[case])) == []


@pytest.mark.parametrize("case", list(CASES))
def test_broken_territories(tmp_path, case):
    text, expected = CASES[case]
    found = problems(tmp_path, territories=text)
    assert any(expected in p for p in found), found
    assert all("territories.yaml" in p for p in found)
    assert all(":" in p.split("territories.yaml", 1)[1][:2] for p in found)  # a line number


REGION_CASES = {
    "unknown union member": (REGIONS + """\
  - id: both
    name: Both
    kind: area
    describe: x
    union: [box, nowhere]
    sources: [{title: test box, citation: a test fixture}]
""", "unknown region 'nowhere'"),
    "cycle": (REGIONS + """\
  - id: one
    name: One
    kind: area
    describe: x
    union: [two]
    sources: [{title: test box, citation: a test fixture}]
  - id: two
    name: Two
    kind: area
    describe: x
    union: [one]
    sources: [{title: test box, citation: a test fixture}]
""", "cycle"),
    "self-intersecting region": (REGIONS + """\
  - id: bowtie
    name: Bowtie
    kind: area
    describe: x
    polygons: [[[0, 0], [10, 10], [10, 0], [0, 10]]]
    sources: [{title: test box, citation: a test fixture}]
""", "not a simple ring"),
}


@pytest.mark.parametrize("case", list(REGION_CASES))
def test_broken_regions(tmp_path, case):
    text, expected = REGION_CASES[case]
    found = problems(tmp_path, regions=text)
    assert any(expected in p for p in found), found


def test_states_file_is_used(tmp_path):
    # the same territories against a states file without Japan
    found = problems(tmp_path, states=STATES.replace("  - {code: JPN, name: Japan}\n", ""))
    assert any("'JPN' is not in states.yaml" in p for p in found)
