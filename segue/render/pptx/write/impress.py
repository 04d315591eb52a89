"""Masters saved by LibreOffice Impress: where their design lives, brought to their layouts.

Impress has no slide layouts of its own: a slide's placeholders take their
places from the master's title and outline areas ("autolayout"), and the
look of its text and panels from the master's placeholders. Saved as .pptx,
each master gets twelve layouts whose placeholders sit where no sample slide
of the template puts them (a title in the middle of a white area, a body in a
corner), say "no fill" where the master has a panel, and the master keeps
its text styles on its sample text alone (no `p:txStyles`; see
`textstyles.py`). Such a master is recognised by that missing element; its
layouts are given the master's geometry and panels, and its field marks
are mended, so slides look like the template's own sample slides.
"""

from __future__ import annotations

import copy

from lxml import etree

from segue.render.pptx.write.masters import PLACEHOLDER_PATH
from segue.render.pptx.write.oxml import SLIDE_NUMBER_FIELD_ID, qn
from segue.render.pptx.write.textstyles import master_placeholder

COLUMN_GAP = 0.0245  # of the body's width: between the two columns of Impress's two-content autolayout
TITLE_FAMILY = ("title", "ctrTitle")
BODY_FAMILY = ("body", "obj", "subTitle")


def saved_by_impress(master) -> bool:
    return master.element.find(qn("p:txStyles")) is None


def _xfrm(element):
    return element.find(f"{qn('p:spPr')}/{qn('a:xfrm')}")


def follow_master_geometry(master) -> None:
    """Place the title and bodies of each of `master`'s layouts as Impress's autolayout
    places them: the title in the master's title area, one body in its outline area,
    two side by side in it."""
    title, body = master_placeholder(master, "titleStyle"), master_placeholder(master, "bodyStyle")
    areas = {family: _xfrm(element) for family, element in ((TITLE_FAMILY, title), (BODY_FAMILY, body)) if element is not None}
    for layout in master.slide_layouts:
        bodies = []
        for element in layout.shapes.element.iterchildren(qn("p:sp")):
            ph = element.find(PLACEHOLDER_PATH)
            if ph is None:
                continue
            kind = ph.get("type", "obj")
            if kind in TITLE_FAMILY and TITLE_FAMILY in areas:
                _place(element, areas[TITLE_FAMILY])
            elif kind in BODY_FAMILY:
                bodies.append(element)
        if BODY_FAMILY not in areas or len(bodies) > 2:
            continue
        area = areas[BODY_FAMILY]
        if len(bodies) == 1:
            _place(bodies[0], area)
        elif len(bodies) == 2:
            x, y = (int(area.find(qn("a:off")).get(k, 0)) for k in ("x", "y"))
            width, height = (int(area.find(qn("a:ext")).get(k, 0)) for k in ("cx", "cy"))
            gap = int(width * COLUMN_GAP)
            half = (width - gap) // 2
            for index, element in enumerate(bodies):
                _place_at(element, x + index * (half + gap), y, half, height)


def _place(element, area) -> None:
    off, ext = area.find(qn("a:off")), area.find(qn("a:ext"))
    _place_at(element, int(off.get("x", 0)), int(off.get("y", 0)), int(ext.get("cx", 0)), int(ext.get("cy", 0)))


def _place_at(element, x: int, y: int, width: int, height: int) -> None:
    properties = element.find(qn("p:spPr"))
    if properties is None:
        return
    xfrm = properties.find(qn("a:xfrm"))
    if xfrm is None:
        xfrm = etree.Element(qn("a:xfrm"))
        properties.insert(0, xfrm)
    for child in list(xfrm):
        xfrm.remove(child)
    etree.SubElement(xfrm, qn("a:off"), x=str(x), y=str(y))
    etree.SubElement(xfrm, qn("a:ext"), cx=str(width), cy=str(height))


# What LibreOffice Impress writes for its date and slide-number fields on a master, as
# plain text: PowerPoint shows the marks themselves on every slide.
LIBREOFFICE_DATE_MARK = "<date/time>"
LIBREOFFICE_NUMBER_MARK = "<number>"
FILLS = ("solidFill", "gradFill", "blipFill", "pattFill")


def mend_field_marks(master) -> None:
    """A master's "<date/time>" marks are emptied (the deck shows no date; LibreOffice
    would draw the mark on every slide) and its "<number>" marks become slide-number
    fields, as the designer's LibreOffice showed them."""
    for run in list(master.element.iter(qn("a:r"))):
        text = (run.findtext(qn("a:t")) or "").strip()
        if text == LIBREOFFICE_DATE_MARK:
            run.getparent().remove(run)
        elif text == LIBREOFFICE_NUMBER_MARK:
            field = etree.Element(qn("a:fld"), id=SLIDE_NUMBER_FIELD_ID, type="slidenum")
            for child in run:
                field.append(copy.deepcopy(child))
            field.find(qn("a:t")).text = "‹#›"
            run.getparent().replace(run, field)


def carry_placeholder_fills(master) -> None:
    """A master saved by LibreOffice keeps the panel behind its title or body text (a fill of
    the placeholder) on the master alone, its layouts' placeholders saying "no fill": the
    layouts get the master's fill, so slides show the panel the master shows."""
    for style in ("titleStyle", "bodyStyle"):
        source = master_placeholder(master, style)
        properties = source.find(qn("p:spPr")) if source is not None else None
        fill = next((c for c in properties if etree.QName(c).localname in FILLS), None) if properties is not None else None
        if fill is None:
            continue
        family = ("title", "ctrTitle") if style == "titleStyle" else ("body", "obj")
        for layout in master.slide_layouts:
            for element in layout.shapes.element.iterchildren(qn("p:sp")):
                ph = element.find(PLACEHOLDER_PATH)
                if ph is None or ph.get("type", "obj") not in family:
                    continue
                empty = element.find(f"{qn('p:spPr')}/{qn('a:noFill')}")
                if empty is not None:
                    empty.getparent().replace(empty, copy.deepcopy(fill))
