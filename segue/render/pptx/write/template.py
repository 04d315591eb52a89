"""The presentation a deck is written into, and the `Stage` it offers the arranger.

The built-in look (`builtin.py`) or a designer's template, emptied of its own
slides. Our layouts are found in it by name; the default names are
PowerPoint's own, so a designer's template made in PowerPoint works
unchanged, and `[theme.layouts]` maps any of our layouts to another name.
The stage describes, as plain values, what each of those layouts offers:
its placeholders and where they are, the content area, the type scale.
"""

from __future__ import annotations

import io
from dataclasses import dataclass

from pptx import Presentation
from segue.render.pptx.write.oxml import qn

from segue.diagnostics import Diagnostics
from segue.media.packages import Package
from segue.media.pictures import clean_picture_bytes
from segue.talk.model import Theme
from segue.sources import SourceProblem, read_file
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
from segue.render.pptx.write.parts import clean_template_content, clean_template_pictures
from segue.render.pptx.write.builtin import builtin_presentation
from segue.render.pptx.write.builtin import text_colors as builtin_text_colors

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
    choices: dict[str, "Choice"]  # how each template layout was found


def open_template(theme: Theme, report: Diagnostics) -> Opened | None:
    """The built-in presentation, or the designer's template emptied of its slides.

    None when the template cannot serve (errors reported).
    """
    if theme.template is None:
        prs = builtin_presentation(theme)
        layouts = {key: Choice(layout_named(prs, name), "by name") for key, name in DEFAULT_LAYOUT_NAMES.items()}
        # The built-in look is a function of the theme alone: its stage is measured
        # once per theme (a watch session rebuilds with the same one every time).
        key = repr(theme)
        if key not in _BUILTIN_STAGES:
            _BUILTIN_STAGES[key] = _opened(prs, layouts, is_template=False, colors=builtin_text_colors(theme)).stage
        return Opened(prs, {k: choice.layout for k, choice in layouts.items()}, _BUILTIN_STAGES[key], layouts)
    source = theme.sources.get("template")
    path, line = (source.path, source.line) if source else ("deck/deck.toml", None)
    try:
        prs = Presentation(io.BytesIO(as_presentation(read_file(theme.template.file))))
    except SourceProblem as problem:
        report.error(path, line, f"template {theme.template.path!r} {problem.reason}")
        return None
    except Exception as exc:  # python-pptx raises zip, XML and key errors for broken files
        report.error(path, line, f"template {theme.template.path!r} cannot be opened as a PowerPoint file: {exc}")
        return None
    remove_slides(prs)
    clean_template_content(prs)
    for name in clean_template_pictures(prs, clean_picture_bytes):
        report.warning(
            path,
            line,
            f"template {theme.template.path!r}: its picture {name} cannot be cleaned of what it carries besides "
            "its pixels (only PNG and JPEG can) and is left out with what shows it; save it as PNG in the template",
        )
    # deck.toml values given explicitly apply over the template's theme.
    oxml.set_theme(
        prs,
        colors={"accent1": theme.accent.lstrip("#")} if "accent" in theme.sources else None,
        font=theme.font if "font" in theme.sources else None,
    )
    layouts = choose_layouts(prs, theme.layouts)
    available = ", ".join(repr(layout.name) for layout in prs.slide_layouts) or "none"
    for key, choice in layouts.items():
        if choice.layout is not None:
            continue
        if key in theme.layouts:
            where = theme.sources.get(f"layouts.{key}", source)
            problem = f"has no layout named {theme.layouts[key]!r} for `{key}` slides"
        else:
            where, problem = source, f"has no layout for `{key}` slides, by name, type or placeholders"
        report.error(
            where.path if where else path,
            where.line if where else line,
            f"template {theme.template.path!r} {problem}; its layouts are {available} (map one in [theme.layouts])",
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
    mismatch = size_mismatch(prs)
    if mismatch:
        report.warning(path, line, f"template {theme.template.path!r}: {mismatch}; content is kept inside the slide, but check the look")
    fit_slide_image(prs)
    return _opened(prs, layouts, is_template=True, colors=template_text_colors(prs))


PRESENTATION_CONTENT_TYPE = b"application/vnd.openxmlformats-officedocument.presentationml.presentation.main+xml"
# The main part of a template (.potx), a show (.ppsx) or a file with macros (.pptm, .potm,
# .ppsm, whatever its name): a deck is a plain presentation (the macros never come along).
OTHER_MAIN_CONTENT_TYPES = (
    b"application/vnd.openxmlformats-officedocument.presentationml.template.main+xml",
    b"application/vnd.openxmlformats-officedocument.presentationml.slideshow.main+xml",
    b"application/vnd.ms-powerpoint.presentation.macroEnabled.main+xml",
    b"application/vnd.ms-powerpoint.template.macroEnabled.main+xml",
    b"application/vnd.ms-powerpoint.slideshow.macroEnabled.main+xml",
)


def as_presentation(data: bytes) -> bytes:
    """A template file as a plain presentation, as python-pptx opens it and a deck
    declares itself (only the main part's content type differs), rebuilt from
    members read within a bound (PackageProblem for a zip that inflates too far)."""
    with Package(data) as package:
        types = package.read("[Content_Types].xml")
        for kind in OTHER_MAIN_CONTENT_TYPES:
            types = types.replace(kind, PRESENTATION_CONTENT_TYPE)
        return package.rebuilt({"[Content_Types].xml": types})


# --- which template layout serves each of ours ---------------------------------------------

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
# When nothing has the shape either, another of our layouts' choice serves (its extra placeholders are removed).
FALLBACK = {"section": "content", "title": "section", "two-column": "content", "image": "title-only", "quote": "title-only", "blank": "title-only"}


@dataclass(frozen=True)
class Choice:
    layout: object | None  # python-pptx SlideLayout
    how: str  # "by name", "by type obj", "by its placeholders", "as for content", "named in deck.toml"

    @property
    def name(self) -> str:
        return self.layout.name if self.layout is not None else ""


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


def choose_layouts(prs: Presentation, mapped: dict[str, str]) -> dict[str, Choice]:
    """The template layout behind each of ours: named in deck.toml, else PowerPoint's
    English name, else the layout type, else the placeholders it holds, else another
    of our layouts' choice. A template saved by LibreOffice or in another language
    serves without any `[theme.layouts]`."""
    layouts = list(prs.slide_layouts)
    chosen: dict[str, Choice] = {}
    for key, default_name in DEFAULT_LAYOUT_NAMES.items():
        if key in mapped:
            chosen[key] = Choice(layout_named(prs, mapped[key]), "named in deck.toml")
            continue
        layout = layout_named(prs, default_name)
        if layout is not None and shape_of(layout) in SHAPES[key] + ((-1, -1),) and shape_of(layout)[0] == SHAPES[key][0][0]:
            chosen[key] = Choice(layout, "by name")
            continue
        found = next(
            (
                Choice(l, f"by type {l.element.get('type')}")
                for kind in LAYOUT_TYPES[key]
                for l in layouts
                if l.element.get("type") == kind and shape_of(l) in SHAPES[key]
            ),
            None,
        ) or next((Choice(l, "by its placeholders") for shape in SHAPES[key] for l in layouts if shape_of(l) == shape), None)
        chosen[key] = found or Choice(None, "")
    for key, other in FALLBACK.items():
        if chosen[key].layout is None and key not in mapped:
            source = chosen[other] if chosen[other].layout is not None else chosen.get(FALLBACK.get(other, ""), Choice(None, ""))
            if source.layout is not None:
                chosen[key] = Choice(source.layout, f"as for {other}")
    return chosen


def template_text_colors(prs: Presentation) -> tuple[tuple[str, str, str], ...]:
    """The colours a template sets text and links in, on its master's background,
    through the master's colour map; none when the background is not one colour."""
    master = prs.slide_master.element
    mapping = master.find(qn("p:clrMap"))
    scheme = {slot: oxml.theme_color(prs, slot) for slot in ("dk1", "lt1", "dk2", "lt2", "hlink", *(f"accent{n}" for n in range(1, 7)))}

    def resolve(name: str | None) -> str | None:
        if name is None:
            return None
        if mapping is not None and mapping.get(name):
            name = mapping.get(name)
        return scheme.get(name)

    background = None
    fill = master.find(f"{qn('p:cSld')}/{qn('p:bg')}")
    if fill is None:
        background = resolve("bg1")
    else:
        solid = fill.find(f".//{qn('a:solidFill')}")
        reference = fill.find(qn("p:bgRef"))
        colour = solid[0] if solid is not None and len(solid) else (reference[0] if reference is not None and len(reference) else None)
        if colour is not None and colour.tag == qn("a:srgbClr"):
            background = colour.get("val")
        elif colour is not None and colour.tag == qn("a:schemeClr"):
            background = resolve(colour.get("val"))
    text, links = resolve("tx1"), scheme.get("hlink")
    if background is None:
        return ()
    return tuple((what, colour.upper(), background.upper()) for what, colour in (("text", text), ("links", links)) if colour)


_BUILTIN_STAGES: dict[str, Stage] = {}


def _opened(prs: Presentation, choices: dict[str, Choice], is_template: bool, colors=()) -> Opened:
    layouts = {key: choice.layout for key, choice in choices.items()}
    width, height = int(prs.slide_width), int(prs.slide_height)
    specs = {key: layout_spec(layout, Rect(0, 0, width, height)) for key, layout in layouts.items()}
    stage = Stage(
        width=width,
        height=height,
        layouts=specs,
        content_area=content_area(specs["content"], width, height),
        type_scale=type_scale(prs),
        template_accent=oxml.theme_color(prs, "accent1") if is_template else None,
        notes_body=notes_body(prs),
        text_colors=tuple(colors),
        fonts=asked_fonts(prs, [layout for layout in layouts.values() if layout is not None]),
    )
    return Opened(prs, layouts, stage, choices)


def asked_fonts(prs: Presentation, layouts: list) -> tuple[str, ...]:
    """The Latin typefaces text on the deck's slides can ask for: the theme's heading and
    body fonts, then those the master's text styles and the layouts in use name."""
    major, minor = oxml.theme_fonts(prs)
    found = [major, minor]
    for part in (prs.slide_master, *layouts):
        for latin in part.element.iter(qn("a:latin")):
            found.append(latin.get("typeface", ""))
    return tuple(name for name in dict.fromkeys(found) if name and not name.startswith("+"))


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


def layout_spec(layout, slide: Rect) -> LayoutSpec:
    """What a new slide of `layout` starts with, and its footer placeholders.

    A placeholder reaching outside the slide (a template whose layouts were
    made for another slide size) gets a box pulled inside it; footers outside
    it are left off.
    """
    cloned = []
    found = []
    for placeholder in layout.iter_cloneable_placeholders():
        ph = placeholder.element.find(PLACEHOLDER_PATH)
        found.append((ph.get("type", "obj"), int(ph.get("idx", "0")), _box(placeholder)))
    keys = [(kind, idx) for kind, idx, _ in found]
    for position, (kind, idx, box) in enumerate(found):
        inside = box if box.inside(slide) else box.clamped(slide)
        ambiguous = keys.count((kind, idx)) > 1  # templates saved by LibreOffice number every placeholder 0
        cloned.append(
            PlaceholderSpec(kind, idx, position, FIRST_SHAPE_ID + position, inside, None if inside == box else box, ambiguous)
        )
    footers = []
    for placeholder in layout.placeholders:
        ph = placeholder.element.find(PLACEHOLDER_PATH)
        kind, idx = ph.get("type", "obj"), int(ph.get("idx", "0"))
        if kind in FOOTER_KINDS:
            footers.append(PlaceholderSpec(kind, idx, len(footers), 0, _box(placeholder)))
    return LayoutSpec(layout.name, tuple(cloned), tuple(footers))


def size_mismatch(prs: Presentation) -> str | None:
    """How the master's placeholders miss the slide, when the layouts were made for another size:
    some reach outside it, or all of them sit in the left part of a wide slide."""
    width, height = int(prs.slide_width), int(prs.slide_height)
    boxes = [_box(p) for p in prs.slide_master.placeholders]
    if not boxes:
        return None
    left, right = min(b.left for b in boxes), max(b.right for b in boxes)
    bottom = max(b.bottom for b in boxes)
    inches = lambda emu: f"{emu / 914400:.2f}".rstrip("0").rstrip(".")  # noqa: E731
    if right > width or bottom > height or left < 0:
        return f"its layouts reach outside its {inches(width)} × {inches(height)} in slides (made for another slide size?)"
    if right + left < 0.8 * width:
        return f"its layouts fill {inches(right + left)} in of its {inches(width)} in wide slides (made for 4:3 slides?)"
    return None


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
