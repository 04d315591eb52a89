"""What the proof finds on one rendered slide, by comparing what was drawn with
where the arrangement put each shape.

- text outside its shape's box, or off the slide;
- text over another shape's text, over a picture or shape placed on the
  slide, or running into the master's or layout's artwork;
- text drawn under 18 pt (LibreOffice shrinks text that overflows its box);
- characters drawn as empty boxes (no font had them) or not drawn at all;
- text whose contrast with what is drawn behind it is under 4.5:1 (`contrast`).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from segue.render.proof.pages import UNTAGGED, Box, Page, Run
from segue.render.proof.shapes import Shape

MIN_PT = 18.0
BACKGROUND_SHARE = 0.8  # untagged drawing covering this much of the page is its background
VEIL = 0.5  # untagged drawing at most this opaque (light bubbles over a background) is a veil, not artwork


@dataclass(frozen=True)
class Problem:
    slide: int  # 1-based
    element: str  # "the title", "the footnotes", …
    message: str  # what is wrong and what to do, after the element's name
    boxes: tuple[Box, ...]  # where on the slide, in points
    furniture: bool = False  # the template's footer, slide number or logo: reported once for every slide

    @property
    def text(self) -> str:
        """The element and what is wrong with it, the verb agreeing with the element."""
        verb, _, rest = self.message.partition(" ")
        if self.element in PLURAL:
            verb = PLURAL_VERBS.get(verb, verb)
        return f"{self.element} {verb} {rest}"


PLURAL = {"the footnotes", "the section's details"}
PLURAL_VERBS = {"runs": "run", "is": "are", "lies": "lie", "shows": "show", "has": "have"}


BULLETS = set("•◦▪▫‣∙●○■□►▸▶–—-✓✔➢➤◆◇❖")
NUMBER = re.compile(r"\d{1,3}[.)]")


def is_bullet(text: str) -> bool:
    """A list's bullet or number drawn as a run of its own (a template's bullets are often
    set smaller than the text, in its bullet colour, in a symbol font whose glyphs sit in
    the private use area)."""
    char = text.strip()
    if NUMBER.fullmatch(char):
        return True
    return len(char) == 1 and (char in BULLETS or unicodedata.category(char) == "Co")


GRADIENT_STEP = 6  # most a step of a drawn gradient differs from the one before, per channel


def _close(a: tuple[int, int, int] | None, b: tuple[int, int, int] | None) -> bool:
    return a is not None and b is not None and all(abs(x - y) <= GRADIENT_STEP for x, y in zip(a, b))


def area(box: Box) -> float:
    return max(0.0, box[2] - box[0]) * max(0.0, box[3] - box[1])


def overlap(a: Box, b: Box) -> Box | None:
    box = (max(a[0], b[0]), max(a[1], b[1]), min(a[2], b[2]), min(a[3], b[3]))
    return box if box[2] > box[0] and box[3] > box[1] else None


def inside(a: Box, b: Box, slack: float = 0.5) -> bool:
    return a[0] >= b[0] - slack and a[1] >= b[1] - slack and a[2] <= b[2] + slack and a[3] <= b[3] + slack


def core(box: Box) -> Box:
    """The middle of a run's box: glyph boxes reach the font's ascent and descent,
    above and below the ink of most letters."""
    inset = (box[3] - box[1]) * 0.2
    return (box[0], box[1] + inset, box[2], box[3] - inset)


def union(boxes: list[Box]) -> Box:
    return (min(b[0] for b in boxes), min(b[1] for b in boxes), max(b[2] for b in boxes), max(b[3] for b in boxes))


def inches(points: float) -> str:
    return f"{points / 72:.1f}".rstrip("0").rstrip(".") + " in"


class SlideCheck:
    """The checks of one page against its slide's shapes (`shapes`: element index -> shape)."""

    def __init__(self, page: Page, shapes: dict[int, Shape], nothing_drawn=None) -> None:
        self.page = page
        self.shapes = shapes
        # (area, around) -> whether the slide's rendering without text shows nothing in `area`
        # but what is behind the rest of `around`; None: trust the drawn objects' boxes.
        self.nothing_drawn = nothing_drawn
        self.problems: list[Problem] = []
        self.runs = [r for r in page.runs if not self._hidden(r.element)]

    def _hidden(self, element: int) -> bool:
        shape = self.shapes.get(element)
        return shape is not None and shape.hidden

    def name(self, element: int) -> str:
        shape = self.shapes.get(element)
        if shape is not None:
            return shape.name
        if element != UNTAGGED:
            text = "".join(r.text for r in self.page.runs if r.element == element).strip()
            if text.isdigit():
                return "the slide number LibreOffice adds from the template's master"
        return "the template's own text"

    def add(self, element: int, message: str, boxes: list[Box]) -> None:
        shape = self.shapes.get(element)
        # What no shape of ours drew is the template's: on every slide, reported once.
        furniture = shape is None or shape.furniture
        self.problems.append(Problem(self.page.number, self.name(element), message, tuple(boxes), furniture))

    def run_all(self) -> list[Problem]:
        self.outside()
        self.small()
        self.over_text()
        self.over_drawn()
        return self.problems

    def by_element(self, runs: list[Run]) -> dict[int, list[Run]]:
        grouped: dict[int, list[Run]] = {}
        for run in runs:
            grouped.setdefault(run.element, []).append(run)
        return grouped

    def outside(self) -> None:
        width, height = self.page.width, self.page.height
        slide = (0.0, 0.0, width, height)
        for element, runs in self.by_element(self.runs).items():
            off = [r.box for r in runs if not inside(r.box, slide, 1.0)]
            if off:
                self.add(element, "runs off the slide: shorten it or split the slide", off)
                continue
            shape = self.shapes.get(element)
            if shape is None:
                continue
            out, reach = [], {"above": 0.0, "below": 0.0, "left of": 0.0, "right of": 0.0}
            for run in runs:
                box = shape.box
                beyond = {
                    "above": box[1] - run.box[1],
                    "below": run.box[3] - box[3],
                    "left of": box[0] - run.box[0],
                    "right of": run.box[2] - box[2],
                }
                # Glyph boxes reach the font's ascent and descent: a little past the box is not out of it.
                slack = {"above": max(3.0, run.size * 0.3), "below": max(3.0, run.size * 0.3), "left of": 2.0, "right of": 2.0}
                over = {side: value for side, value in beyond.items() if value > slack[side]}
                if over:
                    out.append(run.box)
                    for side, value in over.items():
                        reach[side] = max(reach[side], value)
            if out:
                side = max(reach, key=reach.get)
                self.add(element, f"runs {inches(reach[side])} {side} its box: shorten it or split the slide", out)

    def small(self) -> None:
        for element, runs in self.by_element(self.runs).items():
            shape = self.shapes.get(element)
            small = [
                r for r in runs
                if r.size < MIN_PT - 0.5 and not (shape is not None and r.text.strip() in shape.small) and not is_bullet(r.text)
            ]
            if not small:
                continue
            size = min(r.size for r in small)
            asked = min(shape.sizes) if shape is not None and shape.sizes else None
            if asked is not None and asked >= MIN_PT - 0.5:
                why = f"LibreOffice shrank it from {asked:g} pt to fit its box: shorten it or split the slide"
            else:
                why = "the template sets it that small: give its style 18 pt or more in the template"
            self.add(element, f"is set at {size:.0f} pt, under {MIN_PT:g} pt (hard to read from the back of the room); {why}", [r.box for r in small])

    def over_text(self) -> None:
        seen: set[tuple[int, int]] = set()
        runs = self.runs
        for index, a in enumerate(runs):
            for b in runs[index + 1 :]:
                if a.element == b.element:
                    continue
                pair = (min(a.element, b.element), max(a.element, b.element))
                if pair in seen:
                    continue
                common = overlap(a.box, b.box)
                if common is None or area(common) < 0.1 * min(area(a.box), area(b.box)):
                    continue
                seen.add(pair)
                upper, lower = b, a  # drawn later: on top
                self.add(
                    upper.element,
                    f"lies over {self.name(lower.element)}: shorten one of them or split the slide",
                    [common],
                )

    def backgrounds(self) -> set[int]:
        """The untagged objects that make up the page's background: any covering most of
        the page, and the steps LibreOffice draws a gradient in (each a little smaller than
        the one before, and almost its colour)."""
        page_area = self.page.width * self.page.height
        found: set[int] = set()
        last = None
        for index, drawn in enumerate(self.page.drawn):
            if drawn.element != UNTAGGED:
                continue
            if area(drawn.box) >= BACKGROUND_SHARE * page_area:
                found.add(index)
                last = drawn
            elif last is not None and inside(drawn.box, last.box) and _close(drawn.color, last.color):
                found.add(index)
                last = drawn
            else:
                last = None
        return found

    def over_drawn(self) -> None:
        seen: set[tuple[int, int]] = set()
        artwork: set[int] = set()
        background = self.backgrounds()
        for run in self.runs:
            box = core(run.box)
            for index, drawn in enumerate(self.page.drawn):
                if drawn.element == run.element or drawn.artifact or index in background:
                    continue
                common = overlap(box, drawn.box)
                if common is None or area(common) < 0.05 * area(box):
                    continue
                if drawn.element == UNTAGGED:
                    if inside(box, drawn.box) or drawn.opacity <= VEIL:
                        continue  # a panel the text sits wholly on, or a veil (its contrast is checked)
                    if self.shapes.get(run.element) is None:
                        continue  # the master's own text on its own artwork (a number on a badge) is its design
                    if self.nothing_drawn is not None and self.nothing_drawn(common, box):
                        continue  # only the artwork's bounding box reaches the text
                    if run.element in artwork:
                        continue
                    artwork.add(run.element)
                    self.add(
                        run.element,
                        "runs into the artwork of the template's master or layout: move the placeholder clear of it "
                        "in the template, or map this layout to another in [theme.layouts]",
                        [common],
                    )
                    continue
                other = self.shapes.get(drawn.element)
                if other is None or other.backdrop or other.kind == "text":
                    continue  # a panel under text, or a text shape's own fill (its text is checked above)
                if (run.element, drawn.element) in seen:
                    continue
                seen.add((run.element, drawn.element))
                self.add(run.element, f"lies over {other.name}: shorten the text or split the slide", [common])
