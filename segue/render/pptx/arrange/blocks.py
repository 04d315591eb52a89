"""Pictures, tables and code placed in the area a layout gives them.
"""

from __future__ import annotations

from dataclasses import replace

from segue.diagnostics import quoted
from segue.media.highlight import highlight
from segue.talk.model import (
    CodeBlock,
    Picture,
    Slide,
    Span,
    Table,
)
from segue.render.pptx.arranged import (
    CodeBox,
    Para,
    PictureBox,
    TableBox,
)
from segue.render.pptx.geometry import EMU_PER_POINT, Rect
from segue.render.pptx.text import (
    INSET,
    LINE_HEIGHT,
    MIN_PT,
    estimate_height,
    fit_scale,
    fitted_size,
    sized,
    text_width,
)
from segue.render.pptx.arrange.measures import GAP, CODE_PT, CODE_BACKGROUND, MIN_PICTURE_WIDTH
from segue.render.pptx.arrange.draft import SlideDraft, aspect_of, asked_size, contain, cover_crop, pixels_for


class BlockPlacing:
    """Pictures in rows, native tables, code boxes. Mixed into `Arranger`: its methods use the arranger's `talk`, `plan`, `stage`,
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

    def _code(self, draft: SlideDraft, area: Rect, block: CodeBlock, slide: Slide) -> None:
        """Code in a shaded box, coloured by its language, as large as fits down to 18 pt;
        lines beyond what the box could show at all (twice what it holds at 18 pt, what
        an application shrinking the text to fit still shows) are left out before
        anything is measured or written, with the warning that says how many fit.

        A box of code has no space between its lines (its paragraphs are lines), so
        it is measured without the body's paragraph spacing; a long line that wraps
        takes two."""
        text_lines = block.text.split("\n")
        room = max(1, int((area.height - 2 * INSET) // (MIN_PT * LINE_HEIGHT * EMU_PER_POINT)))
        lines = highlight("\n".join(text_lines[: 2 * room]), block.language)
        paras = [Para((Span("".join(r.text for r in line) or " "),), CODE_PT, mono=True) for line in lines]
        scale, fits = fit_scale(paras, area.width, area.height, space_before=0.0)
        size = fitted_size(CODE_PT, scale)
        sized_paras = [replace(para, size=size) for para in paras]
        needed = estimate_height(sized_paras, area.width, 1.0, space_before=0.0)
        if not fits or len(text_lines) > 2 * room:
            line_height = size * LINE_HEIGHT * EMU_PER_POINT
            room = max(0, int((area.height - 2 * INSET) // line_height))
            taken = round((needed - 2 * INSET) / line_height)
            wraps = len(text_lines) == len(lines) and taken != len(lines)
            written = f"{len(text_lines)} lines" + (f", {taken} once its long lines wrap" if wraps else "")
            self.report.warning(
                block.source.path,
                block.source.line,
                f"the code block has {written}; about {room} fit its box on this slide at {MIN_PT:g} pt: shorten it or give it a slide of its own",
            )
        step = self.reveal.step(block)
        box = Rect(area.left, area.top, area.width, min(area.height, needed))
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
                    slide.source.path, slide.source.line, f"the table on slide {quoted(slide.title_text)} may not fit even at {MIN_PT:g} pt; split it"
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


def column_widths(grid: list[list[str]], narrowest: float = 0.12) -> list[float]:
    """Column fractions in proportion to each column's longest text, none below `narrowest`:
    a column of short clock times gives its room to the titles and names beside it."""
    natural = [max(text_width(row[c]) for row in grid) + 1.0 for c in range(len(grid[0]))]
    total = sum(natural)
    fractions = [max(narrowest, width / total) for width in natural]
    scale = sum(fractions)
    return [fraction / scale for fraction in fractions]
