"""Which template layout, on which of its masters, serves each of our layouts.

The title slide is made on the template's title-page master, every other
slide on its content master (`masters.designs`); a layout is looked for on
that master first. `[theme.layouts]` names a layout as `"Layout name"` (looked
for on the same masters) or `"Master name / Layout name"`.
"""

from __future__ import annotations

from dataclasses import dataclass

from pptx import Presentation

from segue.render.pptx.geometry import BODY_KINDS, TITLE_KINDS, Rect
from segue.render.pptx.write.backdrop import artwork
from segue.render.pptx.write.masters import PLACEHOLDER_PATH, Designs, master_named, master_names, split_mapping

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

# OOXML layout types (`p:sldLayout type`) that serve each of our layouts, best first.
LAYOUT_TYPES = {
    "title": ("title",),
    "agenda": ("obj", "tx"),
    "section": ("secHead",),
    "content": ("obj", "tx"),
    "two-column": ("twoObj", "twoTxTwoObj"),
    "image": ("titleOnly",),
    "quote": ("titleOnly",),
    "title-only": ("titleOnly",),
    "blank": ("blank",),
}
# When no layout has the name or type: the placeholders each of ours needs (titles, text bodies).
SHAPES = {
    "title": ((1, 1), (1, 0)),
    "agenda": ((1, 1),),
    "section": ((1, 1), (1, 0)),
    "content": ((1, 1),),
    "two-column": ((1, 2),),
    "image": ((1, 0),),
    "quote": ((1, 0),),
    "title-only": ((1, 0),),
    "blank": ((0, 0),),
}
# A title page whose subtitle has less of the slide than this clear of its artwork cannot
# hold a talk's subtitle, presenters and date at 18 pt: the content master's title layout serves.
TITLE_ROOM = 0.1
# When nothing has the shape either, another of our layouts' choice serves (its extra placeholders are removed).
FALLBACK = {"section": "content", "title": "section", "two-column": "content", "image": "title-only", "quote": "title-only", "blank": "title-only"}


@dataclass(frozen=True)
class Choice:
    layout: object | None  # python-pptx SlideLayout
    how: str  # "by name", "by type obj", "by its placeholders", "as for content", "named in deck.toml"
    master: str = ""  # the name of the master it belongs to (`masters.master_names`)

    @property
    def name(self) -> str:
        return self.layout.name if self.layout is not None else ""

    @property
    def label(self) -> str:
        """How deck.toml names it: "Master 2 / Title, Content"."""
        return f"{self.master} / {self.name}" if self.master else self.name


def layout_named(prs: Presentation, name: str):
    return next((layout for layout in prs.slide_layouts if layout.name == name), None)


def shape_of(layout) -> tuple[int, int]:
    """(titles, text bodies) among the placeholders a new slide of `layout` receives;
    a layout with a picture, chart or table placeholder has no plain shape (-1, -1)."""
    titles = bodies = 0
    for placeholder in layout.iter_cloneable_placeholders():
        kind = placeholder.element.find(PLACEHOLDER_PATH).get("type", "obj")
        if kind in TITLE_KINDS:
            titles += 1
        elif kind in BODY_KINDS:
            bodies += 1
        else:
            return -1, -1
    return titles, bodies


def master_order(key: str, designs: Designs, count: int) -> list[int]:
    """The masters to look on for one of our layouts, best first."""
    first = designs.title if key == "title" else designs.content
    return [first, *(n for n in range(count) if n != first)]


def _by_name_or_type(key: str, layouts: list) -> tuple[object, str] | None:
    default = next((l for l in layouts if l.name == DEFAULT_LAYOUT_NAMES[key]), None)
    if default is not None and shape_of(default) in SHAPES[key] + ((-1, -1),) and shape_of(default)[0] == SHAPES[key][0][0]:
        return default, "by name"
    for kind in LAYOUT_TYPES[key]:
        for layout in layouts:
            if layout.element.get("type") == kind and shape_of(layout) in SHAPES[key]:
                return layout, f"by type {kind}"
    return None


def _by_placeholders(key: str, layouts: list) -> object | None:
    return next((l for shape in SHAPES[key] for l in layouts if shape_of(l) == shape), None)


def choose_layouts(prs: Presentation, mapped: dict[str, str], designs: Designs) -> dict[str, Choice]:
    """The template layout behind each of ours: named in deck.toml, else PowerPoint's
    English name, else the layout type, else the placeholders it holds (each looked for
    on the title-page master for the title slide, the content master for the others),
    else another of our layouts' choice. A section slide, when the content master has
    no section layout, is made like the title page where that is a master of its own.
    A template saved by LibreOffice or in another language serves without any
    `[theme.layouts]`."""
    masters = list(prs.slide_masters)
    names = master_names(prs)
    layouts_of = [list(master.slide_layouts) for master in masters]
    slide = Rect(0, 0, int(prs.slide_width), int(prs.slide_height))
    chosen: dict[str, Choice] = {}
    for key in DEFAULT_LAYOUT_NAMES:
        order = master_order(key, designs, len(masters))
        if key in mapped:
            chosen[key] = _mapped(prs, mapped[key], order, layouts_of, names)
            continue
        found = next(
            (Choice(hit[0], hit[1], names[n]) for n in order if (hit := _by_name_or_type(key, layouts_of[n])) is not None),
            None,
        )
        if found is None and key == "section" and designs.title != designs.content and "title" in chosen:
            title = chosen["title"]
            if title.layout is not None and "section" not in mapped:
                found = Choice(title.layout, "as for title: the title page's design", title.master)
        if found is None:
            found = next(
                (Choice(l, "by its placeholders", names[n]) for n in order if (l := _by_placeholders(key, layouts_of[n])) is not None),
                None,
            )
        if found is not None and key == "title" and designs.title != designs.content and room_for_text(found.layout, slide) < TITLE_ROOM:
            found = _on_content_master(key, designs.content, layouts_of, names) or found
        chosen[key] = found or Choice(None, "")
    for key, other in FALLBACK.items():
        if chosen[key].layout is None and key not in mapped:
            source = chosen[other] if chosen[other].layout is not None else chosen.get(FALLBACK.get(other, ""), Choice(None, ""))
            if source.layout is not None:
                chosen[key] = Choice(source.layout, f"as for {other}", source.master)
    return chosen


def _on_content_master(key: str, content: int, layouts_of: list[list], names: list[str]) -> Choice | None:
    """One of our layouts found on the content master instead: the title page's design has no room."""
    hit = _by_name_or_type(key, layouts_of[content])
    if hit is None and (layout := _by_placeholders(key, layouts_of[content])) is not None:
        hit = (layout, "by its placeholders")
    why = "on the content pages' master: the title page's design leaves no room for the subtitle"
    return Choice(hit[0], f"{hit[1]}, {why}", names[content]) if hit is not None else None


def room_for_text(layout, slide: Rect) -> float:
    """The share of the slide a layout's text body (its subtitle on a title slide) offers
    clear of the artwork its master and it draw."""
    bodies = [p for p in layout.placeholders if p.element.find(PLACEHOLDER_PATH).get("type", "obj") in BODY_KINDS]
    if not bodies:
        return 0.0
    placeholder = bodies[0]
    box = Rect(*(int(v or 0) for v in (placeholder.left, placeholder.top, placeholder.width, placeholder.height))).clamped(slide)
    clear = box.clear_of(artwork(layout, slide))
    return clear.width * clear.height / (slide.width * slide.height) if slide.width and slide.height else 0.0


def _mapped(prs: Presentation, value: str, order: list[int], layouts_of: list[list], names: list[str]) -> Choice:
    """The layout `[theme.layouts]` names: "Master / Layout", or a layout's name looked for
    on the masters in `order`."""
    master, layout_name = split_mapping(value)
    number = master_named(prs, master) if master is not None else None
    if number is not None:
        layout = next((l for l in layouts_of[number] if l.name == layout_name), None)
        return Choice(layout, "named in deck.toml", names[number])
    for n in order:
        layout = next((l for l in layouts_of[n] if l.name == value.strip()), None)
        if layout is not None:
            return Choice(layout, "named in deck.toml", names[n])
    return Choice(None, "named in deck.toml")


def available_layouts(prs: Presentation) -> str:
    """Every layout as deck.toml may name it, master by master, for error messages."""
    names = master_names(prs)
    parts = []
    for name, master in zip(names, prs.slide_masters):
        layouts = ", ".join(repr(layout.name) for layout in master.slide_layouts) or "none"
        parts.append(f"{name}: {layouts}" if len(names) > 1 else layouts)
    return "; ".join(parts) or "none"
