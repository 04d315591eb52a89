"""Serialise an arranged deck into the opened presentation, and save it.

Each arranged item becomes the shape PowerPoint expects, in the order the
arranger listed them; nothing is decided here. Furniture that repeats on
every slide (the logo, footers, plain rectangles) is made once and copied,
and content pictures are prepared together at the end, on every core.
"""

from __future__ import annotations

import copy
import io

from lxml import etree
from pptx.dml.color import RGBColor
from pptx.enum.shapes import MSO_SHAPE
from pptx.enum.text import MSO_ANCHOR, MSO_AUTO_SIZE
from pptx.opc.constants import RELATIONSHIP_TYPE as RT
from segue.render.pptx.write.oxml import qn
from pptx.oxml.shapes.picture import CT_Picture
from pptx.enum.shapes import PP_PLACEHOLDER
from pptx.oxml.shapes.autoshape import CT_Shape
from pptx.shapes.autoshape import Shape
from pptx.shapes.picture import Picture as PictureShape

from segue.media.pictures import ImageCache
from segue.media.qr import qr_png
from segue.render.pptx.arranged import (
    ArrangedDeck,
    ArrangedSlide,
    Background,
    ChartBox,
    CodeBox,
    OffSlideTitle,
    Crop,
    FooterField,
    PictureBox,
    PlaceholderText,
    RectShape,
    TableBox,
    TextBox,
    TextFrame,
)
from segue.render.pptx.write import internals, oxml
from segue.render.pptx.write.package import DeckParts, PendingPictures
from segue.render.pptx.write.parts import keep_allowed_parts
from segue.render.pptx.write.omml import wrap_shapes_with_math
from segue.render.pptx.write.runs import write_code, write_paras
from segue.render.pptx.write.stage import placeholders
from segue.render.pptx.write.template import Opened
from segue.render.pptx.write.vector import SvgParts
from segue.render.pptx.write.charts import add_chart


BODY_TEXT_IDX = 1000  # placeholder numbers of body text shapes of our own, past any layout's
TEXT_BOX_MARGINS = {"lIns": 91440, "rIns": 91440, "tIns": 45720, "bIns": 45720}  # EMU: a text box's (0.1 in, 0.05 in)


class DeckWriter:
    def __init__(self, opened: Opened, images: ImageCache, progress=None) -> None:
        self.opened = opened
        self.prs = opened.prs
        self.images = images
        self.progress = progress
        self.parts = DeckParts(self.prs)
        self.svgs = SvgParts()
        self.pictures = PendingPictures(self.svgs)
        self._logo = None  # (picture element, image part, SVG or None), made on the first slide with the logo
        self._rectangles: dict[tuple, object] = {}  # (colour, opacity) -> a styled rectangle element
        self._footers: dict[str, list] = {}  # layout partname -> empty footer placeholder elements
        self._writers = {
            PlaceholderText: self._placeholder_text,
            TextBox: self._text_box,
            PictureBox: self._picture,
            TableBox: self._table,
            RectShape: self._rectangle,
            FooterField: self._footer,
            CodeBox: self._code,
            OffSlideTitle: self._off_slide_title,
            ChartBox: self._chart,
        }

    def write(self, deck: ArrangedDeck) -> bytes:
        self.lang = deck.lang
        self.when = deck.properties.when
        for arranged in deck.slides:
            slide = self.parts.add_slide(self.opened.layouts[arranged.layout])
            self._slide(slide, arranged)
            if arranged.notes is not None:
                write_paras(self.parts.add_notes(slide), arranged.notes, self.lang)
            if arranged.advance_ms is not None:
                oxml.set_advance(slide.element, arranged.advance_ms)
            if arranged.clicks:
                oxml.set_clicks(slide.element, arranged.clicks, self._text_shapes(slide))
            if self.progress is not None:
                self.progress.advance()
        self.pictures.fill(self.images)
        slide_ids = [int(slide_id.get("id")) for slide_id in self.parts.slide_ids]
        sections = [(name, [slide_ids[number - 1] for number in numbers]) for name, numbers in deck.sections]
        oxml.set_sections(self.prs.element, sections, deck.seed)
        oxml.reset_properties_parts(self.prs)
        oxml.set_use_timings(self.prs, deck.use_timings)
        notes = sum(1 for arranged in deck.slides if arranged.notes is not None)
        oxml.set_notes_master_list(self.prs, keep=notes > 0)
        oxml.set_app_properties(self.prs, slides=len(deck.slides), notes=notes)
        keep_allowed_parts(self.prs)
        self._properties(deck)
        return oxml.save(self.prs, deck.properties.when)

    def _properties(self, deck: ArrangedDeck) -> None:
        """Only what the talk says of itself: nothing a template or a tool left behind."""
        props = self.prs.core_properties
        internals.clear_core_properties(props)
        props.title = deck.properties.title
        if deck.properties.subject:
            props.subject = deck.properties.subject
        if deck.properties.author:
            props.author = deck.properties.author
        props.revision = 1
        props.created = deck.properties.when
        props.modified = deck.properties.when

    # --- one slide -------------------------------------------------------------------

    def _slide(self, slide, arranged: ArrangedSlide) -> None:
        tree = slide.shapes.element
        self._placeholders = {}
        for position, (_, _, element) in enumerate(placeholders(slide)):
            if position in arranged.placeholders:
                self._placeholders[position] = element
            else:
                tree.remove(element)
        if arranged.background is not None:
            self._background(slide, arranged.background)
        for item in arranged.items:
            writer = self._writers.get(type(item))
            if writer is None:
                raise TypeError(f"no writer for {type(item).__name__}")
            writer(slide, item)
        wrap_shapes_with_math(tree)

    @staticmethod
    def _text_shapes(slide) -> set[int]:
        """Ids of the slide's shapes that hold text (their clicks build by paragraph)."""
        tree = slide.shapes.element
        return {
            int(oxml.non_visual_properties(element).get("id"))
            for element in tree.iter(qn("p:sp"))
            if element.find(qn("p:txBody")) is not None
        }

    def _background(self, slide, background: Background) -> None:
        """A picture filling the slide's background, cropped to the slide's proportions."""
        image = self.images.prepare(background.file, background.max_pixels)
        _, rid = slide.part.get_or_add_image_part(io.BytesIO(image.data))
        oxml.set_picture_background(slide.element, rid, background.crop)

    @staticmethod
    def _identify(element, shape_id: int, name: str | None = None, description: str | None = None) -> None:
        """A shape's id and name, and its alt text; an empty one marks it as decoration
        (a panel, a rule, the progress bar, the logo after its first slide)."""
        properties = oxml.non_visual_properties(element)
        properties.set("id", str(shape_id))
        if name is not None:
            properties.set("name", name)
        if description:
            properties.set("descr", description)
        elif description is not None:
            oxml.mark_decorative(element)

    def _frame(self, text_frame, frame: TextFrame, own_bullets: bool = False) -> None:
        if frame.anchor == "ctr":
            text_frame.vertical_anchor = MSO_ANCHOR.MIDDLE
        write_paras(text_frame, frame.paras, self.lang, own_bullets, numbers_in_text_font=self.opened.template, color=frame.color)

    def _placeholder_text(self, slide, item: PlaceholderText) -> None:
        shape = Shape(self._placeholders[item.placeholder], slide.shapes)
        if item.box is not None:
            # All four: setting one dimension of an inherited position would zero the others.
            shape.left, shape.top = item.box.left, item.box.top
            shape.width, shape.height = item.box.width, item.box.height
        self._frame(shape.text_frame, item.frame)

    def _text_box(self, slide, item: TextBox) -> None:
        box = item.box
        if item.body:
            self._body_text(slide, item)
            return
        shape = slide.shapes.add_textbox(box.left, box.top, box.width, box.height)
        self._identify(shape.element, item.shape_id, item.name)
        # The box keeps the size it was fitted to when the text is edited; text
        # added later shrinks to fit, as in a body placeholder.
        shape.text_frame.auto_size = MSO_AUTO_SIZE.TEXT_TO_FIT_SHAPE
        self._frame(shape.text_frame, item.frame, own_bullets=True)

    def _picture(self, slide, item: PictureBox) -> None:
        box = item.box
        if item.role == "logo":
            self._stamp_logo(slide, item)
            return
        if item.role in ("background", "qr"):
            data = qr_png(item.qr, item.max_pixels[0]) if item.role == "qr" else self.images.prepare(item.file, item.max_pixels).data
            shape = slide.shapes.add_picture(io.BytesIO(data), box.left, box.top, box.width, box.height)
        else:  # content: its image is related once every picture of the deck is prepared
            element = CT_Picture.new_pic(item.shape_id, item.name, item.alt, "", box.left, box.top, box.width, box.height)
            slide.shapes.element.append(element)
            shape = PictureShape(element, slide.shapes)
            self.pictures.add(element, slide.part, item.file, item.max_pixels)
        _crop(shape, item.crop)
        self._identify(shape.element, item.shape_id, item.name, item.alt)
        if item.behind:
            oxml.send_to_back(shape.element)

    def _stamp_logo(self, slide, item: PictureBox) -> None:
        """The logo is the same on every slide: prepared and placed once, then copied."""
        box = item.box
        if self._logo is None:
            image = self.images.prepare(item.file, item.max_pixels)
            shape = slide.shapes.add_picture(io.BytesIO(image.data), box.left, box.top, box.width, box.height)
            self._identify(shape.element, item.shape_id, item.name, item.alt)
            if image.svg is not None:
                self.svgs.show(shape.element.blipFill.blip, slide.part, image.svg)
            self._logo = (copy.deepcopy(shape.element), shape.part.related_part(shape.element.blipFill.blip.rEmbed), image.svg)
            return
        element, image_part, svg = self._logo
        copied = copy.deepcopy(element)
        slide.shapes.element.append(copied)
        self._identify(copied, item.shape_id, item.name, item.alt)
        copied.blipFill.blip.set(qn("r:embed"), slide.part.relate_to(image_part, RT.IMAGE))
        if svg is not None:
            self.svgs.show(copied.blipFill.blip, slide.part, svg)
        offset = copied.spPr.find(f"{qn('a:xfrm')}/{qn('a:off')}")
        offset.set("x", str(box.left))
        offset.set("y", str(box.top))
        extent = copied.spPr.find(f"{qn('a:xfrm')}/{qn('a:ext')}")
        extent.set("cx", str(box.width))
        extent.set("cy", str(box.height))

    def _table(self, slide, item: TableBox) -> None:
        box = item.box
        rows, columns = len(item.row_heights), len(item.column_widths)
        frame = slide.shapes.add_table(rows, columns, box.left, box.top, box.width, box.height)
        table = frame.table
        for column, width in zip(table.columns, item.column_widths):
            column.width = width
        for row, height, cells in zip(internals.table_rows(table), item.row_heights, item.cells):
            internals.set_row_height(row, height)
            for cell, para in zip(row.cells, cells):
                write_paras(cell.text_frame, (para,), self.lang)
                cell.vertical_anchor = MSO_ANCHOR.MIDDLE
        self._identify(frame.element, item.shape_id, item.name)

    def _body_text(self, slide, item: TextBox) -> None:
        """Body text of its own (after a table, code or picture): a body placeholder with
        a number no layout placeholder has, so it takes the master's body style (bullets,
        colours, sizes) in every application, at the position the arrangement gave it."""
        element = CT_Shape.new_placeholder_sp(item.shape_id, item.name, PP_PLACEHOLDER.BODY, "horz", "full", BODY_TEXT_IDX + item.shape_id)
        slide.shapes.element.append(element)
        shape = Shape(element, slide.shapes)
        box = item.box
        shape.left, shape.top = box.left, box.top
        shape.width, shape.height = box.width, box.height
        # A text box's margins, as the arrangement measured it with (a master's may be none);
        # stated, since python-pptx leaves out a margin equal to the default.
        properties = element.find(f"{qn('p:txBody')}/{qn('a:bodyPr')}")
        for side, margin in TEXT_BOX_MARGINS.items():
            properties.set(side, str(margin))
        self._frame(shape.text_frame, item.frame)

    def _chart(self, slide, item: ChartBox) -> None:
        frame = add_chart(slide, item, self.when)
        self._identify(frame.element, item.shape_id, item.name, item.alt)

    def _off_slide_title(self, slide, item: OffSlideTitle) -> None:
        """A title placeholder above the slide: the slide's name for screen readers, unseen."""
        element = CT_Shape.new_placeholder_sp(item.shape_id, "Title", PP_PLACEHOLDER.TITLE, "horz", "full", 0)
        slide.shapes.element.append(element)
        shape = Shape(element, slide.shapes)
        box = item.box
        shape.left, shape.top = box.left, box.top
        shape.width, shape.height = box.width, box.height
        self._frame(shape.text_frame, item.frame)

    def _code(self, slide, item: CodeBox) -> None:
        """Code in a shaded box: monospace, each token in its colour."""
        box = item.box
        shape = slide.shapes.add_textbox(box.left, box.top, box.width, box.height)
        self._identify(shape.element, item.shape_id, item.name)
        shape.fill.solid()
        shape.fill.fore_color.rgb = RGBColor.from_string(item.background)
        # Never shrunk on overflow: the arrangement fitted it at 18 pt or more, and left out what did not fit.
        shape.text_frame.auto_size = MSO_AUTO_SIZE.NONE
        write_code(shape.text_frame, item.lines, item.size, self.lang)

    def _rectangle(self, slide, item: RectShape) -> None:
        """A filled rectangle without outline or shadow, copied from one styled once per colour."""
        box = item.box
        key = (item.color, item.opacity)
        if key not in self._rectangles:
            shape = slide.shapes.add_shape(MSO_SHAPE.RECTANGLE, box.left, box.top, box.width, box.height)
            shape.fill.solid()
            shape.fill.fore_color.rgb = RGBColor.from_string(item.color)
            if item.opacity is not None:
                oxml.set_fill_alpha(shape, item.opacity)
            shape.line.fill.background()
            shape.shadow.inherit = False
            self._identify(shape.element, item.shape_id, item.name)
            self._rectangles[key] = copy.deepcopy(shape.element)  # before its description: each copy gets its own
            element = shape.element
        else:
            element = copy.deepcopy(self._rectangles[key])
            slide.shapes.element.append(element)
            self._identify(element, item.shape_id, item.name)
            xfrm = element.spPr.find(qn("a:xfrm"))
            xfrm.find(qn("a:off")).set("x", str(box.left))
            xfrm.find(qn("a:off")).set("y", str(box.top))
            xfrm.find(qn("a:ext")).set("cx", str(box.width))
            xfrm.find(qn("a:ext")).set("cy", str(box.height))
        self._identify(element, item.shape_id, description=item.description)
        if item.behind:
            oxml.send_to_back(element)

    def _footer(self, slide, item: FooterField) -> None:
        """A copy of the layout's footer or slide-number placeholder, with its text."""
        element = copy.deepcopy(self._footer_shapes(slide)[item.footer])
        slide.shapes.element.append(element)
        self._identify(element, item.shape_id)
        paragraph = element.find(f"{qn('p:txBody')}/{qn('a:p')}")
        if item.kind == "sldNum":
            oxml.slide_number_field(paragraph, item.number, self.lang)
        else:
            run = etree.SubElement(paragraph, qn("a:r"))
            etree.SubElement(run, qn("a:rPr"), lang=self.lang)
            etree.SubElement(run, qn("a:t")).text = item.text

    def _footer_shapes(self, slide) -> list:
        """Empty copies of a layout's footer and slide-number placeholders, made once per layout."""
        layout_part = slide.part.part_related_by(RT.SLIDE_LAYOUT)
        key = str(layout_part.partname)
        if key not in self._footers:
            master_styles = {
                kind: element.find(f"{qn('p:txBody')}/{qn('a:lstStyle')}")
                for kind, _, element in placeholders(layout_part.slide_layout.slide_master)
                if kind in ("ftr", "sldNum")
            }
            found = []
            for kind, _, element in placeholders(layout_part.slide_layout):
                if kind not in ("ftr", "sldNum"):
                    continue
                element = copy.deepcopy(element)
                sp_pr = element.find(qn("p:spPr"))
                for child in list(sp_pr):
                    sp_pr.remove(child)  # position and look come from the layout
                body = element.find(qn("p:txBody"))
                for paragraph in body.findall(qn("a:p")):
                    body.remove(paragraph)
                etree.SubElement(body, qn("a:p"))
                # LibreOffice does not inherit a footer's text style from the master,
                # so the slide's copy carries the master's list style itself.
                style = master_styles.get(kind)
                if style is not None:
                    old = body.find(qn("a:lstStyle"))
                    if old is not None:
                        body.replace(old, copy.deepcopy(style))
                    else:
                        body.insert(1, copy.deepcopy(style))
                found.append(element)
            self._footers[key] = found
        return self._footers[key]


def _crop(shape, crop: Crop | None) -> None:
    """Cut the picture to fill its box (fit=cover), as PowerPoint's crop does."""
    if crop is None:
        return
    if crop.left or crop.right:
        shape.crop_left, shape.crop_right = crop.left, crop.right
    else:
        shape.crop_top, shape.crop_bottom = crop.top, crop.bottom
