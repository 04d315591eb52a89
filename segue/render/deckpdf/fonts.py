"""The fonts LibreOffice may use when it draws the deck, and what stands in for those it lacks.

The throwaway profile of each conversion gets the packaged fonts the handout
and scripts are set in (so the deck PDF draws every script they draw: Arabic,
Hebrew, Devanagari, Thai …) and the packaged metric-compatible twins of the
fonts decks usually name (Arimo for Arial and Helvetica). Everything else
comes from the machine: Carlito, Calibri's twin, is Debian's
`fonts-crosextra-carlito`.

A twin has the widths of the font it stands in for, so lines break where
they break in PowerPoint; a font with neither itself nor a twin on the
machine is replaced by LibreOffice's choice, and the proof says so.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from segue.render.pdf import fonts as chain


@dataclass(frozen=True)
class Twin:
    family: str  # the metric-compatible family
    debian: str | None  # the Debian/Ubuntu package that installs it
    pypi: str | None = None  # the Python package that ships it (in the profile when installed)


# Fonts decks name, and the free fonts drawn to the same widths.
TWINS = {
    "calibri": Twin("Carlito", "fonts-crosextra-carlito"),
    "cambria": Twin("Caladea", "fonts-crosextra-caladea"),
    "arial": Twin("Arimo", "fonts-liberation2", "fontpkg-arimo"),
    "helvetica": Twin("Arimo", "fonts-liberation2", "fontpkg-arimo"),
    "times new roman": Twin("Liberation Serif", "fonts-liberation2"),
    "courier new": Twin("Liberation Mono", "fonts-liberation2"),
    "arial narrow": Twin("Liberation Sans Narrow", "fonts-liberation"),
}
# Other names a twin is installed under (Debian's Liberation fonts stand in for Arial too).
ALSO = {"Arimo": ("Liberation Sans",), "Liberation Serif": ("Tinos",), "Liberation Mono": ("Cousine",)}
PACKAGED_TWINS = ("Arimo",)
CODE_FONT = "Consolas"  # what the deck asks for code in
CODE_STAND_IN = "DejaVu Sans Mono"  # Consolas has no free twin: the deck PDF sets code in LibreOffice's own monospace


def key(name: str) -> str:
    """A family or PostScript name reduced to what both share: `Noto Sans Devanagari`
    and `NotoSansDevanagari-Bold` both give `notosansdevanagari`."""
    base = name.split("+", 1)[1] if len(name) > 7 and name[6] == "+" else name
    base = base.split("-", 1)[0] if " " not in base else base
    return re.sub(r"[^0-9a-z]", "", base.casefold())


@lru_cache(maxsize=1)
def profile_files() -> tuple[Path, ...]:
    """The packaged font files a conversion's profile gets."""
    files: list[Path] = []
    for family in (*chain.PACKAGED, *PACKAGED_TWINS):
        try:
            files.extend(face.file for face in chain.packaged_faces(family))
        except Exception:  # a packaged family that is not installed
            continue
    return tuple(dict.fromkeys(files))


@lru_cache(maxsize=1)
def faces() -> dict[str, tuple[chain.FontFace, ...]]:
    """Every face LibreOffice can use, by `key`: the machine's and the packaged ones."""
    found: dict[str, list[chain.FontFace]] = {}
    try:
        book = chain.system_font_book()
    except Exception:  # no font book: the packaged fonts still count
        book = []
    for info in book:
        if info.path is not None:
            found.setdefault(key(info.family), []).append(chain.FontFace(info.family, Path(info.path), info.index))
    for family in (*chain.PACKAGED, *PACKAGED_TWINS):
        try:
            found.setdefault(key(family), []).extend(chain.packaged_faces(family))
        except Exception:
            continue
    return {name: tuple(list_) for name, list_ in found.items()}


def installed(family: str) -> bool:
    return key(family) in faces()


def twin_installed(family: str) -> str | None:
    """The installed twin of `family`, if it has one."""
    twin = TWINS.get(family.casefold())
    if twin is None:
        return None
    for name in (twin.family, *ALSO.get(twin.family, ())):
        if installed(name):
            return name
    return None


def stands_in(asked: str, used: str) -> bool:
    """Whether text asked in `asked` and drawn in `used` is as asked: the font
    itself, its twin, or the build's own stand-in for its code font."""
    if key(asked) == key(used):
        return True
    twin = TWINS.get(asked.casefold())
    if twin is not None and key(used) in {key(n) for n in (twin.family, *ALSO.get(twin.family, ()))}:
        return True
    return asked.casefold() == CODE_FONT.casefold() and key(used) == key(CODE_STAND_IN)


@lru_cache(maxsize=256)
def coverage(name: str) -> frozenset[int] | None:
    """The characters the font LibreOffice drew with (named as in the PDF) has glyphs
    for; None when the font is not found here."""
    found = faces().get(key(name))
    if not found:
        return None
    covered: frozenset[int] = frozenset()
    for face in found:
        covered |= chain.face_coverage(face)
    return covered


@lru_cache(maxsize=64)
def draws_outlines(name: str) -> bool:
    """Whether the font has outlines; colour-bitmap emoji fonts have none, and
    LibreOffice before 7.5 draws nothing for them in a PDF."""
    from fontTools.ttLib import TTCollection, TTFont

    for face in faces().get(key(name), ()):
        try:
            if face.file.suffix.lower() in (".ttc", ".otc"):
                font = TTCollection(str(face.file), lazy=True).fonts[face.index]
            else:
                font = TTFont(str(face.file), lazy=True)
            try:
                return any(tag in font for tag in ("glyf", "CFF ", "CFF2"))
            finally:
                font.close()
        except Exception:
            continue
    return True
