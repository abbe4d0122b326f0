"""Input edge cases that once gave a 500, a traceback or minutes of work (issue 17, item 6)."""

from __future__ import annotations

import json
import time
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from typer.testing import CliRunner

from casus.api import create_app
from casus.cli import app as cli
from casus.kb import yamlio

LONE = '{"id": "\\ud800", "date": "2017-11-02", "attacker": "PRK", "victim": "USA", "place": "Guam"}'
PAIR = '{"id": "\\ud83d\\ude00", "date": "2017-11-02", "attacker": "PRK", "victim": "USA", "place": "Guam"}'


@pytest.fixture(scope="module")
def client(kb):
    with TestClient(create_app(kb), raise_server_exceptions=False) as c:
        yield c


@pytest.mark.parametrize("path", ["/api/assess", "/api/assess/batch"])
def test_a_lone_surrogate_is_a_422_naming_the_field(client, path):
    r = client.post(path, content=LONE, headers={"Content-Type": "application/json"})
    assert r.status_code == 422, r.text
    assert r.json()["field"] == "id" and "surrogate" in r.json()["message"]
    # a surrogate pair is an ordinary character (an emoji) and is answered
    ok = client.post(path, content=PAIR, headers={"Content-Type": "application/json"})
    assert ok.status_code == 200 and "\U0001f600" in ok.text


def test_a_lone_surrogate_in_a_place_name_is_refused(client):
    body = json.loads(LONE)
    body["id"] = "x"
    text = json.dumps(body).replace('"Guam"', '"Gu\\udc80am"')
    r = client.post("/api/assess", content=text, headers={"Content-Type": "application/json"})
    assert r.status_code == 422 and r.json()["field"] == "place"


def test_a_lone_surrogate_in_a_scenario_file_is_exit_2_without_traceback(kb, tmp_path):
    f = tmp_path / "s.jsonl"
    f.write_text(LONE + "\n", encoding="utf-8")
    for argv in (["assess", str(f)], ["assess", str(f), "--json"]):
        result = CliRunner().invoke(cli, argv)
        assert result.exit_code == 2, result.output
        assert "Traceback" not in result.output and "surrogate" in result.output
        assert not isinstance(result.exception, UnicodeError)


def test_a_huge_comment_block_is_read_in_linear_time(tmp_path):
    def timed(lines: int) -> float:
        p = tmp_path / f"c{lines}.yaml"
        p.write_text("a: 1\n" + "".join(f"  # comment line {i} of a long block\n" for i in range(lines)) + "b: 2\n",
                     encoding="utf-8")
        t = time.perf_counter()
        assert yamlio.plain(yamlio.read(p)) == {"a": 1, "b": 2}
        return time.perf_counter() - t

    # quadratic reading took 7 s for 20,000 lines and minutes for a million; linear takes well under a second
    small, large = timed(5_000), timed(40_000)
    assert large < 3.0
    assert large < 20 * max(small, 0.01)  # 8x the lines: about 8x the time, not 64x


def test_comments_inside_block_scalars_are_content(tmp_path):
    p = tmp_path / "b.yaml"
    p.write_text("a: |\n  # heading\n  text\n# a comment\nb: >-\n  # kept\nc: [1]  # trailing\n", encoding="utf-8")
    assert yamlio.plain(yamlio.read(p)) == {"a": "# heading\ntext\n", "b": "# kept", "c": [1]}


def test_an_oversized_data_file_is_refused_by_check(tmp_path, copy_bundled):
    data = copy_bundled()
    states = data / "states.yaml"
    with states.open("a", encoding="utf-8") as fh:
        fh.write("#" * (yamlio.MAX_FILE_BYTES + 10) + "\n")
    t = time.perf_counter()
    result = CliRunner().invoke(cli, ["check", "--data", str(data)])
    assert time.perf_counter() - t < 60
    assert result.exit_code == 1, result.output  # check: 1 when the data has problems
    out = result.output
    assert "states.yaml" in out and "larger than 8 MB" in out and "Traceback" not in out


def test_the_bundled_files_read_the_same_with_or_without_comments():
    from casus.kb.loader import DATA_DIR

    # the file with block scalars (">-") and a treaty with comment lines; all 27 files pass too, but slowly
    for p in (Path(DATA_DIR) / "partnerships.yaml", Path(DATA_DIR) / "treaties" / "nato.yaml"):
        assert yamlio.plain(yamlio.read(p)) == yamlio.plain(yamlio._yaml().load(p.read_text(encoding="utf-8"))), p
