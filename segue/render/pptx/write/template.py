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
from dataclasses import dataclass, replace

from pptx import Presentation
from pptx.opc.constants import CONTENT_TYPE as CT
from pptx.opc.constants import RELATIONSHIP_TYPE as RT
from pptx.opc.package import Part
from pptx.opc.packuri import PackURI

from segue.diagnostics import Diagnostics
from segue.media.packages import Package
from segue.media.pictures import clean_picture_bytes
from segue.talk.model import Theme
from segue.sources import SourceProblem, read_file
from segue.render.pptx.geometry import Rect, Stage
from segue.render.pptx.write import oxml
from segue.render.pptx.write.choose import DEFAULT_LAYOUT_NAMES, Choice, available_layouts, choose_layouts, layout_named
from segue.render.pptx.write.masters import Designs, designs as find_designs, master_named, master_names, split_mapping
from segue.render.pptx.write.parts import clean_template_content, clean_template_pictures
from segue.render.pptx.write.builtin import builtin_presentation
from segue.render.pptx.write.builtin import text_colors as builtin_text_colors
from segue.render.pptx.write.impress import carry_placeholder_fills, follow_master_geometry, mend_field_marks, saved_by_impress
from segue.render.pptx.write.stage import (
    PLACEHOLDER_PATH,
    asked_fonts,
    box_of,
    content_area,
    layout_spec,
    placeholders,
    template_text_colors,
    type_scale,
)
from segue.render.pptx.write.textstyles import complete_text_styles, effective_alignment, effective_look

BUILTIN_DESIGNS = Designs(0, 0, "its only master", "its only master")


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
    ensure_table_styles(prs)
    colors = template_text_colors(prs, layouts)
    return _opened(prs, layouts, is_template=True, colors=colors, designs=designs)


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


def size_mismatch(prs: Presentation, master) -> str | None:
    """How the master's placeholders miss the slide, when the layouts were made for another size:
    some reach outside it, or all of them sit in the left part of a wide slide."""
    width, height = int(prs.slide_width), int(prs.slide_height)
    boxes = [box_of(p) for p in master.placeholders]
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
            return box_of(placeholder)
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
        box = box_of(placeholder)
        if not box.width or not box.height or abs(box.width / box.height - aspect) < 0.01:
            continue
        width, height = box.width, int(box.width / aspect)
        if height > box.height:
            width, height = int(box.height * aspect), box.height
        placeholder.left, placeholder.top = box.left + (box.width - width) // 2, box.top
        placeholder.width, placeholder.height = width, height


A_NS = "http://schemas.openxmlformats.org/drawingml/2006/main"
# PowerPoint's default table style ("Medium Style 2 - Accent 1"), which python-pptx's tables name.
DEFAULT_TABLE_STYLE = "{5C22544A-7EE6-4342-B048-85BDC9FD1C3A}"


def ensure_table_styles(prs) -> None:
    """A table-styles part naming the default style, when the template has none (templates
    saved by LibreOffice): without it LibreOffice draws our tables unstyled, black text on
    whatever is behind them, where PowerPoint draws the style the tables name. A
    template's own table styles are kept."""
    if any(rel.reltype == RT.TABLE_STYLES for rel in prs.part.rels.values()):
        return
    blob = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        f'<a:tblStyleLst xmlns:a="{A_NS}" def="{DEFAULT_TABLE_STYLE}"/>'
    ).encode()
    prs.part.relate_to(Part(PackURI("/ppt/tableStyles.xml"), CT.PML_TABLE_STYLES, prs.part.package, blob), RT.TABLE_STYLES)


def remove_slides(prs: Presentation) -> None:
    """A template's own slides are examples, not part of the talk."""
    id_list = prs.slides.element
    for slide_id in list(id_list):
        prs.part.drop_rel(slide_id.rId)
        id_list.remove(slide_id)


__all__ = ["Opened", "open_template", "placeholders"]
