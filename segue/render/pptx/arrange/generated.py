"""The slides the build makes itself: the title, the agenda, the section slides.
"""

from __future__ import annotations


from segue.talk import labels
from segue.talk.model import (
    Source,
    Span,
)
from segue.talk.plan import PlannedSlide
from segue.render.pptx.arranged import (
    Para,
    PictureBox,
    RectShape,
)
from segue.render.pptx.geometry import Rect
from segue.render.pptx.text import (
    MIN_PT,
)
from segue.render.pptx.arrange.measures import PANEL, PANEL_OPACITY, PANEL_MARGIN, AGENDA_PT
from segue.render.pptx.arrange.draft import SlideDraft, around, aspect_of, cover_crop, pixels_for
from segue.render.pptx.arrange.tables import column_widths
from segue.render.pptx.arrange.furniture import reading_order


class GeneratedSlides:
    """The title, agenda and section slides. Mixed into `Arranger`: its methods use the arranger's `talk`, `plan`, `stage`,
    `report`, `type`, `content_area`, `reveal`, `reserve` and `accent`, and each
    other's."""

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
        self._fill_body(draft, lines, Source("deck/deck.toml"), "the title slide's subtitle, presenters and date (from deck.toml)")
        if talk.theme.title_background is not None:
            self._title_background(draft)
        draft.clear_unused()
        return draft

    def _title_background(self, draft: SlideDraft) -> None:
        """The background picture, full bleed, under a light panel that keeps the text readable."""
        width, height = self.stage.width, self.stage.height
        boxes = [draft.boxes[p.position] for p in draft.layout.placeholders if p.position not in draft.removed]
        if boxes:
            panel = around(boxes, PANEL_MARGIN)
            draft.add(lambda i: RectShape(i, "Title panel", panel, PANEL, "", PANEL_OPACITY, behind=True))
        asset = self.talk.theme.title_background
        box = Rect(0, 0, width, height)
        crop = cover_crop(aspect_of(asset.pixels), box)
        draft.add(
            lambda i: PictureBox(
                i, "Title background", box, asset.file, pixels_for(width, height), "", "background", crop, behind=True
            )
        )

    def _agenda(self, planned: PlannedSlide) -> SlideDraft:
        draft = self._new("agenda")
        self._set_title(draft, (Span(self.plan.title(planned)),))
        bodies = draft.bodies
        area = self._area_of(draft, bodies[0] if bodies else None)
        for body in bodies:
            draft.remove(body)
        rows = [
            [labels.clock_range(self.talk, s.start, s.end), s.segment.title, labels.lead(self.talk, s.segment)]
            for s in self.plan.agenda_rows(planned)
        ]
        header = list(labels.agenda_header(self.talk))
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

    def _references(self, planned: PlannedSlide) -> SlideDraft:
        """The works the talk cites, in the style's form, on the `content` layout (after the
        last segment's slides; a long bibliography continues on the next)."""
        draft = self._new("content")
        if self.talk.theme.logo is not None:
            self._logo(draft)  # first, as on content slides: the title gives way to it
        self._set_title(draft, (Span(self.plan.title(planned)),))
        size = self.type.body[-1]
        where = self.plan.segment_of(planned).segment.source
        self._fill_body(draft, [Para(tuple(entry), size) for entry in self.plan.reference_entries(planned)], where, "the references")
        draft.clear_unused()
        self._footer(draft, planned)
        draft.items = reading_order(draft.items, draft.layout, draft.boxes)
        return draft

    def _section(self, planned: PlannedSlide) -> SlideDraft:
        segment = self.plan.segment_of(planned).segment
        draft = self._new("section")
        self._set_title(draft, (Span(segment.title, lang=segment.lang),))
        self._fill_body(draft, [Para((Span(labels.section_detail(self.talk, segment)),), 24)], segment.source, "the section slide's minutes and lead")
        draft.clear_unused()
        return draft
