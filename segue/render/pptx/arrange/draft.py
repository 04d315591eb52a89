"""One slide while it is arranged (its placeholders, shape ids and what is
placed), and the geometry every part of the arrangement shares.
"""

from __future__ import annotations

from typing import Callable

from segue.talk.model import (
    Block,
    DefinitionList,
    Heading,
    LineBlock,
    ListBlock,
    Paragraph,
    Picture,
    Table,
    iter_blocks,
)
from segue.render.pptx.arranged import (
    Background,
    Crop,
    Item,
    PlaceholderText,
    TextFrame,
)
from segue.render.pptx.geometry import EMU_PER_INCH, EMU_PER_POINT, LayoutSpec, PlaceholderSpec, Rect
from segue.render.pptx.arrange.measures import PICTURE_OVERSAMPLE, SCREEN_DPI


def pixels_for(width: int, height: int, oversample: int = PICTURE_OVERSAMPLE) -> tuple[int, int]:
    """The most pixels worth keeping for a box of `width` × `height` EMU."""
    return (width * oversample * SCREEN_DPI // EMU_PER_INCH, height * oversample * SCREEN_DPI // EMU_PER_INCH)


def cover_crop(aspect: float, box: Rect) -> Crop:
    """The crop that makes a picture of `aspect` fill `box` without distortion."""
    box_aspect = box.width / box.height
    if aspect > box_aspect:
        side = (1 - box_aspect / aspect) / 2
        return Crop(left=side, right=side)
    side = (1 - aspect / box_aspect) / 2
    return Crop(top=side, bottom=side)


def contain(aspect: float, area: Rect) -> Rect:
    """The largest box of `aspect` inside `area`, centred."""
    width, height = area.width, int(area.width / aspect)
    if height > area.height:
        width, height = int(area.height * aspect), area.height
    return Rect(area.left + (area.width - width) // 2, area.top + (area.height - height) // 2, width, height)


class ShapeIds:
    """Shape ids as PowerPoint numbers them: a new shape takes one more than the
    highest id on its slide at the moment it is added (the group holding the
    slide's shapes is id 1)."""

    def __init__(self, placeholders: tuple[PlaceholderSpec, ...]) -> None:
        self._ids = {1, *(p.shape_id for p in placeholders)}

    def take(self) -> int:
        shape_id = max(self._ids) + 1
        self._ids.add(shape_id)
        return shape_id

    def drop(self, shape_id: int) -> None:
        self._ids.discard(shape_id)


class SlideDraft:
    """One slide while it is being arranged: its layout's placeholders, what is placed."""

    def __init__(self, key: str, layout: LayoutSpec) -> None:
        self.key = key
        self.layout = layout
        self.ids = ShapeIds(layout.placeholders)
        self.items: list[Item] = []
        self.boxes = {p.position: p.box for p in layout.placeholders}  # where each placeholder is now
        self.removed: set[int] = set()  # placeholders taken off the slide
        self.clicks: tuple = ()
        self.background: Background | None = None

    @property
    def title(self) -> PlaceholderSpec | None:
        title = self.layout.title
        return title if title is not None and title.position not in self.removed else None

    @property
    def bodies(self) -> list[PlaceholderSpec]:
        return [p for p in self.layout.bodies if p.position not in self.removed]

    def remove(self, placeholder: PlaceholderSpec) -> None:
        self.removed.add(placeholder.position)
        self.ids.drop(placeholder.shape_id)

    def fill(self, placeholder: PlaceholderSpec, frame: TextFrame, box: Rect | None = None) -> None:
        key = placeholder.position
        if box is not None:
            self.boxes[key] = box
        inherited = placeholder.inherited or placeholder.box
        moved = self.boxes[key] if self.boxes[key] != inherited or placeholder.ambiguous else None
        self.items = [i for i in self.items if not (isinstance(i, PlaceholderText) and i.placeholder == key)]
        self.items.append(PlaceholderText(key, frame, moved))

    def move(self, placeholder: PlaceholderSpec, box: Rect) -> None:
        self.boxes[placeholder.position] = box

    def add(self, make: Callable[[int], Item]) -> Item:
        """Place a new shape; `make` receives the shape's id."""
        item = make(self.ids.take())
        self.items.append(item)
        return item

    def clear_unused(self) -> None:
        """Placeholders left empty would show 'Click to add text' in PowerPoint."""
        filled = {i.placeholder for i in self.items if isinstance(i, PlaceholderText) and i.frame.text.strip()}
        for placeholder in self.layout.placeholders:
            if placeholder.position not in filled and placeholder.position not in self.removed:
                self.remove(placeholder)
        self.items = [i for i in self.items if not (isinstance(i, PlaceholderText) and i.placeholder in self.removed)]


def around(boxes: list[Rect], margin: int) -> Rect:
    left = min(b.left for b in boxes) - margin
    top = min(b.top for b in boxes) - margin
    right = max(b.right for b in boxes) + margin
    bottom = max(b.bottom for b in boxes) + margin
    return Rect(left, top, right - left, bottom - top)


def asked_size(picture: Picture, aspect: float, space: Rect) -> tuple[int, int]:
    """The width and height (EMU) a picture asks for, keeping its proportions."""
    width_pt, height_pt = space.width / EMU_PER_POINT, space.height / EMU_PER_POINT
    if picture.width is not None:
        width = picture.width.points(width_pt) * EMU_PER_POINT
        height = width / aspect
        if picture.height is not None:
            height = min(height, picture.height.points(height_pt) * EMU_PER_POINT)
            width = height * aspect
    else:
        height = picture.height.points(height_pt) * EMU_PER_POINT
        width = height * aspect
    return int(width), int(height)


def aspect_of(pixels: tuple[int, int] | None) -> float:
    width, height = pixels or (1, 1)
    return width / height


def body_spans(blocks: list[Block]):
    """Every span of the visible text of `blocks`."""
    for block in iter_blocks(blocks):
        if isinstance(block, (Paragraph, Heading)):
            yield from block.inline
        elif isinstance(block, ListBlock):
            for _, _, item, _ in block.flatten():
                yield from item.inline
        elif isinstance(block, LineBlock):
            for line in block.lines:
                yield from line
        elif isinstance(block, DefinitionList):
            for item in block.items:
                yield from item.term
        elif isinstance(block, Table):
            for row in [block.header, *block.rows]:
                for cell in row:
                    yield from cell
