"""The proof's look at the deck: each page of the deck PDF read back, paired with
its arranged slide, checked, and rendered as a picture.

Pure with respect to the build: it gets the deck PDF's bytes and the arranged
deck, and returns what it found; LibreOffice has already run.
"""

from __future__ import annotations

import io
from dataclasses import dataclass, field

from segue.render.pptx.arranged import ArrangedDeck, CodeBox, PlaceholderText, TextBox
from segue.render.pptx.geometry import Stage
from segue.render.proof import pages as pdf
from segue.render.proof.checks import MIN_PT, Problem, SlideCheck, is_bullet
from segue.render.proof.contrast import MIN_CONTRAST, hex_of, same_as_around, worst
from segue.render.proof.glyphs import FontProblem, font_problems, glyph_problems
from segue.render.proof.shapes import match_page, shapes_of

PICTURE_SCALE = 1.0  # pixels per point of the proof's pictures: 960 × 540 for a 16:9 slide
CONTRAST_SCALE = 0.5  # pixels per point of the rendering without text


@dataclass
class SlideLook:
    number: int
    width: float  # points
    height: float
    picture: bytes | None  # JPEG
    problems: list[Problem] = field(default_factory=list)


@dataclass
class Look:
    slides: list[SlideLook]
    fonts: list[FontProblem]


def look(data: bytes, deck: ArrangedDeck, stage: Stage, pictures: bool = True) -> Look:
    """Every page of the deck PDF `data` checked against `deck`; with `pictures`, each as a JPEG."""
    document = pdf.open_pdf(data)
    read, slides = [], []
    try:
        for index in range(min(len(document), len(deck.slides))):
            loaded = document[index]
            try:
                page = pdf.read_page(document, index, loaded)
                read.append(page)
                slides.append(_slide(loaded, page, deck, stage, pictures))
            finally:
                loaded.close()
    finally:
        document.close()
    return Look(slides, font_problems(stage.fonts, read, has_code(deck)))


def has_code(deck: ArrangedDeck) -> bool:
    """Whether the deck asks for its code font anywhere: a code box, or `code` in text."""
    for slide in deck.slides:
        for item in slide.items:
            if isinstance(item, CodeBox):
                return True
            if isinstance(item, (PlaceholderText, TextBox)) and any(para.mono or any(s.code for s in para.spans) for para in item.frame.paras):
                return True
    return False


def _slide(loaded, page: pdf.Page, deck: ArrangedDeck, stage: Stage, pictures: bool) -> SlideLook:
    arranged = deck.slides[page.number - 1]
    paired = match_page(page, shapes_of(arranged, stage))
    full = pdf.render(loaded, PICTURE_SCALE)
    bare = pdf.render(loaded, CONTRAST_SCALE, without_text=True)
    check = SlideCheck(page, paired, lambda area, around: same_as_around(bare, CONTRAST_SCALE, area, around))
    check.run_all()
    _contrast(check, bare)
    for element, message, boxes in glyph_problems(page, full, PICTURE_SCALE, bare, CONTRAST_SCALE):
        check.add(element, message, boxes)
    picture = None
    if pictures:
        out = io.BytesIO()
        full.save(out, "JPEG", quality=82)
        picture = out.getvalue()
    return SlideLook(page.number, page.width, page.height, picture, check.problems)


def _contrast(check: SlideCheck, bare) -> None:
    """Each shape's text with the lowest contrast against what is behind it, when under
    4.5:1; every line of it under 4.5:1 is outlined."""
    lowest: dict[int, tuple[float, tuple, object]] = {}
    failing: dict[int, list] = {}
    for run in check.runs:
        if is_bullet(run.text):
            continue  # a list's bullet is decoration; its text is judged
        found = worst(run, bare, CONTRAST_SCALE)
        if found is None or found[0] >= MIN_CONTRAST:
            continue
        failing.setdefault(run.element, []).append(run.box)
        if run.element not in lowest or found[0] < lowest[run.element][0]:
            lowest[run.element] = (found[0], found[1], run)
    for element, (value, colour, run) in lowest.items():
        check.add(
            element,
            f"is {hex_of(run.color)} on {hex_of(colour)} behind it: a contrast of {value:.1f}:1, under {MIN_CONTRAST:g}:1 "
            "(WCAG AA); darken the text or lighten what is behind it (a picture behind text needs a panel: "
            "`{background=…}` on the slide gives one)",
            failing[element],
        )


__all__ = ["Look", "SlideLook", "look", "MIN_PT"]
