"""What slide bodies, notes and handout pages are made of: places in the
sources, inline spans, blocks, pictures and the files they name."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import Iterator, Union

from segue.media.formulas import MathNode, linear

LAYOUTS = ("content", "two-column", "image", "quote", "title-only", "blank")
"""Layouts a content slide may ask for with `layout=`."""

GENERATED_LAYOUTS = ("title", "agenda", "section")
"""Layouts of the slides the build makes itself."""


@dataclass(frozen=True)
class Source:
    """A place in the talk: a path relative to the talk folder and a 1-based line."""

    path: str
    line: int | None = None

    def __str__(self) -> str:
        return self.path if self.line is None else f"{self.path}:{self.line}"


# --- inline text -------------------------------------------------------------


@dataclass(frozen=True)
class CiteItem:
    """One work a citation names: its key, the words around it, a locator (`p. 4`)."""

    key: str
    prefix: str = ""
    suffix: str = ""
    label: str | None = None  # the locator's CSL label: "page", "chapter", …
    locator: str | None = None
    suppress_author: bool = False  # `[-@key]`: the year (or number) alone


@dataclass(frozen=True)
class Cite:
    """A citation as written: `[@a; @b, p. 4]`, or `@a` naming the author in the sentence
    (`narrative`). Once the talk is read, its span's text is the style's form of it."""

    items: tuple[CiteItem, ...]
    narrative: bool
    written: str
    source: Source


@dataclass(frozen=True)
class Span:
    """A run of text with one set of character styles.

    A span is one of: text (with its styles), inline code (`code`), inline
    math (`math`: the formula, read from the TeX that `text` holds), or a
    footnote reference (`footnote`: the note's number on its slide or page;
    the text is that number).
    """

    text: str
    bold: bool = False
    italic: bool = False
    code: bool = False
    href: str | None = None
    strike: bool = False
    script: str | None = None  # "super" | "sub"
    math: MathNode | None = None
    footnote: int | None = None
    qr: bool = False  # `[text](address){qr}`: the link's address is drawn as a QR code too
    literal_address: bool = False  # `<https://…>`: the address is the link's text on purpose, to be read out
    cite: Cite | None = None  # a citation, its text the style's form of it once the talk is read
    lang: str | None = None  # `[texte]{lang=fr}`, or the segment's `lang:`: the language of this text; None: the talk's

    @property
    def address_meant_to_be_read(self) -> bool:
        """A link whose address is shown to be read or scanned (`<https://…>`, `{qr}`)."""
        return bool(self.href) and (self.literal_address or self.qr)

    def style(self) -> tuple:
        """What two neighbouring spans must share to be one."""
        return (
            self.bold, self.italic, self.code, self.href, self.strike, self.script, self.math, self.footnote, self.qr,
            self.literal_address, self.cite, self.lang,
        )


Inline = tuple[Span, ...]


def plain(inline: Inline) -> str:
    """The text alone (titles in tables, cues, word counts): a formula as its one
    line of text (`x² + 1`), never its TeX."""
    return "".join(formula_text(span.math) if span.math is not None else span.text for span in inline)


def formula_text(formula: MathNode) -> str:
    """A formula as one line of text, as applications that cannot set it show it."""
    return " ".join(linear(formula).split())


_RTL = {"R", "AL"}
_LTR = {"L"}


def direction(text: str) -> str | None:
    """"rtl" when the text's first strong character reads right to left (as HTML's
    dir=auto decides), so an Arabic or Hebrew paragraph starts at the right."""
    for char in text:
        kind = unicodedata.bidirectional(char)
        if kind in _RTL:
            return "rtl"
        if kind in _LTR:
            return None
    return None


_WORD = re.compile(r"[\w’'-]+")


def count_words(text: str) -> int:
    return len(_WORD.findall(text))


# --- blocks ------------------------------------------------------------------


@dataclass
class Paragraph:
    inline: Inline
    source: Source


@dataclass
class Heading:
    """A heading inside a slide body or handout page (not a slide title)."""

    level: int
    inline: Inline
    source: Source


@dataclass
class ListItem:
    inline: Inline
    children: list["ListBlock"]
    source: Source
    checked: bool | None = None  # a task list item: done or not; None for a plain item


@dataclass
class ListBlock:
    ordered: bool
    start: int
    items: list[ListItem]
    source: Source
    incremental: bool | None = None  # revealed item by item; None follows the slide

    def flatten(self, level: int = 0) -> Iterator[tuple[int, int, ListItem, "ListBlock"]]:
        """(level, number, item, the list holding it) in reading order; level 0 is outermost."""
        for number, item in enumerate(self.items, start=self.start):
            yield level, number, item, self
            for child in item.children:
                yield from child.flatten(level + 1)


@dataclass
class Quote:
    blocks: list["Block"]
    source: Source


@dataclass
class CodeBlock:
    text: str
    source: Source
    language: str | None = None  # the fence's info string, for highlighting


@dataclass
class MathBlock:
    """Display math (`$$…$$`): the TeX and the formula read from it."""

    tex: str
    formula: MathNode
    source: Source


@dataclass
class LineBlock:
    """`| ` lines: each line kept as written (addresses, poems)."""

    lines: list[Inline]
    source: Source


@dataclass
class Definition:
    term: Inline
    definitions: list[list["Block"]]
    source: Source


@dataclass
class DefinitionList:
    items: list[Definition]
    source: Source


@dataclass
class Pause:
    """`. . .`: what follows appears on the next click (in notes: where that click comes)."""

    source: Source


@dataclass
class Table:
    header: list[Inline]
    rows: list[list[Inline]]
    align: list[str | None]
    source: Source


@dataclass
class Asset:
    """A file of the talk (an image, a logo, a template), by its talk-relative path."""

    path: str
    file: Path  # where the path resolves: its real path, inside the talk folder
    pixels: tuple[int, int] | None = None  # upright width and height, for pictures

    @property
    def suffix(self) -> str:
        """The suffix of the name the talk gives it (`file` is where that name resolves)."""
        return PurePosixPath(self.path).suffix.lower()


@dataclass
class AssetUse:
    """One place the talk names a file; `asset` is None when it could not be used."""

    ref: str
    source: Source
    asset: Asset | None
    what: str  # "image", "logo", "template", …


@dataclass(frozen=True)
class Size:
    """A picture's width or height as written: `40%` of the space it is in, or a length."""

    value: float
    unit: str  # "%", "in", "cm", "mm", "pt", "px"

    POINTS = {"in": 72.0, "cm": 72 / 2.54, "mm": 72 / 25.4, "pt": 1.0, "px": 0.75}

    def points(self, available: float) -> float:
        """The size in points, in a space `available` points across."""
        if self.unit == "%":
            return available * self.value / 100
        return self.value * self.POINTS[self.unit]


@dataclass
class Picture:
    asset: Asset
    alt: str
    fit: str  # "contain" | "cover"
    source: Source
    width: Size | None = None
    height: Size | None = None


@dataclass
class Chart:
    """A chart from data (`![…](scores.csv){chart=bar}` or a ```` ```chart ```` block): the
    categories (a scatter chart's x values), and each series' name and numbers (None
    where a value is missing)."""

    kind: str  # "bar" | "column" | "line" | "pie" | "scatter"
    alt: str
    category_name: str  # the header of the first column
    categories: tuple[str, ...]
    series: tuple[tuple[str, tuple[float | None, ...]], ...]
    source: Source
    data_path: str  # where the data is: the CSV file, or the segment holding the block

    def rows(self) -> list[list[str]]:
        """The data as a table: a header row, then one row per category."""
        header = [self.category_name, *(name for name, _ in self.series)]
        return [header] + [
            [category, *(_figure(values[index]) for _, values in self.series)] for index, category in enumerate(self.categories)
        ]

    def summary(self) -> str:
        """The chart for a screen reader: what it shows, then its data, row by row."""
        rows = self.rows()
        header = rows[0]
        lines = [f"{self.alt}. " if self.alt else "", f"{self.kind.capitalize()} chart. "]
        for row in rows[1:]:
            lines.append(f"{row[0]}: " + ", ".join(f"{name} {value}" for name, value in zip(header[1:], row[1:])) + ". ")
        return "".join(lines).strip()


def _figure(value: float | None) -> str:
    if value is None:
        return "—"
    return f"{value:g}" if abs(value) < 1e15 else f"{value:.6g}"


@dataclass
class Columns:
    """`:::: columns` holding two to four `::: column` blocks, each with the width
    it asks for (`::: {.column width="40%"}`: a percentage of the width), or None."""

    columns: list[list["Block"]]
    source: Source
    widths: tuple[float | None, ...] = ()

    def shares(self) -> list[float]:
        """Each column's share of the width, in percent: as asked, the rest shared
        evenly by the columns that ask for none; together never more than 100."""
        count = len(self.columns)
        if not count:  # an empty `::: columns`: nothing to share
            return []
        asked = [self.widths[i] if i < len(self.widths) else None for i in range(count)]
        given = sum(w for w in asked if w is not None)
        free = [i for i, w in enumerate(asked) if w is None]
        rest = (100 - given) / len(free) if free and given < 100 else 100 / count
        shares = [w if w is not None else rest for w in asked]
        total = sum(shares)
        return [share * 100 / total for share in shares] if total > 100 else shares


@dataclass
class References:
    """`::: references`: the bibliography of the works the talk cites, placed here
    (each entry's text in the style's form, filled in once the talk is read)."""

    source: Source
    entries: list[Inline] = field(default_factory=list)


@dataclass
class WriteLines:
    """`::: write N`: ruled lines for a reader to write on (handouts)."""

    count: int
    source: Source


Block = Union[
    Paragraph,
    Heading,
    ListBlock,
    Quote,
    CodeBlock,
    MathBlock,
    Table,
    Picture,
    Columns,
    WriteLines,
    LineBlock,
    DefinitionList,
    Pause,
    References,
    Chart,
]


@dataclass
class Footnote:
    """A footnote of a slide or handout page, numbered in the order it is first referred to."""

    number: int
    blocks: list[Block]
    source: Source

