"""Which slide layout each kind of slide uses, in the built-in theme or a template.

Layouts are found by name. The default names are PowerPoint's own, so a
designer's template made in PowerPoint works unchanged; `[theme.layouts]`
maps any of our layouts to another name.
"""

from __future__ import annotations

from dataclasses import dataclass

from pptx import Presentation
from pptx.enum.shapes import PP_PLACEHOLDER
from pptx.opc.constants import RELATIONSHIP_TYPE as RT
from pptx.shapes.autoshape import Shape
from pptx.slide import Slide
from pptx.oxml.ns import qn
from pptx.util import Inches

from segue.diagnostics import Diagnostics
from segue.model import Theme
from segue.render.pptx import oxml
from segue.render.pptx.builtin import builtin_presentation

DEFAULT_LAYOUT_NAMES = {
    "title": "Title Slide",
    "agenda": "Title and Content",
    "section": "Section Header",
    "content": "Title and Content",
    "two-column": "Two Content",
    "image": "Title Only",
    "quote": "Title Only",
    "title-only": "Title Only",
    "blank": "Blank",
}

MIN_AREA = int(Inches(0.5))
PLACEHOLDER_PATH = f"{qn('p:nvSpPr')}/{qn('p:nvPr')}/{qn('p:ph')}"



@dataclass(frozen=True)
class Rect:
    left: int
    top: int
    width: int
    height: int

    @property
    def usable(self) -> bool:
        """Big enough to hold anything (a template's placeholder can be degenerate)."""
        return self.width >= MIN_AREA and self.height >= MIN_AREA

    @property
    def right(self) -> int:
        return self.left + self.width

    @property
    def bottom(self) -> int:
        return self.top + self.height

    def split_columns(self, count: int, gap: int) -> list["Rect"]:
        width = (self.width - gap * (count - 1)) // count
        return [Rect(self.left + i * (width + gap), self.top, width, self.height) for i in range(count)]

    def take_top(self, height: int, gap: int) -> tuple["Rect", "Rect"]:
        top = Rect(self.left, self.top, self.width, height)
        rest = Rect(self.left, self.top + height + gap, self.width, max(self.height - height - gap, 0))
        return top, rest


def rect_of(shape) -> Rect:
    """A shape's box; placeholders resolve inheritance through layout and master."""
    return Rect(int(shape.left), int(shape.top), int(shape.width), int(shape.height))


class PlaceholderBoxes:
    """Boxes of placeholders, with what they inherit looked up once per layout.

    Resolving an inherited position walks layout and master with XPath on every
    read; a deck asks the same few layouts thousands of times.
    """

    def __init__(self) -> None:
        self._inherited: dict[tuple[str, int], Rect] = {}

    def __call__(self, shape) -> Rect:
        xfrm = shape._element.spPr.find(qn("a:xfrm"))
        if xfrm is not None and xfrm.find(qn("a:ext")) is not None and xfrm.find(qn("a:off")) is not None:
            off, ext = xfrm.find(qn("a:off")), xfrm.find(qn("a:ext"))
            return Rect(int(off.get("x")), int(off.get("y")), int(ext.get("cx")), int(ext.get("cy")))
        layout_part = shape.part.part_related_by(RT.SLIDE_LAYOUT)
        ph = shape._element.find(PLACEHOLDER_PATH)
        key = (str(layout_part.partname), int(ph.get("idx", "0")))
        if key not in self._inherited:
            # python-pptx's placeholder class knows how to inherit a position.
            self._inherited[key] = rect_of(shape._parent._shape_factory(shape._element))
        return self._inherited[key]


TITLE_KINDS = ("title", "ctrTitle", "vertTitle")
BODY_KINDS = ("body", "obj", "subTitle")


def placeholders(container) -> list[tuple[str, int, object]]:
    """(kind, idx, shape) of the text placeholders of a slide or layout, in document order.

    Read straight from the XML: python-pptx's placeholder_format runs an XPath
    query per access, which dominates large decks. A slide's placeholders come
    as plain shapes (their inherited boxes come from `PlaceholderBoxes`); a
    layout's as python-pptx placeholders, which resolve inheritance themselves.
    """
    shapes = container.shapes
    plain = isinstance(container, Slide)
    found = []
    for element in shapes._spTree.iterchildren(qn("p:sp")):
        ph = element.find(PLACEHOLDER_PATH)
        if ph is not None:
            shape = Shape(element, shapes) if plain else shapes._shape_factory(element)
            found.append((ph.get("type", "obj"), int(ph.get("idx", "0")), shape))
    return found


def body_placeholders(container) -> list:
    """Body-like placeholders of a slide or layout, in idx order."""
    found = [(idx, shape) for kind, idx, shape in placeholders(container) if kind in BODY_KINDS and idx != 0]
    return [shape for _, shape in sorted(found, key=lambda item: item[0])]


def title_placeholder(container):
    return next((shape for kind, _, shape in placeholders(container) if kind in TITLE_KINDS), None)


class Layouts:
    """Our layout names resolved to the presentation's slide layouts."""

    def __init__(self, prs: Presentation, overrides: dict[str, str]) -> None:
        self.prs = prs
        self.names = {**DEFAULT_LAYOUT_NAMES, **overrides}
        self.by_name = {layout.name: layout for layout in prs.slide_layouts}

    def missing(self) -> list[tuple[str, str]]:
        return [(key, name) for key, name in self.names.items() if name not in self.by_name]

    def __getitem__(self, key: str):
        return self.by_name[self.names[key]]

    def content_area(self) -> Rect:
        """Where slide content goes: the content layout's body, else below the title."""
        layout = self["content"]
        bodies = body_placeholders(layout)
        if bodies and rect_of(bodies[0]).usable:
            return rect_of(bodies[0])
        width, height = int(self.prs.slide_width), int(self.prs.slide_height)
        title = title_placeholder(layout)
        margin = int(Inches(0.6))
        top = int(title.top + title.height) + int(Inches(0.2)) if title is not None else margin
        return Rect(margin, top, width - 2 * margin, height - top - margin)


def open_presentation(theme: Theme, report: Diagnostics) -> tuple[Presentation, Layouts] | None:
    """The built-in presentation, or the designer's template emptied of its slides.

    None when the template cannot serve (errors reported).
    """
    if theme.template is None:
        prs = builtin_presentation(theme)
        return prs, Layouts(prs, theme.layouts)
    source = theme.sources.get("template")
    path, line = (source.path, source.line) if source else ("deck/deck.toml", None)
    try:
        prs = Presentation(str(theme.template.file))
    except Exception as exc:  # python-pptx raises zip, XML and key errors for broken files
        report.error(path, line, f"template {theme.template.path!r} cannot be opened as a PowerPoint file: {exc}")
        return None
    remove_slides(prs)
    # deck.toml values given explicitly apply over the template's theme.
    oxml.set_theme(
        prs,
        colors={"accent1": theme.accent.lstrip("#")} if "accent" in theme.sources else None,
        font=theme.font if "font" in theme.sources else None,
    )
    layouts = Layouts(prs, theme.layouts)
    available = ", ".join(repr(name) for name in layouts.by_name) or "none"
    for key, name in layouts.missing():
        where = theme.sources.get(f"layouts.{key}", source)
        report.error(
            where.path if where else path,
            where.line if where else line,
            f"template {theme.template.path!r} has no layout named {name!r} for `{key}` slides; "
            f"its layouts are {available} (map one in [theme.layouts])",
        )
    if not any(ph.placeholder_format.type == PP_PLACEHOLDER.BODY for ph in prs.notes_master.placeholders):
        found = ", ".join(str(ph.placeholder_format.type) for ph in prs.notes_master.placeholders) or "no placeholders"
        report.error(
            path,
            line,
            f"template {theme.template.path!r}: its notes master has no body placeholder for speaker notes "
            f"(it has {found}); add one in View > Notes Master",
        )
    if report.has_errors:
        return None
    return prs, layouts


def remove_slides(prs: Presentation) -> None:
    """A template's own slides are examples, not part of the talk."""
    id_list = prs.slides._sldIdLst
    for slide_id in list(id_list):
        prs.part.drop_rel(slide_id.rId)
        id_list.remove(slide_id)
