"""Pictures of a sweep: the animated GIF has one frame per date, a PNG map per date, classes by the law."""

from __future__ import annotations

import datetime as dt

import numpy as np
import pytest
from PIL import Image

from casus.errors import DateError, OutputExistsError
from casus.sweep.dataset import pick_date, read_meta, read_rows
from casus.sweep.pictures import CLASSES, COLOURS, animate, cell_classes, map_png


def test_gif_has_a_frame_per_date(skb, small, tmp_path):
    out = tmp_path / "coverage.gif"
    res = animate(skb, small.out, out, dpi=40, frames_dir=tmp_path / "frames")
    with Image.open(out) as im:
        assert im.format == "GIF" and im.n_frames == len(small.dates)
        assert im.info.get("loop") == 0
    assert res["frames"] == len(small.dates) and len(res["frame_files"]) == len(small.dates)
    assert sorted(p.name for p in (tmp_path / "frames").iterdir())[0] == "frame-0000-1950-01-01.png"
    with pytest.raises(OutputExistsError):
        animate(skb, small.out, out, dpi=40)


def test_png_for_one_date_shows_nato_blue(skb, small, tmp_path):
    out = tmp_path / "map.png"
    day = pick_date(read_meta(small.out), "2023-04-05")
    map_png(skb, small.out, day, out, dpi=50)
    with Image.open(out) as im:
        rgb = np.asarray(im.convert("RGB")).reshape(-1, 3)
    nato = tuple(int(COLOURS[CLASSES.index("nato")][k:k + 2], 16) for k in (1, 3, 5))
    assert (rgb == nato).all(axis=1).sum() > 500
    with pytest.raises(DateError, match="the sweep has no date 2022-01-01"):
        pick_date(read_meta(small.out), "2022-01-01")


def test_classes_follow_the_law(small):
    meta = read_meta(small.out)
    # 2023-04-05: Finland is a NATO party (bound 4 April 2023); 1950-01-01: it is not
    for day, expected in ((dt.date(2023, 4, 5), "nato"), (dt.date(1950, 1, 1), None)):
        table = read_rows(small.out, dates=[day], columns=["cell", "clause", "status", "territory"])
        cells, classes = cell_classes(meta, table)
        terr = dict(zip(table.column("cell").to_pylist(), table.column("territory").to_pylist(), strict=True))
        fin = {CLASSES[c] for cell, c in zip(cells, classes, strict=True) if terr[cell] == "fin"}
        assert fin, "no Finnish cell on a 5° grid"
        if expected:
            assert fin == {expected}
        else:
            assert "nato" not in fin
