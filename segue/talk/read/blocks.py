"""Block markdown to model blocks: paragraphs, lists, quotes, code, math, tables,
pictures, definition and line blocks.

What a `:::` container means (speaker notes, handout, columns, write lines) is
decided by the caller through `ContainerHandler`.
"""

from __future__ import annotations

import html
import re
from dataclasses import replace
from typing import Callable, Protocol

from markdown_it.tree import SyntaxTreeNode

from segue.diagnostics import Diagnostics, quoted
from segue.media.highlight import known_language
from segue.media.formulas import MathProblem, parse_tex
from segue.talk.model import (
    Asset,
    Block,
    Chart,
    CodeBlock,
    Definition,
    DefinitionList,
    Heading,
    Inline,
    LineBlock,
    ListBlock,
    ListItem,
    MathBlock,
    Paragraph,
    Pause,
    Picture,
    Quote,
    Size,
    Source,
    Span,
    Table,
    blocks_text,
)
from segue.talk.read.inline import HIDDEN_ELEMENTS, InlineImage, InlineReader, descendants, merge_spans, strip_inline, text_of_html
from segue.talk.read.charts import chart_of_block, chart_of_file
from segue.talk.read.markdown import MAX_LIST_LEVELS, Footnotes, container_name, line_of, read_attributes

# The numbers a slide's list may start at (`startAt` in DrawingML is 1 to 32767).
LIST_NUMBERS = (1, 32767)
_TASK = re.compile(r"""checked""")


class ContainerHandler(Protocol):
    def __call__(self, name: str, args: str, node: SyntaxTreeNode, line: int) -> list[Block]:
        """Handle a `::: name args` container; return blocks to put in its place."""


ImageResolver = Callable[[InlineImage, Source], "Asset | None"]
DataReader = Callable[[str, Source], "tuple[str, str] | None"]  # a data file's talk path and text

_SIZE = re.compile(r"^(\d+(?:\.\d+)?)\s*(%|in|cm|mm|pt|px)?$")
PAUSE = ". . ."
MAX_CODE_LINES = 400  # lines of a code block: a slide shows about 15, a handout page 60
MAX_CODE_WIDTH = 400  # characters of one of its lines
MAX_TABLE_ROWS = 200
MAX_TABLE_COLUMNS = 30


def read_size(value: str) -> Size | None:
    match = _SIZE.match(value.strip())
    if not match:
        return None
    number = float(match.group(1))
    unit = match.group(2) or "px"  # pandoc reads a bare number as pixels
    if number <= 0 or (unit == "%" and number > 100):
        return None
    return Size(number, unit)


class BlockReader:
    """Turns the block nodes of one file into model blocks."""

    def __init__(
        self,
        path: str,
        report: Diagnostics,
        resolve_image: ImageResolver,
        container: ContainerHandler,
        line_count: int,
        footnotes: Footnotes | None = None,
        read_data: DataReader | None = None,
        lang: str | None = None,
    ) -> None:
        self.read_data = read_data
        self.path = path
        self.report = report
        self.resolve_image = resolve_image
        self.container = container
        self.line_count = line_count
        self.footnotes = footnotes
        if footnotes is not None and footnotes.read is None:
            footnotes.read = self.blocks
        self.inlines = InlineReader(path, report, footnotes, lang)

    def source(self, node: SyntaxTreeNode) -> Source:
        return Source(self.path, line_of(node))

    def inline(self, node: SyntaxTreeNode, line: int, trailing_attributes: bool = False):
        """(spans, images, raw trailing attributes) of an inline node."""
        return self.inlines.read(node, line, trailing_attributes)

    def blocks(self, nodes: list[SyntaxTreeNode], list_level: int = 0) -> list[Block]:
        out: list[Block] = []
        for node in nodes:
            out.extend(self.block(node, list_level))
        return out

    def block(self, node: SyntaxTreeNode, list_level: int = 0) -> list[Block]:
        kind = node.type
        src = self.source(node)
        if kind == "paragraph":
            return self.paragraph(node)
        if kind == "heading":
            inline, images, _ = self.inline(node.children[0], src.line)
            if images:
                self.report.warning(self.path, src.line, "images in a heading are not shown; put the image on its own line")
            return [Heading(int(node.tag[1]), strip_inline(inline), src)]
        if kind in ("bullet_list", "ordered_list"):
            return [self.list_block(node, 0)]
        if kind == "blockquote":
            return [Quote(self.blocks(node.children), src)]
        if kind == "fence":
            return [self.code(node, src)]
        if kind == "code_block":
            return [CodeBlock(self.code_text(node.content, src), src)]
        if kind == "math_block":
            return [self.math(node.content.strip(), src)]
        if kind == "table":
            return [self.table(node)]
        if kind == "dl":
            return [self.definitions(node)]
        if kind == "container_div":
            self.check_closed(node)
            name, args = container_name(node.info)
            return self.container(name, args, node, src.line or 1)
        if kind == "hr":
            self.report.warning(self.path, src.line, "a `---` slide break inside a `:::` block is ignored")
            return []
        if kind == "html_block":
            return self.html_block(node.content, src)
        if kind in ("front_matter", "footnote_block"):
            return []
        self.report.warning(self.path, src.line, f"unsupported markdown ({kind}) is left out")
        return []

    def html_block(self, raw: str, src: Source) -> list[Block]:
        """Comments vanish; other HTML is reported, and its text kept as a paragraph."""
        without_comments = re.sub(r"<!--.*?(-->|$)", "", raw, flags=re.S)
        if not without_comments.strip():
            return []
        tags = sorted(set(re.findall(r"</?([A-Za-z][\w-]*)", without_comments)))[:8]
        hidden = " (what <script> and <style> hold too)" if {t.lower() for t in tags} & set(HIDDEN_ELEMENTS) else ""
        self.report.warning(
            self.path, src.line, f"raw HTML ({', '.join(f'<{t}>' for t in tags) or 'markup'}) is left out{hidden}; its text is kept"
        )
        text = text_of_html(without_comments)
        return [Paragraph((Span(html.unescape(text)),), src)] if text else []

    def code(self, node: SyntaxTreeNode, src: Source) -> Block:
        info = node.info.strip()
        language = info.split()[0].strip("{}.") if info else None
        if language == "chart":
            return chart_of_block(self, node, info[len(info.split()[0]):].strip(), src) or CodeBlock(node.content.rstrip("\n"), src)
        if language and not known_language(language):
            self.report.warning(self.path, src.line, f"no highlighting is known for {quoted(language)}; the code is shown plain")
        return CodeBlock(self.code_text(node.content, src), src, language or None)

    def code_text(self, text: str, src: Source) -> str:
        """Code of at most MAX_CODE_LINES lines of MAX_CODE_WIDTH characters: the rest is cut, with a warning."""
        lines = text.rstrip("\n").split("\n")
        if len(lines) <= MAX_CODE_LINES and all(len(line) <= MAX_CODE_WIDTH for line in lines):
            return text.rstrip("\n")
        self.report.warning(
            self.path,
            src.line,
            f"a code block of {len(lines):,} lines is cut to {MAX_CODE_LINES} lines of {MAX_CODE_WIDTH} characters: "
            "no slide or page shows more",
        )
        return "\n".join(line[:MAX_CODE_WIDTH] for line in lines[:MAX_CODE_LINES])

    def math(self, tex: str, src: Source) -> Block:
        try:
            return MathBlock(tex, parse_tex(tex), src)
        except MathProblem as problem:
            self.report.warning(self.path, src.line, f"math cannot be set: {problem}; its TeX is shown as code")
            return CodeBlock(tex, src, "latex")

    def check_closed(self, node: SyntaxTreeNode) -> None:
        """markdown-it closes an unclosed container at the end of its parent; that is an error here."""
        assert node.map is not None
        end = node.map[1]
        parent = node.parent
        parent_end = parent.map[1] if parent is not None and not parent.is_root and parent.map else None
        if end >= self.line_count or (parent_end is not None and end >= parent_end):
            self.report.error(
                self.path,
                node.map[0] + 1,
                f"`{node.markup} {node.info.strip()}` is never closed: end it with a line holding `{node.markup}`",
            )

    def paragraph(self, node: SyntaxTreeNode) -> list[Block]:
        src = self.source(node)
        inline_node = node.children[0]
        if inline_node.content.strip() == PAUSE:
            return [Pause(src)]
        if _is_line_block(inline_node.content):
            return [self.line_block(inline_node, src)]
        if any(line.strip() == PAUSE for line in inline_node.content.split("\n")):
            return self.paused_paragraph(inline_node, src)
        return self.paragraph_of(inline_node.children, src)

    def paragraph_of(self, children: list[SyntaxTreeNode], src: Source) -> list[Block]:
        """A paragraph of these inline nodes, then the pictures among them."""
        inline, images, _ = self.inlines.read_children(children, src.line or 1)
        out: list[Block] = []
        text = strip_inline(inline)
        if text:
            out.append(Paragraph(text, src))
        for image in images:
            picture = self.picture(image, src)
            if picture is not None:
                out.append(picture)
        return out

    def paused_paragraph(self, node: SyntaxTreeNode, src: Source) -> list[Block]:
        """A line holding only `. . .` inside a paragraph is a pause there too (notes are
        written line after line): the paragraph is cut at it."""
        lines: list[list[SyntaxTreeNode]] = [[]]  # each line's nodes, its line break first
        for child in node.children:
            if child.type in ("softbreak", "hardbreak"):
                lines.append([])
            lines[-1].append(child)
        out: list[Block] = []
        pending: list[SyntaxTreeNode] = []
        first = src.line or 1
        for number, nodes in enumerate(lines):
            line = (src.line or 1) + number
            words = [n for n in nodes if n.type not in ("softbreak", "hardbreak")]
            if len(words) == 1 and words[0].type == "text" and words[0].content.strip() == PAUSE:
                if pending:
                    out.extend(self.paragraph_of(pending, Source(self.path, first)))
                out.append(Pause(Source(self.path, line)))
                pending, first = [], line + 1
            else:
                pending.extend(nodes if pending else words)
        if pending:
            out.extend(self.paragraph_of(pending, Source(self.path, first)))
        return out

    def line_block(self, node: SyntaxTreeNode, src: Source) -> LineBlock:
        """Each `| ` line as a line of its own: split where markdown-it saw a line break."""
        groups: list[list[SyntaxTreeNode]] = [[]]
        for child in node.children:
            if child.type in ("softbreak", "hardbreak"):
                groups.append([])
            else:
                groups[-1].append(child)
        lines = []
        for number, group in enumerate(groups):
            spans, images, _ = self.inlines.read_children(group, (src.line or 1) + number)
            if images:
                self.report.warning(self.path, src.line, "images in `|` lines are not shown; put the image on its own line")
            if spans and not spans[0].code and spans[0].text.startswith("|"):
                spans = merge_spans([replace(spans[0], text=spans[0].text[1:].removeprefix(" ")), *spans[1:]])
            lines.append(spans)
        return LineBlock(lines, src)

    def picture(self, image: InlineImage, src: Source) -> Picture | Chart | None:
        attrs = dict(image.attrs)
        if image.raw_attrs is not None:
            try:
                parsed = read_attributes(image.raw_attrs)
            except ValueError as exc:
                self.report.warning(src.path, src.line, f"malformed picture attributes {image.raw_attrs}: {exc}; they are left out")
            else:
                attrs.update(parsed.values)
        if "chart" in attrs or image.src.lower().endswith(".csv"):
            return chart_of_file(self, image, attrs, src)
        fit = str(attrs.pop("fit", "contain"))
        if fit not in ("contain", "cover"):
            self.report.error(src.path, src.line, f"image fit={quoted(fit)} is not one of: contain, cover")
            fit = "contain"
        sizes = {}
        for key in ("width", "height"):
            if key in attrs:
                value = str(attrs.pop(key))
                size = read_size(value)
                if size is None:
                    self.report.warning(
                        src.path, src.line, f"picture {key}={quoted(value)} is not a size like 40%, 4in or 6cm; the picture is fitted instead"
                    )
                sizes[key] = size
        for key in attrs:
            if key not in ("class", "id"):
                self.report.warning(src.path, src.line, f"unknown image attribute {quoted(key)} is ignored")
        if not image.alt.strip():
            self.report.warning(src.path, src.line, f"image {quoted(image.src)} has no alt text: describe it inside ![…]")
        asset = self.resolve_image(image, src)
        if asset is None:
            return None
        return Picture(asset, image.alt.strip(), fit, src, sizes.get("width"), sizes.get("height"))

    def list_block(self, node: SyntaxTreeNode, level: int) -> ListBlock:
        src = self.source(node)
        if level == MAX_LIST_LEVELS:
            self.report.warning(
                self.path, src.line, f"lists nest at most {MAX_LIST_LEVELS} levels; deeper items are shown at level {MAX_LIST_LEVELS}"
            )
        items: list[ListItem] = []
        for item_node in node.children:
            texts: list[Span] = []
            children: list[ListBlock] = []
            checked = None
            if "task-list-item" in str(item_node.attrs.get("class", "")):
                box = next((n for n in descendants(item_node) if n.type == "html_inline"), None)
                checked = bool(box is not None and _TASK.search(box.content))
            for child in item_node.children:
                if child.type in ("bullet_list", "ordered_list"):
                    children.append(self.list_block(child, level + 1))
                elif child.type == "paragraph":
                    inline, images, _ = self.inline(child.children[0], line_of(child))
                    if texts:
                        texts.append(Span(" "))
                    texts.extend(inline)
                    for _ in images:
                        self.report.warning(
                            self.path, line_of(child), "images inside list items are not shown; put the image on its own line"
                        )
                else:
                    for block in self.block(child):
                        texts.append(Span(" "))
                        texts.append(Span(_block_plain(block)))
            item = ListItem(strip_inline(merge_spans(texts)), children, self.source(item_node), checked)
            items.append(item)
        start = int(node.attrs.get("start", 1)) if node.type == "ordered_list" else 1
        highest = max(LIST_NUMBERS[0], LIST_NUMBERS[1] - len(items) + 1)  # its last item numbered at most 32767
        if not LIST_NUMBERS[0] <= start <= highest:
            clamped = min(max(start, LIST_NUMBERS[0]), highest)
            self.report.warning(
                self.path,
                line_of(node),
                f"a numbered list is numbered {LIST_NUMBERS[0]} to {LIST_NUMBERS[1]} in a slide; "
                f"this one starts at {clamped}, not {start}",
            )
            start = clamped
        return ListBlock(node.type == "ordered_list", start, items, src)

    def definitions(self, node: SyntaxTreeNode) -> DefinitionList:
        items: list[Definition] = []
        for child in node.children:
            if child.type == "dt":
                term, _, _ = self.inline(child.children[0], line_of(child))
                items.append(Definition(strip_inline(term), [], self.source(child)))
            elif child.type == "dd" and items:
                items[-1].definitions.append(self.blocks(child.children))
        return DefinitionList(items, self.source(node))

    def table(self, node: SyntaxTreeNode) -> Table:
        header: list[Inline] = []
        rows: list[list[Inline]] = []
        align: list[str | None] = []
        sections = [(section, section.children[:MAX_TABLE_ROWS]) for section in node.children]
        widest = max((len(tr.children) for _, trs in sections for tr in trs), default=0)
        if widest > MAX_TABLE_COLUMNS or sum(len(section.children) for section in node.children) > MAX_TABLE_ROWS:
            self.report.warning(
                self.path,
                line_of(node),
                f"a table is cut to {MAX_TABLE_ROWS} rows of {MAX_TABLE_COLUMNS} columns: no slide or page shows more",
            )
        for section, trs in sections:
            for tr in trs:
                cells = []
                for cell in tr.children[:MAX_TABLE_COLUMNS]:
                    inline = self.inline(cell.children[0], line_of(tr))[0] if cell.children else ()
                    cells.append(strip_inline(inline))
                    if section.type == "thead":
                        style = str(cell.attrs.get("style", ""))
                        align.append(style.removeprefix("text-align:") or None)
                if section.type == "thead":
                    header = cells
                else:
                    rows.append(cells)
        return Table(header, rows, align, self.source(node))


def _is_line_block(content: str) -> bool:
    """Every line starts with `| ` (or is a lone `|`): pandoc's line block."""
    lines = content.split("\n")
    return bool(lines) and all(line == "|" or line.startswith("| ") for line in lines)


def _block_plain(block: Block) -> str:
    return blocks_text([block])
