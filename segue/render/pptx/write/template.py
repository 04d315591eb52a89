"""The presentation a deck is written into, and the `Stage` it offers the arranger.

The built-in look (`builtin.py`) or a designer's template, emptied of its own
slides. Each of our layouts is found on the master that carries the matching
design (`masters.py`, `choose.py`): by PowerPoint's own names, types or
placeholders, or as `[theme.layouts]` names it. The masters in use get the
text styles their sample text shows (`textstyles.py`). The stage describes,
as plain values, what each of those layouts offers: its placeholders and
where they are, its artwork, the content area, the type scale, the colours
of text and of what lies behind it (`backdrop.py`).
"""

from __future__ import annotations

import io
import zipfile
from dataclasses import dataclass, replace

from pptx import Presentation
from segue.render.pptx.write.oxml import qn

from segue.diagnostics import Diagnostics
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
from segue.render.pptx.write.backdrop import Backdrop, artwork
from segue.render.pptx.write.choose import DEFAULT_LAYOUT_NAMES, Choice, available_layouts, choose_layouts, layout_named
from segue.render.pptx.write.colours import over
from segue.render.pptx.write.masters import Designs, designs as find_designs, master_named, master_names, split_mapping
from segue.render.pptx.write.parts import clean_template_pictures
from segue.render.pptx.write.builtin import builtin_presentation
from segue.render.pptx.write.builtin import text_colors as builtin_text_colors
from segue.render.pptx.write.impress import carry_placeholder_fills, follow_master_geometry, mend_field_marks, saved_by_impress
from segue.render.pptx.write.textstyles import (
    complete_text_styles,
    effective_alignment,
    effective_font,
    effective_look,
    effective_spacing,
)
from segue.render.pptx.text import line_height_of, width_factor_of

PLACEHOLDER_PATH = f"{qn('p:nvSpPr')}/{qn('p:nvPr')}/{qn('p:ph')}"
FIRST_SHAPE_ID = 2  # a slide's shape tree is id 1; python-pptx numbers cloned placeholders from 2
BUILTIN_DESIGNS = Designs(0, 0, "its only master", "its only master")
TEMPLATE_FILL = 0.94  # a template's text is fitted to this share of its box: its fonts are known less well than the built-in look's


@dataclass
class Opened:
    """An opened presentation, the template layout behind each of our layouts, and its stage."""

    prs: Presentation
    layouts: dict[str, object]  # our layout name -> python-pptx SlideLayout
    stage: Stage
    choices: dict[str, Choice]  # how each template layout was found
    designs: Designs = BUILTIN_DESIGNS  # the title page's and the content pages' masters
    template: bool = False  # a designer's template, not the built-in look

    def describe(self) -> list[str]:
        """What `check` and `assets` print: the masters of the two designs, then each layout."""
        names = master_names(self.prs)
        if self.designs.title == self.designs.content:
            how = "its only master" if len(names) == 1 else self.designs.content_how
            lines = [f"title page and content pages: {names[self.designs.content]} ({how})"]
        else:
            lines = [
                f"title page: {names[self.designs.title]} ({self.designs.title_how}); "
                f"content pages: {names[self.designs.content]} ({self.designs.content_how})"
            ]
        lines += [f"{key} -> {choice.label!r} ({choice.how})" for key, choice in self.choices.items()]
        return lines


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
        designs = find_designs(prs)  # from the template's sample slides, before they go
    except SourceProblem as problem:
        report.error(path, line, f"template {theme.template.path!r} {problem.reason}")
        return None
    except Exception as exc:  # python-pptx raises zip, XML and key errors for broken files
        report.error(path, line, f"template {theme.template.path!r} cannot be opened as a PowerPoint file: {exc}")
        return None
    remove_slides(prs)
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
    for master in prs.slide_masters:
        if saved_by_impress(master):  # its layouts placed as Impress places them, before they are compared
            follow_master_geometry(master)
    layouts = choose_layouts(prs, theme.layouts, designs)
    for key, choice in layouts.items():
        if choice.layout is not None:
            continue
        if key in theme.layouts:
            where = theme.sources.get(f"layouts.{key}", source)
            master, _ = split_mapping(theme.layouts[key])
            if master is not None and master_named(prs, master) is None and len(list(prs.slide_masters)) > 1:
                names = ", ".join(repr(name) for name in master_names(prs))
                problem = f"has no master named {master!r} for `{key}` slides (its masters are {names})"
            else:
                problem = f"has no layout named {theme.layouts[key]!r} for `{key}` slides"
        else:
            where, problem = source, f"has no layout for `{key}` slides, by name, type or placeholders"
        report.error(
            where.path if where else path,
            where.line if where else line,
            f"template {theme.template.path!r} {problem}; its layouts are {available_layouts(prs)} "
            "(map one in [theme.layouts], as \"Master name / Layout name\")",
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
    used = {id(choice.layout.slide_master.element): choice.layout.slide_master for choice in layouts.values()}
    for master in used.values():
        if saved_by_impress(master):  # the look is on the master alone
            carry_placeholder_fills(master)
            mend_field_marks(master)
        complete_text_styles(master)
    content_master = layouts["content"].layout.slide_master
    mismatch = size_mismatch(prs, content_master)
    if mismatch:
        report.warning(path, line, f"template {theme.template.path!r}: {mismatch}; content is kept inside the slide, but check the look")
    fit_slide_image(prs)
    colors = template_text_colors(prs, layouts)
    return _opened(prs, layouts, is_template=True, colors=colors, designs=designs)


TEMPLATE_CONTENT_TYPE = b"application/vnd.openxmlformats-officedocument.presentationml.template.main+xml"
PRESENTATION_CONTENT_TYPE = b"application/vnd.openxmlformats-officedocument.presentationml.presentation.main+xml"


def as_presentation(data: bytes) -> bytes:
    """A template file (.potx) as a presentation python-pptx opens: only the main
    part's content type differs."""
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        types = package.read("[Content_Types].xml")
        if TEMPLATE_CONTENT_TYPE not in types:
            return data
        out = io.BytesIO()
        with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as copy:
            for item in package.infolist():
                content = package.read(item)
                if item.filename == "[Content_Types].xml":
                    content = types.replace(TEMPLATE_CONTENT_TYPE, PRESENTATION_CONTENT_TYPE)
                copy.writestr(item, content)
    return out.getvalue()


_BUILTIN_STAGES: dict[str, Stage] = {}


def _opened(prs: Presentation, choices: dict[str, Choice], is_template: bool, colors=(), designs: Designs = BUILTIN_DESIGNS) -> Opened:
    layouts = {key: choice.layout for key, choice in choices.items()}
    width, height = int(prs.slide_width), int(prs.slide_height)
    slide = Rect(0, 0, width, height)
    specs = {key: layout_spec(layout, slide, with_artwork=is_template) for key, layout in layouts.items()}
    content_master = layouts["content"].slide_master
    if is_template:  # a layout of another master (the title page's) has that master's sizes
        for key, layout in layouts.items():
            if layout.slide_master.element is not content_master.element:
                master_fonts = oxml.theme_fonts(prs, layout.slide_master)
                specs[key] = replace(specs[key], type_scale=type_scale(layout.slide_master, layout, master_fonts))
    body_colour = None
    if is_template:
        (colour, opacity), _ = effective_look(layouts["content"], "body")
        body_colour = colour
    stage = Stage(
        width=width,
        height=height,
        layouts=specs,
        content_area=content_area(specs["content"], width, height),
        type_scale=type_scale(content_master, layouts["content"], oxml.theme_fonts(prs, content_master) if is_template else None),
        template_accent=oxml.theme_color(prs, "accent1", content_master) if is_template else None,
        notes_body=notes_body(prs),
        text_colors=tuple(colors),
        fonts=asked_fonts(prs, [layout for layout in layouts.values() if layout is not None], content_master),
        text_color=body_colour,
        alignment=(effective_alignment(layouts["content"], "title"), effective_alignment(layouts["content"], "body")),
    )
    return Opened(prs, layouts, stage, choices, designs, is_template)


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
        behind = Backdrop(layout, slide).behind(placeholder.box, placeholder.kind)
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


def _box(placeholder) -> Rect:
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
            footers.append(PlaceholderSpec(kind, idx, len(footers), 0, _box(placeholder)))
    drawn = artwork(layout, slide) if with_artwork else ()
    shown_footers = tuple(f.box for f in footers if f.box.inside(slide))
    found = []
    for placeholder in layout.iter_cloneable_placeholders():
        ph = placeholder.element.find(PLACEHOLDER_PATH)
        found.append((ph.get("type", "obj"), int(ph.get("idx", "0")), _box(placeholder)))
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


def size_mismatch(prs: Presentation, master) -> str | None:
    """How the master's placeholders miss the slide, when the layouts were made for another size:
    some reach outside it, or all of them sit in the left part of a wide slide."""
    width, height = int(prs.slide_width), int(prs.slide_height)
    boxes = [_box(p) for p in master.placeholders]
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
        paragraph_space=space if space is not None else scale.paragraph_space,
        line_height=line_height_of(font),
        widen=width_factor_of(font),
        fill=TEMPLATE_FILL,
    )


def remove_slides(prs: Presentation) -> None:
    """A template's own slides are examples, not part of the talk."""
    id_list = prs.slides.element
    for slide_id in list(id_list):
        prs.part.drop_rel(slide_id.rId)
        id_list.remove(slide_id)


__all__ = ["Opened", "open_template", "placeholders", "TITLE_KINDS", "BODY_KINDS"]
