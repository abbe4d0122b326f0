"""casus: military-alliance commitments as code.

>>> import casus
>>> kb = casus.load()
>>> "FIN" in kb.members("nato", on="2023-04-05")
True
"""

from __future__ import annotations

from typing import Any

from casus.errors import (
    AmbiguousPlaceError,
    BadHostError,
    CasusError,
    ComputeError,
    CoordinateError,
    DateError,
    GeoError,
    InputError,
    KnowledgeBaseError,
    OutputBusyError,
    OutputExistsError,
    Problem,
    RequestTooLargeError,
    ScenarioError,
    ServerBusyError,
    StorageError,
    UnknownClauseError,
    UnknownMissileError,
    UnknownPlaceError,
    UnknownSchemaError,
    UnknownStateError,
    UnknownTreatyError,
    UnsupportedMediaTypeError,
)
from casus.kb import KnowledgeBase, load, problems

__version__ = "0.1.0"

__all__ = [
    "AmbiguousPlaceError",
    "Attack",
    "BadHostError",
    "CasusError",
    "ComputeError",
    "CoordinateError",
    "DateError",
    "GeoError",
    "InputError",
    "KnowledgeBase",
    "KnowledgeBaseError",
    "OutputBusyError",
    "OutputExistsError",
    "Problem",
    "RequestTooLargeError",
    "ScenarioError",
    "ServerBusyError",
    "StorageError",
    "UnknownClauseError",
    "UnknownMissileError",
    "UnknownPlaceError",
    "UnknownSchemaError",
    "UnknownStateError",
    "UnknownTreatyError",
    "UnsupportedMediaTypeError",
    "__version__",
    "load",
    "problems",
]


def __getattr__(name: str) -> Any:
    # Attack lives in the law package; imported lazily to keep `import casus` light.
    if name == "Attack":
        from casus.law.attack import Attack

        return Attack
    raise AttributeError(name)
