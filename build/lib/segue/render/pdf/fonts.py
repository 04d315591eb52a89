"""The one typeface of the printed outputs, shipped as a Python package.

Atkinson Hyperlegible (SIL Open Font License) was drawn for low-vision
readers: letters that are easy to tell apart help at the lectern and on a
photocopied handout alike. It comes from the `fontpkg-atkinson-hyperlegible`
package, so a build never depends on the fonts of the machine it runs on.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import fontpkg
from fontTools.ttLib import TTFont  # fpdf2 reads fonts with fontTools too

FAMILY = "Atkinson Hyperlegible"
ALIAS = "atkinson"  # the name the PDFs use for it internally

STYLES = {"": (400, "normal"), "B": (700, "normal"), "I": (400, "italic"), "BI": (700, "italic")}
"""fpdf2 style -> (weight, style) of the file in the font package."""

SUBSTITUTES = {
    # Typographic spaces the font lacks: a plain or non-breaking space reads the same.
    **{chr(c): " " for c in range(0x2000, 0x200B)},
    "\u202f": "\u00a0",
    "\u205f": " ",
    "\u2011": "-",  # non-breaking hyphen
    # Invisible characters that only steer line breaking or joining.
    "\u200b": "",
    "\u200c": "",
    "\u200d": "",
    "\u2060": "",
    "\ufeff": "",
    # Arrows, common in slide text, drawn with characters the font has.
    "\u2192": "->",
    "\u2190": "<-",
    "\u2194": "<->",
    "\u21d2": "=>",
}


def font_files() -> dict[str, Path]:
    """fpdf2 style -> the installed .ttf file."""
    return {style: fontpkg.path(FAMILY, weight=weight, style=kind) for style, (weight, kind) in STYLES.items()}


@lru_cache(maxsize=1)
def coverage() -> frozenset[int]:
    """Code points every face of the family can draw."""
    covered: frozenset[int] | None = None
    for file in font_files().values():
        cmap = frozenset(TTFont(file, lazy=True).getBestCmap())
        covered = cmap if covered is None else covered & cmap
    return covered or frozenset()


def printable(text: str) -> tuple[str, str]:
    """`text` with substitutes applied and undrawable characters removed, and those removed."""
    covered = coverage()
    kept: list[str] = []
    missing: list[str] = []
    for char in text:
        if char in SUBSTITUTES:
            kept.append(SUBSTITUTES[char])
        elif ord(char) in covered or char in "\n\t":
            kept.append(char)
        elif char not in missing:
            missing.append(char)
    return "".join(kept), "".join(missing)
