"""Markdown tokens to model blocks.

One markdown-it parser (CommonMark + pipe tables + front matter + `:::`
containers + image attributes) serves segment files and handout pages. This
module turns its syntax tree into `segue.model` blocks; what a container
means (speaker notes, handout, columns, write lines) is decided by the
caller through `ContainerHandler`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Callable, Protocol

from markdown_it import MarkdownIt
from markdown_it.tree import SyntaxTreeNode
from mdit_py_plugins.attrs import attrs_plugin
from mdit_py_plugins.attrs.parse import ParseError, parse as parse_attrs
from mdit_py_plugins.container import container_plugin
from mdit_py_plugins.front_matter import front_matter_plugin

from segue.diagnostics import Diagnostics
from segue.model import (
    Asset,
    Block,
    CodeBlock,
    Heading,
    Inline,
    ListBlock,
    ListItem,
    Paragraph,
    Picture,
    Quote,
    Source,
    Span,
    Table,
    blocks_text,
)

MAX_LIST_LEVELS = 3


def make_parser() -> MarkdownIt:
    md = MarkdownIt("commonmark", {"html": False}).enable("table")
    # A line holding only `---` always separates slides, even right under a
    # paragraph, so setext headings (`text` over `---`) are switched off.
    md.disable("lheading")
    md.use(front_matter_plugin)
    # One container rule for every `::: name`; the name is read from `info`.
    md.use(container_plugin, name="div", validate=lambda params, markup: bool(params.strip()))
    md.use(attrs_plugin, after=("image",))
    return md


PARSER = make_parser()


def parse(text: str) -> SyntaxTreeNode:
    return SyntaxTreeNode(PARSER.parse(text))


def line_of(node: SyntaxTreeNode, fallback: int = 1) -> int:
    """1-based source line of a block node."""
    current: SyntaxTreeNode | None = node
    while current is not None and not current.is_root:
        if current.map is not None:
            return current.map[0] + 1
        current = current.parent
    return fallback


# --- attributes ----------------------------------------------------------------

_TRAILING_ATTRS = re.compile(r"\s*(\{[^{}]*\})\s*$")


@dataclass
class Attributes:
    classes: tuple[str, ...]
    values: dict[str, str]


def split_trailing_attributes(text: str) -> tuple[str, str | None]:
    """`Title {.a b=c}` -> ("Title", "{.a b=c}"); text without attributes is unchanged."""
    match = _TRAILING_ATTRS.search(text)
    if not match:
        return text, None
    return text[: match.start()], match.group(1)


def read_attributes(raw: str) -> Attributes:
    """Pandoc-style attributes `{.class key=value}`; raises ValueError when malformed."""
    try:
        end, values = parse_attrs(raw)
    except ParseError as exc:
        raise ValueError(str(exc)) from None
    if raw[end + 1 :].strip():
        raise ValueError("text after the closing brace")
    classes = tuple(values.pop("class", "").split())
    values.pop("id", None)
    return Attributes(classes, values)


# --- inline ----------------------------------------------------------------------


@dataclass
class InlineImage:
    src: str
    alt: str
    attrs: dict


def read_inline(node: SyntaxTreeNode) -> tuple[Inline, list[InlineImage]]:
    """Spans of an `inline` node, and the images it holds (kept out of the text)."""
    spans: list[Span] = []
    images: list[InlineImage] = []

    def walk(n: SyntaxTreeNode, bold: bool, italic: bool, href: str | None) -> None:
        for child in n.children:
            kind = child.type
            if kind == "text":
                spans.append(Span(child.content, bold, italic, False, href))
            elif kind == "code_inline":
                spans.append(Span(child.content, bold, italic, True, href))
            elif kind == "softbreak":
                spans.append(Span(" ", bold, italic, False, href))
            elif kind == "hardbreak":
                spans.append(Span("\n", bold, italic, False, href))
            elif kind == "strong":
                walk(child, True, italic, href)
            elif kind == "em":
                walk(child, bold, True, href)
            elif kind == "link":
                walk(child, bold, italic, str(child.attrs.get("href", "")) or None)
            elif kind == "image":
                alt = "".join(t.content for t in _descendants(child) if t.type in ("text", "code_inline"))
                attrs = {k: v for k, v in child.attrs.items() if k not in ("src", "alt")}
                images.append(InlineImage(str(child.attrs.get("src", "")), alt, attrs))
            else:  # html_inline and anything unknown: keep its text
                spans.append(Span(child.content, bold, italic, False, href))

    walk(node, False, False, None)
    return merge_spans(spans), images


def _descendants(node: SyntaxTreeNode):
    for child in node.children:
        yield child
        yield from _descendants(child)


def merge_spans(spans: list[Span]) -> Inline:
    """Join neighbouring spans of the same style; drop empty ones."""
    merged: list[Span] = []
    for span in spans:
        if not span.text:
            continue
        if merged:
            last = merged[-1]
            if (last.bold, last.italic, last.code, last.href) == (
                span.bold,
                span.italic,
                span.code,
                span.href,
            ):
                merged[-1] = Span(last.text + span.text, span.bold, span.italic, span.code, span.href)
                continue
        merged.append(span)
    return tuple(merged)


def strip_inline(inline: Inline) -> Inline:
    """Trim whitespace at both ends of a run of spans."""
    spans = list(inline)
    while spans and not spans[0].text.strip():
        spans.pop(0)
    while spans and not spans[-1].text.strip():
        spans.pop()
    if spans:
        first, last = spans[0], spans[-1]
        spans[0] = Span(first.text.lstrip(), first.bold, first.italic, first.code, first.href)
        last = spans[-1]
        spans[-1] = Span(last.text.rstrip(), last.bold, last.italic, last.code, last.href)
    return tuple(spans)


# --- blocks ------------------------------------------------------------------------


class ContainerHandler(Protocol):
    def __call__(self, name: str, args: str, node: SyntaxTreeNode, line: int) -> list[Block]:
        """Handle a `::: name args` container; return blocks to put in its place."""


ImageResolver = Callable[[InlineImage, Source], "Asset | None"]


class BlockReader:
    """Turns the block nodes of one file into model blocks."""

    def __init__(
        self,
        path: str,
        report: Diagnostics,
        resolve_image: ImageResolver,
        container: ContainerHandler,
        line_count: int,
    ) -> None:
        self.path = path
        self.report = report
        self.resolve_image = resolve_image
        self.container = container
        self.line_count = line_count

    def source(self, node: SyntaxTreeNode) -> Source:
        return Source(self.path, line_of(node))

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
            inline, _ = read_inline(node.children[0])
            return [Heading(int(node.tag[1]), strip_inline(inline), src)]
        if kind in ("bullet_list", "ordered_list"):
            return [self.list_block(node, 0)]
        if kind == "blockquote":
            return [Quote(self.blocks(node.children), src)]
        if kind in ("fence", "code_block"):
            return [CodeBlock(node.content.rstrip("\n"), src)]
        if kind == "table":
            return [self.table(node)]
        if kind == "container_div":
            self.check_closed(node)
            name, _, args = node.info.strip().partition(" ")
            return self.container(name, args.strip(), node, src.line or 1)
        if kind == "hr":
            self.report.warning(self.path, src.line, "a `---` slide break inside a `:::` block is ignored")
            return []
        if kind == "html_block":
            self.report.warning(self.path, src.line, "raw HTML is not supported and is left out")
            return []
        if kind == "front_matter":
            return []
        self.report.warning(self.path, src.line, f"unsupported markdown ({kind}) is left out")
        return []

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
        inline, images = read_inline(node.children[0])
        out: list[Block] = []
        text = strip_inline(inline)
        if text:
            out.append(Paragraph(text, src))
        for image in images:
            picture = self.picture(image, src)
            if picture is not None:
                out.append(picture)
        return out

    def picture(self, image: InlineImage, src: Source) -> Picture | None:
        fit = str(image.attrs.pop("fit", "contain"))
        if fit not in ("contain", "cover"):
            self.report.error(src.path, src.line, f"image fit={fit!r} is not one of: contain, cover")
            fit = "contain"
        for key in image.attrs:
            if key not in ("class", "id"):
                self.report.warning(src.path, src.line, f"unknown image attribute {key!r} is ignored")
        if not image.alt.strip():
            self.report.warning(
                src.path, src.line, f"image {image.src!r} has no alt text: describe it inside ![…]"
            )
        asset = self.resolve_image(image, src)
        if asset is None:
            return None
        return Picture(asset, image.alt.strip(), fit, src)

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
            for child in item_node.children:
                if child.type in ("bullet_list", "ordered_list"):
                    children.append(self.list_block(child, level + 1))
                elif child.type == "paragraph":
                    inline, images = read_inline(child.children[0])
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
            items.append(ListItem(strip_inline(merge_spans(texts)), children, self.source(item_node)))
        start = int(node.attrs.get("start", 1)) if node.type == "ordered_list" else 1
        return ListBlock(node.type == "ordered_list", start, items, src)

    def table(self, node: SyntaxTreeNode) -> Table:
        header: list[Inline] = []
        rows: list[list[Inline]] = []
        align: list[str | None] = []
        for section in node.children:
            for tr in section.children:
                cells = []
                for cell in tr.children:
                    inline, _ = read_inline(cell.children[0]) if cell.children else ((), [])
                    cells.append(strip_inline(inline))
                    if section.type == "thead":
                        style = str(cell.attrs.get("style", ""))
                        align.append(style.removeprefix("text-align:") or None)
                if section.type == "thead":
                    header = cells
                else:
                    rows.append(cells)
        return Table(header, rows, align, self.source(node))


def _block_plain(block: Block) -> str:
    return blocks_text([block])
