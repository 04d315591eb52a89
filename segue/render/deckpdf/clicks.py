"""Pictures of the deck's slides click by click: what a screen shows while a
talk is given.

The deck PDF draws each slide with everything on it; a slide whose content
appears on clicks is drawn once for each click, with what later clicks
reveal taken off the page first. What to take off is known, not guessed
from positions: LibreOffice's tagged export gives every shape of a slide one
structure element, paired with the arranged shapes as the proof pairs them
(`proof.shapes.match_page`), and every paragraph of a text shape an element of
its own (a `P`, or a list's `LI`), whose marked content is what it draws.
A slide whose elements cannot be paired with its clicks is drawn whole at
every click rather than wrongly.
"""

from __future__ import annotations

import io

from segue.render.pptx.arranged import ArrangedDeck, ArrangedSlide, Target
from segue.render.pptx.geometry import Stage
from segue.render.proof import pages as pdf
from segue.render.proof.shapes import match_page, shapes_of

JPEG_QUALITY = 85


def click_pictures(deck_pdf: bytes, deck: ArrangedDeck, stage: Stage, width: int) -> list[list[bytes]]:
    """For each page of `deck_pdf`, a JPEG `width` pixels wide before the first click
    and after each click of its arranged slide (one picture for a slide without clicks)."""
    document = pdf.open_pdf(deck_pdf)
    try:
        found = []
        for index in range(len(document)):
            arranged = deck.slides[index] if index < len(deck.slides) else None
            hidden = _hidden_by_click(document, index, arranged, stage) if arranged and arranged.clicks else [frozenset()]
            found.append([_drawn(document, index, width, mcids) for mcids in hidden])
        return found
    finally:
        document.close()


def _hidden_by_click(document, index: int, arranged: ArrangedSlide, stage: Stage) -> list[frozenset[int]]:
    """The marked content to leave out before each click and after it (none after the last)."""
    page = pdf.read_page(document, index)
    element_of = {shape.shape_id: page.elements[i] for i, shape in match_page(page, shapes_of(arranged, stage)).items()}
    revealed = []
    for targets in arranged.clicks:
        mcids: set[int] = set()
        for target in targets:
            found = _marked(target, element_of.get(target.shape_id))
            if found is None:  # not paired: draw the slide whole rather than hide the wrong thing
                return [frozenset()] * (len(arranged.clicks) + 1)
            mcids |= found
        revealed.append(frozenset(mcids))
    return [frozenset().union(*revealed[click:]) for click in range(len(revealed) + 1)]


def _marked(target: Target, element: pdf.Element | None) -> frozenset[int] | None:
    if element is None:
        return None
    if target.paragraphs is None:
        return element.mcids
    first, last = target.paragraphs
    if last >= len(element.paragraphs):
        return None
    return frozenset().union(*element.paragraphs[first : last + 1])


def _drawn(document, index: int, width: int, hidden: frozenset[int]) -> bytes:
    page = document[index]
    try:
        if hidden:
            for obj in list(page.get_objects(max_depth=1)):
                if pdf.raw.FPDFPageObj_GetMarkedContentID(obj.raw) in hidden:
                    page.remove_obj(obj)
                    obj.close()
        image = page.render(scale=width / page.get_width(), may_draw_forms=False).to_pil().convert("RGB")
    finally:
        page.close()
    out = io.BytesIO()
    image.save(out, "JPEG", quality=JPEG_QUALITY)
    return out.getvalue()
