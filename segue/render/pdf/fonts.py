"""The font chain of the printed outputs, and which characters it can draw.

Text is set in Atkinson Hyperlegible (SIL Open Font License), drawn for
low-vision readers. Where it has no glyph, Typst falls back along a chain of
fonts that ship as Python packages, so the same talk sets the same way on
every machine:

    Atkinson Hyperlegible -> Noto Sans (Greek, Cyrillic, Vietnamese, more
    Latin) -> Amiri (Arabic) -> Noto Sans Arabic (Arabic-script letters
    Amiri lacks) -> Heebo (Hebrew: PyPI has no Noto Sans Hebrew) -> Noto
    Sans Devanagari -> Noto Sans Thai

Arabic is set in Amiri because each of its letter forms is one glyph: the
PDF's character map then gives each glyph its letter, and a screen reader or
a copy reads the words as written. Noto Sans Arabic builds letters from a
shared dotless base and a separate dot glyph, and Typst maps both to the
letter (typst/typst#526, #4225), so "مرحبا" would read back "مرحببا".

Only what the packaged chain cannot draw (Chinese, Japanese, Korean, emoji,
arrows and other symbols) is looked for among the machine's own fonts, and
only then: those fonts make the output depend on the machine that builds it,
so a talk the packaged fonts cover never touches them. A character no font
covers is reported by the caller and left out, because a PDF/UA file may not
show a missing-glyph box.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import fontpkg
from fontTools.ttLib import TTCollection, TTFont

PRIMARY = "Atkinson Hyperlegible"
PACKAGED = (PRIMARY, "Noto Sans", "Amiri", "Noto Sans Arabic", "Heebo", "Noto Sans Devanagari", "Noto Sans Thai")
"""Families of the chain that come from Python packages (`fontpkg-…`), in fallback order."""

CODE_FAMILY = "DejaVu Sans Mono"
"""Code blocks and inline code: the monospaced face inside the Typst wheel.
The chain follows it, so a character it lacks comes from the chain."""

# Characters Typst sets without a glyph of their own: spaces it sizes itself,
# line and paragraph separators, joiners, direction marks, soft hyphens, and
# variation selectors that only choose between glyphs of the character before.
_NO_GLYPH_CATEGORIES = {"Cc", "Cf", "Zs", "Zl", "Zp"}

SUBSTITUTES = {
    "\ufeff": "\u2060",  # a zero-width no-break space mid-text is a word joiner; PDF/UA forbids U+FEFF
}


def needs_glyph(char: str) -> bool:
    code = ord(char)
    if 0xFE00 <= code <= 0xFE0F or 0xE0100 <= code <= 0xE01EF:
        return False
    return unicodedata.category(char) not in _NO_GLYPH_CATEGORIES


@dataclass(frozen=True)
class FontFace:
    family: str
    file: Path
    index: int = 0  # the face's number inside a collection (.ttc)


@lru_cache(maxsize=None)
def packaged_faces(family: str) -> tuple[FontFace, ...]:
    """The installed files of a packaged family (every style it has)."""
    fam = fontpkg.family(family)
    files = sorted({f.path for f in fam.files})
    return tuple(FontFace(family, Path(f)) for f in files)


@lru_cache(maxsize=None)
def packaged_folders() -> tuple[Path, ...]:
    """One folder per packaged family: what Typst is given to search."""
    return tuple(dict.fromkeys(face.file.parent for family in PACKAGED for face in packaged_faces(family)))


@lru_cache(maxsize=4096)
def _cmap(file: Path, index: int, stamp: tuple[int, int]) -> frozenset[int]:
    """Code points one face maps to a glyph; read once per file version."""
    if file.suffix.lower() in (".ttc", ".otc"):
        font = TTCollection(str(file), lazy=True).fonts[index]
    else:
        font = TTFont(str(file), lazy=True, fontNumber=index)
    try:
        return frozenset(font.getBestCmap() or ())
    finally:
        font.close()


def face_coverage(face: FontFace) -> frozenset[int]:
    try:
        stat = face.file.stat()
        return _cmap(face.file, face.index, (stat.st_mtime_ns, stat.st_size))
    except Exception:  # an unreadable or broken font file covers nothing
        return frozenset()


@lru_cache(maxsize=None)
def family_coverage(family: str) -> frozenset[int]:
    """What every face of a packaged family can draw: bold or italic text
    must not reach a glyph only the regular face has."""
    covered: frozenset[int] | None = None
    for face in packaged_faces(family):
        cmap = face_coverage(face)
        covered = cmap if covered is None else covered & cmap
    return covered or frozenset()


@dataclass(frozen=True)
class Chain:
    """The families Typst may use, in order, and whether the machine's fonts are among them."""

    families: tuple[str, ...]
    system: bool  # True when some family comes from the machine's fonts
    missing: frozenset[str]  # characters no family of the chain can draw

    @property
    def system_families(self) -> tuple[str, ...]:
        return tuple(f for f in self.families if f not in PACKAGED)


def chain_for(chars: set[str]) -> Chain:
    """The shortest chain that draws `chars`: the packaged families, then
    machine fonts for what they leave, each chosen for a character it covers."""
    needed = {c for c in chars if needs_glyph(c)}
    left = {ord(c) for c in needed}
    for family in PACKAGED:
        if not left:
            break
        left -= family_coverage(family)
    if not left:
        return Chain(PACKAGED, False, frozenset())
    extra: list[str] = []
    for family, faces in system_families():
        if not left:
            break
        covered = frozenset().union(*(face_coverage(face) for face in faces))
        found = left & covered
        if found:
            extra.append(family)
            left -= found
    return Chain(PACKAGED + tuple(extra), bool(extra), frozenset(chr(c) for c in left))


def _preference(family: str) -> tuple[int, str]:
    # Noto families first: they are drawn to sit with each other; then by name, so
    # the choice does not depend on the order the file system lists fonts in.
    return (0 if family.startswith("Noto") else 1, family)


def system_font_book() -> list:
    """Every font face of the machine, as Typst finds them (typst.FontInfo)."""
    import typst  # only when the packaged chain falls short: most builds never look

    return typst.Fonts(include_system_fonts=True, include_embedded_fonts=False).fonts()


@lru_cache(maxsize=1)
def system_families() -> tuple[tuple[str, tuple[FontFace, ...]], ...]:
    """The machine's font families with their upright regular faces, in the order they are tried."""
    faces: dict[str, list[FontFace]] = {}
    for info in system_font_book():
        if info.path is None or info.family in PACKAGED or info.family == CODE_FAMILY:
            continue
        if info.style != "normal" or info.weight != 400:
            continue
        faces.setdefault(info.family, []).append(FontFace(info.family, Path(info.path), info.index))
    return tuple((family, tuple(faces[family])) for family in sorted(faces, key=_preference))
