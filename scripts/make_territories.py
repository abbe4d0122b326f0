"""Fill src/casus/data/territories.yaml with every Natural Earth 1:10m admin-0 feature.

The YAML file is the source of truth and is committed; this script only adds
what is missing, so hand-written histories, claims and parts survive a rerun:

* a feature with no entry gets one: id, name, ``ne`` code, English aliases and
  a single undated control period (sovereign from Natural Earth's SOV_A3),
  sourced to the file-level Natural Earth source (``*ne``);
* an existing entry for a feature gets ``name``, ``ne`` and ``aliases`` filled
  in if it lacks them, and a baseline control period if it has none.

Ids: the lowercase ISO 3166-1 alpha-3 code (ISO_A3_EH) where it names one
feature only, else the lowercase ADM0_A3; the few features that match an id of
the shared vocabulary keep it (spratly-islands, scarborough-shoal,
guantanamo-bay, akrotiri-dhekelia = Akrotiri + Dhekelia).

Usage: ``python scripts/make_territories.py [--check]`` (``--check``: exit 1 if
the file lacks a feature, write nothing).
"""

from __future__ import annotations

import re
import sys
from collections import Counter, defaultdict
from pathlib import Path

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq

from casus.geo.ne import SOURCE, _records
from casus.kb.naturalearth import shapefile_bytes

DATA = Path(__file__).resolve().parent.parent / "src" / "casus" / "data" / "territories.yaml"

SPECIAL_IDS = {"PGA": "spratly-islands", "SCR": "scarborough-shoal", "USG": "guantanamo-bay",
               "WSB": "akrotiri-dhekelia", "ESB": "akrotiri-dhekelia"}
SPECIAL_NAMES = {"CHN": "China", "spratly-islands": "Spratly Islands", "scarborough-shoal": "Scarborough Shoal",
                 "akrotiri-dhekelia": "Akrotiri and Dhekelia", "guantanamo-bay": "Guantanamo Bay Naval Base",
                 "USA": "United States", "HKG": "Hong Kong", "MAC": "Macau", "GMB": "Gambia",
                 "BHS": "Bahamas", "TLS": "Timor-Leste", "CIV": "Côte d'Ivoire", "CZE": "Czechia",
                 "VAT": "Vatican City", "FSM": "Micronesia"}
# sovereign codes Natural Earth writes with a digit (a country with dependencies)
SOV = {"US1": "USA", "FR1": "FRA", "GB1": "GBR", "CH1": "CHN", "CU1": "CUB", "DN1": "DNK", "FI1": "FIN",
       "NL1": "NLD", "NZ1": "NZL", "AU1": "AUS", "KA1": "KAZ", "IS1": "ISR", "BRI": "BRA", "SDS": "SSD", "KOS": "XKX"}
NO_SOVEREIGN = {"PGA", "SCR", "BRT", "ATA", "SAH", "PSX"}
BAD_NAME_EN = {"PGA"}  # Natural Earth 5.1.1 calls the Spratly feature "Wake Island" in NAME_EN
DOTTED = re.compile(r"^(?:[A-Z]\.){2,}$")


def territory_id(attrs: dict, iso_count: Counter) -> str:
    code = attrs["ADM0_A3"]
    if code in SPECIAL_IDS:
        return SPECIAL_IDS[code]
    iso = str(attrs["ISO_A3_EH"])
    if re.fullmatch(r"[A-Z]{3}", iso) and iso_count[iso] == 1:
        return iso.lower()
    return code.lower()


def names(group: list[dict], tid: str) -> tuple[str, list[str]]:
    a = group[0]
    name = SPECIAL_NAMES.get(tid) or SPECIAL_NAMES.get(a["ADM0_A3"]) or (
        a["NAME_LONG"] if a["ADM0_A3"] in BAD_NAME_EN else a["NAME_EN"] or a["NAME_LONG"])
    found: list[str] = []
    for attrs in group:
        cands = [attrs["NAME"], attrs["NAME_LONG"], attrs["ADMIN"], attrs["FORMAL_EN"], attrs["NAME_SORT"]]
        if attrs["ADM0_A3"] not in BAD_NAME_EN:
            cands.append(attrs["NAME_EN"])
        cands += [s.strip() for s in str(attrs["NAME_ALT"] or "").split(",")]
        if DOTTED.match(str(attrs["ABBREV"] or "")):
            cands.append(attrs["ABBREV"])
        for c in cands:
            c = str(c or "").strip()
            if c and c != "-99" and "," not in c and c != name and c not in found:
                found.append(c)
    return name, found


def baseline_control(group: list[dict], ne_source: object) -> CommentedSeq:
    a = group[0]
    sov = None if a["ADM0_A3"] in NO_SOVEREIGN else SOV.get(a["SOV_A3"], a["SOV_A3"])
    period = CommentedMap()
    period["sovereign"] = sov
    if a["TYPE"] == "Lease":
        period["status"] = "leased"
    elif a["TYPE"] in ("Disputed", "Indeterminate"):
        period["status"] = "disputed"
    srcs = CommentedSeq([ne_source])
    period["sources"] = srcs
    return CommentedSeq([period])


def flow(items: list[str]) -> CommentedSeq:
    seq = CommentedSeq(items)
    seq.fa.set_flow_style()
    return seq


def main(argv: list[str]) -> int:
    check = "--check" in argv
    _, _, dbf = shapefile_bytes()
    records = _records(dbf)
    iso_count = Counter(str(r["ISO_A3_EH"]) for r in records)
    groups: dict[str, list[dict]] = defaultdict(list)
    for r in records:
        groups[territory_id(r, iso_count)].append(r)
    yaml = YAML(typ="rt")
    yaml.width = 120
    yaml.indent(mapping=2, sequence=4, offset=2)
    if DATA.exists():
        doc = yaml.load(DATA)
    else:
        doc = CommentedMap()
        doc["sources"] = CommentedSeq([CommentedMap(SOURCE)])
        doc["territories"] = CommentedSeq()
    ne_source = doc["sources"][0]
    ne_source.yaml_set_anchor("ne", always_dump=True)
    entries = {e["id"]: e for e in doc["territories"]}
    missing: list[str] = []
    changed: list[str] = []
    for tid, group in sorted(groups.items()):
        codes = sorted(g["ADM0_A3"] for g in group)
        name, aliases = names(group, tid)
        entry = entries.get(tid)
        if entry is None:
            missing.append(tid)
            entry = CommentedMap()
            entry["id"] = tid
            entries[tid] = entry
            doc["territories"].append(entry)
        filled = CommentedMap()
        filled["id"] = tid
        filled["name"] = entry.get("name", name)
        filled["ne"] = entry.get("ne", codes[0] if len(codes) == 1 else flow(codes))
        have = list(entry.get("aliases") or [])
        extra = [a for a in aliases if a not in have and a != filled["name"]]
        filled["aliases"] = flow(have + extra) if extra or "aliases" not in entry else entry["aliases"]
        for k, v in entry.items():
            if k not in filled:
                filled[k] = v
        if "control" not in filled:
            filled["control"] = baseline_control(group, ne_source)
        if list(filled.items()) != list(entry.items()):
            changed.append(tid)
            entry.clear()
            entry.update(filled)
    if check:
        if missing:
            print(f"territories.yaml lacks {len(missing)} Natural Earth feature(s): {', '.join(missing)}")
            return 1
        print("territories.yaml has every Natural Earth feature")
        return 0
    if not changed:  # nothing to add: leave the hand-formatted file alone
        print(f"nothing to add; {len(doc['territories'])} territories in {DATA}")
        return 0
    doc["territories"].sort(key=lambda e: e["id"])
    with DATA.open("w", encoding="utf-8") as fh:
        yaml.dump(doc, fh)
    print(f"added {len(missing)} feature(s), filled in {len(changed) - len(missing)}; "
          f"{len(doc['territories'])} territories in {DATA}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
