"""The compiled caches that ship inside the package, so that a fresh install answers at once.

Compiling the bundled data (reading and validating the YAML, building the
atlas from Natural Earth) takes several seconds; a built package carries the
result in ``casus/shipped/``, written by this module when the wheel is built
(``setup.py``'s build step calls :func:`build`), or in a source checkout by
``casus build-cache`` (``python -m casus.geo.shipping``). Each file is named by
the hash of what it was compiled from (data files and code), so a casus whose
data was edited after the build simply does not find its name there and
compiles into the user's cache as before; see :mod:`casus.cachefile` for how
the files are checked when read.
"""

from __future__ import annotations

import contextlib
import sys
from pathlib import Path

__all__ = ["build", "main"]

#: the kinds of file shipped, by the pattern of their names
PATTERNS = ("kb-*.bin", "atlas-*.bin", "names-*.bin")


def build(directory: Path | None = None) -> list[Path]:
    """Compile the bundled knowledge base, its atlas and its place-name index into ``directory`` (default:
    the package's ``shipped`` folder) and remove the files of older builds there; returns the files written."""
    import casus.kb
    from casus import cachefile
    from casus.geo.atlas import compile_atlas

    target = Path(directory) if directory is not None else cachefile.SHIPPED_DIR
    target.mkdir(parents=True, exist_ok=True)
    kb = casus.kb.load()
    atlas = compile_atlas(kb)
    written = [casus.kb.write_compiled(kb, target)]
    atlas_path = target / f"atlas-{atlas.key}.bin"
    from casus.fileio import atomic_write_bytes

    atomic_write_bytes(atlas_path, cachefile.pack(dict(atlas.arrays), dict(atlas._meta)), lock=False)
    written.append(atlas_path)
    from casus.geo import names

    name, arrays, meta = names.compiled(kb)
    names_path = target / name
    atomic_write_bytes(names_path, cachefile.pack(dict(arrays), dict(meta)), lock=False)
    written.append(names_path)
    keep = {p.name for p in written}
    for pattern in PATTERNS:
        for old in target.glob(pattern):
            if old.name not in keep:
                with contextlib.suppress(OSError):
                    old.unlink()
    return written


def main(argv: list[str] | None = None) -> int:
    """``python -m casus.geo.shipping [DIRECTORY]``: compile the shipped caches and say what was written."""
    args = sys.argv[1:] if argv is None else argv
    for path in build(Path(args[0]) if args else None):
        print(f"{path} ({path.stat().st_size / 1e6:.1f} MB)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
