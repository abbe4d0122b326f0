"""A small knowledge base on disk (no treaties) for the cache and validation tests."""

from __future__ import annotations

import textwrap
from pathlib import Path

STATES = """\
states:
  - {code: AAA, name: Alpha}
  - {code: BBB, name: Beta, from: 1960-01-01}
  - {code: JPN, name: Japan}
  - {code: USA, name: United States}
  - {code: CHN, name: China}
"""

TERRITORIES = """\
sources:
  - &ne {title: Natural Earth admin-0, url: "https://www.naturalearthdata.com/"}
territories:
  - id: jpn
    name: Japan
    ne: JPN
    control:
      - {sovereign: JPN, sources: [*ne]}
  - id: okinawa
    name: Okinawa Island
    parent: jpn
    select: {bbox: [127.6, 26.05, 128.35, 26.9]}
    sources: [*ne]
    control:
      - {to: 1972-05-15, sovereign: JPN, administrator: USA, status: administered, sources: [*ne]}
  - id: islet
    name: An islet
    parent: jpn
    select: {point: [131.0, 30.0], radius_km: 1}
    sources: [*ne]
"""

REGIONS = """\
regions:
  - id: box
    name: A box
    kind: area
    describe: 120-140 E, 20-40 N
    polygons: [[[120, 20], [140, 20], [140, 40], [120, 40]]]
    sources: [{title: test box, citation: a test fixture}]
  - id: wrap
    name: Across the antimeridian
    kind: area
    describe: 170 E to 170 W
    polygons: [[[170, -10], [190, -10], [190, 10], [170, 10]]]
    sources: [{title: test box, citation: a test fixture}]
"""


def write_kb(directory: Path, states: str = STATES, territories: str = TERRITORIES,
             regions: str = REGIONS) -> Path:
    """A small knowledge base on disk (no treaties), for cache and validation tests."""
    directory.mkdir(parents=True, exist_ok=True)
    (directory / "states.yaml").write_text(textwrap.dedent(states), encoding="utf-8")
    (directory / "territories.yaml").write_text(textwrap.dedent(territories), encoding="utf-8")
    (directory / "regions.yaml").write_text(textwrap.dedent(regions), encoding="utf-8")
    return directory
