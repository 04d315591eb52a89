"""Arrange: the time plan laid out on slides, as plain values (`arranged.py`).

Every layout decision of the deck is made here and nowhere else: which
layout a slide uses, how a body is split between text, pictures and tables,
how columns are filled, where the logo sits and how the title gives way to
it, how large text can be and still fit, how pictures are fitted or
cropped, the furniture (footer, progress bar), the notes page. Problems
found on the way (text that will not fit, content a layout cannot show) are
diagnostics, so `check` reports them as `build` does.

Pure: it reads the talk, the plan and the stage (what the template offers)
and returns an `ArrangedDeck`; python-pptx is never imported.

The arrangement is split by what it decides: `generated` (title, agenda and
section slides), `layouts` (content slides and their layouts), `body` (a
body's blocks stacked in the order written), `blocks` (pictures, code),
`tables` (tables and the agenda), `furniture` (logo, footer, footnotes, QR
codes, backgrounds, clicks, reading order) and `notes`; `draft` is the slide
being arranged and `measures` the sizes they share.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from typing import Callable

from segue.talk import labels
from segue.diagnostics import Diagnostics
from segue.talk.model import (
    GENERATED_LAYOUTS,
    LAYOUTS,
    Slide,
    Talk,
)
from segue.talk.plan import Plan, PlannedSlide
from segue.render.pptx.arranged import (
    ArrangedDeck,
    ArrangedSlide,
    Properties,
    TextBox,
)
from segue.render.pptx.geometry import Stage
from segue.render.pptx.text import (
    PLAIN,
)
from segue.render.pptx.arrange.draft import SlideDraft
from segue.render.pptx.arrange.blocks import BlockPlacing
from segue.render.pptx.arrange.body import BodyPlacing
from segue.render.pptx.arrange.tables import TablePlacing
from segue.render.pptx.arrange.furniture import Furniture
from segue.render.pptx.arrange.generated import GeneratedSlides
from segue.render.pptx.arrange.layouts import ContentLayouts
from segue.render.pptx.arrange.notes import Notes


PROPERTY_LENGTH = 255  # characters of a document property (title, subject, author) a deck holds


class Arranger(GeneratedSlides, ContentLayouts, BodyPlacing, BlockPlacing, TablePlacing, Furniture, Notes):
    """Arranges a whole deck; one method per kind of slide and per layout, in the mixins."""

    def __init__(self, talk: Talk, plan: Plan, stage: Stage, report: Diagnostics, public: bool, slide_timings: bool = True) -> None:
        self.slide_timings = slide_timings
        self.talk = talk
        self.plan = plan
        self.stage = stage
        self.report = report
        self.public = public
        self.type = stage.type_scale
        self.content_area = stage.content_area
        self.reveal = PLAIN
        self.reserve = 0
        self.logo_described = False  # the logo is described on the first slide that shows it, decoration after
        # Our own shapes (quote rule, progress bar) use deck.toml's accent, or a template's.
        explicit = talk.theme.template is None or "accent" in talk.theme.sources
        accent = talk.theme.accent.lstrip("#") if explicit or not stage.template_accent else stage.template_accent
        self.accent = accent.upper()
        self.kinds: dict[str, Callable[[PlannedSlide], SlideDraft]] = {
            "title": self._title,
            "agenda": self._agenda,
            "section": self._section,
            "content": self._content,
            "references": self._references,
        }
        self.layouts: dict[str, Callable[[SlideDraft, Slide], None]] = {
            "content": self._body,
            "two-column": self._two_columns,
            "image": self._image,
            "quote": self._quote,
            "title-only": self._title_only,
            "blank": self._blank,
        }
        assert set(self.kinds) == {*GENERATED_LAYOUTS, "content", "references"} and set(self.layouts) == set(LAYOUTS)

    def deck(self, auto_advance: bool, when: dt.datetime) -> ArrangedDeck:
        slides = tuple(self.slide(planned) for planned in self.plan.slides)
        sections: list[tuple[str, list[int]]] = [(labels.opening_section(self.talk), [])]
        for planned in self.plan.slides:
            if planned.kind == "section":
                sections.append((self.plan.segment_of(planned).segment.title, []))
            sections[-1][1].append(planned.number)
        properties = Properties(
            title=self._property("title", self.talk.title),
            subject=self._property("subject (the subtitle)", self.talk.subtitle or ""),
            author=self._property("author (the presenters)", "" if self.public else ", ".join(labels.credits(self.talk))),
            when=when,
        )
        return ArrangedDeck(
            slides=slides,
            sections=tuple((name, tuple(numbers)) for name, numbers in sections if numbers),
            properties=properties,
            use_timings=auto_advance,
            seed=self.talk.slug,
            lang=self.talk.lang,
        )

    def _property(self, what: str, value: str) -> str:
        """A document property as the format holds it: at most PROPERTY_LENGTH characters."""
        if len(value) <= PROPERTY_LENGTH:
            return value
        self.report.warning(
            "deck/deck.toml",
            None,
            f"the deck's {what} property holds {PROPERTY_LENGTH} characters, not {len(value):,}: it carries the first "
            f"{PROPERTY_LENGTH - 1} and '…' (the slides show all of it)",
        )
        return value[: PROPERTY_LENGTH - 1] + "…"

    def slide(self, planned: PlannedSlide) -> ArrangedSlide:
        arrange = self.kinds.get(planned.kind)
        if arrange is None:
            raise ValueError(f"no arrangement for slide kind {planned.kind!r}")
        draft = arrange(planned)
        if self.stage.text_color is not None:  # a template's look on the text we add
            draft.items = [self._in_template_look(item) for item in draft.items]
        return ArrangedSlide(
            number=planned.number,
            kind=planned.kind,
            layout=draft.key,
            placeholders=tuple(p.position for p in draft.layout.placeholders if p.position not in draft.removed),
            items=tuple(draft.items),
            notes=None if self.public else self._notes(planned),
            advance_ms=planned.duration * 1000 if self.slide_timings else None,
            clicks=draft.clicks,
            background=draft.background,
        )

    def _in_template_look(self, item):
        """On a template, a quote, caption or other text of the body is set as body text (the
        master's body style: its colour, and the panel it may draw behind it); footnotes and
        QR codes' addresses, at the foot, keep plain boxes in the body text's colour."""
        if not isinstance(item, TextBox) or item.body:
            return item
        if item.name.startswith(("Footnotes", "QR address")):
            return replace(item, frame=replace(item.frame, color=self.stage.text_color))
        return replace(item, body=True)

    def _new(self, key: str) -> SlideDraft:
        return SlideDraft(key, self.stage.layouts[key])



def arrange(
    talk: Talk,
    plan: Plan,
    stage: Stage,
    report: Diagnostics,
    public: bool = False,
    auto_advance: bool = False,
    when: dt.datetime = dt.datetime(2000, 1, 1),
    slide_timings: bool = True,
) -> ArrangedDeck:
    """Every slide of the plan laid out on the stage; problems go to `report`.

    `when` is the deck's date (naive UTC), from the build.
    """
    return Arranger(talk, plan, stage, report, public, slide_timings).deck(auto_advance, when)
