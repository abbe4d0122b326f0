"""`casus export ...`: research tables, map layers and the knowledge base as a database."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from casus.cli.common import JsonOpt, OnOpt, OverlayOpt, busy, choice, console, day, handle_errors, load_kb, print_json

OutOpt = Annotated[Path, typer.Option("--out", help="File to write; the format follows the name.", dir_okay=False)]
ForceOpt = Annotated[bool, typer.Option("--force", help="Replace OUT if it exists.")]
SimplifyOpt = Annotated[float, typer.Option("--simplify", help="Simplify shapes to this tolerance in degrees "
                                                               "(0: full 1:10m detail).")]


def _done(as_json: bool, body: dict) -> None:  # type: ignore[type-arg]
    if as_json:
        print_json(body)
    else:
        def show(v: object) -> str:
            if isinstance(v, bool):
                return "yes" if v else "no"
            return f"{v:,}" if isinstance(v, int) else str(v)

        extra = ", ".join(f"{k} {show(v)}" for k, v in body.items() if k not in ("out", "tables"))
        console().print(f"[green]wrote[/green] {body['out']}" + (f" ({extra})" if extra else ""))


def register(app: typer.Typer) -> None:
    export = typer.Typer(help="Research exports: dyad-year tables, GeoJSON/GeoParquet layers, a DuckDB file.",
                         no_args_is_help=True)
    app.add_typer(export, name="export")

    @export.command("dyads")
    @handle_errors
    def dyads(
        out: OutOpt,
        undirected: Annotated[bool, typer.Option("--undirected", help="One row per pair (ccode1 < ccode2), 1 if "
                                                                      "either owed the other.")] = False,
        rule: Annotated[str, typer.Option("--rule", metavar="RULE", help="Year coding: any (held on any day), "
                                                                         "jan1 (first day) or dec31 (last day).")]
        = "any",
        first: Annotated[int | None, typer.Option("--from", help="First year (default 1945).")] = None,
        last: Annotated[int | None, typer.Option("--to", help="Last year (default this year).")] = None,
        daily: Annotated[str | None, typer.Option("--daily", metavar="A..B", help="Dyad-days instead, for a range of "
                                                  "dates A..B (each YYYY-MM-DD, YYYY-MM, YYYY or today).")] = None,
        only_obligated: Annotated[bool, typer.Option("--only-obligated", help="Drop rows with no obligation.")]
        = False,
        force: ForceOpt = False,
        overlay: OverlayOpt = None,
        as_json: JsonOpt = False,
    ) -> None:
        """Dyad-year (or dyad-day) obligations: ccode1, ccode2, year, one 0/1 column per kind, the treaties.

        Directed by default: the row (A, B) says A was obliged towards B. Coded from the dates states became
        bound (deposit, not signature). See docs/codebook.md. The format follows OUT: .parquet, .csv, .csv.gz.
        """
        from casus.dates import COVERED_FROM, WHEN_ACCEPTED, parse_when
        from casus.errors import DateError
        from casus.export.dyads import dyad_days, dyad_years
        from casus.export.files import table_format, write_table, write_tables

        table_format(out)
        choice(rule, ("any", "jan1", "dec31"), "--rule")
        kb = load_kb(overlay)
        meta = {"casus.directed": str(not undirected).lower()}
        if daily is not None:
            if ".." not in daily:
                raise DateError("--daily: give a range A..B", field="--daily", accepted=f"A..B, each {WHEN_ACCEPTED}")
            a, _, b = daily.partition("..")
            d0, d1 = parse_when(a.strip(), field="--daily"), parse_when(b.strip(), field="--daily")
            rows = 0

            def counted():  # type: ignore[no-untyped-def]
                nonlocal rows
                for t in dyad_days(kb, d0, d1, directed=not undirected, only_obligated=only_obligated):
                    rows += t.num_rows
                    yield t

            with busy(f"Writing dyad-days {d0.isoformat()} to {d1.isoformat()}"):
                write_tables(counted(), out, force=force, metadata={**meta, "casus.unit": "dyad-day"})
            _done(as_json, {"out": str(out), "rows": rows, "from": d0.isoformat(), "to": d1.isoformat()})
            return
        with busy("Coding dyad-years"):
            table = dyad_years(kb, first=first if first is not None else COVERED_FROM.year, last=last,
                               directed=not undirected, rule=rule, only_obligated=only_obligated)  # type: ignore[arg-type]
        write_table(table, out, force=force, metadata={**meta, "casus.unit": "dyad-year", "casus.rule": rule})
        _done(as_json, {"out": str(out), "rows": table.num_rows, "rule": rule,
                        "directed": not undirected})

    def _layer_command(name: str, doc: str) -> None:
        @export.command(name, help=doc)
        @handle_errors
        def layer(
            out: OutOpt,
            on: OnOpt = None,
            target: Annotated[str, typer.Option("--target", metavar="TARGET", help=(
                "For coverage, what is attacked: territory, armed_forces, vessel, aircraft, cyber or space."))]
            = "territory",
            simplify: SimplifyOpt = 0.0,
            force: ForceOpt = False,
            overlay: OverlayOpt = None,
            as_json: JsonOpt = False,
        ) -> None:
            from casus.errors import ScenarioError
            from casus.export.geofiles import geo_format, write_layer
            from casus.export.layers import coverage_layer, regions_layer, territories_layer
            from casus.fileio import check_writable
            from casus.law.attack import TARGETS

            geo_format(out)
            check_writable(out, force=force)  # refuse before the work, not after
            if target not in TARGETS:
                raise ScenarioError(f"--target: {target!r} is not one of {', '.join(TARGETS)}", field="--target",
                                    accepted=", ".join(TARGETS))
            when = day(on)
            kb = load_kb(overlay)
            with busy(f"Building the {name} layer"):
                if name == "territories":
                    lay = territories_layer(kb, when, simplify=simplify)
                elif name == "regions":
                    lay = regions_layer(kb, simplify=simplify)
                else:
                    lay = coverage_layer(kb, when, target=target, simplify=simplify)
                write_layer(lay, out, force=force)
            _done(as_json, {"out": str(out), "features": len(lay), **lay.metadata})

    _layer_command("territories", "Territories with their sovereign, administrator and status on a date "
                                  "(.geojson or GeoParquet .parquet).")
    _layer_command("regions", "The regions clauses refer to (.geojson or GeoParquet .parquet).")
    _layer_command("coverage", "Each territory coloured by the defence clauses covering it on a date "
                               "(.geojson or GeoParquet .parquet).")

    @export.command("duckdb")
    @handle_errors
    def duckdb_file(
        out: OutOpt,
        force: ForceOpt = False,
        overlay: OverlayOpt = None,
        as_json: JsonOpt = False,
    ) -> None:
        """The whole knowledge base as a DuckDB file: states, treaties, membership, clauses, phases, territories,
        control, regions, missiles, partnerships, invocations, operations, sources, dyad_years."""
        from casus.export.database import export_duckdb
        from casus.fileio import check_writable

        check_writable(out, force=force)  # refuse before the work, not after
        kb = load_kb(overlay)
        with busy("Writing the DuckDB file"):
            counts = export_duckdb(kb, out, force=force)
        if as_json:
            print_json({"out": str(out), "tables": counts})
        else:
            console().print(f"[green]wrote[/green] {out}: " + ", ".join(f"{k} {v:,}" for k, v in counts.items()))
