"""How results show themselves in a REPL and a notebook: the answer first, then a compact table.

A result class mixes in :class:`Displayable` and gives two things: ``headline()``, one or two sentences
with names (what a journalist would quote), and ``rows()``, the compact table as plain dicts. ``repr`` is
the headline shortened to a line; ``_repr_html_`` (Jupyter, VS Code) is the headline above the table.
Tabular results are :class:`ResultList` tuples, which add ``to_frame()`` for pandas.

Dataclasses that mix this in must say ``repr=False``, or the generated ``__repr__`` hides this one.
"""

from __future__ import annotations

import html
import textwrap
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any, Generic, TypeVar

if TYPE_CHECKING:
    import pandas as pd

#: rows shown in a notebook before "... and N more"; ``to_frame()`` has them all
HTML_ROWS = 30


class Displayable:
    """A result that can say its answer in words and show a compact table."""

    def headline(self) -> str:  # pragma: no cover - every subclass gives its own
        raise NotImplementedError

    def rows(self) -> list[dict[str, Any]]:
        return []

    def summary_row(self) -> dict[str, Any]:
        """This result as one row of a batch's table (see :meth:`ResultList.to_frame`)."""
        its = self.rows()
        return its[0] if len(its) == 1 else {"answer": self.headline()}

    def __repr__(self) -> str:
        return f"<{type(self).__name__}: {textwrap.shorten(self.headline(), 200, placeholder=' ...')}>"

    def _repr_html_(self) -> str:
        return html_block(self.headline(), self.rows())


T = TypeVar("T", bound=Displayable)


class ResultList(tuple[T, ...], Generic[T]):
    """Many results of one kind: still a tuple, plus a headline, a table and ``to_frame()``."""

    #: what one item is called in the headline ("assessment", "place")
    noun = "result"

    def headline(self) -> str:
        n = len(self)
        return f"{n} {self.noun}{'' if n == 1 else 's'}" + (f"; the first: {self[0].headline()}" if n else ".")

    def rows(self) -> list[dict[str, Any]]:
        return [item.summary_row() for item in self]

    def to_frame(self) -> pd.DataFrame:
        """One row per result, with the columns of its compact table."""
        import pandas as pd

        return pd.DataFrame(self.rows())

    def __repr__(self) -> str:
        return Displayable.__repr__(self)  # type: ignore[arg-type]

    def _repr_html_(self) -> str:
        return html_block(self.headline(), self.rows())


def html_block(headline: str, rows: Iterable[dict[str, Any]]) -> str:
    """The headline as a paragraph and the rows as a small table, escaped."""
    rows = list(rows)
    parts = [f"<p>{html.escape(headline)}</p>"]
    if rows:
        cols: list[str] = []
        for r in rows:
            cols.extend(k for k in r if k not in cols)
        head = "".join(f"<th>{html.escape(c)}</th>" for c in cols)
        body = "".join(
            "<tr>" + "".join(f"<td>{html.escape(_cell(r.get(c)))}</td>" for c in cols) + "</tr>"
            for r in rows[:HTML_ROWS])
        parts.append(f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>")
        if len(rows) > HTML_ROWS:
            parts.append(f"<p>... and {len(rows) - HTML_ROWS} more (to_frame() has them all)</p>")
    return "".join(parts)


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, list | tuple):
        return ", ".join(map(str, value))
    return str(value)
