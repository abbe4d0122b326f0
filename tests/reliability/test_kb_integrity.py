"""Knowledge-base integrity: each way a hand edit can break the bundled data is caught, with file and line.

Every test copies the bundled knowledge base, breaks the copy in one way (see
``kb_edits.py``) and shows that ``casus check --data DIR`` exits 1 printing the
problem as ``path:line: message``, and that ``casus.open(DIR)`` refuses it with
KnowledgeBaseError. The same broken file is then given as an overlay on top of
the bundled data (``casus check --overlay`` and ``casus.open(overlays=...)``).
The small hand-made fixtures in ``tests/kb/test_loader.py`` test the same
checks on a toy base; these show they hold on the real files.
"""

from __future__ import annotations

import hashlib
import json
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from typer.testing import CliRunner

import casus
from casus.cli import app
from casus.errors import KnowledgeBaseError
from casus.kb import yamlio

from .kb_edits import BUNDLED, EDITS, Expect


@pytest.fixture(scope="module", autouse=True)
def parse_once() -> Iterator[None]:
    """Parse each distinct file's bytes once per module.

    A broken copy differs from the bundled data in one file, and parsing the
    other files again would only repeat ruamel's work (seconds each time). The
    memo is keyed by the file's bytes, so every edited file is parsed afresh;
    only trees are kept (the name a problem shows is not in them), and a file
    that does not parse raises every time, under its own name.
    """
    memo: dict[str, object] = {}
    real = yamlio.read

    def read(path: Path, *, display: str | None = None, fast: bool = False) -> object:
        key = hashlib.sha256(Path(path).read_bytes()).hexdigest() + (" fast" if fast else "")
        if key not in memo:
            memo[key] = real(path, display=display, fast=fast)
        return memo[key]

    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(yamlio, "read", read)
        yield


@pytest.fixture(scope="module", autouse=True)
def bundled_is_valid() -> None:
    found = casus.problems()
    if found:
        pytest.fail("the bundled knowledge base must be valid before breaking copies of it:\n"
                    + "\n".join(map(str, found[:10])), pytrace=False)


def problem_lines(output: str) -> list[str]:
    return [line.strip() for line in output.splitlines() if line.startswith("  ")]


def assert_reported(expect: Expect, shown: str, problems: list[casus.Problem], printed: list[str]) -> None:
    """The problem is in both the CLI output and the exception, at the file and one of the expected lines."""
    def fits(p: casus.Problem) -> bool:
        return p.file == shown and p.line in expect.lines and all(n in p.message for n in expect.needles)

    hits = [p for p in problems if fits(p)]
    assert hits, (f"expected {shown}:{sorted(expect.lines)} with {expect.needles}; got:\n"
                  + "\n".join(map(str, problems)))
    assert str(hits[0]) in printed, f"{hits[0]} is not printed as path:line: message:\n" + "\n".join(printed)


@pytest.mark.parametrize("edit", sorted(EDITS))
def test_broken_copy_is_refused_with_file_and_line(edit, copy_bundled, private_cache):
    data = copy_bundled()
    expect = EDITS[edit](data)
    result = CliRunner().invoke(app, ["check", "--data", str(data)])
    assert result.exit_code == 1, result.output
    assert "Traceback" not in result.output
    with pytest.raises(KnowledgeBaseError) as err:
        casus.open(data)
    assert_reported(expect, f"data/{expect.file}", err.value.problems, problem_lines(result.stderr))
    assert not list(private_cache.glob("kb-*.pickle")), "an invalid knowledge base was cached"


@pytest.mark.parametrize("edit", sorted(EDITS))
def test_broken_overlay_is_refused_with_file_and_line(edit, copy_bundled, private_cache, tmp_path):
    data = copy_bundled()
    expect = EDITS[edit](data)
    overlay = tmp_path / "counterfactual"
    (overlay / expect.file).parent.mkdir(parents=True)
    shutil.copy(data / expect.file, overlay / expect.file)
    result = CliRunner().invoke(app, ["check", "--overlay", str(overlay)])
    assert result.exit_code == 1, result.output
    with pytest.raises(KnowledgeBaseError) as err:
        casus.open(overlays=[overlay])
    assert_reported(expect, f"counterfactual/{expect.file}", err.value.problems, problem_lines(result.stderr))


def test_unbroken_copy_is_valid(copy_bundled, private_cache):
    # the edits above are what breaks each copy: an untouched copy checks clean and loads
    data = copy_bundled()
    result = CliRunner().invoke(app, ["check", "--data", str(data)])
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("ok:")
    kb = casus.open(data)
    assert kb.digest == casus.open(BUNDLED).digest  # same bytes, same names: same cache key


def test_check_json_lists_file_and_line(copy_bundled, private_cache):
    data = copy_bundled()
    expect = EDITS["unknown-region"](data)
    result = CliRunner().invoke(app, ["check", "--data", str(data), "--json"])
    assert result.exit_code == 1
    body = json.loads(result.stdout)
    assert body["valid"] is False
    assert any(p["file"] == f"data/{expect.file}" and p["line"] in expect.lines for p in body["problems"])
