"""Every endpoint answers the library's JSON for real questions, with the facts pinned to their sources."""

from __future__ import annotations

import json

import pytest

GUAM = {"lat": 13.44, "lon": 144.79}
HELSINKI = {"lat": 60.17, "lon": 24.94}


def finding(body, clause):
    (f,) = [f for f in body["findings"] if f["clause"] == clause]
    return f


def test_health(client, kb):
    r = client.get("/api/health")
    assert r.status_code == 200
    body = r.json()
    assert body["status"] == "ok"
    # the data is named, but not by the cache file's name (issue 17: that told an attacker what to plant)
    assert "digest" not in body["knowledge_base"] and kb.digest not in r.text
    assert len(body["knowledge_base"]["data_version"]) == 16
    assert body["knowledge_base"]["treaties"] == len(kb.treaties)


def test_openapi_lists_every_endpoint(client):
    paths = client.get("/openapi.json").json()["paths"]
    for p in ("/api/health", "/api/where", "/api/place", "/api/assess", "/api/assess/batch", "/api/defends",
              "/api/coverage", "/api/members/{treaty}", "/api/treaties", "/api/reach", "/api/relations/{state}",
              "/api/invocations", "/api/territories.geojson", "/schemas/{name}"):
        assert p in paths, p


def test_interactive_docs_are_off_because_they_load_a_cdn(client):
    assert client.get("/docs").status_code == 404
    assert client.get("/redoc").status_code == 404


@pytest.mark.parametrize("name", ["scenario.schema.json", "assessment.schema.json", "scenario"])
def test_schemas_are_served(client, name):
    r = client.get(f"/schemas/{name}")
    assert r.status_code == 200
    assert r.headers["content-type"].startswith("application/schema+json")
    assert "$schema" in r.json()
    listed = [s["name"] for s in client.get("/schemas").json()["schemas"]]
    assert "scenario.schema.json" in listed and "assessment.schema.json" in listed


def test_where_guam(client):
    # Guam: unincorporated US territory (Natural Earth feature GUM).
    r = client.get("/api/where", params={**GUAM, "on": "2017-11-02"})
    assert r.status_code == 200
    body = r.json()
    assert body["territory"] == "gum"
    assert body["sovereign"] == "USA"


def test_where_matches_the_library(client, kb):
    body = client.get("/api/where", params={**HELSINKI, "on": "2023-04-05"}).json()
    from casus.geo.headline import where_dict
    from casus.jsonio import to_data

    w = kb.where(HELSINKI["lat"], HELSINKI["lon"], on="2023-04-05")
    assert body == json.loads(json.dumps(to_data(where_dict(kb, w))))
    assert body["headline"].startswith("On 2023-04-05, the point ")  # the library's fields, plus the headline


def test_place_by_name(client):
    r = client.get("/api/place", params={"name": "Guam", "on": "2017-11-02"})
    assert r.status_code == 200
    assert r.json()["territory"] == "gum"


def test_places_for_the_search_box(client):
    names = client.get("/api/places").json()["places"]
    assert "Guam" in names


def test_assess_design_example_guam(client):
    # DESIGN.md section 5: North Korea strikes Guam on 2017-11-02. NATO Art. 6 limits Art. 5 to the
    # North Atlantic area north of the Tropic of Cancer; Guam lies at 13°N in the Pacific.
    scenario = {"id": "q1", "date": "2017-11-02", "attacker": "PRK", "victim": "USA", "place": GUAM,
                "target": "territory", "act": "armed_attack"}
    r = client.post("/api/assess", json=scenario)
    assert r.status_code == 200, r.text
    body = r.json()
    assert body["id"] == "q1"
    assert body["schema_version"]
    f = finding(body, "nato/art5")
    assert f["status"] == "does_not_apply"
    assert any(reason["holds"] is False and "6" in reason["cite"] for reason in f["reasons"])
    assert f["bound"] == []
    assert "cascade" in body and "rounds" in body["cascade"]


def test_assess_without_cascade(client):
    scenario = {"date": "2017-11-02", "attacker": "PRK", "victim": "USA", "place": GUAM}
    body = client.post("/api/assess", params={"cascade": "false"}, json=scenario).json()
    assert "cascade" not in body


def test_assess_is_the_cli_json(client, kb):
    # The API and the library (hence `casus assess --json`) give the same document.
    from casus.jsonio import to_data
    from casus.law.attack import Attack

    scenario = {"date": "2025-06-01", "attacker": "RUS", "victim": "EST", "place": "Tallinn"}
    body = client.post("/api/assess", json=scenario).json()
    assert body == json.loads(json.dumps(to_data(kb.assess(Attack.parse(scenario)).to_dict())))


def test_assess_batch_array_and_jsonl(client):
    scenarios = [
        {"id": "a", "date": "2023-04-03", "attacker": "RUS", "victim": "FIN", "place": HELSINKI},
        {"id": "b", "date": "2023-04-05", "attacker": "RUS", "victim": "FIN", "place": HELSINKI},
    ]
    r = client.post("/api/assess/batch", json=scenarios)
    assert r.status_code == 200, r.text
    body = r.json()
    assert [a["id"] for a in body["assessments"]] == ["a", "b"]
    assert body["errors"] == []
    # Finland deposited its instrument of accession on 2023-04-04 (NATO press release, 4 April 2023).
    assert finding(body["assessments"][0], "nato/art5")["status"] == "does_not_apply"
    assert finding(body["assessments"][1], "nato/art5")["status"] == "applies"
    lines = "\n".join(json.dumps(s) for s in scenarios) + "\n{not json}\n"
    r = client.post("/api/assess/batch", content=lines, headers={"Content-Type": "application/x-ndjson"})
    body = r.json()
    assert r.status_code == 200
    assert len(body["assessments"]) == 2
    assert [e["line"] for e in body["errors"]] == [3]


def test_assess_batch_gives_compact_documents_on_request(client, kb):
    from casus.jsonio import to_data
    from casus.law.attack import Attack

    scenarios = [{"id": "a", "date": "2023-04-05", "attacker": "RUS", "victim": "FIN", "place": HELSINKI}]
    full = client.post("/api/assess/batch?format=jsonl", json=scenarios)
    compact = client.post("/api/assess/batch?format=jsonl&detail=false", json=scenarios)
    assert full.status_code == compact.status_code == 200
    assert len(compact.content) * 4 < len(full.content)
    got = json.loads(compact.text.splitlines()[0])
    expected = kb.assess(Attack.parse(scenarios[0])).to_dict(detail=False)
    assert got == json.loads(json.dumps(to_data(expected)))
    assert got["id"] == "a" and json.loads(full.text.splitlines()[0])["id"] == "a"
    r = client.post("/api/assess/batch?detail=maybe", json=scenarios)
    assert r.status_code == 422 and "detail" in r.text


def test_assess_batch_reports_unknown_place_by_line(client):
    scenarios = [{"date": "2023-04-05", "attacker": "RUS", "victim": "FIN", "place": HELSINKI},
                 {"date": "2023-04-05", "attacker": "RUS", "place": "Atlantisxyz"}]
    body = client.post("/api/assess/batch", json=scenarios).json()
    assert len(body["assessments"]) == 1
    assert body["errors"][0]["line"] == 2
    assert body["errors"][0]["error"] == "unknown_place"


@pytest.mark.parametrize(("on", "status"), [("2023-04-03", "does_not_apply"), ("2023-04-05", "applies")])
def test_defends_helsinki_either_side_of_finnish_accession(client, on, status):
    # Finland became a party on 2023-04-04 (deposit of its instrument of accession).
    r = client.get("/api/defends", params={**HELSINKI, "on": on})
    assert r.status_code == 200, r.text
    body = r.json()
    assert finding(body, "nato/art5")["status"] == status
    assert ("nato/art5" in body["covered_by"]) == (status == "applies")


@pytest.mark.parametrize(("on", "bound_fin"), [("2023-04-03", False), ("2023-04-05", True)])
def test_defends_compact_is_a_faithful_subset_of_the_full_answer(client, on, bound_fin):
    """detail=false keeps the verdicts and the states bound and leaves out the clauses that do not apply."""
    from casus.law.assess import COMPACT_FINDING, COMPACT_PLACE

    full = client.get("/api/defends", params={**HELSINKI, "on": on})
    compact = client.get("/api/defends", params={**HELSINKI, "on": on, "detail": "false"})
    assert full.status_code == compact.status_code == 200
    assert len(compact.content) * 20 < len(full.content)
    f, c = full.json(), compact.json()
    for key in ("headline", "holder", "covered_by", "ambiguous", "bound", "date", "target"):
        assert c[key] == f[key], key
    assert c["place"] == {k: v for k, v in f["place"].items() if k in COMPACT_PLACE}
    kept = [x for x in f["findings"] if x["status"] != "does_not_apply"]
    assert c["findings"] == [{k: v for k, v in x.items() if k in COMPACT_FINDING} for x in kept]
    # Finland deposited its instrument of accession to the North Atlantic Treaty on 2023-04-04
    assert ("nato/art5" in [x["clause"] for x in c["findings"]]) == bound_fin
    assert ("USA" in c["bound"]) == bound_fin


def test_assess_compact_matches_the_library(client, kb):
    from casus.jsonio import to_data
    from casus.law.attack import Attack

    scenario = {"date": "2023-04-05", "attacker": "RUS", "victim": "FIN", "place": HELSINKI}
    r = client.post("/api/assess?cascade=false&detail=false", json=scenario)
    assert r.status_code == 200, r.text
    expected = kb.assess(Attack.parse(scenario)).to_dict(with_cascade=False, detail=False)
    assert r.json() == json.loads(json.dumps(to_data(expected)))
    assert [x["status"] for x in r.json()["findings"] if x["clause"] == "nato/art5"] == ["applies"]
    assert client.get("/api/defends", params={**HELSINKI, "detail": "sometimes"}).status_code == 422


def test_defends_by_name(client):
    body = client.get("/api/defends", params={"place": "Guam", "on": "2017-11-02"}).json()
    assert finding(body, "nato/art5")["status"] == "does_not_apply"
    # US-Japan 1960 Art. 5 covers territories under Japanese administration only.
    assert finding(body, "us-japan-1960/art5")["status"] == "does_not_apply"


@pytest.mark.parametrize(("on", "covered"), [("2023-04-03", False), ("2023-04-05", True)])
def test_coverage_finland(client, on, covered):
    # Finland became a party on 2023-04-04; the map colours it as covered by Art. 5 from that day.
    r = client.get("/api/coverage", params={"on": on})
    assert r.status_code == 200
    body = r.json()
    assert body["on"] == on
    assert (body["territories"]["fin"]["class"] == "nato") is covered
    assert body["territories"]["gum"]["class"] != "nato"
    assert set(body["classes"]) == {"nato", "alliance", "ambiguous", "none"}


def test_coverage_is_cached_and_revalidates(client):
    r1 = client.get("/api/coverage", params={"on": "2001-09-12"}, headers={"Accept-Encoding": "gzip"})
    assert r1.status_code == 200
    etag = r1.headers["etag"]
    r2 = client.get("/api/coverage", params={"on": "2001-09-12"}, headers={"If-None-Match": etag})
    assert r2.status_code == 304


def test_territories_geojson_is_small_and_complete(client, kb):
    r = client.get("/api/territories.geojson", headers={"Accept-Encoding": "gzip"})
    assert r.status_code == 200
    assert r.headers["content-type"].startswith("application/geo+json")
    assert r.headers.get("content-encoding") == "gzip"
    assert len(r.content) < 2_000_000  # decoded by httpx; the plain body
    fc = r.json()
    ids = {f["properties"]["id"] for f in fc["features"]}
    assert {"gum", "fin", "usa", "jpn"} <= ids
    assert ids <= set(kb.atlas.territory_ids)


def test_members_nato_either_side_of_finnish_accession(client):
    before = client.get("/api/members/nato", params={"on": "2023-04-03"}).json()
    after = client.get("/api/members/nato", params={"on": "2023-04-05"}).json()
    assert "FIN" not in [m["state"] for m in before["members"]]
    assert "FIN" in [m["state"] for m in after["members"]]
    assert after["count"] == before["count"] + 1
    assert after["treaty"] == "nato" and after["on"] == "2023-04-05"


def test_treaties_of_japan(client):
    body = client.get("/api/treaties", params={"state": "JPN", "on": "2017-11-02"}).json()
    assert body["state"] == "JPN"
    ids = [t["treaty"] for t in body["treaties"]]
    assert "us-japan-1960" in ids and "nato" not in ids
    every = client.get("/api/treaties").json()
    assert {"nato", "us-japan-1960"} <= {t["treaty"] for t in every["treaties"]}


def test_states(client):
    codes = {s["code"] for s in client.get("/api/states").json()["states"]}
    assert {"USA", "FIN", "PRK"} <= codes


def test_relations_japan(client):
    # Japan is a NATO partner (partners across the globe), never a party: no nato/art5 among its clauses.
    r = client.get("/api/relations/JPN", params={"on": "2017-11-02"})
    assert r.status_code == 200, r.text
    body = r.json()
    assert "nato" in body["partner_of"]
    assert "nato" not in body["member_of"]


def test_invocations_nato(client):
    # NATO invoked Article 5 for the first time on 12 September 2001 (confirmed 2 October 2001).
    body = client.get("/api/invocations", params={"treaty": "nato"}).json()
    assert body["count"] == len(body["invocations"]) > 0
    assert any(i["clause"] == "nato/art5" and i["requested"].startswith("2001-09") for i in body["invocations"])


def test_missiles_catalogue(client):
    body = client.get("/api/missiles").json()
    assert any(m["id"] == "hwasong-15" for m in body["missiles"])
    assert body["launch_sites"]


def test_reach_hwasong15_from_pyongyang(client, kb):
    # Hwasong-15 (first successful flight test 2017-11-29): the high public estimate, about 13,000 km,
    # reaches the whole continental United States from Pyongyang (Washington is about 11,000 km away).
    params = {"missile": "hwasong-15", "origin": "Pyongyang", "on": "2018-01-01"}
    r = client.get("/api/reach", params=params)
    assert r.status_code == 200, r.text
    body = r.json()
    assert body["missile"]["id"] == "hwasong-15"
    assert "rings" not in body  # the same body as `casus reach --json`
    from casus.jsonio import to_data

    expected = to_data(kb.reach(missile="hwasong-15", origin="Pyongyang", on="2018-01-01").to_dict())
    assert body == json.loads(json.dumps(expected))
    usa = [s for s in body["states"] if s["id"] == "USA"]
    assert usa and usa[0]["within_high"]
    with_rings = client.get("/api/reach", params={**params, "rings": "true"}).json()
    features = with_rings["rings"]["features"]
    assert {(f["properties"]["role"], f["properties"]["estimate"]) for f in features} == {
        ("area", "low"), ("area", "high"), ("edge", "low"), ("edge", "high")}
    # a 13,000 km ring from 39°N encloses the North Pole: its area reaches latitude 90
    (high,) = [f for f in features if f["properties"] == {"role": "area", "estimate": "high", "km": 13000.0}]
    assert max(pt[1] for ring in _rings(high["geometry"]) for pt in ring) == 90


def test_reach_rings_from_a_whole_state_are_the_area_around_its_territory(client):
    # a launch from anywhere in North Korea: no single point, so the rings are the area within range of its
    # outline (a sketch, marked so), with no edge line; the Hwasong-15's low estimate (8,500 km) does not
    # reach Washington (about 11,000 km from North Korea), its high estimate (13,000 km) does
    params = {"missile": "hwasong-15", "origin": "North Korea", "on": "2018-01-01", "rings": "true"}
    r = client.get("/api/reach", params=params)
    assert r.status_code == 200, r.text
    body = r.json()
    assert body["origin"]["kind"] == "state" and body["origin"]["territories"] == ["prk"]
    features = body["rings"]["features"]
    assert {(f["properties"]["role"], f["properties"]["estimate"]) for f in features} == {
        ("area", "low"), ("area", "high")}
    assert all(f["properties"]["sketch"] is True for f in features)
    from shapely.geometry import Point, shape

    high = shape(next(f for f in features if f["properties"]["estimate"] == "high")["geometry"])
    low = shape(next(f for f in features if f["properties"]["estimate"] == "low")["geometry"])
    washington = Point(-77.04, 38.90)
    assert high.contains(washington) and not low.contains(washington)
    assert low.contains(Point(139.69, 35.69))  # Tokyo, about 1,300 km away
    assert not high.contains(Point(-58.38, -34.60))  # Buenos Aires, about 19,000 km away


def _rings(geometry):
    polys = [geometry["coordinates"]] if geometry["type"] == "Polygon" else geometry["coordinates"]
    return [ring for poly in polys for ring in poly]


def test_page_and_assets(client):
    r = client.get("/")
    assert r.status_code == 200
    assert r.headers["content-type"].startswith("text/html")
    for asset in ("/web/main.js", "/web/map.js", "/web/style.css", "/web/favicon.svg"):
        assert client.get(asset).status_code == 200, asset
    # nothing on the page comes from elsewhere
    for outside in ('src="http', 'href="http', 'src="//', 'href="//', "@import"):
        assert outside not in r.text
