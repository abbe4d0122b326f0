"""The public surface: `import casus` is light, and __all__ is complete and sorted (httpx's habit)."""

from __future__ import annotations

import subprocess
import sys

import casus
from casus import errors


def test_all_is_sorted_and_complete():
    assert list(casus.__all__) == sorted(casus.__all__)
    for name in casus.__all__:
        assert hasattr(casus, name), name
    # every error class is exported from the package root
    for name, obj in vars(errors).items():
        if isinstance(obj, type) and issubclass(obj, Exception) and obj.__module__ == "casus.errors" \
                and not name.startswith("_"):
            assert name in casus.__all__, name


def test_every_error_descends_from_the_root():
    for obj in vars(errors).values():
        if isinstance(obj, type) and issubclass(obj, Exception) and obj.__module__ == "casus.errors":
            assert issubclass(obj, casus.CasusError)


def test_import_is_light():
    code = "import sys, casus; print(any(m in sys.modules for m in ('shapely', 'pyproj', 'pandas', 'fastapi')))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.strip()
    assert out == "False"


def test_import_defers_the_models_until_they_are_used():
    code = ("import sys, casus; print('casus.kb.models' in sys.modules); casus.KnowledgeBase; "
            "print('casus.kb.models' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.split()
    assert out == ["False", "True"]
