"""Which of a template's slide masters carries its title-page design and which its
content design, and what each master is called.

A template saved by LibreOffice Impress has one slide master per page design
(the title page, content pages, a closing page), each with the same twelve
layouts: a layout's name alone does not say which design it belongs to, and
PowerPoint treats each master's layouts as separate choices. The designer's
own sample slides say which is which: the template's first slide is its title
page, and the first later slide on a content layout (a title and a body) shows
the content design. A template without such a slide (a .potx, most PowerPoint
templates) is judged by its masters: the one whose layouts include content
layouts and whose title sits highest over the tallest body, other than the
title page's master when there is a choice.
"""

from __future__ import annotations

from dataclasses import dataclass

from lxml import etree
from pptx import Presentation
from pptx.opc.constants import RELATIONSHIP_TYPE as RT

from segue.render.pptx.geometry import BODY_KINDS, TITLE_KINDS, Rect
from segue.render.pptx.write.backdrop import artwork
from segue.render.pptx.write.oxml import qn

PLACEHOLDER_PATH = f"{qn('p:nvSpPr')}/{qn('p:nvPr')}/{qn('p:ph')}"
TITLE_PAGE_KINDS = ("ctrTitle", "subTitle")
TITLE_PAGE_NAMES = ("Title Slide",)  # PowerPoint's and LibreOffice's English name
CONTENT_SHAPE = 0.3  # a body at least this much taller (of the slide) than its title sits low: a content page


@dataclass(frozen=True)
class Designs:
    """The masters (0-based, in the template's order) of the title page and the content pages."""

    title: int
    content: int
    title_how: str  # why: "its first slide's master", …
    content_how: str


def layout_kinds(layout) -> list[str]:
    """The placeholder types of a layout (or a master), in document order."""
    found = []
    for element in layout.shapes.element.iterchildren(qn("p:sp")):
        ph = element.find(PLACEHOLDER_PATH)
        if ph is not None:
            found.append(ph.get("type", "obj"))
    return found


def is_title_page_layout(layout) -> bool:
    kinds = layout_kinds(layout)
    return layout.element.get("type") == "title" or layout.name in TITLE_PAGE_NAMES or any(k in TITLE_PAGE_KINDS for k in kinds)


def is_content_layout(layout) -> bool:
    """A title and a body that is not a subtitle: what content slides are made on."""
    if layout.element.get("type") in ("title", "secHead") or is_title_page_layout(layout):
        return False
    kinds = layout_kinds(layout)
    return any(k in TITLE_KINDS for k in kinds) and any(k in BODY_KINDS and k != "subTitle" for k in kinds)


def designs(prs: Presentation) -> Designs:
    """The title-page and content masters, read before the template's own slides are removed."""
    masters = list(prs.slide_masters)
    index = {id(master.element): number for number, master in enumerate(masters)}

    def master_of(slide) -> int:
        return index[id(slide.slide_layout.slide_master.element)]

    slides = list(prs.slides)
    title_slide = next((s for s in slides if is_title_page_layout(s.slide_layout)), slides[0] if slides else None)
    shown = list(dict.fromkeys(master_of(s) for s in slides if s is not title_slide and is_content_layout(s.slide_layout)))
    if title_slide is not None:
        title, title_how = master_of(title_slide), "the master of its sample title slide"
    else:
        height = int(prs.slide_height)
        title = next((n for n, m in enumerate(masters) if content_shape(m, height) <= CONTENT_SHAPE), 0)
        title_how = "its first master laid out as a title page" if len(masters) > 1 else "its only master"
    slide = Rect(0, 0, int(prs.slide_width), int(prs.slide_height))
    if len(shown) > 1 and title in shown:
        shown.remove(title)  # the title page's design is not the content pages'
    if len(shown) == 1:
        return Designs(title, shown[0], title_how, "the master of its sample content slide")
    if shown:  # several content designs: the one with most room for text, clear of its artwork
        content = max(shown, key=lambda n: (room(masters[n], slide), -shown.index(n)))
        return Designs(title, content, title_how, "of the masters of its sample content slides, the one with most room for text")
    candidates = [n for n, m in enumerate(masters) if any(is_content_layout(l) for l in m.slide_layouts)] or list(range(len(masters)))
    if len(candidates) > 1 and title in candidates:
        candidates.remove(title)  # the title page's design is not the content pages'
    content = max(candidates, key=lambda n: (content_shape(masters[n], int(prs.slide_height)) > CONTENT_SHAPE, room(masters[n], slide), -n))
    how = "its only master" if len(masters) == 1 else "of its masters that are not the title page's design, the one with most room for text"
    return Designs(title, content, title_how, how)


def content_shape(master, height: int) -> float:
    """How much a master looks like a content page: a body that takes much of the slide
    under a title near its top (a title page has its title lower and a short body)."""
    title = body = None
    for element in master.shapes.element.iterchildren(qn("p:sp")):
        ph = element.find(PLACEHOLDER_PATH)
        if ph is None:
            continue
        kind = ph.get("type", "obj")
        off = element.find(f"{qn('p:spPr')}/{qn('a:xfrm')}/{qn('a:off')}")
        ext = element.find(f"{qn('p:spPr')}/{qn('a:xfrm')}/{qn('a:ext')}")
        if off is None or ext is None:
            continue
        box = (int(off.get("y", 0)), int(ext.get("cy", 0)))
        if kind in TITLE_KINDS and title is None:
            title = box
        elif kind in ("body", "obj") and body is None:
            body = box
    if title is None or body is None or not height:
        return -1.0
    return body[1] / height - max(title[0], 0) / height


def room(master, slide: Rect) -> int:
    """The area of a master's body (its own placeholder's box, inside the slide) that
    none of its artwork overlaps."""
    body = next(
        (e for e in master.shapes.element.iterchildren(qn("p:sp"))
         if e.find(PLACEHOLDER_PATH) is not None and e.find(PLACEHOLDER_PATH).get("type", "obj") in ("body", "obj")),
        None,
    )
    layout = next((l for l in master.slide_layouts if is_content_layout(l)), None)
    if body is None or layout is None:
        return 0
    off, ext = body.find(f"{qn('p:spPr')}/{qn('a:xfrm')}/{qn('a:off')}"), body.find(f"{qn('p:spPr')}/{qn('a:xfrm')}/{qn('a:ext')}")
    if off is None or ext is None:
        return 0
    box = Rect(int(off.get("x", 0)), int(off.get("y", 0)), int(ext.get("cx", 0)), int(ext.get("cy", 0))).clamped(slide)
    clear = box.clear_of(artwork(layout, slide))
    return clear.width * clear.height


def master_names(prs: Presentation) -> list[str]:
    """What each master is called in deck.toml and in `check`: its own name, else its
    theme's, when no other master has it; else "Master N" (as numbered in the template)."""
    masters = list(prs.slide_masters)
    own = [master.element.find(qn("p:cSld")).get("name") or "" for master in masters]
    themes = [theme_name(master) for master in masters]
    names = []
    for number, (name, theme) in enumerate(zip(own, themes), start=1):
        if name and own.count(name) == 1:
            names.append(name)
        elif theme and themes.count(theme) == 1 and theme not in own:
            names.append(theme)
        else:
            names.append(f"Master {number}")
    return names


def theme_name(master) -> str:
    """The name of a master's theme ("Office Theme"): PowerPoint calls a master by it."""
    try:
        blob = master.part.part_related_by(RT.THEME).blob
    except KeyError:
        return ""
    return etree.fromstring(blob).get("name", "")


def master_named(prs: Presentation, name: str) -> int | None:
    """The master (0-based) `name` means: its name as `master_names` gives it, or "Master N"."""
    names = master_names(prs)
    wanted = name.strip().casefold()
    for number, known in enumerate(names):
        if known.casefold() == wanted or f"master {number + 1}" == wanted:
            return number
    return None


def split_mapping(value: str) -> tuple[str | None, str]:
    """`"Master 2 / Title, Content"` -> ("Master 2", "Title, Content"); a layout name alone -> (None, name)."""
    master, slash, layout = value.rpartition(" / ")
    if not slash:
        return None, value.strip()
    return master.strip(), layout.strip()
