"""A master's text styles, completed from its placeholders' sample text.

A slide's text takes its look from its layout's and master's placeholders'
list styles, then the master's `p:txStyles` (title, body and other text, nine
levels each). Masters saved by LibreOffice Impress have no `p:txStyles`: the
designer's colours, sizes, fonts and bullets are on the sample text of the
master's title and outline placeholders ("Click to edit the title text
format", "Second Outline Level", …), where PowerPoint and LibreOffice leave
them for the master alone, and slides made on the master inherit nothing
(small black titles, no bullets). Each level a master's styles lack is taken
from that placeholder's list style for the level, else its sample paragraph
of the level, else the deepest sample above it, so slides look like the
master's placeholders do.

Also the text's effective look (colour, size) for one of a layout's
placeholders, as an application resolves it, for the type scale and the
accessibility check.
"""

from __future__ import annotations

import copy

from lxml import etree

from segue.render.pptx.write.colours import Palette
from segue.render.pptx.write.masters import PLACEHOLDER_PATH
from segue.render.pptx.write.oxml import qn

LEVELS = 9
STYLE_OF = {"title": "titleStyle", "ctrTitle": "titleStyle", "body": "bodyStyle", "obj": "bodyStyle", "subTitle": "bodyStyle"}
# What a sample run says of its look; its language, spelling and editing marks are its own.
RUN_LOOK = ("kern", "sz", "b", "i", "u", "strike", "cap", "spc", "baseline")
RUN_CHILDREN = ("ln", "noFill", "solidFill", "gradFill", "blipFill", "pattFill", "grpFill", "effectLst", "effectDag",
                "highlight", "uLnTx", "uLn", "uFillTx", "uFill", "latin", "ea", "cs", "sym")
PARAGRAPH_LOOK = ("marL", "marR", "indent", "algn", "defTabSz", "rtl", "eaLnBrk", "fontAlgn", "latinLnBrk", "hangingPunct")
PARAGRAPH_CHILDREN = ("lnSpc", "spcBef", "spcAft", "buClrTx", "buClr", "buSzTx", "buSzPct", "buSzPts", "buFontTx", "buFont",
                      "buNone", "buAutoNum", "buChar", "buBlip")
# The schema's order of p:txStyles' children, and of a list style's.
TEXT_STYLES_ORDER = ("titleStyle", "bodyStyle", "otherStyle", "extLst")
LIST_STYLE_ORDER = ("defPPr", *(f"lvl{n}pPr" for n in range(1, LEVELS + 1)), "extLst")
# p:sldMaster children that come after p:txStyles.
_AFTER_TX_STYLES = ("extLst",)


def master_placeholder(master, style: str):
    """The master's placeholder whose sample text shows `style` (titleStyle, bodyStyle)."""
    wanted = ("title", "ctrTitle") if style == "titleStyle" else ("body", "obj")
    for element in master.shapes.element.iterchildren(qn("p:sp")):
        ph = element.find(PLACEHOLDER_PATH)
        if ph is not None and ph.get("type", "obj") in wanted:
            return element
    return None


def complete_text_styles(master) -> bool:
    """Fill the levels `master`'s title and body styles lack from its placeholders; True when it changed."""
    element = master.element
    styles = element.find(qn("p:txStyles"))
    changed = False
    for style in ("titleStyle", "bodyStyle"):
        placeholder = master_placeholder(master, style)
        if placeholder is None:
            continue
        samples = _samples(placeholder)
        if not samples:
            continue
        if styles is None:
            styles = etree.Element(qn("p:txStyles"))
            following = next((c for c in element if etree.QName(c).localname in _AFTER_TX_STYLES), None)
            if following is not None:
                following.addprevious(styles)
            else:
                element.append(styles)
        target = styles.find(qn(f"p:{style}"))
        if target is None:
            target = etree.Element(qn(f"p:{style}"))
            _insert(styles, target, TEXT_STYLES_ORDER)
        for level in range(1, LEVELS + 1):
            if target.find(qn(f"a:lvl{level}pPr")) is not None:
                continue
            made = _level(samples, level)
            if made is None:
                continue
            _insert(target, made, LIST_STYLE_ORDER)
            changed = True
    return changed


def _samples(placeholder) -> dict[int, tuple]:
    """{level: (list style level or None, sample pPr or None, sample rPr or None)} of a placeholder."""
    body = placeholder.find(qn("p:txBody"))
    if body is None:
        return {}
    found: dict[int, tuple] = {}
    listed = body.find(qn("a:lstStyle"))
    for paragraph in body.findall(qn("a:p")):
        ppr = paragraph.find(qn("a:pPr"))
        level = int(ppr.get("lvl", "0")) + 1 if ppr is not None else 1
        rpr = paragraph.find(f"{qn('a:r')}/{qn('a:rPr')}")
        if rpr is None:
            rpr = paragraph.find(qn("a:endParaRPr"))
        if level not in found:
            found[level] = (None, ppr, rpr)
    if listed is not None:
        for level in range(1, LEVELS + 1):
            defined = listed.find(qn(f"a:lvl{level}pPr"))
            if defined is not None:
                _, ppr, rpr = found.get(level, (None, None, None))
                found[level] = (defined, ppr, rpr)
    return found


def _level(samples: dict[int, tuple], level: int):
    """A `lvlNpPr` from the list style and sample of `level`, else of the deepest level above it."""
    source = next((samples[n] for n in range(level, 0, -1) if n in samples), None)
    if source is None:
        return None
    listed, ppr, rpr = source
    made = copy.deepcopy(listed) if listed is not None else etree.Element(qn("a:lvl1pPr"))
    made.tag = qn(f"a:lvl{level}pPr")
    made.attrib.pop("lvl", None)
    if ppr is not None:
        for name in PARAGRAPH_LOOK:
            if ppr.get(name) is not None and made.get(name) is None:
                made.set(name, ppr.get(name))
        present = {etree.QName(c).localname for c in made}
        bullet_given = present & {"buNone", "buAutoNum", "buChar", "buBlip"}
        for child in ppr:
            name = etree.QName(child).localname
            if name not in PARAGRAPH_CHILDREN or name in present:
                continue
            if name in ("buNone", "buAutoNum", "buChar", "buBlip") and bullet_given:
                continue
            _insert(made, copy.deepcopy(child), PARAGRAPH_CHILDREN + ("tabLst", "defRPr", "extLst"))
    defaults = made.find(qn("a:defRPr"))
    if defaults is None:
        defaults = etree.Element(qn("a:defRPr"))
        _insert(made, defaults, PARAGRAPH_CHILDREN + ("tabLst", "defRPr", "extLst"))
    if rpr is not None:
        for name in RUN_LOOK:
            if rpr.get(name) is not None and defaults.get(name) is None:
                defaults.set(name, rpr.get(name))
        present = {etree.QName(c).localname for c in defaults}
        fills = {"noFill", "solidFill", "gradFill", "blipFill", "pattFill", "grpFill"}
        for child in rpr:
            name = etree.QName(child).localname
            if name not in RUN_CHILDREN or name in present or (name in fills and present & fills):
                continue
            _insert(defaults, copy.deepcopy(child), RUN_CHILDREN + ("hlinkClick", "hlinkMouseOver", "rtl", "extLst"))
    return made


def _insert(parent, child, order: tuple[str, ...]) -> None:
    """`child` into `parent` at its place in the schema's `order`."""
    rank = order.index(etree.QName(child).localname)
    later = next((c for c in parent if etree.QName(c).localname in order and order.index(etree.QName(c).localname) > rank), None)
    if later is not None:
        later.addprevious(child)
    else:
        parent.append(child)


def _placeholder_on(container, kind: str):
    """The placeholder of `kind`'s family on a layout or master."""
    family = ("title", "ctrTitle") if kind in ("title", "ctrTitle") else (kind, "body", "obj") if kind != "subTitle" else ("subTitle", "body", "obj")
    found = {}
    for element in container.shapes.element.iterchildren(qn("p:sp")):
        ph = element.find(PLACEHOLDER_PATH)
        if ph is not None:
            found.setdefault(ph.get("type", "obj"), element)
    return next((found[k] for k in family if k in found), None)


def effective_look(layout, kind: str, level: int = 1) -> tuple[tuple[str, float] | None, float | None]:
    """((RRGGBB, opacity) or None, size in points or None) of text in `layout`'s placeholder
    of `kind` at list `level`, resolved as an application does: the layout's placeholder,
    the master's, then the master's text styles."""
    chain, palette = _chain(layout, kind, level)
    colour = size = None
    for defined in chain:
        defaults = defined.find(qn("a:defRPr")) if defined is not None else None
        if defaults is None:
            continue
        if colour is None:
            colour = palette.fill(defaults)
        if size is None and defaults.get("sz"):
            size = int(defaults.get("sz")) / 100
    if colour is None:
        colour = (palette.slot("tx1") or "000000", 1.0)
    return colour, size


def effective_spacing(layout, kind: str, size: float) -> float | None:
    """The space before and after a paragraph of `kind` at level 1, of its type size; None
    when the styles do not say."""
    chain, _ = _chain(layout, kind, 1)
    total, said = 0.0, False
    for tag in ("spcBef", "spcAft"):
        spacing = next((d.find(qn(f"a:{tag}")) for d in chain if d is not None and d.find(qn(f"a:{tag}")) is not None), None)
        if spacing is None or not len(spacing):
            continue
        said = True
        value = int(spacing[0].get("val", "0"))
        total += value / 100 / size if etree.QName(spacing[0]).localname == "spcPts" else value / 100000
    return total if said else None


def effective_font(layout, kind: str, theme_fonts: tuple[str, str]) -> str:
    """The Latin typeface text of `kind` is set in (a theme font resolved)."""
    chain, _ = _chain(layout, kind, 1)
    latin = next((d.find(f"{qn('a:defRPr')}/{qn('a:latin')}") for d in chain
                  if d is not None and d.find(f"{qn('a:defRPr')}/{qn('a:latin')}") is not None), None)
    face = latin.get("typeface", "") if latin is not None else "+mn-lt"
    return {"+mj-lt": theme_fonts[0], "+mn-lt": theme_fonts[1]}.get(face, face)


def effective_highlight(layout, kind: str) -> str | None:
    """The colour text of `kind` is highlighted in (marked, like a marker pen), if it is."""
    chain, palette = _chain(layout, kind, 1)
    for defined in chain:
        highlight = defined.find(f"{qn('a:defRPr')}/{qn('a:highlight')}") if defined is not None else None
        if highlight is not None and len(highlight):
            found = palette.colour(highlight[0])
            return found[0] if found else None
    return None


def effective_alignment(layout, kind: str) -> str:
    """How text in `layout`'s placeholder of `kind` is aligned: "l", "ctr", "r" or "just"."""
    chain, _ = _chain(layout, kind, 1)
    return next((defined.get("algn") for defined in chain if defined is not None and defined.get("algn")), "l")


def _chain(layout, kind: str, level: int) -> tuple[list, Palette]:
    """The list-style levels text of `kind` at `level` inherits from, nearest first."""
    master = layout.slide_master
    palette = Palette(master)
    chain = []
    for container in (layout, master):
        placeholder = _placeholder_on(container, kind)
        if placeholder is not None:
            chain.append(placeholder.find(f"{qn('p:txBody')}/{qn('a:lstStyle')}/{qn(f'a:lvl{level}pPr')}"))
    styles = master.element.find(qn("p:txStyles"))
    if styles is not None:
        chain.append(styles.find(f"{qn('p:' + STYLE_OF.get(kind, 'bodyStyle'))}/{qn(f'a:lvl{level}pPr')}"))
    return chain, palette
