"""Add `publisher:` to url sources whose host is in publishers.yaml, editing text lines only.

Run after adding sources: `python scripts/add_publishers.py [DATA_DIR]`. Comments and
layout stay as they were (no YAML round trip). A source whose host is not in the
table is left alone and listed, so that `casus check` and a person decide: add the
publisher to the table if it publishes there, or cite the original with `via:`.
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

from casus.kb import DATA_DIR, yamlio
from casus.kb.publishers import Publisher, host_of, owner_of

URL = re.compile(r"^(?P<indent>\s*)(?P<dash>- )?url: *(?P<url>\S.*?)\s*$")
KEY = re.compile(r"^\s*(- )?(?P<key>[a-z_]+):")


def _quote(name: str) -> str:
    return json.dumps(name, ensure_ascii=False) if re.search(r"[:#&'\"\[\]{}]|^[-!*@%`|>?,]", name) else name


def _block_keys(lines: list[str], i: int, col: int, opens: bool) -> set[str]:
    """Keys of the mapping whose `url:` key sits on line ``i`` at column ``col``.

    ``opens`` is true when the url line itself opens the mapping (``- url: ...``).
    Lines deeper than ``col`` continue a value; blank lines and comments are skipped.
    """
    keys: set[str] = set()

    def depth_body(line: str) -> tuple[int, str]:
        body = line.lstrip(" ")
        return len(line) - len(body), body

    j = i - 1
    while not opens and j >= 0:  # upwards to the line that opens the mapping
        depth, body = depth_body(lines[j])
        j -= 1
        if not body or body.startswith("#") or depth > col:
            continue
        m = KEY.match(lines[j + 1])
        if depth == col and not body.startswith("- ") and m:
            keys.add(m["key"])
            continue
        if depth == col - 2 and body.startswith("- ") and m:
            keys.add(m["key"])
        break
    j = i + 1
    while j < len(lines):  # downwards to the next item or a shallower line
        depth, body = depth_body(lines[j])
        j += 1
        if not body or body.startswith("#") or depth > col:
            continue
        m = KEY.match(lines[j - 1])
        if depth == col and not body.startswith("- ") and m:
            keys.add(m["key"])
            continue
        break
    return keys


def add_publishers(path: Path, table: dict[str, Publisher]) -> tuple[int, list[str]]:
    """Insert the missing publisher lines of one file; return (lines added, hosts not in the table)."""
    lines = path.read_text(encoding="utf-8").split("\n")
    out: list[str] = []
    added = 0
    unknown: list[str] = []
    for i, line in enumerate(lines):
        m = URL.match(line)
        if m:
            col = len(m["indent"]) + (2 if m["dash"] else 0)
            keys = _block_keys(lines, i, col, opens=bool(m["dash"]))
            if "publisher" not in keys and "via" not in keys:
                url = m["url"].strip("\"'")
                owner = owner_of(host_of(url), table)
                if owner is None:
                    unknown.append(f"{path.name}:{i + 1}: {host_of(url)}")
                elif m["dash"]:
                    out.append(f"{m['indent']}- publisher: {_quote(owner.name)}")
                    out.append(" " * col + line.lstrip(" ")[2:])
                    added += 1
                    continue
                else:
                    out.append(" " * col + f"publisher: {_quote(owner.name)}")
                    added += 1
        out.append(line)
    if added:
        path.write_text("\n".join(out), encoding="utf-8")
    return added, unknown


def main(argv: list[str]) -> int:
    data = Path(argv[1]) if len(argv) > 1 else DATA_DIR
    raw = yamlio.read(data / "publishers.yaml")
    table = {str(p["name"]): Publisher.model_validate(yamlio.plain(p)) for p in raw["publishers"]}
    total = 0
    for path in sorted(data.rglob("*.yaml")):
        if path.name == "publishers.yaml":
            continue
        added, unknown = add_publishers(path, table)
        total += added
        for u in unknown:
            print(f"not in publishers.yaml: {u}")
    print(f"added {total} publisher line(s)")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
