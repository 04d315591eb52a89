"""Segment files (`deck/NN-name.md`) to `Segment`s of `Slide`s."""

from __future__ import annotations

import re
from pathlib import Path

from markdown_it.tree import SyntaxTreeNode

from segue.diagnostics import Diagnostics, quoted
from segue.talk.model import (
    LAYOUTS,
    ListBlock,
    Asset,
    Block,
    Columns,
    Note,
    References,
    Segment,
    Slide,
    Source,
    WriteLines,
)
from segue.talk.read.blocks import BlockReader
from segue.talk.read.inline import InlineImage, strip_inline
from segue.talk.read.markdown import Footnotes, container_name, footnote_definitions, line_of, parse, read_attributes, report_too_deep
from segue.talk.read.assets import AssetResolver
from segue.talk.read.config import MAX_MINUTES
from segue.talk.read.frontmatter import FrontMatterReader, find_front_matter
from segue.talk.read.names import SpeakerNames
from segue.talk.read.suggest import did_you_mean
from segue.talk.read.text import read_text

SLIDE_CLASSES = {"handout", "incremental", "nonincremental"}
REFERENCES = ("references", "#refs")  # `::: references`, and pandoc's `::: {#refs}`
REVEAL_CONTAINERS = {"incremental": True, "nonincremental": False}
MAX_WRITE_LINES = 40
MIN_COLUMNS, MAX_COLUMNS = 2, 4

_TIME = re.compile(r"^(?:(\d+(?:\.\d+)?)m)?(?:(\d+(?:\.\d+)?)s)?$")


def parse_time(value: str) -> float | None:
    """`45s`, `2m`, `1m30s` (or `1.5m`) in seconds; None when malformed or zero."""
    match = _TIME.match(value.strip())
    if not match or not any(match.groups()):
        return None
    try:
        minutes, seconds = (float(g) if g else 0.0 for g in match.groups())
    except OverflowError:
        return None
    total = minutes * 60 + seconds
    return total if 0 < total <= MAX_MINUTES * 60 else None


class TalkFile:
    """Shared reading of one markdown file of a talk: text, tree, images, containers."""

    def __init__(
        self, root: Path, path: str, names: SpeakerNames, report: Diagnostics, assets: AssetResolver, lang: str = "en"
    ) -> None:
        self.root = root
        self.path = path
        self.names = names
        self.report = report
        self.assets = assets
        self.talk_lang = lang  # the talk's language: its quotation marks
        self.lang: str | None = None  # the file's language (a segment's `lang:`), given to every span without its own

    def resolve_image(self, image: InlineImage, source: Source) -> Asset | None:
        return self.assets.picture(image.src, source)

    def reader(self, line_count: int, container, footnotes: Footnotes | None = None) -> BlockReader:
        return BlockReader(
            self.path, self.report, self.resolve_image, container, line_count, footnotes, read_data=self.read_data, lang=self.lang
        )

    @property
    def quotes_lang(self) -> str:
        """The language whose quotation marks the file's text takes: its own, else the talk's."""
        return self.lang or self.talk_lang

    def read_data(self, ref: str, source: Source) -> tuple[str, str] | None:
        """A chart's CSV file: its talk path and text (None after reporting why not)."""
        asset = self.assets.file(ref, source, "chart data", (".csv",))
        if asset is None:
            return None
        text = read_text(self.root, asset.path, self.report)
        return None if text is None else (asset.path, text)

    def reveal(self, name: str, node: SyntaxTreeNode, reader: BlockReader) -> list[Block]:
        """`::: incremental` / `::: nonincremental`: the lists inside appear item by item, or at once."""
        blocks = reader.blocks(node.children)
        for block in blocks:
            if isinstance(block, ListBlock):
                block.incremental = REVEAL_CONTAINERS[name]
        return blocks

    def columns(self, reader: BlockReader, node: SyntaxTreeNode, line: int) -> list[Block]:
        """`:::: columns` holding two to four `::: column` blocks, each of which may ask
        for its width as pandoc writes it: `::: {.column width="40%"}`."""
        columns: list[list[Block]] = []
        widths: list[float | None] = []
        loose: list[SyntaxTreeNode] = []
        for child in node.children:
            if child.type == "container_div" and container_name(child.info)[0] == "column":
                reader.check_closed(child)
                columns.append(reader.blocks(child.children))
                widths.append(self.column_width(child))
            else:
                loose.append(child)
        if loose:
            self.report.warning(
                self.path, line_of(loose[0]), "content inside `:::: columns` but outside a `::: column` is shown after the columns"
            )
        if not MIN_COLUMNS <= len(columns) <= MAX_COLUMNS:
            shown = f"; the last {len(columns) - MAX_COLUMNS + 1} share the fourth" if len(columns) > MAX_COLUMNS else ""
            self.report.warning(
                self.path, line, f"`:::: columns` holds {len(columns)} `::: column` blocks; two to four are expected{shown}"
            )
        while len(columns) > MAX_COLUMNS:
            columns[-2].extend(columns.pop())
            widths.pop()
        return [Columns(columns, Source(self.path, line), tuple(widths)), *reader.blocks(loose)]

    def column_width(self, node: SyntaxTreeNode) -> float | None:
        """The width a `::: {.column width="40%"}` asks for, in percent (None: a share of what is left)."""
        line = line_of(node)
        _, args = container_name(node.info)
        if not args.startswith("{"):
            if args:
                self.report.warning(self.path, line, f"`::: column {args}`: write the width as `::: {{.column width=\"40%\"}}`")
            return None
        attributes = read_attributes(args)
        for key in attributes.values:
            if key != "width":
                self.report.warning(self.path, line, f"unknown column attribute {key!r} is ignored{did_you_mean(key, ('width',))}")
        width = attributes.values.get("width")
        if width is None:
            return None
        match = re.fullmatch(r"\s*(\d+(?:\.\d+)?)\s*%\s*", width)
        if match is None or not 0 < float(match.group(1)) <= 100:
            self.report.warning(
                self.path, line, f"column width={width!r} is not a share like 40%; the column takes a share of what is left"
            )
            return None
        return float(match.group(1))

    def write_lines(self, args: str, node: SyntaxTreeNode, reader: BlockReader, line: int) -> list[Block]:
        count = int(args) if args.isdigit() else 0
        if not 1 <= count <= MAX_WRITE_LINES:
            self.report.error(
                self.path, line, f"`::: write {args}` needs a number of lines from 1 to {MAX_WRITE_LINES}"
            )
            return reader.blocks(node.children)
        return [*reader.blocks(node.children), WriteLines(count, Source(self.path, line))]

    def references(self, node: SyntaxTreeNode, line: int) -> list[Block]:
        """`::: references` (or pandoc's `::: {#refs}`): the bibliography goes here."""
        if node.children:
            self.report.warning(self.path, line, "`::: references` holds the bibliography alone; what is written inside it is left out")
        return [References(Source(self.path, line))]

    def is_speaker(self, name: str) -> bool:
        return self.names.is_speaker(name)

    def unknown_container(self, name: str, line: int) -> None:
        self.names.unknown_container(name, Source(self.path, line))


class NotesReader(TalkFile):
    """Speaker blocks that belong to a generated slide: nothing else may be there."""

    def _is_notes(self, node: SyntaxTreeNode) -> bool:
        if node.type != "container_div":
            return False
        name = container_name(node.info)[0]
        return name == "notes" or self.is_speaker(name)

    def notes_only(self, nodes: list[SyntaxTreeNode], what: str) -> list[Note]:
        notes: list[Note] = []

        def container(name: str, args: str, node: SyntaxTreeNode, line: int) -> list[Block]:
            if name == "notes" or self.is_speaker(name):
                speaker = None if name == "notes" else name
                notes.append(Note(speaker, reader.blocks(node.children), Source(self.path, line)))
            else:
                self.report.warning(self.path, line, f"`::: {name}` is left out: only speaker notes belong to {what}")
            return []

        reader = self.reader(self.line_count, container, Footnotes(getattr(self, "footnote_definitions", {})))
        for node in nodes:
            if node.type == "container_div":
                reader.block(node)
            else:
                self.report.warning(self.path, line_of(node), f"only speaker notes belong to {what}; this is left out")
        return notes


class TitleNotesReader(NotesReader):
    """`deck/_title.md`: the speaker notes of the title slide, then, after a `---`, of the agenda."""

    def read(self) -> tuple[list[Note], list[Note]]:
        text = read_text(self.root, self.path, self.report)
        if text is None:
            return [], []
        self.line_count = len(text.splitlines())
        chunks: list[list[SyntaxTreeNode]] = [[]]
        tree = parse(text, self.quotes_lang)
        report_too_deep(tree, self.path, self.report)
        for node in tree.children:
            if node.type == "hr":
                chunks.append([])
            elif node.type != "front_matter":
                chunks[-1].append(node)
        if len(chunks) > 2:
            extra = next(n for chunk in chunks[2:] for n in chunk) if any(chunks[2:]) else None
            if extra is not None:
                self.report.warning(self.path, line_of(extra), "deck/_title.md holds the title's notes, `---`, then the agenda's; the rest is left out")
        title = self.notes_only(chunks[0], "the title slide")
        agenda = self.notes_only(chunks[1], "the agenda") if len(chunks) > 1 else []
        return title, agenda


class SegmentReader(NotesReader):
    def read(self) -> Segment | None:
        text = read_text(self.root, self.path, self.report)
        if text is None:
            return None
        front = find_front_matter(text)
        head = None
        if front is None:
            self.report.error(
                self.path, 1, "missing front matter: start the file with `---`, `title:` and `minutes:` lines, then `---`"
            )
            body = text
        else:
            head = FrontMatterReader(self.path, self.names, self.report).read(front)
            self.lang = head.lang if head is not None else None
            if front.body_line is None:
                return None  # all of it is front matter: no slide to read
            lines = text.split("\n")
            # The front matter's lines are left blank, so the slides keep their line numbers.
            body = "\n" * (front.body_line - 1) + "\n".join(lines[front.body_line - 1 :])
        tree, closed = close_runaway_blocks(body, self.quotes_lang)
        report_too_deep(tree, self.path, self.report)
        for opened, slide_break in closed:
            self.report.error(
                self.path, opened.map[0] + 1,
                f"`{opened.markup} {opened.info.strip()}` is never closed: end it with a line holding `{opened.markup}` "
                f"before the slide break at line {slide_break}",
            )
        nodes = list(tree.children)
        self.line_count = len(text.splitlines())
        nodes, self.footnote_definitions = footnote_definitions(nodes)
        nodes = [n for n in nodes if not _only_comments(n)]
        chunks = _split_slides(nodes)
        section_notes: list[Note] = []
        if chunks and chunks[0] and all(self._is_notes(node) for node in chunks[0]):
            section_notes = self.notes_only(chunks.pop(0), "the segment's section slide")
        slides = [slide for chunk in chunks if (slide := self.slide(chunk)) is not None]
        if not slides:
            self.report.error(self.path, 1, "the segment has no slides: add a `## Title` heading")
        if head is None:
            return None
        return Segment(
            head.title, head.minutes, head.lead, slides, Source(self.path, 1), Source(self.path, head.minutes_line), section_notes,
            lang=head.lang,
        )

    def slide(self, nodes: list[SyntaxTreeNode]) -> Slide | None:
        if not nodes:
            return None
        title_node = next((n for n in nodes if n.type == "heading"), None)
        first_line = line_of(title_node or nodes[0])
        source = Source(self.path, first_line)
        slide = Slide(title=(), layout="content", body=[], notes=[], source=source)
        if title_node is None:
            self.report.warning(self.path, first_line, "slide has no heading; its title is empty")

        def container(name: str, args: str, node: SyntaxTreeNode, line: int) -> list[Block]:
            if name == "notes" or self.is_speaker(name):
                speaker = None if name == "notes" else name
                slide.notes.append(Note(speaker, reader.blocks(node.children), Source(self.path, line)))
                return []
            if name == "handout":
                slide.handout_blocks.extend(reader.blocks(node.children))
                return []
            if name == "columns":
                return self.columns(reader, node, line)
            if name == "write":
                return self.write_lines(args, node, reader, line)
            if name in REVEAL_CONTAINERS:
                return self.reveal(name, node, reader)
            if name in REFERENCES:
                return self.references(node, line)
            self.unknown_container(name, line)
            return reader.blocks(node.children)

        footnotes = Footnotes(self.footnote_definitions)
        reader = self.reader(self.line_count, container, footnotes)
        if title_node is not None:
            self.title(slide, title_node, reader)
        slide.body = reader.blocks([n for n in nodes if n is not title_node])
        slide.footnotes = footnotes.notes
        if any(isinstance(b, WriteLines) for b in slide.body):
            self.report.warning(self.path, first_line, "`::: write` lines are shown only inside `::: handout` blocks")
        return slide

    def title(self, slide: Slide, node: SyntaxTreeNode, reader: BlockReader) -> None:
        line = line_of(node)
        inline, images, raw = reader.inline(node.children[0], line, trailing_attributes=True)
        if images:
            self.report.warning(self.path, line, "images in a slide title are not shown")
        slide.title = strip_inline(inline)
        if raw is None:
            return
        try:
            attributes = read_attributes(raw)
        except ValueError as exc:
            self.report.error(self.path, line, f"malformed attributes {raw}: {exc}")
            return
        for cls in attributes.classes:
            if cls not in SLIDE_CLASSES:
                self.report.warning(self.path, line, f"unknown class .{cls} is ignored{did_you_mean(cls, SLIDE_CLASSES, noun='.')}")
        slide.classes = attributes.classes
        slide.handout = "handout" in attributes.classes
        slide.incremental = "incremental" in attributes.classes and "nonincremental" not in attributes.classes
        for key, value in attributes.values.items():
            if key == "layout":
                if value in LAYOUTS:
                    slide.layout = value
                else:
                    self.report.error(
                        self.path, line, f"unknown layout {quoted(value)}; layouts are {', '.join(LAYOUTS)}{did_you_mean(value, LAYOUTS)}"
                    )
            elif key == "time":
                seconds = parse_time(value)
                if seconds is None:
                    self.report.error(
                        self.path, line, f"malformed time {_shortened(value)!r}: write it like 45s, 2m or 1m30s (at most a day)"
                    )
                slide.time = seconds
            elif key in ("background", "background-image"):
                slide.background = self.assets.picture(value, Source(self.path, line), "background")
            else:
                self.report.warning(
                    self.path, line, f"unknown attribute {quoted(key)} is ignored{did_you_mean(key, ('layout', 'time', 'background'))}"
                )


def close_runaway_blocks(text: str, lang: str = "en") -> tuple[SyntaxTreeNode, list[tuple[SyntaxTreeNode, int]]]:
    """The tree of a segment's text, with each `:::` block that runs on into the next slide
    (it holds a `---` followed by a `##` heading: its closing line was forgotten) closed at
    that `---`, and those blocks with the line of their slide break. Without this, the
    block would swallow the next slide and the next `:::` would be taken for its end, so
    another block would be reported instead of the one to fix."""
    closed: list[tuple[SyntaxTreeNode, int]] = []
    lines = text.split("\n")
    tree = parse(text, lang)
    for _ in range(len(lines)):
        runaway = next((found for node in tree.children if (found := _slide_break_inside(node)) is not None), None)
        if runaway is None:
            break
        block, slide_break = runaway
        closed.append((block, slide_break.map[0] + 1))
        # The slide break becomes the closing line: the `##` heading after it still starts
        # the next slide, and every line keeps its number.
        lines[slide_break.map[0]] = block.markup
        tree = parse("\n".join(lines), lang)
    return tree, closed


def _slide_break_inside(node: SyntaxTreeNode) -> tuple[SyntaxTreeNode, SyntaxTreeNode] | None:
    """(a `:::` block, the `---` in it) when a new slide starts inside the block."""
    if node.type != "container_div" or node.map is None:
        return None
    children = node.children
    for this, after in zip(children, children[1:]):
        if this.type == "hr" and this.map is not None and after.type == "heading" and after.tag in ("h1", "h2"):
            return node, this
    return None


def _only_comments(node: SyntaxTreeNode) -> bool:
    """An HTML block that holds nothing but comments: the author's, and no slide of its own."""
    return node.type == "html_block" and not re.sub(r"<!--.*?(-->|$)", "", node.content, flags=re.S).strip()


def _split_slides(nodes: list[SyntaxTreeNode]) -> list[list[SyntaxTreeNode]]:
    """Slides end at a `---` line, and, as in pandoc, where a `##` heading follows content."""
    chunks: list[list[SyntaxTreeNode]] = [[]]
    for node in nodes:
        if node.type == "hr":
            chunks.append([])
        elif node.type == "heading" and node.tag in ("h1", "h2") and chunks[-1]:
            chunks.append([node])
        else:
            chunks[-1].append(node)
    return chunks


def read_segment(
    root: Path, path: str, names: SpeakerNames, report: Diagnostics, assets: AssetResolver, lang: str = "en"
) -> Segment | None:
    return SegmentReader(root, path, names, report, assets, lang).read()


def _shortened(value: str, limit: int = 24) -> str:
    """A value short enough to quote in a message."""
    return value if len(value) <= limit else value[: limit - 1] + "…"
