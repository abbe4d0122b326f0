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
    # Sikkim: a protectorate (British, then Indian) until its merger into India on 16 May 1975
    ("Gangtok", 27.33, 88.61, "1960-01-01", "sikkim", None, "IND"),
    ("Gangtok", 27.33, 88.61, "1975-05-15", "sikkim", None, "IND"),
    ("Gangtok", 27.33, 88.61, "1975-05-16", "sikkim", "IND", "IND"),
    # Walvis Bay: South African until 1 March 1994
    ("Walvis Bay", -22.96, 14.51, "1994-02-28", "walvis-bay", "ZAF", "ZAF"),
    ("Walvis Bay", -22.96, 14.51, "1994-03-01", "walvis-bay", "NAM", "NAM"),
    ("Windhoek", -22.56, 17.08, "1994-02-28", "nam", "NAM", "NAM"),
    # French India: de facto Indian from 1 November 1954, de jure from 16 August 1962
    ("Pondicherry", 11.93, 79.83, "1954-10-31", "french-india", "FRA", "FRA"),
    ("Pondicherry", 11.93, 79.83, "1954-11-01", "french-india", "FRA", "IND"),
    ("Pondicherry", 11.93, 79.83, "1962-08-15", "french-india", "FRA", "IND"),
    ("Pondicherry", 11.93, 79.83, "1962-08-16", "french-india", "IND", "IND"),
    # Morocco's Spanish zones and Tangier
    ("Tetouan", 35.57, -5.37, "1956-04-06", "spanish-morocco", None, "ESP"),
    ("Tetouan", 35.57, -5.37, "1956-04-07", "spanish-morocco", "MAR", "MAR"),
    ("Fes (French zone)", 34.03, -5.0, "1956-03-01", "mar", None, "FRA"),
    ("Tangier", 35.76, -5.83, "1945-10-10", "tangier", None, "ESP"),
    ("Tangier", 35.76, -5.83, "1956-10-28", "tangier", None, None),
    ("Tangier", 35.76, -5.83, "1956-10-29", "tangier", "MAR", "MAR"),
    ("Tarfaya", 27.94, -12.92, "1958-04-09", "tarfaya-strip", None, "ESP"),
    ("Tarfaya", 27.94, -12.92, "1958-04-10", "tarfaya-strip", "MAR", "MAR"),
    ("Sidi Ifni", 29.38, -10.17, "1969-06-29", "ifni", "ESP", "ESP"),
    ("Sidi Ifni", 29.38, -10.17, "1969-06-30", "ifni", "MAR", "MAR"),
    # Sabah and Sarawak: British until Malaysia was formed on 16 September 1963 (Malaya independent 1957)
    ("Kota Kinabalu", 5.98, 116.08, "1963-09-15", "malaysian-borneo", "GBR", "GBR"),
    ("Kota Kinabalu", 5.98, 116.08, "1963-09-16", "malaysian-borneo", "MYS", "MYS"),
    ("Kuching", 1.55, 110.35, "1960-01-01", "malaysian-borneo", "GBR", "GBR"),
    ("Kuala Lumpur", 3.14, 101.69, "1960-01-01", "mys", "MYS", "MYS"),
    # Zanzibar: British protectorate, independent 1963-12-10, part of Tanzania from 1964-04-26
    ("Zanzibar Town", -6.16, 39.20, "1963-12-09", "zanzibar", None, "GBR"),
    ("Zanzibar Town", -6.16, 39.20, "1963-12-10", "zanzibar", "ZAN", "ZAN"),
    ("Zanzibar Town", -6.16, 39.20, "1964-04-26", "zanzibar", "TZA", "TZA"),
    ("Dar es Salaam", -6.82, 39.27, "1963-12-10", "tza", "TZA", "TZA"),
    # Southern Cameroons: British trust territory until 1 October 1961
    ("Bamenda", 5.96, 10.15, "1961-09-30", "southern-cameroons", None, "GBR"),
    ("Bamenda", 5.96, 10.15, "1961-10-01", "southern-cameroons", "CMR", "CMR"),
    ("Yaounde", 3.87, 11.52, "1961-09-30", "cmr", "CMR", "CMR"),
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
