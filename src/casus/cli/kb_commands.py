"""`casus check`, `casus members`, `casus treaties`, `casus states`: the knowledge base itself."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from casus.cli.common import (
    STATE_HELP,
    JsonOpt,
    OnOpt,
    OverlayOpt,
    console,
    day,
    handle_errors,
    load_kb,
    print_json,
    state_code,
)


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
                            f"{len(kb.states)} states, {len(kb.territories) - len(kb.features)} territories, "
                            f"{len(kb.features)} features, {len(kb.regions)} regions ({len(kb.files)} files)")
        raise typer.Exit(1 if found else 0)

    @app.command()
    @handle_errors
    def members(
        treaty: Annotated[str, typer.Argument(help="Treaty id, e.g. nato, anzus-1951.")],
        on: OnOpt = None,
        overlay: OverlayOpt = None,
        as_json: JsonOpt = False,
    ) -> None:
        """The parties to TREATY on a date (the day each became bound: deposit, not signature)."""
        when = day(on)
        kb = load_kb(overlay)
        t = kb.treaty(treaty)
        codes = kb.members(t.id, when)
        rows = []
        for c in codes:
            st = kb.standing(t.id, c, when)
            rows.append({"state": c, "name": kb.states[c].name, "since": st.since,
                         "suspended": st.suspended, "not_bound_towards": sorted(st.not_bound_towards)})
        if as_json:
            print_json({"treaty": t.id, "on": when, "count": len(rows), "members": rows})
            return
        from rich.table import Table

        table = Table(title=f"{t.name}: {len(rows)} parties on {when.isoformat()}")
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
        state: Annotated[str | None, typer.Argument(metavar="STATE", help="The state: " + STATE_HELP
                                                    + " Without it, every treaty in the knowledge base.",
                                                    show_default=False)] = None,
        state_opt: Annotated[str | None, typer.Option("--state", hidden=True, help="Same as STATE.")] = None,
        on: OnOpt = None,
        overlay: OverlayOpt = None,
        as_json: JsonOpt = False,
    ) -> None:
        """The treaties a state is party to on a date (or every treaty in the knowledge base)."""
        when = day(on)
        kb = load_kb(overlay)
        state = state or state_opt
        if state:
            code = state_code(kb, state, "STATE")
            ids = kb.treaties_of(code, when)
        else:
            code, ids = None, tuple(kb.treaties)
        rows = [{"treaty": i, "name": kb.treaties[i].name, "in_force": kb.treaties[i].in_force,
                 "ended": kb.treaties[i].ended,
                 "clauses": [c.id for c in kb.treaties[i].clauses]} for i in ids]
        if as_json:
            print_json({"state": code, "on": when, "treaties": rows})
            return
        from rich.table import Table

        from casus.kb.words import treaty_short

        title = f"Treaties of {kb.states[code].name} on {when.isoformat()}" if code else "Treaties"
        table = Table(title=title, title_justify="left", box=None, pad_edge=False, header_style="bold")
        for col in ("Treaty", "Id", "In force", "Ended", "Articles"):
            table.add_column(col, no_wrap=col in ("Id", "In force", "Ended"))
        for r in rows:
            t = kb.treaties[r["treaty"]]
            table.add_row(treaty_short(kb, t.id), r["treaty"],
                          r["in_force"].isoformat() if r["in_force"] else "not in force",
                          r["ended"].isoformat() if r["ended"] else "",
                          ", ".join(c.article for c in t.clauses))
        console().print(table)
