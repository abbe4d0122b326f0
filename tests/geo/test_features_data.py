"""The gazetteer's data (src/casus/data/features.yaml), read as YAML and through ``where``.

The file is checked as data first (read with ruamel.yaml, as the loader does): ids unique across territories and
features, sources on every entry and every dated fact, coordinates in range, kinds from UNCLOS's list. Then the
features the issue names are looked for, and their holders are asked for on both sides of each change of control,
at the feature's own coordinates, so that the data and the geometry that uses it are tested together.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from ruamel.yaml import YAML

DATA = Path(__file__).resolve().parents[2] / "src" / "casus" / "data"
KINDS = {"island", "rock", "low_tide_elevation", "artificial_island"}
STATUSES = {"sovereign", "administered", "occupied", "disputed", "trust", "leased"}


def _read(name: str):
    with (DATA / name).open(encoding="utf-8") as fh:
        return YAML(typ="safe").load(fh)


FEATURES = _read("features.yaml")["features"]
BY_ID = {f["id"]: f for f in FEATURES}


def _sourced(sources) -> bool:
    return bool(sources) and all(s.get("title") and (s.get("url") or s.get("citation")) for s in sources)


# --------------------------------------------------------------------------- the file as data


def test_enough_features():
    assert len(FEATURES) >= 160


def test_ids_unique_and_apart_from_territories():
    ids = [f["id"] for f in FEATURES]
    assert len(ids) == len(set(ids)), sorted({i for i in ids if ids.count(i) > 1})
    territories = {t["id"] for t in _read("territories.yaml")["territories"]}
    assert not set(ids) & territories


def test_within_names_a_territory():
    territories = {t["id"] for t in _read("territories.yaml")["territories"]}
    bad = [(f["id"], f["within"]) for f in FEATURES if f.get("within") and f["within"] not in territories]
    assert not bad


@pytest.mark.parametrize("feature", FEATURES, ids=[f["id"] for f in FEATURES])
def test_feature_is_well_formed(feature):
    assert feature["kind"] in KINDS
    assert -90.0 <= feature["at"]["lat"] <= 90.0 and -180.0 <= feature["at"]["lon"] <= 180.0
    assert 0 < feature.get("radius_km", 0.5) <= 50
    assert _sourced(feature["sources"])
    assert feature["control"], "every feature needs at least one control period"
    previous_end = None
    for period in feature["control"]:
        assert _sourced(period["sources"])
        assert period.get("status", "sovereign") in STATUSES
        start, end = period.get("from"), period.get("to")
        if start and end:
            assert start < end
        if previous_end is not None:
            assert start is not None and start >= previous_end, "control periods overlap"
        previous_end = end
    for claim in feature.get("claims") or ():
        assert claim["note"] and _sourced(claim["sources"])


def test_names_do_not_collide_with_territory_names():
    def names(x):
        return {n.casefold() for n in [x["name"], *(x.get("aliases") or ())]}

    territory_names = set().union(*(names(t) for t in _read("territories.yaml")["territories"]))
    clashes = {f["id"]: names(f) & territory_names for f in FEATURES if names(f) & territory_names}
    assert not clashes


# --------------------------------------------------------------------------- what the issue asks for

MUST_HAVE = [
    # Spratlys: China
    "fiery-cross-reef", "subi-reef", "mischief-reef", "cuarteron-reef", "johnson-south-reef", "gaven-reef",
    "hughes-reef",
    # Spratlys: Vietnam
    "spratly-island", "southwest-cay", "sin-cowe-island", "namyit-island", "sand-cay", "pearson-reef", "central-reef",
    "ladd-reef", "barque-canada-reef", "amboyna-cay", "grierson-reef", "lansdowne-reef", "collins-reef", "west-reef",
    "east-reef", "cornwallis-south-reef", "alison-reef", "petley-reef", "discovery-great-reef", "tennent-reef",
    # Spratlys: the Philippines, Malaysia, Taiwan
    "thitu-island", "west-york-island", "nanshan-island", "flat-island", "loaita-island", "lankiam-cay",
    "northeast-cay", "commodore-reef", "brp-sierra-madre", "swallow-reef", "ardasier-reef", "mariveles-reef",
    "erica-reef", "investigator-shoal", "dallas-reef", "itu-aba", "ban-than-reef",
    # Paracels, Scarborough
    "woody-island", "duncan-island", "drummond-island", "pattle-island", "robert-island", "money-island",
    "triton-island", "lincoln-island", "north-reef-paracels", "scarborough-shoal-rocks",
    # Senkakus, Dokdo, Kurils, Japan's outliers
    "uotsuri-jima", "kuba-jima", "taisho-jima", "kitakojima", "minamikojima", "okinokitaiwa", "okinominamiiwa",
    "tobise", "dokdo-dongdo", "dokdo-seodo", "iturup", "kunashir", "shikotan", "tanfiliev-island", "yuri-island",
    "anuchina-island", "zelyony-island", "polonsky-island", "okinotorishima", "minamitorishima",
    # Europe
    "snake-island", "vaindloo", "prangli", "mohni", "keri", "aegna", "naissaar", "gogland", "bolshoy-tyuters",
    "haapasaari", "ulko-tammio", "gotland-island", "bornholm", "fasta-aland", "hans-island-canada",
    "hans-island-denmark", "machias-seal-island", "perejil-island", "imia-megali", "imia-mikri", "rockall",
    # Chagos and the rest
    "diego-garcia-base", "peros-banhos", "abu-musa", "greater-tunb", "lesser-tunb", "greater-hanish", "tiran-island",
    "sanafir-island", "pratas-island", "yeonpyeong-island", "aves-island", "navassa-island", "bajo-nuevo",
    "serranilla-bank", "tromelin-island", "glorioso-islands", "europa-island", "bassas-da-india", "juan-de-nova",
    "sipadan-island", "ligitan-island", "pedra-branca", "middle-rocks", "south-ledge", "heligoland", "lampedusa",
    "gavdos", "kastellorizo", "alboran-island", "penon-de-velez-de-la-gomera", "penon-de-alhucemas", "savage-islands",
    "bear-island", "wrangel-island", "little-diomede", "big-diomede", "kiska-island", "attu-island", "wake-island",
    "johnston-atoll", "midway-atoll", "palmyra-atoll", "howland-island", "baker-island", "jarvis-island",
    "kingman-reef", "yonaguni", "hateruma",
]


def test_must_have_features_are_present():
    missing = [i for i in MUST_HAVE if i not in BY_ID]
    assert not missing


@pytest.mark.parametrize(("fid", "kind"), [
    # South China Sea award, 12 July 2016
    ("fiery-cross-reef", "rock"), ("cuarteron-reef", "rock"), ("johnson-south-reef", "rock"), ("gaven-reef", "rock"),
    ("scarborough-shoal-rocks", "rock"), ("itu-aba", "rock"), ("thitu-island", "rock"), ("spratly-island", "rock"),
    ("subi-reef", "low_tide_elevation"), ("mischief-reef", "low_tide_elevation"), ("hughes-reef", "low_tide_elevation"),
    ("brp-sierra-madre", "low_tide_elevation"),
    # ICJ 2008: South Ledge is a low-tide elevation; ICJ 2012: QS 32 is above water at high tide
    ("south-ledge", "low_tide_elevation"), ("quitasueno-qs32", "rock"),
])
def test_kinds_follow_the_courts(fid, kind):
    assert BY_ID[fid]["kind"] == kind


def test_reclaimed_reefs_keep_their_natural_kind(kb):
    # Mischief Reef, built up from 2015, is still a low-tide elevation: no territorial sea of its own
    mischief = kb.where(9.902, 115.535, on="2020-01-01")
    assert mischief.territory == "mischief-reef"
    assert mischief.feature["built_up"]["by"] == "CHN" and mischief.feature["territorial_sea"] is False
    fiery = kb.where(9.549, 112.889, on="2020-01-01")
    assert fiery.feature["kind"] == "rock" and fiery.feature["territorial_sea"] is True


# --------------------------------------------------------------------------- holders on both sides of each change

CHANGES = [
    # feature, last day before, holder then, first day after, holder then (administrator, else sovereign)
    ("fiery-cross-reef", "1988-01-30", None, "1988-01-31", "CHN"),
    ("cuarteron-reef", "1988-02-17", None, "1988-02-18", "CHN"),
    ("johnson-south-reef", "1988-03-13", None, "1988-03-14", "CHN"),
    ("mischief-reef", "1995-01-31", None, "1995-02-01", "CHN"),
    ("east-reef", "1988-02-18", None, "1988-02-19", "VNM"),
    ("collins-reef", "1988-03-13", None, "1988-03-14", "VNM"),
    ("spratly-island", "1973-08-31", None, "1973-09-01", "RVN"),
    ("spratly-island", "1975-04-28", "RVN", "1975-04-29", "VNM"),
    ("southwest-cay", "1974-12-31", "PHL", "1975-01-01", "RVN"),
    ("southwest-cay", "1975-04-13", "RVN", "1975-04-14", "VNM"),
    ("tennent-reef", "1975-04-29", "RVN", "1975-04-30", "VNM"),
    ("itu-aba", "1946-12-11", None, "1946-12-12", "CHN"),
    ("itu-aba", "1949-12-07", "CHN", "1949-12-08", "TWN"),
    ("swallow-reef", "1983-04-30", None, "1983-05-01", "MYS"),
    ("brp-sierra-madre", "1999-04-30", None, "1999-05-01", "PHL"),
    ("scarborough-shoal-rocks", "2012-06-14", None, "2012-06-15", "CHN"),
    ("pattle-island", "1974-01-19", "RVN", "1974-01-20", "CHN"),
    ("duncan-island", "1974-01-19", "RVN", "1974-01-20", "CHN"),
    ("uotsuri-jima", "1972-05-14", "USA", "1972-05-15", "JPN"),
    ("okinotorishima", "1968-06-25", "USA", "1968-06-26", "JPN"),
    ("tanfiliev-island", "1945-09-04", "JPN", "1945-09-05", "SUN"),
    ("iturup", "1991-12-25", "SUN", "1991-12-26", "RUS"),
    ("snake-island", "2022-02-23", "UKR", "2022-02-24", "RUS"),
    ("snake-island", "2022-06-29", "RUS", "2022-06-30", "UKR"),
    ("vaindloo", "1991-09-05", "SUN", "1991-09-06", "EST"),
    # (earlier changes, such as Gogland's cession in 1940, lie before the covered range, which starts in 1945)
    ("gogland", "1991-12-25", "SUN", "1991-12-26", "RUS"),
    ("bornholm", "1946-04-04", "SUN", "1946-04-05", "DNK"),
    ("heligoland", "1952-02-29", "GBR", "1952-03-01", "DEU"),
    ("hans-island-canada", "2022-06-13", None, "2022-06-14", "CAN"),
    ("hans-island-denmark", "2022-06-13", None, "2022-06-14", "DNK"),
    ("perejil-island", "2002-07-10", "ESP", "2002-07-11", "MAR"),
    ("perejil-island", "2002-07-16", "MAR", "2002-07-17", "ESP"),
    ("tiran-island", "1982-04-24", "ISR", "1982-04-25", "EGY"),
    ("greater-hanish", "1998-10-31", "ERI", "1998-11-01", "YEM"),
    ("greater-tunb", "1971-11-29", None, "1971-11-30", "IRN"),
    ("bubiyan-island", "1990-08-01", "KWT", "1990-08-02", "IRQ"),
    ("bubiyan-island", "1991-02-25", "IRQ", "1991-02-26", "KWT"),
]


def _holder(kb, fid, day):
    f = BY_ID[fid]
    w = kb.where(f["at"]["lat"], f["at"]["lon"], on=day)
    assert w.territory == fid, f"{fid}'s own point resolves to {w.territory}"
    return w.administrator or w.sovereign


@pytest.mark.parametrize(("fid", "before", "held_before", "after", "held_after"), CHANGES,
                         ids=[f"{c[0]}-{c[3]}" for c in CHANGES])
def test_holder_changes_on_its_date(kb, fid, before, held_before, after, held_after):
    assert _holder(kb, fid, before) == held_before
    assert _holder(kb, fid, after) == held_after


@pytest.mark.parametrize(("fid", "before", "sov_before", "after", "sov_after"), [
    ("pedra-branca", "2008-05-22", None, "2008-05-23", "SGP"),   # ICJ judgment of 23 May 2008
    ("middle-rocks", "2008-05-22", None, "2008-05-23", "MYS"),
    ("greater-hanish", "1998-10-08", None, "1998-10-09", "YEM"),  # Eritrea-Yemen award of 9 October 1998
    ("tiran-island", "2017-06-23", None, "2017-06-24", "SAU"),
    ("heligoland", "1949-05-22", None, "1949-05-23", "DEU"),
])
def test_sovereign_changes_on_its_date(kb, fid, before, sov_before, after, sov_after):
    f = BY_ID[fid]
    assert kb.where(f["at"]["lat"], f["at"]["lon"], on=before).sovereign == sov_before
    assert kb.where(f["at"]["lat"], f["at"]["lon"], on=after).sovereign == sov_after


def test_chagos_stays_british_until_the_2025_treaty_is_in_force(kb):
    # signed 22 May 2025; not recorded as in force on 3 December 2026
    w = kb.where(BY_ID["diego-garcia-base"]["at"]["lat"], BY_ID["diego-garcia-base"]["at"]["lon"], on="2026-12-03")
    assert (w.sovereign, w.administrator) == ("GBR", "GBR")
    assert "MUS" in w.claimants


@pytest.mark.parametrize(("fid", "day", "claimants_in", "claimants_out"), [
    ("uotsuri-jima", "1971-06-10", set(), {"TWN", "CHN"}),
    ("uotsuri-jima", "1971-06-11", {"TWN"}, {"CHN"}),
    ("uotsuri-jima", "1971-12-30", {"TWN", "CHN"}, set()),
    ("dokdo-dongdo", "2020-01-01", {"JPN"}, set()),
    ("shikotan", "2020-01-01", {"JPN"}, set()),
    ("rockall", "2020-01-01", {"IRL"}, set()),
    ("machias-seal-island", "2020-01-01", {"USA"}, set()),
    ("abu-musa", "2020-01-01", {"ARE"}, set()),
    ("hans-island-canada", "2022-06-13", {"CAN", "DNK"}, set()),
    ("hans-island-canada", "2022-06-14", set(), {"DNK"}),
    ("swallow-reef", "2020-01-01", {"CHN", "TWN", "VNM"}, set()),
])
def test_claimants_on_a_date(kb, fid, day, claimants_in, claimants_out):
    f = BY_ID[fid]
    claimants = set(kb.where(f["at"]["lat"], f["at"]["lon"], on=day).claimants)
    assert claimants_in <= claimants
    assert not claimants_out & claimants


def test_every_feature_answers_by_name_and_by_point_today(kb):
    today = dt.date(2026, 12, 3)
    wrong = []
    for f in FEATURES:
        by_point = kb.where(f["at"]["lat"], f["at"]["lon"], on=today)
        by_name = kb.place(f["name"], on=today)
        if by_point.territory != f["id"] or by_name.territory != f["id"]:
            wrong.append((f["id"], by_point.territory, by_name.territory))
    assert not wrong
