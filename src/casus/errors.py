"""Every error casus raises, under one root.

Callers catch :class:`CasusError` to handle anything casus refuses; the command
line and the HTTP API turn it into a one-line message (exit 2, or a 4xx JSON
body) and never show a traceback. An error may carry a ``hint``: what the user
probably meant (latitude and longitude swapped, a decimal comma, a place name
where a state was asked for). Third-party exceptions are translated at the
boundary (``raise GeoError(...) from exc``).

The tree::

    CasusError
    ├── InputError                     bad input from a user (CLI exit 2, HTTP 400/404/422)
    │   ├── UnknownStateError          a state code that is not in the data (close matches)
    │   ├── UnknownTreatyError         a treaty id that is not in the data (close matches)
    │   ├── UnknownClauseError         a clause id that is not in the data
    │   ├── UnknownPlaceError          a place name that matches nothing (close matches)
    │   ├── AmbiguousPlaceError        a place name that matches several places (candidates)
    │   ├── UnknownMissileError        a missile or launch site that is not in the data
    │   ├── DateError                  a malformed date, or one outside the covered range
    │   ├── CoordinateError            latitude/longitude not numbers or out of range
    │   ├── ScenarioError              a scenario whose fields are malformed
    │   ├── OutputExistsError          an output file exists and --force was not given
    │   ├── OutputBusyError            another run is writing the same output now (its lock is held)
    │   ├── UnsupportedMediaTypeError  an HTTP body that is not application/json or x-ndjson (415)
    │   ├── BadHostError               an HTTP Host header this server does not answer to (400)
    │   ├── RequestTooLargeError       an HTTP body or batch over the server's limit (413)
    │   └── UnknownSchemaError         a JSON Schema name the server does not publish
    ├── KnowledgeBaseError             the YAML knowledge base (or an overlay) is invalid;
    │                                  carries every Problem with file and line
    ├── GeoError                       geometry could not be built or read
    ├── ComputeError                   a sweep or export could not run (memory, scheduler, time)
    │   └── ServerBusyError            too many expensive requests in flight; retry later (503)
    └── StorageError                   the disk failed us (full, I/O error): CLI exit 1, not the user's input
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from difflib import get_close_matches

__all__ = [
    "AmbiguousPlaceError",
    "BadHostError",
    "CasusError",
    "ComputeError",
    "CoordinateError",
    "DateError",
    "GeoError",
    "InputError",
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
    "close_matches",
]


def close_matches(word: str, choices: Iterable[str], n: int = 3) -> list[str]:
    """Suggestions for a misspelt identifier, compared case-insensitively."""
    table = {c.lower(): c for c in choices}
    return [table[m] for m in get_close_matches(word.lower(), list(table), n=n, cutoff=0.5)]


class CasusError(Exception):
    """Root of every error casus raises on purpose."""

    #: a short machine-readable name, used as ``error`` in JSON bodies
    code = "casus_error"

    def __init__(self, message: str, *, field: str | None = None,
                 accepted: str | None = None, suggestions: Sequence[str] = (), hint: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.field = field
        self.accepted = accepted
        self.suggestions = list(suggestions)
        self.hint = hint

    def to_dict(self) -> dict[str, object]:
        """The JSON body shared by the CLI's --json mode and the HTTP API."""
        body: dict[str, object] = {"error": self.code, "message": self.message}
        if self.field is not None:
            body["field"] = self.field
        if self.accepted is not None:
            body["accepted"] = self.accepted
        if self.suggestions:
            body["suggestions"] = self.suggestions
        if self.hint is not None:
            body["hint"] = self.hint
        return body


class InputError(CasusError):
    """Bad input from a user."""

    code = "bad_input"


class _UnknownId(InputError):
    kind = "identifier"

    def __init__(self, given: str, choices: Iterable[str], *, field: str | None = None,
                 accepted: str | None = None, hint: str | None = None) -> None:
        choices = list(choices)
        given = str(given)[:80]  # never echo an unbounded input back
        hints = close_matches(given, choices)
        msg = f"unknown {self.kind} {given!r}"
        if hints:
            msg += f"; did you mean {', '.join(hints)}?"
        super().__init__(msg, field=field, accepted=accepted, suggestions=hints, hint=hint)
        self.given = given


class UnknownStateError(_UnknownId):
    """A state code not in the data; suggests the closest codes."""

    code = "unknown_state"
    kind = "state code"


class UnknownTreatyError(_UnknownId):
    code = "unknown_treaty"
    kind = "treaty id"


class UnknownClauseError(_UnknownId):
    code = "unknown_clause"
    kind = "clause id"


class UnknownMissileError(_UnknownId):
    code = "unknown_missile"
    kind = "missile or launch site"


class UnknownPlaceError(InputError):
    code = "unknown_place"


class AmbiguousPlaceError(InputError):
    """A name that fits several places; ``suggestions`` holds the candidates."""

    code = "ambiguous_place"


class DateError(InputError):
    code = "bad_date"


class CoordinateError(InputError):
    code = "bad_coordinates"


class ScenarioError(InputError):
    code = "bad_scenario"


class OutputExistsError(InputError):
    code = "output_exists"


class OutputBusyError(InputError):
    """Another casus run holds the lock on this output; it is left alone (CLI exit 2)."""

    code = "output_busy"


class UnsupportedMediaTypeError(InputError):
    """A request body of a content type the API does not read (HTTP 415)."""

    code = "unsupported_media_type"
    http_status = 415


class BadHostError(InputError):
    """A Host header naming another site than this server (DNS rebinding; HTTP 400)."""

    code = "bad_host"
    http_status = 400


class RequestTooLargeError(InputError):
    """A body or batch larger than the server accepts (HTTP 413)."""

    code = "request_too_large"
    http_status = 413


class UnknownSchemaError(_UnknownId):
    code = "unknown_schema"
    kind = "schema name"
    http_status = 404


@dataclass(frozen=True)
class Problem:
    """One thing wrong in a knowledge-base file, located for a human editor."""

    file: str
    line: int | None
    message: str

    def __str__(self) -> str:
        where = self.file if self.line is None else f"{self.file}:{self.line}"
        return f"{where}: {self.message}"


class KnowledgeBaseError(CasusError):
    """The knowledge base or an overlay is invalid; ``problems`` lists each with file and line."""

    code = "invalid_knowledge_base"

    def __init__(self, problems: Sequence[Problem]) -> None:
        self.problems = list(problems)
        head = f"{len(self.problems)} problem(s) in the knowledge base"
        super().__init__(head + ":\n" + "\n".join(f"  {p}" for p in self.problems))


class GeoError(CasusError):
    code = "geo_error"


class ComputeError(CasusError):
    code = "compute_error"


class ServerBusyError(ComputeError):
    """Too many expensive requests are being computed; ``retry_after`` says when to try again (HTTP 503)."""

    code = "server_busy"
    http_status = 503

    def __init__(self, message: str, *, retry_after: int = 2, **kwargs: object) -> None:
        super().__init__(message, **kwargs)  # type: ignore[arg-type]
        self.retry_after = retry_after


class StorageError(CasusError):
    """Writing failed for a reason that is not the path the user gave (a full disk, an I/O error): exit 1."""

    code = "storage_error"
