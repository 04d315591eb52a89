"""Segment files (`deck/NN-name.md`) to `Segment`s of `Slide`s."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import yaml

# PyYAML's safe loader, in C when libyaml is there (a tenth of the time); the same rules.
SAFE_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
from markdown_it.tree import SyntaxTreeNode

from segue.diagnostics import Diagnostics, quoted
from segue.talk.model import (
    LAYOUTS,
    ListBlock,
    Asset,
    Block,
    Columns,
    Note,
    Segment,
    Slide,
    Source,
    WriteLines,
)
from segue.talk.read.blocks import BlockReader
from segue.talk.read.inline import InlineImage, strip_inline
from segue.talk.read.markdown import Footnotes, footnote_definitions, line_of, parse, read_attributes, report_too_deep
from segue.talk.read.assets import AssetResolver
from segue.talk.read.config import MAX_MINUTES, MAX_TEXT, did_you_mean, finite_minutes
from segue.talk.read.text import read_text

FRONT_MATTER_KEYS = {"title", "minutes", "lead"}
CONTAINERS = ("notes", "handout", "columns", "column", "write", "incremental", "nonincremental")
SLIDE_CLASSES = {"handout", "incremental", "nonincremental"}
REVEAL_CONTAINERS = {"incremental": True, "nonincremental": False}
MAX_WRITE_LINES = 40

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
        self, root: Path, path: str, speakers: dict[str, Any], report: Diagnostics, assets: AssetResolver
    ) -> None:
        self.root = root
        self.path = path
        self.speakers = speakers
        self.report = report
        self.assets = assets

    def resolve_image(self, image: InlineImage, source: Source) -> Asset | None:
        return self.assets.picture(image.src, source)

    def reader(self, line_count: int, container, footnotes: Footnotes | None = None) -> BlockReader:
        return BlockReader(self.path, self.report, self.resolve_image, container, line_count, footnotes)

    def reveal(self, name: str, node: SyntaxTreeNode, reader: BlockReader) -> list[Block]:
        """`::: incremental` / `::: nonincremental`: the lists inside appear item by item, or at once."""
        blocks = reader.blocks(node.children)
        for block in blocks:
            if isinstance(block, ListBlock):
                block.incremental = REVEAL_CONTAINERS[name]
        return blocks

    def columns(self, reader: BlockReader, node: SyntaxTreeNode, line: int) -> list[Block]:
        columns: list[list[Block]] = []
        loose: list[SyntaxTreeNode] = []
        for child in node.children:
            if child.type == "container_div" and child.info.strip().split(" ")[0] == "column":
                reader.check_closed(child)
                columns.append(reader.blocks(child.children))
            else:
                loose.append(child)
        if loose:
            self.report.warning(
                self.path, line_of(loose[0]), "content inside `:::: columns` but outside a `::: column` is shown after the columns"
            )
        if len(columns) != 2:
            self.report.warning(
                self.path, line, f"`:::: columns` holds {len(columns)} `::: column` blocks; two are expected"
            )
        while len(columns) > 2:
            columns[-2].extend(columns.pop())
        return [Columns(columns, Source(self.path, line)), *reader.blocks(loose)]

    def write_lines(self, args: str, node: SyntaxTreeNode, reader: BlockReader, line: int) -> list[Block]:
        count = int(args) if args.isdigit() else 0
        if not 1 <= count <= MAX_WRITE_LINES:
            self.report.error(
                self.path, line, f"`::: write {args}` needs a number of lines from 1 to {MAX_WRITE_LINES}"
            )
            return reader.blocks(node.children)
        return [*reader.blocks(node.children), WriteLines(count, Source(self.path, line))]

    def is_speaker(self, name: str) -> bool:
        """A speaker id of deck.toml (any name that is not another container's, when deck.toml
        could not be read: its problem is the one reported)."""
        if self.speakers is None:
            return name not in CONTAINERS
        return name in self.speakers

    def unknown_container(self, name: str, line: int) -> None:
        ids = ", ".join(self.speakers or ()) or "none"
        hint = did_you_mean(name, [*(self.speakers or ()), *CONTAINERS], noun="::: ")
        self.report.error(
            self.path,
            line,
            f"unknown container `::: {name}`: not a speaker id ({ids}) nor one of {', '.join(CONTAINERS)}{hint}",
        )


class NotesReader(TalkFile):
    """Speaker blocks that belong to a generated slide: nothing else may be there."""

    def _is_notes(self, node: SyntaxTreeNode) -> bool:
        if node.type != "container_div":
            return False
        name = node.info.strip().partition(" ")[0]
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
        tree = parse(text)
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
        tree = parse(text)
        report_too_deep(tree, self.path, self.report)
        nodes = list(tree.children)
        front = None
        if nodes and nodes[0].type == "front_matter":
            front = self.front_matter(nodes.pop(0))
        elif text.startswith("---"):
            self.report.error(self.path, 1, "the front matter is never closed: end it with a line holding `---`")
        else:
            self.report.error(
                self.path, 1, "missing front matter: start the file with `---`, `title:` and `minutes:` lines, then `---`"
            )
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
        if front is None:
            return None
        title, minutes, lead, minutes_line = front
        return Segment(title, minutes, lead, slides, Source(self.path, 1), Source(self.path, minutes_line), section_notes)

    def front_matter(self, node: SyntaxTreeNode) -> tuple[str, float, list[str], int] | None:
        content = node.content
        lines = content.split("\n")

        def line_of_key(key: str) -> int:
            for index, line in enumerate(lines):
                if re.match(rf"^{re.escape(key)}\s*:", line):
                    return index + 2  # after the opening `---`
            return 1

        alias = _first_alias(content)
        if alias is not None:  # an alias can stand for a value of any size (a "billion laughs")
            self.report.error(self.path, alias, "front matter uses a YAML alias (`*name`): write the value out")
            return None
        try:
            try:
                data = yaml.load(content, Loader=SAFE_LOADER)
            except yaml.YAMLError:
                # The pure-Python loader says where and what more precisely: it reports.
                data = yaml.load(content, Loader=yaml.SafeLoader)
        except yaml.YAMLError as exc:
            mark = getattr(exc, "problem_mark", None)
            line = mark.line + 2 if mark is not None else 1
            problem = getattr(exc, "problem", None) or str(exc).split("\n")[0]
            hint = ""
            if "mapping values are not allowed" in problem:
                hint = '; a value holding ": " must be quoted, like title: "Narrative: The Story"'
            self.report.error(self.path, line, f"invalid YAML in front matter: {problem}{hint}")
            return None
        if not isinstance(data, dict):
            self.report.error(
                self.path, 2 if data is not None else 1, "front matter must be `key: value` lines (a YAML mapping)"
            )
            return None
        ok = True
        for key in data:
            if key not in FRONT_MATTER_KEYS:
                self.report.warning(self.path, line_of_key(str(key)), f"unknown front matter key {quoted(key)} is ignored{did_you_mean(str(key), FRONT_MATTER_KEYS)}")
        title = data.get("title")
        if title is None or (isinstance(title, str) and not title.strip()):
            self.report.error(self.path, 1, "front matter has no `title`")
            ok = False
        elif not isinstance(title, (str, int, float)):
            self.report.error(self.path, line_of_key("title"), "`title` must be text")
            ok = False
        elif len(str(title).strip()) > MAX_TEXT:
            self.report.error(self.path, line_of_key("title"), f"`title` is {len(str(title).strip()):,} characters; keep it to {MAX_TEXT}")
            ok = False
        minutes = data.get("minutes")
        if minutes is None:
            self.report.error(self.path, 1, "front matter has no `minutes`")
            ok = False
        elif isinstance(minutes, bool) or not isinstance(minutes, (int, float)):
            self.report.error(self.path, line_of_key("minutes"), f"`minutes` must be a number, not {quoted(minutes)}")
            ok = False
        elif finite_minutes(minutes) is None:
            self.report.error(
                self.path, line_of_key("minutes"), f"`minutes` must be a positive number, up to a day, not {quoted(minutes)}"
            )
            ok = False
        lead = data.get("lead", [])
        if isinstance(lead, str):
            lead = [lead]
        if not isinstance(lead, list) or not all(isinstance(x, str) for x in lead):
            self.report.error(self.path, line_of_key("lead"), "`lead` must be a list of speaker ids")
            lead = []
        for speaker in lead:
            if self.speakers is not None and speaker not in self.speakers:
                self.report.error(
                    self.path,
                    line_of_key("lead"),
                    f"unknown speaker {quoted(speaker)} in `lead`; the speakers of deck.toml are "
                    f"{', '.join(self.speakers) or 'none'}{did_you_mean(speaker, self.speakers)}",
                )
        lead = [s for s in lead if self.speakers is None or s in self.speakers]
        if not ok:
            return None
        return str(title).strip(), float(minutes), lead, line_of_key("minutes")

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
                self.report.warning(self.path, line, f"unknown class .{cls} is ignored")
        slide.classes = attributes.classes
        slide.handout = "handout" in attributes.classes
        slide.incremental = "incremental" in attributes.classes and "nonincremental" not in attributes.classes
        for key, value in attributes.values.items():
            if key == "layout":
                if value in LAYOUTS:
                    slide.layout = value
                else:
                    self.report.error(
                        self.path, line, f"unknown layout {quoted(value)}; layouts are {', '.join(LAYOUTS)}"
                    )
            elif key == "time":
                seconds = parse_time(value)
                if seconds is None:
                    self.report.error(
                        self.path, line, f"malformed time {quoted(value, 24)}: write it like 45s, 2m or 1m30s (at most a day)"
                    )
                slide.time = seconds
            elif key in ("background", "background-image"):
                slide.background = self.assets.picture(value, Source(self.path, line), "background")
            else:
                self.report.warning(self.path, line, f"unknown attribute {quoted(key)} is ignored")


def _first_alias(content: str) -> int | None:
    """The line of the first YAML alias in front matter (None when there is none, or
    when the YAML is malformed: reading it says so)."""
    try:
        for event in yaml.parse(content, Loader=SAFE_LOADER):
            if isinstance(event, yaml.AliasEvent):
                return event.start_mark.line + 2  # after the opening `---`
    except yaml.YAMLError:
        return None
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
    root: Path, path: str, speakers: dict[str, Any], report: Diagnostics, assets: AssetResolver
) -> Segment | None:
    return SegmentReader(root, path, speakers, report, assets).read()
