"""The notes page of each slide: the timing cue, then each speaker's lines under
a bold label, sized to fit the printed page.
"""

from __future__ import annotations

from dataclasses import replace

from segue.talk import labels
from segue.talk.model import (
    Block,
    Paragraph,
    Quote,
    Span,
    Table,
)
from segue.talk.plan import PlannedSlide
from segue.render.pptx.arranged import (
    Para,
)
from segue.render.pptx.text import (
    estimate_height,
    paras_from_blocks,
)
from segue.render.pptx.arrange.measures import NOTES_PT, NOTES_SIZES
from segue.render.pptx.arrange.draft import body_spans


class Notes:
    """Speaker notes. Mixed into `Arranger`: its methods use the arranger's `talk`, `plan`, `stage`,
    `report`, `type`, `content_area`, `reveal`, `reserve` and `accent`, and each
    other's."""

    def _notes(self, planned: PlannedSlide) -> tuple[Para, ...]:
        """The timing cue, then each notes block under a bold label, in source order."""
        paras = [Para((Span(self.plan.cue(planned)),), NOTES_PT, italic=True)]
        slide = planned.slide
        if slide is not None and slide.clicks:
            paras.append(Para((Span(labels.clicks(self.talk, slide.clicks)),), NOTES_PT, italic=True))
        for note in planned.notes:
            paras.append(Para((Span(labels.speaker(self.talk, note.speaker)),), NOTES_PT, bold=True))
            for para in paras_from_blocks(text_blocks(note.blocks), (NOTES_PT,) * 3, pause_marker=labels.click(self.talk)):
                # Notes pages have no bullets of their own: list marks are written out.
                prefix = {"bullet": "• ", "number": f"{para.number}. "}.get(para.bullet, "")
                spans = (Span("   " * para.level + prefix), *para.spans) if prefix else para.spans
                paras.append(replace(para, spans=spans, bullet="none", level=0, indent=None))
        if slide is not None:
            shown = {span.footnote for span in body_spans(slide.body) if span.footnote is not None}
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


def text_blocks(blocks: list[Block]) -> list[Block]:
    """A notes page holds text only: a table there is a line per row, its cells set
    apart as in the scripts' cues, the header's in bold."""
    shown: list[Block] = []
    for block in blocks:
        if isinstance(block, Table):
            for number, row in enumerate([block.header, *block.rows]):
                spans = [span for index, cell in enumerate(row) for span in ((Span(" · "),) if index else ()) + tuple(cell)]
                if number == 0:
                    spans = [replace(span, bold=True) for span in spans]
                shown.append(Paragraph(tuple(spans), block.source))
        elif isinstance(block, Quote):
            shown.append(replace(block, blocks=text_blocks(block.blocks)))
        else:
            shown.append(block)
    return shown

