"""The deck: one PowerPoint slide per planned slide, filled from the model."""

from __future__ import annotations

import copy
import io

from lxml import etree
from pptx import Presentation
from pptx.dml.color import RGBColor
from pptx.enum.shapes import MSO_SHAPE
from pptx.enum.text import MSO_ANCHOR
from pptx.opc.constants import RELATIONSHIP_TYPE as RT
from pptx.oxml.ns import qn
from pptx.table import _Row
from pptx.shapes.picture import Picture as PictureShape
from pptx.util import Inches

from segue.diagnostics import Diagnostics
from segue.images import ImageCache
from segue.model import Columns, Picture, Quote, Slide, Span, Table, Talk
from segue import labels
from segue.plan import Plan, PlannedSlide
from segue.render.pptx import oxml
from segue.render.pptx.package import DeckParts, PendingPictures
from segue.render.pptx.layouts import (
    Layouts,
    PlaceholderBoxes,
    Rect,
    PLACEHOLDER_PATH,
    body_placeholders,
    placeholders,
    title_placeholder,
)
from segue.render.pptx.text import (
    MIN_PT,
    Para,
    estimate_height,
    fit_scale,
    paras_from_blocks,
    write_paras,
)
from segue.render.stamp import build_time, long_date

GAP = int(Inches(0.3))
NOTES_PT = 12.0
PROGRESS_TRACK = "E8DCCB"  # warm sand: visible on light and dark backgrounds
PANEL = "FAF6F0"  # behind title-slide text on a background picture
PANEL_OPACITY = 0.88
LOGO_HEIGHT = int(Inches(0.6))
PICTURE_OVERSAMPLE = 2  # pictures keep up to twice their placed size in pixels
EMU_PER_INCH = 914400
SCREEN_DPI = 96


def delete_shape(shape) -> None:
    element = shape._element
    element.getparent().remove(element)


def _crop_to(shape, aspect: float, box_aspect: float) -> None:
    """Crop a picture placed in a box so it fills it without distortion (fit=cover)."""
    if aspect > box_aspect:
        shape.crop_left = shape.crop_right = (1 - box_aspect / aspect) / 2
    else:
        shape.crop_top = shape.crop_bottom = (1 - aspect / box_aspect) / 2


class TypeScale:
    """The body and title sizes the master (built-in or template) sets."""

    def __init__(self, prs: Presentation) -> None:
        styles = prs.slide_master._element.find(qn("p:txStyles"))
        self.title = self._size(styles, "p:titleStyle", 1, 40.0)
        self.body = tuple(self._size(styles, "p:bodyStyle", level, d) for level, d in ((1, 28.0), (2, 24.0), (3, 20.0)))

    @staticmethod
    def _size(styles, style: str, level: int, default: float) -> float:
        if styles is None:
            return default
        rpr = styles.find(f"{qn(style)}/{qn(f'a:lvl{level}pPr')}/{qn('a:defRPr')}")
        if rpr is None or rpr.get("sz") is None:
            return default
        return int(rpr.get("sz")) / 100


class DeckBuilder:
    def __init__(
        self,
        talk: Talk,
        plan: Plan,
        prs: Presentation,
        layouts: Layouts,
        report: Diagnostics,
        public: bool,
        images: ImageCache,
        progress=None,
    ):
        self.progress = progress
        self.images = images
        self.talk = talk
        self.plan = plan
        self.prs = prs
        self.layouts = layouts
        self.report = report
        self.public = public
        self.parts = DeckParts(prs)
        self.pictures = PendingPictures()
        self.box = PlaceholderBoxes()
        self._footers: dict[str, list] = {}
        self._logo_stamp = None  # (picture element, image part), made on the first content slide
        self._progress_stamps = None  # (track, bar) shape elements
        self.type = TypeScale(prs)
        self.content_area = layouts.content_area()
        # Our own shapes (quote rule, progress bar) use deck.toml's accent, or a template's.
        template_accent = oxml.theme_color(prs, "accent1") if talk.theme.template else None
        explicit = talk.theme.template is None or "accent" in talk.theme.sources
        self.accent = RGBColor.from_string(
            talk.theme.accent.lstrip("#") if explicit or not template_accent else template_accent
        )

    # --- the whole deck ---------------------------------------------------------

    def build(self, auto_advance: bool) -> bytes:
        for planned in self.plan.slides:
            slide = getattr(self, f"_{planned.kind}")(planned)
            if not self.public:
                self._notes(slide, planned)
            oxml.set_advance(slide._element, planned.duration * 1000)
            if self.progress is not None:
                self.progress.advance()
        self.pictures.fill(self.images)
        sections: list[tuple[str, list[int]]] = [("Opening", [])]
        for planned, slide_id in zip(self.plan.slides, self.parts.slide_ids):
            if planned.kind == "section":
                sections.append((self.plan.segment_of(planned).segment.title, []))
            sections[-1][1].append(int(slide_id.get("id")))
        oxml.set_sections(self.prs.part._element, [s for s in sections if s[1]], self.talk.slug)
        oxml.set_use_timings(self.prs, auto_advance)
        notes = 0 if self.public else len(self.prs.slides)
        oxml.drop_template_remnants(self.prs, slides=len(self.prs.slides), notes=notes)
        self._properties()
        return oxml.save(self.prs, build_time(self.talk).replace(tzinfo=None))

    def _properties(self) -> None:
        props = self.prs.core_properties
        when = build_time(self.talk).replace(tzinfo=None)
        props.title = self.talk.title
        props.subject = self.talk.subtitle or ""
        props.author = "" if self.public else ", ".join(labels.credits(self.talk))
        props.last_modified_by = ""
        props.comments = ""
        props.keywords = ""
        props.category = ""
        props.content_status = ""
        props.identifier = ""
        props.language = ""
        props.version = ""
        props.revision = 1
        props.created = when
        props.modified = when
        props.last_printed = when

    def _new_slide(self, layout_key: str):
        return self.parts.add_slide(self.layouts[layout_key])

    # --- generated slides -------------------------------------------------------

    def _title(self, planned: PlannedSlide):
        talk = self.talk
        slide = self._new_slide("title")
        self._set_title(slide, (Span(talk.title),))
        lines: list[Para] = []
        if talk.subtitle:
            lines.append(Para((Span(talk.subtitle),), 24))
            lines.append(Para((Span(" "),), MIN_PT))
        credits = " · ".join(labels.credits(talk))
        lines.append(Para((Span(credits, bold=True),), 22))
        when_where = " · ".join(x for x in (talk.event, long_date(talk.date) if talk.date else None) if x)
        if when_where:
            lines.append(Para((Span(when_where),), 20))
        self._fill_body(slide, 0, lines, explicit_sizes=True)
        if talk.theme.title_background is not None:
            self._title_background(slide)
        return slide

    def _title_background(self, slide) -> None:
        """The background picture, full bleed, under a light panel that keeps the text readable."""
        width, height = int(self.prs.slide_width), int(self.prs.slide_height)
        boxes = [self.box(shape) for _, _, shape in placeholders(slide)]
        if boxes:
            margin = int(Inches(0.3))
            left = min(b.left for b in boxes) - margin
            top = min(b.top for b in boxes) - margin
            right = max(b.right for b in boxes) + margin
            bottom = max(b.bottom for b in boxes) + margin
            panel = slide.shapes.add_shape(MSO_SHAPE.RECTANGLE, left, top, right - left, bottom - top)
            panel.fill.solid()
            panel.fill.fore_color.rgb = RGBColor.from_string(PANEL)
            oxml.set_fill_alpha(panel, PANEL_OPACITY)
            panel.line.fill.background()
            panel.shadow.inherit = False
            panel.name = "Title panel"
            oxml.set_alt_text(panel, "")
            oxml.send_to_back(panel)
        asset = self.talk.theme.title_background
        image = self.images.prepare(asset.file, (width * 2 * SCREEN_DPI // EMU_PER_INCH, height * 2 * SCREEN_DPI // EMU_PER_INCH))
        picture = slide.shapes.add_picture(io.BytesIO(image.data), 0, 0, width, height)
        _crop_to(picture, image.width / image.height, width / height)
        picture.name = "Title background"
        oxml.set_alt_text(picture, "")  # decorative
        oxml.send_to_back(picture)

    def _agenda(self, planned: PlannedSlide):
        slide = self._new_slide("agenda")
        self._set_title(slide, (Span(labels.AGENDA_TITLE),))
        bodies = body_placeholders(slide)
        area = self._area_of(bodies[0] if bodies else None)
        for body in bodies:
            delete_shape(body)
        header = list(labels.AGENDA_HEADER)
        rows = []
        for segment_plan in self.plan.segments:
            segment = segment_plan.segment
            clock_range = labels.clock_range(segment_plan.start, segment_plan.end)
            rows.append([clock_range, segment.title, labels.lead(self.talk, segment)])
        self._table(slide, area, header, rows, widths=(0.17, 0.55, 0.28), size=22)
        return slide

    def _section(self, planned: PlannedSlide):
        segment = self.plan.segment_of(planned).segment
        slide = self._new_slide("section")
        self._set_title(slide, (Span(segment.title),))
        detail = labels.section_detail(self.talk, segment)
        self._fill_body(slide, 0, [Para((Span(detail),), 24)], explicit_sizes=True)
        return slide

    # --- content slides ---------------------------------------------------------

    def _content(self, planned: PlannedSlide):
        slide_model = planned.slide
        layout = slide_model.layout
        has_columns = any(isinstance(b, Columns) for b in slide_model.body)
        if layout == "content" and has_columns:
            layout = "two-column"  # `:::: columns` on a content slide
        slide = self._new_slide(layout)
        if self.talk.theme.logo is not None:
            self._logo(slide)  # first: the title gives way to it, and is fitted in what is left
        if layout != "blank":
            self._set_title(slide, slide_model.title, source=slide_model)
        if layout == "two-column":
            self._two_columns(slide, slide_model)
        elif layout == "image":
            self._image(slide, slide_model)
        elif layout == "quote":
            self._quote(slide, slide_model)
        elif layout == "blank":
            margin = int(Inches(0.6))
            area = Rect(margin, margin, int(self.prs.slide_width) - 2 * margin, int(self.prs.slide_height) - 2 * margin)
            self._place(slide, None, area, slide_model.body, slide_model)
        elif layout == "content":
            bodies = body_placeholders(slide)
            area = self._area_of(bodies[0] if bodies else None)
            self._place(slide, bodies[0] if bodies else None, area, slide_model.body, slide_model)
        self._clear_unused(slide)
        self._footer(slide, planned)
        if self.talk.theme.progress_bar:
            self._progress_bar(slide, planned)
        return slide

    def _logo(self, slide) -> None:
        """The logo at the top right, level with the title, which gives way to it."""
        if self._logo_stamp is None:
            asset = self.talk.theme.logo
            image = self.images.prepare(
                asset.file, (LOGO_HEIGHT * 8 * SCREEN_DPI // EMU_PER_INCH, LOGO_HEIGHT * 2 * SCREEN_DPI // EMU_PER_INCH)
            )
            width = int(LOGO_HEIGHT * image.width / image.height)
            shape = slide.shapes.add_picture(io.BytesIO(image.data), 0, 0, width, LOGO_HEIGHT)
            shape.name = "Logo"
            oxml.set_alt_text(shape, f"{self.talk.title} logo")
            image_part = shape.part.related_part(shape._element.blipFill.blip.rEmbed)
            self._logo_stamp = (copy.deepcopy(shape._element), image_part)
        else:
            element, image_part = self._logo_stamp
            shape = PictureShape(self._stamp(slide, element), slide.shapes)
            shape._element.blipFill.blip.set(qn("r:embed"), slide.part.relate_to(image_part, RT.IMAGE))
        width, height = shape.width, shape.height
        right = self.content_area.right
        title = title_placeholder(slide)
        top = int(Inches(0.4))
        if title is not None:
            box = self.box(title)
            top = box.bottom - height - int(Inches(0.1))  # level with the title's text line
            if box.right > right - width - GAP:
                # Setting one dimension of an inherited position would zero the others.
                title.left, title.top, title.height = box.left, box.top, box.height
                title.width = max(int(Inches(2)), right - width - GAP - box.left)
        shape.left, shape.top = right - width, top

    def _progress_bar(self, slide, planned: PlannedSlide) -> None:
        """A thin bar along the bottom edge: how much of the session has gone."""
        elapsed = planned.start / self.plan.total if self.plan.total else 0.0
        if self._progress_stamps is None:
            height = int(Inches(0.07))
            top, width = int(self.prs.slide_height) - height, int(self.prs.slide_width)
            stamps = []
            for name, color in (("Progress track", RGBColor.from_string(PROGRESS_TRACK)), ("Progress", self.accent)):
                shape = slide.shapes.add_shape(MSO_SHAPE.RECTANGLE, 0, top, width, height)
                shape.fill.solid()
                shape.fill.fore_color.rgb = color
                shape.line.fill.background()
                shape.shadow.inherit = False
                shape.name = name
                stamps.append(copy.deepcopy(shape._element))
                shape._element.getparent().remove(shape._element)
            self._progress_stamps = stamps
        track, bar = self._progress_stamps
        shapes = [self._stamp(slide, track)]
        if elapsed > 0:
            shapes.append(self._stamp(slide, bar))
            shapes[-1].spPr.find(f"{qn('a:xfrm')}/{qn('a:ext')}").set("cx", str(max(1, int(self.prs.slide_width * elapsed))))
        for element in shapes:
            element.find(f"{qn('p:nvSpPr')}/{qn('p:cNvPr')}").set("descr", f"{elapsed:.0%} of the session has passed")

    def _stamp(self, slide, element):
        """A copy of a shape made once for the whole deck, with an id of this slide."""
        copied = copy.deepcopy(element)
        tree = slide.shapes._spTree
        ids = [int(e.get("id")) for e in tree.iter(qn("p:cNvPr"))]
        copied[0].find(qn("p:cNvPr")).set("id", str(max(ids, default=1) + 1))
        tree.append(copied)
        return copied

    def _two_columns(self, slide, model: Slide) -> None:
        bodies = body_placeholders(slide)
        areas = [self.box(b) for b in bodies[:2]]
        if len(areas) < 2 or not all(a.usable for a in areas):
            areas = self.content_area.split_columns(2, int(Inches(0.5)))
        columns_block = next((b for b in model.body if isinstance(b, Columns)), None)
        if columns_block is not None:
            others = [b for b in model.body if b is not columns_block]
            columns = [list(c) for c in columns_block.columns] + [[], []]
            columns[0] = others + columns[0] if others else columns[0]
        else:
            texts = [b for b in model.body if not isinstance(b, (Picture, Table))]
            visuals = [b for b in model.body if isinstance(b, (Picture, Table))]
            if visuals:
                columns = [texts, visuals]
            else:
                half = (len(texts) + 1) // 2
                columns = [texts[:half], texts[half:]]
        for index in range(2):
            placeholder = bodies[index] if index < len(bodies) else None
            self._place(slide, placeholder, areas[index], columns[index], model)

    def _image(self, slide, model: Slide) -> None:
        pictures = model.pictures()
        texts = [b for b in model.body if not isinstance(b, (Picture, Table, Columns))]
        area = self.content_area
        if texts:
            paras = paras_from_blocks(texts, (20.0, 20.0, 20.0))
            caption_height = min(int(Inches(1.2)), area.height // 4)
            picture_area, caption_area = area.take_top(area.height - caption_height - GAP, GAP)
            box = slide.shapes.add_textbox(caption_area.left, caption_area.top, caption_area.width, caption_area.height)
            self._write_fitted(box.text_frame, paras, caption_area, model, explicit_sizes=True)
        else:
            picture_area = area
        self._pictures(slide, picture_area, pictures)

    def _quote(self, slide, model: Slide) -> None:
        quotes = [b for b in model.body if isinstance(b, Quote)]
        rest = [b for b in model.body if not isinstance(b, Quote)]
        paras = []
        for quote in quotes:
            for para in paras_from_blocks(quote.blocks, (34.0, 30.0, 26.0)):
                para.italic = True
                paras.append(para)
        for para in paras_from_blocks(rest, (24.0, 22.0, 20.0)):
            para.align = "r"
            paras.append(para)
        area = self.content_area
        inset = int(Inches(0.6))
        area = Rect(area.left + inset, area.top, area.width - 2 * inset, area.height)
        box = slide.shapes.add_textbox(area.left, area.top, area.width, area.height)
        box.text_frame.vertical_anchor = MSO_ANCHOR.MIDDLE
        self._write_fitted(box.text_frame, paras, area, model, explicit_sizes=True)
        bar = slide.shapes.add_shape(MSO_SHAPE.RECTANGLE, area.left - int(Inches(0.3)), area.top + area.height // 4, int(Inches(0.08)), area.height // 2)
        bar.fill.solid()
        bar.fill.fore_color.rgb = self.accent
        bar.line.fill.background()
        bar.shadow.inherit = False
        bar.name = "Quote rule"
        oxml.set_alt_text(bar, "")

    # --- placing blocks in an area -----------------------------------------------

    def _place(self, slide, placeholder, area: Rect, blocks: list, model: Slide) -> None:
        """Text, pictures and tables of `blocks` inside `area`.

        Text goes into the placeholder when there is one; pictures sit beside
        the text in a wide area and below it in a narrow one; tables go below.
        """
        nested = [b for b in blocks if isinstance(b, Columns)]
        if nested:  # columns inside a column: lay them out side by side
            for column, sub_area in zip(nested[0].columns, area.split_columns(2, GAP)):
                self._place(slide, None, sub_area, column, model)
            blocks = [b for b in blocks if not isinstance(b, Columns)]
            if not blocks:
                if placeholder is not None:
                    delete_shape(placeholder)
                return
        texts = [b for b in blocks if not isinstance(b, (Picture, Table))]
        pictures = [b for b in blocks if isinstance(b, Picture)]
        tables = [b for b in blocks if isinstance(b, Table)]
        paras = paras_from_blocks(texts, self.type.body)
        if not paras:
            if placeholder is not None:
                delete_shape(placeholder)
            self._visuals(slide, area, pictures, tables, model)
            return
        text_area = area
        if pictures and not tables and area.width > 1.4 * area.height:
            text_area, visual_area = area.split_columns(2, GAP)
            self._visuals(slide, visual_area, pictures, [], model)
        elif pictures or tables:
            needed = estimate_height(paras, area.width, 1.0)
            text_height = min(needed, area.height // 2)
            text_area, visual_area = area.take_top(text_height, GAP // 2)
            self._visuals(slide, visual_area, pictures, tables, model)
        if placeholder is None:
            shape = slide.shapes.add_textbox(text_area.left, text_area.top, text_area.width, text_area.height)
            self._write_fitted(shape.text_frame, paras, text_area, model, explicit_sizes=True)
        else:
            if self.box(placeholder) != text_area:
                placeholder.left, placeholder.top = text_area.left, text_area.top
                placeholder.width, placeholder.height = text_area.width, text_area.height  # all four: see _logo
            self._write_fitted(placeholder.text_frame, paras, text_area, model)

    def _area_of(self, placeholder) -> Rect:
        """Where a placeholder's content goes: the placeholder, unless it is degenerate."""
        if placeholder is not None and self.box(placeholder).usable:
            return self.box(placeholder)
        return self.content_area

    def _write_fitted(self, text_frame, paras: list[Para], area: Rect, model: Slide | None, explicit_sizes=False) -> None:
        scale, fits = fit_scale(paras, area.width, area.height)
        if not fits and model is not None:
            self.report.warning(
                model.source.path,
                model.source.line,
                f"the text of slide {model.title_text!r} may not fit its box even at {MIN_PT:g} pt; shorten it or split the slide",
            )
        write_paras(text_frame, paras, scale, explicit_sizes=explicit_sizes)

    def _visuals(self, slide, area: Rect, pictures: list[Picture], tables: list[Table], model: Slide) -> None:
        items = len(tables) + (1 if pictures else 0)
        if not items:
            return
        share = (area.height - GAP * (items - 1)) // items
        top = area.top
        if pictures:
            self._pictures(slide, Rect(area.left, top, area.width, share), pictures)
            top += share + GAP
        for table in tables:
            self._table(
                slide,
                Rect(area.left, top, area.width, share),
                table.header,
                table.rows,
                size=self.type.body[1],
                align=table.align,
                source=model,
            )
            top += share + GAP

    def _pictures(self, slide, area: Rect, pictures: list[Picture]) -> None:
        if not pictures:
            return
        for picture, cell in zip(pictures, area.split_columns(len(pictures), GAP)):
            self._picture(slide, cell, picture)

    def _picture(self, slide, area: Rect, picture: Picture) -> None:
        """Place a picture now; its pixels are prepared later, all pictures at once, in parallel."""
        max_px = (
            area.width * PICTURE_OVERSAMPLE * SCREEN_DPI // EMU_PER_INCH,
            area.height * PICTURE_OVERSAMPLE * SCREEN_DPI // EMU_PER_INCH,
        )
        width_px, height_px = picture.asset.pixels or (1, 1)
        aspect = width_px / height_px
        if picture.fit == "cover":
            shape = slide.shapes.add_picture(io.BytesIO(self.pictures.stand_in), area.left, area.top, area.width, area.height)
            _crop_to(shape, aspect, area.width / area.height)
        else:
            width, height = area.width, int(area.width / aspect)
            if height > area.height:
                width, height = int(area.height * aspect), area.height
            left = area.left + (area.width - width) // 2
            top = area.top + (area.height - height) // 2
            shape = slide.shapes.add_picture(io.BytesIO(self.pictures.stand_in), left, top, width, height)
        shape.name = f"Picture {picture.asset.path}"
        oxml.set_alt_text(shape, picture.alt)
        self.pictures.add(shape, picture.asset.file, max_px)

    def _table(self, slide, area: Rect, header, rows, widths=None, size=20.0, align=None, source: Slide | None = None):
        """A native table, its type shrunk (down to 18 pt) until the rows fit the area.

        Cells are strings or inline spans.
        """
        columns = len(header)
        widths = widths or [1 / columns] * columns
        column_widths = [int(area.width * fraction) for fraction in widths]
        grid = [[(Span(v),) if isinstance(v, str) else tuple(v) for v in row] for row in [header, *rows]]
        grid = [row + [()] * (columns - len(row)) for row in grid]

        def row_heights(points: float) -> list[int]:
            return [
                max(estimate_height([Para(cell, points, bold=(r == 0))], column_widths[c], 1.0) for c, cell in enumerate(row))
                for r, row in enumerate(grid)
            ]

        size = max(size, MIN_PT)
        heights = row_heights(size)
        while sum(heights) > area.height and size > MIN_PT:
            size = max(MIN_PT, size - 2)
            heights = row_heights(size)
        if sum(heights) > area.height and source is not None:
            self.report.warning(
                source.source.path, source.source.line, f"the table on slide {source.title_text!r} may not fit even at {MIN_PT:g} pt; split it"
            )
        frame = slide.shapes.add_table(len(grid), columns, area.left, area.top, area.width, sum(heights))
        table = frame.table
        for column, width in zip(table.columns, column_widths):
            column.width = width
        # One pass over the rows' elements: python-pptx's row sequence re-lists
        # every row on each step, which is quadratic in a long table.
        for r, (table_row, row) in enumerate(zip((_Row(tr, table) for tr in table._tbl.tr_lst), grid)):
            table_row.height = heights[r]
            for c, (cell, spans) in enumerate(zip(table_row.cells, row)):
                para = Para(spans, size, bold=(r == 0))
                if align and c < len(align) and align[c] in ("center", "right"):
                    para.align = "ctr" if align[c] == "center" else "r"
                write_paras(cell.text_frame, [para], explicit_sizes=True)
                cell.vertical_anchor = MSO_ANCHOR.MIDDLE
        frame.name = "Table"
        return frame

    # --- titles, bodies, footers ---------------------------------------------------

    def _set_title(self, slide, inline, source: Slide | None = None) -> None:
        shape = title_placeholder(slide)
        if shape is None:
            return
        paras = [Para(tuple(inline), self.type.title)]
        self._write_fitted(shape.text_frame, paras, self.box(shape), source)

    def _fill_body(self, slide, index: int, paras: list[Para], explicit_sizes: bool) -> None:
        bodies = body_placeholders(slide)
        if index >= len(bodies):
            area = self.content_area
            shape = slide.shapes.add_textbox(area.left, area.top, area.width, area.height)
            frame = shape.text_frame
        else:
            shape = bodies[index]
            area = self._area_of(shape)
            frame = shape.text_frame
        write_paras(frame, paras, fit_scale(paras, area.width, area.height)[0], explicit_sizes=explicit_sizes)

    def _clear_unused(self, slide) -> None:
        """Empty placeholders would show 'Click to add text' in PowerPoint."""
        for _, _, shape in placeholders(slide):
            if not shape.text_frame.text.strip():
                delete_shape(shape)

    def _footer(self, slide, planned: PlannedSlide) -> None:
        """Slide number and talk title, from the layout's own footer placeholders."""
        for template in self._footer_shapes(slide):
            element = self._stamp(slide, template)
            kind = element.find(PLACEHOLDER_PATH).get("type")
            paragraph = element.find(f"{qn('p:txBody')}/{qn('a:p')}")
            if kind == "sldNum":
                oxml.slide_number_field(paragraph, planned.number)
            else:
                run = etree.SubElement(paragraph, qn("a:r"))
                etree.SubElement(run, qn("a:rPr"), lang="en-US")
                etree.SubElement(run, qn("a:t")).text = self.talk.title

    def _footer_shapes(self, slide) -> list:
        """Empty copies of a layout's footer and slide-number placeholders, made once per layout."""
        layout_part = slide.part.part_related_by(RT.SLIDE_LAYOUT)
        key = str(layout_part.partname)
        if key not in self._footers:
            master_styles = {
                kind: shape._element.find(f"{qn('p:txBody')}/{qn('a:lstStyle')}")
                for kind, _, shape in placeholders(self.prs.slide_master)
                if kind in ("ftr", "sldNum")
            }
            found = []
            for kind, _, shape in placeholders(layout_part.slide_layout):
                if kind not in ("ftr", "sldNum"):
                    continue
                element = copy.deepcopy(shape._element)
                sp_pr = element.find(qn("p:spPr"))
                for child in list(sp_pr):
                    sp_pr.remove(child)  # position and look come from the layout
                body = element.find(qn("p:txBody"))
                for paragraph in body.findall(qn("a:p")):
                    body.remove(paragraph)
                etree.SubElement(body, qn("a:p"))
                # LibreOffice does not inherit a footer's text style from the master,
                # so the slide's copy carries the master's list style itself.
                if master_styles.get(kind) is not None:
                    body.replace(body.find(qn("a:lstStyle")), copy.deepcopy(master_styles[kind]))
                found.append(element)
            self._footers[key] = found
        return self._footers[key]

    # --- notes -------------------------------------------------------------------

    def _notes(self, slide, planned: PlannedSlide) -> None:
        """The timing cue, then each notes block under a bold label, in source order."""
        paras = [Para((Span(labels.cue(self.plan, planned)),), NOTES_PT, italic=True)]
        for note in planned.slide.notes if planned.slide is not None else ():
            paras.append(Para((Span(labels.speaker(self.talk, note.speaker)),), NOTES_PT, bold=True))
            for para in paras_from_blocks(note.blocks, (NOTES_PT,) * 3):
                # Notes pages have no bullets of their own: list marks are written out.
                prefix = {"bullet": "• ", "number": f"{para.number}. "}.get(para.bullet, "")
                if prefix:
                    para.spans = (Span("   " * para.level + prefix), *para.spans)
                para.bullet, para.level = "none", 0
                paras.append(para)
        write_paras(self.parts.add_notes(slide), paras)
