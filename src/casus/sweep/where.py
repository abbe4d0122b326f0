"""The places a sweep evaluates: the centres of a regular grid, or a list of named places.

A grid is never held whole: it is described by its step and bounding box, and
each tile's cell centres are generated where the tile is evaluated. Cells are
numbered row by row from the south-west corner (``cell = row * nx + column``),
so a cell id, the step and the box give back the cell's centre. A list of
places travels in slices, one per task.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from casus.errors import CoordinateError, InputError

WORLD = (-180.0, -90.0, 180.0, 90.0)
BBOX_HELP = "west,south,east,north in degrees, e.g. -30,20,45,72"


def parse_bbox(text: str | None) -> tuple[float, float, float, float]:
    """``"W,S,E,N"`` -> a box; the whole world when None."""
    if text is None:
        return WORLD
    try:
        w, s, e, n = (float(x) for x in str(text).split(","))
    except ValueError:
        raise CoordinateError(f"--bbox: {text!r} is not four numbers", field="--bbox", accepted=BBOX_HELP) from None
    if not (-180 <= w < e <= 180 and -90 <= s < n <= 90):
        raise CoordinateError(f"--bbox: {text!r} is not a box inside the world (west < east, south < north)",
                              field="--bbox", accepted=BBOX_HELP)
    return (w, s, e, n)


@dataclass(frozen=True)
class Grid:
    """Cells of ``step`` degrees covering ``bbox`` (west, south, east, north)."""

    step: float
    bbox: tuple[float, float, float, float] = WORLD

    def __post_init__(self) -> None:
        if not (isinstance(self.step, int | float) and math.isfinite(self.step) and 0 < self.step <= 90):
            raise InputError(f"--grid: {self.step!r} is not a step in degrees between 0 and 90", field="--grid",
                             accepted="a step in degrees, e.g. 0.25, 1, 2")

    @property
    def nx(self) -> int:
        return max(1, math.ceil(round((self.bbox[2] - self.bbox[0]) / self.step, 9)))

    @property
    def ny(self) -> int:
        return max(1, math.ceil(round((self.bbox[3] - self.bbox[1]) / self.step, 9)))

    @property
    def n(self) -> int:
        return self.nx * self.ny

    def tiles(self, tile_deg: float) -> list[tuple[int, int, int, int]]:
        """(column from, column to, row from, row to) of each tile, half-open, row by row from the south-west."""
        k = max(1, round(tile_deg / self.step))
        return [(x, min(x + k, self.nx), y, min(y + k, self.ny))
                for y in range(0, self.ny, k) for x in range(0, self.nx, k)]

    def cells(self, tile: tuple[int, int, int, int]) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """Cell ids, latitudes and longitudes of the centres of a tile's cells (centres past the box's edge are
        pulled back onto it)."""
        x0, x1, y0, y1 = tile
        xs = np.arange(x0, x1, dtype=np.int64)
        ys = np.arange(y0, y1, dtype=np.int64)
        yy, xx = np.meshgrid(ys, xs, indexing="ij")
        cell = yy.ravel() * self.nx + xx.ravel()
        lat, lon = self.centre(cell)
        return cell, lat, lon

    def centre(self, cell: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """Latitude and longitude of cell centres, from their ids."""
        y, x = np.divmod(np.asarray(cell, dtype=np.int64), self.nx)
        lon = np.minimum(self.bbox[0] + (x + 0.5) * self.step, self.bbox[2])
        lat = np.minimum(self.bbox[1] + (y + 0.5) * self.step, self.bbox[3])
        return lat, np.where(lon >= 180.0, lon - 360.0, lon)

    def to_dict(self) -> dict[str, object]:
        return {"kind": "grid", "step": self.step, "bbox": list(self.bbox), "nx": self.nx, "ny": self.ny,
                "cells": self.n, "cell_id": "row * nx + column, from the south-west corner; centres in lat, lon"}


@dataclass(frozen=True)
class Places:
    """Named points; ``cell`` in the output is a place's position in this list."""

    names: tuple[str, ...]
    lats: tuple[float, ...]
    lons: tuple[float, ...]
    source: str = "places"

    @property
    def n(self) -> int:
        return len(self.names)

    def tiles(self, size: int) -> list[tuple[int, int]]:
        return [(a, min(a + size, self.n)) for a in range(0, self.n, size)]

    def slice(self, tile: tuple[int, int]) -> Places:
        a, b = tile
        return Places(self.names[a:b], self.lats[a:b], self.lons[a:b], self.source)

    def to_dict(self) -> dict[str, object]:
        return {"kind": "places", "source": self.source, "count": self.n}


def read_places_file(text: str) -> list[tuple[str, float | None, float | None]]:
    """Lines of a places file: ``name``, ``name,lat,lon`` or ``lat,lon``; blank lines and ``#`` comments skipped."""
    out: list[tuple[str, float | None, float | None]] = []
    for n, line in enumerate(text.splitlines(), start=1):
        body = line.split("#", 1)[0].strip()
        if not body:
            continue
        parts = [p.strip() for p in body.split(",")]
        nums = _floats(parts[-2:]) if len(parts) >= 2 else None
        if nums is not None and len(parts) == 2:
            out.append((f"{nums[0]},{nums[1]}", nums[0], nums[1]))
        elif nums is not None and len(parts) >= 3:
            out.append((body.rsplit(",", 2)[0].strip(), nums[0], nums[1]))
        else:
            out.append((body, None, None))
        _, lat, lon = out[-1]
        if lat is not None and lon is not None and not (abs(lat) <= 90 and abs(lon) <= 180):
            raise CoordinateError(f"places file line {n}: {body!r} is not a place on Earth", field="--places-file",
                                  accepted="name, or name,lat,lon, or lat,lon; one per line")
    return out


def _floats(parts: list[str]) -> tuple[float, float] | None:
    try:
        a, b = (float(p) for p in parts)
    except ValueError:
        return None
    return (a, b) if math.isfinite(a) and math.isfinite(b) else None
