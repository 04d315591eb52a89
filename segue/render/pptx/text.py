"""Text on slides: blocks become paragraphs, and paragraphs are fitted to boxes.

Fitting estimates the height of paragraphs in a box from average glyph
widths (no font files are needed) and picks the largest type scale that
fits, never below the look's 18 pt floor. Pure: the writer serialises what
comes out of here.
"""

from __future__ import annotations

from dataclasses import replace
from functools import lru_cache

from segue.talk.model import (
    Block,
    Chart,
    CodeBlock,
    Columns,
    DefinitionList,
    Heading,
    LineBlock,
    ListBlock,
    MathBlock,
    Paragraph,
    Pause,
    Picture,
    Quote,
    References,
    Slide,
    Span,
    Table,
    WriteLines,
)
from segue.render.pptx.arranged import Para, TextFrame
from segue.render.pptx.geometry import EMU_PER_POINT, Measure, Rect

MIN_PT = 18.0
LINE_HEIGHT = 1.2
SPACE_BEFORE = 0.35  # of the type size, as the master's spcBef
STANDARD = Measure(SPACE_BEFORE, LINE_HEIGHT)  # the built-in look's text
CODE_LINES = Measure(space_before=0.0)  # a box of code lines: no space between them
# The line of a font, of its type size, as LibreOffice sets it (ascent and descent), for
# the families templates name whose line is taller than the 1.2 assumed otherwise.
LINE_HEIGHTS = {
    "noto sans": 1.37, "open sans": 1.37, "source sans pro": 1.26, "segoe ui": 1.33, "montserrat": 1.22,
    "calibri": 1.22, "carlito": 1.22, "lato": 1.2, "verdana": 1.22, "tahoma": 1.21,
}


# Serif families, which LibreOffice sets in DejaVu Serif where neither they nor a twin are
# installed: wider than the sans the character classes below are measured from.
SERIF = ("times", "georgia", "garamond", "cambria", "book antiqua", "palatino", "bookman", "century", "serif")
SERIF_WIDTH = 1.1


def width_factor_of(family: str) -> float:
    return SERIF_WIDTH if any(word in family.casefold() for word in SERIF) else 1.0


def line_height_of(family: str) -> float:
    """The line height of `family` (a style word after the family name is ignored)."""
    name = family.casefold()
    return max(LINE_HEIGHT, next((value for known, value in LINE_HEIGHTS.items() if name.startswith(known)), LINE_HEIGHT))
INSET = 91440  # default text-box inset, each side
LEVEL_INDENT = 342900


class Reveal:
    """The click that reveals each block of a slide, and each item of a list revealed item by item.

    Blocks after a `. . .` pause come one click later; each top-level item of
    an incremental list takes a click of its own (its nested items with it);
    what is not revealed item by item shows with the slide, or with the
    pause before it (as pandoc's slide shows have it).
    """

    def __init__(self, slide: Slide | None = None) -> None:
        self.steps: dict[int, int] = {}
        self.clicks = 0
        self.shown = 0  # the click that shows what is not revealed item by item: the last pause's
        if slide is not None:
            self._walk(slide.body, slide)

    def _walk(self, blocks: list[Block], slide: Slide) -> None:
        for block in blocks:
            if isinstance(block, Pause):
                self.clicks += 1
                self.shown = self.clicks
            elif isinstance(block, ListBlock) and slide.revealed(block):
                for item in block.items:
                    self.clicks += 1
                    self.steps[id(item)] = self.clicks
            self.steps.setdefault(id(block), self.shown)
            if isinstance(block, Columns):
                for column in block.columns:
                    self._walk(column, slide)
            elif isinstance(block, Quote):
                self._walk(block.blocks, slide)
            elif isinstance(block, DefinitionList):
                for item in block.items:
                    for definition in item.definitions:
                        self._walk(definition, slide)

    def step(self, thing) -> int:
        return self.steps.get(id(thing), 0)


PLAIN = Reveal()


def paras_from_blocks(
    blocks: list[Block], sizes: tuple[float, ...], reveal: Reveal = PLAIN, pause_marker: str | None = None
) -> list[Para]:
    """Paragraphs of the text blocks among `blocks`; `sizes` are the body sizes per list level.

    Pictures, tables and columns are placed by the arranger, never here; code
    becomes monospace lines here (the arranger gives a slide's code a box of its
    own). A pause is a paragraph only where `pause_marker` says what to print
    (in notes: where the presenter clicks).
    """
    paras: list[Para] = []
    for block in blocks:
        step = reveal.step(block)
        if isinstance(block, Paragraph):
            paras.append(Para(block.inline, sizes[0], step=step))
        elif isinstance(block, Heading):
            size = sizes[min(max(block.level - 3, 0), len(sizes) - 1)]
            paras.append(Para(block.inline, size, bold=True, step=step))
        elif isinstance(block, ListBlock):
            top = None
            for level, number, item, owner in block.flatten():
                top = item if level == 0 else top
                item_step = reveal.step(top) or step
                level = min(level, len(sizes) - 1)
                if item.checked is not None:
                    indent = (level + 1) * LEVEL_INDENT
                    paras.append(Para(item.inline, sizes[level], level=level, indent=indent, step=item_step, task=item.checked))
                    continue
                kind = "number" if owner.ordered else "bullet"
                paras.append(Para(item.inline, sizes[level], level=level, bullet=kind, number=number, step=item_step))
        elif isinstance(block, Quote):
            paras.extend(replace(para, italic=True, step=max(para.step, step)) for para in paras_from_blocks(block.blocks, sizes, reveal))
        elif isinstance(block, CodeBlock):
            for line in block.text.split("\n"):
                paras.append(Para((Span(line or " "),), max(MIN_PT, sizes[-1]), mono=True, step=step))
        elif isinstance(block, MathBlock):
            paras.append(Para((Span(block.tex, math=block.formula),), sizes[0], align="ctr", display=True, step=step))
        elif isinstance(block, LineBlock):
            spans: list[Span] = []
            for number, line in enumerate(block.lines):
                if number:
                    spans.append(Span("\n"))
                spans.extend(line)
            paras.append(Para(tuple(spans), sizes[0], step=step))
        elif isinstance(block, DefinitionList):
            for item in block.items:
                paras.append(Para(item.term, sizes[0], bold=True, step=step))
                for definition in item.definitions:
                    for para in paras_from_blocks(definition, sizes, reveal):
                        paras.append(replace(para, indent=LEVEL_INDENT, bullet="none", step=max(para.step, step)))
        elif isinstance(block, References):
            paras.extend(Para(tuple(entry), sizes[-1], step=step) for entry in block.entries)
        elif isinstance(block, Pause):
            if pause_marker is not None:
                paras.append(Para((Span(pause_marker),), sizes[0], bold=True))
        elif isinstance(block, (WriteLines, Picture, Table, Columns, Chart)):
            continue  # handout only, or placed by the arranger
        else:
            raise TypeError(f"no paragraphs for {type(block).__name__}")
    return paras


def estimate_height(paras: list[Para] | tuple[Para, ...], width: int, scale: float, measure: Measure = STANDARD) -> int:
    """Estimated height in EMU of `paras` set in a box `width` EMU wide, spaced and set as
    `measure` says (the master's spacing, or none in a box of code lines; its font's line
    and letters' width)."""
    total_pt = 0.0
    for index, para in enumerate(paras):
        size = fitted_size(para.size, scale)
        indent = (para.level + (1 if para.bullet != "none" else 0)) * LEVEL_INDENT
        available_em = max((width - 2 * INSET - indent) / EMU_PER_POINT, size) / size
        factor = (1.06 if para.bold else 1.0) * (1.0 if para.mono else measure.widen)
        lines = sum(
            wrapped_lines(hard_line, available_em, para.mono, factor) for hard_line in para.text.split("\n")
        )
        if index:
            total_pt += measure.space_before * size
        total_pt += lines * measure.line_height * size
    return int((total_pt + 2 * INSET / EMU_PER_POINT) * EMU_PER_POINT)


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


# Down to where a template's largest title size (about 44 pt) reaches the 18 pt floor.
SCALES = (1.0, 0.93, 0.86, 0.8, 0.75, 0.7, 0.65, 0.58, 0.52, 0.46, 0.41)


def fit_scale(paras: list[Para] | tuple[Para, ...], width: int, height: int, measure: Measure = STANDARD) -> tuple[float, bool]:
    """The largest scale at which `paras` fit the box, and whether they fit at all."""
    for scale in SCALES:
        if estimate_height(paras, width, scale, measure) <= height:
            return scale, True
    return SCALES[-1], False


def sized(paras: list[Para] | tuple[Para, ...], scale: float = 1.0, explicit_sizes: bool = False) -> tuple[Para, ...]:
    """Paragraphs with the sizes to write at `scale`.

    Sizes are written when the text was shrunk to fit (or `explicit_sizes`);
    otherwise they are left to the layout, so a template's type scale applies.
    """
    write = explicit_sizes or scale < 1.0
    return tuple(replace(para, size=fitted_size(para.size, scale) if write else None) for para in paras)


def fit(paras: list[Para], box: Rect, explicit_sizes: bool = False, measure: Measure = STANDARD) -> tuple[TextFrame, bool]:
    """`paras` fitted to `box`, and whether they fit even at the smallest scale."""
    scale, fits = fit_scale(paras, box.width, box.height, measure)
    return TextFrame(sized(paras, scale, explicit_sizes)), fits
