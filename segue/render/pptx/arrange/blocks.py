"""Pictures and code placed in the area a layout gives them (tables: `tables.py`).
"""

from __future__ import annotations

from segue.media.highlight import highlight
from segue.talk.model import (
    Chart,
    CodeBlock,
    Picture,
    Slide,
    Span,
    Table,
)
from segue.render.pptx.arranged import (
    ChartBox,
    CodeBox,
    Para,
    PictureBox,
)
from segue.render.pptx.geometry import EMU_PER_POINT, Rect
from segue.render.pptx.text import (
    CODE_LINES,
    INSET,
    LINE_HEIGHT,
    MIN_PT,
    estimate_height,
    fit_scale,
    fitted_size,
)
from segue.render.pptx.arrange.measures import GAP, CODE_PT, CODE_BACKGROUND, MIN_PICTURE_WIDTH
from segue.render.pptx.arrange.draft import SlideDraft, aspect_of, asked_size, contain, cover_crop, pixels_for


class BlockPlacing:
    """Pictures in rows, code boxes. Mixed into `Arranger`: its methods use the arranger's `talk`, `plan`, `stage`,
    `report`, `type`, `content_area`, `reveal`, `reserve` and `accent`, and each
    other's."""

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
            elif isinstance(table, Chart):
                self._chart(draft, box, table)
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
        aspect = aspect_of(picture.asset.pixels)
        space = space or area
        if picture.width is not None or picture.height is not None:
            wanted = asked_size(picture, aspect, space)
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

    def _chart(self, draft: SlideDraft, area: Rect, chart: Chart) -> None:
        """A native chart filling its area, its labels at the look's smallest body size."""
        step = self.reveal.step(chart)
        draft.add(lambda i: ChartBox(
            i, f"Chart {i - 1}", area, chart.kind, chart.category_name, chart.categories, chart.series, chart.summary(),
            max(MIN_PT, self.type.body[-1] - 2), step,
        ))

    def _code(self, draft: SlideDraft, area: Rect, block: CodeBlock, slide: Slide) -> None:
        """Code in a shaded box, coloured by its language, as large as fits down to 18 pt.

        A box of code has no space between its lines (its paragraphs are lines), so
        it is measured without the body's paragraph spacing; a long line that wraps
        takes two. The box never shrinks its text on overflow: lines that do not fit
        at 18 pt are left out, with a warning naming them. Lines past what the box
        could hold at all are left out before anything is coloured or measured (a
        block can be very long)."""
        text_lines = block.text.split("\n")
        room = max(1, int((area.height - 2 * INSET) // (MIN_PT * LINE_HEIGHT * EMU_PER_POINT)))
        lines = highlight("\n".join(text_lines[: room + 1]), block.language)
        scale, fits = fit_scale(code_paras(lines, CODE_PT), area.width, area.height, CODE_LINES)
        size = fitted_size(CODE_PT, scale)
        shown = lines
        if not fits or len(text_lines) > len(lines):
            size = MIN_PT
            shown = lines[: fitting_lines(lines, area.width, area.height, size)]
            measured = code_height(lines, area.width, size) if len(text_lines) == len(lines) else None
            wrapped = round((measured - 2 * INSET) / (size * LINE_HEIGHT * EMU_PER_POINT)) if measured is not None else len(text_lines)
            written = f"{len(text_lines)} lines" + (f", {wrapped} once its long lines wrap" if wrapped != len(text_lines) else "")
            total = len(text_lines)
            left_out = f"line {total} is" if len(shown) == total - 1 else f"lines {len(shown) + 1}–{total} are"
            self.report.warning(
                block.source.path,
                block.source.line,
                f"the code block has {written}; {len(shown)} fit its box on this slide at {MIN_PT:g} pt and {left_out} left out: "
                "shorten it or give it a slide of its own",
            )
        step = self.reveal.step(block)
        box = Rect(area.left, area.top, area.width, min(area.height, code_height(shown, area.width, size)))
        draft.add(lambda i: CodeBox(i, f"Code {i - 1}", box, tuple(shown), size, CODE_BACKGROUND, step))


def code_paras(lines, size: float) -> list[Para]:
    """Code lines as monospace paragraphs, for measuring."""
    return [Para((Span("".join(r.text for r in line) or " "),), size, mono=True) for line in lines]


def code_height(lines, width: int, size: float) -> int:
    """The height of a box of code lines `width` wide, at `size`."""
    return estimate_height(code_paras(lines, size), width, 1.0, CODE_LINES)


def fitting_lines(lines, width: int, height: int, size: float) -> int:
    """How many of the first lines fit `height` at `size` (each line's height measured once)."""
    used = 2 * INSET
    for count, line in enumerate(code_paras(lines, size)):
        used += estimate_height([line], width, 1.0, CODE_LINES) - 2 * INSET
        if used > height:
            return count
    return len(lines)
