"""What a content slide carries besides its body: the logo, the footer, the
progress bar, footnotes, QR codes of links, a background picture, what each
click reveals, and the order a screen reader reads it all in.
"""

from __future__ import annotations

from dataclasses import replace

from segue.diagnostics import quoted
from segue.talk import labels
from segue.talk.model import (
    Slide,
    Span,
)
from segue.talk.plan import PlannedSlide
from segue.render.pptx.arranged import (
    Background,
    ChartBox,
    CodeBox,
    OffSlideTitle,
    Target,
    FooterField,
    Item,
    Para,
    PictureBox,
    PlaceholderText,
    RectShape,
    TableBox,
    TextBox,
    TextFrame,
)
from segue.render.pptx.geometry import EMU_PER_INCH, EMU_PER_POINT, LayoutSpec, Rect, inches
from segue.render.pptx.text import (
    INSET,
    LEVEL_INDENT,
    estimate_height,
    paras_from_blocks,
    text_width,
)
from segue.render.pptx.arrange.measures import GAP, QR_SIZE, QR_CAPTION, QR_CAPTION_WIDTH, QR_CAPTION_PT, QR_PIXELS, MAX_QR_CODES, PROGRESS_TRACK, PROGRESS_HEIGHT, PANEL, PANEL_OPACITY, PANEL_MARGIN, LOGO_HEIGHT, LOGO_MARGIN, LOGO_TOP, TITLE_MIN_WIDTH, SCREEN_DPI, FOOTNOTE_PT
from segue.render.pptx.arrange.draft import SlideDraft, around, aspect_of, body_spans, cover_crop, pixels_for


class Furniture:
    """The logo, footers, progress bar, footnotes, QR codes, backgrounds and clicks. Mixed into `Arranger`: its methods use the arranger's `talk`, `plan`, `stage`,
    `report`, `type`, `content_area`, `reveal`, `reserve` and `accent`, and each
    other's."""

    def _footnotes_frame(self, slide: Slide) -> TextFrame | None:
        """The footnotes the slide's body refers to, small, at the foot of the content area."""
        shown = {span.footnote for span in body_spans(slide.body) if span.footnote is not None}
        paras = []
        for footnote in slide.footnotes:
            if footnote.number not in shown:
                continue
            for index, para in enumerate(paras_from_blocks(footnote.blocks, (FOOTNOTE_PT,) * 3)):
                marker = (Span(f"{footnote.number} ", script="super"),) if index == 0 else ()
                paras.append(replace(para, spans=(*marker, *para.spans), bullet="none", level=0))
        if not paras:
            return None
        area = self.content_area
        height = min(estimate_height(paras, area.width, 1.0, self.type.measure), area.height // 3)
        bottom = area.bottom - self.reserve  # above the QR codes, if any
        self.reserve += height + GAP // 2
        self._footnote_box = Rect(area.left, bottom - height, area.width, height)
        return self._fitted(paras, self._footnote_box, slide, explicit_sizes=True)

    def _qr_codes(self, slide: Slide) -> list[str]:
        """The addresses of the slide's `{qr}` links, which get a strip at the foot of
        the content area: each code with its address printed under it."""
        addresses = []
        for span in body_spans(slide.body):
            if not span.qr or not span.href or span.href in addresses:
                continue
            if not span.href.startswith(labels.WEB_SCHEMES):
                self.report.warning(
                    slide.source.path, slide.source.line, f"{{qr}} after a link to {quoted(span.href)}: only web and mail addresses get a QR code"
                )
                continue
            addresses.append(span.href)
        if len(addresses) > MAX_QR_CODES:
            self.report.warning(
                slide.source.path,
                slide.source.line,
                f"{len(addresses)} links with {{qr}} on slide {quoted(slide.title_text)}; the first {MAX_QR_CODES} get a QR code",
            )
            addresses = addresses[:MAX_QR_CODES]
        if addresses:
            self.reserve += QR_SIZE + QR_CAPTION + GAP // 2
        return addresses

    def _place_qr_codes(self, draft: SlideDraft, addresses: list[str]) -> None:
        area = self.content_area
        top = area.bottom - QR_SIZE - QR_CAPTION
        width = min(QR_CAPTION_WIDTH, (area.width - GAP * (len(addresses) - 1)) // len(addresses))
        for index, address in enumerate(reversed(addresses)):  # from the right
            right = area.right - index * (width + GAP)
            code = Rect(right - width + (width - QR_SIZE) // 2, top, QR_SIZE, QR_SIZE)
            caption = Rect(right - width, top + QR_SIZE, width, QR_CAPTION)
            shown = labels.shown_address(address)
            draft.add(lambda i, code=code, address=address, shown=shown: PictureBox(
                i, f"QR code {i - 1}", code, None, (QR_PIXELS, QR_PIXELS), f"QR code: {shown}", "qr", qr=address
            ))
            paras = [Para((Span(shown),), QR_CAPTION_PT, align="ctr")]
            frame = self._fitted(paras, caption, None, explicit_sizes=True)
            draft.add(lambda i, caption=caption, frame=frame: TextBox(i, f"QR address {i - 1}", caption, frame))

    def _place_footnotes(self, draft: SlideDraft, frame: TextFrame) -> None:
        box = self._footnote_box
        draft.add(lambda i: TextBox(i, f"Footnotes {i - 1}", box, frame))

    def _slide_background(self, draft: SlideDraft, slide: Slide) -> None:
        """`{background=…}`: the picture fills the slide; light panels behind the text keep it
        readable, each only as large as its text needs (a text's box is cut to its text: the
        height of its lines, the width of its widest, placed as it is aligned), so the
        picture shows around and between them."""
        asset = slide.background
        whole = Rect(0, 0, self.stage.width, self.stage.height)
        draft.background = Background(asset.file, pixels_for(whole.width, whole.height), cover_crop(aspect_of(asset.pixels), whole))
        title = draft.title
        boxes = []
        for item in list(draft.items):
            if isinstance(item, PlaceholderText):
                placeholder = next(p for p in draft.layout.placeholders if p.position == item.placeholder)
                box = draft.boxes[item.placeholder]
                is_title = title is not None and placeholder.position == title.position
                paras = self._resolved(item.frame.paras, title=is_title)
                needed = box.height if is_title else min(box.height, estimate_height(paras, box.width, 1.0, self.type.measure))
                box = inked(Rect(box.left, box.top, box.width, needed), paras, self.stage.alignment[0 if is_title else 1])
                draft.fill(placeholder, item.frame, box=box)
                boxes.append(box)
            elif isinstance(item, TextBox):
                box = inked(item.box, list(item.frame.paras), "l")
                draft.items[draft.items.index(item)] = replace(item, box=box)
                boxes.append(box)
            elif isinstance(item, (TableBox, CodeBox)):
                boxes.append(item.box)
        for box in boxes:
            panel = around([box], PANEL_MARGIN).clamped(whole)
            draft.add(lambda i, panel=panel: RectShape(i, "Text panel", panel, PANEL, "", PANEL_OPACITY, behind=True))
        # The footer and slide number get a strip of panel of their own, so the picture still shows between.
        footers = [draft.layout.footers[item.footer].box for item in draft.items if isinstance(item, FooterField)]
        if footers:
            strip = around(footers, PANEL_MARGIN // 3).clamped(whole)
            draft.add(lambda i: RectShape(i, "Footer panel", strip, PANEL, "", PANEL_OPACITY, behind=True))

    def _resolved(self, paras: tuple[Para, ...], title: bool = False) -> list[Para]:
        """Paragraphs with the size the layout gives those left to it."""
        return [
            para if para.size is not None else replace(para, size=self.type.title if title else self.type.body[min(para.level, 2)])
            for para in paras
        ]

    def _clicks(self, draft: SlideDraft) -> tuple[tuple[Target, ...], ...]:
        """What each click reveals: paragraphs of text frames, one target each (as PowerPoint
        writes them: LibreOffice animates only the first paragraph of a range), or whole
        pictures, tables and code."""
        by_step: dict[int, list[Target]] = {}
        shape_of = {p.position: p.shape_id for p in draft.layout.placeholders}
        for item in draft.items:
            if isinstance(item, (PlaceholderText, TextBox)):
                shape_id = shape_of[item.placeholder] if isinstance(item, PlaceholderText) else item.shape_id
                for index, para in enumerate(item.frame.paras):
                    if para.step:
                        by_step.setdefault(para.step, []).append(Target(shape_id, (index, index)))
            elif isinstance(item, (PictureBox, TableBox, CodeBox, ChartBox)) and item.step:
                by_step.setdefault(item.step, []).append(Target(item.shape_id))
        return tuple(tuple(by_step[step]) for step in sorted(by_step))

    def _logo(self, draft: SlideDraft) -> None:
        """The logo at the top right, level with the title, which gives way to it."""
        asset = self.talk.theme.logo
        height = LOGO_HEIGHT
        right = self.content_area.right
        top = LOGO_TOP
        title = draft.title
        if title is not None:
            box = draft.boxes[title.position]
            top = box.bottom - LOGO_HEIGHT - inches(0.1)  # level with the title's text line
            if top < LOGO_MARGIN:  # a title band too near the slide's edge: the logo fits inside it
                height = min(LOGO_HEIGHT, box.height)
                top = max(0, box.top + (box.height - height) // 2)
        width = int(height * aspect_of(asset.pixels))
        if title is not None and box.right > right - width - GAP:
            draft.move(title, Rect(box.left, box.top, max(TITLE_MIN_WIDTH, right - width - GAP - box.left), box.height))
        box = Rect(right - width, top, width, height)
        max_pixels = (LOGO_HEIGHT * 8 * SCREEN_DPI // EMU_PER_INCH, LOGO_HEIGHT * 2 * SCREEN_DPI // EMU_PER_INCH)
        # Described once, on the first slide that shows it: a screen reader need not hear it on every slide.
        alt = "" if self.logo_described else labels.logo(self.talk)
        self.logo_described = True
        draft.add(lambda i: PictureBox(i, "Logo", box, asset.file, max_pixels, alt, "logo"))

    def _progress_bar(self, draft: SlideDraft, planned: PlannedSlide) -> None:
        """A thin bar along the bottom edge: how much of the session has gone. It is there
        for the eye, to pace the talk; to a screen reader it is decoration."""
        elapsed = planned.start / self.plan.total if self.plan.total else 0.0
        top, width = self.stage.height - PROGRESS_HEIGHT, self.stage.width
        track = Rect(0, top, width, PROGRESS_HEIGHT)
        draft.add(lambda i: RectShape(i, "Progress track", track, PROGRESS_TRACK))
        if elapsed > 0:
            bar = Rect(0, top, max(1, int(width * elapsed)), PROGRESS_HEIGHT)
            draft.add(lambda i: RectShape(i, "Progress", bar, self.accent))

    def _footer(self, draft: SlideDraft, planned: PlannedSlide) -> None:
        """Slide number and talk title, in copies of the layout's own footer placeholders."""
        slide = Rect(0, 0, self.stage.width, self.stage.height)
        for index, placeholder in enumerate(draft.layout.footers):
            if not placeholder.box.inside(slide):
                continue  # a template whose layouts were made for another slide size
            if placeholder.kind == "sldNum":
                draft.add(lambda i: FooterField(i, "sldNum", index, number=planned.number))
            else:
                draft.add(lambda i: FooterField(i, placeholder.kind, index, text=self.talk.title))


def inked(box: Rect, paras: list[Para], alignment: str) -> Rect:
    """The part of a text's box its lines take: as wide as its widest line (a paragraph
    that wraps takes the whole width), placed as the text is aligned."""
    widest = 0
    for para in paras:
        size = para.size or FOOTNOTE_PT
        indent = (para.level + (1 if para.bullet != "none" else 0)) * LEVEL_INDENT + (para.indent or 0)
        factor = 1.06 if para.bold else 1.0
        for line in para.text.split("\n"):
            widest = max(widest, int(text_width(line, para.mono) * factor * size * EMU_PER_POINT) + indent)
    width = min(box.width, widest + 2 * INSET)
    align = next((para.align for para in paras if para.align), None) or alignment
    left = box.left + (box.width - width) // (2 if align == "ctr" else 1) if align in ("ctr", "r") else box.left
    return Rect(left, box.top, width, box.height)


def reading_order(items: list[Item], layout: LayoutSpec | None = None, boxes: dict[int, Rect] | None = None) -> list[Item]:
    """Items in the order a screen reader reads a slide: the title, the body (its text,
    tables and code, top to bottom, left to right), footnotes, pictures, then the furniture."""
    title = layout.title.position if layout is not None and layout.title is not None else None
    boxes = boxes or {}

    def rank(item: Item) -> tuple:
        if isinstance(item, OffSlideTitle):
            return (0, 0, 0)
        if isinstance(item, PlaceholderText):
            box = item.box or boxes.get(item.placeholder)
            if item.placeholder == title or box is None:
                return (0, item.placeholder, 0)
            return (1, box.top, box.left)
        if isinstance(item, TextBox) and item.name.startswith("Footnotes"):
            return (2, 0, 0)
        if isinstance(item, (TextBox, TableBox, CodeBox, ChartBox)):
            return (1, item.box.top, item.box.left)
        if isinstance(item, PictureBox) and item.role == "content":
            return (3, item.box.top, item.box.left)
        return (4, 0, 0)

    return sorted(items, key=rank)
