"""`casus where`: what lies at a point or a named place, and who holds it on a date."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Annotated, Any

import typer

from casus.cli.common import JsonOpt, OnOpt, OverlayOpt, console, day, handle_errors, load_kb, print_json

_NUMBER = re.compile(r"^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$")
_PAIR = re.compile(r"^\s*([^,\s]+)\s*[,\s]\s*([^,\s]+)\s*$")

SETTING_TEXT = {"land": "on land", "territorial_sea": "territorial sea", "high_seas": "high seas"}


def parse_where(words: list[str]) -> tuple[str, Any]:
    """("point", (lat, lon)) or ("name", text) from the command's arguments.

    Two numbers are a point; one argument of the form "LAT,LON" is a point; anything else is a name (words
    are joined, so an unquoted San Juan works). A number followed by a word is refused: that is a point
    typed wrong, not a name.
    """
    from casus.errors import CoordinateError, UnknownPlaceError
    from casus.geo.hints import comma_hint, swap_hint

    words = [w for w in words if w.strip()]
    hint = comma_hint(" ".join(words))
    if hint:
        raise CoordinateError(f"{' '.join(words)!r} is not a point", field="lat/lon",
                              accepted="latitude -90..90 and longitude -180..180, in degrees with a decimal point",
                              hint=hint)
    if not words:
        raise UnknownPlaceError("give a place name or LAT LON", field="place",
                                accepted="casus where 21.3 -157.86, casus where 'San Juan, PR'")
    if len(words) == 1:
        m = _PAIR.match(words[0])
        if m and _NUMBER.match(m.group(1)) and _NUMBER.match(m.group(2)):
            return "point", (float(m.group(1)), float(m.group(2)))
        if _NUMBER.match(words[0].strip()):
            raise CoordinateError(f"one number {words[0]!r} is not a point; give LAT and LON", field="lon",
                                  accepted="two numbers: latitude -90..90 and longitude -180..180")
        return "name", words[0]
    if len(words) == 2:
        a, b = (_NUMBER.match(w.strip()) is not None for w in words)
        if a and b:
            lat, lon = float(words[0]), float(words[1])
            if abs(lat) > 90:
                raise CoordinateError(f"lat {lat:g} is out of range", field="lat",
                                      accepted="a number of degrees from -90 to 90", hint=swap_hint(lat, lon))
            return "point", (lat, lon)
        if a or b:
            raise CoordinateError(f"{' '.join(words)!r} is neither a point nor a name: both latitude and "
                                  "longitude must be numbers", field="lat/lon",
                                  accepted="latitude -90..90 and longitude -180..180, in degrees")
    return "name", " ".join(words)


def render(kb: Any, w: Any, *, verbose: bool = False, sources: bool = False) -> None:
    from rich.table import Table

    from casus.geo.headline import where_headline

    c = console(wrap=True)
    for line in where_headline(kb, w).splitlines():
        c.print(line, markup=False, style="bold")

    def state(code: str | None) -> str:
        if not code:
            return "[dim]none[/]"
        st = kb.states.get(code)
        if st is None:
            return code
        return f"{st.name} [dim]({code})[/]" if verbose else st.name

    title = f"{w.query}: {w.lat:.4f}, {w.lon:.4f} on {w.on.isoformat()}"
    table = Table(title=title if verbose else None, show_header=False, title_justify="left", show_lines=False,
                  box=None, pad_edge=False)
    table.add_column("", style="bold", no_wrap=True)
    table.add_column("")
    if w.place:
        p = w.place
        if p.get("kind") == "city":
            table.add_row("Place", f"{p['name']}, {p['country']} (city, pop. {p['population']:,}; GeoNames)")
        elif p.get("feature") or p.get("kind") not in (None, "territory"):
            kind = p.get("feature_kind") or p.get("unclos_kind") or p.get("kind")
            table.add_row("Place", f"{p.get('feature') or p.get('name')}" + (f" ({str(kind).replace('_', ' ')})"
                                                                            if kind else ""))
            if p.get("holder"):
                table.add_row("Held by", state(p["holder"]))
        else:
            table.add_row("Place", f"{p['name']}" + (f" [dim](territory {p['territory']})[/]" if verbose else ""))
    setting = SETTING_TEXT[w.setting]
    if w.setting == "territorial_sea":
        setting += f", {w.distance_km:.2f} km from land"
    table.add_row("Setting", setting)
    if w.territory:
        table.add_row("Territory", f"{w.territory_name}" + (f" [dim]({w.territory})[/]" if verbose else ""))
        f = getattr(w, "feature", None)  # a gazetteer feature (reef, rock, islet), when the data has one here
        if isinstance(f, dict) and f.get("name"):
            sea = ("12-nm territorial sea" if f.get("territorial_sea") else "no territorial sea of its own") \
                if "territorial_sea" in f else ""
            built = f"; built up by {f['built_up']['by']} from {f['built_up']['from']}" if f.get("built_up") else ""
            kind = str(f.get("kind") or "feature").replace("_", " ")
            table.add_row("Feature", f"{f['name']}: {kind}" + (f" ({sea})" if sea else "") + built
                          + f", held by {state(w.administrator)}")
        if len(w.parts) > 1:
            table.add_row("Part of", " > ".join(kb.territories[t].name if t in kb.territories else t
                                                for t in w.parts[1:]))
        table.add_row("Sovereign", state(w.sovereign))
        table.add_row("Administrator", state(w.administrator))
        table.add_row("Status", w.status or "")
        if w.claimants:
            table.add_row("Claimed by", ", ".join(state(c) for c in w.claimants))
    else:
        table.add_row("Territory", "[dim]none (high seas)[/]")
    def region(r: str) -> str:
        name = kb.regions[r].name if r in kb.regions else r
        return f"{name} [dim]({r})[/]" if verbose else name

    table.add_row("Regions", ", ".join(region(r) for r in w.regions) or "[dim]none[/]")
    around = [r for r in getattr(w, "territory_regions", ()) if r not in w.regions]
    if around:  # sea areas the island lies in, though its land is not water ("islands in the North Atlantic")
        table.add_row("Territory in", ", ".join(region(r) for r in around))
    if w.seas:
        table.add_row("Seas", ", ".join(region(r) for r in w.seas))
    if verbose:
        for i, note in enumerate(w.notes):
            table.add_row("Notes" if i == 0 else "", note)
    if sources or verbose:
        for i, s in enumerate(w.sources):
            table.add_row("Sources" if i == 0 else "",
                          f"{s['title']}" + (f" [dim]{s['url']}[/]" if s.get("url") else ""))
    c.print(table)
    if not (verbose and sources):
        c.print("[dim]--verbose adds codes and notes, --sources the sources.[/]")
    c.file.flush()
    if w.setting == "high_seas":
        from casus.geo.hints import high_seas_swap_hint

        hint = high_seas_swap_hint(kb, w.lat, w.lon)
        if hint and w.place is None:
            console(stderr=True, wrap=True).print(f"[yellow]hint:[/yellow] {hint}")


def register(app: typer.Typer) -> None:
    @app.command(context_settings={"ignore_unknown_options": True, "allow_interspersed_args": True})
    @handle_errors
    def where(
        place: Annotated[list[str], typer.Argument(help="LAT LON (negative numbers work: -33.87 151.21), "
                                                         "'LAT,LON', or a place name ('San Juan, PR').",
                                                    show_default=False)],
        on: OnOpt = None,
        verbose: Annotated[bool, typer.Option("--verbose", "-v", help="Codes, notes and sources.")] = False,
        sources: Annotated[bool, typer.Option("--sources", help="List the sources.")] = False,
        overlay: OverlayOpt = None,
        as_json: JsonOpt = False,
    ) -> None:
        """What lies at a point or a named place, and who holds it on a date.

        Gives the most specific territory (land, or territorial sea within 12 nautical miles; else the high
        seas), the parts it belongs to, its sovereign and administrator that day, claimants, and the regions
        that treaty clauses name. City names come from GeoNames (CC BY 4.0).
        """
        kind, value = parse_where(place)
        when = day(on, "--on")
        kb = load_kb(overlay)
        from casus.geo import query as geo_query

        w = geo_query.where(kb, value[0], value[1], on=when) if kind == "point" else geo_query.place(kb, value, on=when)
        if as_json:
            from casus.geo.headline import where_dict

            print_json(where_dict(kb, w))
        else:
            render(kb, w, verbose=verbose, sources=sources)

    @app.command("build-cache")
    @handle_errors
    def build_cache(
        into: Annotated[Path | None, typer.Option("--into", help="Folder to write to (default: the package's "
                                                               "shipped folder).", show_default=False)] = None,
    ) -> None:
        """Compile the bundled knowledge base and its atlas into the package, as a built wheel ships them.

        A source checkout or an editable install has no compiled caches until this runs (or until the first
        command compiles them into the user's cache); afterwards every fresh user cache starts at once. Run it
        again after editing the data files: a compiled file whose hash no longer matches the data is never used.
        """
        from casus.fileio import os_error
        from casus.geo.shipping import build

        try:
            written = build(into)
        except OSError as exc:  # a folder that cannot be written: said in one line, exit 2 (or 1 for a full disk)
            raise os_error(exc, into or exc.filename or "the shipped folder", field="--into") from exc
        for path in written:
            typer.echo(f"{path} ({path.stat().st_size / 1e6:.1f} MB)")
