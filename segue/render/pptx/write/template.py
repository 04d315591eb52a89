"""The presentation a deck is written into, and the `Stage` it offers the arranger.

The built-in look (`builtin.py`) or a designer's template, emptied of its own
slides. Our layouts are found in it by name; the default names are
PowerPoint's own, so a designer's template made in PowerPoint works
unchanged, and `[theme.layouts]` maps any of our layouts to another name.
The stage describes, as plain values, what each of those layouts offers:
its placeholders and where they are, the content area, the type scale.
"""

from __future__ import annotations

from dataclasses import dataclass

from pptx import Presentation
from pptx.oxml.ns import qn

from segue.diagnostics import Diagnostics
from segue.model import Theme
from segue.render.pptx.geometry import (
    BODY_KINDS,
    FOOTER_KINDS,
    LayoutSpec,
    PlaceholderSpec,
    Rect,
    Stage,
    TITLE_KINDS,
    TypeScale,
    inches,
)
from segue.render.pptx.write import oxml
from segue.render.pptx.write.builtin import builtin_presentation

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

PLACEHOLDER_PATH = f"{qn('p:nvSpPr')}/{qn('p:nvPr')}/{qn('p:ph')}"
FIRST_SHAPE_ID = 2  # a slide's shape tree is id 1; python-pptx numbers cloned placeholders from 2


@dataclass
class Opened:
    """An opened presentation, the template layout behind each of our layouts, and its stage."""

    prs: Presentation
    layouts: dict[str, object]  # our layout name -> python-pptx SlideLayout
    stage: Stage


def open_template(theme: Theme, report: Diagnostics) -> Opened | None:
    """The built-in presentation, or the designer's template emptied of its slides.

    None when the template cannot serve (errors reported).
    """
    if theme.template is None:
        prs = builtin_presentation(theme)
        return _opened(prs, theme, is_template=False)
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
    names = {**DEFAULT_LAYOUT_NAMES, **theme.layouts}
    by_name = {layout.name: layout for layout in prs.slide_layouts}
    available = ", ".join(repr(name) for name in by_name) or "none"
    for key, name in names.items():
        if name not in by_name:
            where = theme.sources.get(f"layouts.{key}", source)
            report.error(
                where.path if where else path,
                where.line if where else line,
                f"template {theme.template.path!r} has no layout named {name!r} for `{key}` slides; "
                f"its layouts are {available} (map one in [theme.layouts])",
            )
    kinds = [kind for kind, _, _ in placeholders(prs.notes_master)]
    if "body" not in kinds:
        found = ", ".join(kinds) or "no placeholders"
        report.error(
            path,
            line,
            f"template {theme.template.path!r}: its notes master has no body placeholder for speaker notes "
            f"(it has {found}); add one in View > Notes Master",
        )
    if report.has_errors:
        return None
    fit_slide_image(prs)
    return _opened(prs, theme, is_template=True)


def _opened(prs: Presentation, theme: Theme, is_template: bool) -> Opened:
    names = {**DEFAULT_LAYOUT_NAMES, **theme.layouts}
    by_name = {layout.name: layout for layout in prs.slide_layouts}
    layouts = {key: by_name[name] for key, name in names.items()}
    specs = {key: layout_spec(layout) for key, layout in layouts.items()}
    width, height = int(prs.slide_width), int(prs.slide_height)
    stage = Stage(
        width=width,
        height=height,
        layouts=specs,
        content_area=content_area(specs["content"], width, height),
        type_scale=type_scale(prs),
        template_accent=oxml.theme_color(prs, "accent1") if is_template else None,
        notes_body=notes_body(prs),
    )
    return Opened(prs, layouts, stage)


def placeholders(container) -> list[tuple[str, int, object]]:
    """(kind, idx, element) of the placeholders of a slide, layout or master, in document order."""
    found = []
    for element in container.shapes.element.iterchildren(qn("p:sp")):
        ph = element.find(PLACEHOLDER_PATH)
        if ph is not None:
            found.append((ph.get("type", "obj"), int(ph.get("idx", "0")), element))
    return found


def _box(placeholder) -> Rect:
    """A layout placeholder's box; python-pptx inherits it from the master when the layout is silent."""
    values = (placeholder.left, placeholder.top, placeholder.width, placeholder.height)
    return Rect(*(int(v) if v is not None else 0 for v in values))


def layout_spec(layout) -> LayoutSpec:
    """What a new slide of `layout` starts with, and its footer placeholders."""
    cloned = []
    for position, placeholder in enumerate(layout.iter_cloneable_placeholders()):
        ph = placeholder.element.find(PLACEHOLDER_PATH)
        cloned.append(PlaceholderSpec(ph.get("type", "obj"), int(ph.get("idx", "0")), FIRST_SHAPE_ID + position, _box(placeholder)))
    by_idx = {placeholder.placeholder_format.idx: placeholder for placeholder in layout.placeholders}
    footers = tuple(
        PlaceholderSpec(kind, idx, 0, _box(by_idx[idx])) for kind, idx, _ in placeholders(layout) if kind in FOOTER_KINDS
    )
    return LayoutSpec(layout.name, tuple(cloned), footers)


def notes_body(prs: Presentation) -> Rect | None:
    """The box of the notes master's body placeholder: where a notes page prints the notes."""
    for placeholder in prs.notes_master.placeholders:
        ph = placeholder.element.find(PLACEHOLDER_PATH)
        if ph is not None and ph.get("type") == "body":
            return _box(placeholder)
    return None


def fit_slide_image(prs: Presentation) -> None:
    """Make the notes master's slide image the deck's shape, inside the box the template gave it.

    A template's notes master is often python-pptx's or PowerPoint's 4:3 one;
    a 16:9 deck would then print letterboxed in a 4:3 frame on every notes page.
    """
    aspect = int(prs.slide_width) / int(prs.slide_height)
    for placeholder in prs.notes_master.placeholders:
        ph = placeholder.element.find(PLACEHOLDER_PATH)
        if ph is None or ph.get("type") != "sldImg":
            continue
        box = _box(placeholder)
        if not box.width or not box.height or abs(box.width / box.height - aspect) < 0.01:
            continue
        width, height = box.width, int(box.width / aspect)
        if height > box.height:
            width, height = int(box.height * aspect), box.height
        placeholder.left, placeholder.top = box.left + (box.width - width) // 2, box.top
        placeholder.width, placeholder.height = width, height


def content_area(layout: LayoutSpec, width: int, height: int) -> Rect:
    """Where slide content goes: the content layout's body, else below the title."""
    bodies = layout.bodies
    if bodies and bodies[0].box.usable:
        return bodies[0].box
    title = layout.title
    margin = inches(0.6)
    top = title.box.bottom + inches(0.2) if title is not None else margin
    return Rect(margin, top, width - 2 * margin, height - top - margin)


def type_scale(prs: Presentation) -> TypeScale:
    """The body and title sizes the master (built-in or template) sets."""
    styles = prs.slide_master.element.find(qn("p:txStyles"))

    def size(style: str, level: int, default: float) -> float:
        if styles is None:
            return default
        rpr = styles.find(f"{qn(style)}/{qn(f'a:lvl{level}pPr')}/{qn('a:defRPr')}")
        if rpr is None or rpr.get("sz") is None:
            return default
        return int(rpr.get("sz")) / 100

    body = tuple(size("p:bodyStyle", level, default) for level, default in ((1, 28.0), (2, 24.0), (3, 20.0)))
    return TypeScale(size("p:titleStyle", 1, 40.0), body)


def remove_slides(prs: Presentation) -> None:
    """A template's own slides are examples, not part of the talk."""
    id_list = prs.slides.element
    for slide_id in list(id_list):
        prs.part.drop_rel(slide_id.rId)
        id_list.remove(slide_id)


__all__ = ["Opened", "open_template", "placeholders", "TITLE_KINDS", "BODY_KINDS"]
