"""Markdown tokens to model blocks.

One markdown-it parser serves segment files and handout pages: CommonMark
with pipe tables, strikethrough, sub- and superscript, bare URLs, footnotes,
definition and task lists, `$…$` and `$$…$$` math, front matter and `:::`
containers, with raw HTML recognised so that it can be removed rather than
printed. This module turns its syntax tree into `segue.model` blocks; what
a container means (speaker notes, handout, columns, write lines) is decided
by the caller through `ContainerHandler`.

The rule: markdown this reader does not understand is never passed through
as literal markup. HTML comments are the author's and vanish; other HTML
tags are dropped with a warning (their text is kept); pandoc-style
attributes in braces (`{.class key=value}`) are read where they mean
something (a slide title, after a picture) and anywhere else are a warning
and removed; TeX that cannot be set is a warning and shown as code.
"""

from __future__ import annotations

import html
import re
from functools import lru_cache
import shlex
from dataclasses import dataclass, field, replace
from html.parser import HTMLParser
from typing import Callable, Protocol

from markdown_it import MarkdownIt
from markdown_it.tree import SyntaxTreeNode
from mdit_py_plugins.container import container_plugin
from mdit_py_plugins.deflist import deflist_plugin
from mdit_py_plugins.dollarmath import dollarmath_plugin
from mdit_py_plugins.footnote import footnote_plugin
from mdit_py_plugins.front_matter import front_matter_plugin
from mdit_py_plugins.gfm_autolink import gfm_autolink_plugin
from mdit_py_plugins.subscript import sub_plugin
from mdit_py_plugins.superscript import superscript_plugin
from mdit_py_plugins.tasklists import tasklists_plugin

from segue.diagnostics import Diagnostics
from segue.highlight import known_language
from segue.math import MathProblem, parse_tex
from segue.model import (
    Asset,
    Block,
    CodeBlock,
    Definition,
    DefinitionList,
    Footnote,
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

MAX_LIST_LEVELS = 3


def make_parser() -> MarkdownIt:
    # HTML is recognised (not rendered) so that comments and tags can be removed.
    md = MarkdownIt("commonmark", {"html": True}).enable(["table", "strikethrough"])
    # A line holding only `---` always separates slides, even right under a
    # paragraph, so setext headings (`text` over `---`) are switched off.
    md.disable("lheading")
    md.use(front_matter_plugin)
    # One container rule for every `::: name`; the name is read from `info`.
    md.use(container_plugin, name="div", validate=lambda params, markup: bool(params.strip()))
    md.use(footnote_plugin)
    md.use(deflist_plugin)
    md.use(tasklists_plugin)
    # As pandoc reads dollars: `$5 and $10` is not math (no space inside the
    # dollars, no digit right after the closing one).
    md.use(dollarmath_plugin, allow_space=False, allow_digits=False, double_inline=True)
    md.use(sub_plugin)
    md.use(superscript_plugin)
    md.use(gfm_autolink_plugin)
    return md


PARSER = make_parser()


@lru_cache(maxsize=256)
def parse(text: str) -> SyntaxTreeNode:
    """The syntax tree of `text`. Trees are only read, never changed, so one tree
    serves every read of the same text (a watch session re-reads unchanged files)."""
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

# Braces that hold pandoc attributes, or an attempt at them: `{.class}`, `{#id}`,
# `{key=value …}` (well formed or not; `read_attributes` says which).
ATTRIBUTES = re.compile(r"\{\s*(?:[.#][\w-][^{}]*|[\w-]+\s*=[^{}]*)\}")
_TRAILING_ATTRS = re.compile(rf"\s*({ATTRIBUTES.pattern})\s*$")
_LEADING_ATTRS = re.compile(rf"^({ATTRIBUTES.pattern})")
_BRACKETED_SPAN = re.compile(rf"\[([^\[\]]*)\]({ATTRIBUTES.pattern})")


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
    """Pandoc-style attributes `{.class #id key=value key="a value"}`; ValueError when malformed.

    Values may hold what pandoc allows unquoted (`width=40%`, `background=assets/x.jpg`).
    """
    inner = raw.strip()
    if not (inner.startswith("{") and inner.endswith("}")):
        raise ValueError("attributes are written in braces")
    try:
        tokens = shlex.split(inner[1:-1], posix=True)
    except ValueError as exc:
        raise ValueError(str(exc)) from None
    classes: list[str] = []
    values: dict[str, str] = {}
    for token in tokens:
        if token.startswith("."):
            classes.append(token[1:])
        elif token.startswith("#"):
            continue  # identifiers name nothing in a deck
        elif "=" in token:
            key, _, value = token.partition("=")
            values[key] = value
        else:
            raise ValueError(f"{token!r} is neither .class, #id nor key=value")
    return Attributes(tuple(classes), values)


# --- inline ----------------------------------------------------------------------


@dataclass
class InlineImage:
    src: str
    alt: str
    attrs: dict
    raw_attrs: str | None = None


@dataclass
class Footnotes:
    """The footnotes of one slide or handout page, numbered as they are first referred to.

    `definitions` are the file's `[^label]: …` definitions (label -> nodes and line);
    `read` turns a definition's nodes into blocks when it is first referred to.
    """

    definitions: dict[str, tuple[list[SyntaxTreeNode], int]]
    read: Callable[[list[SyntaxTreeNode]], list[Block]] | None = None
    notes: list[Footnote] = field(default_factory=list)
    numbers: dict[str, int] = field(default_factory=dict)

    def number(self, label: str, path: str) -> int:
        if label not in self.numbers:
            number = len(self.numbers) + 1
            self.numbers[label] = number
            nodes, line = self.definitions.get(label, ([], 1))
            blocks = self.read(nodes) if self.read is not None else []
            self.notes.append(Footnote(number, blocks, Source(path, line)))
        return self.numbers[label]


def footnote_definitions(nodes: list[SyntaxTreeNode]) -> tuple[list[SyntaxTreeNode], dict[str, tuple[list[SyntaxTreeNode], int]]]:
    """The nodes without the footnote block markdown-it puts at the end of a file,
    and the definitions it holds, by label."""
    definitions: dict[str, tuple[list[SyntaxTreeNode], int]] = {}
    kept = []
    for node in nodes:
        if node.type != "footnote_block":
            kept.append(node)
            continue
        for footnote in node.children:
            label = str(footnote.meta.get("label", footnote.meta.get("id")))
            children = [c for c in footnote.children if c.type != "footnote_anchor"]
            definitions[label] = (children, line_of(footnote))
    return kept, definitions


_UNDEFINED_FOOTNOTE = re.compile(r"\[\^([^\]\s]+)\]")
# The numbers a slide's list may start at (`startAt` in DrawingML is 1 to 32767).
LIST_NUMBERS = (1, 32767)
_QR_AFTER_LINK = re.compile(r"^\{\s*\.?qr\s*\}")
_TASK = re.compile(r"""checked""")


class _TextOfHtml(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []

    def handle_data(self, data: str) -> None:
        self.parts.append(data)


def text_of_html(raw: str) -> str:
    """The text inside raw HTML, without its tags and comments."""
    parser = _TextOfHtml()
    parser.feed(raw)
    parser.close()
    return " ".join("".join(parser.parts).split())


def merge_spans(spans: list[Span]) -> Inline:
    """Join neighbouring spans of the same style; drop empty ones."""
    merged: list[Span] = []
    for span in spans:
        if not span.text:
            continue
        if merged and merged[-1].style() == span.style() and span.math is None and span.footnote is None:
            merged[-1] = replace(merged[-1], text=merged[-1].text + span.text)
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
        spans[0] = replace(spans[0], text=spans[0].text.lstrip())
        spans[-1] = replace(spans[-1], text=spans[-1].text.rstrip())
    return tuple(spans)


def _descendants(node: SyntaxTreeNode):
    for child in node.children:
        yield child
        yield from _descendants(child)


class InlineReader:
    """Spans of one `inline` node, reporting what they cannot show at `line`."""

    def __init__(self, path: str, report: Diagnostics, footnotes: Footnotes | None) -> None:
        self.path = path
        self.report = report
        self.footnotes = footnotes

    def read(self, node: SyntaxTreeNode, line: int, trailing_attributes: bool = False):
        """(spans, images, raw trailing attributes): attributes at the end are returned
        rather than reported when `trailing_attributes` (a heading's)."""
        return self.read_children(node.children, line, trailing_attributes)

    def read_children(self, children: list[SyntaxTreeNode], line: int, trailing_attributes: bool = False):
        # Re-entrant: a footnote's text is read while the text referring to it is.
        outer = getattr(self, "line", None), getattr(self, "spans", None), getattr(self, "images", None)
        self.line = line
        self.spans: list[Span] = []
        self.images: list[InlineImage] = []
        try:
            self._walk(children, {})
            spans, images = merge_spans(self.spans), self.images
        finally:
            self.line, self.spans, self.images = outer
        raw = None
        if trailing_attributes and spans and spans[-1].math is None and not spans[-1].code and spans[-1].footnote is None:
            text, raw = split_trailing_attributes(spans[-1].text)
            if raw is not None:
                spans = (*spans[:-1], replace(spans[-1], text=text))
        return self._clean(spans, line), images, raw

    def _walk(self, children: list[SyntaxTreeNode], style: dict) -> None:
        pending_image: InlineImage | None = None
        pending_link: tuple[int, int] | None = None  # the spans of the link just read
        for child in children:
            kind = child.type
            if kind == "text":
                text = child.content
                if pending_link is not None and (match := _QR_AFTER_LINK.match(text)):
                    # `[text](address){qr}`: the link's spans are marked, the braces dropped.
                    start, end = pending_link
                    self.spans[start:end] = [replace(s, qr=True) if s.href else s for s in self.spans[start:end]]
                    text = text[match.end() :]
                if pending_image is not None:
                    match = _LEADING_ATTRS.match(text)
                    if match:
                        pending_image.raw_attrs = match.group(1)
                        text = text[match.end() :]
                self.spans.append(Span(text, **style))
            elif kind == "code_inline":
                self.spans.append(Span(child.content, **{**style, "code": True}))
            elif kind == "softbreak":
                self.spans.append(Span(" ", **style))
            elif kind == "hardbreak":
                self.spans.append(Span("\n", **style))
            elif kind == "strong":
                self._walk(child.children, {**style, "bold": True})
            elif kind == "em":
                self._walk(child.children, {**style, "italic": True})
            elif kind == "s":
                self._walk(child.children, {**style, "strike": True})
            elif kind == "sub":
                self._walk(child.children, {**style, "script": "sub"})
            elif kind == "sup":
                self._walk(child.children, {**style, "script": "super"})
            elif kind == "link":
                first = len(self.spans)
                self._walk(child.children, {**style, "href": str(child.attrs.get("href", "")) or None})
                pending_link, pending_image = (first, len(self.spans)), None
                continue
            elif kind == "image":
                alt = "".join(t.content for t in _descendants(child) if t.type in ("text", "code_inline"))
                attrs = {k: v for k, v in child.attrs.items() if k not in ("src", "alt")}
                pending_image = InlineImage(str(child.attrs.get("src", "")), alt, attrs)
                self.images.append(pending_image)
                continue
            elif kind in ("math_inline", "math_inline_double"):
                self.spans.append(self._math(child.content, style))
            elif kind == "footnote_ref":
                self.spans.append(self._footnote(child, style))
            elif kind == "html_inline":
                self._html(child.content)
            else:
                self.report.warning(self.path, self.line, f"unsupported markdown ({kind}) is left out; its text is kept")
                self.spans.append(Span(child.content, **style))
            pending_image = None
            pending_link = None

    def _math(self, tex: str, style: dict) -> Span:
        try:
            return Span(tex, **{**style, "math": parse_tex(tex)})
        except MathProblem as problem:
            self.report.warning(self.path, self.line, f"math ${tex}$ cannot be set: {problem}; it is shown as code")
            return Span(tex, **{**style, "code": True})

    def _footnote(self, node: SyntaxTreeNode, style: dict) -> Span:
        label = str(node.meta.get("label", node.meta.get("id")))
        if self.footnotes is None:
            self.report.warning(self.path, self.line, f"footnote [^{label}] is not shown here; it is left out")
            return Span("")
        number = self.footnotes.number(label, self.path)
        return Span(str(number), **{**style, "script": "super", "footnote": number})

    def _html(self, raw: str) -> None:
        if raw.startswith("<!--"):
            return  # the author's comment: never shown anywhere
        if re.match(r"<input[^>]*task-list-item-checkbox", raw):
            return  # a task list's box, read with its item
        self.report.warning(self.path, self.line, f"raw HTML {raw.strip()!r} is left out; the text around it is kept")

    def _clean(self, spans: Inline, line: int) -> Inline:
        """Attributes nothing reads and references to undefined footnotes: reported, removed."""
        cleaned = []
        for span in spans:
            if span.code or span.math is not None or span.footnote is not None:
                cleaned.append(span)
                continue
            text = span.text
            for match in _BRACKETED_SPAN.finditer(text):
                self.report.warning(self.path, line, f"attributes {match.group(2)} are not understood here and are left out")
            text = _BRACKETED_SPAN.sub(lambda m: m.group(1), text)
            for match in ATTRIBUTES.finditer(text):
                self.report.warning(self.path, line, f"attributes {match.group(0)} are not understood here and are left out")
            text = ATTRIBUTES.sub("", text)
            for match in _UNDEFINED_FOOTNOTE.finditer(text):
                self.report.warning(self.path, line, f"footnote [^{match.group(1)}] is never defined; it is left out")
            text = _UNDEFINED_FOOTNOTE.sub("", text)
            cleaned.append(replace(span, text=text))
        return merge_spans(cleaned)


# --- blocks ------------------------------------------------------------------------


class ContainerHandler(Protocol):
    def __call__(self, name: str, args: str, node: SyntaxTreeNode, line: int) -> list[Block]:
        """Handle a `::: name args` container; return blocks to put in its place."""


ImageResolver = Callable[[InlineImage, Source], "Asset | None"]

_SIZE = re.compile(r"^(\d+(?:\.\d+)?)\s*(%|in|cm|mm|pt|px)?$")
PAUSE = ". . ."


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
    ) -> None:
        self.path = path
        self.report = report
        self.resolve_image = resolve_image
        self.container = container
        self.line_count = line_count
        self.footnotes = footnotes
        if footnotes is not None and footnotes.read is None:
            footnotes.read = self.blocks
        self.inlines = InlineReader(path, report, footnotes)

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
            return [CodeBlock(node.content.rstrip("\n"), src)]
        if kind == "math_block":
            return [self.math(node.content.strip(), src)]
        if kind == "table":
            return [self.table(node)]
        if kind == "dl":
            return [self.definitions(node)]
        if kind == "container_div":
            self.check_closed(node)
            name, _, args = node.info.strip().partition(" ")
            return self.container(name, args.strip(), node, src.line or 1)
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
        tags = sorted(set(re.findall(r"</?([A-Za-z][\w-]*)", without_comments)))
        self.report.warning(
            self.path, src.line, f"raw HTML ({', '.join(f'<{t}>' for t in tags) or 'markup'}) is left out; its text is kept"
        )
        text = text_of_html(without_comments)
        return [Paragraph((Span(html.unescape(text)),), src)] if text else []

    def code(self, node: SyntaxTreeNode, src: Source) -> CodeBlock:
        info = node.info.strip()
        language = info.split()[0].strip("{}.") if info else None
        if language and not known_language(language):
            self.report.warning(self.path, src.line, f"no highlighting is known for {language!r}; the code is shown plain")
        return CodeBlock(node.content.rstrip("\n"), src, language or None)

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
        inline, images, _ = self.inline(inline_node, src.line)
        out: list[Block] = []
        text = strip_inline(inline)
        if text:
            out.append(Paragraph(text, src))
        for image in images:
            picture = self.picture(image, src)
            if picture is not None:
                out.append(picture)
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

    def picture(self, image: InlineImage, src: Source) -> Picture | None:
        attrs = dict(image.attrs)
        if image.raw_attrs is not None:
            try:
                parsed = read_attributes(image.raw_attrs)
            except ValueError as exc:
                self.report.warning(src.path, src.line, f"malformed picture attributes {image.raw_attrs}: {exc}; they are left out")
            else:
                attrs.update(parsed.values)
        fit = str(attrs.pop("fit", "contain"))
        if fit not in ("contain", "cover"):
            self.report.error(src.path, src.line, f"image fit={fit!r} is not one of: contain, cover")
            fit = "contain"
        sizes = {}
        for key in ("width", "height"):
            if key in attrs:
                value = str(attrs.pop(key))
                size = read_size(value)
                if size is None:
                    self.report.warning(
                        src.path, src.line, f"picture {key}={value!r} is not a size like 40%, 4in or 6cm; the picture is fitted instead"
                    )
                sizes[key] = size
        for key in attrs:
            if key not in ("class", "id"):
                self.report.warning(src.path, src.line, f"unknown image attribute {key!r} is ignored")
        if not image.alt.strip():
            self.report.warning(src.path, src.line, f"image {image.src!r} has no alt text: describe it inside ![…]")
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
                box = next((n for n in _descendants(item_node) if n.type == "html_inline"), None)
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
        for section in node.children:
            for tr in section.children:
                cells = []
                for cell in tr.children:
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
