"""Contrast of text with what is actually behind it, in a rendering of the slide.

The slide is rendered without its text; behind each run of text the pixels
are averaged in squares about as tall as the text (what the eye compares a
letter with), and the run's colour is compared with each square by the WCAG
2.2 contrast ratio. A run fails when any square is under 4.5:1: a light
patch of a photograph behind white text, a template colour too close to its
background, text run off its dark panel onto the light slide.
"""

from __future__ import annotations

from PIL import Image

from segue.render.proof.pages import Box, Run

MIN_CONTRAST = 4.5


def _channel(value: float) -> float:
    c = value / 255
    return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4


_LINEAR = [_channel(v) for v in range(256)]


def luminance(rgb: tuple[int, int, int]) -> float:
    r, g, b = rgb
    return 0.2126 * _LINEAR[r] + 0.7152 * _LINEAR[g] + 0.0722 * _LINEAR[b]


def ratio(a: tuple[int, int, int], b: tuple[int, int, int]) -> float:
    light, dark = sorted((luminance(a), luminance(b)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def hex_of(rgb: tuple[int, int, int]) -> str:
    return "#{:02X}{:02X}{:02X}".format(*rgb)


def behind(bare: Image.Image, scale: float, box: Box) -> list[tuple[int, int, int]]:
    """The average colour of each text-high square behind `box` (points)."""
    inset = (box[3] - box[1]) * 0.15
    left, top = int(box[0] * scale), int((box[1] + inset) * scale)
    right, bottom = int(box[2] * scale + 0.999), int((box[3] - inset) * scale + 0.999)
    left, top = max(0, left), max(0, top)
    right, bottom = min(bare.width, right), min(bare.height, bottom)
    if right <= left or bottom <= top:
        return []
    height = bottom - top
    squares = max(1, round((right - left) / max(1, height)))
    patch = bare.crop((left, top, right, bottom)).resize((squares, 1), Image.Resampling.BOX)
    raw = patch.tobytes()
    return [(raw[i], raw[i + 1], raw[i + 2]) for i in range(0, len(raw), 3)]


def worst(run: Run, bare: Image.Image, scale: float) -> tuple[float, tuple[int, int, int]] | None:
    """The lowest contrast of the run with a square behind it, and that square's colour."""
    found = None
    for colour in behind(bare, scale, run.box):
        value = ratio(run.color, colour)
        if found is None or value < found[0]:
            found = (value, colour)
    return found


PLAIN = 6  # most a channel may vary inside an area drawn in one colour, in the rendering


def same_as_around(bare: Image.Image, scale: float, inner: Box, outer: Box) -> bool:
    """Whether the rendering shows nothing in `inner` but what is behind the rest of `outer`
    (one colour, the same): a shape whose outline reaches over text only by the corners of
    its bounding box, or its curves' control points, draws nothing under it."""

    def pixels(box: Box) -> Image.Image | None:
        left, top = max(0, int(box[0] * scale)), max(0, int(box[1] * scale))
        right, bottom = min(bare.width, int(box[2] * scale + 0.999)), min(bare.height, int(box[3] * scale + 0.999))
        return bare.crop((left, top, right, bottom)) if right > left and bottom > top else None

    inside, around = pixels(inner), pixels(outer)
    if inside is None or around is None:
        return True
    low, high = zip(*inside.getextrema())
    if max(h - l for l, h in zip(low, high)) > PLAIN:
        return False
    mean = [sum(c) / 2 for c in zip(low, high)]
    average = around.resize((1, 1), Image.Resampling.BOX).getpixel((0, 0))
    return all(abs(m - a) <= PLAIN for m, a in zip(mean, average))
