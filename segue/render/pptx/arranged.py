"""The arranged deck: every slide as the layout it uses and the things placed on it.

This is the PowerPoint-shaped value between the talk and the file: `arrange`
makes it from the time plan without touching python-pptx, `write` turns it
into a .pptx without deciding anything. Boxes are in EMU; text is paragraphs
whose sizes are already fitted; pictures name the file to prepare and the
box and crop they get; shape ids are the ones the slide will carry.

A slide's `items` are in the order they are written: placed shapes appear in
that order on the slide (last on top), except those marked `behind`, which go
under everything else.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import Union

from segue.media.highlight import CodeRun
from segue.talk.model import Inline, direction
from segue.render.pptx.geometry import Rect


@dataclass(frozen=True)
class Para:
    """A PowerPoint paragraph: its runs, list level and bullet, and type size.

    Before fitting, `size` is the size the text would like; in an arranged
    deck it is the size to write, or None to leave it to the layout (so a
    template's type scale applies).
    """

    spans: Inline
    size: float | None
    level: int = 0
    bullet: str = "none"  # "none" | "bullet" | "number"
    number: int = 1
    italic: bool = False
    bold: bool = False
    mono: bool = False
    align: str | None = None  # None inherits; "l", "ctr", "r"
    indent: int | None = None  # left margin in EMU of a paragraph without a bullet (definitions, task items)
    display: bool = False  # a formula on its own, centred (its one span is the formula)
    step: int = 0  # the click that reveals it; 0: shown with the slide
    task: bool | None = None  # a task list item: done (True) or to do (False), its box before the text

    @property
    def text(self) -> str:
        return (TASK_BOX[self.task] if self.task is not None else "") + "".join(span.text for span in self.spans)

    @property
    def rtl(self) -> bool:
        """Whether it reads right to left (its first strong character is Arabic, Hebrew, …),
        so it is set from the right, its bullet too. Code lines keep their direction."""
        return not self.mono and direction(self.text) == "rtl"


# A done task is ticked: a cross (☒) reads as "no".
TASK_BOX = {True: "☑ ", False: "☐ "}


@dataclass(frozen=True)
class TextFrame:
    paras: tuple[Para, ...]
    anchor: str | None = None  # None inherits; "ctr" centres the text vertically
    color: str | None = None  # RRGGBB: a template's body text colour, stated on a text box (which takes no body style); None inherits

    @property
    def text(self) -> str:
        return "\n".join(para.text for para in self.paras)


@dataclass(frozen=True)
class PlaceholderText:
    """Text written into one of the layout's placeholders."""

    placeholder: int  # its position among the placeholders the slide receives from its layout
    frame: TextFrame
    box: Rect | None = None  # a new position; None keeps the layout's


@dataclass(frozen=True)
class TextBox:
    shape_id: int
    name: str
    box: Rect
    frame: TextFrame
    body: bool = False  # body text after a table, code or picture: a body placeholder of its own, styled as the body


@dataclass(frozen=True)
class Crop:
    """Fractions of the picture cut from each side (fit=cover)."""

    left: float = 0.0
    top: float = 0.0
    right: float = 0.0
    bottom: float = 0.0


@dataclass(frozen=True)
class PictureBox:
    shape_id: int
    name: str
    box: Rect
    file: Path | None  # the talk's file; the writer prepares its pixels (None: a QR code)
    max_pixels: tuple[int, int]  # the prepared picture's largest size
    alt: str
    role: str = "content"  # "content" | "logo" | "background" | "qr"
    crop: Crop | None = None
    behind: bool = False
    step: int = 0  # the click that reveals it; 0: shown with the slide
    qr: str | None = None  # role "qr": the address the writer draws as a QR code


@dataclass(frozen=True)
class TableBox:
    shape_id: int
    name: str
    box: Rect
    column_widths: tuple[int, ...]
    row_heights: tuple[int, ...]
    cells: tuple[tuple[Para, ...], ...]  # one paragraph per cell, row by row; the first row is the header
    step: int = 0


@dataclass(frozen=True)
class CodeBox:
    """Code in a shaded box: each line as coloured monospace runs."""

    shape_id: int
    name: str
    box: Rect
    lines: tuple[tuple[CodeRun, ...], ...]
    size: float
    background: str  # RRGGBB
    step: int = 0


@dataclass(frozen=True)
class ChartBox:
    """A native chart of the data, coloured from the theme; `alt` is its data as text."""

    shape_id: int
    name: str
    box: Rect
    kind: str  # "bar" | "column" | "line" | "pie" | "scatter"
    category_name: str
    categories: tuple[str, ...]
    series: tuple[tuple[str, tuple[float | None, ...]], ...]
    alt: str
    size: float  # the type size of its labels, points
    step: int = 0


@dataclass(frozen=True)
class RectShape:
    """A plain filled rectangle: a rule, a panel, the progress bar."""

    shape_id: int
    name: str
    box: Rect
    color: str  # RRGGBB
    description: str = ""  # alt text; empty for decoration
    opacity: float | None = None
    behind: bool = False


@dataclass(frozen=True)
class FooterField:
    """A copy of the layout's footer (`ftr`, the talk's title) or slide-number placeholder."""

    shape_id: int
    kind: str  # "ftr" | "sldNum"
    footer: int  # which of the layout's footer placeholders it copies (its place in `LayoutSpec.footers`)
    text: str = ""  # the footer's text
    number: int = 0  # the slide number field's value


@dataclass(frozen=True)
class OffSlideTitle:
    """A title placeholder above the slide, where no one sees it: a slide whose layout
    shows no title still has one for screen readers and the outline."""

    shape_id: int
    frame: TextFrame
    box: Rect


Item = Union[PlaceholderText, TextBox, PictureBox, TableBox, RectShape, FooterField, CodeBox, OffSlideTitle, ChartBox]


@dataclass(frozen=True)
class Target:
    """What one click reveals in one shape: one of its paragraphs, or the whole shape."""

    shape_id: int
    paragraphs: tuple[int, int] | None = None  # the paragraph (0-based), as first and last of a range of one


@dataclass(frozen=True)
class Background:
    """A picture filling the slide's background (`{background=…}`)."""

    file: Path
    max_pixels: tuple[int, int]
    crop: Crop


@dataclass(frozen=True)
class ArrangedSlide:
    number: int  # 1-based place in the deck
    kind: str  # "title" | "agenda" | "section" | "content" | "references"
    layout: str  # our layout name, resolved to a template layout by the stage
    placeholders: tuple[int, ...]  # positions of the layout's placeholders the slide keeps; the others are removed
    items: tuple[Item, ...]
    notes: tuple[Para, ...] | None  # None: no notes page (public builds)
    advance_ms: int | None  # None: no advance time (--no-slide-timings)
    clicks: tuple[tuple[Target, ...], ...] = ()  # what each click reveals, in order
    background: Background | None = None


@dataclass(frozen=True)
class Properties:
    """The document properties the deck carries."""

    title: str
    subject: str
    author: str
    when: dt.datetime  # created and modified (naive UTC): the build's one date


@dataclass(frozen=True)
class ArrangedDeck:
    slides: tuple[ArrangedSlide, ...]
    sections: tuple[tuple[str, tuple[int, ...]], ...]  # (name, slide numbers) in deck order
    properties: Properties
    use_timings: bool  # slides advance by themselves (--auto-advance)
    seed: str  # what the deck's GUIDs are derived from (the talk's slug), so rebuilds give equal bytes
    lang: str = "en"  # the language every run is marked with, for screen readers and spelling
