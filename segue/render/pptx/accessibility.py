"""The deck's accessibility check, on the arranged deck: what a screen reader or a
reader with low vision would stumble on, reported as warnings (`--strict` fails).

- slide titles that repeat (screen readers list slides by title);
- text colours under 4.5:1 against their background (WCAG 2.2, level AA):
  the built-in look's, or a template's titles, body text, title slide and
  links in the colours its masters' placeholders set them in, against what
  the layout draws behind them (its background, a picture's average colour,
  the master's and layout's own shapes, the placeholder's panel);
- text set under 18 pt once fitted (the look's floor; a template's type
  scale can go lower);
- tables whose header row is empty;
- links whose text is their address.

A picture without alt text is reported by the reader, where the picture is
named; a blank slide keeps its title off the slide for screen readers.
"""

from __future__ import annotations

import re

from segue.diagnostics import Diagnostics, quoted
from segue.talk.model import Source, Talk
from segue.talk.plan import Plan
from segue.render.pptx.arranged import ArrangedDeck, PlaceholderText, TableBox, TextBox
from segue.render.pptx.geometry import Stage
from segue.render.pptx.text import MIN_PT

MIN_CONTRAST = 4.5
_URL = re.compile(r"^(?:https?://|www\.)\S+$|^\S+\.(?:org|com|net|edu|gov|io)(?:/\S*)?$", re.I)
CONFIG = "deck/deck.toml"


def luminance(color: str) -> float:
    """WCAG 2.2 relative luminance of an RRGGBB colour."""

    def channel(value: int) -> float:
        c = value / 255
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (int(color[i : i + 2], 16) for i in (0, 2, 4))
    return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b)


def contrast(foreground: str, background: str) -> float:
    light, dark = sorted((luminance(foreground), luminance(background)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def check_accessibility(talk: Talk, plan: Plan, deck: ArrangedDeck, stage: Stage, report: Diagnostics) -> None:
    _titles(talk, plan, report)
    _colours(talk, stage, report)
    for planned, arranged in zip(plan.slides, deck.slides):
        source = planned.slide.source if planned.slide is not None else plan.segment_of(planned).segment.source
        _sizes(planned, arranged, stage, source, report)
        for item in arranged.items:
            if isinstance(item, TableBox) and item.cells and not any(p.text.strip() for p in item.cells[0]):
                report.warning(source.path, source.line, "a table without header text: screen readers name each cell by its column's header")
            if isinstance(item, (PlaceholderText, TextBox)):
                _links(item.frame.paras, source, report)


def _titles(talk: Talk, plan: Plan, report: Diagnostics) -> None:
    seen: dict[str, int] = {}
    for planned in plan.slides:
        title = " ".join(plan.title(planned).split()).casefold()
        if not title:
            continue  # an untitled slide is reported where it is read
        if title in seen:
            source = planned.slide.source if planned.slide is not None else plan.segment_of(planned).segment.source
            report.warning(
                source.path,
                source.line,
                f"slide {planned.number} has the same title as slide {seen[title]} "
                f"({quoted(plan.title(planned))}): screen readers list slides by their titles",
            )
        else:
            seen[title] = planned.number


def _colours(talk: Talk, stage: Stage, report: Diagnostics) -> None:
    where = talk.theme.sources.get("accent") or talk.theme.sources.get("template") or Source(CONFIG, None)
    for what, foreground, background in stage.text_colors:
        ratio = contrast(foreground, background)
        if ratio < MIN_CONTRAST:
            report.warning(
                where.path,
                where.line,
                f"{what}: #{foreground} on #{background} has a contrast of {ratio:.1f}:1, under {MIN_CONTRAST}:1 "
                "(WCAG AA); choose a darker or lighter colour",
            )


def _sizes(planned, arranged, stage: Stage, source: Source, report: Diagnostics) -> None:
    smallest = None
    for item in arranged.items:
        if isinstance(item, (PlaceholderText, TextBox)):
            for para in item.frame.paras:
                size = para.size
                if size is None and isinstance(item, PlaceholderText) and para.bullet != "none":
                    size = stage.type_scale.body[min(para.level, 2)]
                if size is not None and para.text.strip() and size < MIN_PT:
                    smallest = size if smallest is None else min(smallest, size)
    if smallest is not None:
        report.warning(
            source.path, source.line, f"text on slide {planned.number} is set at {smallest:g} pt, under {MIN_PT:g} pt: hard to read"
        )


def _links(paras, source: Source, report: Diagnostics) -> None:
    for para in paras:
        for span in para.spans:
            text = span.text.strip()
            if span.href and not span.address_meant_to_be_read and (text == span.href or _URL.match(text)):
                report.warning(
                    source.path,
                    source.line,
                    f"link text {quoted(text)} is its address: screen readers spell it out; say where it leads, [like this]({span.href}), "
                    f"or write <{span.href}> when the address is meant to be read out",
                )
