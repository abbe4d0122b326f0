"""`casus assess`, `casus defends`, `casus tour`: the scenario engine on the command line."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated, Any

import typer

from casus.cli.common import JsonOpt, OverlayOpt, console, handle_errors, load_kb, print_json

STATUS_STYLE = {"applies": "[bold green]applies[/]", "does_not_apply": "[dim]does not apply[/]",
                "ambiguous": "[bold yellow]ambiguous[/]"}


def render_findings(kb: Any, findings: Any, title: str, *, verbose: bool = True) -> None:
    """Print findings as a table: clause, status, the deciding reason, states bound.

    Clauses of treaties the attacked state was not party to that day are summed up in one line
    below the table (they are all in --json), so the table shows what can bind someone.
    """
    from rich.table import Table

    def not_party(f: Any) -> bool:
        return f.status == "does_not_apply" and any(r.condition == "party" and r.holds is False for r in f.reasons)

    shown = [f for f in findings if not not_party(f)]
    others = [f.clause for f in findings if not_party(f)]
    table = Table(title=title, show_lines=True, title_justify="left")
    table.add_column("Clause", no_wrap=True)
    table.add_column("Status", no_wrap=True)
    table.add_column("Why (article)", ratio=3)
    table.add_column("Bound", ratio=1)
    for f in shown:
        deciding = [r for r in f.reasons if r.holds is not True] or [f.reasons[-1]]
        why = "\n".join(f"{r.detail} [dim]({r.cite})[/]" for r in deciding[: 2 if verbose else 1])
        bound = f.bound or f.bound_if_applies
        note = "" if f.status == "applies" else ("if it applies: " if bound else "")
        count = f"{len(bound)}: " if len(bound) > 3 else ""
        table.add_row(f.clause, STATUS_STYLE[f.status], why, note + count + ", ".join(bound))
    c = console()
    if shown:
        c.print(table)
    else:
        c.print(f"[bold]{title}[/]")
    if others:
        c.print(f"[dim]Not a party to the treaty that day, so these do not apply: {', '.join(others)}[/]")
    for f in shown:
        if f.status != "does_not_apply" and f.life_note:
            c.print(f"[yellow]{f.clause}[/]: in force, but {f.life_note}", markup=True)


def _political(findings: Any) -> None:
    c = console()
    for f in findings:
        if f.status != "does_not_apply":
            c.print(f"[bold]{f.clause}[/]: {f.political_step}")


def register(app: typer.Typer) -> None:
    @app.command()
    @handle_errors
    def assess(
        file: Annotated[Path | None, typer.Argument(help="JSON or JSON Lines file of scenarios; '-' for stdin.",
                                                    dir_okay=False)] = None,
        by: Annotated[str | None, typer.Option("--by", help="Attacker: ISO3 code or nsa:<label>.")] = None,
        on_state: Annotated[str | None, typer.Option("--on-state", help="Victim state (ISO3).")] = None,
        at: Annotated[str | None, typer.Option("--at", help="Place name, or 'LAT,LON'.")] = None,
        target: Annotated[str, typer.Option(help="territory, armed_forces, vessel, aircraft, cyber, space.")]
        = "territory",
        act: Annotated[str, typer.Option(help="armed_attack, incursion, threat.")] = "armed_attack",
        date: Annotated[str | None, typer.Option("--date", help="Date of the attack, YYYY-MM-DD.")] = None,
        cascade: Annotated[bool, typer.Option("--cascade/--no-cascade", help="Show the cascade.")] = True,
        overlay: OverlayOpt = None,
        as_json: JsonOpt = False,
        jsonl: Annotated[bool, typer.Option("--jsonl", help="One JSON assessment per line.")] = False,
    ) -> None:
        """Assess an attack clause by clause: which clauses apply, why, and who is bound.

        Give the scenario with flags, or a JSON / JSON Lines file (or '-' for standard input).
        Bad lines of a batch are reported by line number; the good ones are still assessed.
        """
        from casus.errors import ScenarioError
        from casus.law.assess import Assessment, assess_many
        from casus.law.attack import Attack, parse_jsonl

        kb = load_kb(overlay)
        errors: list[Any] = []
        if file is not None:
            text = sys.stdin.read() if str(file) == "-" else _read(file)
            good, errors = parse_jsonl(text)
            numbered = good
        else:
            if not (by and date and (at or target in ("cyber", "space"))):
                raise ScenarioError("give --by, --date and --at (or a scenario file)", field="--by",
                                    accepted="--by PRK --on-state USA --at Guam --date 2017-11-02")
            place: Any = at
            if at and "," in at:
                try:
                    lat, lon = (float(x) for x in at.split(","))
                    place = {"lat": lat, "lon": lon}
                except ValueError:
                    place = at
            numbered = [(1, Attack.parse({"date": date, "attacker": by, "victim": on_state, "place": place,
                                          "target": target, "act": act}))]
        results = assess_many(kb, [a for _, a in numbered], on_error="raise" if file is None else "collect")
        for (n, _), r in zip(numbered, results, strict=True):
            if not isinstance(r, Assessment):
                from casus.law.attack import LineError

                errors.append(LineError(n, r))
        errors.sort(key=lambda e: e.line)
        ok = [r for r in results if isinstance(r, Assessment)]
        if as_json or jsonl:
            from casus.jsonio import dumps

            docs = [r.to_dict(with_cascade=cascade) for r in ok]
            if jsonl:
                for d in docs:
                    sys.stdout.write(dumps(d, indent=None) + "\n")
                for e in errors:
                    sys.stdout.write(dumps(e.to_dict(), indent=None) + "\n")
            elif file is None and docs:
                print_json(docs[0])
            else:
                print_json({"assessments": docs, "errors": [e.to_dict() for e in errors]})
        else:
            for r in ok:
                a = r.attack
                pl = r.place_dict or {}
                where = pl.get("query_name") or pl.get("territory_name") or "no place"
                title = (f"{a.id + ': ' if a.id else ''}{a.act.replace('_', ' ')} by {a.attacker} on {r.victim} "
                         f"({a.target}) at {where}, {a.date.isoformat()}")
                render_findings(kb, r.findings, title)
                _political(r.findings)
                if cascade and r.applies:
                    _print_cascade(r.cascade)
            err = console(stderr=True)
            for e in errors:
                err.print(f"[red]line {e.line}:[/] ", end="")
                err.print(e.error.message, markup=False)
        if errors and not ok:
            raise typer.Exit(2)

    @app.command()
    @handle_errors
    def defends(
        places: Annotated[list[str], typer.Argument(help="Place names, or LAT,LON pairs.")],
        on: Annotated[str, typer.Option("--on", help="Date, YYYY-MM-DD.")],
        target: Annotated[str, typer.Option(help="territory, armed_forces, vessel, aircraft.")] = "territory",
        overlay: OverlayOpt = None,
        as_json: JsonOpt = False,
    ) -> None:
        """Who is bound to defend PLACE on a date against an attack by an outside state."""
        from casus.law.defends import defends_many

        kb = load_kb(overlay)
        parsed: list[Any] = []
        for p in places:
            try:
                lat, lon = (float(x) for x in p.split(","))
                parsed.append((lat, lon))
            except ValueError:
                parsed.append(p)
        results = defends_many(kb, parsed, on, target)
        if as_json:
            docs = [d.to_dict() for d in results]
            print_json(docs[0] if len(docs) == 1 else docs)
            return
        for p, d in zip(places, results, strict=True):
            a = d.assessment
            pl = a.place_dict or {}
            holder = kb.states[a.victim].name if a.victim in kb.states else a.victim
            render_findings(kb, a.findings, f"Who defends {p} ({pl.get('territory_name', '?')}, held by {holder}) "
                                            f"on {a.attack.date.isoformat()} — target: {target}")
            bound = ", ".join(d.bound) or "no state"
            dormant = [f.clause for f in a.findings if f.status == "applies" and f.kind == "defense"
                       and f.dormancy is not None]
            console().print(f"[bold]Bound to defend it:[/] {bound}"
                            + (f" (under {', '.join(d.covered_by)})" if d.covered_by else "")
                            + (f"; dormant: {', '.join(dormant)}" if dormant else ""))

    @app.command()
    @handle_errors
    def tour(
        overlay: OverlayOpt = None,
        as_json: JsonOpt = False,
    ) -> None:
        """Answer, with findings and citations, the questions of a 2017 analysis of NATO's turn to Asia."""
        from casus.law.tour import run_tour

        kb = load_kb(overlay)
        answers = run_tour(kb)
        if as_json:
            print_json([a.to_dict() for a in answers])
            return
        c = console()
        for ans in answers:
            c.rule(f"[bold]{ans.question}")
            c.print(ans.answer)
            for name, findings in ans.shown:
                render_findings(kb, findings, name, verbose=False)
            for s in ans.sources:
                c.print(f"[dim]Source: {s}[/]")
        c.print("\n[dim]casus reports what the treaties say. Whether allies act is a political decision "
                "(for NATO: the North Atlantic Council, then each ally's choice of means).[/]")


def _read(path: Path) -> str:
    from casus.errors import InputError

    try:
        return path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(f"cannot read {path}: {exc}", field="file", accepted="a UTF-8 JSON or JSONL file") from exc


def _print_cascade(c: Any) -> None:
    con = console()
    con.print("[bold]Cascade[/] (stylised: " + "each bound state assumed to act against the other side):")
    for i, r in enumerate(c.rounds, start=1):
        con.print(f"  round {i}: " + (", ".join(r) if r else "nothing new"))
    if c.conflicts:
        con.print("  bound on both sides: " + ", ".join(c.conflicts))
