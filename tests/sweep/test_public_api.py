"""The packages re-export a complete ``__all__`` (its order is kept by ruff's RUF022)."""

from __future__ import annotations

import importlib

import pytest


@pytest.mark.parametrize("name", ["casus.sweep", "casus.export"])
def test_all_is_complete(name):
    mod = importlib.import_module(name)
    assert len(set(mod.__all__)) == len(mod.__all__)
    for item in mod.__all__:
        assert hasattr(mod, item), item
    public = {k for k, v in vars(mod).items()
              if not k.startswith("_") and getattr(v, "__module__", "").startswith(name)}
    assert public <= set(mod.__all__)
