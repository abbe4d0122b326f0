"""What every command shares: options, loading, output, and turning errors into exit codes.

Exit codes scripts can rely on: 0 success, 1 a check that found problems (or a
finding scripts asked to fail on), 2 bad input or an invalid knowledge base.
"""

from __future__ import annotations

import functools
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Annotated, Any, TypeVar

import typer

F = TypeVar("F", bound=Callable[..., Any])

JsonOpt = Annotated[bool, typer.Option("--json", help="Print JSON for machines instead of tables.")]
OverlayOpt = Annotated[
    list[Path] | None,
    typer.Option("--overlay", help="Directory of YAML applied on top of the bundled data (repeatable).",
                 file_okay=False, dir_okay=True),
]


def console(stderr: bool = False) -> Any:
    from rich.console import Console

    return Console(stderr=stderr, highlight=False, soft_wrap=True)


def load_kb(overlay: list[Path] | None = None) -> Any:
    import casus.kb

    return casus.kb.load(overlays=overlay or [])


def print_json(obj: Any) -> None:
    from casus.jsonio import dumps

    sys.stdout.write(dumps(obj) + "\n")


def handle_errors(fn: F) -> F:
    """Run a command; turn casus errors into one clear line and exit 2, never a traceback."""

    @functools.wraps(fn)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        from casus.errors import CasusError, KnowledgeBaseError

        want_json = bool(kwargs.get("as_json"))
        try:
            return fn(*args, **kwargs)
        except CasusError as exc:
            if want_json:
                print_json(exc.to_dict())
            else:
                err = console(stderr=True)
                if isinstance(exc, KnowledgeBaseError):
                    err.print(f"[red]error:[/red] {len(exc.problems)} problem(s) in the knowledge base")
                    for p in exc.problems:
                        err.print(f"  {p}", markup=False)
                else:
                    err.print("[red]error:[/red] ", end="")
                    err.print(exc.message, markup=False)
            raise typer.Exit(2) from None
        except KeyboardInterrupt:
            console(stderr=True).print("interrupted")
            raise typer.Exit(130) from None

    return wrapper  # type: ignore[return-value]
