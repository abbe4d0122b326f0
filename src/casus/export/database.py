"""The whole knowledge base as one DuckDB file, for SQL users.

The file is written under a temporary name and renamed into place, like every
output (a killed export leaves the old file intact). Each table carries a
comment saying what it holds (``SELECT * FROM duckdb_tables()``).
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from casus.errors import CasusError, ComputeError, StorageError
from casus.fileio import atomic_write_with

if TYPE_CHECKING:
    import pyarrow as pa

    from casus.kb.base import KnowledgeBase


def write_duckdb(tables: dict[str, pa.Table], path: Path | str, *, force: bool = False,
                 comments: dict[str, str] | None = None) -> Path:
    """Write each Arrow table as a DuckDB table into a new database file at ``path``."""

    def write(tmp: Path) -> None:
        import duckdb

        try:
            con = duckdb.connect(str(tmp))
        except duckdb.Error as exc:
            raise _translated(exc, path) from exc
        try:
            _fill(con, tables, comments)
        except duckdb.Error as exc:
            raise _translated(exc, path) from exc
        finally:
            con.close()

    return atomic_write_with(path, write, force=force)


def _translated(exc: Exception, path: Path | str) -> CasusError:
    """A DuckDB failure as our error: a full disk or an I/O error is StorageError (exit 1), the rest
    ComputeError."""
    import duckdb

    text = str(exc)
    if isinstance(exc, duckdb.IOException) or "No space left" in text:
        why = "the disk is full" if "No space left" in text else text
        return StorageError(f"cannot write the DuckDB file {path}: {why}; the previous file, if any, is unchanged")
    return ComputeError(f"cannot write the DuckDB file {path}: {text}")


def _fill(con: Any, tables: dict[str, pa.Table], comments: dict[str, str] | None) -> None:
    for name, table in tables.items():
        con.register("_incoming", table)
        con.execute(f'CREATE TABLE "{name}" AS SELECT * FROM _incoming')
        con.unregister("_incoming")
        text = (comments or {}).get(name)
        if text:
            con.execute(f"COMMENT ON TABLE \"{name}\" IS '{text.replace(chr(39), chr(39) * 2)}'")
    con.execute("CHECKPOINT")


def export_duckdb(kb: KnowledgeBase, path: Path | str, *, force: bool = False) -> dict[str, int]:
    """The knowledge base (and the directed dyad-year table) as a DuckDB file; returns rows per table."""
    from casus.export.kbtables import DESCRIPTIONS, kb_tables

    tables = kb_tables(kb)
    write_duckdb(tables, path, force=force, comments=DESCRIPTIONS)
    return {name: t.num_rows for name, t in tables.items()}
