"""The talk as data for the Typst templates: model blocks and spans to plain
JSON values, and the checks every piece of printed text passes on the way.

This is the only place where the model meets the templates. Each block type
has one case here and one in `common.typ` (`render-block`); a block type
without a case is a programming error and raises, so a new kind of block
cannot slip into a PDF unhandled. Text stays text: the templates build
content from these strings and never evaluate them.

Every string passes through `Texts`, which remembers where it came from, so
a character no font can draw is reported with its file and line and left
out (see `fonts`), and pictures go in as the bytes the build prepared,
never as the presenter's file.
"""

from __future__ import annotations


from segue.talk import labels
from segue.diagnostics import Diagnostics, quoted
from segue.media.highlight import BACKGROUND as HIGHLIGHT_BACKGROUND
from segue.media.highlight import highlight
from segue.media.formulas import MathNode, linear
from segue.talk.model import (
    Block,
    Chart,
    CodeBlock,
    Columns,
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
    References,
    Source,
    Span,
    Table,
    Talk,
    WriteLines,
    direction,
)
from segue.render.pdf import fonts
from segue.render.pdf.pictures import Pictures

CHART_GREYS = ("#3D3D3D", "#8C8C8C", "#BFBFBF", "#111111", "#6E6E6E", "#D9D9D9")  # tell apart on black-and-white paper

def language(tag: str) -> dict:
    """A BCP 47 tag as Typst takes it: the language, and the region when there is one
    (Typst has no place for a script subtag; the language still names the text)."""
    parts = tag.split("-")
    region = next((p for p in parts[1:] if len(p) == 2 and p.isalpha()), None)
    return {"lang": parts[0].lower(), "region": region.upper() if region else None}


class Texts:
    """Every string bound for a PDF, with its source; removes what no font can draw."""

    def __init__(self) -> None:
        self.seen: dict[tuple[str, int | None], set[str]] = {}
        self.drop: frozenset[str] = frozenset()

    def __call__(self, text: str, source: Source | None) -> str:
        for old, new in fonts.SUBSTITUTES.items():
            text = text.replace(old, new)
        key = (source.path, source.line) if source is not None else ("", None)
        self.seen.setdefault(key, set()).update(text)
        if self.drop:
            text = "".join(c for c in text if c not in self.drop)
        return text

    @property
    def chars(self) -> set[str]:
        return set().union(*self.seen.values()) if self.seen else set()

    def report_missing(self, missing: frozenset[str], report: Diagnostics, output: str) -> None:
        """One warning per place and set of characters, in reading order."""
        for (path, line), chars in sorted(self.seen.items(), key=lambda item: (item[0][0], item[0][1] or 0)):
            found = sorted(chars & missing)
            if not found or not path:
                continue
            names = ", ".join(f"“{c}” (U+{ord(c):04X})" for c in found)
            report.warning(path, line, f"{names}: no available font can draw it; left out of the {output}")


class DataBuilder:
    """Model blocks to template data for one document."""

    def __init__(
        self,
        talk: Talk,
        texts: Texts,
        report: Diagnostics,
        output: str,
        pictures: Pictures | None = None,
        marks: bool = False,
    ) -> None:
        self.talk = talk  # for the words the build adds (in the talk's language)
        self.texts = texts
        self.report = report
        self.output = output  # "handout" or "script", for messages
        self.pictures = pictures
        self.floor = 1  # the level of the heading the current blocks sit under
        self.last_level = 1
        self.marks = marks  # number the places a column may end, for balancing
        self.mark_count = 0
        self.footnotes: dict[int, Footnote] = {}  # the notes of the slide or page being built, by number
        self.clicks: str | None = None  # what a `. . .` pause shows (scripts: where to click); None: nothing (handout)
        self.qr: str | None = None  # "marked": `{qr}` links get a QR code; "all": every web link (handout)
        self.chart_colours: tuple[str, ...] = CHART_GREYS  # the series' colours, the first the accent when it prints dark
        self._warned: set[tuple[str, int | None, str]] = set()

    def warn_once(self, source: Source, message: str) -> None:
        key = (source.path, source.line, message)
        if key not in self._warned:
            self._warned.add(key)
            self.report.warning(source.path, source.line, message)

    def section(self, level: int) -> None:
        """Blocks that follow sit under a heading of `level` (a slide's or a page's title)."""
        self.floor = self.last_level = level

    def _mark(self, value: dict, keep: bool = False) -> dict:
        """Number a place a column may end; `keep` when ending it there would
        part two blocks that belong together (the place is still measured)."""
        if self.marks:
            value["mark"] = self.mark_count
            if keep:
                value["keep"] = True
            self.mark_count += 1
        return value

    # --- text -------------------------------------------------------------------

    def text(self, text: str, source: Source | None) -> str:
        return self.texts(text, source)

    def inline(self, inline: Inline, source: Source | None) -> list[dict]:
        spans = []
        for span in inline:
            spans.extend(self.span(span, source))
        return spans

    def span(self, span: Span, source: Source | None) -> list[dict]:
        if span.math is not None:
            return [{"text": "", "math": formula_data(span.math), "alt": self.text(" ".join(linear(span.math).split()), source)}]
        if span.footnote is not None:
            return self.footnote(span.footnote, source)
        value: dict = {"text": self.text(span.text, source)}
        if span.strike:
            value["strike"] = True
        if span.script:
            value["script"] = span.script
        if span.bold:
            value["bold"] = True
        if span.italic:
            value["italic"] = True
        if span.code:
            value["code"] = True
        if span.lang:
            value["lang"] = language(span.lang)  # the PDF marks the passage's language for screen readers
        if span.href:
            if span.href.startswith(labels.WEB_SCHEMES):
                value["href"] = span.href
                address = labels.shown_address(span.href)
                if address and address not in span.text:
                    value["address"] = self.text(address, source)
            elif source is not None:
                self.warn_once(
                    source,
                    f"link to {quoted(span.href)} is not a web or mail address; the {self.output} prints its text without the link",
                )
        return [value] if value["text"] else []

    def footnote(self, number: int, source: Source | None) -> list[dict]:
        """A footnote of the current slide or page, set where it is referred to."""
        footnote = self.footnotes.get(number)
        if footnote is None:
            return []
        if len(footnote.blocks) == 1 and isinstance(footnote.blocks[0], Paragraph):
            # One paragraph runs on after the note's number, as footnotes are printed.
            return [{"text": "", "number": number, "footnote_inline": self.inline(footnote.blocks[0].inline, footnote.source)}]
        return [{"text": "", "number": number, "footnote": self.blocks(footnote.blocks)}]

    def plain(self, text: str, source: Source | None, **style) -> list[dict]:
        """A string as spans, for text the build composes (titles, labels, cues)."""
        return self.span(Span(text, **style), source)

    # --- blocks -------------------------------------------------------------------

    def blocks(self, blocks: list[Block], top: bool = False, after_sticky: bool = False) -> list[dict]:
        """Template data for `blocks`; `top` marks where a column may end between
        them, except right after a block that must stay with the next."""
        out: list[dict] = []
        for index, block in enumerate(blocks):
            value = self.block(block)
            if value is None:
                continue
            following = blocks[index + 1] if index + 1 < len(blocks) else None
            sticky = following is not None and _introduces(block, following)
            if sticky:
                value["sticky"] = True  # kept with what it introduces: never alone at a column's foot
            if top:
                self._mark(value, keep=after_sticky)
            after_sticky = sticky
            out.append(value)
        return out

    def block(self, block: Block) -> dict | None:
        if isinstance(block, Paragraph):
            return self.paragraph(block)
        if isinstance(block, Heading):
            return self.heading(block)
        if isinstance(block, ListBlock):
            return self.list(block, top=True)
        if isinstance(block, Quote):
            return {"kind": "quote", "blocks": self.blocks(block.blocks)}
        if isinstance(block, CodeBlock):
            return self.code(block)
        if isinstance(block, MathBlock):
            return {"kind": "math", "math": formula_data(block.formula), "alt": self.text(" ".join(linear(block.formula).split()), block.source)}
        if isinstance(block, LineBlock):
            lines = [self.inline(line, block.source) for line in block.lines]
            return {"kind": "lines", "lines": lines}
        if isinstance(block, DefinitionList):
            items = [
                {"term": self.inline(item.term, item.source), "definitions": [self.blocks(d) for d in item.definitions]}
                for item in block.items
            ]
            return {"kind": "terms", "items": items}
        if isinstance(block, Pause):
            return {"kind": "click", "text": self.text(self.clicks, block.source)} if self.clicks else None
        if isinstance(block, Table):
            return self.table(block)
        if isinstance(block, Picture):
            return self.picture(block)
        if isinstance(block, Columns):
            # A column of a handout is narrow already; side by side inside it nothing would read.
            return {"kind": "columns", "columns": [self.blocks(column) for column in block.columns]}
        if isinstance(block, WriteLines):
            return {"kind": "write", "count": block.count}
        if isinstance(block, References):
            return self.references(block.entries, block.source)
        if isinstance(block, Chart):
            return self.chart(block)
        raise TypeError(f"no template data for {type(block).__name__} blocks")

    def chart(self, block: Chart) -> dict:
        """The chart drawn as vector graphics, then its data as a table (what a screen
        reader reads; a reader of the page can check the figures)."""
        rows = block.rows()
        table = self.table(Table([(Span(c),) for c in rows[0]], [[(Span(c),) for c in row] for row in rows[1:]], ["left"] + ["right"] * (len(rows[0]) - 1), block.source))
        value: dict = {"kind": "chart", "table": table, "alt": self.text(block.alt or f"{block.kind.capitalize()} chart", block.source)}
        if self.pictures is not None:
            from segue.media.chartdraw import chart_svg

            font = next((str(face.file) for face in fonts.packaged_faces(fonts.PACKAGED[0]) if "Regular" in face.file.name), None)
            svg = chart_svg(block.kind, block.categories, block.series, self.chart_colours, "#000000", font)
            value["picture"] = self.pictures.add_drawing(svg)
        return value

    def references(self, entries: list[Inline], source: Source) -> dict | None:
        """The bibliography: one entry a paragraph, its lines after the first indented."""
        shown = [spans for entry in entries if (spans := self.inline(entry, source))]
        return {"kind": "references", "entries": shown} if shown else None

    def code(self, block: CodeBlock) -> dict:
        """Code as coloured runs (the deck's palette), line by line."""
        lines = []
        for line in highlight(block.text.rstrip("\n"), block.language):
            runs = []
            for run in line:
                value = {"text": self.text(run.text, block.source), "color": "#" + run.color}
                if run.bold:
                    value["bold"] = True
                if run.italic:
                    value["italic"] = True
                runs.append(value)
            lines.append(runs)
        return {"kind": "code", "lines": lines, "background": "#" + HIGHLIGHT_BACKGROUND}

    def paragraph(self, block: Paragraph) -> dict | None:
        spans = self.inline(block.inline, block.source)
        if not spans:
            return None
        value = {"kind": "paragraph", "inline": spans}
        if direction("".join(s["text"] for s in spans)):
            value["dir"] = "rtl"
        return self._codes(value, block.inline)

    def heading(self, block: Heading) -> dict | None:
        spans = self.inline(block.inline, block.source)
        if not spans:
            return None
        # Under the title they sit beneath, and never more than one level below the
        # heading before: screen readers navigate by these levels.
        level = max(self.floor + 1, min(block.level, self.last_level + 1, 6))
        self.last_level = level
        return {"kind": "heading", "level": level, "inline": spans}

    def list(self, block: ListBlock, top: bool = False) -> dict:
        items = [self.item(item, marked=top and index > 0) for index, item in enumerate(block.items)]
        value = {"kind": "list", "ordered": block.ordered, "start": block.start, "items": items}
        if block.items and all(item.checked is not None for item in block.items):
            value["tasks"] = True  # the boxes stand in for the bullets
        if items and items[0].get("dir") == "rtl":
            value["dir"] = "rtl"  # a list that starts right to left has its bullets on the right
        return value

    def item(self, item: ListItem, marked: bool) -> dict:
        spans = self.inline(item.inline, item.source)
        value: dict = {"inline": spans, "children": [self.list(child) for child in item.children]}
        if item.checked is not None:
            value["checked"] = item.checked
            # What the drawn box says to a screen reader; alt text only, so no font need draw ☑.
            value["state"] = labels.task_state(self.talk, item.checked)
        if direction("".join(s["text"] for s in spans)):
            value["dir"] = "rtl"
        value = self._codes(value, item.inline)
        # A column may end between two items of a list, not only between blocks
        # (before the first item, the list's own mark serves).
        return self._mark(value) if marked else value

    def _codes(self, value: dict, inline: Inline) -> dict:
        """`value` with the QR codes of its links, when this document draws them."""
        if self.qr is None or self.pictures is None:
            return value
        addresses = [
            span.href
            for span in inline
            if span.href and span.href.startswith(labels.WEB_SCHEMES) and (span.qr or self.qr == "all")
        ]
        codes = [
            {"picture": self.pictures.add_code(address), "address": labels.shown_address(address), "alt": labels.qr_code(self.talk, labels.shown_address(address))}
            for address in dict.fromkeys(addresses)
        ]
        return {**value, "qr": codes} if codes else value

    def table(self, block: Table) -> dict:
        width = max([len(block.header), *(len(row) for row in block.rows)], default=0)

        def cells(row: list[Inline]) -> list[list[dict]]:
            found = [self.inline(cell, block.source) for cell in row]
            return found + [[] for _ in range(width - len(found))]

        align = [(block.align[i] if i < len(block.align) else None) or "left" for i in range(width)]
        return {
            "kind": "table",
            "columns": width,
            "header": cells(block.header) if block.header else None,
            "rows": [cells(row) for row in block.rows],
            "align": align,
        }

    def picture(self, block: Picture) -> dict | None:
        if self.pictures is None:
            return None
        key = self.pictures.add(block)
        if key is None:
            # The reader checked the picture: it was removed or changed since. The
            # output would silently differ from the talk, so it is not written.
            problem = self.pictures.problems.get(block.asset.file, "cannot be prepared")
            key = (block.source.path, block.source.line, problem)
            if key not in self._warned:
                self._warned.add(key)
                self.report.error(block.source.path, block.source.line, f"image {quoted(block.asset.path)}: {problem}")
            return None
        prepared = self.pictures.prepared[key]
        value = {
            "kind": "picture",
            "picture": key,
            "format": "svg" if prepared.svg is not None else "jpg" if prepared.extension == "jpg" else "png",
            "aspect": prepared.width / prepared.height,
            "alt": self.text(block.alt, block.source),
        }
        for name, size in (("width", block.width), ("height", block.height)):
            if size is not None:
                value[name] = {"value": size.value, "unit": size.unit, "points": size.points(0) if size.unit != "%" else None}
        return value


def chart_colours(talk) -> tuple[str, ...]:
    """A chart's colours on paper: the accent first when it prints dark enough, then greys."""
    from segue.render.pdf import ink

    return (ink.hex_of(ink.print_accent(talk.theme.accent)), *CHART_GREYS[1:])


def formula_data(node: MathNode) -> dict:
    """A formula as nested data the template builds Typst math from (never Typst source)."""
    value: dict = {"kind": node.kind}
    if node.text:
        value["text"] = node.text
    if node.children:
        value["children"] = [formula_data(child) for child in node.children]
    return value


def _introduces(block: Block, following: Block) -> bool:
    """A heading, a paragraph set wholly in bold (a run-in heading such as
    "**Questions to bring to supervision**") and a question over its writing
    lines all introduce what follows them."""
    if isinstance(block, Heading):
        return True
    if isinstance(block, Paragraph):
        if isinstance(following, WriteLines):
            return True
        return bool(block.inline) and all(span.bold or not span.text.strip() for span in block.inline)
    return False
