"""The README's table of commitments is generated from the data and must not drift from it."""

from __future__ import annotations

import importlib.util
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def _script():
    spec = importlib.util.spec_from_file_location("gen_treaty_table", ROOT / "scripts" / "gen_treaty_table.py")
    assert spec is not None and spec.loader is not None
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def test_readme_lists_every_commitment_as_the_data_says(kb):
    mod = _script()
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    assert mod.render(text, kb) == text, "run python scripts/gen_treaty_table.py"
    for t in kb.treaties.values():
        assert f"`{t.id}`" in text
    assert "| Pukpuk Treaty | `australia-png-2025` | — | signed 2025-10-06, not in force: binds no one" in text
    assert "in force, dormant since 1977-06-30" in text and "ambiguous today" in text
    # the numbers against ATOP are generated too, from the coverage report
    from casus.kb.atop import coverage, read_unresolved
    from casus.kb.loader import DATA_DIR

    n = coverage(kb, read_unresolved([DATA_DIR], []))["counts"]
    assert f"**{n['covered']} modelled**" in text and f"**{n['unresolved']} unresolved**" in text
