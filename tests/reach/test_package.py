"""The reach package's public surface: a sorted, complete ``__all__``."""

from __future__ import annotations

import casus.reach as reach


def test_all_is_sorted_and_complete() -> None:
    assert reach.__all__ == sorted(reach.__all__, key=lambda s: (not s.isupper(), s))
    public = {n for n in vars(reach) if (not n.startswith("_") and n[0].isupper()) or n == "reach"}
    modules = {n for n, v in vars(reach).items() if type(v).__name__ == "module"}
    assert public - modules == set(reach.__all__)


def test_kb_reach_delegates_here(kb: object) -> None:
    res = kb.reach(km=100, origin="sohae", on="2024-01-01", commitments=False)  # type: ignore[attr-defined]
    assert isinstance(res, reach.ReachResult)
    assert res.origin.id == "sohae" and res.states[0].id == "PRK"
