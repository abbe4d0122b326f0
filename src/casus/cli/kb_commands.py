"""`casus check`, `casus members`, `casus treaties`, `casus states`: the knowledge base itself."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from casus.cli.common import JsonOpt, OverlayOpt, console, handle_errors, load_kb, print_json


def register(app: typer.Typer) -> None:
    @app.command()
    @handle_errors
    def check(
        data: Annotated[Path | None, typer.Option(help="Knowledge-base directory (default: the bundled one).",
                                                   file_okay=False)] = None,
        overlay: OverlayOpt = None,
        as_json: JsonOpt = False,
    ) -> None:
        """Validate the knowledge base; list every problem with file and line. Exit 0 when valid, 1 if not."""
        import casus.kb
        from casus.kb import problems

        found = problems(data, overlay or [])
        if as_json:
            print_json({"valid": not found,
                        "problems": [{"file": p.file, "line": p.line, "message": p.message} for p in found]})
        elif found:
            err = console(stderr=True)
            err.print(f"[red]{len(found)} problem(s)[/red]")
            for p in found:
                err.print(f"  {p}", markup=False)
        else:
            kb = casus.kb.load(data, overlay or [])
            n_clauses = sum(len(t.clauses) for t in kb.treaties.values())
            console().print(f"[green]ok[/green]: {len(kb.treaties)} treaties, {n_clauses} clauses, "
                            f"{len(kb.states)} states, {len(kb.territories)} territories, "
                            f"{len(kb.regions)} regions ({len(kb.files)} files)")
        raise typer.Exit(1 if found else 0)

    @app.command()
    @handle_errors
    def members(
        treaty: Annotated[str, typer.Argument(help="Treaty id, e.g. nato, anzus-1951.")],
        on: Annotated[str, typer.Option("--on", help="Date, YYYY-MM-DD.")],
        overlay: OverlayOpt = None,
        as_json: JsonOpt = False,
    ) -> None:
        """The parties to TREATY on a date (the day each became bound: deposit, not signature)."""
        from casus.dates import parse_date

        kb = load_kb(overlay)
        t = kb.treaty(treaty)
        day = parse_date(on, field="--on")
        codes = kb.members(t.id, day)
        rows = []
        for c in codes:
            st = kb.standing(t.id, c, day)
            rows.append({"state": c, "name": kb.states[c].name, "since": st.since,
                         "suspended": st.suspended, "not_bound_towards": sorted(st.not_bound_towards)})
        if as_json:
            print_json({"treaty": t.id, "on": day, "count": len(rows), "members": rows})
            return
        from rich.table import Table

        table = Table(title=f"{t.name}: {len(rows)} parties on {day.isoformat()}")
        for col in ("State", "Name", "Party since", "Note"):
            table.add_column(col)
        for r in rows:
            note = []
            if r["suspended"]:
                note.append("suspended")
            if r["not_bound_towards"]:
                note.append("obligations suspended towards " + ", ".join(r["not_bound_towards"]))
            table.add_row(r["state"], r["name"], r["since"].isoformat(), "; ".join(note))
        console().print(table)

    @app.command()
    @handle_errors
    def treaties(
        state: Annotated[str | None, typer.Option("--state", help="ISO alpha-3 code, e.g. JPN.")] = None,
        on: Annotated[str | None, typer.Option("--on", help="Date, YYYY-MM-DD.")] = None,
        overlay: OverlayOpt = None,
        as_json: JsonOpt = False,
    ) -> None:
        """The treaties a state is party to on a date (or every treaty in the knowledge base)."""
        from casus.dates import parse_date, today

        kb = load_kb(overlay)
        day = parse_date(on, field="--on") if on else today()
        if state:
            code = kb.state(state).code
            ids = kb.treaties_of(code, day)
        else:
            code, ids = None, tuple(kb.treaties)
        rows = [{"treaty": i, "name": kb.treaties[i].name, "in_force": kb.treaties[i].in_force,
                 "ended": kb.treaties[i].ended,
                 "clauses": [c.id for c in kb.treaties[i].clauses]} for i in ids]
        if as_json:
            print_json({"state": code, "on": day, "treaties": rows})
            return
        from rich.table import Table

        title = f"Treaties of {kb.states[code].name} on {day.isoformat()}" if code else "Treaties"
        table = Table(title=title)
        for col in ("Id", "Name", "In force", "Ended", "Clauses"):
            table.add_column(col)
        for r in rows:
            table.add_row(r["treaty"], r["name"], r["in_force"].isoformat(),
                          r["ended"].isoformat() if r["ended"] else "", ", ".join(r["clauses"]))
        console().print(table)
