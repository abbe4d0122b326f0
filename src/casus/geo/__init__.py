"""Geography: territories and regions compiled from Natural Earth and the knowledge base, point and name lookup.

Modules: :mod:`~casus.geo.atlas` (the compiled Atlas and its disk cache), :mod:`~casus.geo.locate` (vectorised
point lookup with the 12-nautical-mile rule), :mod:`~casus.geo.control` (who holds what on a date),
:mod:`~casus.geo.names` (territory and GeoNames city names), :mod:`~casus.geo.query` (``where``, ``place``,
``where_many`` and the Whereabouts record). Names are imported on first use so that ``import casus.geo`` (which
``casus check`` does) stays light.
"""

from __future__ import annotations

import importlib
from typing import Any

__all__ = [
    "Atlas",
    "Gazetteer",
    "Hits",
    "Holding",
    "Place",
    "Whereabouts",
    "compile_atlas",
    "control",
    "control_arrays",
    "gazetteer",
    "normalize",
    "place",
    "where",
    "where_many",
]

_WHERE = {
    "Atlas": "atlas", "Hits": "atlas", "compile_atlas": "atlas",
    "Holding": "control", "control": "control", "control_arrays": "control",
    "Gazetteer": "names", "Place": "names", "gazetteer": "names", "normalize": "names",
    "Whereabouts": "query", "place": "query", "where": "query", "where_many": "query",
}


def __getattr__(name: str) -> Any:
    if name in _WHERE:
        return getattr(importlib.import_module(f"casus.geo.{_WHERE[name]}"), name)
    raise AttributeError(f"module 'casus.geo' has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted(__all__)
