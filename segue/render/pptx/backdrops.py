"""Text over a picture, judged without LibreOffice: the colour behind each text of a
slide whose background is a picture (`{background=…}`, the title slide's
`background`) is what the picture shows under the text's box, seen through the
panels laid over it, and the text's contrast with it is checked against 4.5:1
(WCAG AA). The proof, when LibreOffice renders the deck, measures the rendered
pixels line by line; this finds the same cases in `check` and in builds without it:
a slide number or footer on a dark part of a photograph, text beside its panel.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from PIL import ImageStat

from segue.diagnostics import Diagnostics
from segue.media.pictures import ImageProblem, small_upright
from segue.talk.plan import Plan
from segue.render.pptx.accessibility import MIN_CONTRAST, contrast
from segue.render.pptx.arranged import ArrangedDeck, ArrangedSlide, Crop, FooterField, PictureBox, PlaceholderText, RectShape, TextBox
from segue.render.pptx.geometry import Rect, Stage

RGB = tuple[float, float, float]


@dataclass(frozen=True)
class Backdrop:
    """A picture filling the slide, and the part of it the slide shows."""

    file: Path
    crop: Crop | None


def _backdrop(slide: ArrangedSlide) -> Backdrop | None:
    if slide.background is not None:
        return Backdrop(slide.background.file, slide.background.crop)
    for item in slide.items:
        if isinstance(item, PictureBox) and item.role == "background" and item.file is not None:
            return Backdrop(item.file, item.crop)
    return None


def _texts(slide: ArrangedSlide, stage: Stage) -> list[tuple[str, Rect, str]]:
    """(name, box, kind) of the slide's text: "footer" for the footer and slide number."""
    layout = stage.layouts[slide.layout]
    boxes = {p.position: p.box for p in layout.placeholders}
    found = []
    for item in slide.items:
        if isinstance(item, PlaceholderText) and item.frame.text.strip():
            box = item.box or boxes.get(item.placeholder)
            if box is not None:
                found.append(("the title" if item.placeholder == layout.placeholders[0].position else "the text", box, "text"))
        elif isinstance(item, TextBox) and item.frame.text.strip():
            found.append(("the text", item.box, "text"))
        elif isinstance(item, FooterField) and item.footer < len(layout.footers):
            name = "the slide number" if item.kind == "sldNum" else "the footer"
            found.append((name, layout.footers[item.footer].box, "footer"))
    return found


def _average(picture, crop: Crop | None, box: Rect, stage: Stage) -> RGB:
    """The mean colour of the part of the picture shown under `box`."""
    crop = crop or Crop()
    width, height = picture.size
    shown_w, shown_h = width * (1 - crop.left - crop.right), height * (1 - crop.top - crop.bottom)
    left = width * crop.left + shown_w * max(0.0, box.left / stage.width)
    right = width * crop.left + shown_w * min(1.0, box.right / stage.width)
    top = height * crop.top + shown_h * max(0.0, box.top / stage.height)
    bottom = height * crop.top + shown_h * min(1.0, box.bottom / stage.height)
    region = picture.crop((int(left), int(top), max(int(left) + 1, round(right)), max(int(top) + 1, round(bottom))))
    return tuple(ImageStat.Stat(region).mean[:3])  # type: ignore[return-value]


def _through_panels(colour: RGB, box: Rect, slide: ArrangedSlide) -> RGB:
    """What the eye sees where panels (in the order laid) cover all of `box`."""
    for item in slide.items:
        if isinstance(item, RectShape) and item.behind and _covers(item.box, box):
            opacity = 1.0 if item.opacity is None else item.opacity
            panel = tuple(int(item.color[i : i + 2], 16) for i in (0, 2, 4))
            colour = tuple(opacity * p + (1 - opacity) * c for p, c in zip(panel, colour))  # type: ignore[assignment]
    return colour


def _covers(outer: Rect, inner: Rect) -> bool:
    return outer.left <= inner.left and outer.top <= inner.top and outer.right >= inner.right and outer.bottom >= inner.bottom


def _hex(colour: RGB) -> str:
    return "".join(f"{round(c):02X}" for c in colour)


def _text_colour(stage: Stage, kind: str) -> str | None:
    """The colour the look or template sets this kind of text in (its first text colour
    stands for body text; footers have their own when the look says so)."""
    colours = {what: colour for what, colour, _ in stage.text_colors}
    if kind == "footer":
        footer = next((colour for what, colour in colours.items() if what.startswith("footer")), None)
        if footer is not None:
            return footer
    return next(iter(colours.values()), None)


def check_backdrops(plan: Plan, deck: ArrangedDeck, stage: Stage, report: Diagnostics) -> None:
    """Each text on a picture whose contrast with what shows behind it is under 4.5:1, a warning
    at the slide's line."""
    pictures: dict[Path, object] = {}
    for planned, slide in zip(plan.slides, deck.slides):
        backdrop = _backdrop(slide)
        if backdrop is None:
            continue
        if backdrop.file not in pictures:
            try:
                pictures[backdrop.file] = small_upright(backdrop.file)
            except ImageProblem:
                pictures[backdrop.file] = None  # reported where the picture is named
        picture = pictures[backdrop.file]
        if picture is None:
            continue
        source = planned.slide.source if planned.slide is not None else plan.segment_of(planned).segment.source
        for name, box, kind in _texts(slide, stage):
            colour = _text_colour(stage, kind)
            if colour is None:
                continue
            behind = _hex(_through_panels(_average(picture, backdrop.crop, box, stage), box, slide))
            ratio = contrast(colour, behind)
            if ratio < MIN_CONTRAST:
                report.warning(
                    source.path,
                    source.line,
                    f"slide {slide.number}: {name} is #{colour} on about #{behind} where the background picture shows "
                    f"behind it: a contrast of {ratio:.1f}:1, under {MIN_CONTRAST:g}:1 (WCAG AA); choose a picture that is "
                    "lighter there, or a template whose text stands out from it",
                )
