"""`casus diff`: what changed in who is bound to defend whom between two dates."""

from __future__ import annotations

from typing import Annotated

import typer

from casus.cli.common import JsonOpt, OverlayOpt, console, day, handle_errors, load_kb, print_json


def register(app: typer.Typer) -> None:
    @app.command()
    @handle_errors
    def diff(
        start: Annotated[str, typer.Option("--from", metavar="DATE", help="Start date; changes after it are "
                                           "listed. YYYY-MM-DD, YYYY-MM (the 1st of that month), YYYY (the 1st of "
                                           "January) or 'today'.")],
        end: Annotated[str | None, typer.Option("--to", metavar="DATE", help="End date, in the same forms "
                                                "(default: today).")] = None,
        overlay: OverlayOpt = None,
        as_json: JsonOpt = False,
    ) -> None:
        """What changed between two dates: treaties in force or ended, members joined or left, territories
        that changed hands, clauses whose geography changed, dormancy."""
        from casus.law.diff import diff as changes

        result = changes(load_kb(overlay), day(start, "--from"), day(end, "--to"))
        if as_json:
            print_json(result.to_dict())
            return
        from rich.table import Table
        from rich.text import Text

        c = console(wrap=True)
        n = len(result.changes)
        c.print(f"[bold]{n} change{'s' if n != 1 else ''} in commitments after {result.start.isoformat()} "
                f"and up to {result.end.isoformat()}.[/]")
        table = Table(box=None, show_header=False, pad_edge=False, padding=(0, 2, 0, 0))
        table.add_column("date", no_wrap=True)
        table.add_column("change")
        for ch in result.changes:  # each change wraps under itself, the dates in a column
            table.add_row(ch.date.isoformat(), Text(ch.text))
        c.print(table)
