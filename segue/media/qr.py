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
