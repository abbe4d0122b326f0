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


def _no_treaty_for_atop(kb: object, atop: int) -> None:
    """No treaty carries this ATOP id: say what the coverage report knows of the row."""
    from casus.errors import InputError
    from casus.kb.atop import checklist, read_unresolved
    from casus.kb.loader import DATA_DIR

    row = checklist().get(atop)
    unresolved = read_unresolved([DATA_DIR], [])
    if atop in unresolved:
        u = unresolved[atop]
        raise InputError(f"--atop: ATOP row {atop} is {u.status} in casus: {u.found}", field="--atop",
                         accepted="an ATOP id that a treaty carries (casus coverage-report --status covered)")
    what = f"ATOP row {atop} (begins {row.begin}) is not yet modelled" if row else f"no treaty has ATOP id {atop}"
    raise InputError(f"--atop: {what}", field="--atop",
                     accepted="an ATOP id that a treaty carries (casus coverage-report --status covered)")


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

        from casus.kb.words import state_name, states_list, treaty_short, treaty_with_article

        name = treaty_with_article(t.name) + (f" ({treaty_short(kb, t.id)})" if t.short_name else "")
        out = console(wrap=True)
        out.print(f"[bold]On {when.isoformat()}, {len(rows)} state{'s are' if len(rows) != 1 else ' is'} "
                  f"part{'ies' if len(rows) != 1 else 'y'} to {name}"
                  + (f": {states_list(kb, codes, most=6)}" if len(rows) <= 6 else "") + ".[/bold]")
        table = Table(title_justify="left", box=None, pad_edge=False, header_style="bold")
        for col in ("State", "Party since", "Note", "Code"):
            table.add_column(col)
        for r in rows:
            note = []
            if r["suspended"]:
                note.append("suspended")
            if r["not_bound_towards"]:
                note.append("obligations suspended towards "
                            + ", ".join(state_name(kb, c) for c in r["not_bound_towards"]))
            table.add_row(r["name"], r["since"].isoformat(), "; ".join(note), r["state"])
        console().print(table)

    @app.command()
    @handle_errors
    def treaties(
        state: Annotated[str | None, typer.Argument(metavar="STATE", help="The state: " + STATE_HELP
                                                    + " Without it, every treaty in the knowledge base.",
                                                    show_default=False)] = None,
        state_opt: Annotated[str | None, typer.Option("--state", hidden=True, help="Same as STATE.")] = None,
        on: OnOpt = None,
        atop: Annotated[int | None, typer.Option("--atop", metavar="ID",
                                                 help="Only the treaties that carry this ATOP alliance id.")] = None,
        overlay: OverlayOpt = None,
        as_json: JsonOpt = False,
    ) -> None:
        """The treaties a state is party to on a date, the treaties behind an ATOP id, or every treaty."""
        when = day(on)
        kb = load_kb(overlay)
        state = state or state_opt
        if state:
            code = state_code(kb, state, "STATE")
            ids = kb.treaties_of(code, when)
        else:
            code, ids = None, tuple(kb.treaties)
        if atop is not None:
            ids = tuple(i for i in ids if kb.treaties[i].atop_id == atop)
            if not ids and code is None:
                _no_treaty_for_atop(kb, atop)
        rows = [{"treaty": i, "name": kb.treaties[i].name, "in_force": kb.treaties[i].in_force,
                 "ended": kb.treaties[i].ended, "atop_id": kb.treaties[i].atop_id,
                 "cow_id": kb.treaties[i].cow_id, "atop_note": kb.treaties[i].atop_note,
                 "clauses": [c.id for c in kb.treaties[i].clauses]} for i in ids]
        if as_json:
            print_json({"state": code, "on": when, "atop": atop, "treaties": rows})
            return
        from rich.table import Table

        from casus.kb.words import capital, join, treaty_short, treaty_with_article, with_article

        names = join([treaty_with_article(treaty_short(kb, i)) for i in ids[:6]])
        names += f" and {len(ids) - 6} more" if len(ids) > 6 else ""
        behind = f" behind ATOP id {atop}" if atop is not None else ""
        if code:
            who = with_article(kb.states[code].name)
            said = (f"On {when.isoformat()}, {who} is a party to {len(ids)} treat{'y' if len(ids) == 1 else 'ies'} "
                    f"in casus{behind}" + (f": {names}." if ids else "."))
        else:
            said = f"The knowledge base holds {len(ids)} treat{'y' if len(ids) == 1 else 'ies'}{behind}" + (
                f": {names}." if ids and len(ids) <= 6 else ".")
        console(wrap=True).print(f"[bold]{capital(said)}[/bold]")
        table = Table(title_justify="left", box=None, pad_edge=False, header_style="bold")
        for col in ("Treaty (id)", "In force", "Ended", "ATOP", "Articles"):
            table.add_column(col, no_wrap=col in ("In force", "Ended", "ATOP"),
                             min_width={"Treaty (id)": 22, "Articles": 10}.get(col))
        for r in rows:
            t = kb.treaties[r["treaty"]]
            table.add_row(f"{treaty_short(kb, t.id)}\n[dim]{r['treaty']}[/dim]",
                          r["in_force"].isoformat() if r["in_force"] else "not in force",
                          r["ended"].isoformat() if r["ended"] else "", str(r["atop_id"] or ""),
                          ", ".join(c.article for c in t.clauses))
        console().print(table)

    @app.command("coverage-report")
    @handle_errors
    def coverage_report(
        overlay: OverlayOpt = None,
        status: Annotated[str | None, typer.Option(
            "--status", help="Only rows with this status: covered, different, unresolved, missing.")] = None,
        as_json: JsonOpt = False,
    ) -> None:
        """How much of ATOP's list of defence pacts since 1945 the knowledge base covers, row by row."""
        from casus.errors import InputError
        from casus.kb.atop import coverage, read_unresolved
        from casus.kb.loader import DATA_DIR

        statuses = ("covered", "different", "unresolved", "missing")
        if status is not None and status not in statuses:
            raise InputError(f"--status: {status!r} is not one of {', '.join(statuses)}", field="--status",
                             accepted=", ".join(statuses))
        kb = load_kb(overlay)
        report = coverage(kb, read_unresolved([DATA_DIR, *(overlay or [])], []))
        if status is not None:
            report["rows"] = [r for r in report["rows"] if r["status"] == status]
        if as_json:
            print_json(report)
            return
        n = report["counts"]
        out = console()
        out.print(f"ATOP lists {n['rows']} defence pacts in effect since 1945 that are not among casus's original "
                  f"treaties. casus models {n['covered']} of them as treaties ({n['covered_noted']} with a note "
                  f"where it departs from ATOP's coding, {n['covered_estimated']} with a date that is an estimate), "
                  f"records {n['different']} as deliberately different, "
                  f"{n['unresolved']} as unresolved, and {n['missing']} are not yet looked at.")
        from rich.table import Table

        table = Table(title="ATOP rows" + (f" ({status})" if status else ""))
        for col in ("ATOP", "COW", "ATOP begin", "Status", "Treaty or finding"):
            table.add_column(col)
        for r in report["rows"]:
            what = ", ".join(r.get("treaties") or []) or r.get("treaty") or r.get("found") or ""
            state = r["status"] + (" (dates estimated)" if r.get("estimated_dates") else "")
            table.add_row(str(r["atop_id"]), str(r["cow_id"] or ""), r["atop_begin"], state, what)
        out.print(table)
        out.print(f"Source of the list: {report['source']}.", markup=False)
