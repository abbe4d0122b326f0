"""The network export: graph content, deterministic JSON, GraphML, atomic writes, no silent overwrite."""

from __future__ import annotations

import json

import pytest

from casus.errors import InputError, OutputExistsError
from casus.relations import build_network, network_data, write_network


def test_graph_has_parties_partners_and_programmes(fkb):
    g = build_network(fkb, "2017-11-02")
    assert g.edges["state:USA", "treaty:nato"]["relation"] == "party"
    assert g.edges["state:JPN", "partnership:globe"]["relation"] == "participant"
    assert g.edges["state:JPN", "treaty:nato"]["relation"] == "programme"
    assert g.edges["state:RUS", "partnership:pfp"]["status"] == "suspended"
    assert ("state:FIN", "partnership:pfp") in g.edges
    after = build_network(fkb, "2023-04-04")
    assert ("state:FIN", "partnership:pfp") not in after.edges and ("state:FIN", "treaty:nato") in after.edges


def test_json_is_sorted_and_stable(fkb, tmp_path):
    data = network_data(build_network(fkb, "2017-11-02"))
    ids = [n["id"] for n in data["nodes"]]
    assert ids == sorted(ids)
    a, b = tmp_path / "a.json", tmp_path / "b.json"
    write_network(build_network(fkb, "2017-11-02"), a)
    write_network(build_network(fkb, "2017-11-02"), b)
    assert a.read_bytes() == b.read_bytes()
    assert json.loads(a.read_text())["date"] == "2017-11-02"


def test_graphml_round_trip(fkb, tmp_path):
    import networkx as nx

    path = write_network(build_network(fkb, "2017-11-02"), tmp_path / "net.graphml")
    g = nx.read_graphml(path)
    assert g.nodes["state:JPN"]["kind"] == "state"
    assert not list(tmp_path.glob(".*.tmp"))


def test_refuses_overwrite_without_force(fkb, tmp_path):
    out = tmp_path / "net.json"
    out.write_text("keep me")
    with pytest.raises(OutputExistsError, match="--force"):
        write_network(build_network(fkb, "2017-11-02"), out)
    assert out.read_text() == "keep me"
    write_network(build_network(fkb, "2017-11-02"), out, force=True)
    assert json.loads(out.read_text())["directed"] is False


def test_unknown_extension_and_missing_folder(fkb, tmp_path):
    g = build_network(fkb, "2017-11-02")
    with pytest.raises(InputError, match=r"\.graphml or \.json"):
        write_network(g, tmp_path / "net.csv")
    with pytest.raises(InputError, match="does not exist"):
        write_network(g, tmp_path / "nope" / "net.json")
