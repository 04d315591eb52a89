"""Boxes on a slide, and what an opened template offers to put things in.

Pure values in EMU (English Metric Units: 914,400 to the inch, 12,700 to
the point), shared by `arrange` (which decides where things go) and `write`
(which reads a template into a `Stage` and serialises the arranged deck).
Nothing here touches python-pptx.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Mapping

EMU_PER_INCH = 914400
EMU_PER_POINT = 12700


def inches(value: float) -> int:
    return int(value * EMU_PER_INCH)


MIN_AREA = inches(0.5)


@dataclass(frozen=True)
class Rect:
    left: int
    top: int
    width: int
    height: int

    @property
    def usable(self) -> bool:
        """Big enough to hold anything (a template's placeholder can be degenerate)."""
        return self.width >= MIN_AREA and self.height >= MIN_AREA

    @property
    def right(self) -> int:
        return self.left + self.width

    @property
    def bottom(self) -> int:
        return self.top + self.height

    def inside(self, outer: "Rect") -> bool:
        return self.left >= outer.left and self.top >= outer.top and self.right <= outer.right and self.bottom <= outer.bottom

    def clamped(self, outer: "Rect") -> "Rect":
        """The part of this box inside `outer` (empty when none is)."""
        left, top = max(self.left, outer.left), max(self.top, outer.top)
        right, bottom = min(self.right, outer.right), min(self.bottom, outer.bottom)
        return Rect(left, top, max(0, right - left), max(0, bottom - top))

    def split_columns(self, count: int, gap: int) -> list["Rect"]:
        width = (self.width - gap * (count - 1)) // count
        return [Rect(self.left + i * (width + gap), self.top, width, self.height) for i in range(count)]

    def overlaps(self, other: "Rect") -> bool:
        return self.left < other.right and other.left < self.right and self.top < other.bottom and other.top < self.bottom

    def clear_of(self, obstacles: "tuple[Rect, ...] | list[Rect]", least_width: float = 0.5) -> "Rect":
        """The largest part of this box that no obstacle overlaps, as wide as `least_width`
        of it when such a part exists (text wants width more than height), and big enough
        to hold anything when one is. An obstacle the whole box lies on (a panel) is no
        obstacle."""
        found = [o for o in obstacles if o.overlaps(self) and not self.inside(o)]
        if not found:
            return self
        edges = sorted({self.top, self.bottom, *(min(max(o.top, self.top), self.bottom) for o in found),
                        *(min(max(o.bottom, self.top), self.bottom) for o in found)})
        best, best_wide = None, None
        for i, top in enumerate(edges):
            for bottom in edges[i + 1 :]:
                blocked = sorted((o.left, o.right) for o in found if o.top < bottom and o.bottom > top)
                left = self.left
                for start, end in [*blocked, (self.right, self.right)]:
                    if start > left:
                        right = min(start, self.right)
                        candidate = Rect(left, top, right - left, bottom - top)
                        area = candidate.width * candidate.height
                        if best is None or (candidate.usable, area) > (best.usable, best.width * best.height):
                            best = candidate
                        wide = candidate.usable and candidate.width >= least_width * self.width
                        if wide and (best_wide is None or area > best_wide.width * best_wide.height):
                            best_wide = candidate
                    left = max(left, end)
        return best_wide or best or Rect(self.left, self.top, 0, 0)

    def split_shares(self, shares: list[float], gap: int) -> list["Rect"]:
        """Columns taking `shares` (percent) of the width left between their gaps; space
        the shares leave over widens the gaps, so the outer columns keep the edges."""
        count = len(shares)
        usable = self.width - gap * (count - 1)
        widths = [int(usable * share / 100) for share in shares]
        spare = (usable - sum(widths)) // (count - 1) if count > 1 else 0
        rects, left = [], self.left
        for width in widths:
            rects.append(Rect(left, self.top, width, self.height))
            left += width + gap + spare
        return rects

    def take_top(self, height: int, gap: int) -> tuple["Rect", "Rect"]:
        top = Rect(self.left, self.top, self.width, height)
        rest = Rect(self.left, self.top + height + gap, self.width, max(self.height - height - gap, 0))
        return top, rest


TITLE_KINDS = ("title", "ctrTitle", "vertTitle")
BODY_KINDS = ("body", "obj", "subTitle")
FOOTER_KINDS = ("ftr", "sldNum")


@dataclass(frozen=True)
class PlaceholderSpec:
    """A placeholder of a layout as a new slide receives it."""

    kind: str  # the OOXML placeholder type: title, ctrTitle, body, obj, subTitle, ftr, sldNum, …
    idx: int  # as the template numbers it (templates saved by LibreOffice number them all 0)
    position: int  # its place among the placeholders a new slide of the layout receives: its identity
    shape_id: int  # the id it has on a new slide of the layout
    box: Rect  # where content goes: the layout's box (inherited from the master when the layout is silent), inside the slide
    inherited: Rect | None = None  # the layout's own box, when it lies outside the slide and `box` was pulled in
    ambiguous: bool = False  # another placeholder of the layout has the same type and idx, so apps cannot tell
    # which of them a slide's copy inherits its position from: the slide must say where it is


@dataclass(frozen=True)
class LayoutSpec:
    """One of the template's slide layouts, as one of our layouts uses it."""

    name: str  # the template's name for it
    placeholders: tuple[PlaceholderSpec, ...]  # what a new slide starts with, in document order
    footers: tuple[PlaceholderSpec, ...] = ()  # footer and slide-number placeholders, in document order
    artwork: tuple[Rect, ...] = ()  # what its master and it draw besides placeholders and the background
    type_scale: "TypeScale | None" = None  # its master's sizes, where they are not the content master's (a title page's)

    @property
    def title(self) -> PlaceholderSpec | None:
        return next((p for p in self.placeholders if p.kind in TITLE_KINDS), None)

    @property
    def bodies(self) -> list[PlaceholderSpec]:
        """Body-like placeholders in idx order (document order for equal idx)."""
        return sorted((p for p in self.placeholders if p.kind in BODY_KINDS), key=lambda p: (p.idx, p.position))


@dataclass(frozen=True)
class Measure:
    """How a box's text is set, for estimating its height: the space between its paragraphs
    (of the type size), its font's line (of the type size), and how much wider its letters
    are than those of the wide sans the estimate's widths come from."""

    space_before: float = 0.35
    line_height: float = 1.2
    widen: float = 1.0


@dataclass(frozen=True)
class TypeScale:
    """The title and body sizes (list levels 1–3) the master sets, in points."""

    title: float = 40.0
    body: tuple[float, float, float] = (28.0, 24.0, 20.0)
    measure: Measure = field(default_factory=Measure)  # how the body's text is spaced and set
    fill: float = 1.0  # the share of a box's height text is fitted to (a template's fonts are measured less surely)


@dataclass(frozen=True)
class Stage:
    """What the opened presentation (built-in look or a designer's template) offers."""

    width: int
    height: int
    layouts: Mapping[str, LayoutSpec]  # by our layout name: title, agenda, content, …
    content_area: Rect  # where slide content goes when a layout has no body of its own
    type_scale: TypeScale = field(default_factory=TypeScale)
    template_accent: str | None = None  # a template's accent1 as RRGGBB; None for the built-in look
    notes_body: Rect | None = None  # where a printed notes page holds the speaker notes
    text_colors: tuple[tuple[str, str, str], ...] = ()  # (what, text RRGGBB, its background RRGGBB)
    fonts: tuple[str, ...] = ()  # the typefaces the theme, master and layouts ask for, theme's first
    text_color: str | None = None  # a template's body text colour, for the text boxes and tables we add; None inherits
    alignment: tuple[str, str] = ("l", "l")  # how titles and body text are aligned (l, ctr, r, just)
