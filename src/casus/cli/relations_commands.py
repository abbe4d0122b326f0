"""`casus relations`, `casus invocations`, `casus pacific-allies`, `casus timeline`, `casus network`."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Annotated, Any

import typer

from casus.cli.common import STATE_HELP, JsonOpt, OnOpt, OverlayOpt, console, day, handle_errors, load_kb, print_json


def _table(title: str, columns: tuple[str, ...], rows: Sequence[tuple[str, ...]]) -> Any:
    from rich.table import Table

    table = Table(title=title, title_justify="left", show_lines=False, box=None, pad_edge=False,
                  header_style="bold", title_style="bold")
    for col in columns:
        table.add_column(col, overflow="fold", no_wrap=col in ("Date", "Since", "Signed", "Requested", "From"))
    for row in rows:
        table.add_row(*row)
    return table


def _show_relations(kb: Any, r: Any) -> None:
    from casus.kb.words import area_words, clause_label, treaty_short

    out = console(wrap=True)
    out.print(f"[bold]{r.headline()}[/bold]" if hasattr(r, "headline") else f"[bold]{r.name} on {r.on}[/bold]")
    if r.treaties:
        out.print(_table("Treaties (party)", ("Treaty", "Since", "Articles"),
                         [(treaty_short(kb, t.treaty) + (" (suspended)" if t.suspended else ""),
                           t.since.isoformat() if t.since else "",
                           ", ".join(kb.clause(c)[1].article for c in t.clauses))
                          for t in r.treaties]))
    else:
        out.print("Treaties: none in the knowledge base on this date")
    out.print("Defence clauses covering it: " + (", ".join(clause_label(kb, c) for c in r.defence_clauses)
                                                 or "none"))
    if r.frameworks:
        out.print(_table("Partnership frameworks", ("Framework", "Organisation", "Since", "Status"),
                         [(f.name, treaty_short(kb, f.organisation), f.since, f.status) for f in r.frameworks]))
    if r.programmes:
        out.print(_table("Programmes in effect", ("Programme", "Signed", "Period", "Areas of cooperation"),
                         [(p.name, p.date, p.period or "", ", ".join(area_words(a) for a in p.areas))
                          for p in r.programmes]))
    if r.documents:
        out.print(_table("Declarations, statements and visits", ("Date", "Kind", "Name", "Topics"),
                         [(d.date + (f" to {d.until}" if d.until else ""), d.kind, d.name, "; ".join(d.topics))
                          for d in r.documents]))
    if r.operations:
        out.print(_table("Operations", ("Operation", "Role", "From", "Last day", "Active"),
                         [(o.name, o.role, o.start, o.last_day or "", "yes" if o.active else "no")
                          for o in r.operations]))
    if r.invocations:
        out.print(_table("Invocations", ("Date", "Clause", "Role", "Outcome"),
                         [(i.requested.isoformat(), clause_label(kb, i.clause, short=True), i.role, i.outcome)
                          for i in r.invocations]))
    for note in r.notes:
        out.print(f"Note: {note}", markup=False)


def _show_invocations(kb: Any, rows: Any) -> None:
    """A sentence, then each invocation as a sentence with names: who invoked which clause, over what, with
    what outcome (ids and codes are in --json)."""
    from casus.kb.words import capital, clause_label, join, state_name

    out = console(wrap=True)
    if not rows:
        out.print("No recorded invocation matches.")
        return
    first, last = (d.isoformat() for d in (min(i.requested for i in rows), max(i.requested for i in rows)))
    out.print(f"[bold]{len(rows)} recorded invocation{'s' if len(rows) != 1 else ''} of defence or consultation "
              f"clauses, from {first} to {last}.[/bold]")
    lines: list[tuple[str, str]] = []
    for i in rows:
        who = capital(join([state_name(kb, c) for c in i.requested_by]) or "A party")
        outcome = i.outcome.replace("-", " ")
        lines.append((i.requested.isoformat(),
                      f"{who} invoked {clause_label(kb, i.clause)}. {i.event} Outcome: {outcome}."))
    out.print(_table("", ("Requested", "Invocation"), lines), markup=False)


def _code(kb: Any, value: str, field: str) -> str:
    from casus.cli.common import state_code

    return state_code(kb, value, field)


def register(app: typer.Typer) -> None:
    @app.command()
    @handle_errors
    def relations(
        state: Annotated[str, typer.Argument(help=STATE_HELP, metavar="STATE")],
        on: OnOpt = None,
        overlay: OverlayOpt = None,
        as_json: JsonOpt = False,
    ) -> None:
        """A state's treaties, partnerships, programmes (with areas) and operations on a date, in one view."""
        from casus.relations import relations as query

        kb = load_kb(overlay)
        r = query(kb, _code(kb, state, "STATE"), day(on))
        if as_json:
            print_json(r)
            return
        _show_relations(kb, r)

    @app.command()
    @handle_errors
    def invocations(
        treaty: Annotated[str | None, typer.Option("--treaty", help="Only this treaty, e.g. nato.")] = None,
        clause: Annotated[str | None, typer.Option("--clause", help="Only this clause, e.g. nato/art4.")] = None,
        state: Annotated[str | None, typer.Option("--state", metavar="STATE", help="Only those requested by this "
                                                  "state: " + STATE_HELP)] = None,
        overlay: OverlayOpt = None,
        as_json: JsonOpt = False,
    ) -> None:
        """Every recorded use of a defence or consultation clause: who asked, when, about what, outcome."""
        from casus.relations import invocations as listing

        kb = load_kb(overlay)
        rows = listing(kb, treaty=treaty, clause=clause, state=_code(kb, state, "--state") if state else None)
        if as_json:
            print_json({"count": len(rows), "invocations": rows})
            return
        _show_invocations(kb, rows)

    @app.command("pacific-allies")
    @handle_errors
    def pacific_allies(
        on: OnOpt = None,
        treaty: Annotated[str, typer.Option("--treaty", help="Treaty whose parties to test.")] = "nato",
        region: Annotated[str, typer.Option("--region", help="Region id.")] = "pacific-area",
        overlay: OverlayOpt = None,
        as_json: JsonOpt = False,
    ) -> None:
        """Parties to a treaty holding territory in the Pacific area on a date, computed from the geography."""
        from casus.relations import region_allies

        kb = load_kb(overlay)
        res = region_allies(kb, day(on), treaty=treaty, region=region)
        if as_json:
            print_json(res)
            return
        from casus.kb.words import treaty_short, treaty_with_article

        name = treaty_with_article(treaty_short(kb, res.treaty))
        area = kb.regions[res.region].name if res.region in kb.regions else res.region
        out = console(wrap=True)
        out.print(f"[bold]On {res.on.isoformat()}, {len(res.allies)} parties to {name} hold territory in the "
                  f"{area}, computed from the geography.[/bold]")
        out.print(_table("", ("State", "Territories"),
                         [(a.name, ", ".join(t.name for t in a.territories)) for a in res.allies]))

    @app.command()
    @handle_errors
    def timeline(
        state: Annotated[str, typer.Argument(help=STATE_HELP, metavar="STATE")],
        overlay: OverlayOpt = None,
        as_json: JsonOpt = False,
    ) -> None:
        """A dated list of a state's treaty memberships, partnerships, programmes, invocations and operations."""
        from casus.relations import timeline as build

        kb = load_kb(overlay)
        t = build(kb, _code(kb, state, "STATE"))
        if as_json:
            print_json(t)
            return
        from casus.kb.words import capital, with_article

        span = f", from {t.events[0].date} to {t.events[-1].date}" if t.events else ""
        out = console(wrap=True)
        out.print(f"[bold]{capital(with_article(t.name))}: {len(t.events)} dated events in casus{span}.[/bold]")
        out.print(_table("", ("Date", "Event"), [(e.date, e.text) for e in t.events]))

    @app.command()
    @handle_errors
    def network(
        out: Annotated[Path, typer.Option("--out", help="File to write: .graphml or .json.")],
        on: OnOpt = None,
        force: Annotated[bool, typer.Option("--force", help="Overwrite an existing file.")] = False,
        overlay: OverlayOpt = None,
        as_json: JsonOpt = False,
    ) -> None:
        """Export the alliance and partnership network on a date as GraphML or JSON (by file extension)."""
        from casus.relations import build_network, check_output, write_network

        check_output(out, force=force)
        kb = load_kb(overlay)
        g = build_network(kb, day(on))
        path = write_network(g, out, force=force)
        summary = {"out": str(path), "nodes": g.number_of_nodes(), "edges": g.number_of_edges()}
        if as_json:
            print_json(summary)
        else:
            console().print(f"wrote {summary['nodes']} nodes and {summary['edges']} edges to {path}", markup=False)
