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

SETTINGS: dict[str, Any] = dict(
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

#: the module that registers each command: `casus where ...` imports and builds only its own family,
#: which halves the start of a command (a test keeps this table equal to what the modules register)
COMMAND_HOMES: dict[str, str] = {
    "check": "casus.cli.kb_commands", "members": "casus.cli.kb_commands", "treaties": "casus.cli.kb_commands",
    "coverage-report": "casus.cli.kb_commands",
    "where": "casus.cli.geo_commands", "build-cache": "casus.cli.geo_commands",
    "assess": "casus.cli.law_commands", "defends": "casus.cli.law_commands", "tour": "casus.cli.law_commands",
    "reach": "casus.cli.reach_commands", "missiles": "casus.cli.reach_commands",
    "launch-sites": "casus.cli.reach_commands",
    "relations": "casus.cli.relations_commands", "invocations": "casus.cli.relations_commands",
    "pacific-allies": "casus.cli.relations_commands", "timeline": "casus.cli.relations_commands",
    "network": "casus.cli.relations_commands",
    "diff": "casus.cli.diff_command",
    "sweep": "casus.cli.sweep_commands", "animate": "casus.cli.sweep_commands",
    "export": "casus.cli.export_commands",
    "serve": "casus.cli.serve_command",
}


def _version(value: bool) -> None:
    if value:
        from casus.version import __version__

        typer.echo(f"casus {__version__}")
        raise typer.Exit()


def _root(
    version: Annotated[bool, typer.Option("--version", help="Print the version and exit.", callback=_version,
                                          is_eager=True)] = False,
) -> None:
    """Military-alliance commitments as code."""


def build_app(modules: tuple[str, ...] = COMMAND_MODULES) -> typer.Typer:
    """The `casus` application with the commands of ``modules`` (all of them by default)."""
    built = typer.Typer(**SETTINGS)
    built.callback()(_root)
    for name in modules:
        try:
            mod = importlib.import_module(name)
        except ModuleNotFoundError as exc:  # a family not yet built
            if exc.name != name:
                raise
            continue
        mod.register(built)
    _tidy_help(built)
    _no_type_tags()
    return built


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


_FULL: list[typer.Typer] = []


def __getattr__(name: str) -> Any:
    """``casus.cli.app``, the whole application, built on first use (tests and embedders use it)."""
    if name == "app":
        if not _FULL:
            _FULL.append(build_app())
        return _FULL[0]
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def main() -> None:
    """The `casus` command: a known command's family alone, else (help, a typo) the whole application."""
    import sys

    first = sys.argv[1] if len(sys.argv) > 1 else None
    if first == "--version":  # needs no command at all
        build_app(())()
    home = COMMAND_HOMES.get(first or "")
    (build_app((home,)) if home else __getattr__("app"))()
