"""The face is typed for users: mypy --strict passes on a script that uses every public method, and
reveal_type shows the concrete result models, not Any."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent


def _mypy(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "mypy", "--no-incremental", "--follow-imports=silent",
                           "--cache-dir=/dev/null", *args], cwd=ROOT, capture_output=True, text=True, timeout=300)


@pytest.mark.slow
def test_a_user_script_passes_mypy_strict():
    run = _mypy("--strict", str(HERE / "user_script.py"))
    assert run.returncode == 0, run.stdout + run.stderr


@pytest.mark.slow
def test_reveal_type_shows_concrete_models(tmp_path):
    probe = tmp_path / "probe.py"
    probe.write_text(
        "import casus\n"
        "cs = casus.open()\n"
        "reveal_type(cs)\n"
        "reveal_type(cs.where(0, 0))\n"
        "reveal_type(cs.assess({}))\n"
        "reveal_type(cs.assess_many([]))\n"
        "reveal_type(cs.assess_many([], on_error='collect'))\n"
        "reveal_type(cs.defends('Guam', on='2020'))\n"
        "reveal_type(cs.defends_many([], on='2020'))\n"
        "reveal_type(cs.reach(km=1000, origin='PRK'))\n"
        "reveal_type(cs.relations('JPN', on='2020'))\n"
        "reveal_type(cs.members('nato', on='2020'))\n"
        "reveal_type(cs.where_many([0], [0]))\n"
        "reveal_type(cs.diff('2017', '2025'))\n")
    out = _mypy(str(probe)).stdout
    revealed = [line.split("Revealed type is ", 1)[1].strip('"') for line in out.splitlines()
                if "Revealed type is" in line]
    assert revealed == [
        "casus.face.Casus",
        "casus.geo.query.Whereabouts",
        "casus.law.assess.Assessment",
        "casus.results.Assessments",
        "list[casus.law.assess.Assessment | casus.errors.CasusError]",
        "casus.law.defends.Defence",
        "casus.results.Defences",
        "casus.reach.results.ReachResult",
        "casus.relations.results.StateRelations",
        "casus.results.Members",
        "pandas.core.frame.DataFrame",
        "casus.law.diff.Changes",
    ], out
    assert "Any" not in " ".join(revealed)


def test_the_user_script_runs(capsys):
    sys.path.insert(0, str(HERE))
    try:
        import user_script
    finally:
        sys.path.remove(str(HERE))
    user_script.main()
    assert "North Korea" in capsys.readouterr().out
