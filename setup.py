"""The build step that ships compiled caches: everything else about the package is in pyproject.toml.

When a wheel is built, ``build_py`` also compiles the bundled knowledge base and
its atlas into ``casus/shipped/`` (see ``casus.geo.shipping``), so that the first
``casus`` command after installing answers in about a second instead of
compiling for ten. An editable install compiles them into ``src/casus/shipped/``.
Compiling needs casus's own dependencies (numpy, shapely, pydantic...) where the
build runs: with build isolation they are usually absent, and then the package is
built without them and casus compiles into the user's cache on first use, as
before (``casus build-cache`` ships them into a source checkout later). Build with
``pip wheel --no-build-isolation .`` or ``python -m build --no-isolation`` to ship them.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py

HERE = Path(__file__).resolve().parent


class build_py_with_caches(build_py):  # noqa: N801 - setuptools' naming
    def run(self) -> None:
        super().run()
        if os.environ.get("CASUS_SKIP_SHIPPED_CACHES"):
            return
        editable = getattr(self, "editable_mode", False)
        target = HERE / "src" / "casus" / "shipped" if editable else Path(self.build_lib) / "casus" / "shipped"
        env = dict(os.environ, PYTHONPATH=os.pathsep.join([str(HERE / "src"), os.environ.get("PYTHONPATH", "")]))
        # a private cache for the compile, so that the shipped files come from the YAML, not from a user cache
        temp = Path(self.get_finalized_command("build").build_temp)
        env["CASUS_CACHE_DIR"] = str(temp / "casus-cache")
        try:
            done = subprocess.run([sys.executable, "-m", "casus.geo.shipping", str(target)], env=env, check=False,
                                  capture_output=True, text=True)
        except OSError as exc:  # never a reason to fail the build: casus compiles on first use
            print(f"casus: not shipping compiled caches ({exc})", file=sys.stderr)
            return
        if done.returncode == 0:
            self.announce(f"casus: compiled caches shipped in {target}:\n{done.stdout}", level=2)
        else:
            last = (done.stderr.strip().splitlines() or ["(no message)"])[-1]
            print(f"casus: not shipping compiled caches ({last}); casus will compile them on first use",
                  file=sys.stderr)


setup(cmdclass={"build_py": build_py_with_caches})
