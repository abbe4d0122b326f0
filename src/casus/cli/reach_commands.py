"""`casus reach`, `casus missiles`, `casus launch-sites`: threat reach and the catalogue behind it."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any

import typer

from casus.cli.common import JsonOpt, OverlayOpt, console, handle_errors, load_kb, print_json
from casus.reach import query as reach_query

#: rows shown per table unless --all
SHOW = 25


def register(app: typer.Typer) -> None:
    @app.command()
    @handle_errors
    def reach(
        missile: Annotated[str | None, typer.Option("--missile", "-m", help="Missile id or name, e.g. hwasong-15.")]
        = None,
        km: Annotated[float | None, typer.Option("--km", help="A range in km instead of a missile.")] = None,
        origin: Annotated[str | None, typer.Option(
            "--from", help="Launch site (sohae), state code (PRK: anywhere in its territory), city or 'lat,lon'. "
                           "Default: the missile owner's territory.")] = None,
        on: Annotated[str | None, typer.Option("--on", help="Date, YYYY-MM-DD (default: today).")] = None,
        target: Annotated[list[str] | None, typer.Option(
            "--target", "-t", help="A place to report whether reached or not: city, territory, state code, area "
                                   "or 'lat,lon' (repeatable).")] = None,
        min_population: Annotated[int, typer.Option("--min-population",
                                                    help="List cities of at least this many inhabitants.")]
        = 1_000_000,
        map_path: Annotated[Path | None, typer.Option("--map", help="Write a PNG map here.", dir_okay=False)] = None,
        geojson_path: Annotated[Path | None, typer.Option("--geojson", help="Write GeoJSON here.", dir_okay=False)]
        = None,
        force: Annotated[bool, typer.Option("--force", help="Replace an existing --map or --geojson file.")] = False,
        central_lon: Annotated[float | None, typer.Option("--central-lon",
                                                          help="Central meridian of the map (default: launch).")]
        = None,
        clause: Annotated[str | None, typer.Option("--clause", help="Show one clause's cover per reachable "
                                                                    "territory, e.g. nato/art5.")] = None,
        no_commitments: Annotated[bool, typer.Option("--no-commitments",
                                                     help="Skip the overlay with defence clauses.")] = False,
        show_all: Annotated[bool, typer.Option("--all", help=f"Show every row, not the first {SHOW}.")] = False,
        overlay: OverlayOpt = None,
        as_json: JsonOpt = False,
    ) -> None:
        """What a missile (or a range) from a site or a state reaches on a date, and who is bound to defend it.

        Ranges are public estimates (a low and a high one, each with its source); distances are WGS84
        geodesics to the nearest point of each place.
        """
        from casus.fileio import check_writable

        for path in (map_path, geojson_path):
            if path is not None:
                check_writable(path, force=force)  # refuse before the work, not after
        kb = load_kb(overlay)
        if clause is not None:
            kb.clause(clause)
        result = reach_query.reach(kb, missile=missile, km=km, origin=origin, on=on, targets=tuple(target or ()),
                          min_population=min_population, commitments=not no_commitments)
        written = []
        if map_path is not None:
            from casus.reach.output import write_new
            from casus.reach.plot import reach_png

            written.append(str(write_new(map_path, reach_png(kb, result, central_lon=central_lon), force=force)))
        if geojson_path is not None:
            from casus.reach import geojson
            from casus.reach.output import write_new

            written.append(str(write_new(geojson_path, geojson.dumps(kb, result), force=force)))
        if as_json:
            body = result.to_dict()
            if written:
                body["written"] = written
            print_json(body)
            return
        _print(result, clause, show_all)
        for w in written:
            console().print(f"wrote {w}", markup=False)

    @app.command("missiles")
    @handle_errors
    def missiles(
        owner: Annotated[str | None, typer.Option("--owner", help="Only this state's systems, e.g. PRK.")] = None,
        overlay: OverlayOpt = None,
        as_json: JsonOpt = False,
    ) -> None:
        """The missile catalogue: owner, class, first successful flight test, and public range estimates."""
        kb = load_kb(overlay)
        code = kb.state(owner).code if owner else None
        items = sorted((m for m in kb.missiles.values() if code is None or m.owner == code),
                       key=lambda m: (m.owner, m.range.high.km, m.id))
        if as_json:
            print_json({"disclaimer": "Ranges are public estimates; each comes with its source.",
                        "missiles": [m.model_dump(mode="json", by_alias=True, exclude_none=True) for m in items]})
            return
        from rich.table import Table

        table = Table(title="Missiles (ranges are public estimates, low and high, each with its source)")
        for col in ("Id", "Name", "Owner", "Class", "First successful test", "Status", "Range low km", "Range high km",
                    "Sources (low / high)"):
            table.add_column(col, overflow="fold")
        for m in items:
            table.add_row(m.id, m.name, m.owner, m.missile_class, m.first_flight_words(), m.status,
                          f"{m.range.low.km:,.0f}", f"{m.range.high.km:,.0f}",
                          f"{m.range.low.source.title} / {m.range.high.source.title}")
        console().print(table)

    @app.command("launch-sites")
    @handle_errors
    def launch_sites(
        state: Annotated[str | None, typer.Option("--state", help="Only this state's sites, e.g. PRK.")] = None,
        overlay: OverlayOpt = None,
        as_json: JsonOpt = False,
    ) -> None:
        """Named launch sites and bases (give a state code to --from for anywhere in its territory)."""
        kb = load_kb(overlay)
        code = kb.state(state).code if state else None
        items = sorted((s for s in kb.launch_sites.values() if code is None or s.state == code),
                       key=lambda s: (s.state, s.id))
        if as_json:
            print_json({"launch_sites": [s.model_dump(mode="json", by_alias=True, exclude_none=True) for s in items]})
            return
        from rich.table import Table

        table = Table(title="Launch sites")
        for col in ("Id", "Name", "State", "Lat", "Lon", "Kind", "Also called"):
            table.add_column(col, overflow="fold")
        for s in items:
            table.add_row(s.id, s.name, s.state, f"{s.lat:.4f}", f"{s.lon:.4f}", s.kind, ", ".join(s.aliases))
        console().print(table)


def _yes(b: bool) -> str:
    return "yes" if b else "no"


def _print(result: Any, clause: str | None, show_all: bool) -> None:
    from rich.table import Table

    out = console()
    r = result.range
    o = result.origin
    m = result.missile
    head = m.name if m else f"{r.high_km:,.0f} km"
    out.print(f"[bold]{head}[/bold] from {o.name}" + (f" ({o.state})" if o.state and o.kind != "state" else "")
              + f" on {result.on.isoformat()}", markup=True, highlight=False)
    if m is not None:
        tested = {True: "yes", False: "NO", None: "not known"}[m.tested]
        out.print(f"  {m.missile_class}, owner {m.owner}, {m.status}; first successful flight test "
                  f"{m.first_flight.isoformat()} ({m.first_flight_precision}); tested by that date: {tested}",
                  markup=False)
        out.print(f"  range: low {r.low_km:,.0f} km ({r.low_source.get('title') if r.low_source else ''}); "
                  f"high {r.high_km:,.0f} km ({r.high_source.get('title') if r.high_source else ''})", markup=False)
    else:
        out.print(f"  range: {r.high_km:,.0f} km", markup=False)
    for n in result.notes:
        out.print(f"  note: {n}", markup=False)
    out.print(f"  {result.disclaimer}", markup=False, style="italic")
    c = result.counts
    out.print(f"  within low / high: {c['territories_within_low']} / {c['territories_within_high']} territories, "
              f"{c['states_within_low']} / {c['states_within_high']} states, {c['cities_within_low']:,} / "
              f"{c['cities_within_high']:,} cities of 15,000+ ({c['population_within_low']:,} / "
              f"{c['population_within_high']:,} people)", markup=False)

    def rows(items: tuple[Any, ...]) -> tuple[Any, ...]:
        return items if show_all else items[:SHOW]

    def more(items: tuple[Any, ...], what: str) -> None:
        if not show_all and len(items) > SHOW:
            out.print(f"  … and {len(items) - SHOW} more {what} (--all, or --json)", markup=False)

    if result.targets:
        t = Table(title="Targets")
        for col in ("Target", "Kind", "Held by", "Distance km", "Within low", "Within high"):
            t.add_column(col)
        for x in result.targets:
            t.add_row(x.name, x.kind, x.administrator or x.state or "", f"{x.distance_km:,.1f}", _yes(x.within_low),
                      _yes(x.within_high))
        out.print(t)

    cover = {cv.territory: cv for cv in (result.commitments.rows if result.commitments else ())}
    t = Table(title="Territories within the high estimate (distance to the nearest point)")
    cols = ["Territory", "Sovereign", "Administrator", "Distance km", "Within low", "Defence clauses that apply",
            "Bound"]
    if clause:
        cols.append(clause)
    for col in cols:
        t.add_column(col, overflow="fold")
    for x in rows(result.territories):
        cv = cover.get(x.id)
        row = [f"{x.name} ({x.id})", x.state or "", x.administrator or "", f"{x.distance_km:,.1f}",
               _yes(x.within_low), ", ".join(cv.applies) if cv else "", str(len(cv.bound)) if cv else ""]
        if clause:
            row.append("applies" if cv and clause in cv.applies else "ambiguous" if cv and clause in cv.ambiguous
                       else "does not apply" if cv else "")
        t.add_row(*row)
    out.print(t)
    more(result.territories, "territories")

    if result.commitments is not None:
        t = Table(title="Defence clauses over the reachable area")
        for col in ("Clause", "Covers (reachable)", "Parties whose covered land is reached", "States bound",
                    "Parties' reachable land it does not cover"):
            t.add_column(col, overflow="fold")
        for cr in result.commitments.clauses:
            if clause and cr.clause != clause:
                continue
            t.add_row(cr.clause, ", ".join(cr.applies_in) + (f" (ambiguous: {', '.join(cr.ambiguous_in)})"
                                                             if cr.ambiguous_in else ""),
                      ", ".join(cr.holders_reached), ", ".join(cr.bound), ", ".join(cr.parties_not_covered))
        out.print(t)
        if result.commitments.uncovered:
            out.print("  reachable, and covered by no defence clause: " + ", ".join(result.commitments.uncovered),
                      markup=False)

    if result.cities:
        t = Table(title=f"Cities of {result.min_population:,}+ within the high estimate")
        for col in ("City", "Country", "Population", "Distance km", "Within low"):
            t.add_column(col)
        for x in rows(result.cities):
            t.add_row(x.name, x.state or "", f"{x.population:,}", f"{x.distance_km:,.1f}", _yes(x.within_low))
        out.print(t)
        more(result.cities, "cities")

    if result.areas:
        t = Table(title="Areas within the high estimate (regions that clauses name)")
        for col in ("Area", "Kind", "Distance km", "Within low", "Named by"):
            t.add_column(col, overflow="fold")
        for x in rows(result.areas):
            t.add_row(f"{x.name} ({x.id})", x.area_kind or "", f"{x.distance_km:,.1f}", _yes(x.within_low),
                      ", ".join(x.clauses))
        out.print(t)
    states = ", ".join(f"{x.id} {x.distance_km:,.0f}" for x in result.states)
    out.print(f"States within the high estimate (km): {states}", markup=False)
    for cr in result.credits:
        out.print(cr, markup=False, style="dim")
