"""The PNG map: our own territory polygons, coloured by reach and cover, with true geodesic range rings.

Drawn with matplotlib's Agg backend (no display, no downloads: no cartopy) in a
longitude/latitude frame whose central meridian is the launch point's, so the
launch sits in the middle and a long-range ring wraps around the map's edges
instead of being cut at Greenwich. Rings come from :mod:`casus.reach.rings`:
geodesics traced with pyproj, cut at the map's edge and closed over a pole when
they enclose one.

Colours: land within the high range, by its territory's cover: a defence
clause applies (orange), only ambiguous cover (yellow), none (red); everything
else grey. Only the part of a territory within range is coloured, so a country
reached at its tip is not painted as if reached throughout.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import numpy as np

from casus.reach import rings

if TYPE_CHECKING:
    from casus.kb.base import KnowledgeBase
    from casus.reach.results import ReachResult

COLOURS = {"covered": "#f4a259", "ambiguous": "#f6e27f", "uncovered": "#d1495b", "reached": "#d1495b",
           "beyond": "#d9d9d9", "sea": "#eef4f8", "edge": "#7a7a7a"}
#: simplification of territory outlines for drawing only (degrees); distances never use it
DRAW_TOLERANCE = 0.05


@dataclass(frozen=True)
class Ring:
    lon: float
    lat: float
    radius_km: float
    label: str
    style: str = "-"
    colour: str = "#1d3557"


@dataclass(frozen=True)
class Marker:
    lon: float
    lat: float
    label: str
    symbol: str = "o"
    colour: str = "#1d3557"


_SIMPLE: dict[str, Any] = {}


def simplified(w: Any) -> Any:
    """The pieces' outlines simplified for drawing (cached per compiled world)."""
    got = _SIMPLE.get(w.key)
    if got is None:
        import shapely

        got = shapely.simplify(w.pieces.geoms, DRAW_TOLERANCE, preserve_topology=True)
        _SIMPLE[w.key] = got
    return got


def _frame(geom: Any, central_lon: float) -> Any:
    """A lon/lat geometry moved into the map frame ``x = lon - central_lon`` and cut to [-180, 180]."""
    from shapely import affinity
    from shapely.geometry import box

    window = box(-180.0, -90.0, 180.0, 90.0)
    moved = affinity.translate(geom, xoff=-central_lon)
    parts = [affinity.translate(moved, xoff=s).intersection(window) for s in (-360.0, 0.0, 360.0)]
    import shapely

    return rings.polygons(shapely.union_all([p for p in parts if not p.is_empty]))


def _path(geom: Any) -> Any:
    """A matplotlib Path for a (multi)polygon, holes included."""
    from matplotlib.path import Path

    verts: list[Any] = []
    codes: list[int] = []
    polys = list(getattr(geom, "geoms", [geom]))
    for poly in polys:
        if poly.is_empty:
            continue
        for ring in (poly.exterior, *poly.interiors):
            xy = np.asarray(ring.coords)
            if len(xy) < 3:
                continue
            verts.extend(xy.tolist())
            codes.extend([int(Path.MOVETO)] + [int(Path.LINETO)] * (len(xy) - 2) + [int(Path.CLOSEPOLY)])
    if not verts:
        return None
    return Path(np.asarray(verts), codes)


def map_png(shapes: Sequence[tuple[Any, str]], ring_list: Sequence[Ring] = (), markers: Sequence[Marker] = (), *,
            central_lon: float = 0.0, title: str = "", footer: str = "", size: tuple[float, float] = (14.0, 7.6),
            dpi: int = 110, legend: Sequence[tuple[str, str]] = (),
            areas: Sequence[tuple[Any, str, str]] = (), overlays: Sequence[tuple[Any, str]] = ()) -> bytes:
    """Draw shapes (lon/lat geometry, face colour), overlays (map-frame geometry, face colour), rings, areas
    (map-frame geometry, colour, label) and markers; return PNG bytes."""
    import matplotlib

    matplotlib.use("Agg", force=False)
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.collections import PathCollection
    from matplotlib.figure import Figure
    from matplotlib.patches import Patch

    fig = Figure(figsize=size, dpi=dpi)
    FigureCanvasAgg(fig)
    ax = fig.add_axes((0.03, 0.08, 0.94, 0.84))
    ax.set_facecolor(COLOURS["sea"])
    paths, faces = [], []
    for geom, colour in shapes:
        p = _path(_frame(geom, central_lon))
        if p is not None:
            paths.append(p)
            faces.append(colour)
    if paths:
        ax.add_collection(PathCollection(paths, facecolors=faces, edgecolors=COLOURS["edge"], linewidths=0.25,
                                         zorder=1))
    over = [(_path(g), c) for g, c in overlays]
    over = [(p, c) for p, c in over if p is not None]
    if over:
        ax.add_collection(PathCollection([p for p, _ in over], facecolors=[c for _, c in over],
                                         edgecolors=COLOURS["edge"], linewidths=0.25, zorder=1.5))
    for r in ring_list:
        radius = r.radius_km * 1000.0
        fill = _path(rings.cap(r.lon, r.lat, radius, central_lon))
        if fill is not None:
            ax.add_collection(PathCollection([fill], facecolors=[r.colour], edgecolors="none", alpha=0.07, zorder=2))
        for xs, ys in rings.lines(r.lon, r.lat, radius, central_lon):
            ax.plot(xs, ys, r.style, color=r.colour, linewidth=1.4, zorder=3)
    for geom, colour, _ in areas:
        p = _path(geom)
        if p is not None:
            ax.add_collection(PathCollection([p], facecolors=[colour], edgecolors=[colour], alpha=0.15,
                                             linewidths=1.2, zorder=2))
    for m in markers:
        x = float(rings.wrap(m.lon - central_lon))
        ax.plot([x], [m.lat], m.symbol, color=m.colour, markersize=6, zorder=4)
        left = x > 100  # keep labels near the right edge inside the map
        ax.annotate(m.label, (x, m.lat), xytext=(-4 if left else 4, 4), textcoords="offset points", fontsize=8,
                    ha="right" if left else "left", zorder=5)
    ax.set_xlim(-180, 180)
    ax.set_ylim(-90, 90)
    ax.set_aspect("equal")
    ticks = np.arange(-180, 181, 60)
    ax.set_xticks(ticks)
    ax.set_xticklabels([_lon_label(float(rings.wrap(t + central_lon)) if abs(t) < 180 else t + central_lon)
                        for t in ticks], fontsize=7)
    ax.set_yticks(np.arange(-90, 91, 30))
    ax.set_yticklabels([f"{abs(v)}°{'N' if v > 0 else 'S' if v < 0 else ''}" for v in range(-90, 91, 30)],
                       fontsize=7)
    ax.grid(True, linewidth=0.3, color="#b0b0b0", zorder=0)
    if title:
        ax.set_title(title, fontsize=11)
    from matplotlib.lines import Line2D

    handles: list[Any] = [Patch(facecolor=c, edgecolor=COLOURS["edge"], label=lbl) for lbl, c in legend]
    handles += [Line2D([], [], linestyle=r.style, color=r.colour, label=r.label)  # type: ignore[arg-type]
                for r in ring_list]
    handles += [Patch(facecolor=c, alpha=0.3, edgecolor=c, label=lbl) for _, c, lbl in areas]
    if handles:
        ax.legend(handles=handles, loc="lower left", fontsize=7, framealpha=0.9)
    if footer:
        fig.text(0.03, 0.02, footer, fontsize=6.5, color="#444444", wrap=True)
    buf = io.BytesIO()
    fig.savefig(buf, format="png", dpi=dpi)
    return buf.getvalue()


def _lon_label(lon: float) -> str:
    lon = float(rings.wrap(lon)) if abs(lon) != 180 else 180.0
    if abs(lon) == 180:
        return "180°"
    return f"{abs(lon):.0f}°{'E' if lon > 0 else 'W' if lon < 0 else ''}"


def reach_png(kb: KnowledgeBase, result: ReachResult, *, central_lon: float | None = None) -> bytes:
    """The map for a reach answer."""
    from casus.reach.world import world

    w = world(kb)
    status = _status(result)
    simple = simplified(w)
    # every piece in grey; then the part of each reachable territory that lies within the high range
    shapes = [(g, COLOURS["beyond"]) for g in simple]
    o = result.origin
    rng = result.range
    ring_list: list[Ring] = []
    areas: list[tuple[Any, str, str]] = []
    markers: list[Marker] = []
    if o.lat is not None and o.lon is not None:
        centre = o.lon if central_lon is None else central_lon
        if rng.low_km != rng.high_km:
            ring_list.append(Ring(o.lon, o.lat, rng.low_km, f"low estimate {rng.low_km:,.0f} km", "--"))
        ring_list.append(Ring(o.lon, o.lat, rng.high_km, f"high estimate {rng.high_km:,.0f} km" if
                              rng.low_km != rng.high_km else f"range {rng.high_km:,.0f} km", "-"))
        markers.append(Marker(o.lon, o.lat, o.name, "^", "#1d3557"))
        reach_area = rings.cap(o.lon, o.lat, rng.high_km * 1000.0, float(centre))
    else:
        centre = _state_centre(w, o.territories) if central_lon is None else central_lon
        reach_area = _envelope(w, o.territories, rng.high_km, float(centre))
        if reach_area is not None:
            areas.append((reach_area, "#1d3557", f"within {rng.high_km:,.0f} km of its territory (sketch)"))
    overlays = []
    if reach_area is not None:
        for p, t in enumerate(w.piece_territory):
            colour_key = _piece_status(w, int(t), status)
            if colour_key is None:
                continue
            part = _frame(simple[p], float(centre)).intersection(reach_area)
            if not part.is_empty:
                overlays.append((rings.polygons(part), COLOURS[colour_key]))
    for t in result.targets:
        if t.nearest is not None:
            markers.append(Marker(t.nearest[1], t.nearest[0], f"{t.name} ({t.distance_km:,.0f} km)", "o",
                                  "#000000"))
    what = result.missile.name if result.missile else f"{rng.high_km:,.0f} km"
    title = (f"{what} from {o.name} on {result.on.isoformat()}: "
             + (f"low {rng.low_km:,.0f} km / high {rng.high_km:,.0f} km" if rng.low_km != rng.high_km
                else f"{rng.high_km:,.0f} km")
             + " (ranges are public estimates)")
    legend = [("reachable, covered by a defence clause", COLOURS["covered"]),
              ("reachable, cover ambiguous", COLOURS["ambiguous"]),
              ("reachable, no defence clause applies", COLOURS["uncovered"]),
              ("beyond the high estimate", COLOURS["beyond"])]
    if result.commitments is None:
        legend = [("within the high estimate", COLOURS["reached"]), ("beyond the high estimate", COLOURS["beyond"])]
    footer = " ".join(result.credits) + " Rings are WGS84 geodesics (pyproj). " + result.disclaimer
    return map_png(shapes, ring_list, markers, central_lon=float(centre), title=title, footer=footer, legend=legend,
                   areas=areas, overlays=overlays)


def _piece_status(w: Any, t: int, status: dict[str, str]) -> str | None:
    """The colour of a piece: its own territory's status, else the nearest enclosing territory's."""
    while t >= 0:
        got = status.get(w.territory_ids[t])
        if got is not None:
            return got
        t = int(w.parent[t])
    return None


def _status(result: ReachResult) -> dict[str, str]:
    out: dict[str, str] = {}
    if result.commitments is None:
        return {r.id: "reached" for r in result.territories if r.within_high}
    for c in result.commitments.rows:
        out[c.territory] = "covered" if c.applies else "ambiguous" if c.ambiguous else "uncovered"
    return out


def _state_centre(w: Any, territories: Sequence[str]) -> float:
    idx = [p for p, t in enumerate(w.piece_territory) if w.territory_ids[int(t)] in set(territories)]
    if not idx:
        return 0.0
    lon = w.pieces.lon[np.isin(w.pieces.group, idx)]
    return float(np.degrees(np.arctan2(np.sin(np.radians(lon)).mean(), np.cos(np.radians(lon)).mean())))


def state_outline(w: Any, territories: Sequence[str]) -> tuple[Any, Any]:
    """The longitudes and latitudes of the outline points of a state's territories in the compiled world."""
    idx = [p for p, t in enumerate(w.piece_territory) if w.territory_ids[int(t)] in set(territories)]
    mask = np.isin(w.pieces.group, idx)
    return w.pieces.lon[mask], w.pieces.lat[mask]


def _envelope(w: Any, territories: Sequence[str], high_km: float, central_lon: float) -> Any:
    """For a launch from a whole state: the area within range of its outline (a sketch, see rings.envelope)."""
    lon, lat = state_outline(w, territories)
    return rings.envelope(lon, lat, high_km * 1000.0, central_lon)
