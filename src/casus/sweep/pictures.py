"""Pictures of a sweep: a map per date, and the animated GIF of "the geography of collective defence".

Each cell (or place) is coloured by the strongest defence clause that applies
to an attack by an outside state there: NATO Article 5, another alliance's
defence clause, one whose application is ambiguous, or none. Maps are drawn by
matplotlib with the Agg canvas (no display, no pyplot state) over our own
territory outlines from the compiled atlas (no map data is downloaded), and the
frames are joined into a GIF with Pillow. Files are written atomically.
"""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np

from casus.fileio import atomic_write_bytes, check_writable
from casus.geo.atlas import atlas_of
from casus.sweep.dataset import read_meta, read_rows, sweep_dates

if TYPE_CHECKING:
    from casus.kb.base import KnowledgeBase

#: class of a cell, weakest first; colours chosen to stay apart for colour-blind readers
CLASSES = ("sea", "none", "ambiguous", "alliance", "nato")
COLOURS = ("#eef3f7", "#d9d4cc", "#f0b43c", "#3aa38f", "#1f4e9c")
LABELS = ("high seas (not judged)", "no defence clause applies", "a defence clause is ambiguous",
          "another alliance's defence clause applies", "NATO Article 5 applies")
NATO = "nato/art5"


def cell_classes(meta: dict[str, Any], table: Any) -> tuple[np.ndarray, np.ndarray]:
    """(cells, class code) for the rows of one date: the strongest defence verdict at each cell."""
    import pyarrow as pa
    import pyarrow.compute as pc

    clauses = list(meta["clauses"])
    defense = np.array([meta["clause_kinds"].get(c) == "defense" for c in clauses], dtype=bool)
    cells = table.column("cell").to_numpy()
    if not len(cells):
        return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.int8)
    ci = pc.index_in(table.column("clause").cast(pa.string()), value_set=pa.array(clauses)).to_numpy(
        zero_copy_only=False)
    st = pc.index_in(table.column("status").cast(pa.string()),
                     value_set=pa.array(["applies", "does_not_apply", "ambiguous"])).to_numpy(zero_copy_only=False)
    is_def = defense[ci]
    nato = np.array([c == NATO for c in clauses], dtype=bool)[ci]
    row = np.full(len(cells), 1, dtype=np.int8)
    row[is_def & (st == 2)] = 2
    row[is_def & (st == 0)] = 3
    row[nato & (st == 0)] = 4
    uniq, inv = np.unique(cells, return_inverse=True)
    out = np.ones(len(uniq), dtype=np.int8)
    np.maximum.at(out, inv.ravel(), row)
    return uniq, out


@dataclass(frozen=True)
class Outlines:
    """Territory outlines as line segments ready for a LineCollection (lon, lat)."""

    lines: list[np.ndarray]


def outlines(kb: KnowledgeBase, tolerance: float = 0.1) -> Outlines:
    """The borders and coasts of every Natural Earth-level territory, simplified for drawing."""
    import shapely

    atlas = atlas_of(kb)
    lines: list[np.ndarray] = []
    for tid in atlas.territory_ids:
        if atlas.parent(tid) is not None:
            continue
        g = atlas.geometry(tid)
        if g is None or g.is_empty:
            continue
        g = shapely.simplify(g, tolerance, preserve_topology=True)
        for ring in shapely.get_rings(shapely.get_parts(g)):
            xy = shapely.get_coordinates(ring)
            if len(xy) >= 2:
                lines.append(xy)
    return Outlines(lines)


class MapCanvas:
    """One figure reused for every frame: only the colours and the title change between dates."""

    def __init__(self, meta: dict[str, Any], outline: Outlines, *, dpi: int = 100, width: float = 10.0) -> None:
        from matplotlib.backends.backend_agg import FigureCanvasAgg
        from matplotlib.collections import LineCollection
        from matplotlib.colors import BoundaryNorm, ListedColormap
        from matplotlib.figure import Figure
        from matplotlib.patches import Patch

        self.meta = meta
        pts = meta["points"]
        self.grid = pts.get("kind") == "grid"
        w, s, e, n = pts["bbox"] if self.grid else (-180.0, -90.0, 180.0, 90.0)
        aspect = (n - s) / (e - w)
        self.fig = Figure(figsize=(width, width * aspect * 0.98 / 0.80 + 0.1), dpi=dpi)
        self.canvas = FigureCanvasAgg(self.fig)
        ax = self.fig.add_axes((0.01, 0.09, 0.98, 0.80))
        ax.set_xlim(w, e)
        ax.set_ylim(s, n)
        ax.set_aspect("equal")
        ax.set_axis_off()
        ax.add_patch(_rect(w, s, e, n, COLOURS[0]))
        self.cmap = ListedColormap(COLOURS)
        self.norm = BoundaryNorm(np.arange(-0.5, len(COLOURS)), len(COLOURS))
        self.ax = ax
        self.image: Any = None
        self.scatter: Any = None
        if self.grid:
            self.nx, self.ny = int(pts["nx"]), int(pts["ny"])
            self.image = ax.imshow(np.zeros((self.ny, self.nx), dtype=np.int8), origin="lower",
                                   extent=(w, w + self.nx * pts["step"], s, s + self.ny * pts["step"]),
                                   cmap=self.cmap, norm=self.norm, interpolation="nearest", zorder=1)
        ax.add_collection(LineCollection(outline.lines, colors="#4a4a4a", linewidths=0.25, zorder=2))
        self.title = self.fig.text(0.5, 0.95, "", ha="center", va="center", fontsize=13, weight="bold")
        target = meta.get("target", "territory").replace("_", " ")
        self.fig.text(0.5, 0.915, f"Armed attack by a state outside every treaty on the {target} at each point; "
                                  "colour: the strongest defence clause that applies", ha="center", va="center",
                      fontsize=8, color="#333333")
        handles = [Patch(facecolor=c, edgecolor="#777777", linewidth=0.3, label=lab)
                   for c, lab in zip(COLOURS[1:], LABELS[1:], strict=True)]
        self.fig.legend(handles=handles, loc="lower center", ncol=4, fontsize=7, frameon=False,
                        bbox_to_anchor=(0.5, 0.02))
        self.fig.text(0.99, 0.012, "casus; outlines: Natural Earth 1:10m (public domain)", ha="right",
                      fontsize=6, color="#666666")

    def draw(self, day: dt.date, cells: np.ndarray, classes: np.ndarray, lats: np.ndarray | None = None,
             lons: np.ndarray | None = None) -> Any:
        """Render one date; returns a Pillow RGB image."""
        from PIL import Image

        if self.grid:
            img = np.zeros(self.ny * self.nx, dtype=np.int8)
            img[cells] = classes
            self.image.set_data(img.reshape(self.ny, self.nx))  # type: ignore[union-attr]
        else:
            if self.scatter is not None:
                self.scatter.remove()
            colours = np.array(COLOURS)[classes]
            self.scatter = self.ax.scatter(np.asarray(lons), np.asarray(lats), c=colours, s=9,
                                           edgecolors="#333333", linewidths=0.2, zorder=3)
        self.title.set_text(f"The geography of collective defence: {day.isoformat()}")
        self.canvas.draw()
        rgba = np.asarray(self.canvas.buffer_rgba())
        return Image.fromarray(rgba[:, :, :3].copy())


def _rect(w: float, s: float, e: float, n: float, colour: str) -> Any:
    from matplotlib.patches import Rectangle

    return Rectangle((w, s), e - w, n - s, facecolor=colour, edgecolor="none", zorder=0)


def frames(kb: KnowledgeBase, sweep_dir: Path | str, dates: Sequence[dt.date] | None = None, *, dpi: int = 100,
           width: float = 10.0) -> Iterator[tuple[dt.date, Any]]:
    """(date, image) for each date of the sweep (or those given), in date order."""
    meta = read_meta(sweep_dir)
    days = list(dates) if dates is not None else list(sweep_dates(meta))
    step = float(meta["points"].get("step", 1.0))
    canvas = MapCanvas(meta, outlines(kb, tolerance=max(0.05, min(0.5, step / 3))), dpi=dpi, width=width)
    grid = meta["points"].get("kind") == "grid"
    for day in days:
        cols = ["cell", "clause", "status"] + ([] if grid else ["lat", "lon"])
        table = read_rows(sweep_dir, dates=[day], columns=cols)
        cells, classes = cell_classes(meta, table)
        if grid:
            yield day, canvas.draw(day, cells, classes)
        else:
            first = np.unique(table.column("cell").to_numpy(), return_index=True)[1]
            lats = table.column("lat").to_numpy()[first]
            lons = table.column("lon").to_numpy()[first]
            yield day, canvas.draw(day, cells, classes, lats, lons)


def png_bytes(image: Any) -> bytes:
    buf = io.BytesIO()
    image.save(buf, format="PNG", optimize=True)
    return buf.getvalue()


def gif_bytes(images: Sequence[Any], *, frame_ms: int = 700, last_ms: int = 2500, colours: int = 64) -> bytes:
    """An animated GIF (looping) from Pillow images, with one palette shared by every frame.

    The palette is made from a sample of all frames (not the first alone), so that a colour that appears only
    later (an alliance founded in 1955) keeps its own entry; no dithering, so flat map colours stay flat.
    """
    from PIL import Image

    if not images:
        raise ValueError("no frames")
    step = max(1, len(images) // 16)
    sample = list(images[::step])
    w, h = sample[0].size
    sheet = Image.new("RGB", (w, h * len(sample)))
    for k, im in enumerate(sample):
        sheet.paste(im.convert("RGB"), (0, k * h))
    palette = sheet.quantize(colors=colours, method=Image.Quantize.MEDIANCUT, dither=Image.Dither.NONE)
    frames = [im.convert("RGB").quantize(palette=palette, dither=Image.Dither.NONE) for im in images]
    durations = [frame_ms] * (len(frames) - 1) + [last_ms]
    buf = io.BytesIO()
    frames[0].save(buf, format="GIF", save_all=True, append_images=frames[1:], duration=durations, loop=0,
                   optimize=False, disposal=1)
    return buf.getvalue()


def animate(kb: KnowledgeBase, sweep_dir: Path | str, out: Path | str, *, force: bool = False,
            frames_dir: Path | str | None = None, dpi: int = 80, width: float = 10.0, frame_ms: int = 700,
            progress: Any = None) -> dict[str, Any]:
    """Write the sweep as an animated GIF (and, if asked, one PNG per date); returns what was written."""
    check_writable(out, force=force)
    images = []
    written = []
    days = list(sweep_dates(read_meta(sweep_dir)))
    for k, (day, image) in enumerate(frames(kb, sweep_dir, days, dpi=dpi, width=width)):
        images.append(image)
        if frames_dir is not None:
            p = Path(frames_dir) / f"frame-{k:04d}-{day.isoformat()}.png"
            atomic_write_bytes(p, png_bytes(image), force=force)
            written.append(str(p))
        if progress is not None:
            progress(k + 1, len(days), day)
    data = gif_bytes(images, frame_ms=frame_ms)
    atomic_write_bytes(out, data, force=force)
    return {"out": str(out), "frames": len(images), "bytes": len(data), "size": list(images[0].size),
            "dates": [d.isoformat() for d in days], "frame_files": written}


def map_png(kb: KnowledgeBase, sweep_dir: Path | str, day: dt.date, out: Path | str, *, force: bool = False,
            dpi: int = 100, width: float = 10.0) -> dict[str, Any]:
    """Write one date of the sweep as a PNG map."""
    check_writable(out, force=force)
    ((_, image),) = list(frames(kb, sweep_dir, [day], dpi=dpi, width=width))
    data = png_bytes(image)
    atomic_write_bytes(out, data, force=force)
    return {"out": str(out), "date": day.isoformat(), "bytes": len(data), "size": list(image.size)}
