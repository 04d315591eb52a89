"""Native tables (content tables and the agenda) placed inside the area they are given.

Columns are as wide as their text asks (a column of short numbers gives its
room to the long titles beside it). Type is shrunk, 2 pt at a time, down to
18 pt until the rows fit; a table that still does not fit is set in two
halves side by side (each with the header row) where the area is wide enough
for them; what still does not fit is left out, rows from the end (and the
words of a single row that alone is too tall), with a warning. Nothing of a
table reaches below its area.
"""

from __future__ import annotations

from segue.diagnostics import quoted
from segue.talk.model import Slide, Span
from segue.render.pptx.arranged import Para, TableBox
from segue.render.pptx.geometry import EMU_PER_POINT, Measure, Rect, Stage
from segue.render.pptx.text import INSET, MIN_PT, STANDARD, estimate_height, sized, text_width
from segue.render.pptx.arrange.draft import SlideDraft
from segue.render.pptx.arrange.measures import GAP

Grid = list[list[tuple[Span, ...]]]
ELLIPSIS = "…"


def table_grid(header, rows) -> Grid:
    """Header and rows as cells of spans, every row as long as the header."""
    columns = len(header)
    grid = [[(Span(v),) if isinstance(v, str) else tuple(v) for v in row] for row in [header, *rows]]
    return [row[:columns] + [()] * (columns - len(row)) for row in grid]


def _text(cell: tuple[Span, ...]) -> str:
    return "".join(span.text for span in cell)


def column_widths(grid: list[list[str]], narrowest: float = 0.12) -> list[float]:
    """Column fractions in proportion to each column's longest text, none below `narrowest`:
    a column of short clock times gives its room to the titles and names beside it."""
    natural = [max(text_width(row[c]) for row in grid) + 1.0 for c in range(len(grid[0]))]
    total = sum(natural)
    fractions = [max(narrowest, width / total) for width in natural]
    scale = sum(fractions)
    return [fraction / scale for fraction in fractions]


def grid_widths(grid: Grid) -> list[float]:
    return column_widths([[_text(cell) for cell in row] for row in grid], narrowest=min(0.12, 0.5 / len(grid[0])))


def row_heights(grid: Grid, widths: list[int], size: float, measure: Measure = STANDARD) -> list[int]:
    return [
        max(estimate_height([Para(cell, size, bold=(r == 0))], widths[c], 1.0, measure) for c, cell in enumerate(row))
        for r, row in enumerate(grid)
    ]


def _longest_word(grid: Grid, column: int) -> int:
    """The width (EMU) column `column` needs for its longest word at 18 pt, bold in the header."""
    longest = max((text_width(word) * (1.06 if r == 0 else 1.0) for r, row in enumerate(grid) for word in _text(row[column]).split()), default=0.0)
    return int(longest * MIN_PT * EMU_PER_POINT) + 2 * INSET


def table_height(grid: Grid, width: int, size: float, measure: Measure = STANDARD) -> int:
    """The height of a table `width` wide at `size` (not below 18 pt), its columns sized by their text."""
    widths = [int(width * f) for f in grid_widths(grid)]
    return sum(row_heights(grid, widths, max(size, MIN_PT), measure))


def _shrunk(grid: Grid, widths: list[int], size: float, height: int, measure: Measure) -> tuple[float, list[int], bool]:
    """The largest size from `size` down to 18 pt, 2 pt at a time, at which the rows fit `height`."""
    size = max(size, MIN_PT)
    heights = row_heights(grid, widths, size, measure)
    while sum(heights) > height and size > MIN_PT:
        size = max(MIN_PT, size - 2)
        heights = row_heights(grid, widths, size, measure)
    return size, heights, sum(heights) <= height


def _shorten(row: list[tuple[Span, ...]], widths: list[int], height: int, measure: Measure) -> list[tuple[Span, ...]]:
    """A row whose cells keep as many words as fit `height` at 18 pt, each cut one marked with '…'."""
    shortened = []
    for cell, width in zip(row, widths):
        words = _text(cell).split()
        while words and estimate_height([Para((Span(" ".join(words) + ELLIPSIS),), MIN_PT, bold=True)], width, 1.0, measure) > height:
            words.pop()
        kept = " ".join(words)
        shortened.append(cell if kept == _text(cell).strip() else (Span(kept + ELLIPSIS if kept else ELLIPSIS),))
    return shortened


class TablePlacing:
    """Tables and the agenda. Mixed into `Arranger`: its methods use the arranger's `report` and `type`."""

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
        """A native table inside `area`: shrunk, split in halves side by side, or cut (reported).

        Cells are strings or inline spans.
        """
        grid = table_grid(header, rows)
        fractions = widths or grid_widths(grid)
        columns = [int(area.width * f) for f in fractions]
        line = self.type.measure
        fitted, heights, fits = _shrunk(grid, columns, size, area.height, line)
        if fits:
            self._table_box(draft, area, grid, columns, heights, fitted, align, step)
            return
        halves = self._halves(area, grid, fractions, size, line)
        if halves is not None:
            for box, part, part_columns, part_heights, part_size in halves:
                self._table_box(draft, box, part, part_columns, part_heights, part_size, align, step)
            return
        # Rows from the end are left out until the rest fits at 18 pt; a single row too tall
        # even alone keeps the words that fit.
        heights = row_heights(grid, columns, MIN_PT, line)
        kept = len(grid)
        while kept > 1 and sum(heights[:kept]) > area.height:
            kept -= 1
        if sum(heights[:kept]) > area.height:
            grid = [_shorten(grid[0], columns, max(0, area.height), line)]
            heights = row_heights(grid, columns, MIN_PT, line)
        kept_grid = grid[:kept]
        left_out = len(grid) - kept
        self._table_box(draft, area, kept_grid, columns, heights[:kept], MIN_PT, align, step)
        what = (
            f"rows {kept} to {len(grid) - 1} of {len(grid) - 1} are left out" if left_out > 1
            else f"row {kept} of {len(grid) - 1} is left out" if left_out == 1
            else "its text is cut short"
        )
        if slide is not None:
            self.report.warning(
                slide.source.path, slide.source.line,
                f"the table on slide {quoted(slide.title_text)} does not fit its slide even at {MIN_PT:g} pt, in two halves side by side "
                f"or not: {what}; split it over two slides",
            )
        elif warn is not None:
            warn(f" does not fit its slide even at {MIN_PT:g} pt: {what}")

    def _halves(self, area: Rect, grid: Grid, fractions: list[float], size: float, measure: Measure):
        """The table in two halves side by side (each with the header row), when both fit
        and its columns keep enough width; None otherwise."""
        body = grid[1:]
        if len(body) < 2:
            return None
        boxes = area.split_columns(2, GAP)
        if any(f * boxes[0].width < _longest_word(grid, c) for c, f in enumerate(fractions)):
            return None  # its words would break
        middle = (len(body) + 1) // 2
        found = []
        for box, part in zip(boxes, ([grid[0], *body[:middle]], [grid[0], *body[middle:]])):
            columns = [int(box.width * f) for f in fractions]
            fitted, heights, fits = _shrunk(part, columns, size, box.height, measure)
            if not fits:
                return None
            found.append((box, part, columns, heights, fitted))
        smallest = min(item[4] for item in found)  # both halves at one size
        return [(box, part, columns, row_heights(part, columns, smallest, measure), smallest) for box, part, columns, _, _ in found]

    def _table_box(self, draft: SlideDraft, area: Rect, grid: Grid, columns: list[int], heights: list[int], size: float, align, step: int) -> None:
        columns = [*columns[:-1], area.width - sum(columns[:-1])]  # the last column takes what rounding left
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
        draft.add(lambda i: TableBox(i, "Table", box, tuple(columns), tuple(heights), cells, step))


def agenda_fits_on(stage: Stage):
    """Whether an agenda of given rows (clock range, segment, lead) under its header row fits
    the stage's agenda layout at 18 pt, as `_agenda` sets it: where its body is (else the
    content area), columns by their text."""
    layout = stage.layouts["agenda"]
    bodies = layout.bodies
    area = bodies[0].box if bodies and bodies[0].box.usable else stage.content_area
    line = stage.type_scale.measure

    def fits(header: tuple[str, str, str], rows: list[tuple[str, str, str]]) -> bool:
        grid = table_grid(list(header), rows)
        columns = [int(area.width * f) for f in grid_widths(grid)]
        return sum(row_heights(grid, columns, MIN_PT, line)) <= area.height

    return fits
