"""Text on slides: blocks become paragraph specs, specs are fitted, then written.

`Para` is the pptx-shaped form of text: what PowerPoint calls a paragraph,
with its level, bullet and runs. Fitting estimates the height of the specs
in a box from average glyph widths (no font files are needed) and picks the
largest type scale that fits, never below the look's 18 pt floor.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from lxml import etree
from pptx.opc.constants import RELATIONSHIP_TYPE as RT
from pptx.oxml.ns import qn
from pptx.util import Emu

from segue.model import (
    Block,
    CodeBlock,
    Heading,
    Inline,
    ListBlock,
    Paragraph,
    Quote,
    Span,
    WriteLines,
)

MIN_PT = 18.0
LINE_HEIGHT = 1.2
SPACE_BEFORE = 0.35  # of the type size, as the master's spcBef
INSET = Emu(91440)  # default text-box inset, each side
LEVEL_INDENT = Emu(342900)
NUMBER_INDENT = 502920  # 0.55 in
MONO_FONT = "Consolas"


@dataclass
class Para:
    spans: Inline
    size: float  # points, before fitting
    level: int = 0
    bullet: str = "none"  # "none" | "bullet" | "number"
    number: int = 1
    italic: bool = False
    bold: bool = False
    mono: bool = False
    align: str | None = None  # None inherits; "l", "ctr", "r"

    @property
    def text(self) -> str:
        return "".join(span.text for span in self.spans)


def paras_from_blocks(blocks: list[Block], sizes: tuple[float, ...]) -> list[Para]:
    """Paragraph specs of text blocks; `sizes` are the body sizes per list level."""
    paras: list[Para] = []
    for block in blocks:
        if isinstance(block, Paragraph):
            paras.append(Para(block.inline, sizes[0]))
        elif isinstance(block, Heading):
            paras.append(Para(block.inline, sizes[0], bold=True))
        elif isinstance(block, ListBlock):
            for level, number, item, owner in block.flatten():
                level = min(level, len(sizes) - 1)
                kind = "number" if owner.ordered else "bullet"
                paras.append(Para(item.inline, sizes[level], level=level, bullet=kind, number=number))
        elif isinstance(block, Quote):
            for para in paras_from_blocks(block.blocks, sizes):
                para.italic = True
                paras.append(para)
        elif isinstance(block, CodeBlock):
            for line in block.text.split("\n"):
                paras.append(Para((Span(line or " "),), max(MIN_PT, sizes[-1]), mono=True))
        elif isinstance(block, WriteLines):
            continue  # handout only
    return paras


def estimate_height(paras: list[Para], width: int, scale: float) -> int:
    """Estimated height in EMU of `paras` set in a box `width` EMU wide."""
    total_pt = 0.0
    for index, para in enumerate(paras):
        size = fitted_size(para.size, scale)
        indent = (para.level + (1 if para.bullet != "none" else 0)) * LEVEL_INDENT
        available_em = max((width - 2 * INSET - indent) / 12700, size) / size
        factor = 1.06 if para.bold else 1.0
        lines = sum(
            wrapped_lines(hard_line, available_em, para.mono, factor) for hard_line in para.text.split("\n")
        )
        if index:
            total_pt += SPACE_BEFORE * size
        total_pt += lines * LINE_HEIGHT * size
    return int((total_pt + 2 * INSET / 12700) * 12700)


# Glyph widths in em by character class, rounded up from a wide sans (DejaVu
# Sans), so text that fits here fits in the narrower fonts decks usually get.
_NARROW = set("iljtfrI.,:;'!|()[]{}`\"")
_WIDE = set("mwMW@%")


def char_width(char: str) -> float:
    if char == " " or char in _NARROW:
        return 0.34
    if char in _WIDE:
        return 0.92
    if char.isupper():
        return 0.70
    if char.isdigit():
        return 0.64
    if char.islower():
        return 0.57
    return 0.62


@lru_cache(maxsize=65536)
def text_width(text: str, mono: bool = False) -> float:
    """Width of `text` in em (cached: the same words recur across a deck)."""
    return len(text) * 0.62 if mono else sum(char_width(c) for c in text)


def wrapped_lines(text: str, width_em: float, mono: bool = False, factor: float = 1.0) -> int:
    """Lines `text` takes when words wrap in `width_em`."""
    space = text_width(" ", mono) * factor
    lines, current = 1, 0.0
    for word in text.split():
        length = text_width(word, mono) * factor
        if current and current + space + length > width_em:
            lines += 1
            current = 0.0
        current += (space if current else 0.0) + length
        while current > width_em:  # a word longer than a line breaks
            lines += 1
            current -= width_em
    return lines


def fitted_size(size: float, scale: float) -> float:
    return max(MIN_PT, round(size * scale * 2) / 2) if size >= MIN_PT else size


SCALES = (1.0, 0.93, 0.86, 0.8, 0.75, 0.7, 0.65)


def fit_scale(paras: list[Para], width: int, height: int) -> tuple[float, bool]:
    """The largest scale at which `paras` fit the box, and whether they fit at all."""
    for scale in SCALES:
        if estimate_height(paras, width, scale) <= height:
            return scale, True
    return SCALES[-1], False


def write_paras(text_frame, paras: list[Para], scale: float = 1.0, explicit_sizes: bool = False) -> None:
    """Replace a text frame's content with `paras`.

    Sizes are written when the text was shrunk to fit (or `explicit_sizes`),
    otherwise they are left to the layout so a template's type scale applies.
    The XML is built directly: python-pptx's run API costs about ten times
    as much per run, which dominates the build of a large deck.
    """
    body = text_frame._txBody
    body.bodyPr.set("wrap", "square")
    for old in body.findall(_P):
        body.remove(old)
    part = text_frame.part
    for para in paras:
        p = etree.SubElement(body, _P)
        ppr = etree.SubElement(p, _PPR)
        if para.level:
            ppr.set("lvl", str(para.level))
        if para.align:
            ppr.set("algn", para.align)
        set_bullet(ppr, para)
        size = fitted_size(para.size, scale) if (explicit_sizes or scale < 1.0) else None
        write_runs(p, part, para.spans, size=size, italic=para.italic, bold=para.bold, mono=para.mono)
    if not paras:
        etree.SubElement(body, _P)  # a text body holds at least one paragraph


def write_runs(
    p, part, spans: Inline, size: float | None = None, italic=False, bold=False, mono=False, color: str | None = None
) -> None:
    """Append runs for `spans` to the paragraph element `p` (line breaks become a:br).

    `part` is the slide or notes part that holds the paragraph; links are related from it.
    """
    for span in spans:
        for number, piece in enumerate(span.text.split("\n")):
            if number:
                etree.SubElement(p, _BR)
            if not piece:
                continue
            run = etree.SubElement(p, _R)
            rpr = etree.SubElement(run, _RPR)
            if size is not None:
                rpr.set("sz", str(int(round(size * 100))))
            if span.bold or bold:
                rpr.set("b", "1")
            if span.italic or italic:
                rpr.set("i", "1")
            # a:rPr children in schema order: fill, latin, hlinkClick.
            if color is not None:
                fill = etree.SubElement(rpr, _SOLID_FILL)
                etree.SubElement(fill, _SRGB, val=color)
            if span.code or mono:
                etree.SubElement(rpr, _LATIN, typeface=MONO_FONT)
            if span.href:
                rid = part.relate_to(span.href, RT.HYPERLINK, is_external=True)
                etree.SubElement(rpr, _HLINK, {_RID: rid})
            etree.SubElement(run, _T).text = piece


_P, _PPR, _R, _RPR, _T, _BR = (qn(f"a:{tag}") for tag in ("p", "pPr", "r", "rPr", "t", "br"))
_SOLID_FILL, _SRGB, _LATIN, _HLINK = (qn(f"a:{tag}") for tag in ("solidFill", "srgbClr", "latin", "hlinkClick"))
_RID = qn("r:id")


# a:pPr children in schema order; bullets must sit before tabLst, defRPr and extLst.
_BULLET_TAGS = ("buNone", "buAutoNum", "buChar", "buBlip")
_AFTER_BULLET = ("tabLst", "defRPr", "extLst")


def set_bullet(ppr, para: Para) -> None:
    for tag in _BULLET_TAGS:
        for old in ppr.findall(qn(f"a:{tag}")):
            ppr.remove(old)
    if para.bullet == "none":
        element = etree.Element(qn("a:buNone"))
        ppr.set("marL", "0")
        ppr.set("indent", "0")
    elif para.bullet == "number":
        # Room for "10." at body sizes; the master's bullet indent is too narrow.
        ppr.set("marL", str(NUMBER_INDENT * (para.level + 1)))
        ppr.set("indent", str(-NUMBER_INDENT))
        element = etree.Element(qn("a:buAutoNum"), type="arabicPeriod")
        if para.number != 1:
            element.set("startAt", str(para.number))
    else:
        return  # the layout's own bullet for this level
    position = len(ppr)
    for index, child in enumerate(ppr):
        if etree.QName(child).localname in _AFTER_BULLET:
            position = index
            break
    ppr.insert(position, element)
