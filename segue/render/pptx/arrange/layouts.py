"""Content slides: a slide's layout decides where its title and body go, and
how a body is shared between text, pictures, tables and columns.
"""

from __future__ import annotations

from dataclasses import replace

from segue.diagnostics import quoted
from segue.talk.model import (
    Chart,
    Source,
    CodeBlock,
    Columns,
    Picture,
    Quote,
    Slide,
    Table,
)
from segue.talk.plan import PlannedSlide
from segue.render.pptx.arranged import (
    OffSlideTitle,
    Para,
    RectShape,
    TextBox,
    TextFrame,
)
from segue.render.pptx.geometry import PlaceholderSpec, Rect, TypeScale, inches
from segue.render.pptx.text import (
    MIN_PT,
    PLAIN,
    Reveal,
    fit,
    fit_scale,
    paras_from_blocks,
    sized,
)
from segue.render.pptx.arrange.measures import GAP, COLUMN_GAP, SLIDE_MARGIN, QUOTE_INSET, QUOTE_RULE_WIDTH, CAPTION_PT, QUOTE_PT, ATTRIBUTION_PT
from segue.render.pptx.arrange.draft import SlideDraft
from segue.render.pptx.arrange.furniture import reading_order


class ContentLayouts:
    """Content slides and their layouts. Mixed into `Arranger`: its methods use the arranger's `talk`, `plan`, `stage`,
    `report`, `type`, `content_area`, `reveal`, `reserve` and `accent`, and each
    other's."""

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
        self._footer(draft, planned)
        if slide.background is not None:
            self._slide_background(draft, slide)
        if self.talk.theme.progress_bar:
            self._progress_bar(draft, planned)
        draft.clicks = self._clicks(draft)
        draft.items = reading_order(draft.items, draft.layout, draft.boxes)
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
        """Columns side by side: a slide's `:::: columns` (two to four, each as wide as it
        asks), or its text in two halves, or its text beside its pictures and tables.
        Two columns fill the layout's two bodies; three or four are text boxes across them."""
        bodies = draft.bodies
        areas = [draft.boxes[b.position] for b in bodies[:2]]
        if len(areas) < 2 or not all(a.usable for a in areas):
            areas = self.content_area.split_columns(2, COLUMN_GAP)
        all_columns = [b for b in slide.body if isinstance(b, Columns)]
        columns_block = all_columns[0] if all_columns else None
        for extra in all_columns[1:]:
            self.report.warning(
                extra.source.path, extra.source.line,
                "a slide shows one `:::: columns`; this one is left out: give it a slide of its own",
            )
        if columns_block is not None:
            others = [b for b in slide.body if not isinstance(b, Columns)]
            columns = [list(c) for c in columns_block.columns] + [[] for _ in range(2 - len(columns_block.columns))]
            columns[0] = others + columns[0] if others else columns[0]
            if len(columns_block.columns) > 2 or (len(columns_block.columns) == 2 and any(w is not None for w in columns_block.widths)):
                span = Rect(areas[0].left, min(a.top for a in areas), areas[1].right - areas[0].left, max(a.height for a in areas))
                areas = span.split_shares(columns_block.shares(), COLUMN_GAP)
        else:
            texts = [b for b in slide.body if not isinstance(b, (Picture, Table, Chart))]
            visuals = [b for b in slide.body if isinstance(b, (Picture, Table, Chart))]
            if visuals:
                columns = [texts, visuals]
            else:
                half = (len(texts) + 1) // 2
                columns = [texts[:half], texts[half:]]
        areas = [self._usable(a) for a in areas]
        in_placeholders = len(columns) == 2
        for index, column in enumerate(columns):
            placeholder = bodies[index] if in_placeholders and index < len(bodies) else None
            self._place(draft, placeholder, areas[index], column, slide)
        if not in_placeholders:
            for body in bodies[:2]:
                draft.remove(body)

    def _image(self, draft: SlideDraft, slide: Slide) -> None:
        pictures = slide.pictures()
        charts = [b for b in slide.body if isinstance(b, Chart)]
        texts = [b for b in slide.body if not isinstance(b, (Picture, Table, Columns, CodeBlock, Chart))]
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
        if charts:  # a chart shown as an image slide shows its picture: the chart
            self._visuals(draft, picture_area, pictures, charts, slide)
        else:
            self._pictures(draft, picture_area, pictures)

    def _quote(self, draft: SlideDraft, slide: Slide) -> None:
        quotes = [b for b in slide.body if isinstance(b, Quote)]
        rest = [b for b in slide.body if not isinstance(b, Quote)]
        if any(isinstance(b, (Picture, Table, Columns, CodeBlock, Chart)) for b in rest):
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

    def _area_of(self, draft: SlideDraft, placeholder: PlaceholderSpec | None) -> Rect:
        """Where a placeholder's content goes: the placeholder, unless it is degenerate."""
        if placeholder is not None and draft.boxes[placeholder.position].usable:
            return draft.boxes[placeholder.position]
        return self.content_area

    def _fitted(
        self, paras: list[Para], area: Rect, slide: Slide | None, explicit_sizes: bool = False, measure: TypeScale | None = None
    ) -> TextFrame:
        """`paras` fitted to `area`, measured as the content master's text is (or `measure`'s)."""
        measure = measure or self.type
        room = Rect(area.left, area.top, area.width, int(area.height * measure.fill))
        frame, fits = fit(paras, room, explicit_sizes, measure.measure)
        if not fits and slide is not None:
            self.report.warning(
                slide.source.path,
                slide.source.line,
                f"the text of slide {quoted(slide.title_text)} may not fit its box even at {MIN_PT:g} pt; shorten it or split the slide",
            )
        return frame

    def _not_shown(self, slide: Slide, message: str) -> None:
        self.report.warning(slide.source.path, slide.source.line, message)

    def _set_title(self, draft: SlideDraft, inline, source: Slide | None = None) -> None:
        title = draft.title
        if title is None:
            return
        measure = draft.layout.type_scale or self.type  # a title page's master sets its own sizes
        paras = [Para(tuple(inline), measure.title)]
        draft.fill(title, self._fitted(paras, draft.boxes[title.position], source, measure=measure))

    def _fill_body(self, draft: SlideDraft, paras: list[Para], where: Source, what: str) -> None:
        """A generated slide's text: in the layout's first body, else a text box over the content area.
        Text that does not fit even at 18 pt is reported at `where`, as `what`."""
        bodies = draft.bodies
        area = self._area_of(draft, bodies[0]) if bodies else self.content_area
        measure = draft.layout.type_scale or self.type  # the title page's master may space its text otherwise
        scale, fits = fit_scale(paras, area.width, int(area.height * measure.fill), measure.measure)
        if not fits and any(not p.text.strip() for p in paras):  # a blank line between its parts gives way first
            paras = [p for p in paras if p.text.strip()]
            scale, fits = fit_scale(paras, area.width, int(area.height * measure.fill), measure.measure)
        if not fits and bodies:  # the room below the box, clear of the layout's artwork and footers, is taken too
            below = Rect(area.left, area.top, area.width, self.stage.height - SLIDE_MARGIN // 2 - area.top)
            grown = below.clear_of(list(draft.layout.artwork) + [f.box for f in draft.layout.footers], least_width=0.99)
            if grown.top == area.top and grown.height > area.height:
                area = grown
                scale, fits = fit_scale(paras, area.width, int(area.height * measure.fill), measure.measure)
                draft.move(bodies[0], area)
        if not fits:
            self.report.warning(where.path, where.line, f"{what} may not fit its box even at {MIN_PT:g} pt; shorten it")
        frame = TextFrame(sized(paras, scale, explicit_sizes=True))
        if not bodies:
            draft.add(lambda i: TextBox(i, f"TextBox {i - 1}", area, frame))
            return
        draft.fill(bodies[0], frame, box=area)
