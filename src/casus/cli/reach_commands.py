"""`casus reach`, `casus missiles`, `casus launch-sites`: threat reach and the catalogue behind it."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any

import typer

from casus.cli.common import (
    STATE_HELP,
    JsonOpt,
    OnOpt,
    OverlayOpt,
    busy,
    console,
    day,
    handle_errors,
    load_kb,
    print_json,
    state_code,
)

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
        on: OnOpt = None,
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
        show_all: Annotated[bool, typer.Option("--all", help="Show every row.")] = False,
        verbose: Annotated[bool, typer.Option("--verbose", "-v", help="Ids, codes, sources and every territory "
                                                                      "each clause covers.")] = False,
        limit: Annotated[int, typer.Option("--limit", metavar="N", min=1, help=f"Rows shown per table (default {SHOW}; "
                                                                              "--json has them all).")] = SHOW,
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
        when = day(on)
        kb = load_kb(overlay)
        if clause is not None:
            kb.clause(clause)
        n = len(target or ())
        with busy(f"Measuring reach{f' to {n} target' + ('s' if n != 1 else '') if n else ''}"):
            from casus.reach import query as reach_query

            result = reach_query.reach(kb, missile=missile, km=km, origin=origin, on=when, targets=tuple(target or ()),
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
        _print(kb, result, clause, show_all, limit, verbose)
        for w in written:
            console().print(f"wrote {w}", markup=False)

    @app.command("missiles")
    @handle_errors
    def missiles(
        owner: Annotated[str | None, typer.Option("--owner", metavar="STATE", help="Only this state's systems: "
                                                  + STATE_HELP)] = None,
        limit: Annotated[int | None, typer.Option("--limit", metavar="N", min=1, help="Show the first N only.")]
        = None,
        verbose: Annotated[bool, typer.Option("--verbose", "-v", help="Ids, status and the sources of both "
                                                                      "estimates.")] = False,
        overlay: OverlayOpt = None,
        as_json: JsonOpt = False,
    ) -> None:
        """The missile catalogue: owner, class, first successful flight test, and public range estimates."""
        kb = load_kb(overlay)
        code = state_code(kb, owner, "--owner") if owner else None
        items = sorted((m for m in kb.missiles.values() if code is None or m.owner == code),
                       key=lambda m: (m.owner, m.range.high.km, m.id))
        if as_json:
            print_json({"disclaimer": "Ranges are public estimates; each comes with its source.",
                        "missiles": [m.model_dump(mode="json", by_alias=True, exclude_none=True) for m in items]})
            return
        from rich.table import Table

        from casus.kb.words import state_name

        total = len(items)
        items = items[:limit] if limit else items
        table = Table(title="Missiles: ranges are public estimates, low and high, each with its source", box=None,
                      title_justify="left", pad_edge=False, header_style="bold")
        cols = ["Name", "Owner", "Class", "First tested", "Range km"]
        if verbose:
            cols = ["Id", *cols, "Status", "Sources (low / high)"]
        for col in cols:
            table.add_column(col, overflow="fold", justify="right" if col == "Range km" else "left")
        for m in items:
            row = [m.name, m.owner if verbose else state_name(kb, m.owner, article=False), m.missile_class,
                   m.first_flight_words(),
                   f"{m.range.low.km:,.0f}–{m.range.high.km:,.0f}"]
            if verbose:
                row = [m.id, *row, m.status, f"{m.range.low.source.title} / {m.range.high.source.title}"]
            table.add_row(*row)
        c = console(wrap=True)
        c.print(table)
        if len(items) < total:
            c.print(f"[dim]{len(items)} of {total} shown (--limit N; --json has them all).[/]")
        if not verbose:
            c.print("[dim]--verbose adds ids (for reach --missile), status and sources.[/]")

    @app.command("launch-sites")
    @handle_errors
    def launch_sites(
        state: Annotated[str | None, typer.Option("--state", metavar="STATE", help="Only this state's sites: "
                                                  + STATE_HELP)] = None,
        overlay: OverlayOpt = None,
        as_json: JsonOpt = False,
    ) -> None:
        """Named launch sites and bases (give a state code to --from for anywhere in its territory)."""
        kb = load_kb(overlay)
        code = state_code(kb, state, "--state") if state else None
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


def _print(kb: Any, result: Any, clause: str | None, show_all: bool, limit: int = SHOW,
           verbose: bool = False) -> None:
    """The answer first (what reaches what, and which clauses cover the reachable land), then compact tables
    that fit 80 columns; ids, sources and the full lists of territories per clause with --verbose."""
    from rich.table import Table

    out = console(wrap=True)
    r = result.range
    o = result.origin
    m = result.missile
    c = result.counts
    head = m.name if m else f"A range of {r.high_km:,.0f} km"
    out.print(f"[bold]{head} from {o.name} on {result.on.isoformat()}[/bold]: within reach, by the low / high "
              f"estimate, {c['territories_within_low']} / {c['territories_within_high']} territories of "
              f"{c['states_within_low']} / {c['states_within_high']} states, and {c['cities_within_low']:,} / "
              f"{c['cities_within_high']:,} cities of 15,000+ ({c['population_within_low']:,} / "
              f"{c['population_within_high']:,} people).", highlight=False)
    if m is not None:
        tested = {True: "yes", False: "NO", None: "not known"}[m.tested]
        out.print(f"{m.missile_class}, {m.status}; first successful flight test {m.first_flight.isoformat()} "
                  f"({m.first_flight_precision}); tested by that date: {tested}. Range: low {r.low_km:,.0f} km, "
                  f"high {r.high_km:,.0f} km.", markup=False)
        if verbose:
            out.print(f"Sources: low: {r.low_source.get('title') if r.low_source else ''}; high: "
                      f"{r.high_source.get('title') if r.high_source else ''}.", markup=False, style="dim")
    for n in result.notes:
        out.print(f"Note: {n}", markup=False)
    out.print(result.disclaimer, markup=False, style="italic dim")

    def rows(items: tuple[Any, ...]) -> tuple[Any, ...]:
        return items if show_all else items[:limit]

    def more(items: tuple[Any, ...], what: str) -> None:
        if not show_all and len(items) > limit:
            out.print(f"… and {len(items) - limit} more {what} (--limit N, --all, or --json)", markup=False,
                      style="dim")

    def table(title: str, *cols: str) -> Any:
        t = Table(title=title, title_justify="left", box=None, pad_edge=False, header_style="bold",
                  title_style="bold")
        for col in cols:
            t.add_column(col, justify="right" if col in ("km", "Population") else "left",
                         no_wrap=col in ("km", "Population", "Within", "Kind"))
        return t

    def within(low: bool, high: bool = True) -> str:
        return "low" if low else "high" if high else "no"

    from casus.kb.words import state_name

    def who(code: str | None) -> str:
        """The holder by name (its code with --verbose)."""
        if not code:
            return ""
        return code if verbose else state_name(kb, code, article=False)

    if result.targets:
        t = table("Targets", "Target", "Kind", "Held by", "km", "Within")
        for x in result.targets:  # every target asked for; --limit is for the lists casus finds
            t.add_row(x.name, x.kind, who(x.administrator or x.state), f"{x.distance_km:,.0f}",
                      within(x.within_low, x.within_high))
        out.print(t)

    from casus.kb.words import clause_label

    def label(cid: str) -> str:
        return cid if verbose else clause_label(kb, cid, short=True)

    cover = {cv.territory: cv for cv in (result.commitments.rows if result.commitments else ())}
    cols = ["Territory", "Held by", "km", "Within", "Covered by"]
    if clause:
        cols.append(label(clause))
    t = table("Territories within reach (km to the nearest point; within the low estimate, or the high only)",
              *cols)
    for x in rows(result.territories):
        cv = cover.get(x.id)
        held = who(x.administrator or x.state)
        if x.state and x.administrator and x.state != x.administrator:
            held = f"{who(x.administrator)} (sovereign {who(x.state)})"
        row = [x.name + (f" ({x.id})" if verbose else ""), held, f"{x.distance_km:,.0f}", within(x.within_low),
               ", ".join(label(a) for a in cv.applies) if cv else ""]
        if clause:
            row.append("applies" if cv and clause in cv.applies else "ambiguous" if cv and clause in cv.ambiguous
                       else "does not apply" if cv else "")
        t.add_row(*row)
    out.print(t)
    more(result.territories, "territories")

    if result.commitments is not None:
        t = table("Defence clauses over the reachable land", "Clause", "Covers", "States bound")
        for cr in result.commitments.clauses:
            if clause and cr.clause != clause:
                continue
            if verbose:
                covers = ", ".join(cr.applies_in) + (f" (ambiguous: {', '.join(cr.ambiguous_in)})"
                                                     if cr.ambiguous_in else "")
                bound = ", ".join(cr.bound)
            else:
                covers = f"{len(cr.applies_in)} reachable territories" + (
                    f", {len(cr.ambiguous_in)} ambiguous" if cr.ambiguous_in else "")
                if cr.parties_not_covered:
                    covers += f"; leaves out {len(cr.parties_not_covered)} other reachable ones of its parties"
                bound = f"{len(cr.bound)}" if len(cr.bound) > 3 else ", ".join(cr.bound)
            t.add_row(label(cr.clause), covers, bound)
        out.print(t)
        if result.commitments.uncovered:
            n = len(result.commitments.uncovered)
            out.print(f"{n} reachable territories are covered by no defence clause"
                      + (": " + ", ".join(result.commitments.uncovered) if verbose else " (--verbose lists them)."),
                      markup=False)

    if result.cities:
        t = table(f"Cities of {result.min_population:,}+ within reach", "City", "Country", "Population", "km",
                  "Within")
        for x in rows(result.cities):
            t.add_row(x.name, x.state or "", f"{x.population:,}", f"{x.distance_km:,.0f}", within(x.within_low))
        out.print(t)
        more(result.cities, "cities")

    if result.areas:
        t = table("Areas that clauses name, within reach", "Area", "km", "Within", "Named by")
        for x in rows(result.areas):
            t.add_row(x.name + (f" ({x.id})" if verbose else ""), f"{x.distance_km:,.0f}", within(x.within_low),
                      ", ".join(label(cid) for cid in x.clauses))
        out.print(t)
    if verbose:
        states = ", ".join(f"{x.id} {x.distance_km:,.0f}" for x in result.states)
        out.print(f"States within reach (km): {states}", markup=False)
    for cr in result.credits:
        out.print(cr, markup=False, style="dim")
