"""The `casus` command: a thin typer layer over the library.

Each command family lives in its own module with a ``register(app)`` function;
the modules import heavy libraries inside the commands, so that starting the
CLI stays fast. Errors are printed as one line (or a JSON body with --json) and
exit with code 2 for bad input, 1 for a failed check; never a traceback.
"""

from __future__ import annotations

import importlib

import typer

app = typer.Typer(
    name="casus",
    help="Military-alliance commitments as code: who is bound to defend whom, where, and when.",
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

for _name in COMMAND_MODULES:
    try:
        _mod = importlib.import_module(_name)
    except ModuleNotFoundError as _exc:  # a family not yet built
        if _exc.name != _name:
            raise
        continue
    _mod.register(app)


def main() -> None:
    app()
