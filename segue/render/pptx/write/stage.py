"""What an opened presentation offers the arranger, as plain values: each layout's
placeholders (kept clear of its artwork), its type scale and the measures of its
text, the content area, the colours of text and of what lies behind it, and the
typefaces it asks for.
"""

from __future__ import annotations

from dataclasses import replace

from pptx import Presentation

from segue.render.pptx.geometry import (
    BODY_KINDS,
    FOOTER_KINDS,
    LayoutSpec,
    Measure,
    PlaceholderSpec,
    Rect,
    TITLE_KINDS,
    TypeScale,
    inches,
)
from segue.render.pptx.text import line_height_of, width_factor_of
from segue.render.pptx.write import oxml
from segue.render.pptx.write.backdrop import Backdrop, artwork
from segue.render.pptx.write.choose import Choice
from segue.render.pptx.write.colours import over
from segue.render.pptx.write.oxml import qn
from segue.render.pptx.write.textstyles import effective_font, effective_highlight, effective_look, effective_spacing

PLACEHOLDER_PATH = f"{qn('p:nvSpPr')}/{qn('p:nvPr')}/{qn('p:ph')}"
FIRST_SHAPE_ID = 2  # a slide's shape tree is id 1; python-pptx numbers cloned placeholders from 2
TEMPLATE_FILL = 0.94  # a template's text is fitted to this share of its box: its fonts are known less well than the built-in look's


def asked_fonts(prs: Presentation, layouts: list, master) -> tuple[str, ...]:
    """The Latin typefaces text on the deck's slides can ask for: the content master's
    theme's heading and body fonts, then those the masters' text styles and the layouts
    in use name."""
    major, minor = oxml.theme_fonts(prs, master)
    found = [major, minor]
    masters = {id(layout.slide_master.element): layout.slide_master for layout in layouts}
    for part in (*masters.values(), *layouts):
        for latin in part.element.iter(qn("a:latin")):
            found.append(latin.get("typeface", ""))
    return tuple(name for name in dict.fromkeys(found) if name and not name.startswith("+"))


# What the accessibility check judges: (what, our layout, placeholder kind).
JUDGED = (
    ("titles", "content", "title"),
    ("body text", "content", "body"),
    ("the title slide's title", "title", "title"),
    ("the title slide's subtitle", "title", "subTitle"),
)


def template_text_colors(prs: Presentation, choices: dict[str, Choice]) -> tuple[tuple[str, str, str], ...]:
    """The colours a template sets titles, body text and links in, each with the colour
    of what the layout draws behind it (background, the master's and layout's shapes,
    the placeholder's own fill)."""
    slide = Rect(0, 0, int(prs.slide_width), int(prs.slide_height))
    found = []
    for what, key, kind in JUDGED:
        layout = choices[key].layout
        spec = layout_spec(layout, slide)
        family = TITLE_KINDS if kind == "title" else (kind,) if kind == "subTitle" else ("body", "obj")
        placeholder = next((p for p in spec.placeholders if p.kind in family), None)
        if placeholder is None and kind == "subTitle":
            placeholder = next((p for p in spec.placeholders if p.kind in BODY_KINDS), None)
        if placeholder is None:
            continue
        (colour, opacity), _ = effective_look(layout, placeholder.kind)
        behind = effective_highlight(layout, placeholder.kind) or Backdrop(layout, slide).behind(placeholder.box, placeholder.kind)
        found.append((what, over(colour, opacity, behind), behind))
        if what == "body text":
            links = oxml.theme_color(prs, "hlink", layout.slide_master)
            if links:
                found.append(("links", links.upper(), behind))
    return tuple(found)


def placeholders(container) -> list[tuple[str, int, object]]:
    """(kind, idx, element) of the placeholders of a slide, layout or master, in document order."""
    found = []
    for element in container.shapes.element.iterchildren(qn("p:sp")):
        ph = element.find(PLACEHOLDER_PATH)
        if ph is not None:
            found.append((ph.get("type", "obj"), int(ph.get("idx", "0")), element))
    return found


def box_of(placeholder) -> Rect:
    """A layout placeholder's box; python-pptx inherits it from the master when the layout is silent."""
    values = (placeholder.left, placeholder.top, placeholder.width, placeholder.height)
    return Rect(*(int(v) if v is not None else 0 for v in values))


def layout_spec(layout, slide: Rect, with_artwork: bool = False) -> LayoutSpec:
    """What a new slide of `layout` starts with, and its footer placeholders.

    A placeholder reaching outside the slide (a template whose layouts were
    made for another slide size) gets a box pulled inside it; footers outside
    it are left off. With `with_artwork` (a designer's template), a title or
    body box is also kept clear of what the master and layout draw (a body,
    of the footers too): the largest part of it that none of them overlaps.
    """
    footers = []
    for placeholder in layout.placeholders:
        ph = placeholder.element.find(PLACEHOLDER_PATH)
        kind, idx = ph.get("type", "obj"), int(ph.get("idx", "0"))
        if kind in FOOTER_KINDS:
            footers.append(PlaceholderSpec(kind, idx, len(footers), 0, box_of(placeholder)))
    drawn = artwork(layout, slide) if with_artwork else ()
    shown_footers = tuple(f.box for f in footers if f.box.inside(slide))
    found = []
    for placeholder in layout.iter_cloneable_placeholders():
        ph = placeholder.element.find(PLACEHOLDER_PATH)
        found.append((ph.get("type", "obj"), int(ph.get("idx", "0")), box_of(placeholder)))
    keys = [(kind, idx) for kind, idx, _ in found]
    columns = _columns_clear_of([(k, b if b.inside(slide) else b.clamped(slide)) for k, _, b in found], drawn + shown_footers) if with_artwork else {}
    cloned = []
    for position, (kind, idx, box) in enumerate(found):
        inside = box if box.inside(slide) else box.clamped(slide)
        if position in columns:
            inside = columns[position]
        elif with_artwork and (kind in TITLE_KINDS or kind in BODY_KINDS):
            clear = inside.clear_of(drawn + (shown_footers if kind in BODY_KINDS else ()))
            inside = clear if clear.usable else inside
        ambiguous = keys.count((kind, idx)) > 1  # templates saved by LibreOffice number every placeholder 0
        cloned.append(
            PlaceholderSpec(kind, idx, position, FIRST_SHAPE_ID + position, inside, None if inside == box else box, ambiguous)
        )
    return LayoutSpec(layout.name, tuple(cloned), tuple(footers), drawn)


def _columns_clear_of(found: list[tuple[str, Rect]], obstacles: tuple[Rect, ...]) -> dict[int, Rect]:
    """Two bodies side by side (a two-column layout) cleared of `obstacles` together: the
    part of the area they span that nothing overlaps, split in two as they split it, so
    artwork at one side narrows both columns a little, not one of them to nothing."""
    bodies = [(position, box) for position, (kind, box) in enumerate(found) if kind in BODY_KINDS]
    if len(bodies) != 2:
        return {}
    (first, left), (second, right) = sorted(bodies, key=lambda b: b[1].left)
    if left.right > right.left:
        return {}
    top, bottom = min(left.top, right.top), max(left.bottom, right.bottom)
    span = Rect(left.left, top, right.right - left.left, bottom - top)
    clear = span.clear_of(obstacles)
    if clear == span or not clear.usable:
        return {}
    gap = right.left - left.right
    halves = clear.split_columns(2, min(gap, clear.width // 10))
    return {first: halves[0], second: halves[1]}


def content_area(layout: LayoutSpec, width: int, height: int) -> Rect:
    """Where slide content goes: the content layout's body, else below the title."""
    bodies = layout.bodies
    if bodies and bodies[0].box.usable:
        return bodies[0].box
    title = layout.title
    margin = inches(0.6)
    top = title.box.bottom + inches(0.2) if title is not None else margin
    return Rect(margin, top, width - 2 * margin, height - top - margin)


def type_scale(master, layout=None, spacing_of: tuple[str, str] | None = None) -> TypeScale:
    """The body and title sizes the master (built-in or template) sets, as the content
    layout's placeholders resolve them; with `spacing_of` (a template's theme fonts), the
    space between its paragraphs and the line of its body font too."""
    styles = master.element.find(qn("p:txStyles"))

    def size(style: str, level: int, default: float) -> float:
        if layout is not None:
            _, found = effective_look(layout, "title" if style == "p:titleStyle" else "body", level)
            if found is not None:
                return found
        if styles is None:
            return default
        rpr = styles.find(f"{qn(style)}/{qn(f'a:lvl{level}pPr')}/{qn('a:defRPr')}")
        if rpr is None or rpr.get("sz") is None:
            return default
        return int(rpr.get("sz")) / 100

    body = tuple(size("p:bodyStyle", level, default) for level, default in ((1, 28.0), (2, 24.0), (3, 20.0)))
    scale = TypeScale(size("p:titleStyle", 1, 40.0), body)
    if spacing_of is None:
        return scale
    space = effective_spacing(layout, "body", body[0])
    font = effective_font(layout, "body", spacing_of)
    return replace(
        scale,
        measure=Measure(
            space if space is not None else scale.measure.space_before,
            line_height_of(font),
            width_factor_of(font),
        ),
        fill=TEMPLATE_FILL,
    )
