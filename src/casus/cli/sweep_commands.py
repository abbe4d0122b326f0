"""`casus sweep` and `casus animate`: every clause over a grid (or places) and dates, and its pictures."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any

import typer

from casus.cli.common import JsonOpt, OverlayOpt, console, handle_errors, print_json

DataOpt = Annotated[Path | None, typer.Option("--data", help="Knowledge-base directory (default: the bundled one).",
                                              file_okay=False)]


def _load(data: Path | None, overlay: list[Path] | None) -> Any:
    import casus.kb

    return casus.kb.load(data, overlay or [])


def _progress_bar() -> Any:
    from rich.progress import (
        BarColumn,
        MofNCompleteColumn,
        Progress,
        TextColumn,
        TimeElapsedColumn,
        TimeRemainingColumn,
    )

    return Progress(TextColumn("[bold]{task.description}"), BarColumn(), MofNCompleteColumn(),
                    TextColumn("{task.fields[extra]}"), TimeElapsedColumn(), TimeRemainingColumn(),
                    console=console(stderr=True), transient=False)


def register(app: typer.Typer) -> None:
    @app.command()
    @handle_errors
    def sweep(
        out: Annotated[Path, typer.Option("--out", help="Directory to write (Parquet parts and _sweep.json).",
                                          file_okay=False)],
        dates: Annotated[str, typer.Option("--dates", help="A..B (with --every) or a list: 2017-11-02,2023-04-05.")],
        grid: Annotated[float | None, typer.Option("--grid", help="Grid step in degrees, e.g. 0.25.")] = None,
        places: Annotated[str | None, typer.Option("--places", help="Place names, comma-separated: "
                                                                    "'Tallinn,Guam'.")] = None,
        places_file: Annotated[Path | None, typer.Option("--places-file", help="File of places: name, or "
                                                         "name,lat,lon, or lat,lon per line.", dir_okay=False,
                                                         exists=True)] = None,
        cities: Annotated[bool, typer.Option("--cities", help="Every GeoNames city of 15,000+ inhabitants.")]
        = False,
        min_population: Annotated[int, typer.Option("--min-population", help="With --cities: smallest city.")]
        = 0,
        every: Annotated[str | None, typer.Option("--every", help="Step of a date range: 30d, 2w, 6m, 1y.")]
        = None,
        clauses: Annotated[str | None, typer.Option("--clauses", help="Clause ids, comma-separated "
                                                    "(default: every clause).")] = None,
        target: Annotated[str, typer.Option("--target", help="territory, armed_forces, vessel, aircraft, cyber, "
                                                            "space.")] = "territory",
        bbox: Annotated[str | None, typer.Option("--bbox", help="Grid box: west,south,east,north.")] = None,
        scheduler: Annotated[str, typer.Option("--scheduler", help="local (a Dask LocalCluster), none (in "
                                                                  "process), or tcp://HOST:PORT.")] = "local",
        workers: Annotated[int | None, typer.Option("--workers", help="Workers of the local cluster.")] = None,
        tile: Annotated[float | None, typer.Option("--tile", help="Tile edge in degrees (one task per tile and run "
                                                                 "of dates; default 256 cells).")] = None,
        dates_per_task: Annotated[int, typer.Option("--dates-per-task", help="Dates in one task.")] = 8,
        all_cells: Annotated[bool, typer.Option("--all-cells", help="Keep high-seas cells for a territory target "
                                                                    "(they are skipped by default: nothing to "
                                                                    "cover there).")] = False,
        force: Annotated[bool, typer.Option("--force", help="Replace OUT if it exists.")] = False,
        data: DataOpt = None,
        overlay: OverlayOpt = None,
        as_json: JsonOpt = False,
    ) -> None:
        """Judge every clause for an attack by an outside state at each grid cell or place, on each date.

        Writes partitioned Parquet to OUT: cell (or place), lat, lon, territory, date, clause, status,
        n_bound, holder; plus OUT/_sweep.json describing the sweep. Runs on a local Dask cluster by default.
        """
        from casus.errors import InputError
        from casus.sweep import Grid, city_places, parse_bbox, parse_dates, parse_mode, resolve_places
        from casus.sweep.run import sweep as run_sweep
        from casus.sweep.where import read_places_file

        given = [x for x in (grid is not None, places is not None, places_file is not None, cities) if x]
        if len(given) != 1:
            raise InputError("give exactly one of --grid, --places, --places-file, --cities", field="--grid",
                             accepted="--grid 0.25, --places Tallinn,Guam, --places-file FILE, --cities")
        days = parse_dates(dates, every)
        mode = parse_mode(scheduler, workers)
        kb = _load(data, overlay)
        g = pl = None
        if grid is not None:
            g = Grid(grid, parse_bbox(bbox))
        elif cities:
            pl = city_places(min_population)
        else:
            if places_file is not None:
                try:
                    rows = read_places_file(places_file.read_text(encoding="utf-8"))
                except (OSError, UnicodeDecodeError) as exc:
                    raise InputError(f"--places-file: cannot read {places_file}: {exc}",
                                     field="--places-file") from exc
                source = str(places_file)
            else:
                rows = [(p.strip(), None, None) for p in (places or "").split(",") if p.strip()]
                source = "--places"
            pl = resolve_places(kb, rows, source)
        ids = [c.strip() for c in clauses.split(",") if c.strip()] if clauses else None
        quiet = as_json
        bar = None if quiet else _progress_bar()
        task_id = None
        if bar is not None:
            bar.start()
            task_id = bar.add_task(f"sweep ({mode.describe()})", total=None, extra="")

        written = [0]

        def progress(done: int, total: int, result: Any) -> None:
            written[0] += result.rows
            if bar is not None:
                bar.update(task_id, completed=done, total=total, extra=f"{written[0]:,} rows")

        try:
            summary = run_sweep(kb, out=out, dates=days, grid=g, places=pl, clauses=ids, target=target,
                                skip_high_seas=not all_cells, mode=mode, force=force, data_dir=data,
                                overlays=overlay or [],
                                tile_deg=tile, dates_per_task=dates_per_task, progress=progress)
        finally:
            if bar is not None:
                bar.stop()
        if as_json:
            print_json(summary.to_dict())
            return
        c = console()
        parts = f"{summary.partitions} partition{'s' if summary.partitions != 1 else ''}"
        c.print(f"[green]wrote[/green] {out}: {summary.rows:,} rows in {parts}, "
                f"{summary.cells_kept:,} of {summary.cells:,} {'cells' if g is not None else 'places'} x "
                f"{len(days)} dates, "
                f"{summary.seconds:.1f} s ({summary.rate:,.0f} cell-date-clauses/s, {summary.mode})")
        for note in summary.notes:
            c.print(f"note: {note}")

    @app.command()
    @handle_errors
    def animate(
        sweep_dir: Annotated[Path, typer.Argument(help="A directory written by casus sweep.", file_okay=False,
                                                  exists=True)],
        out: Annotated[Path, typer.Option("--out", help="coverage.gif (all dates) or map.png (with --date).",
                                          dir_okay=False)],
        date: Annotated[str | None, typer.Option("--date", help="One date of the sweep: write a PNG map.")] = None,
        frames: Annotated[Path | None, typer.Option("--frames", help="Also write one PNG per date here.",
                                                    file_okay=False)] = None,
        dpi: Annotated[int, typer.Option("--dpi", help="Resolution of the frames.")] = 80,
        frame_ms: Annotated[int, typer.Option("--frame-ms", help="Milliseconds per frame in the GIF.")] = 700,
        force: Annotated[bool, typer.Option("--force", help="Replace OUT if it exists.")] = False,
        data: DataOpt = None,
        overlay: OverlayOpt = None,
        as_json: JsonOpt = False,
    ) -> None:
        """Turn a sweep into an animated GIF of the geography of collective defence, or one date into a PNG."""
        from casus.errors import InputError
        from casus.sweep.dataset import pick_date, read_meta
        from casus.sweep.pictures import animate as make_gif
        from casus.sweep.pictures import map_png

        if dpi < 20 or dpi > 600:
            raise InputError(f"--dpi: {dpi} is outside 20..600", field="--dpi", accepted="20 to 600")
        meta = read_meta(sweep_dir)
        want = ".png" if date is not None else ".gif"
        if not str(out).lower().endswith(want):
            raise InputError(f"--out: {'with --date the map is a PNG' if date else 'the animation is a GIF'}; end "
                             f"the name with {want}", field="--out", accepted="map.png" if date else "coverage.gif")
        day = pick_date(meta, date) if date is not None else None
        kb = _load(data, overlay)
        if day is not None:
            result = map_png(kb, sweep_dir, day, out, force=force, dpi=dpi)
        else:
            bar = None if as_json else _progress_bar()
            tid = None
            if bar is not None:
                bar.start()
                tid = bar.add_task("frames", total=len(meta["dates"]), extra="")

            def progress(done: int, total: int, when: Any) -> None:
                if bar is not None:
                    bar.update(tid, completed=done, extra=when.isoformat())

            try:
                result = make_gif(kb, sweep_dir, out, force=force, frames_dir=frames, dpi=dpi, frame_ms=frame_ms,
                                  progress=progress)
            finally:
                if bar is not None:
                    bar.stop()
        if as_json:
            print_json(result)
        else:
            console().print(f"[green]wrote[/green] {result['out']} ({result['bytes']:,} bytes, "
                            f"{result['size'][0]}x{result['size'][1]})")
