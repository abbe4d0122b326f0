"""The dyad-year and dyad-day tables: columns, known dyads on both sides of each date, the coding rules."""

from __future__ import annotations

import datetime as dt

import numpy as np
import pytest

from casus.errors import DateError, InputError
from casus.export.dyads import dyad_days, dyad_years

COLUMNS = ["ccode1", "ccode2", "year", "iso1", "iso2", "stateabb1", "stateabb2", "defense", "offense",
           "neutrality", "non_aggression", "consultation", "alliance", "treaties", "defense_treaties",
           "offense_treaties", "neutrality_treaties", "non_aggression_treaties", "consultation_treaties",
           "atop_ids", "cow_ids"]


@pytest.fixture(scope="module")
def directed(kb):
    return dyad_years(kb).to_pandas()


@pytest.fixture(scope="module")
def undirected(kb):
    return dyad_years(kb, directed=False).to_pandas()


def row(df, a, b, year):
    got = df[(df.iso1 == a) & (df.iso2 == b) & (df.year == year)]
    assert len(got) == 1, f"{a}-{b} {year}: {len(got)} rows"
    return got.iloc[0]


def treaties(r, kind="defense"):
    v = r[f"{kind}_treaties"]
    return set(v.split(";")) if isinstance(v, str) else set()


def test_columns_and_types(kb):
    t = dyad_years(kb, first=2000, last=2001)
    assert t.column_names == COLUMNS
    assert str(t.schema.field("ccode1").type) == "int16"
    assert str(t.schema.field("year").type) == "int16"
    for c in ("defense", "offense", "neutrality", "non_aggression", "consultation", "alliance"):
        assert set(t.column(c).to_pylist()) <= {0, 1}


def test_usa_japan_1961_defense(directed):
    # Treaty of Mutual Cooperation and Security, in force 23 June 1960 (exchange of ratifications, Tokyo)
    r = row(directed, "USA", "JPN", 1961)
    assert (r.ccode1, r.ccode2) == (2, 740)
    assert r.defense == 1 and r.alliance == 1
    assert "us-japan-1960" in treaties(r)
    assert row(directed, "USA", "JPN", 1960).defense == 1      # any day of 1960 from 23 June
    assert "us-japan-1960" not in treaties(row(directed, "USA", "JPN", 1959))


def test_anzus_directed_after_1986(directed):
    # The United States suspended its ANZUS obligations to New Zealand on 11 August 1986 (data: anzus-1951.yaml);
    # Australia's continue.
    assert "anzus-1951" not in treaties(row(directed, "USA", "NZL", 1990))
    assert "anzus-1951" in treaties(row(directed, "AUS", "NZL", 1990))
    assert "anzus-1951" in treaties(row(directed, "USA", "AUS", 1990))
    assert "anzus-1951" in treaties(row(directed, "USA", "NZL", 1985))
    assert "anzus-1951" in treaties(row(directed, "USA", "NZL", 1986))   # held until 11 August 1986
    assert "anzus-1951" not in treaties(row(directed, "USA", "NZL", 1987))


def test_finland_nato(directed):
    # Finland deposited its instrument of accession on 4 April 2023 (NATO, depositary: US State Department)
    r23 = row(directed, "FIN", "USA", 2023)
    assert r23.defense == 1 and "nato" in treaties(r23)
    r22 = row(directed, "FIN", "USA", 2022)
    assert r22.defense == 0 and "nato" not in treaties(r22)
    assert row(directed, "USA", "FIN", 2023).defense == 1


def test_rules_on_both_sides_of_the_date(kb):
    for rule, expected in (("any", 1), ("jan1", 0), ("dec31", 1)):
        df = dyad_years(kb, first=2023, last=2023, rule=rule).to_pandas()
        assert row(df, "FIN", "USA", 2023).defense == expected, rule
    # ANZUS, USA towards NZL in 1986: held on 1 January, not on 31 December
    for rule, held in (("any", True), ("jan1", True), ("dec31", False)):
        df = dyad_years(kb, first=1986, last=1986, rule=rule).to_pandas()
        assert ("anzus-1951" in treaties(row(df, "USA", "NZL", 1986))) is held, rule
    with pytest.raises(InputError, match="rule"):
        dyad_years(kb, rule="jun30")  # type: ignore[arg-type]


def test_germany_splits_by_cow_code(directed):
    # COW codes the Federal Republic 260 (GFR) until 2 October 1990 and Germany 255 (GMY) after (states.yaml)
    got = directed[(directed.iso1 == "DEU") & (directed.iso2 == "FRA") & (directed.year == 1990)]
    assert sorted(got.ccode1.tolist()) == [255, 260]
    assert (got.defense == 1).all()
    assert set(directed[(directed.iso1 == "DEU") & (directed.year == 1991)].ccode1) == {255}
    assert set(directed[(directed.iso1 == "DEU") & (directed.year == 1989)].ccode1) == {260}
    # East Germany existed until 3 October 1990 and was in the Warsaw Pact
    assert row(directed, "DDR", "SUN", 1990).defense == 1
    assert directed[(directed.iso1 == "DDR") & (directed.year == 1991)].empty


def test_rows_only_while_both_states_exist(directed):
    # the USSR ended on 26 December 1991 (states.yaml)
    sun = directed.iso1.str.split(";").apply(lambda v: "SUN" in v)
    assert not directed[sun & (directed.year == 1991)].empty
    assert directed[sun & (directed.year == 1992)].empty
    # Bahamas: independent from 10 July 1973
    assert directed[(directed.iso1 == "BHS") & (directed.year == 1972)].empty
    assert not directed[(directed.iso1 == "BHS") & (directed.year == 1973)].empty
    assert directed[(directed.iso1 == directed.iso2)].empty


def test_sorted_and_keyed_like_peacesciencer(directed):
    coded = directed.dropna(subset=["ccode1", "ccode2"])
    keys = coded[["ccode1", "ccode2", "year"]].astype(int).to_numpy()
    order = np.lexsort((keys[:, 2], keys[:, 1], keys[:, 0]))
    assert (order == np.arange(len(order))).all()
    assert not coded.duplicated(["ccode1", "ccode2", "year"]).any()
    # states without a COW code (Palestine, the Holy See) keep their rows, with ccode null, at the end
    assert set(directed[directed.ccode1.isna()].iso1) == {"PSE", "VAT"}


def test_one_cow_state_for_the_soviet_union_and_russia(directed, kb):
    # COW codes the USSR and Russia as one series, 365 RUS (states.yaml); the USSR ended 26 December 1991
    r = directed[(directed.ccode1 == 365) & (directed.ccode2 == 2) & (directed.year == 1991)]
    assert r.iso1.tolist() == ["SUN;RUS"]
    assert directed[(directed.ccode1 == 365) & (directed.ccode2 == 365)].empty
    by_iso = dyad_years(kb, first=1991, last=1991, by="iso").to_pandas()
    assert sorted(by_iso[(by_iso.iso2 == "USA") & (by_iso.ccode1 == 365)].iso1) == ["RUS", "SUN"]
    assert not by_iso.duplicated(["iso1", "iso2", "year"]).any()
    # keyed by ISO state, Germany is one row in 1990, with the COW code in use at the end of the year
    deu = dyad_years(kb, first=1990, last=1990, by="iso").to_pandas()
    assert deu[(deu.iso1 == "DEU") & (deu.iso2 == "FRA")].ccode1.tolist() == [255]


def test_undirected_is_either_direction(directed, undirected):
    both = undirected.dropna(subset=["ccode1", "ccode2"])
    assert (both.ccode1 < both.ccode2).all()
    d = directed.dropna(subset=["ccode1", "ccode2"]).set_index(["ccode1", "ccode2", "year"])
    sample = both.sample(2000, random_state=1)
    for r in sample.itertuples():
        ab = d.loc[(r.ccode1, r.ccode2, r.year)]
        ba = d.loc[(r.ccode2, r.ccode1, r.year)]
        assert r.defense == max(ab.defense, ba.defense)
        assert r.consultation == max(ab.consultation, ba.consultation)
    assert len(undirected) * 2 == len(directed)


def test_alliance_is_any_kind(directed):
    kinds = directed[["defense", "offense", "neutrality", "non_aggression", "consultation"]].max(axis=1)
    assert (directed.alliance == kinds).all()
    assert (directed.treaties.notna() == (directed.alliance == 1)).all()


def test_only_obligated(kb):
    t = dyad_years(kb, first=2023, last=2023, only_obligated=True).to_pandas()
    assert (t.alliance == 1).all()
    assert row(t, "FIN", "USA", 2023).defense == 1


def test_year_range_refused_outside_the_data(kb):
    with pytest.raises(DateError, match="1945"):
        dyad_years(kb, first=1930)
    with pytest.raises(DateError, match="covered range"):
        dyad_years(kb, last=dt.date.today().year + 1)
    with pytest.raises(DateError, match="after"):
        dyad_years(kb, first=2000, last=1999)


def test_dyad_days_on_both_sides_of_finlands_accession(kb):
    tables = list(dyad_days(kb, dt.date(2023, 4, 2), dt.date(2023, 4, 5), block=2))
    assert len(tables) == 2
    df = __import__("pyarrow").concat_tables(tables).to_pandas()
    fin = df[(df.iso1 == "FIN") & (df.iso2 == "USA")].set_index("date")
    assert fin.defense.to_dict() == {dt.date(2023, 4, 2): 0, dt.date(2023, 4, 3): 0,
                                     dt.date(2023, 4, 4): 1, dt.date(2023, 4, 5): 1}
    assert "date" in df.columns and "year" not in df.columns


def test_crosswalk_ids_for_joins(directed):
    # NATO is ATOP 3180; the Treaty of Dunkirk ATOP 3055 and COW 3504 (treaty files, from ATOP/COW)
    assert row(directed, "FIN", "USA", 2023).atop_ids == "3180"
    fra_gbr = row(directed, "FRA", "GBR", 1948)
    assert "3055" in fra_gbr.atop_ids.split(";") and fra_gbr.cow_ids == "3504"
    # a treaty ATOP does not code adds no id: the Compact of Free Association alone (USA to PLW, 1995)
    assert not isinstance(row(directed, "USA", "PLW", 1995).atop_ids, str)


def test_one_way_compact_is_a_directed_row_only_from_the_guarantor(directed):
    assert "cofa-usa-plw-1994" in treaties(row(directed, "USA", "PLW", 1995))
    assert not len(directed[(directed.iso1 == "PLW") & (directed.iso2 == "USA") & (directed.year == 1995)
                            & (directed.defense == 1)])


def test_crosswalk_columns_carry_atop_ids(directed):
    # US-Pakistan Agreement of Cooperation, 5 March 1959 (ATOP 3355): the row lists its ATOP id with the treaty
    r = row(directed, "USA", "PAK", 1960)
    assert "us-pakistan-1959" in treaties(r)
    assert "3355" in r.atop_ids.split(";")
    assert "us-pakistan-1959" not in treaties(row(directed, "USA", "PAK", 1958))


def test_unique_rows_matches_numpy_on_many_words():
    from casus.export.dyads import _unique_rows

    rng = np.random.default_rng(2)
    bits = (rng.integers(0, 3, size=(5000, 4)) << rng.integers(0, 63, size=(5000, 4))).astype(np.uint64)
    bits[::7] = 0
    uniq, inv = _unique_rows(bits)
    np.testing.assert_array_equal(uniq[inv], bits)
    assert len(uniq) == len(np.unique(bits, axis=0))
