"""Fonts and glyphs in the rendered deck: fonts asked for that LibreOffice had to
replace, and characters it drew as empty boxes or not at all.

A font is as asked when the glyphs are drawn in it, in its metric twin
(Carlito for Calibri) or, for code, in the build's stand-in for Consolas.
A character is drawn as a box when the font that drew it has no glyph for
it (LibreOffice found no font with one), and is missing when nothing shows
where it should be (a colour emoji LibreOffice cannot put into a PDF).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from PIL import Image, ImageChops

from segue.render.deckpdf import fonts
from segue.render.proof.pages import Glyph, Page

# Packages that install a font under its own name (Debian; PyPI's fontpkg).
PROVIDERS = {
    "dejavu sans": ("fonts-dejavu-core", None),
    "dejavu sans mono": ("fonts-dejavu-core", None),
    "liberation sans": ("fonts-liberation2", None),
    "liberation serif": ("fonts-liberation2", None),
    "liberation mono": ("fonts-liberation2", None),
    "noto sans": ("fonts-noto-core", "fontpkg-noto-sans"),
    "noto serif": ("fonts-noto-core", "fontpkg-noto-serif"),
    "open sans": ("fonts-open-sans", "fontpkg-open-sans"),
    "roboto": ("fonts-roboto", "fontpkg-roboto"),
    "lato": ("fonts-lato", "fontpkg-lato"),
    "carlito": ("fonts-crosextra-carlito", None),
    "caladea": ("fonts-crosextra-caladea", None),
}


@dataclass(frozen=True)
class FontProblem:
    font: str  # the family asked for
    message: str


def font_problems(asked: tuple[str, ...], pages: list[Page], code: bool) -> list[FontProblem]:
    """One problem for each font asked for that the deck PDF could not use."""
    used = Counter(run.font for page in pages for run in page.runs if any(c.isascii() and c.isalpha() for c in run.text))
    wanted = list(asked) + ([fonts.CODE_FONT] if code else [])
    problems = []
    for family in dict.fromkeys(wanted):
        if fonts.installed(family) or fonts.twin_installed(family):
            continue
        if family == fonts.CODE_FONT and fonts.installed(fonts.CODE_STAND_IN):
            continue
        instead = next(
            (name for name, _ in used.most_common() if not any(fonts.stands_in(other, name) for other in wanted)), None
        )
        drawn = f"the deck PDF sets it in {family_name(instead)}" if instead else "the deck PDF sets it in another font"
        twin = fonts.TWINS.get(family.casefold())
        provider = PROVIDERS.get(family.casefold())
        if twin is not None:
            where = " or ".join(f"{kind} {name}" for kind, name in (("Debian/Ubuntu:", twin.debian), ("Python:", twin.pypi)) if name)
            message = (
                f"font {family!r} is not on this machine and neither is its metric twin {twin.family}: {drawn}, "
                f"whose widths differ, so lines break other than in PowerPoint; install {twin.family} ({where}) "
                "where the deck PDF is built"
            )
        elif provider is not None:
            where = " or ".join(f"{kind} {name}" for kind, name in (("Debian/Ubuntu:", provider[0]), ("Python:", provider[1])) if name)
            message = (
                f"font {family!r} is not on this machine: {drawn}, whose widths differ, so lines break other than "
                f"where it is installed; install it ({where}) where the deck PDF is built"
            )
        else:
            message = (
                f"font {family!r} is on no machine here and no package the build knows provides it: PowerPoint shows it "
                f"where it is installed and its own substitute elsewhere; {drawn}, so the deck PDF and this proof break "
                "lines by another font's widths; choose an installed font, or install it where the deck PDF is built"
            )
        problems.append(FontProblem(family, message))
    return problems


def family_name(name: str) -> str:
    """A font as the PDF names it (`DejaVuSans-Bold`), by its family's name when it is installed."""
    found = fonts.faces().get(fonts.key(name))
    return found[0].family if found else name.split("-")[0]


def glyph_problems(page: Page, full: Image.Image, full_scale: float, bare: Image.Image, bare_scale: float) -> list[tuple[int, str, list]]:
    """(element, message, boxes) for characters drawn as boxes or not drawn at all."""
    boxed: dict[int, list[Glyph]] = {}
    missing: dict[int, list[Glyph]] = {}
    for glyph in page.glyphs:
        covered = fonts.coverage(glyph.font)
        if covered is not None and ord(glyph.char) not in covered:
            boxed.setdefault(glyph.element, []).append(glyph)
        elif not _inked(glyph, full, full_scale, bare, bare_scale):
            missing.setdefault(glyph.element, []).append(glyph)
    found = []
    for element, glyphs in boxed.items():
        chars = "".join(dict.fromkeys(g.char for g in glyphs))
        found.append((
            element,
            f"shows {chars!r} as empty boxes in the deck PDF: no font here has them; install a font for this script "
            "(Debian: fonts-noto-core) where the deck PDF is built",
            [g.box for g in glyphs],
        ))
    for element, glyphs in missing.items():
        chars = "".join(dict.fromkeys(g.char for g in glyphs))
        font = glyphs[0].font
        colour = "" if fonts.draws_outlines(font) else f" ({font} is a colour font, which this LibreOffice cannot put into a PDF)"
        found.append((
            element,
            f"has {chars!r} missing from the deck PDF{colour}: PowerPoint shows them; install LibreOffice 7.5 or later, "
            "or leave them out of the slide",
            [g.box for g in glyphs],
        ))
    return found


def _inked(glyph: Glyph, full: Image.Image, full_scale: float, bare: Image.Image, bare_scale: float) -> bool:
    """Whether anything shows where the glyph is: the rendering differs from the one without text."""
    x0, y0, x1, y1 = glyph.box
    if x1 - x0 < 0.5 or y1 - y0 < 0.5:
        return False
    if x0 < 0 or y0 < 0 or x1 * full_scale > full.width or y1 * full_scale > full.height:
        return True  # off the slide: reported as such, its ink cannot be seen here
    box = tuple(int(v * full_scale) for v in (x0, y0)) + tuple(int(v * full_scale + 0.999) for v in (x1, y1))
    drawn = full.crop(box)
    under = bare.crop(tuple(int(v * bare_scale) for v in (x0, y0)) + tuple(int(v * bare_scale + 0.999) for v in (x1, y1)))
    under = under.resize(drawn.size, Image.Resampling.BILINEAR)
    difference = ImageChops.difference(drawn, under).convert("L").point(lambda v: 255 if v > 12 else 0)
    return difference.getbbox() is not None
