"""QR codes of links (segno), drawn the same for the deck and the handout."""

from __future__ import annotations

import io
from functools import lru_cache

import segno

ERROR_CORRECTION = "m"  # survives a smudge on paper or a glare on a screen
BORDER = 4  # the quiet zone the standard asks for, in modules


@lru_cache(maxsize=64)
def qr_png(address: str, pixels: int) -> bytes:
    """A black-on-white PNG of about `pixels` square (never smaller than 2 pixels a module)."""
    code = segno.make(address, error=ERROR_CORRECTION, micro=False)
    modules = code.symbol_size(scale=1, border=BORDER)[0]
    buffer = io.BytesIO()
    code.save(buffer, kind="png", scale=max(2, pixels // modules), border=BORDER, dark="#000000", light="#ffffff")
    return buffer.getvalue()


@lru_cache(maxsize=64)
def qr_svg(address: str) -> bytes:
    """The code as SVG, for the PDFs: sharp at any size."""
    code = segno.make(address, error=ERROR_CORRECTION, micro=False)
    buffer = io.BytesIO()
    code.save(buffer, kind="svg", scale=1, border=BORDER, dark="#000000", light="#ffffff", xmldecl=False, svgns=True)
    return buffer.getvalue()


def terminal_codes(labelled: list[tuple[str, str]], columns: int) -> str:
    """QR codes of addresses drawn with block characters for a terminal (two rows of
    modules a line), each under its label, side by side as `columns` allows."""
    drawn = []
    for label, address in labelled:
        buffer = io.StringIO()
        segno.make(address, error=ERROR_CORRECTION, micro=False).terminal(out=buffer, compact=True, border=2)
        lines = buffer.getvalue().rstrip("\n").split("\n")
        width = max(len(line) for line in lines)
        drawn.append([label[:width].ljust(width), *(line.ljust(width) for line in lines)])
    gap = "  "
    width = len(drawn[0][0]) if drawn else 0
    per_row = max(1, (columns + len(gap)) // (width + len(gap))) if width else 1
    rows = []
    for start in range(0, len(drawn), per_row):
        group = drawn[start : start + per_row]
        height = max(len(code) for code in group)
        for line in range(height):
            rows.append(gap.join(code[line] if line < len(code) else " " * len(code[0]) for code in group).rstrip())
        rows.append("")
    return "\n".join(rows)
