"""Partnerships, invocations and operations: NATO's system beyond collective defence.

Pure functions over the frozen knowledge base; results are frozen dataclasses
with ``to_dict()``. ``casus.open().relations(state, on)`` calls :func:`relations`.
"""

from __future__ import annotations

from casus.relations.invocations import invocations
from casus.relations.network import build_network, check_output, network_data, write_network
from casus.relations.query import relations
from casus.relations.regions import pacific_allies, region_allies
from casus.relations.results import (
    InvocationRecord,
    RegionAllies,
    RegionAlly,
    StateRelations,
    Timeline,
    TimelineEvent,
)
from casus.relations.timeline import timeline

__all__ = [
    "InvocationRecord",
    "RegionAllies",
    "RegionAlly",
    "StateRelations",
    "Timeline",
    "TimelineEvent",
    "build_network",
    "check_output",
    "invocations",
    "network_data",
    "pacific_allies",
    "region_allies",
    "relations",
    "timeline",
    "write_network",
]
