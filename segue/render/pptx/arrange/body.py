"""A body's blocks placed in the area a layout gives them, in the order they were written.

Text goes into the layout's body placeholder; pictures, tables and code are
stacked with it, top to bottom, as written: a paragraph written after a code
block is set under it, in a body placeholder of its own (styled as the body).
One rule reorders: a single picture beside text in a wide area sits on the
right half, the text on the left. Each part gets the height it needs at the
largest type scale at which all of them fit (never under 18 pt); pictures
share what is left. What cannot fit even at 18 pt is cut where it can be
(rows of a table, lines of code) and reported.
"""

from __future__ import annotations

from dataclasses import dataclass

from segue.diagnostics import quoted
from segue.media.highlight import highlight
from segue.talk.model import Block, Chart, CodeBlock, Columns, Picture, Slide, Table
from segue.render.pptx.arranged import Para, TextBox
from segue.render.pptx.geometry import PlaceholderSpec, Rect, inches
from segue.render.pptx.text import SCALES, estimate_height, fitted_size, paras_from_blocks
from segue.render.pptx.arrange.blocks import code_height
from segue.render.pptx.arrange.draft import SlideDraft
from segue.render.pptx.arrange.measures import CODE_PT, GAP
from segue.render.pptx.arrange.tables import table_grid, table_height

PICTURE_LEAST = inches(0.8)  # a row of pictures (or a chart) stacked with other parts keeps at least this height
FLEXIBLE = ("pictures", "chart")  # parts that take the height the others leave
KINDS = {Picture: "pictures", Table: "table", CodeBlock: "code", Chart: "chart"}
STACK_GAP = GAP // 2
MIN_PART_HEIGHT = inches(0.3)  # below this a picture or chart shows nothing a viewer can make out
PART_NAMES = {"pictures": "picture", "chart": "chart"}  # a table or code box says itself which rows or lines it leaves out


@dataclass
class Part:
    """Neighbouring blocks placed as one: text, a row of pictures, a table or code."""

    kind: str  # "text" | "pictures" | "table" | "code" | "chart"
    blocks: list[Block]
    paras: list[Para]
    code_lines: list | None = None  # code, coloured once: it is measured at every size tried


class BodyPlacing:
    """A body in the order written. Mixed into `Arranger`: its methods use the arranger's
    `type`, `reveal` and `report`, and the other placing methods."""

    def _place(self, draft: SlideDraft, placeholder: PlaceholderSpec | None, area: Rect, blocks: list[Block], slide: Slide) -> None:
        """Text, pictures, tables and code of `blocks` inside `area`.

        Text goes into the placeholder when there is one; a single picture sits beside
        the text in a wide area; everything else is stacked in the order written.
        """
        nested = [b for b in blocks if isinstance(b, Columns)]
        if nested:  # columns inside a column: lay them out side by side
            if len(nested) > 1:
                self._not_shown(slide, "only the first `:::: columns` inside a column is shown")
            for column, sub_area in zip(nested[0].columns, area.split_shares(nested[0].shares(), GAP)):
                self._place(draft, None, sub_area, column, slide)
            blocks = [b for b in blocks if not isinstance(b, Columns)]
            if not blocks:
                if placeholder is not None:
                    draft.remove(placeholder)
                return
        parts = self._parts(blocks)
        texts = [p for p in parts if p.kind == "text"]
        visuals = [p for p in parts if p.kind != "text"]
        if not visuals:
            paras = [para for part in texts for para in part.paras]
            self._set_text(draft, placeholder, area, paras, slide, first=True)
            return
        single = len(visuals) == 1 and len(visuals[0].blocks) == 1 and visuals[0].kind in ("pictures", "chart")
        if single and texts and area.width > 1.4 * area.height:  # one picture or chart beside the text
            text_area, visual_area = area.split_columns(2, GAP)
            self._place_part(draft, visuals[0], visual_area, slide)
            self._set_text(draft, placeholder, text_area, [para for part in texts for para in part.paras], slide, first=True)
            return
        if placeholder is not None and not texts:
            draft.remove(placeholder)
        self._stack(draft, placeholder, area, parts, slide)

    def _parts(self, blocks: list[Block]) -> list[Part]:
        parts: list[Part] = []
        for block in blocks:
            kind = KINDS.get(type(block), "text")
            if parts and kind in ("text", "pictures") and parts[-1].kind == kind:
                parts[-1].blocks.append(block)
            else:
                parts.append(Part(kind, [block], []))
        for part in parts:
            if part.kind == "text":
                part.paras = paras_from_blocks(part.blocks, self.type.body, self.reveal)
            elif part.kind == "code":
                part.code_lines = highlight(part.blocks[0].text, part.blocks[0].language)
        return [part for part in parts if part.kind != "text" or part.paras]

    def _needed(self, part: Part, width: int, scale: float) -> int:
        """The height a part takes at `scale` (pictures and charts: none of their own, they share what is left)."""
        if part.kind == "text":
            return int(estimate_height(part.paras, width, scale, self.type.measure) / self.type.fill)
        if part.kind == "code":
            return code_height(part.code_lines, width, fitted_size(CODE_PT, scale))
        if part.kind == "table":
            table = part.blocks[0]
            return table_height(table_grid(table.header, table.rows), width, fitted_size(self.type.body[1], scale), self.type.measure)
        return 0

    def _stack(self, draft: SlideDraft, placeholder: PlaceholderSpec | None, area: Rect, parts: list[Part], slide: Slide) -> None:
        room = area.height - STACK_GAP * (len(parts) - 1)
        flexible = [p for p in parts if p.kind in FLEXIBLE]
        least = min(PICTURE_LEAST, room // max(1, len(parts))) * len(flexible)
        scale = SCALES[-1]
        for candidate in SCALES:
            if sum(self._needed(p, area.width, candidate) for p in parts) + least <= room:
                scale = candidate
                break
        heights = [self._needed(p, area.width, scale) for p in parts]
        excess = sum(heights) + least - room
        if excess > 0 and flexible:  # pictures and charts give up room down to a readable least before a table or code loses any
            given = min(excess, max(0, least - MIN_PART_HEIGHT * len(flexible)))
            least -= given
            excess -= given
        for index in reversed(range(len(parts))):  # what does not fit is cut from the last table or code up
            if excess <= 0:
                break
            if parts[index].kind in ("table", "code"):
                cut = min(excess, heights[index])
                heights[index] -= cut
                excess -= cut
        spare = max(0, room - sum(heights))
        for index, part in enumerate(parts):
            if part.kind in FLEXIBLE:
                heights[index] = spare // len(flexible)
        top, first = area.top, True
        for part, height in zip(parts, heights):
            box = Rect(area.left, top, area.width, min(height, max(0, area.bottom - top)))
            if part.kind == "text":
                self._set_text(draft, placeholder, box, part.paras, slide, first=first)
                first = False
            elif part.kind in FLEXIBLE and box.height < MIN_PART_HEIGHT:  # the text above took the slide's room
                first_block = part.blocks[0]
                self.report.warning(
                    first_block.source.path, first_block.source.line,
                    f"no room is left for this {PART_NAMES[part.kind]} below the text of slide {quoted(slide.title_text)}; "
                    "shorten the text or give it a slide of its own",
                )
            else:
                self._place_part(draft, part, box, slide)
            top += height + STACK_GAP

    def _place_part(self, draft: SlideDraft, part: Part, box: Rect, slide: Slide) -> None:
        """A row of pictures, a chart, a table or code in `box`."""
        if part.kind == "pictures":
            self._pictures(draft, box, part.blocks)
        elif part.kind == "chart":
            self._chart(draft, box, part.blocks[0])
        elif part.kind == "code":
            self._code(draft, box, part.blocks[0], slide)
        else:
            table = part.blocks[0]
            self._table(
                draft, box, table.header, table.rows, size=self.type.body[1], align=table.align, slide=slide, step=self.reveal.step(table),
            )

    def _set_text(self, draft: SlideDraft, placeholder: PlaceholderSpec | None, box: Rect, paras: list[Para], slide: Slide, first: bool) -> None:
        """Text in the body placeholder (the first text of a body), else in a body text
        shape of its own where the layout has a body, else in a text box."""
        if placeholder is not None and first:
            draft.fill(placeholder, self._fitted(paras, box, slide), box=box)
        elif placeholder is not None:
            frame = self._fitted(paras, box, slide)
            draft.add(lambda i: TextBox(i, f"Text {i - 1}", box, frame, body=True))
        else:
            frame = self._fitted(paras, box, slide, explicit_sizes=True)
            draft.add(lambda i: TextBox(i, f"TextBox {i - 1}", box, frame))
