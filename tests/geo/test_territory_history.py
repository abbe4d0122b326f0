"""Territories whose first sovereign gained them later than the state's own start (the history audit).

Each fixed territory is checked on both sides of each date with ``where`` (the control in force that day).
"""

from __future__ import annotations

import pytest

# place, lat, lon, date, expected territory, sovereign, administrator
ROWS = [
    # Goa: Portuguese until the surrender of 19 December 1961 (not Indian from 1947)
    ("Panaji", 15.49, 73.83, "1950-01-01", "goa-daman-diu", "PRT", "PRT"),
    ("Panaji", 15.49, 73.83, "1961-12-18", "goa-daman-diu", "PRT", "PRT"),
    ("Panaji", 15.49, 73.83, "1961-12-19", "goa-daman-diu", "IND", "IND"),
    ("Daman", 20.41, 72.85, "1961-12-18", "goa-daman-diu", "PRT", "PRT"),
    ("Daman", 20.41, 72.85, "1961-12-19", "goa-daman-diu", "IND", "IND"),
    ("Mumbai", 19.07, 72.88, "1950-01-01", "ind", "IND", "IND"),
    # Western New Guinea: Dutch until 1 October 1962, UN (UNTEA) until 1 May 1963, then Indonesian
    ("Jayapura", -2.55, 140.70, "1950-01-01", "western-new-guinea", "NLD", "NLD"),
    ("Jayapura", -2.55, 140.70, "1962-09-30", "western-new-guinea", "NLD", "NLD"),
    ("Jayapura", -2.55, 140.70, "1962-10-01", "western-new-guinea", None, None),
    ("Jayapura", -2.55, 140.70, "1963-04-30", "western-new-guinea", None, None),
    ("Jayapura", -2.55, 140.70, "1963-05-01", "western-new-guinea", "IDN", "IDN"),
    ("Sorong", -0.88, 131.26, "1962-09-30", "western-new-guinea", "NLD", "NLD"),
    ("Ambon (Maluku, Indonesian from 1949)", -3.70, 128.18, "1950-01-01", "idn", "IDN", "IDN"),
    # Northern Cyprus: the Kyrenia bridgehead from 20 July 1974, the rest of the north from 16 August 1974
    ("Kyrenia", 35.33, 33.32, "1974-07-19", "kyrenia-bridgehead", "CYP", "CYP"),
    ("Kyrenia", 35.33, 33.32, "1974-07-20", "kyrenia-bridgehead", "CYP", "TUR"),
    ("Famagusta", 35.12, 33.94, "1974-08-15", "northern-cyprus", "CYP", "CYP"),
    ("Famagusta", 35.12, 33.94, "1974-08-16", "northern-cyprus", "CYP", "TUR"),
    ("Limassol", 34.69, 33.04, "2000-01-01", "cyp", "CYP", "CYP"),
]


@pytest.mark.parametrize(("place", "lat", "lon", "day", "territory", "sovereign", "administrator"), ROWS,
                         ids=[f"{r[0]} {r[3]}" for r in ROWS])
def test_control_on_both_sides_of_each_date(kb, place, lat, lon, day, territory, sovereign, administrator):
    w = kb.where(lat, lon, on=day)
    assert w.territory == territory, place
    assert (w.sovereign, w.administrator) == (sovereign, administrator), f"{place} on {day}"


def test_untea_is_recorded_as_un_administration(kb):
    w = kb.where(-2.55, 140.70, on="1963-01-01")
    assert w.status == "trust"
    assert any("Temporary Executive Authority" in n for n in w.notes)
