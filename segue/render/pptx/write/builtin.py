"""The built-in look (LOOK.md): python-pptx's default template, re-cut to 16:9.

The default template's masters and layouts are kept, so the built-in theme
has the same layout names a designer's PowerPoint template has and the
renderer treats both alike. This module moves the placeholders to a 16:9
grid with 0.6 in margins, sets the type sizes, and applies the talk's
colours and font.
"""

from __future__ import annotations

from lxml import etree
from pptx import Presentation
from segue.render.pptx.write.oxml import qn
from pptx.util import Emu, Inches

from segue.talk.model import Theme
from segue.render.pptx.write import oxml

SLIDE_WIDTH = Emu(12192000)  # 13.333 in: 16:9 at 7.5 in high
SLIDE_HEIGHT = Inches(7.5)
MARGIN = Inches(0.6)

INK = "3B2F2F"  # warm near-black: 12:1 on the background
PAPER = "FAF6F0"  # warm off-white background
MUTED = "6B5B55"  # footers and secondary text: 6:1 on the background

TITLE_PT = 38
BODY_PT = (28, 24, 20)  # list levels 1-3
FOOTER_PT = 18
MIN_PT = 18

TEXT_INSET = Emu(91440)  # text starts this far inside its box; rules line up with it
_W = SLIDE_WIDTH - 2 * MARGIN
_TITLE = (MARGIN, Inches(0.45), _W, Inches(1.05))
_BODY = (MARGIN, Inches(1.75), _W, Inches(4.85))
_GAP = Inches(0.5)
_HALF = (_W - _GAP) // 2
_FOOTER_Y, _FOOTER_H = Inches(6.85), Inches(0.45)

# (layout name, placeholder idx) -> (x, y, w, h); idx None is the title.
GEOMETRY: dict[tuple[str, int | None], tuple[int, int, int, int]] = {
    ("Title Slide", None): (Inches(0.9), Inches(1.2), Inches(11.5), Inches(2.1)),
    ("Title Slide", 1): (Inches(0.9), Inches(3.75), Inches(11.5), Inches(2.9)),
    ("Section Header", None): (Inches(0.9), Inches(2.2), Inches(11.5), Inches(1.9)),
    ("Section Header", 1): (Inches(0.9), Inches(4.2), Inches(11.5), Inches(1.2)),
    ("Two Content", 1): (MARGIN, _BODY[1], _HALF, _BODY[3]),
    ("Two Content", 2): (MARGIN + _HALF + _GAP, _BODY[1], _HALF, _BODY[3]),
}
MASTER_GEOMETRY = {
    "title": _TITLE,
    "body": _BODY,
    "dt": (MARGIN, _FOOTER_Y, Inches(2.0), _FOOTER_H),
    "ftr": (MARGIN, _FOOTER_Y, Inches(9.5), _FOOTER_H),
    "sldNum": (SLIDE_WIDTH - MARGIN - Inches(1.5), _FOOTER_Y, Inches(1.5), _FOOTER_H),
}
ACCENT_BACKGROUND_LAYOUTS = ("Section Header",)
TITLE_RULE_LAYOUTS = ("Title and Content", "Two Content", "Title Only", "Comparison")


def text_colors(theme: Theme) -> tuple[tuple[str, str, str], ...]:
    """The colours the built-in look sets text in, each on its background."""
    accent = theme.accent.lstrip("#").upper()
    return (
        ("body text and titles", INK, PAPER),
        ("the title slide's title (the accent colour)", accent, PAPER),
        ("section slides (white on the accent colour)", "FFFFFF", accent),
        ("links (the accent colour)", accent, PAPER),
        ("footers", MUTED, PAPER),
    )


def builtin_presentation(theme: Theme) -> Presentation:
    prs = Presentation()
    prs.slide_width, prs.slide_height = SLIDE_WIDTH, SLIDE_HEIGHT
    # The 4:3 attribute would make PowerPoint show the wrong size name.
    prs.element.find(qn("p:sldSz")).attrib.pop("type", None)
    accent = theme.accent.lstrip("#")
    oxml.set_theme(
        prs,
        colors={"dk1": INK, "lt1": "FFFFFF", "dk2": INK, "lt2": PAPER, "accent1": accent, "accent2": MUTED, "hlink": accent, "folHlink": MUTED},
        font=theme.font,
    )
    master = prs.slide_master
    _restyle_master(master.element, accent)
    for layout in prs.slide_layouts:
        _regrid_layout(layout, accent)
    _recut_notes_master(prs.notes_master.element)
    return prs


# The notes page (7.5 × 10 in, portrait): a 16:9 slide image at the top and
# the notes under it, as PowerPoint's own widescreen notes master has them.
NOTES_GEOMETRY = {
    "sldImg": (Inches(0.75), Inches(0.55), Inches(6.0), Inches(3.375)),
    "body": (Inches(0.75), Inches(4.15), Inches(6.0), Inches(5.15)),
}


def _recut_notes_master(notes_master) -> None:
    for sp in notes_master.iter(qn("p:sp")):
        kind, _ = _placeholder_key(sp)
        if kind in NOTES_GEOMETRY:
            _set_xfrm(sp, NOTES_GEOMETRY[kind])


def _set_xfrm(sp, box: tuple[int, int, int, int]) -> None:
    sp_pr = sp.find(qn("p:spPr"))
    xfrm = sp_pr.find(qn("a:xfrm"))
    if xfrm is None:
        xfrm = etree.SubElement(sp_pr, qn("a:xfrm"))
        sp_pr.insert(0, xfrm)
    for child in list(xfrm):
        xfrm.remove(child)
    x, y, w, h = (int(v) for v in box)
    etree.SubElement(xfrm, qn("a:off"), x=str(x), y=str(y))
    etree.SubElement(xfrm, qn("a:ext"), cx=str(w), cy=str(h))


def _placeholder_key(sp) -> tuple[str, int]:
    ph = sp.find(f"{qn('p:nvSpPr')}/{qn('p:nvPr')}/{qn('p:ph')}")
    if ph is None:
        return "", -1
    return ph.get("type", "body"), int(ph.get("idx", "0"))


def _solid(color: str):
    fill = etree.Element(qn("a:solidFill"))
    etree.SubElement(fill, qn("a:srgbClr"), val=color)
    return fill


def _background(color: str):
    bg = etree.Element(qn("p:bg"))
    bg_pr = etree.SubElement(bg, qn("p:bgPr"))
    bg_pr.append(_solid(color))
    etree.SubElement(bg_pr, qn("a:effectLst"))
    return bg


def _set_background(c_sld, color: str) -> None:
    old = c_sld.find(qn("p:bg"))
    if old is not None:
        c_sld.remove(old)
    c_sld.insert(0, _background(color))


def _restyle_master(master, accent: str) -> None:
    c_sld = master.find(qn("p:cSld"))
    _set_background(c_sld, PAPER)
    for sp in c_sld.iter(qn("p:sp")):
        kind, _ = _placeholder_key(sp)
        if kind in MASTER_GEOMETRY:
            _set_xfrm(sp, MASTER_GEOMETRY[kind])
        if kind in ("dt", "ftr", "sldNum"):
            for ppr in sp.iter(qn("a:lvl1pPr")):
                ppr.set("algn", "r" if kind == "sldNum" else "l")
            for rpr in sp.iter(qn("a:defRPr")):
                rpr.set("sz", str(FOOTER_PT * 100))
                _replace_fill(rpr, MUTED)
                etree.SubElement(rpr, qn("a:latin"), typeface="+mn-lt")
        if kind == "title":
            body_pr = sp.find(f"{qn('p:txBody')}/{qn('a:bodyPr')}")
            body_pr.set("anchor", "b")
    styles = master.find(qn("p:txStyles"))
    title = styles.find(f"{qn('p:titleStyle')}/{qn('a:lvl1pPr')}")
    title.set("algn", "l")
    title_rpr = title.find(qn("a:defRPr"))
    title_rpr.set("sz", str(TITLE_PT * 100))
    _replace_fill(title_rpr, INK)
    body = styles.find(qn("p:bodyStyle"))
    for level, ppr in enumerate(body, start=1):
        if not ppr.tag.endswith("pPr"):
            continue
        size = BODY_PT[min(level, len(BODY_PT)) - 1]
        rpr = ppr.find(qn("a:defRPr"))
        rpr.set("sz", str(size * 100))
        _replace_fill(rpr, INK)
        spc = ppr.find(qn("a:spcBef"))
        if spc is not None:
            spc[0].set("val", "35000")
        bullet_color = ppr.find(qn("a:buClr"))
        if bullet_color is None:
            bullet_color = etree.Element(qn("a:buClr"))
            ppr.insert(list(ppr).index(ppr.find(qn("a:buFont"))), bullet_color)
        for child in list(bullet_color):
            bullet_color.remove(child)
        etree.SubElement(bullet_color, qn("a:srgbClr"), val=accent)


def _replace_fill(rpr, color: str) -> None:
    for fill in rpr.findall(qn("a:solidFill")):
        rpr.remove(fill)
    rpr.insert(0, _solid(color))


def _regrid_layout(layout, accent: str) -> None:
    element = layout.element
    name = layout.name
    scale = SLIDE_WIDTH / Emu(9144000)
    # Nothing on a slide below the look's floor, whichever layout a talk maps to.
    for rpr in element.iter(qn("a:defRPr"), qn("a:rPr"), qn("a:endParaRPr")):
        if rpr.get("sz") is not None and int(rpr.get("sz")) < MIN_PT * 100:
            rpr.set("sz", str(MIN_PT * 100))
    for sp in element.iter(qn("p:sp")):
        kind, idx = _placeholder_key(sp)
        key = (name, None if kind in ("title", "ctrTitle") else idx)
        xfrm = sp.find(f"{qn('p:spPr')}/{qn('a:xfrm')}")
        if key in GEOMETRY:
            _set_xfrm(sp, GEOMETRY[key])
        elif kind in ("dt", "ftr", "sldNum") or (kind == "title" and xfrm is None):
            continue  # inherits the master's position
        elif xfrm is not None:
            # Layouts the look does not name keep their design, widened to 16:9.
            off, ext = xfrm.find(qn("a:off")), xfrm.find(qn("a:ext"))
            off.set("x", str(int(int(off.get("x")) * scale)))
            ext.set("cx", str(int(int(ext.get("cx")) * scale)))
    c_sld = element.find(qn("p:cSld"))
    if name == "Title Slide":
        _style_title_slide(element, accent)
    if name in ACCENT_BACKGROUND_LAYOUTS:
        _set_background(c_sld, accent)
        for sp in element.iter(qn("p:sp")):
            body = sp.find(qn("p:txBody"))
            if body is None:
                continue
            lst = body.find(qn("a:lstStyle"))
            _light_text(lst)
            body_pr = body.find(qn("a:bodyPr"))
            body_pr.set("anchor", "b" if _placeholder_key(sp)[0] == "title" else "t")
    if name in TITLE_RULE_LAYOUTS:
        _add_rule(c_sld.find(qn("p:spTree")), accent)


def _light_text(lst_style) -> None:
    """Text on the accent background: white, left-aligned, no bullets."""
    for child in list(lst_style):
        lst_style.remove(child)
    ppr = etree.SubElement(lst_style, qn("a:lvl1pPr"), marL="0", indent="0", algn="l")
    etree.SubElement(ppr, qn("a:buNone"))
    rpr = etree.SubElement(ppr, qn("a:defRPr"))
    rpr.append(_solid("FFFFFF"))


def _style_title_slide(layout, accent: str) -> None:
    for sp in layout.iter(qn("p:sp")):
        kind, _ = _placeholder_key(sp)
        body = sp.find(qn("p:txBody"))
        if body is None or kind not in ("ctrTitle", "subTitle"):
            continue
        body.find(qn("a:bodyPr")).set("anchor", "b" if kind == "ctrTitle" else "t")
        lst = body.find(qn("a:lstStyle"))
        for child in list(lst):
            lst.remove(child)
        ppr = etree.SubElement(lst, qn("a:lvl1pPr"), marL="0", indent="0", algn="l")
        etree.SubElement(ppr, qn("a:buNone"))
        rpr = etree.SubElement(ppr, qn("a:defRPr"), sz=str((54 if kind == "ctrTitle" else 24) * 100))
        rpr.append(_solid(accent if kind == "ctrTitle" else INK))
    _add_rule(layout.find(f"{qn('p:cSld')}/{qn('p:spTree')}"), accent, y=Inches(3.45), x=Inches(0.9) + TEXT_INSET)


def _add_rule(sp_tree, accent: str, y: int = _TITLE[1] + _TITLE[3] + Inches(0.08), x: int = MARGIN + TEXT_INSET) -> None:
    """A short accent rule under the title: the look's one decoration."""
    ids = [int(e.get("id")) for e in sp_tree.iter(qn("p:cNvPr"))]
    sp = etree.SubElement(sp_tree, qn("p:sp"))
    nv = etree.SubElement(sp, qn("p:nvSpPr"))
    etree.SubElement(nv, qn("p:cNvPr"), id=str(max(ids, default=1) + 1), name="Title rule", descr="")
    etree.SubElement(nv, qn("p:cNvSpPr"))
    etree.SubElement(nv, qn("p:nvPr"))
    sp_pr = etree.SubElement(sp, qn("p:spPr"))
    xfrm = etree.SubElement(sp_pr, qn("a:xfrm"))
    etree.SubElement(xfrm, qn("a:off"), x=str(int(x)), y=str(int(y)))
    etree.SubElement(xfrm, qn("a:ext"), cx=str(int(Inches(1.4))), cy=str(int(Inches(0.06))))
    geom = etree.SubElement(sp_pr, qn("a:prstGeom"), prst="rect")
    etree.SubElement(geom, qn("a:avLst"))
    sp_pr.append(_solid(accent))
    line = etree.SubElement(sp_pr, qn("a:ln"))
    etree.SubElement(line, qn("a:noFill"))
