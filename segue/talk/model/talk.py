"""The talk itself: its speakers, theme, segments, slides and notes."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterator

from segue.talk.model.blocks import (
    AssetUse, Asset, Block, Footnote, Inline, ListBlock, Pause, Picture, Source, count_words, plain,
)
from segue.talk.model.walk import blocks_text, iter_blocks


@dataclass
class Note:
    """A block of speaker notes. `speaker` is None for `::: notes` (every speaker)."""

    speaker: str | None
    blocks: list[Block]
    source: Source

    @property
    def text(self) -> str:
        return blocks_text(self.blocks)

    @property
    def words(self) -> int:
        return count_words(self.text)


@dataclass
class Slide:
    title: Inline
    layout: str
    body: list[Block]
    notes: list[Note]
    source: Source
    time: float | None = None  # explicit allotment in seconds (`time=`)
    handout: bool = False  # `.handout`: visible content goes into the handout too
    handout_blocks: list[Block] = field(default_factory=list)  # `::: handout`
    classes: tuple[str, ...] = ()
    incremental: bool = False  # `{.incremental}`: lists appear item by item
    background: Asset | None = None  # `{background=…}`: a picture behind the whole slide
    footnotes: list[Footnote] = field(default_factory=list)  # referred to from its body, notes or handout blocks

    @property
    def title_text(self) -> str:
        return plain(self.title)

    def words_by_speaker(self) -> dict[str | None, int]:
        words: dict[str | None, int] = {}
        for note in self.notes:
            words[note.speaker] = words.get(note.speaker, 0) + note.words
        return words

    @property
    def spoken_words(self) -> int:
        return sum(note.words for note in self.notes)

    def pictures(self) -> list[Picture]:
        return [b for b in iter_blocks(self.body) if isinstance(b, Picture)]

    def revealed(self, block: ListBlock) -> bool:
        """Whether a list of this slide appears item by item."""
        return block.incremental if block.incremental is not None else self.incremental

    @property
    def clicks(self) -> int:
        """Clicks the slide takes to show everything: one per `. . .` pause, and one per
        top-level item of each list revealed item by item."""
        count = 0
        for block in iter_blocks(self.body):  # lists nested in a list item are not blocks of their own
            if isinstance(block, Pause):
                count += 1
            elif isinstance(block, ListBlock) and self.revealed(block):
                count += len(block.items)
        return count


@dataclass
class Segment:
    title: str
    minutes: float
    lead: list[str]
    slides: list[Slide]
    source: Source  # the segment file, line 1 (front matter)
    minutes_source: Source  # the `minutes:` line
    notes: list["Note"] = field(default_factory=list)  # for its section slide: speaker blocks before the first slide
    lang: str | None = None  # `lang:` in its front matter: the language its text is written in; None: the talk's

    @property
    def seconds(self) -> int:
        return round(self.minutes * 60)


@dataclass
class Speaker:
    id: str
    role: str
    name: str | None = None

    @property
    def label(self) -> str:
        """How notes and scripts name the speaker: role, and name when given."""
        return f"{self.role} ({self.name})" if self.name else self.role

    @property
    def credit(self) -> str:
        """How the title slide names the speaker: name and role, or the role alone."""
        return f"{self.name}, {self.role}" if self.name else self.role


@dataclass
class Theme:
    accent: str = "#7A3E65"
    font: str = "Calibri"
    template: Asset | None = None
    logo: Asset | None = None
    title_background: Asset | None = None
    progress_bar: bool = False
    layouts: dict[str, str] = field(default_factory=dict)
    sources: dict[str, Source] = field(default_factory=dict)  # deck.toml lines: "template", "layouts.content", …


@dataclass
class HandoutSettings:
    paper: str = "letter"
    qr: bool = False  # every web link in the handout gets a QR code beside it


@dataclass
class HandoutPage:
    title: Inline
    blocks: list[Block]
    source: Source
    footnotes: list[Footnote] = field(default_factory=list)


@dataclass
class Talk:
    root: Path
    title: str
    duration: float  # minutes in the slot
    slug: str
    speakers: dict[str, Speaker]
    segments: list[Segment]
    subtitle: str | None = None
    event: str | None = None
    date: dt.date | None = None
    words_per_minute: float = 140.0
    lang: str = "en"  # BCP 47 language of the talk's text, for screen readers and hyphenation
    start: dt.time | None = None  # the session's start (time of day): clock times are then times of day
    theme: Theme = field(default_factory=Theme)
    handout: HandoutSettings = field(default_factory=HandoutSettings)
    handout_pages: list[HandoutPage] = field(default_factory=list)
    title_notes: list[Note] = field(default_factory=list)  # deck/_title.md, before its first `---`
    agenda_notes: list[Note] = field(default_factory=list)  # deck/_title.md, after it
    duration_source: Source = Source("deck/deck.toml", 1)  # the `duration =` line
    asset_uses: list[AssetUse] = field(default_factory=list)  # every file named, in reading order
    unread_segments: list[str] = field(default_factory=list)  # segment files whose front matter could not be read (reported)
    references: list[Inline] = field(default_factory=list)  # the bibliography: every work cited, in the style's form and order
    references_source: Source = Source("deck/deck.toml")  # the bibliography file, for messages about its text

    def first_use(self, file: Path) -> AssetUse | None:
        """Where the talk first names `file`: for a diagnostic about the file."""
        return next((use for use in self.asset_uses if use.asset is not None and use.asset.file == file), None)

    @property
    def slides(self) -> Iterator[tuple[Segment, Slide]]:
        for segment in self.segments:
            for slide in segment.slides:
                yield segment, slide
