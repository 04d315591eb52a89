"""An fpdf2 document set up for the printed outputs.

Every PDF the build writes starts here: the embedded font, the paper, the
margins, a footer with the talk's title and "Page N of M", metadata that
depends only on the sources (so equal sources give equal bytes), and text
that can flow through columns.

Columns use fpdf2's own page-break hook: when text reaches the bottom of a
column, `accept_page_break` moves on to the next column instead of a new
page, so a paragraph or list item can continue from one column to the next.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from fpdf import FPDF
from fpdf.fonts import TTFFont

from segue.render.pdf import ink
from segue.render.pdf.fonts import ALIAS, font_files, printable

PAPERS = ("letter", "a4")


@dataclass(frozen=True)
class Margins:
    left: float
    top: float
    right: float
    bottom: float  # from the page's bottom edge to the lowest line of text
    footer: float  # from the page's bottom edge to the footer's rule


@dataclass
class ColumnFlow:
    """Text flowing through `count` columns on each page, from `top` down."""

    count: int
    gutter: float
    top: float
    column: int = 0
    ends: list[float] = field(default_factory=list)  # lowest point reached in each column on this page


@dataclass(frozen=True)
class FlowEnd:
    """Where a column flow stopped: its last page, the columns' top and their ends there."""

    page: int
    top: float
    ends: tuple[float, ...]

    @property
    def filled(self) -> float:
        """The height of text in the flow's last page, all columns added up."""
        return sum(end - self.top for end in self.ends)

    @property
    def bottom(self) -> float:
        return max(self.ends)


_WIDTHS: dict[str, dict[str, int]] = {}  # font key -> text -> width in font units
_WIDTHS_KEPT = 400_000


class PrefixWidthFont(TTFFont):
    """fpdf2's TrueType font, remembering the widths of the texts it has measured.

    fpdf2's line breaker measures the whole line again each time it adds a
    character, so a line of n characters costs n² lookups; with the width of
    the text minus its last character remembered, each measure costs one.
    This is most of the time it takes to set a presenter's script. (fpdf2
    gives its fonts fixed slots, so the widths live in `_WIDTHS`, per font.)
    """

    __slots__ = ()

    def get_text_width(self, text: str, font_size_pt: float, text_shaping_params) -> tuple[int, float]:
        if text_shaping_params or self.is_symbol:
            return super().get_text_width(text, font_size_pt, text_shaping_params)
        if font_size_pt > self.biggest_size_pt:
            self.biggest_size_pt = font_size_pt
        known = _WIDTHS.setdefault(self.fontkey, {})
        if len(known) > _WIDTHS_KEPT:
            known.clear()
        units = known.get(text)
        if units is None:
            shorter = known.get(text[:-1]) if len(text) > 1 else None
            widths = self.cw
            units = shorter + widths[ord(text[-1])] if shorter is not None else sum(widths[ord(c)] for c in text)
            known[text] = units
        return len(text), units * font_size_pt * 0.001


class Document(FPDF):
    FOOTER_SIZE = 8.5

    def __init__(
        self,
        paper: str | tuple[float, float],
        margins: Margins,
        *,
        title: str = "",
        footer: str = "",
        created: dt.datetime | None = None,
    ) -> None:
        super().__init__(orientation="portrait", unit="pt", format=paper)
        for style, file in font_files().items():
            self.add_font(ALIAS, style, str(file))
        for font in self.fonts.values():
            if type(font) is TTFFont:
                font.__class__ = PrefixWidthFont
        self.page_margins = margins
        self.set_margins(margins.left, margins.top, margins.right)
        self.set_auto_page_break(True, margins.bottom)
        # Text starts exactly at the margin, in line with rules and pictures.
        self.c_margin = 0
        self.set_creator("segue")
        if title:
            self.set_title(printable(title)[0])
        if created is not None:
            self.set_creation_date(created)
        self.footer_text = printable(footer)[0]
        self.flow: ColumnFlow | None = None
        self.flow_end: FlowEnd | None = None
        self.balance: tuple[int, float] | None = None  # (page, lowest point of its first column)
        self.indent = 0.0

    # --- frames: the page's text area, or one column of it ---------------------

    @property
    def content_width(self) -> float:
        return self.w - self.page_margins.left - self.page_margins.right

    @property
    def frame_width(self) -> float:
        flow = self.flow
        if flow is None:
            return self.content_width
        return (self.content_width - flow.gutter * (flow.count - 1)) / flow.count

    @property
    def frame_left(self) -> float:
        flow = self.flow
        if flow is None:
            return self.page_margins.left
        return self.page_margins.left + flow.column * (self.frame_width + flow.gutter)

    @property
    def frame_top(self) -> float:
        return self.flow.top if self.flow is not None else self.t_margin

    @property
    def frame_bottom(self) -> float:
        return self.page_break_trigger

    @property
    def frame_id(self) -> tuple[int, int]:
        return self.page, self.flow.column if self.flow is not None else 0

    def _apply_frame(self) -> None:
        left = self.frame_left
        self.set_left_margin(left + self.indent)
        self.set_right_margin(self.w - left - self.frame_width)
        bottom = self.h - self.b_margin
        flow = self.flow
        if flow is not None and flow.column == 0 and self.balance is not None and self.balance[0] == self.page:
            bottom = min(bottom, self.balance[1])
        self.page_break_trigger = bottom

    def set_indent(self, indent: float) -> None:
        """Indent text from the frame's left edge (lists, quotes); wrapped lines keep it."""
        self.indent = indent
        self._apply_frame()

    @property
    def accept_page_break(self) -> bool:
        # fpdf2 asks this whenever text reaches the bottom: move to the next column
        # when there is one, else let the page break happen with column one ready.
        flow = self.flow
        if flow is None or self.in_footer:
            return self.auto_page_break
        flow.ends[flow.column] = max(flow.ends[flow.column], self.y)
        if flow.column + 1 < flow.count:
            flow.column += 1
            self._apply_frame()
            self.set_xy(self.l_margin, flow.top)
            return False
        flow.column = 0
        self._apply_frame()
        self.x = self.l_margin
        return self.auto_page_break

    def header(self) -> None:
        flow = self.flow
        if flow is not None:
            flow.top = self.t_margin
            flow.column = 0
            flow.ends = [flow.top] * flow.count
        self._apply_frame()
        self.x = self.l_margin

    def start_columns(self, count: int, gutter: float) -> None:
        self.flow = ColumnFlow(count, gutter, self.y, 0, [self.y] * count)
        self._apply_frame()
        self.x = self.l_margin

    def end_columns(self) -> None:
        """Leave the columns; text continues full width under the longest one."""
        flow = self.flow
        if flow is None:
            return
        flow.ends[flow.column] = max(flow.ends[flow.column], self.y)
        self.flow_end = FlowEnd(self.page, flow.top, tuple(flow.ends))
        self.flow = None
        self._apply_frame()
        self.set_xy(self.l_margin, self.flow_end.bottom)

    def break_frame(self) -> None:
        """Continue at the top of the next column, or of a new page."""
        if self.accept_page_break:
            self.add_page()

    def ensure_space(self, height: float) -> None:
        """Break to the next frame first unless `height` fits below (or we are at a frame's top)."""
        if self.y + height > self.frame_bottom and self.y > self.frame_top + 1:
            self.break_frame()

    def gap(self, height: float) -> None:
        """Vertical space between blocks; none at the top of a frame."""
        if self.y > self.frame_top + 0.5:
            self.y = min(self.y + height, self.frame_bottom)
        self.x = self.l_margin

    def fitted(self, text: str, width: float) -> str:
        """`text` in the current font, shortened with an ellipsis to fit `width`."""
        if self.get_string_width(text) <= width:
            return text
        while text and self.get_string_width(text + "…") > width:
            text = text[:-1]
        return text.rstrip() + "…"

    @property
    def space_left(self) -> float:
        return self.frame_bottom - self.y

    # --- page furniture --------------------------------------------------------

    def footer(self) -> None:
        margins = self.page_margins
        width = self.content_width
        y = self.h - margins.footer
        self.set_draw_color(*ink.RULE)
        self.set_line_width(0.5)
        self.line(margins.left, y, margins.left + width, y)
        self.set_font(ALIAS, "", self.FOOTER_SIZE)
        self.set_text_color(*ink.CUE)
        number = f"Page {self.page_no()} of {{nb}}"
        number_width = self.get_string_width(f"Page {self.page_no()} of 999") + 2
        self.set_xy(margins.left, y + 4)
        self.cell(width - number_width, self.FOOTER_SIZE * 1.4, self.fitted(self.footer_text, width - number_width - 12), align="L")
        self.set_xy(margins.left + width - number_width, y + 4)
        self.cell(number_width, self.FOOTER_SIZE * 1.4, number, align="R")
