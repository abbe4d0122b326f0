"""Place names: territories and GeoNames cities, case- and accent-insensitive, ambiguity and suggestions."""

from __future__ import annotations

import contextlib

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from casus.errors import AmbiguousPlaceError, CasusError, UnknownPlaceError
from casus.geo.names import gazetteer, normalize


@pytest.fixture(scope="module")
def gaz(kb):
    return gazetteer(kb)


@pytest.mark.parametrize(("text", "territory"), [
    ("Diaoyu Islands", "senkaku-islands"),
    ("diaoyu islands", "senkaku-islands"),
    ("Senkaku Islands", "senkaku-islands"),
    ("Takeshima", "dokdo"),
    ("Liancourt Rocks", "dokdo"),
    ("Dokdo", "dokdo"),
    ("Guam", "gum"),
    ("GUAM", "gum"),
    ("Okinawa", "okinawa"),
    ("Ryukyu Islands", "ryukyu-islands"),
    ("Åland Islands", "ala"),
    ("aland", "ala"),
    ("Réunion", "reunion"),
    ("reunion", "reunion"),
    ("Hawai'i", "hawaii"),
    ("Islas Malvinas", "flk"),
    ("Northern Territories", "southern-kuril-islands"),
    ("Second Thomas Shoal", "second-thomas-shoal"),
    ("Ayungin Shoal", "second-thomas-shoal"),
    ("Scarborough Shoal", "scarborough-shoal"),
    ("Pescadores", "penghu-islands"),
    ("Quemoy", "kinmen"),
    ("okinawa", "okinawa"),          # an id is a name too
    ("Gibraltar", "gib"),            # the territory wins over the city of the same name
])
def test_territory_names_and_aliases(gaz, text, territory):
    p = gaz.resolve(text)
    assert (p.kind, p.territory) == ("territory", territory)


@pytest.mark.parametrize(("text", "name", "country"), [
    ("Sydney", "Sydney", "AU"),                 # 5.6 million against Sydney, Nova Scotia's 106,000
    ("sao paulo", "São Paulo", "BR"),
    ("SÃO PAULO", "São Paulo", "BR"),
    ("San Juan, PR", "San Juan", "PR"),
    ("San Juan, PRI", "San Juan", "PR"),         # alpha-3 works too
    ("Naha", "Naha", "JP"),
    ("Adamstown", "Adamstown", "PN"),            # its own name beats another town's alias
    ("Las Palmas", "Las Palmas de Gran Canaria", "ES"),
    ("Ponta Delgada", "Ponta Delgada", "PT"),
])
def test_cities(gaz, text, name, country):
    p = gaz.resolve(text)
    assert (p.kind, p.name, p.country) == ("city", name, country)
    assert p.lat is not None and p.population > 0


def test_ambiguous_city_lists_candidates_that_resolve(gaz):
    with pytest.raises(AmbiguousPlaceError) as err:
        gaz.resolve("San Juan")
    assert "San Juan, PR" in err.value.suggestions
    assert err.value.code == "ambiguous_place"
    for label in err.value.suggestions[:3]:
        if label.count(",") == 1:
            assert gaz.resolve(label).kind == "city"


def test_unknown_name_suggests_close_names(gaz):
    with pytest.raises(UnknownPlaceError) as err:
        gaz.resolve("Hnolulu")
    assert "Honolulu, US" in err.value.suggestions


def test_unknown_name_suggests_territories_containing_the_word(gaz):
    with pytest.raises(UnknownPlaceError) as err:
        gaz.resolve("Korea")
    assert {"South Korea (territory kor)", "North Korea (territory prk)"} <= set(err.value.suggestions)


def test_bad_country_code(gaz):
    with pytest.raises(UnknownPlaceError, match="not a country code"):
        gaz.resolve("San Juan, ZZ")


def test_country_code_that_excludes_every_match(gaz):
    with pytest.raises(UnknownPlaceError):
        gaz.resolve("Naha, FR")


def test_empty_name(gaz):
    with pytest.raises(UnknownPlaceError):
        gaz.resolve("   ")


def test_normalize():
    assert normalize("  São   Tomé ") == "sao tome"
    assert normalize("Hawai'i") == "hawaii"
    assert normalize("Bosnia & Herzegovina") == "bosnia and herzegovina"


@given(st.text(max_size=40))
def test_normalize_is_idempotent(text):
    assert normalize(normalize(text)) == normalize(text)


@settings(max_examples=60, deadline=None)
@given(st.text(max_size=30))
def test_any_text_resolves_or_raises_a_casus_error(gaz, text):
    with contextlib.suppress(CasusError):
        gaz.resolve(text)
