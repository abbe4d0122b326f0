"""What every command shares: options, loading, output, and turning errors into exit codes.

Exit codes scripts can rely on: 0 success, 1 a check that found problems (or a
finding scripts asked to fail on), or a failure that is not the user's input (a
full disk, an I/O error), 2 bad input (including an output path that cannot be
written, or that another run is writing) or an invalid knowledge base, 3 a batch in
which some lines were bad (the good ones were still answered).

One grammar for every command: ``--on DATE`` (YYYY-MM-DD, YYYY-MM, YYYY or
today; default today), states by ISO code or name, fixed sets of values listed
in the help and in the error.
"""

from __future__ import annotations

import functools
import re
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Annotated, Any, TypeVar

import typer

F = TypeVar("F", bound=Callable[..., Any])

#: exit codes
EXIT_OK, EXIT_FAILED, EXIT_BAD_INPUT, EXIT_PARTIAL = 0, 1, 2, 3

DATE_HELP = ("Date: YYYY-MM-DD; YYYY-MM means the 1st of that month, YYYY the 1st of January; "
             "'today' (the default).")
OnOpt = Annotated[str | None, typer.Option("--on", metavar="DATE", help=DATE_HELP, show_default=False)]
STATE_HELP = "ISO alpha-3 code or name (JPN, Japan)."

JsonOpt = Annotated[bool, typer.Option("--json", help="Print JSON for machines instead of tables.")]
OverlayOpt = Annotated[
    list[Path] | None,
    typer.Option("--overlay", metavar="DIR", help="Directory of YAML applied on top of the bundled data "
                                                  "(repeatable).", file_okay=False, dir_okay=True),
]


def console(stderr: bool = False, *, wrap: bool = False) -> Any:
    """A rich console; ``wrap`` folds prose at word boundaries to the terminal's width (80 when not a
    terminal) instead of leaving long lines to the terminal, which would cut words."""
    from rich.console import Console

    return Console(stderr=stderr, highlight=False, soft_wrap=not wrap)


def day(value: str | None, field: str = "--on") -> Any:
    """A date as the command line takes it (see :data:`DATE_HELP`)."""
    from casus.dates import parse_when

    return parse_when(value, field=field)


def choice(value: str, allowed: tuple[str, ...] | list[str], field: str) -> str:
    """Refuse a value outside a fixed set, listing the set."""
    from casus.errors import InputError, close_matches

    if value in allowed:
        return value
    near = close_matches(value, allowed, n=1)
    raise InputError(f"{field}: {value!r} is not one of {', '.join(allowed)}"
                     + (f"; did you mean {near[0]}?" if near else ""), field=field, accepted=", ".join(allowed),
                     suggestions=near)


def state_code(kb: Any, value: str, field: str) -> str:
    """A state by ISO code or name; a place name given instead gets a hint naming its state."""
    from casus.errors import UnknownStateError

    try:
        return str(kb.state(value).code)
    except UnknownStateError as exc:
        exc.field = field
        exc.hint = _place_for_state_hint(kb, value, field)
        raise


def _place_for_state_hint(kb: Any, value: str, field: str) -> str | None:
    from casus.errors import CasusError
    from casus.geo.query import place

    try:
        w = place(kb, value)
    except CasusError:
        return None
    code = w.administrator or w.sovereign
    if not code or code not in kb.states:
        return None
    meant = f"{field} {code}" if field.startswith("-") else code
    from casus.kb.words import state_name

    return f"{value!r} is a place, not a state; it is held by {state_name(kb, code)}: did you mean {meant}?"


def busy(what: str) -> Any:
    """Mark a slow step of a command: shown (with the library's own steps) as one spinner line on standard
    error while it runs, only when standard error is a terminal (see :func:`handle_errors`)."""
    from casus.progress import step

    return step(what)


class _Spinner:
    """One status line on standard error for nested steps: the innermost step is shown, the outer one
    comes back when it ends, and the line goes away with the outermost."""

    def __init__(self) -> None:
        self.stack: list[str] = []
        self.status: Any = None

    def __call__(self, what: str) -> Any:
        import contextlib

        @contextlib.contextmanager
        def shown() -> Any:
            if self.status is None:
                self.status = console(stderr=True).status(what, spinner="dots")
                self.status.start()
            else:
                self.status.update(what)
            self.stack.append(what)
            try:
                yield
            finally:
                self.stack.pop()
                if self.stack:
                    self.status.update(self.stack[-1])
                else:
                    self.status.stop()
                    self.status = None

        return shown()


def load_kb(overlay: list[Path] | None = None) -> Any:
    import casus.kb

    return casus.kb.load(overlays=overlay or [])


def print_json(obj: Any) -> None:
    from casus.jsonio import dumps

    sys.stdout.write(dumps(obj) + "\n")


def _accepted_line(accepted: str | None, message: str) -> str | None:
    """What the input may be, unless the message already says it; a long list is cut to its first values
    (``--json`` gives it whole)."""
    if not accepted or accepted in message:
        return None
    dated = re.findall(r"\d{4}-\d{2}-\d{2}", accepted)
    if dated and all(d in message for d in dated):  # 'outside the covered range A to B' says it already
        return None
    items = accepted.split(", ")
    if len(accepted) > 160 and len(items) > 8:
        return ", ".join(items[:8]) + f", ... ({len(items)} in all; --json lists them)"
    return accepted


def handle_errors(fn: F) -> F:
    """Run a command; turn casus errors into one clear line and exit 2, never a traceback."""

    @functools.wraps(fn)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        from casus.errors import CasusError, KnowledgeBaseError, StorageError
        from casus.progress import reporting

        want_json = bool(kwargs.get("as_json"))
        try:
            try:
                with reporting(_Spinner() if sys.stderr.isatty() else None):
                    return fn(*args, **kwargs)
            except OSError as exc:  # one the command did not translate itself: still one line, no traceback
                from casus.fileio import os_error

                raise os_error(exc, exc.filename or "a file") from exc
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
                    accepted = _accepted_line(exc.accepted, exc.message)
                    if accepted:
                        err.print("[dim]accepted:[/dim] ", end="")
                        err.print(accepted, markup=False)
                    if exc.hint:
                        err.print("[yellow]hint:[/yellow] ", end="")
                        err.print(exc.hint, markup=False)
            raise typer.Exit(1 if isinstance(exc, StorageError) else EXIT_BAD_INPUT) from None
        except KeyboardInterrupt:
            console(stderr=True).print("interrupted")
            raise typer.Exit(130) from None

    return wrapper  # type: ignore[return-value]
