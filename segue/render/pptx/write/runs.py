"""Paragraphs and runs as DrawingML: `a:p`, `a:pPr`, `a:r`, `a:rPr`.

Built directly as XML: python-pptx's run API costs about ten times as much
per run, which dominates the build of a large deck. The paragraphs arrive
fitted (`arranged.Para`); nothing is decided here.
"""

from __future__ import annotations

from lxml import etree
from pptx.opc.constants import RELATIONSHIP_TYPE as RT
from segue.render.pptx.write.oxml import qn

from segue.talk.model import Inline, Span
from segue.render.pptx.arranged import TASK_BOX, Para
from segue.render.pptx.write import internals
from segue.render.pptx.write.omml import math_element

NUMBER_INDENT = 502920  # 0.55 in: room for "10." at body sizes; the master's bullet indent is too narrow
BULLET_INDENT = 342900  # 0.375 in, as the built-in look's body levels
BULLETS = ("•", "–", "·")  # a text box's own bullets, by level (as the handout's)
MONO_FONT = "Consolas"
# The task boxes' font, named so that no application draws ☑ from a colour emoji font (LibreOffice
# would, and print nothing): Windows has it; elsewhere a font that has the boxes stands in.
SYMBOL_FONT = "Segoe UI Symbol"
BASELINE = {"super": "30000", "sub": "-25000"}  # thousandths of a percent of the type size, as PowerPoint writes them

_P, _PPR, _R, _RPR, _T, _BR = (qn(f"a:{tag}") for tag in ("p", "pPr", "r", "rPr", "t", "br"))
_SOLID_FILL, _SRGB, _LATIN, _HLINK = (qn(f"a:{tag}") for tag in ("solidFill", "srgbClr", "latin", "hlinkClick"))
_RID = qn("r:id")


def write_paras(
    text_frame,
    paras: tuple[Para, ...],
    lang: str | None = None,
    own_bullets: bool = False,
    numbers_in_text_font: bool = False,
    color: str | None = None,
) -> None:
    """Replace a text frame's content with `paras`, every run marked with the language `lang`.
    `own_bullets`: a text box has no layout bullets to inherit, so its bullets are written.

    With `numbers_in_text_font`, list numbers are set in the text's font and size: a
    template's bullet font is often a symbol font (Wingdings), which would draw the
    digits as pictographs, and its bullet size a fraction fitted to one glyph. `color`
    (RRGGBB) is stated on every run but links'."""
    body = internals.text_body(text_frame)
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
        if para.rtl:  # an Arabic or Hebrew paragraph starts at the right, its bullet too
            ppr.set("rtl", "1")
            if not para.align:
                ppr.set("algn", "r")
        set_bullet(ppr, para, own_bullets, numbers_in_text_font)
        if para.display and para.spans and para.spans[0].math is not None:
            p.append(math_element(para.spans[0].math, display=True))
            continue
        if para.task is not None:
            write_task_box(p, TASK_BOX[para.task], para.size, lang)
        write_runs(p, part, para.spans, size=para.size, italic=para.italic, bold=para.bold, mono=para.mono, lang=lang, color=color)
    if not paras:
        etree.SubElement(body, _P)  # a text body holds at least one paragraph


def write_code(text_frame, lines, size: float, lang: str | None = None) -> None:
    """Code lines (`highlight.CodeRun`s) as monospace paragraphs without bullets, each run in its colour."""
    body = internals.text_body(text_frame)
    body.bodyPr.set("wrap", "square")
    for old in body.findall(_P):
        body.remove(old)
    part = text_frame.part
    for line in lines or ((),):
        p = etree.SubElement(body, _P)
        ppr = etree.SubElement(p, _PPR, marL="0", indent="0")
        etree.SubElement(ppr, qn("a:buNone"))
        if not line:
            end = etree.SubElement(p, qn("a:endParaRPr"))
            end.set("sz", str(int(round(size * 100))))
        for run in line:
            span = Span(run.text, bold=run.bold, italic=run.italic)
            write_runs(p, part, (span,), size=size, mono=True, color=run.color, lang=lang)


def _new_run(p, size: float | None, lang: str | None):
    """An `a:r` appended to `p` and its `a:rPr`, with the language and type size."""
    run = etree.SubElement(p, _R)
    rpr = etree.SubElement(run, _RPR)
    if lang:
        rpr.set("lang", lang)
    if size is not None:
        rpr.set("sz", str(int(round(size * 100))))
    return run, rpr


def write_task_box(p, box: str, size: float | None, lang: str | None) -> None:
    """A task's box as a run of its own in the symbol font (for every script PowerPoint tells apart)."""
    run, rpr = _new_run(p, size, lang)
    for tag in ("latin", "ea", "cs", "sym"):
        etree.SubElement(rpr, qn(f"a:{tag}"), typeface=SYMBOL_FONT)
    etree.SubElement(run, _T).text = box


def write_runs(
    p,
    part,
    spans: Inline,
    size: float | None = None,
    italic=False,
    bold=False,
    mono=False,
    color: str | None = None,
    lang: str | None = None,
) -> None:
    """Append runs for `spans` to the paragraph element `p` (line breaks become a:br).

    `part` is the slide or notes part that holds the paragraph; links are related from it.
    """
    for span in spans:
        if span.math is not None:
            p.append(math_element(span.math, display=False))
            continue
        for number, piece in enumerate(span.text.split("\n")):
            if number:
                etree.SubElement(p, _BR)
            if not piece:
                continue
            run, rpr = _new_run(p, size, span.lang or lang)
            if span.bold or bold:
                rpr.set("b", "1")
            if span.italic or italic:
                rpr.set("i", "1")
            if span.strike:
                rpr.set("strike", "sngStrike")
            if span.script:
                rpr.set("baseline", BASELINE[span.script])
            # a:rPr children in schema order: fill, latin, hlinkClick. A link keeps the theme's link colour.
            if color is not None and not span.href:
                fill = etree.SubElement(rpr, _SOLID_FILL)
                etree.SubElement(fill, _SRGB, val=color)
            if span.code or mono:
                etree.SubElement(rpr, _LATIN, typeface=MONO_FONT)
            if span.href:
                rid = part.relate_to(span.href, RT.HYPERLINK, is_external=True)
                etree.SubElement(rpr, _HLINK, {_RID: rid})
            etree.SubElement(run, _T).text = piece


# a:pPr children in schema order; bullets must sit before tabLst, defRPr and extLst.
_BULLET_TAGS = ("buNone", "buAutoNum", "buChar", "buBlip")
_AFTER_BULLET = ("tabLst", "defRPr", "extLst")


def set_bullet(ppr, para: Para, own: bool = False, numbers_in_text_font: bool = False) -> None:
    for tag in _BULLET_TAGS:
        for old in ppr.findall(qn(f"a:{tag}")):
            ppr.remove(old)
    if para.bullet == "none":
        element = etree.Element(qn("a:buNone"))
        ppr.set("marL", str(para.indent or 0))
        ppr.set("indent", "0")
    elif para.bullet == "number":
        ppr.set("marL", str(NUMBER_INDENT * (para.level + 1)))
        ppr.set("indent", str(-NUMBER_INDENT))
        element = etree.Element(qn("a:buAutoNum"), type="arabicPeriod")
        if para.number != 1:
            element.set("startAt", str(para.number))
    elif own:
        ppr.set("marL", str(BULLET_INDENT * (para.level + 1)))
        ppr.set("indent", str(-BULLET_INDENT))
        element = etree.Element(qn("a:buChar"), char=BULLETS[min(para.level, len(BULLETS) - 1)])
    else:
        return  # the layout's own bullet for this level
    position = len(ppr)
    for index, child in enumerate(ppr):
        if etree.QName(child).localname in _AFTER_BULLET:
            position = index
            break
    ppr.insert(position, element)
    if para.bullet == "number" and numbers_in_text_font:
        for tag in ("buSzTx", "buFontTx"):  # in schema order, before the number
            element.addprevious(etree.Element(qn(f"a:{tag}")))
