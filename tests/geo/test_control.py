"""Control over time: inheritance from parents, claims along the chain, and the vectorised arrays."""

from __future__ import annotations

import datetime as dt

import pytest

from casus.errors import DateError, UnknownPlaceError
from casus.geo.control import control, control_arrays


def test_part_without_control_follows_its_parent(kb):
    # Okinawa has no control periods of its own; the Ryukyu Islands' apply
    h = control(kb, "okinawa", "1965-01-01")
    assert (h.sovereign, h.administrator, h.status, h.decided_by) == ("JPN", "USA", "administered",
                                                                      "ryukyu-islands")


def test_part_with_control_from_a_date_follows_its_parent_before(kb):
    # Crimea's own period starts on 18 March 2014; before it, Ukraine's apply
    assert control(kb, "crimea", "2014-03-17").decided_by == "ukr"
    h = control(kb, "crimea", "2014-03-18")
    assert (h.decided_by, h.status, h.sovereign, h.administrator) == ("crimea", "occupied", "UKR", "RUS")


def test_claims_add_up_along_the_chain(kb):
    # the Spratly claims reach Second Thomas Shoal
    h = control(kb, "second-thomas-shoal", "2020-01-01")
    assert {"CHN", "TWN", "VNM", "PHL", "MYS", "BRN"} <= set(h.claimants)
    assert h.administrator == "PHL"


def test_before_a_part_has_control_of_its_own(kb):
    # Second Thomas Shoal before the BRP Sierra Madre (May 1999) follows the Spratlys: no holder
    h = control(kb, "second-thomas-shoal", "1998-01-01")
    assert (h.sovereign, h.administrator, h.decided_by) == (None, None, "spratly-islands")


def test_sovereign_is_not_its_own_claimant(kb):
    assert "JPN" not in control(kb, "senkaku-islands", "2020-01-01").claimants


def test_control_has_sources(kb):
    h = control(kb, "ryukyu-islands", "1965-01-01")
    assert h.sources and all(s.url or s.citation for s in h.sources)
    d = h.to_dict()
    assert d["from"] is None and d["to"] == dt.date(1972, 5, 15)


def test_default_date_is_today(kb):
    assert control(kb, "jpn").on == dt.date.today()


@pytest.mark.parametrize("day", ["1944-12-31", "2999-01-01", "1972-13-01", "yesterday"])
def test_dates_outside_the_covered_range_are_refused(kb, day):
    with pytest.raises(DateError):
        control(kb, "jpn", day)


def test_unknown_territory(kb):
    with pytest.raises(UnknownPlaceError) as err:
        control(kb, "okinwa", "2000-01-01")
    assert "okinawa" in err.value.suggestions


@pytest.mark.parametrize("day", ["1965-06-01", "1972-05-15", "1990-10-02", "2014-03-18", "2020-01-01"])
def test_arrays_agree_with_single_lookups(kb, atlas, day):
    sov, adm = control_arrays(kb, atlas, day)
    assert len(sov) == len(adm) == len(atlas.territory_ids)
    for i, tid in enumerate(atlas.territory_ids):
        h = control(kb, tid, day)
        assert sov[i] == (h.sovereign or "")
        assert adm[i] == (h.administrator or "")


def test_arrays_on_a_known_day(kb, atlas):
    sov, adm = control_arrays(kb, atlas, dt.date(1965, 6, 1))
    i = atlas.index("okinawa")
    assert (sov[i], adm[i]) == ("JPN", "USA")
    j = atlas.index("scarborough-shoal")
    assert (sov[j], adm[j]) == ("", "")
