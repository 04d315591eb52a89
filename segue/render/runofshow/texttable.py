"""Tables for a terminal: columns aligned whatever their contents' widths.

Every column is as wide as its widest cell (a clock time with seconds,
`14:37:30`, widens its column rather than pushing the rest out of line). One
column may be named to shorten, with `…`, to keep the table within the
terminal's width: titles. Columns named to wrap (who speaks) continue on the
lines below rather than being cut; nothing else is ever cut.
"""

from __future__ import annotations

import textwrap
from typing import Sequence

GAP = "  "
MIN_SHORTENED = 20
WRAP_AT = 32


def shortened(text: str, width: int) -> str:
    return text if len(text) <= width else text[: max(1, width - 1)] + "…"


def _pieces(cell: str) -> list[str]:
    """A list cell's items (`A, B, C` -> `A,`, `B,`, `C`): a line breaks between them first."""
    items = cell.split(", ")
    return [item + "," for item in items[:-1]] + items[-1:]


def wrapped(cell: str, width: int) -> list[str]:
    """`cell` on lines of at most `width`, broken between list items, else between words."""
    lines: list[str] = []
    for piece in _pieces(cell):
        if lines and len(lines[-1]) + 1 + len(piece) <= width:
            lines[-1] += " " + piece
        else:
            lines += textwrap.wrap(piece, width, break_long_words=False, break_on_hyphens=False) or [""]
    return lines or [""]


def text_table(
    header: Sequence[str],
    rows: Sequence[Sequence[str] | str],
    left: set[int],
    width: int | None = None,
    shorten: int | None = None,
    wrap: set[int] = frozenset(),
) -> list[str]:
    """`header`, a rule, then `rows`: lists of cells, or a string printed as a line of its own
    (a group's heading, a subtotal). Columns in `left` are flush left, the others (figures)
    flush right."""
    cells = [list(row) for row in rows if not isinstance(row, str)]
    widths = [max(len(row[i]) for row in [list(header), *cells]) for i in range(len(header))]
    natural = list(widths)
    for i in wrap:
        longest_item = max((len(piece) for row in cells for piece in _pieces(row[i])), default=0)
        widths[i] = max(len(header[i]), longest_item, min(widths[i], WRAP_AT))
    if width is not None and shorten is not None:
        over = sum(widths) + len(GAP) * (len(widths) - 1) - width
        if over > 0:
            widths[shorten] = max(min(widths[shorten], MIN_SHORTENED), widths[shorten] - over)
    if width is not None:
        for i in wrap:  # room left over lets who speaks stay on one line
            slack = width - (sum(widths) + len(GAP) * (len(widths) - 1))
            widths[i] = max(widths[i], min(natural[i], widths[i] + max(0, slack)))

    def lines_of(row: Sequence[str]) -> list[str]:
        columns = []
        for i, cell in enumerate(row):
            if i in wrap:
                columns.append(wrapped(cell, widths[i]))
            else:
                columns.append([shortened(cell, widths[i]) if i == shorten else cell])
        height = max(len(column) for column in columns)
        out = []
        for number in range(height):
            parts = []
            for i, column in enumerate(columns):
                text = column[number] if number < len(column) else ""
                parts.append(text.ljust(widths[i]) if i in left else text.rjust(widths[i]))
            out.append(GAP.join(parts).rstrip())
        return out

    head = lines_of(header)[0]
    out = [head, "-" * len(GAP.join(" " * w for w in widths))]
    for row in rows:
        out += [row] if isinstance(row, str) else lines_of(row)
    return out
