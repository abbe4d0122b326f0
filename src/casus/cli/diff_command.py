"""`casus diff`: what changed in who is bound to defend whom between two dates."""

from __future__ import annotations

from typing import Annotated

import typer

from casus.cli.common import JsonOpt, OverlayOpt, console, handle_errors, load_kb, print_json


def register(app: typer.Typer) -> None:
    @app.command()
    @handle_errors
    def diff(
        start: Annotated[str, typer.Option("--from", help="Start date, YYYY-MM-DD; changes after it are listed.")],
        end: Annotated[str | None, typer.Option("--to", help="End date, YYYY-MM-DD (default: today).")] = None,
        overlay: OverlayOpt = None,
        as_json: JsonOpt = False,
    ) -> None:
        """What changed between two dates: treaties in force or ended, members joined or left, territories
        that changed hands, clauses whose geography changed, dormancy."""
        from casus.dates import today
        from casus.law.diff import diff as changes

        result = changes(load_kb(overlay), start, end or today())
        if as_json:
            print_json(result.to_dict())
            return
        c = console()
        n = len(result.changes)
        c.print(f"[bold]{n} change{'s' if n != 1 else ''} in commitments after {result.start.isoformat()} "
                f"and up to {result.end.isoformat()}[/]")
        for ch in result.changes:
            c.print(f"  {ch.date.isoformat()}  {ch.text}", markup=False)
