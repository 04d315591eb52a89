"""Arrange: the time plan laid out on slides, as plain values (`arranged.py`).

Every layout decision of the deck is made here and nowhere else: which
layout a slide uses, how a body is split between text, pictures and tables,
how columns are filled, where the logo sits and how the title gives way to
it, how large text can be and still fit, how pictures are fitted or
cropped, the furniture (footer, progress bar), the notes page. Problems
found on the way (text that will not fit, content a layout cannot show) are
diagnostics, so `check` reports them as `build` does.

Pure: it reads the talk, the plan and the stage (what the template offers)
and returns an `ArrangedDeck`; python-pptx is never imported.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from typing import Callable

from segue import labels
from segue.diagnostics import Diagnostics
from segue.highlight import BACKGROUND as HIGHLIGHT_BACKGROUND
from segue.highlight import highlight
from segue.model import (
    GENERATED_LAYOUTS,
    LAYOUTS,
    Block,
    CodeBlock,
    Columns,
    DefinitionList,
    Heading,
    LineBlock,
    ListBlock,
    Paragraph,
    Picture,
    Quote,
    Slide,
    Span,
    Table,
    Talk,
    iter_blocks,
)
from segue.plan import Plan, PlannedSlide
from segue.render.pptx.arranged import (
    ArrangedDeck,
    ArrangedSlide,
    Background,
    CodeBox,
    OffSlideTitle,
    Target,
    Crop,
    FooterField,
    Item,
    Para,
    PictureBox,
    PlaceholderText,
    Properties,
    RectShape,
    TableBox,
    TextBox,
    TextFrame,
)
from segue.render.pptx.geometry import EMU_PER_INCH, EMU_PER_POINT, LayoutSpec, PlaceholderSpec, Rect, Stage, inches
from segue.render.pptx.text import (
    INSET,
    LINE_HEIGHT,
    MIN_PT,
    PLAIN,
    Reveal,
    estimate_height,
    fit,
    fit_scale,
    fitted_size,
    paras_from_blocks,
    sized,
    text_width,
)

GAP = inches(0.3)
COLUMN_GAP = inches(0.5)  # between the two columns when the layout has no two bodies
SLIDE_MARGIN = inches(0.6)  # a blank slide's body keeps this far from the edges
QR_SIZE = inches(1.3)  # scannable from the middle of a room on a projected slide
QR_CAPTION = inches(0.45)
QR_CAPTION_WIDTH = inches(3.2)
QR_CAPTION_PT = 18.0  # the look's smallest size
QR_PIXELS = 600  # the code is drawn at this size; its modules stay sharp when scaled
MAX_QR_CODES = 3
NOTES_PT = 12.0
NOTES_SIZES = (12.0, 11.0, 10.0, 9.0, 8.0)  # the notes shrink so a printed notes page holds them
PROGRESS_TRACK = "E8DCCB"  # warm sand: visible on light and dark backgrounds
PROGRESS_HEIGHT = inches(0.07)
PANEL = "FAF6F0"  # behind title-slide text on a background picture
PANEL_OPACITY = 0.88
PANEL_MARGIN = inches(0.3)
LOGO_HEIGHT = inches(0.6)
LOGO_TOP = inches(0.4)  # when the layout has no title to line up with
TITLE_MIN_WIDTH = inches(2)  # a title never gives way to the logo below this width
QUOTE_INSET = inches(0.6)
QUOTE_RULE_WIDTH = inches(0.08)
PICTURE_OVERSAMPLE = 2  # pictures keep up to twice their placed size in pixels
SCREEN_DPI = 96
AGENDA_PT = 22.0
CODE_PT = 20.0
CODE_BACKGROUND = HIGHLIGHT_BACKGROUND
FOOTNOTE_PT = 18.0  # the look's smallest: footnotes are small, never unreadable
MIN_PICTURE_WIDTH = inches(2.8)  # narrower than this, pictures of a row go onto a second row
CAPTION_PT = (20.0, 20.0, 20.0)
QUOTE_PT = (34.0, 30.0, 26.0)
ATTRIBUTION_PT = (24.0, 22.0, 20.0)


def pixels_for(width: int, height: int, oversample: int = PICTURE_OVERSAMPLE) -> tuple[int, int]:
    """The most pixels worth keeping for a box of `width` × `height` EMU."""
    return (width * oversample * SCREEN_DPI // EMU_PER_INCH, height * oversample * SCREEN_DPI // EMU_PER_INCH)


def cover_crop(aspect: float, box: Rect) -> Crop:
    """The crop that makes a picture of `aspect` fill `box` without distortion."""
    box_aspect = box.width / box.height
    if aspect > box_aspect:
        side = (1 - box_aspect / aspect) / 2
        return Crop(left=side, right=side)
    side = (1 - aspect / box_aspect) / 2
    return Crop(top=side, bottom=side)


def contain(aspect: float, area: Rect) -> Rect:
    """The largest box of `aspect` inside `area`, centred."""
    width, height = area.width, int(area.width / aspect)
    if height > area.height:
        width, height = int(area.height * aspect), area.height
    return Rect(area.left + (area.width - width) // 2, area.top + (area.height - height) // 2, width, height)


class ShapeIds:
    """Shape ids as PowerPoint numbers them: a new shape takes one more than the
    highest id on its slide at the moment it is added (the group holding the
    slide's shapes is id 1)."""

    def __init__(self, placeholders: tuple[PlaceholderSpec, ...]) -> None:
        self._ids = {1, *(p.shape_id for p in placeholders)}

    def take(self) -> int:
        shape_id = max(self._ids) + 1
        self._ids.add(shape_id)
        return shape_id

    def drop(self, shape_id: int) -> None:
        self._ids.discard(shape_id)


class SlideDraft:
    """One slide while it is being arranged: its layout's placeholders, what is placed."""

    def __init__(self, key: str, layout: LayoutSpec) -> None:
        self.key = key
        self.layout = layout
        self.ids = ShapeIds(layout.placeholders)
        self.items: list[Item] = []
        self.boxes = {p.position: p.box for p in layout.placeholders}  # where each placeholder is now
        self.removed: set[int] = set()  # placeholders taken off the slide
        self.clicks: tuple = ()
        self.background: Background | None = None

    @property
    def title(self) -> PlaceholderSpec | None:
        title = self.layout.title
        return title if title is not None and title.position not in self.removed else None

    @property
    def bodies(self) -> list[PlaceholderSpec]:
        return [p for p in self.layout.bodies if p.position not in self.removed]

    def remove(self, placeholder: PlaceholderSpec) -> None:
        self.removed.add(placeholder.position)
        self.ids.drop(placeholder.shape_id)

    def fill(self, placeholder: PlaceholderSpec, frame: TextFrame, box: Rect | None = None) -> None:
        key = placeholder.position
        if box is not None:
            self.boxes[key] = box
        inherited = placeholder.inherited or placeholder.box
        moved = self.boxes[key] if self.boxes[key] != inherited or placeholder.ambiguous else None
        self.items = [i for i in self.items if not (isinstance(i, PlaceholderText) and i.placeholder == key)]
        self.items.append(PlaceholderText(key, frame, moved))

    def move(self, placeholder: PlaceholderSpec, box: Rect) -> None:
        self.boxes[placeholder.position] = box

    def add(self, make: Callable[[int], Item]) -> Item:
        """Place a new shape; `make` receives the shape's id."""
        item = make(self.ids.take())
        self.items.append(item)
        return item

    def clear_unused(self) -> None:
        """Placeholders left empty would show 'Click to add text' in PowerPoint."""
        filled = {i.placeholder for i in self.items if isinstance(i, PlaceholderText) and i.frame.text.strip()}
        for placeholder in self.layout.placeholders:
            if placeholder.position not in filled and placeholder.position not in self.removed:
                self.remove(placeholder)
        self.items = [i for i in self.items if not (isinstance(i, PlaceholderText) and i.placeholder in self.removed)]


class Arranger:
    """Arranges a whole deck; one method per kind of slide and per layout."""

    def __init__(self, talk: Talk, plan: Plan, stage: Stage, report: Diagnostics, public: bool, slide_timings: bool = True) -> None:
        self.slide_timings = slide_timings
        self.talk = talk
        self.plan = plan
        self.stage = stage
        self.report = report
        self.public = public
        self.type = stage.type_scale
        self.content_area = stage.content_area
        self.reveal = PLAIN
        self.reserve = 0
        # Our own shapes (quote rule, progress bar) use deck.toml's accent, or a template's.
        explicit = talk.theme.template is None or "accent" in talk.theme.sources
        accent = talk.theme.accent.lstrip("#") if explicit or not stage.template_accent else stage.template_accent
        self.accent = accent.upper()
        self.kinds: dict[str, Callable[[PlannedSlide], SlideDraft]] = {
            "title": self._title,
            "agenda": self._agenda,
            "section": self._section,
            "content": self._content,
        }
        self.layouts: dict[str, Callable[[SlideDraft, Slide], None]] = {
            "content": self._body,
            "two-column": self._two_columns,
            "image": self._image,
            "quote": self._quote,
            "title-only": self._title_only,
            "blank": self._blank,
        }
        assert set(self.kinds) == {*GENERATED_LAYOUTS, "content"} and set(self.layouts) == set(LAYOUTS)

    # --- the whole deck ---------------------------------------------------------

    def deck(self, auto_advance: bool, when: dt.datetime) -> ArrangedDeck:
        slides = tuple(self.slide(planned) for planned in self.plan.slides)
        sections: list[tuple[str, list[int]]] = [("Opening", [])]
        for planned in self.plan.slides:
            if planned.kind == "section":
                sections.append((self.plan.segment_of(planned).segment.title, []))
            sections[-1][1].append(planned.number)
        properties = Properties(
            title=self.talk.title,
            subject=self.talk.subtitle or "",
            author="" if self.public else ", ".join(labels.credits(self.talk)),
            when=when,
        )
        return ArrangedDeck(
            slides=slides,
            sections=tuple((name, tuple(numbers)) for name, numbers in sections if numbers),
            properties=properties,
            use_timings=auto_advance,
            seed=self.talk.slug,
            lang=self.talk.lang,
        )

    def slide(self, planned: PlannedSlide) -> ArrangedSlide:
        arrange = self.kinds.get(planned.kind)
        if arrange is None:
            raise ValueError(f"no arrangement for slide kind {planned.kind!r}")
        draft = arrange(planned)
        return ArrangedSlide(
            number=planned.number,
            kind=planned.kind,
            layout=draft.key,
            placeholders=tuple(p.position for p in draft.layout.placeholders if p.position not in draft.removed),
            items=tuple(draft.items),
            notes=None if self.public else self._notes(planned),
            advance_ms=planned.duration * 1000 if self.slide_timings else None,
            clicks=draft.clicks,
            background=draft.background,
        )

    def _new(self, key: str) -> SlideDraft:
        return SlideDraft(key, self.stage.layouts[key])

    # --- generated slides -------------------------------------------------------

    def _title(self, planned: PlannedSlide) -> SlideDraft:
        talk = self.talk
        draft = self._new("title")
        self._set_title(draft, (Span(talk.title),))
        lines: list[Para] = []
        if talk.subtitle:
            lines.append(Para((Span(talk.subtitle),), 24))
            lines.append(Para((Span(" "),), MIN_PT))
        lines.append(Para((Span(" · ".join(labels.credits(talk)), bold=True),), 22))
        when_where = labels.event_and_date(talk)
        if when_where:
            lines.append(Para((Span(when_where),), 20))
        self._fill_body(draft, lines)
        if talk.theme.title_background is not None:
            self._title_background(draft)
        draft.clear_unused()
        return draft

    def _title_background(self, draft: SlideDraft) -> None:
        """The background picture, full bleed, under a light panel that keeps the text readable."""
        width, height = self.stage.width, self.stage.height
        boxes = [draft.boxes[p.position] for p in draft.layout.placeholders if p.position not in draft.removed]
        if boxes:
            panel = _around(boxes, PANEL_MARGIN)
            draft.add(lambda i: RectShape(i, "Title panel", panel, PANEL, "", PANEL_OPACITY, behind=True))
        asset = self.talk.theme.title_background
        box = Rect(0, 0, width, height)
        crop = cover_crop(_aspect(asset.pixels), box)
        draft.add(
            lambda i: PictureBox(
                i, "Title background", box, asset.file, pixels_for(width, height), "", "background", crop, behind=True
            )
        )

    def _agenda(self, planned: PlannedSlide) -> SlideDraft:
        draft = self._new("agenda")
        self._set_title(draft, (Span(labels.slide_title(self.plan, planned)),))
        bodies = draft.bodies
        area = self._area_of(draft, bodies[0] if bodies else None)
        for body in bodies:
            draft.remove(body)
        rows = [
            [labels.clock_range(self.talk, s.start, s.end), s.segment.title, labels.lead(self.talk, s.segment)]
            for s in self.plan.agenda_rows(planned)
        ]
        header = list(labels.AGENDA_HEADER)
        warn = self._agenda_warning(planned)
        self._table(draft, area, header, rows, widths=column_widths([header, *rows]), size=AGENDA_PT, warn=warn)
        draft.clear_unused()
        return draft

    def _agenda_warning(self, planned: PlannedSlide):
        """Where to report an agenda that will not fit: the first segment of its rows."""
        first = self.plan.agenda_rows(planned)[0].segment if self.plan.segments else None

        def report(message: str) -> None:
            if first is not None:
                self.report.warning(first.source.path, first.source.line, f"the agenda{message}; shorten segment titles")

        return report

    def _section(self, planned: PlannedSlide) -> SlideDraft:
        segment = self.plan.segment_of(planned).segment
        draft = self._new("section")
        self._set_title(draft, (Span(segment.title),))
        self._fill_body(draft, [Para((Span(labels.section_detail(self.talk, segment)),), 24)])
        draft.clear_unused()
        return draft

    # --- content slides ---------------------------------------------------------

    def _content(self, planned: PlannedSlide) -> SlideDraft:
        slide = planned.slide
        layout = slide.layout
        if layout == "content" and any(isinstance(b, Columns) for b in slide.body):
            layout = "two-column"  # `:::: columns` on a content slide
        draft = self._new(layout)
        self.reveal = Reveal(slide)
        self.reserve = 0  # EMU kept free at the foot of the content area (footnotes)
        if self.talk.theme.logo is not None:
            self._logo(draft)  # first: the title gives way to it, and is fitted in what is left
        if layout != "blank" and draft.title is not None:
            self._set_title(draft, slide.title, source=slide)
        elif slide.title_text.strip():
            self._title_off_slide(draft, slide)
        codes = self._qr_codes(slide)  # first: footnotes stand above them
        footnotes = self._footnotes_frame(slide)
        self.layouts[layout](draft, slide)
        if codes:
            self._place_qr_codes(draft, codes)
        if footnotes is not None:
            self._place_footnotes(draft, footnotes)
        draft.clear_unused()
        if slide.background is not None:
            self._slide_background(draft, slide)
        self._footer(draft, planned)
        if self.talk.theme.progress_bar:
            self._progress_bar(draft, planned)
        draft.clicks = self._clicks(draft)
        draft.items = reading_order(draft.items)
        self.reveal = PLAIN
        return draft

    def _title_off_slide(self, draft: SlideDraft, slide: Slide) -> None:
        height = inches(1)
        box = Rect(SLIDE_MARGIN, -height - inches(0.5), self.stage.width - 2 * SLIDE_MARGIN, height)
        frame = TextFrame(sized([Para(slide.title, self.type.title)]))
        draft.add(lambda i: OffSlideTitle(i, frame, box))

    def _usable(self, area: Rect) -> Rect:
        """`area` without what the slide's footnotes take at its foot."""
        return Rect(area.left, area.top, area.width, max(area.height - self.reserve, 0)) if self.reserve else area

    # --- footnotes ---------------------------------------------------------------------

    def _footnotes_frame(self, slide: Slide) -> TextFrame | None:
        """The footnotes the slide's body refers to, small, at the foot of the content area."""
        shown = {span.footnote for span in _body_spans(slide.body) if span.footnote is not None}
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
        height = min(estimate_height(paras, area.width, 1.0), area.height // 3)
        bottom = area.bottom - self.reserve  # above the QR codes, if any
        self.reserve += height + GAP // 2
        self._footnote_box = Rect(area.left, bottom - height, area.width, height)
        return self._fitted(paras, self._footnote_box, slide, explicit_sizes=True)

    # --- QR codes of links ---------------------------------------------------------------

    def _qr_codes(self, slide: Slide) -> list[str]:
        """The addresses of the slide's `{qr}` links, which get a strip at the foot of
        the content area: each code with its address printed under it."""
        addresses = []
        for span in _body_spans(slide.body):
            if not span.qr or not span.href or span.href in addresses:
                continue
            if not span.href.startswith(labels.WEB_SCHEMES):
                self.report.warning(
                    slide.source.path, slide.source.line, f"{{qr}} after a link to {span.href!r}: only web and mail addresses get a QR code"
                )
                continue
            addresses.append(span.href)
        if len(addresses) > MAX_QR_CODES:
            self.report.warning(
                slide.source.path,
                slide.source.line,
                f"{len(addresses)} links with {{qr}} on slide {slide.title_text!r}; the first {MAX_QR_CODES} get a QR code",
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

    # --- a picture behind the slide -------------------------------------------------------

    def _slide_background(self, draft: SlideDraft, slide: Slide) -> None:
        """`{background=…}`: the picture fills the slide; a light panel behind the text keeps it readable."""
        asset = slide.background
        whole = Rect(0, 0, self.stage.width, self.stage.height)
        draft.background = Background(asset.file, pixels_for(whole.width, whole.height), cover_crop(_aspect(asset.pixels), whole))
        boxes = [draft.boxes[p.position] for p in draft.layout.placeholders if p.position not in draft.removed]
        boxes += [item.box for item in draft.items if isinstance(item, (TextBox, TableBox, CodeBox))]
        if boxes:
            panel = _around(boxes, PANEL_MARGIN).clamped(whole)
            draft.add(lambda i: RectShape(i, "Text panel", panel, PANEL, "", PANEL_OPACITY, behind=True))

    # --- clicks ------------------------------------------------------------------------

    def _clicks(self, draft: SlideDraft) -> tuple[tuple[Target, ...], ...]:
        """What each click reveals: paragraphs of text frames, or whole pictures, tables and code."""
        by_step: dict[int, list[Target]] = {}
        shape_of = {p.position: p.shape_id for p in draft.layout.placeholders}
        for item in draft.items:
            if isinstance(item, (PlaceholderText, TextBox)):
                shape_id = shape_of[item.placeholder] if isinstance(item, PlaceholderText) else item.shape_id
                for step, first, last in _runs_of_steps(item.frame.paras):
                    by_step.setdefault(step, []).append(Target(shape_id, (first, last)))
            elif isinstance(item, (PictureBox, TableBox, CodeBox)) and item.step:
                by_step.setdefault(item.step, []).append(Target(item.shape_id))
        return tuple(tuple(by_step[step]) for step in sorted(by_step))

    def _logo(self, draft: SlideDraft) -> None:
        """The logo at the top right, level with the title, which gives way to it."""
        asset = self.talk.theme.logo
        width = int(LOGO_HEIGHT * _aspect(asset.pixels))
        right = self.content_area.right
        top = LOGO_TOP
        title = draft.title
        if title is not None:
            box = draft.boxes[title.position]
            top = box.bottom - LOGO_HEIGHT - inches(0.1)  # level with the title's text line
            if box.right > right - width - GAP:
                draft.move(title, Rect(box.left, box.top, max(TITLE_MIN_WIDTH, right - width - GAP - box.left), box.height))
        box = Rect(right - width, top, width, LOGO_HEIGHT)
        max_pixels = (LOGO_HEIGHT * 8 * SCREEN_DPI // EMU_PER_INCH, LOGO_HEIGHT * 2 * SCREEN_DPI // EMU_PER_INCH)
        draft.add(lambda i: PictureBox(i, "Logo", box, asset.file, max_pixels, f"{self.talk.title} logo", "logo"))

    def _progress_bar(self, draft: SlideDraft, planned: PlannedSlide) -> None:
        """A thin bar along the bottom edge: how much of the session has gone."""
        elapsed = planned.start / self.plan.total if self.plan.total else 0.0
        description = f"{elapsed:.0%} of the session has passed"
        top, width = self.stage.height - PROGRESS_HEIGHT, self.stage.width
        track = Rect(0, top, width, PROGRESS_HEIGHT)
        draft.add(lambda i: RectShape(i, "Progress track", track, PROGRESS_TRACK, description))
        if elapsed > 0:
            bar = Rect(0, top, max(1, int(width * elapsed)), PROGRESS_HEIGHT)
            draft.add(lambda i: RectShape(i, "Progress", bar, self.accent, description))

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

    # --- content layouts ----------------------------------------------------------

    def _body(self, draft: SlideDraft, slide: Slide) -> None:
        bodies = draft.bodies
        body = bodies[0] if bodies else None
        self._place(draft, body, self._usable(self._area_of(draft, body)), slide.body, slide)

    def _blank(self, draft: SlideDraft, slide: Slide) -> None:
        area = Rect(
            SLIDE_MARGIN, SLIDE_MARGIN, self.stage.width - 2 * SLIDE_MARGIN, self.stage.height - 2 * SLIDE_MARGIN
        )
        self._place(draft, None, self._usable(area), slide.body, slide)

    def _title_only(self, draft: SlideDraft, slide: Slide) -> None:
        """The title alone (a body here is reported by `checks`)."""

    def _two_columns(self, draft: SlideDraft, slide: Slide) -> None:
        bodies = draft.bodies
        areas = [draft.boxes[b.position] for b in bodies[:2]]
        if len(areas) < 2 or not all(a.usable for a in areas):
            areas = self.content_area.split_columns(2, COLUMN_GAP)
        areas = [self._usable(a) for a in areas]
        columns_block = next((b for b in slide.body if isinstance(b, Columns)), None)
        if columns_block is not None:
            others = [b for b in slide.body if b is not columns_block]
            columns = [list(c) for c in columns_block.columns] + [[], []]
            columns[0] = others + columns[0] if others else columns[0]
        else:
            texts = [b for b in slide.body if not isinstance(b, (Picture, Table))]
            visuals = [b for b in slide.body if isinstance(b, (Picture, Table))]
            if visuals:
                columns = [texts, visuals]
            else:
                half = (len(texts) + 1) // 2
                columns = [texts[:half], texts[half:]]
        for index in range(2):
            placeholder = bodies[index] if index < len(bodies) else None
            self._place(draft, placeholder, areas[index], columns[index], slide)

    def _image(self, draft: SlideDraft, slide: Slide) -> None:
        pictures = slide.pictures()
        texts = [b for b in slide.body if not isinstance(b, (Picture, Table, Columns, CodeBlock))]
        if any(isinstance(b, (Table, CodeBlock)) for b in slide.body):
            self._not_shown(slide, "layout=image shows pictures and a caption; the table or code on this slide is not shown")
        area = self._usable(self.content_area)
        if texts:
            paras = paras_from_blocks(texts, CAPTION_PT, self.reveal)
            caption_height = min(inches(1.2), area.height // 4)
            picture_area, caption_area = area.take_top(area.height - caption_height - GAP, GAP)
            frame = self._fitted(paras, caption_area, slide, explicit_sizes=True)
            draft.add(lambda i: TextBox(i, f"TextBox {i - 1}", caption_area, frame))
        else:
            picture_area = area
        self._pictures(draft, picture_area, pictures)

    def _quote(self, draft: SlideDraft, slide: Slide) -> None:
        quotes = [b for b in slide.body if isinstance(b, Quote)]
        rest = [b for b in slide.body if not isinstance(b, Quote)]
        if any(isinstance(b, (Picture, Table, Columns, CodeBlock)) for b in rest):
            self._not_shown(slide, "layout=quote shows a quote and its attribution; pictures, tables and columns are not shown")
        paras = []
        for quote in quotes:
            paras.extend(replace(p, italic=True) for p in paras_from_blocks(quote.blocks, QUOTE_PT, self.reveal))
        paras.extend(replace(p, align="r") for p in paras_from_blocks(rest, ATTRIBUTION_PT, self.reveal))
        area = self._usable(self.content_area)
        area = Rect(area.left + QUOTE_INSET, area.top, area.width - 2 * QUOTE_INSET, area.height)
        frame = replace(self._fitted(paras, area, slide, explicit_sizes=True), anchor="ctr")
        draft.add(lambda i: TextBox(i, f"TextBox {i - 1}", area, frame))
        rule = Rect(area.left - GAP, area.top + area.height // 4, QUOTE_RULE_WIDTH, area.height // 2)
        draft.add(lambda i: RectShape(i, "Quote rule", rule, self.accent))

    # --- placing blocks in an area -----------------------------------------------

    def _place(self, draft: SlideDraft, placeholder: PlaceholderSpec | None, area: Rect, blocks: list[Block], slide: Slide) -> None:
        """Text, pictures and tables of `blocks` inside `area`.

        Text goes into the placeholder when there is one; pictures sit beside
        the text in a wide area and below it in a narrow one; tables go below.
        """
        nested = [b for b in blocks if isinstance(b, Columns)]
        if nested:  # columns inside a column: lay them out side by side
            if len(nested) > 1:
                self._not_shown(slide, "only the first `:::: columns` inside a column is shown")
            for column, sub_area in zip(nested[0].columns, area.split_columns(2, GAP)):
                self._place(draft, None, sub_area, column, slide)
            blocks = [b for b in blocks if not isinstance(b, Columns)]
            if not blocks:
                if placeholder is not None:
                    draft.remove(placeholder)
                return
        texts = [b for b in blocks if not isinstance(b, (Picture, Table, CodeBlock))]
        pictures = [b for b in blocks if isinstance(b, Picture)]
        tables = [b for b in blocks if isinstance(b, (Table, CodeBlock))]  # laid out below the text, one under another
        paras = paras_from_blocks(texts, self.type.body, self.reveal)
        if not paras:
            if placeholder is not None:
                draft.remove(placeholder)
            self._visuals(draft, area, pictures, tables, slide)
            return
        text_area = area
        if len(pictures) == 1 and not tables and area.width > 1.4 * area.height:
            text_area, visual_area = area.split_columns(2, GAP)
            self._visuals(draft, visual_area, pictures, [], slide)
        elif pictures or tables:
            needed = estimate_height(paras, area.width, 1.0)
            text_area, visual_area = area.take_top(min(needed, area.height // 2), GAP // 2)
            self._visuals(draft, visual_area, pictures, tables, slide)
        if placeholder is None:
            frame = self._fitted(paras, text_area, slide, explicit_sizes=True)
            draft.add(lambda i: TextBox(i, f"TextBox {i - 1}", text_area, frame))
        else:
            draft.fill(placeholder, self._fitted(paras, text_area, slide), box=text_area)

    def _area_of(self, draft: SlideDraft, placeholder: PlaceholderSpec | None) -> Rect:
        """Where a placeholder's content goes: the placeholder, unless it is degenerate."""
        if placeholder is not None and draft.boxes[placeholder.position].usable:
            return draft.boxes[placeholder.position]
        return self.content_area

    def _fitted(self, paras: list[Para], area: Rect, slide: Slide | None, explicit_sizes: bool = False) -> TextFrame:
        frame, fits = fit(paras, area, explicit_sizes)
        if not fits and slide is not None:
            self.report.warning(
                slide.source.path,
                slide.source.line,
                f"the text of slide {slide.title_text!r} may not fit its box even at {MIN_PT:g} pt; shorten it or split the slide",
            )
        return frame

    def _not_shown(self, slide: Slide, message: str) -> None:
        self.report.warning(slide.source.path, slide.source.line, message)

    def _visuals(self, draft: SlideDraft, area: Rect, pictures: list[Picture], tables: list[Table], slide: Slide) -> None:
        items = len(tables) + (1 if pictures else 0)
        if not items:
            return
        share = (area.height - GAP * (items - 1)) // items
        top = area.top
        if pictures:
            self._pictures(draft, Rect(area.left, top, area.width, share), pictures)
            top += share + GAP
        for table in tables:
            box = Rect(area.left, top, area.width, share)
            if isinstance(table, CodeBlock):
                self._code(draft, box, table, slide)
            else:
                self._table(
                    draft, box, table.header, table.rows, size=self.type.body[1], align=table.align, slide=slide,
                    step=self.reveal.step(table),
                )
            top += share + GAP

    def _pictures(self, draft: SlideDraft, area: Rect, pictures: list[Picture]) -> None:
        """Pictures in a row, or in rows of a grid when a row would make them too small to see."""
        if not pictures:
            return
        columns = max(1, min(len(pictures), (area.width + GAP) // (MIN_PICTURE_WIDTH + GAP)))
        rows = -(-len(pictures) // columns)
        row_height = (area.height - GAP * (rows - 1)) // rows
        for row in range(rows):
            in_row = pictures[row * columns : (row + 1) * columns]
            band = Rect(area.left, area.top + row * (row_height + GAP), area.width, row_height)
            for picture, cell in zip(in_row, band.split_columns(len(in_row), GAP)):
                self._picture(draft, cell, picture, area)

    def _picture(self, draft: SlideDraft, area: Rect, picture: Picture, space: Rect | None = None) -> None:
        """A picture in its cell: fitted (never stretched), cropped to fill (`fit=cover`), or at
        the width or height it asks for (a percentage of the space the pictures share), never
        larger than its cell."""
        aspect = _aspect(picture.asset.pixels)
        space = space or area
        if picture.width is not None or picture.height is not None:
            wanted = _sized(picture, aspect, space)
            box, crop = contain(aspect, Rect(area.left, area.top, min(wanted[0], area.width), min(wanted[1], area.height))), None
            box = Rect(area.left + (area.width - box.width) // 2, area.top + (area.height - box.height) // 2, box.width, box.height)
        elif picture.fit == "cover":
            box, crop = area, cover_crop(aspect, area)
        else:
            box, crop = contain(aspect, area), None
        max_pixels = pixels_for(area.width, area.height)
        # Named by number, as PowerPoint names a picture: a file name could say who is in it.
        step = self.reveal.step(picture)
        draft.add(
            lambda i: PictureBox(i, f"Picture {i - 1}", box, picture.asset.file, max_pixels, picture.alt, "content", crop, step=step)
        )

    def _code(self, draft: SlideDraft, area: Rect, block: CodeBlock, slide: Slide) -> None:
        """Code in a shaded box, coloured by its language, as large as fits down to 18 pt."""
        lines = highlight(block.text, block.language)
        paras = [Para((Span("".join(r.text for r in line) or " "),), CODE_PT, mono=True) for line in lines]
        scale, fits = fit_scale(paras, area.width, area.height)
        size = fitted_size(CODE_PT, scale)
        if not fits:
            line_height = size * LINE_HEIGHT * EMU_PER_POINT
            room = max(0, int((area.height - 2 * INSET) // line_height))
            self.report.warning(
                block.source.path,
                block.source.line,
                f"the code block has {len(lines)} lines; about {room} fit its box on this slide at {MIN_PT:g} pt: shorten it or give it a slide of its own",
            )
        step = self.reveal.step(block)
        sized_paras = [replace(para, size=size) for para in paras]
        box = Rect(area.left, area.top, area.width, min(area.height, estimate_height(sized_paras, area.width, 1.0)))
        draft.add(lambda i: CodeBox(i, f"Code {i - 1}", box, lines, size, CODE_BACKGROUND, step))

    def _table(
        self,
        draft: SlideDraft,
        area: Rect,
        header,
        rows,
        widths=None,
        size=20.0,
        align=None,
        slide: Slide | None = None,
        warn=None,
        step: int = 0,
    ) -> None:
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
        if sum(heights) > area.height:
            if slide is not None:
                self.report.warning(
                    slide.source.path, slide.source.line, f"the table on slide {slide.title_text!r} may not fit even at {MIN_PT:g} pt; split it"
                )
            elif warn is not None:
                warn(f" may not fit its slide even at {MIN_PT:g} pt")
        aligns = {"center": "ctr", "right": "r"}
        cells = tuple(
            tuple(
                sized(
                    [Para(spans, size, bold=(r == 0), align=aligns.get(align[c]) if align and c < len(align) else None)],
                    explicit_sizes=True,
                )[0]
                for c, spans in enumerate(row)
            )
            for r, row in enumerate(grid)
        )
        box = Rect(area.left, area.top, area.width, sum(heights))
        draft.add(lambda i: TableBox(i, "Table", box, tuple(column_widths), tuple(heights), cells, step))

    # --- titles, bodies ---------------------------------------------------------------

    def _set_title(self, draft: SlideDraft, inline, source: Slide | None = None) -> None:
        title = draft.title
        if title is None:
            return
        paras = [Para(tuple(inline), self.type.title)]
        draft.fill(title, self._fitted(paras, draft.boxes[title.position], source))

    def _fill_body(self, draft: SlideDraft, paras: list[Para]) -> None:
        """A generated slide's text: in the layout's first body, else a text box over the content area."""
        bodies = draft.bodies
        if not bodies:
            area = self.content_area
            scale, _ = fit_scale(paras, area.width, area.height)
            frame = TextFrame(sized(paras, scale, explicit_sizes=True))
            draft.add(lambda i: TextBox(i, f"TextBox {i - 1}", area, frame))
            return
        area = self._area_of(draft, bodies[0])
        scale, _ = fit_scale(paras, area.width, area.height)
        draft.fill(bodies[0], TextFrame(sized(paras, scale, explicit_sizes=True)))

    # --- notes ---------------------------------------------------------------------

    def _notes(self, planned: PlannedSlide) -> tuple[Para, ...]:
        """The timing cue, then each notes block under a bold label, in source order."""
        paras = [Para((Span(labels.cue(self.plan, planned)),), NOTES_PT, italic=True)]
        slide = planned.slide
        if slide is not None and slide.clicks:
            paras.append(Para((Span(labels.clicks(slide.clicks)),), NOTES_PT, italic=True))
        for note in planned.notes:
            paras.append(Para((Span(labels.speaker(self.talk, note.speaker)),), NOTES_PT, bold=True))
            for para in paras_from_blocks(note.blocks, (NOTES_PT,) * 3, pause_marker=labels.CLICK):
                # Notes pages have no bullets of their own: list marks are written out.
                prefix = {"bullet": "• ", "number": f"{para.number}. "}.get(para.bullet, "")
                spans = (Span("   " * para.level + prefix), *para.spans) if prefix else para.spans
                paras.append(replace(para, spans=spans, bullet="none", level=0, indent=None))
        if slide is not None:
            shown = {span.footnote for span in _body_spans(slide.body) if span.footnote is not None}
            for footnote in slide.footnotes:
                if footnote.number in shown:
                    continue  # printed on the slide
                for index, para in enumerate(paras_from_blocks(footnote.blocks, (NOTES_PT,) * 3)):
                    marker = (Span(f"[{footnote.number}] "),) if index == 0 else ()
                    paras.append(replace(para, spans=(*marker, *para.spans), bullet="none", level=0))
        return self._fit_notes(paras)

    def _fit_notes(self, paras: list[Para]) -> tuple[Para, ...]:
        """The notes at the largest size that fits the notes page's body, from 12 pt down to 8 pt."""
        box = self.stage.notes_body
        for size in NOTES_SIZES:
            fitted = tuple(replace(para, size=size) for para in paras)
            if box is None or estimate_height(fitted, box.width, 1.0) <= box.height:
                break
        return fitted


def reading_order(items: list[Item]) -> list[Item]:
    """Items in the order a screen reader reads a slide: the title, the body (text,
    tables and code, top to bottom), footnotes, pictures, then the furniture."""

    def rank(item: Item) -> tuple:
        if isinstance(item, OffSlideTitle):
            return (0, 0, 0)
        if isinstance(item, PlaceholderText):
            return (0, item.placeholder, 0)
        if isinstance(item, TextBox) and item.name.startswith("Footnotes"):
            return (2, 0, 0)
        if isinstance(item, (TextBox, TableBox, CodeBox)):
            return (1, item.box.top, item.box.left)
        if isinstance(item, PictureBox) and item.role == "content":
            return (3, item.box.top, item.box.left)
        return (4, 0, 0)

    return sorted(items, key=rank)


def _around(boxes: list[Rect], margin: int) -> Rect:
    left = min(b.left for b in boxes) - margin
    top = min(b.top for b in boxes) - margin
    right = max(b.right for b in boxes) + margin
    bottom = max(b.bottom for b in boxes) + margin
    return Rect(left, top, right - left, bottom - top)


def _sized(picture: Picture, aspect: float, space: Rect) -> tuple[int, int]:
    """The width and height (EMU) a picture asks for, keeping its proportions."""
    width_pt, height_pt = space.width / EMU_PER_POINT, space.height / EMU_PER_POINT
    if picture.width is not None:
        width = picture.width.points(width_pt) * EMU_PER_POINT
        height = width / aspect
        if picture.height is not None:
            height = min(height, picture.height.points(height_pt) * EMU_PER_POINT)
            width = height * aspect
    else:
        height = picture.height.points(height_pt) * EMU_PER_POINT
        width = height * aspect
    return int(width), int(height)


def _runs_of_steps(paras: tuple[Para, ...]) -> list[tuple[int, int, int]]:
    """(step, first, last) for each run of neighbouring paragraphs revealed by the same click."""
    runs: list[tuple[int, int, int]] = []
    for index, para in enumerate(paras):
        if not para.step:
            continue
        if runs and runs[-1][0] == para.step and runs[-1][2] == index - 1:
            runs[-1] = (para.step, runs[-1][1], index)
        else:
            runs.append((para.step, index, index))
    return runs


def _body_spans(blocks: list[Block]):
    """Every span of the visible text of `blocks`."""
    for block in iter_blocks(blocks):
        if isinstance(block, (Paragraph, Heading)):
            yield from block.inline
        elif isinstance(block, ListBlock):
            for _, _, item, _ in block.flatten():
                yield from item.inline
        elif isinstance(block, LineBlock):
            for line in block.lines:
                yield from line
        elif isinstance(block, DefinitionList):
            for item in block.items:
                yield from item.term
        elif isinstance(block, Table):
            for row in [block.header, *block.rows]:
                for cell in row:
                    yield from cell


def column_widths(grid: list[list[str]], narrowest: float = 0.12) -> list[float]:
    """Column fractions in proportion to each column's longest text, none below `narrowest`:
    a column of short clock times gives its room to the titles and names beside it."""
    natural = [max(text_width(row[c]) for row in grid) + 1.0 for c in range(len(grid[0]))]
    total = sum(natural)
    fractions = [max(narrowest, width / total) for width in natural]
    scale = sum(fractions)
    return [fraction / scale for fraction in fractions]


def _aspect(pixels: tuple[int, int] | None) -> float:
    width, height = pixels or (1, 1)
    return width / height


def arrange(
    talk: Talk,
    plan: Plan,
    stage: Stage,
    report: Diagnostics,
    public: bool = False,
    auto_advance: bool = False,
    when: dt.datetime = dt.datetime(2000, 1, 1),
    slide_timings: bool = True,
) -> ArrangedDeck:
    """Every slide of the plan laid out on the stage; problems go to `report`.

    `when` is the deck's date (naive UTC), from the build.
    """
    return Arranger(talk, plan, stage, report, public, slide_timings).deck(auto_advance, when)
