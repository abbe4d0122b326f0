"""casus: military-alliance commitments as code.

>>> import casus
>>> cs = casus.open()
>>> "FIN" in cs.members("nato", on="2023-04-05")
True
"""

from __future__ import annotations

import warnings
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any

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
from casus.version import __version__

if TYPE_CHECKING:
    from casus.face import Casus
    from casus.kb import KnowledgeBase, problems


__all__ = [
    "AmbiguousPlaceError",
    "Attack",
    "BadHostError",
    "Casus",
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
    "open",
    "problems",
]


def open(data_dir: Path | str | None = None, overlays: Iterable[Path | str] = ()) -> Casus:
    """Load the knowledge base (bundled data, then each overlay) and return the typed face, :class:`Casus`."""
    from casus.face import open as open_face

    return open_face(data_dir, overlays)


def load(data_dir: Path | str | None = None, overlays: Iterable[Path | str] = ()) -> Casus:
    """Deprecated since 0.2: use :func:`casus.open`, which returns the same object."""
    warnings.warn("casus.load() is deprecated and will be removed in the next release; use casus.open()",
                  DeprecationWarning, stacklevel=2)
    return open(data_dir, overlays)


def __getattr__(name: str) -> Any:
    # Attack and Casus live in upper layers, and the knowledge base's models cost a tenth of a second to
    # build: all are imported on first use, so that `import casus` (and `casus --help`) stays light.
    if name in ("KnowledgeBase", "problems"):
        import casus.kb

        return getattr(casus.kb, name)
    if name == "Attack":
        from casus.law.attack import Attack

        return Attack
    if name == "Casus":
        from casus.face import Casus

        return Casus
    raise AttributeError(name)
