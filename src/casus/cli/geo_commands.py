"""`casus where`: what lies at a point or a named place, and who holds it on a date."""

from __future__ import annotations

import re
from typing import Annotated, Any

import typer

from casus.cli.common import JsonOpt, OverlayOpt, console, handle_errors, load_kb, print_json
from casus.geo import query as geo_query

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

    words = [w for w in words if w.strip()]
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
            return "point", (float(words[0]), float(words[1]))
        if a or b:
            raise CoordinateError(f"{' '.join(words)!r} is neither a point nor a name: both latitude and "
                                  "longitude must be numbers", field="lat/lon",
                                  accepted="latitude -90..90 and longitude -180..180, in degrees")
    return "name", " ".join(words)


def render(kb: Any, w: Any) -> None:
    from rich.table import Table

    def state(code: str | None) -> str:
        if not code:
            return "[dim]none[/]"
        st = kb.states.get(code)
        return f"{code} ({st.name})" if st is not None else code

    title = f"{w.query}: {w.lat:.4f}, {w.lon:.4f} on {w.on.isoformat()}"
    table = Table(title=title, show_header=False, title_justify="left", show_lines=False)
    table.add_column("", style="bold", no_wrap=True)
    table.add_column("")
    if w.place:
        p = w.place
        if p["kind"] == "city":
            table.add_row("Place", f"{p['name']}, {p['country']} (city, pop. {p['population']:,}; GeoNames)")
        else:
            table.add_row("Place", f"{p['name']} (territory {p['territory']})")
    setting = SETTING_TEXT[w.setting]
    if w.setting == "territorial_sea":
        setting += f", {w.distance_km:.2f} km from land"
    table.add_row("Setting", setting)
    if w.territory:
        table.add_row("Territory", f"{w.territory_name} [dim]({w.territory})[/]")
        if len(w.parts) > 1:
            table.add_row("Part of", " > ".join(w.parts[1:]))
        table.add_row("Sovereign", state(w.sovereign))
        table.add_row("Administrator", state(w.administrator))
        table.add_row("Status", w.status or "")
        if w.claimants:
            table.add_row("Claimed by", ", ".join(state(c) for c in w.claimants))
    else:
        table.add_row("Territory", "[dim]none (high seas)[/]")
    table.add_row("Regions", ", ".join(w.regions) or "[dim]none[/]")
    if w.seas:
        table.add_row("Seas", ", ".join(w.seas))
    for i, note in enumerate(w.notes):
        table.add_row("Notes" if i == 0 else "", note)
    for i, s in enumerate(w.sources):
        table.add_row("Sources" if i == 0 else "", f"{s['title']}" + (f" [dim]{s['url']}[/]" if s.get("url") else ""))
    console().print(table)


def register(app: typer.Typer) -> None:
    @app.command(context_settings={"ignore_unknown_options": True, "allow_interspersed_args": True})
    @handle_errors
    def where(
        place: Annotated[list[str], typer.Argument(help="LAT LON (negative numbers work: -33.87 151.21), "
                                                         "'LAT,LON', or a place name ('San Juan, PR').",
                                                    show_default=False)],
        on: Annotated[str | None, typer.Option("--on", help="Date, YYYY-MM-DD (default: today).")] = None,
        overlay: OverlayOpt = None,
        as_json: JsonOpt = False,
    ) -> None:
        """What lies at a point or a named place, and who holds it on a date.

        Gives the most specific territory (land, or territorial sea within 12 nautical miles; else the high
        seas), the parts it belongs to, its sovereign and administrator that day, claimants, and the regions
        that treaty clauses name. City names come from GeoNames (CC BY 4.0).
        """
        kind, value = parse_where(place)
        kb = load_kb(overlay)
        w = geo_query.where(kb, value[0], value[1], on=on) if kind == "point" else geo_query.place(kb, value, on=on)
        if as_json:
            print_json(w)
        else:
            render(kb, w)
