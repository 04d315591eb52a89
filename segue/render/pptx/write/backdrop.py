"""What a layout draws under a slide's text: its (or its master's) background, the
master's and layout's own shapes, the placeholder's own fill.

Two questions are answered from it: the colour behind a box of text (for
the accessibility check's contrast), and where the layout's artwork lies
(the arranger keeps text clear of it). Pictures are averaged with Pillow.
"""

from __future__ import annotations

import io
import math

from PIL import Image, ImageStat

from segue.render.pptx.geometry import Rect
from segue.render.pptx.write.colours import Palette, over
from segue.render.pptx.write.oxml import qn

PLACEHOLDER_PATH = f"{qn('p:nvSpPr')}/{qn('p:nvPr')}/{qn('p:ph')}"
SHAPE_TAGS = ("p:sp", "p:pic", "p:grpSp", "p:cxnSp", "p:graphicFrame")
BACKGROUND_SHARE = 0.8  # a shape covering this much of the slide is the background, not artwork
COVERS = 0.5  # a layer is behind a box when it covers this share of it
CLEARANCE = 45720  # EMU (0.05 in) kept between text and artwork
DEFAULT_LINE = 9525  # EMU: an outline of no stated width is drawn 0.75 pt wide
VEIL = 0.5  # a shape filled at most this opaque is a veil over the background, not artwork


def _box(element, drawn: bool = False) -> Rect | None:
    """A shape's box from its own transform (a group's: the group's); with `drawn`, the box
    of what it draws: turned as the shape is turned, and its outline's half width around it."""
    holder = element.find(qn("p:spPr")) if element.tag != qn("p:grpSp") else element.find(qn("p:grpSpPr"))
    if element.tag == qn("p:graphicFrame"):
        xfrm = element.find(qn("p:xfrm"))
    else:
        xfrm = holder.find(qn("a:xfrm")) if holder is not None else None
    if xfrm is None:
        return None
    off, ext = xfrm.find(qn("a:off")), xfrm.find(qn("a:ext"))
    if off is None or ext is None:
        return None
    box = Rect(int(off.get("x", 0)), int(off.get("y", 0)), int(ext.get("cx", 0)), int(ext.get("cy", 0)))
    if not drawn:
        return box
    turn = math.radians(int(xfrm.get("rot", "0")) / 60000)
    if turn:
        cos, sin = abs(math.cos(turn)), abs(math.sin(turn))
        width, height = int(box.width * cos + box.height * sin), int(box.width * sin + box.height * cos)
        box = Rect(box.left + (box.width - width) // 2, box.top + (box.height - height) // 2, width, height)
    line = holder.find(qn("a:ln")) if holder is not None else None
    if line is not None and line.find(qn("a:noFill")) is None:
        half = int(line.get("w", str(DEFAULT_LINE))) // 2 + 1
        box = Rect(box.left - half, box.top - half, box.width + 2 * half, box.height + 2 * half)
    return box


def shows_master_shapes(layout) -> bool:
    return layout.element.get("showMasterSp", "1") not in ("0", "false")


def artwork(layout, slide: Rect) -> tuple[Rect, ...]:
    """The boxes of what the layout and (when the layout shows them) its master draw
    that is not a placeholder, nor the whole slide's background, clamped to the slide."""
    containers = ([layout.slide_master] if shows_master_shapes(layout) else []) + [layout]
    boxes = []
    for container in containers:
        for element in container.shapes.element:
            if element.tag not in {qn(t) for t in SHAPE_TAGS}:
                continue
            if _is_placeholder(element):
                continue
            box = _box(element, drawn=True)
            if box is None or not box.width or not box.height or _invisible(element):
                continue
            if box.width * box.height >= BACKGROUND_SHARE * slide.width * slide.height:
                continue
            # A little room around it: text set flush against a shape's edge reads as touching it.
            inside = Rect(box.left - CLEARANCE, box.top - CLEARANCE, box.width + 2 * CLEARANCE, box.height + 2 * CLEARANCE).clamped(slide)
            if inside.width and inside.height:
                boxes.append(inside)
    return tuple(boxes)


def _invisible(element) -> bool:
    """A shape that draws nothing text could run into: no fill and no line (and no
    text), or a veil: a fill at most half opaque without a line (the bubbles of a
    light pattern), which text may cross; its contrast is what matters there."""
    if element.tag != qn("p:sp"):
        return False
    properties = element.find(qn("p:spPr"))
    if properties is None:
        return False
    line = properties.find(qn("a:ln"))
    no_line = line is not None and line.find(qn("a:noFill")) is not None
    if not no_line or "".join(t.text or "" for t in element.iter(qn("a:t"))).strip():
        return False
    if properties.find(qn("a:noFill")) is not None:
        return element.find(qn("p:style")) is None
    alpha = properties.find(f"{qn('a:solidFill')}/*/{qn('a:alpha')}")
    return alpha is not None and int(alpha.get("val", "100000")) <= VEIL * 100000


class Backdrop:
    """The colours a layout draws under its placeholders."""

    def __init__(self, layout, slide: Rect) -> None:
        self.layout = layout
        self.master = layout.slide_master
        self.slide = slide
        self.palette = Palette(self.master)

    def behind(self, box: Rect, kind: str | None = None) -> str:
        """The colour (RRGGBB) most of `box` is drawn on, under a placeholder of `kind`."""
        colour = self._background(box)
        containers = ([self.master] if shows_master_shapes(self.layout) else []) + [self.layout]
        for container in containers:
            for element in container.shapes.element:
                if element.tag not in (qn("p:sp"), qn("p:pic")) or _is_placeholder(element):
                    continue
                shape_box = _box(element)
                if shape_box is None or _coverage(shape_box, box) < COVERS:
                    continue
                colour = self._layer(element, container, shape_box, box, colour)
        if kind is not None:
            for container in (self.master, self.layout):
                placeholder = _placeholder(container, kind)
                if placeholder is not None:
                    fill = self.palette.fill(placeholder.find(qn("p:spPr")))
                    if fill is not None and placeholder.find(f"{qn('p:spPr')}/{qn('a:noFill')}") is None:
                        colour = over(fill[0], fill[1], colour)
        return colour

    def _layer(self, element, container, shape_box: Rect, box: Rect, below: str) -> str:
        if element.tag == qn("p:pic"):
            blip = element.find(f"{qn('p:blipFill')}/{qn('a:blip')}")
            average = self._picture(container, blip, shape_box, box)
            return average or below
        properties = element.find(qn("p:spPr"))
        fill = self.palette.fill(properties)
        if fill is None and properties is not None and properties.find(qn("a:noFill")) is None:
            reference = element.find(f"{qn('p:style')}/{qn('a:fillRef')}")
            if reference is not None and len(reference) and reference.get("idx", "0") != "0":
                fill = self.palette.colour(reference[0])
        return over(fill[0], fill[1], below) if fill is not None else below

    def _background(self, box: Rect) -> str:
        for container in (self.layout, self.master):
            background = container.element.find(f"{qn('p:cSld')}/{qn('p:bg')}")
            if background is None:
                continue
            properties = background.find(qn("p:bgPr"))
            if properties is not None:
                blip = properties.find(f"{qn('a:blipFill')}/{qn('a:blip')}")
                if blip is not None:
                    return self._picture(container, blip, self.slide, box) or self.palette.slot("bg1") or "FFFFFF"
                fill = self.palette.fill(properties)
                if fill is not None:
                    return over(fill[0], fill[1], "FFFFFF")
            reference = background.find(qn("p:bgRef"))
            if reference is not None and len(reference):
                found = self.palette.colour(reference[0])
                if found is not None:
                    return found[0]
        return self.palette.slot("bg1") or "FFFFFF"

    def _picture(self, container, blip, picture_box: Rect, box: Rect) -> str | None:
        """The average colour of the part of a picture (placed at `picture_box`) under `box`."""
        if blip is None:
            return None
        rid = blip.get(qn("r:embed"))
        try:
            data = container.part.related_part(rid).blob
            image = Image.open(io.BytesIO(data))
            image = image.convert("RGBA" if image.mode in ("P", "LA", "PA") else image.mode).convert("RGB")
        except Exception:  # a picture the template's cleaning left out, or one Pillow cannot read
            return None
        if not picture_box.width or not picture_box.height:
            return None
        part = box.clamped(picture_box)
        if not part.width or not part.height:
            return None
        scale_x, scale_y = image.width / picture_box.width, image.height / picture_box.height
        left, top = (part.left - picture_box.left) * scale_x, (part.top - picture_box.top) * scale_y
        crop = image.crop((int(left), int(top), max(int(left) + 1, int(left + part.width * scale_x)), max(int(top) + 1, int(top + part.height * scale_y))))
        crop.thumbnail((64, 64))
        red, green, blue = (round(v) for v in ImageStat.Stat(crop).mean[:3])
        return f"{red:02X}{green:02X}{blue:02X}"


def _is_placeholder(element) -> bool:
    """A shape of any kind (text, picture, table) that is one of the layout's placeholders."""
    return len(element) > 0 and element[0].find(f"{qn('p:nvPr')}/{qn('p:ph')}") is not None


def _coverage(shape: Rect, box: Rect) -> float:
    common = box.clamped(shape)
    return (common.width * common.height) / (box.width * box.height) if box.width and box.height else 0.0


def _placeholder(container, kind: str):
    family = ("title", "ctrTitle") if kind in ("title", "ctrTitle") else ("body", "obj", "subTitle")
    for element in container.shapes.element.iterchildren(qn("p:sp")):
        ph = element.find(PLACEHOLDER_PATH)
        if ph is not None and ph.get("type", "obj") in family:
            return element
    return None
