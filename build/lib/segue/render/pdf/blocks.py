"""Model blocks onto a PDF page: paragraphs, lists, quotes, tables, pictures, ruled lines.

One `BlockWriter` serves the handout and the scripts; each passes its own
`Typography`. Inline spans keep their bold, italic and links (fpdf2 `write`
with `link=`), and wrap with fpdf2's own line breaking.

To keep a heading with what follows, or a question with its writing lines,
the writer measures first: it draws the same blocks with a twin writer on a
page too tall to break, and reads how far down it got. Measuring with the
real drawing code means the estimate never drifts from what is printed.
"""

from __future__ import annotations

import io
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Callable

from fpdf.fonts import FontFace

from segue.diagnostics import Diagnostics
from segue.images import ImageCache, ImageProblem, PreparedImage
from segue.model import (
    Block,
    CodeBlock,
    Columns,
    Heading,
    Inline,
    ListBlock,
    Paragraph,
    Picture,
    Quote,
    Source,
    Span,
    Table,
    WriteLines,
    plain,
)
from segue.render.pdf import ink
from segue.render.pdf.document import Document, Margins
from segue.render.pdf.fonts import ALIAS, FAMILY, printable

PRINT_DPI = 300  # pictures keep enough pixels to print sharply at their placed size
BULLETS = ("•", "–", "·")
MEASURING_HEIGHT = 100_000.0  # points: a page no block list reaches the bottom of


@dataclass(frozen=True)
class TextStyle:
    size: float
    leading: float  # baseline to baseline
    color: ink.Rgb = ink.TEXT
    bold: bool = False
    italic: bool = False

    def but(self, **changes) -> "TextStyle":
        return replace(self, **changes)


@dataclass(frozen=True)
class Typography:
    body: TextStyle
    heading: TextStyle  # a level-1 heading inside a body; deeper levels step toward the body size
    accent: ink.Rgb  # list markers and headings
    paragraph_gap: float  # after a paragraph, a list, a picture
    item_gap: float  # between list items
    marker_width: float  # room for a bullet before an item's text; each nesting level indents by it
    write_line_gap: float  # between ruled writing lines
    picture_height: float  # pictures fit inside their column and this height
    show_urls: bool = False  # print a link's address after its text: paper has no hover


def shown_url(href: str) -> str:
    """A link's address as a reader would type it: no scheme, no trailing slash."""
    for scheme in ("https://", "http://", "mailto:"):
        if href.startswith(scheme):
            href = href[len(scheme) :]
            break
    return href.rstrip("/")


class Pictures:
    """Pictures for a PDF from the build's picture cache (so measuring and drawing,
    and later builds, decode once); a picture that cannot be prepared is
    remembered as its problem."""

    def __init__(self, cache: ImageCache | None = None) -> None:
        self.cache = cache or ImageCache()
        self._problems: dict[tuple[Path, tuple[int, int]], str] = {}

    def get(self, file: Path, box: tuple[int, int]) -> PreparedImage | str:
        key = (file, box)
        if key not in self._problems:
            try:
                return self.cache.prepare(file, box)
            except ImageProblem as problem:
                self._problems[key] = str(problem)
        return self._problems[key]


class BlockWriter:
    def __init__(
        self,
        doc: Document,
        typography: Typography,
        report: Diagnostics,
        output: str,
        pictures: Pictures | None = None,
        measuring: bool = False,
    ) -> None:
        self.doc = doc
        self.typography = typography
        self.report = report
        self.output = output  # "handout" or "script", for messages
        self.pictures = pictures or Pictures()
        self.measuring = measuring
        self._twin: BlockWriter | None = None
        self._warned: set[tuple[str, int | None, str]] = set()

    # --- text --------------------------------------------------------------------

    def printable(self, text: str, source: Source | None) -> str:
        clean, missing = printable(text)
        if missing and not self.measuring and source is not None:
            key = (source.path, source.line, missing)
            if key not in self._warned:
                self._warned.add(key)
                chars = ", ".join(f"“{c}” (U+{ord(c):04X})" for c in missing)
                self.report.warning(
                    source.path, source.line, f"{chars} not in the {FAMILY} font; left out of the {self.output}"
                )
        return clean

    def use(self, style: TextStyle, span: Span | None = None, color: ink.Rgb | None = None) -> None:
        bold = style.bold or (span is not None and span.bold)
        italic = style.italic or (span is not None and span.italic)
        underline = span is not None and span.href is not None
        emphasis = ("B" if bold else "") + ("I" if italic else "") + ("U" if underline else "")
        self.doc.set_font(ALIAS, emphasis, style.size)
        if color is None:
            color = ink.SECONDARY if span is not None and span.code and style.color == ink.TEXT else style.color
        self.doc.set_text_color(*color)

    def spans(self, inline: Inline, style: TextStyle, source: Source | None) -> None:
        """Write inline text from the current position; wrapped lines start at the left margin."""
        for span in inline:
            text = self.printable(span.text, source)
            if not text:
                continue
            self.use(style, span)
            self.doc.write(style.leading, text, link=span.href or "")
            if span.href and self.typography.show_urls:
                address = shown_url(span.href)
                if address and address not in text:
                    self.use(style.but(size=style.size * 0.85, bold=False, italic=False), color=ink.SECONDARY)
                    self.doc.write(style.leading, f" ({address})", link=span.href)

    def text(self, inline: Inline, style: TextStyle, source: Source | None, gap: float | None = None) -> None:
        """A paragraph of inline text, then the gap below it."""
        if not plain(inline).strip():
            return
        self.doc.x = self.doc.l_margin
        self.spans(inline, style, source)
        self.doc.ln(style.leading)
        self.doc.gap(self.typography.paragraph_gap if gap is None else gap)

    def line(self, text: str, style: TextStyle, source: Source | None = None, gap: float | None = None) -> None:
        self.text((Span(text),), style, source, gap)

    def rule(self, color: ink.Rgb = ink.RULE, width: float = 0.5) -> None:
        self.doc.set_draw_color(*color)
        self.doc.set_line_width(width)
        self.doc.line(self.doc.l_margin, self.doc.y, self.doc.w - self.doc.r_margin, self.doc.y)

    # --- blocks ------------------------------------------------------------------

    def blocks(self, blocks: list[Block], style: TextStyle | None = None) -> None:
        style = style or self.typography.body
        for index, block in enumerate(blocks):
            following = blocks[index + 1] if index + 1 < len(blocks) else None
            self.keep_with_next(block, following, style)
            self.block(block, style)

    def keep_with_next(self, block: Block, following: Block | None, style: TextStyle) -> None:
        """Move to the next frame first when a block would be parted from what it introduces."""
        if self.measuring:
            return
        if isinstance(block, Heading):
            together = self.measure(lambda w: w.block(block, style)) + 2 * style.leading
        elif isinstance(block, Paragraph) and isinstance(following, WriteLines):
            together = self.measure(lambda w: w.blocks([block, following], style))
        else:
            return
        self.doc.ensure_space(min(together, self.doc.frame_bottom - self.doc.frame_top))

    def block(self, block: Block, style: TextStyle) -> None:
        if isinstance(block, Paragraph):
            self.text(block.inline, style, block.source)
        elif isinstance(block, Heading):
            self.heading(block, style)
        elif isinstance(block, ListBlock):
            self.list(block, style)
        elif isinstance(block, Quote):
            self.quote(block, style)
        elif isinstance(block, CodeBlock):
            self.code(block, style)
        elif isinstance(block, Table):
            self.table(block, style)
        elif isinstance(block, Picture):
            self.picture(block)
        elif isinstance(block, Columns):
            # A column is narrow already; side by side inside it nothing would read.
            for column in block.columns:
                self.blocks(column, style)
        elif isinstance(block, WriteLines):
            self.write_lines(block)

    def heading_style(self, level: int, style: TextStyle) -> TextStyle:
        top = self.typography.heading
        if level <= 1:
            return top.but(bold=True)
        if level == 2:
            size = (top.size + style.size) / 2
            return top.but(size=size, leading=size * style.leading / style.size, bold=True)
        return style.but(bold=True, color=top.color)

    def heading(self, block: Heading, style: TextStyle) -> None:
        heading = self.heading_style(block.level, style)
        self.doc.gap(heading.size * 0.4)
        self.text(block.inline, heading, block.source, gap=heading.size * 0.25)

    def list(self, block: ListBlock, style: TextStyle) -> None:
        doc = self.doc
        base = doc.indent
        numbers = [number for _, number, _, owner in block.flatten() if owner.ordered]
        self.use(style.but(bold=True))
        number_width = max((doc.get_string_width(f"{n}.") for n in numbers), default=0) + style.size * 0.45
        marker_width = max(self.typography.marker_width, number_width)
        for level, number, item, owner in block.flatten():
            marker_left = base + level * marker_width
            doc.set_indent(marker_left + marker_width)
            doc.ensure_space(style.leading)  # the marker and the item's first line move together
            y = doc.y
            if owner.ordered:
                self.use(style.but(bold=True), color=self.typography.accent)
                marker = f"{number}."
            else:
                self.use(style.but(bold=False, italic=False), color=self.typography.accent)
                marker = BULLETS[min(level, len(BULLETS) - 1)]
            doc.set_xy(doc.frame_left + marker_left, y)
            doc.cell(marker_width, style.leading, marker)
            doc.set_xy(doc.l_margin, y)
            if plain(item.inline).strip():
                self.spans(item.inline, style, item.source)
            doc.ln(style.leading)
            doc.gap(self.typography.item_gap)
        doc.set_indent(base)
        doc.gap(self.typography.paragraph_gap - self.typography.item_gap)

    def _with_bar(self, draw: Callable[[], None], indent: float, color: ink.Rgb) -> None:
        """Draw indented content with a rule down its left side (quotes, code)."""
        doc = self.doc
        base = doc.indent
        doc.set_indent(base + indent)
        frame, top = doc.frame_id, doc.y
        draw()
        bottom = doc.y - self.typography.paragraph_gap
        if doc.frame_id == frame and bottom > top and not self.measuring:
            x = doc.frame_left + base + 1
            doc.set_draw_color(*color)
            doc.set_line_width(1.5)
            doc.line(x, top + 1, x, bottom)
        doc.set_indent(base)

    def quote(self, block: Quote, style: TextStyle) -> None:
        quoted = style.but(italic=True)
        self._with_bar(lambda: self.blocks(block.blocks, quoted), style.size * 1.1, ink.RULE)

    def code(self, block: CodeBlock, style: TextStyle) -> None:
        code = style.but(size=style.size * 0.9, leading=style.leading * 0.9, color=ink.SECONDARY)

        def draw() -> None:
            self.use(code)
            self.doc.x = self.doc.l_margin
            self.doc.write(code.leading, self.printable(block.text.rstrip("\n"), block.source))
            self.doc.ln(code.leading)
            self.doc.gap(self.typography.paragraph_gap)

        self._with_bar(draw, style.size * 1.1, ink.RULE)

    def table(self, block: Table, style: TextStyle) -> None:
        doc = self.doc
        if not self.measuring:
            doc.ensure_space(self.measure(lambda w: w.table(block, style)))
        columns = max([len(block.header), *(len(row) for row in block.rows)], default=0)
        if columns == 0:
            return
        aligns = tuple(
            {"right": "RIGHT", "center": "CENTER"}.get((block.align[i] if i < len(block.align) else None) or "", "LEFT")
            for i in range(columns)
        )

        def cells(row: list[Inline]) -> list[str]:
            texts = [self.printable(plain(cell), block.source) for cell in row]
            return texts + [""] * (columns - len(texts))

        self.use(style)
        doc.set_draw_color(*ink.RULE)
        doc.set_line_width(0.5)
        doc.x = doc.l_margin
        try:
            with doc.table(
                width=doc.epw,
                align="LEFT",
                text_align=aligns,
                line_height=style.leading,
                borders_layout="HORIZONTAL_LINES",
                headings_style=FontFace(emphasis="BOLD", color=style.color),
                padding=(style.size * 0.25, style.size * 0.5, style.size * 0.25, 0),
                first_row_as_headings=bool(block.header),
            ) as table:
                for row in ([block.header] if block.header else []) + block.rows:
                    table.row(cells(row))
        except ValueError as problem:  # a row taller than a page
            self.report.warning(block.source.path, block.source.line, f"table not drawn in the {self.output}: {problem}")
        doc.x = doc.l_margin
        doc.gap(self.typography.paragraph_gap)

    def picture(self, block: Picture) -> None:
        doc = self.doc
        width_limit, height_limit = doc.epw, self.typography.picture_height
        box = (round(width_limit / 72 * PRINT_DPI), round(height_limit / 72 * PRINT_DPI))
        prepared = self.pictures.get(block.asset.file, box)
        if isinstance(prepared, str):
            if not self.measuring:
                self.report.warning(
                    block.source.path, block.source.line, f"{block.asset.path}: {prepared}; left out of the {self.output}"
                )
            return
        scale = min(width_limit / prepared.width, height_limit / prepared.height)
        width, height = prepared.width * scale, prepared.height * scale
        doc.ensure_space(height)
        if not self.measuring:
            x = doc.l_margin + (doc.epw - width) / 2
            doc.image(io.BytesIO(prepared.data), x=x, y=doc.y, w=width, h=height, alt_text=block.alt)
        doc.set_xy(doc.l_margin, doc.y + height)
        doc.gap(self.typography.paragraph_gap)

    def write_lines(self, block: WriteLines) -> None:
        doc = self.doc
        for _ in range(block.count):
            doc.ensure_space(self.typography.write_line_gap)
            doc.set_xy(doc.l_margin, doc.y + self.typography.write_line_gap)
            if not self.measuring:
                self.rule(ink.WRITE_RULE, 0.6)
        doc.gap(self.typography.write_line_gap * 0.6)  # the next question stands clear of the last line

    # --- measuring -----------------------------------------------------------------

    def measure(self, draw: Callable[["BlockWriter"], None]) -> float:
        """How far down `draw` would move in the current text width, on a page that never breaks."""
        if self.measuring:
            return 0.0
        twin = self._measuring_twin()
        twin.doc.page_margins = Margins(0, 0, twin.doc.w - self.doc.epw, 0, 0)
        twin.doc.set_indent(0)
        # Start a point below the top, so gaps count as they will mid-column.
        twin.doc.set_xy(0, 1)
        draw(twin)
        return twin.doc.y - 1

    def _measuring_twin(self) -> "BlockWriter":
        if self._twin is None:
            page = (self.doc.w, MEASURING_HEIGHT)
            doc = Document(page, Margins(0, 0, 0, 0, 0))
            doc.set_auto_page_break(False)
            doc.add_page()
            self._twin = BlockWriter(doc, self.typography, Diagnostics(), self.output, self.pictures, measuring=True)
        return self._twin
