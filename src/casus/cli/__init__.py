"""The `casus` command: a thin typer layer over the library.

Each command family lives in its own module with a ``register(app)`` function;
the modules import heavy libraries inside the commands, so that starting the
CLI stays fast. Errors are printed as one line (or a JSON body with --json),
with a hint when the slip is a common one, and exit with code 2 for bad input,
1 for a failed check, 3 for a batch with some bad lines; never a traceback.
"""

from __future__ import annotations

import importlib
import inspect
from typing import Annotated, Any

import typer

app = typer.Typer(
    name="casus",
    help="Military-alliance commitments as code: who is bound to defend whom, where, and when.\n\n"
         "Dates are YYYY-MM-DD, YYYY-MM (the 1st of that month), YYYY (the 1st of January) or 'today', given "
         "with --on (default: today). States are ISO alpha-3 codes or names. Exit codes: 0 success, 1 a check "
         "found problems, 2 bad input, 3 a batch with some bad lines (the good ones were answered).",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)

COMMAND_MODULES = (
    "casus.cli.kb_commands",
    "casus.cli.geo_commands",
    "casus.cli.law_commands",
    "casus.cli.reach_commands",
    "casus.cli.relations_commands",
    "casus.cli.diff_command",
    "casus.cli.sweep_commands",
    "casus.cli.export_commands",
    "casus.cli.serve_command",
)


def _version(value: bool) -> None:
    if value:
        from casus.version import __version__

        typer.echo(f"casus {__version__}")
        raise typer.Exit()


@app.callback()
def _root(
    version: Annotated[bool, typer.Option("--version", help="Print the version and exit.", callback=_version,
                                          is_eager=True)] = False,
) -> None:
    """Military-alliance commitments as code."""


for _name in COMMAND_MODULES:
    try:
        _mod = importlib.import_module(_name)
    except ModuleNotFoundError as _exc:  # a family not yet built
        if _exc.name != _name:
            raise
        continue
    _mod.register(app)


def _paragraphs(text: str | None) -> str | None:
    """Join the lines of each paragraph, so that help is wrapped by the terminal's width, not the source's."""
    if not text:
        return text
    parts = inspect.cleandoc(text).split("\n\n")
    return "\n\n".join(" ".join(line.strip() for line in p.splitlines()) for p in parts)


def _tidy_help(group: typer.Typer) -> None:
    for cmd in group.registered_commands:
        cmd.help = _paragraphs(cmd.help or (cmd.callback.__doc__ if cmd.callback else None))
    for sub in group.registered_groups:
        if sub.typer_instance is not None:
            _tidy_help(sub.typer_instance)


#: the words help shows for a value, as click writes them, instead of typer's <str> tags
_WORDS = {"str": "TEXT", "int": "INTEGER", "float": "NUMBER", "Path": "PATH", "bool": "BOOLEAN"}


def _no_type_tags() -> None:
    """Help shows an option's metavar (DATE, STATE) or nothing, never typer's <str> or <bool> tags."""
    from typer import core

    def option_type(self: Any, ctx: Any) -> str | None:
        if self.metavar is not None:
            return str(self.metavar)
        if getattr(self, "is_flag", False) or getattr(self, "count", False):
            return None
        desc = getattr(self, "type_descriptor", None)
        if desc is not None and getattr(desc, "is_choice", False):
            return "[" + "|".join(str(c) for c in desc.choices or ()) + "]"
        try:
            bare = str(self.bare_type())
        except Exception:  # help must never fail over a label
            return "VALUE"
        bare = bare.removeprefix("list[").removesuffix("]")
        return _WORDS.get(bare, "VALUE")

    def argument_type(self: Any, ctx: Any) -> str | None:
        return None  # the argument's name (FILE, STATE, PLACE...) already says it

    option = getattr(core, "TyperOption", None)
    argument = getattr(core, "TyperArgument", None)
    if option is not None and hasattr(option, "display_type_rich"):
        option.display_type_rich = option_type
    if argument is not None and hasattr(argument, "display_type_rich"):
        argument.display_type_rich = argument_type


_tidy_help(app)
_no_type_tags()


def main() -> None:
    app()
