"""Writing research tables: the format from the file name, and always atomically.

A table is written to a temporary name next to the target and renamed over it
when complete (:mod:`casus.fileio`), so a killed export leaves the old file
intact. A directory (a partitioned Parquet dataset) is filled under a temporary
name and renamed into place the same way (:func:`atomic_dir`).
"""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any

from casus.errors import InputError, OutputExistsError
from casus.fileio import atomic_write_with, check_writable

if TYPE_CHECKING:
    import pyarrow as pa

#: file-name endings and the table format each means
TABLE_FORMATS: dict[str, str] = {".parquet": "parquet", ".csv": "csv", ".csv.gz": "csv.gz"}


def table_format(path: Path | str, given: str | None = None) -> str:
    """The format asked for (``given``), else the one the file name ends with; refused by name otherwise."""
    accepted = ", ".join(TABLE_FORMATS)
    if given is not None:
        if given not in TABLE_FORMATS.values():
            raise InputError(f"format: {given!r} is not one of {', '.join(TABLE_FORMATS.values())}",
                             field="format", accepted=", ".join(TABLE_FORMATS.values()))
        return given
    name = str(path).lower()
    for ending in sorted(TABLE_FORMATS, key=len, reverse=True):
        if name.endswith(ending):
            return TABLE_FORMATS[ending]
    raise InputError(f"--out: cannot tell the format of {str(path)!r} from its name; end it with {accepted}",
                     field="out", accepted=accepted)


def _plain(table: pa.Table) -> pa.Table:
    """Dictionary columns decoded (CSV has no dictionaries)."""
    import pyarrow as pa

    cols = [c.dictionary_decode() if pa.types.is_dictionary(c.type) else c for c in
            (table.column(i).combine_chunks() for i in range(table.num_columns))]
    return pa.table(cols, names=table.column_names)


def write_tables(tables: Iterable[pa.Table], path: Path | str, *, force: bool = False, fmt: str | None = None,
                 metadata: dict[str, str] | None = None) -> Path:
    """Write one table, or a stream of tables with one schema, to ``path`` atomically.

    Parquet gets one row group per table and ``metadata`` in its schema; CSV a header line.
    """
    import pyarrow as pa

    kind = table_format(path, fmt)
    check_writable(path, force=force)

    def write(tmp: Path) -> None:
        writer: Any = None
        sink: Any = None
        try:
            for table in tables:
                if kind == "parquet":
                    if writer is None:
                        import pyarrow.parquet as pq

                        schema = table.schema.with_metadata({**(table.schema.metadata or {}),
                                                             **{k.encode(): v.encode()
                                                                for k, v in (metadata or {}).items()}})
                        writer = pq.ParquetWriter(str(tmp), schema, compression="zstd")
                    writer.write_table(table.replace_schema_metadata(writer.schema.metadata))
                else:
                    import pyarrow.csv as pcsv

                    plain = _plain(table)
                    if writer is None:
                        sink = pa.CompressedOutputStream(str(tmp), "gzip") if kind == "csv.gz" \
                            else pa.OSFile(str(tmp), "wb")
                        writer = pcsv.CSVWriter(sink, plain.schema)
                    writer.write_table(plain)
            if writer is None:
                raise InputError("nothing to write", field="out")
        finally:
            if writer is not None:
                writer.close()
            if sink is not None:
                sink.close()

    return atomic_write_with(path, write, force=force)


def write_table(table: pa.Table, path: Path | str, *, force: bool = False, fmt: str | None = None,
                metadata: dict[str, str] | None = None) -> Path:
    return write_tables([table], path, force=force, fmt=fmt, metadata=metadata)


@contextmanager
def atomic_dir(path: Path | str, *, force: bool = False) -> Iterator[Path]:
    """Fill a temporary directory next to ``path``; on success it takes the place of ``path``.

    The old directory (with ``force``) is first moved aside, then the new one renamed in, then the old one
    removed: at every moment ``path`` is either the complete old output or the complete new one (for an
    instant, nothing). On failure the temporary directory is removed and the old output is untouched.
    """
    from casus.fileio import claim, os_error, release

    target = Path(path)
    if target.exists() and not target.is_dir():
        raise OutputExistsError(f"{target} exists and is not a directory", field="out",
                                accepted="a directory path")
    claim(target, force=force)
    tmp: Path | None = None
    try:
        try:
            target.parent.mkdir(parents=True, exist_ok=True)
            tmp = Path(tempfile.mkdtemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent))
        except OSError as exc:
            raise os_error(exc, target) from exc
        try:
            yield tmp
        except OSError as exc:  # the caller's writing into the folder failed (a full disk)
            raise os_error(exc, target) from exc
        old = None
        try:
            if target.exists():
                old = Path(tempfile.mkdtemp(prefix=f".{target.name}.", suffix=".old", dir=target.parent))
                os.replace(target, old / "x")
            os.replace(tmp, target)
        except OSError as exc:
            if old is not None and not target.exists():
                os.replace(old / "x", target)  # put the previous output back
            raise os_error(exc, target) from exc
        if old is not None:
            shutil.rmtree(old, ignore_errors=True)
    except BaseException:
        if tmp is not None:
            shutil.rmtree(tmp, ignore_errors=True)
        raise
    finally:
        release(target)
