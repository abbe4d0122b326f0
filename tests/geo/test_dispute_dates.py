"""A territory is 'disputed' only from the day a state claims it (issue: status without claimant).

Each row is read on both sides of the claim's first day with ``where``: before it the place is held without
dispute (or, in 1945, under Japanese occupation), from it the status is disputed and the claimant is named.
"""

from __future__ import annotations

import pytest

from casus.geo import query

# place, lat, lon, day, territory, status, administrator, claimants
ROWS = [
    # Ceuta: Spanish; Morocco's claim from its independence (2 March 1956)
    ("Ceuta", 35.889, -5.316, "1956-03-01", "ceuta", "sovereign", "ESP", []),
    ("Ceuta", 35.889, -5.316, "1956-03-02", "ceuta", "disputed", "ESP", ["MAR"]),
    # Mayotte: part of the French Comoros until the Comoros declared independence (6 July 1975)
    ("Mamoudzou", -12.78, 45.23, "1975-07-05", "mayotte", "sovereign", "FRA", []),
    ("Mamoudzou", -12.78, 45.23, "1975-07-06", "mayotte", "disputed", "FRA", ["COM"]),
    # The Chagos: the British Indian Ocean Territory from 1965, claimed by Mauritius from its independence (1968)
    ("Diego Garcia", -7.31, 72.41, "1968-03-11", None, "sovereign", "GBR", []),
    ("Diego Garcia", -7.31, 72.41, "1968-03-12", None, "disputed", "GBR", ["MUS"]),
    # Imia: Greek with the Dodecanese from 1947, claimed by Turkey from the 1995-96 crisis
    ("Imia", 37.050, 27.150, "1995-12-31", None, "sovereign", "GRC", []),
    ("Imia", 37.050, 27.150, "1996-01-01", None, "disputed", "GRC", ["TUR"]),
    # Goa: Portuguese; India's claim from its independence
    ("Panaji", 15.49, 73.83, "1947-08-14", "goa-daman-diu", "sovereign", "PRT", []),
    ("Panaji", 15.49, 73.83, "1947-08-15", "goa-daman-diu", "disputed", "PRT", ["IND"]),
    # The Netherlands East Indies: Japanese occupation until the Republic's proclamation of 17 August 1945
    ("Jakarta", -6.21, 106.85, "1945-08-16", "idn", "occupied", "JPN", []),
    ("Jakarta", -6.21, 106.85, "1945-08-17", "idn", "disputed", "NLD", ["IDN"]),
    # French Indochina: French until Japan's coup of 9 March 1945, Japanese until the DRV's proclamation
    ("Hanoi", 21.03, 105.85, "1945-03-08", "vnm", "sovereign", "FRA", []),
    ("Hanoi", 21.03, 105.85, "1945-03-09", "vnm", "occupied", "JPN", []),
    ("Hanoi", 21.03, 105.85, "1945-09-01", "vnm", "occupied", "JPN", []),
    ("Hanoi", 21.03, 105.85, "1945-09-02", "vnm", "disputed", "FRA", ["VNM"]),
    ("Saigon", 10.78, 106.70, "1945-03-09", "south-vietnam", "occupied", "JPN", []),
    ("Saigon", 10.78, 106.70, "1945-09-02", "south-vietnam", "disputed", "FRA", ["VNM"]),
]


@pytest.mark.parametrize(("place", "lat", "lon", "day", "territory", "status", "holder", "claimants"), ROWS,
                         ids=[f"{r[0]}-{r[3]}" for r in ROWS])
def test_disputed_from_the_claim(kb, place, lat, lon, day, territory, status, holder, claimants):
    w = query.where(kb, lat, lon, on=day).to_dict()
    if territory is not None:
        assert w["territory"] == territory, w
    assert w["status"] == status, (place, day, w)
    assert (w["administrator"] or w["sovereign"]) == holder, (place, day, w)
    assert w["claimants"] == claimants, (place, day, w)


def test_no_period_is_disputed_before_its_first_claim(kb):
    """Across the bundled data: a disputed period that some claim falls into is claimed from its first day (the
    rule ``casus check`` enforces, read back through the loaded base). A period no claim falls into is a dispute
    of recognition, which its note explains."""
    from casus.dates import COVERED_FROM
    from casus.geo.control import chain, holding

    territories = kb.territories
    checked = 0
    for tid, t in territories.items():
        claims = [cl for k in chain(territories, tid) for cl in territories[k].claims]
        for c in t.control:
            first = max(c.start or COVERED_FROM, COVERED_FROM)
            inside = [cl for cl in claims if cl.state != c.sovereign and (cl.end is None or cl.end > first)
                      and (cl.start is None or c.end is None or cl.start < c.end)]
            if c.status != "disputed" or not inside:
                continue
            h = holding(territories, tid, first)
            if h.decided_by == tid:
                assert h.claimants, (tid, first.isoformat())
                checked += 1
    assert checked > 100  # the Spratly and Paracel features, Ceuta, Melilla, the Chagos, the Kurils, ...
