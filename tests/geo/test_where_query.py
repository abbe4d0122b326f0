"""``where``, ``place`` and ``where_many``: the Whereabouts record, its JSON, and bad input."""

from __future__ import annotations

import contextlib
import datetime as dt
import json

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from casus.errors import AmbiguousPlaceError, CasusError, CoordinateError, DateError
from casus.geo.query import Whereabouts
from casus.jsonio import dumps

KEYS = ["query", "lat", "lon", "on", "territory", "territory_name", "parts", "country", "sovereign",
        "administrator", "status", "claimants", "regions", "setting", "distance_km", "seas", "place",
        "territory_regions", "feature", "notes", "sources"]


def test_whereabouts_is_frozen_and_serialises_in_a_fixed_order(kb):
    w = kb.where(26.213, 127.67851, on="1965-06-01")
    assert isinstance(w, Whereabouts)
    with pytest.raises(AttributeError):
        w.territory = "x"  # type: ignore[misc]
    d = json.loads(dumps(w))
    assert list(d) == KEYS
    assert d["on"] == "1965-06-01" and d["parts"] == ["okinawa", "ryukyu-islands", "jpn"]
    assert d["regions"] == sorted(d["regions"])
    assert dumps(w) == dumps(kb.where(26.213, 127.67851, on=dt.date(1965, 6, 1)))


def test_sources_credit_natural_earth_and_geonames_for_a_city(kb):
    w = kb.place("Naha", on="1965-06-01")
    titles = " ".join(s["title"] for s in w.sources)
    assert "Natural Earth" in titles and "GeoNames" in titles
    assert all(s.get("url") or s.get("citation") for s in w.sources)
    assert w.place["kind"] == "city" and w.place["country"] == "JP"


def test_a_territory_place_is_answered_for_itself(kb):
    # the Ryukyu Islands' label point lies on Okinawa Island, but the answer is about the Ryukyus
    w = kb.place("Ryukyu Islands", on="1965-06-01")
    assert w.territory == "ryukyu-islands" and w.parts == ("ryukyu-islands", "jpn")
    assert (w.sovereign, w.administrator) == ("JPN", "USA")
    assert "GeoNames" not in " ".join(s["title"] for s in w.sources)


def test_high_seas_name_the_seas(kb):
    w = kb.where(13.0, 114.0, on="2020-01-01")
    assert w.setting == "high_seas" and "south-china-sea" in w.seas
    assert any("12 nautical miles" in n for n in w.notes)


def test_territorial_sea_note_and_source(kb):
    w = kb.where(37.73952, -25.66874, on="2020-01-01")
    assert w.setting == "territorial_sea"
    assert any("UNCLOS" in s["title"] or "Law of the Sea" in s["title"] for s in w.sources)


def test_default_date_is_today(kb):
    assert kb.where(0.0, 0.0).on == dt.date.today()


@pytest.mark.parametrize(("lat", "lon"), [(91, 0), (-90.5, 0), (0, 181), (0, -180.01), (float("nan"), 0),
                                          (float("inf"), 0), ("12", 0), (None, 0), (True, 0), (0, [1])])
def test_bad_coordinates(kb, lat, lon):
    with pytest.raises(CoordinateError):
        kb.where(lat, lon)


@pytest.mark.parametrize("day", ["1944-12-31", (dt.date.today() + dt.timedelta(days=1)).isoformat(), "1965-02-30",
                                 "June 1965", 1965])
def test_bad_dates(kb, day):
    with pytest.raises(DateError) as err:
        kb.where(0.0, 0.0, on=day)
    assert err.value.accepted


def test_covered_range_in_the_message(kb):
    with pytest.raises(DateError, match="1945-01-01"):
        kb.place("Guam", on="1930-01-01")


def test_ambiguous_place(kb):
    with pytest.raises(AmbiguousPlaceError):
        kb.place("San Juan")


def test_where_many_matches_where(kb):
    lats = [26.213, 40.0, 13.0, 44.95719, 37.73952]
    lons = [127.67851, -40.0, 114.0, 34.11079, -25.66874]
    df = kb.where_many(lats, lons, on="2020-01-01")
    assert list(df.columns) == ["lat", "lon", "territory", "country", "setting", "distance_km", "sovereign",
                                "administrator", "status", "regions"]
    def val(x):  # pandas shows a missing string as NA
        return None if pd.isna(x) else x

    for row, (lat, lon) in zip(df.itertuples(), zip(lats, lons, strict=True), strict=True):
        w = kb.where(lat, lon, on="2020-01-01")
        assert val(row.territory) == w.territory and val(row.country) == w.country
        assert row.setting == w.setting
        assert val(row.sovereign) == w.sovereign and val(row.administrator) == w.administrator
        assert tuple(sorted(row.regions)) == w.regions
        if w.distance_km is None:
            assert np.isnan(row.distance_km)
        else:
            assert row.distance_km == pytest.approx(w.distance_km, abs=1e-3)


def test_where_many_refuses_bad_points(kb):
    with pytest.raises(CoordinateError, match="point 1"):
        kb.where_many([0.0, 95.0], [0.0, 0.0])


@settings(max_examples=40, deadline=None)
@given(st.floats(-90, 90), st.floats(-180, 180))
def test_any_point_on_earth_has_an_answer(kb, lat, lon):
    w = kb.where(lat, lon, on="2000-01-01")
    assert w.setting in ("land", "territorial_sea", "high_seas")
    assert (w.territory is None) == (w.setting == "high_seas")


@settings(max_examples=40, deadline=None)
@given(st.one_of(st.floats(allow_nan=True, allow_infinity=True), st.text(max_size=5), st.none()),
       st.one_of(st.floats(allow_nan=True, allow_infinity=True), st.integers()))
def test_any_input_is_an_answer_or_a_casus_error(kb, lat, lon):
    with contextlib.suppress(CasusError):
        kb.where(lat, lon, on="2000-01-01")


def _where_many_reference(kb, lat, lon, on):
    """``where_many`` as first written (row-wise ``np.unique(axis=0)``, per-row dtype inference): the pin."""
    from casus.geo.atlas import SETTINGS
    from casus.geo.control import control_arrays, status_array

    atlas = kb.atlas
    day = dt.date.fromisoformat(on)
    hits = atlas.locate(np.asarray(lat, dtype=float), np.asarray(lon, dtype=float))
    ids = np.array((*atlas.territory_ids, None), dtype=object)
    t = np.where(hits.territory < 0, len(atlas.territory_ids), hits.territory)
    c = np.where(hits.country < 0, len(atlas.territory_ids), hits.country)
    sov, adm = control_arrays(kb, atlas, day)
    st_ = status_array(kb, atlas, day)
    none = np.array([None], dtype=object)
    sov = np.concatenate([np.where(sov == "", None, sov), none])
    adm = np.concatenate([np.where(adm == "", None, adm), none])
    st_ = np.concatenate([st_, none])
    patterns, inverse = np.unique(hits.regions, axis=0, return_inverse=True)
    tuples = [tuple(r for r, b in zip(atlas.region_ids, row, strict=True) if b) for row in patterns]
    regions = [tuples[k] for k in np.asarray(inverse).ravel()]
    return pd.DataFrame({
        "lat": np.asarray(lat, dtype=float), "lon": np.asarray(lon, dtype=float), "territory": ids[t],
        "country": ids[c], "setting": np.array(SETTINGS, dtype=object)[hits.setting],
        "distance_km": hits.distance_km, "sovereign": sov[t], "administrator": adm[t], "status": st_[t],
        "regions": regions,
    })


@pytest.mark.parametrize("on", ["1950-06-01", "2020-01-01"])
def test_where_many_packed_regions_match_the_row_wise_unique(kb, on):
    """Packing region flags into integer codes changes nothing: same values, same dtypes, random points."""
    rng = np.random.default_rng(18)
    lon = np.concatenate([rng.uniform(-180.0, 180.0, 3000), rng.uniform(-10.0, 40.0, 3000)])
    lat = np.concatenate([np.degrees(np.arcsin(rng.uniform(-1.0, 1.0, 3000))), rng.uniform(35.0, 70.0, 3000)])
    df = kb.where_many(lat, lon, on=on)
    pd.testing.assert_frame_equal(df, _where_many_reference(kb, lat, lon, on))
    assert df["regions"].map(len).max() >= 2  # points in several regions at once were exercised
    ocean = kb.where_many([0.0, -40.0], [-30.0, -120.0], on=on)  # no territory at all: object columns
    pd.testing.assert_frame_equal(ocean, _where_many_reference(kb, [0.0, -40.0], [-30.0, -120.0], on))


def test_region_tuples_wide_and_narrow_agree():
    """The lookup-table path (up to 20 regions), the sorted-code path and the packed-bytes path agree."""
    from casus.geo.query import _region_tuples

    rng = np.random.default_rng(3)
    for width in (1, 5, 20, 21, 62, 63, 80):
        flags = rng.random((500, width)) < 0.1
        ids = [f"r{k}" for k in range(width)]
        got = _region_tuples(flags, ids)
        assert list(got) == [tuple(ids[k] for k in np.flatnonzero(row)) for row in flags]
