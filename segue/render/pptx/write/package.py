"""Adding slides, notes slides and pictures in constant time per item.

python-pptx finds each new part's name by walking every part of the package,
looks up existing pictures the same way, and relates each new slide after
scanning every relationship of the presentation; over a deck each of these
is quadratic. `DeckParts` keeps counters and indexes instead
(`internals.IndexedPackage`). It uses python-pptx's own part classes and
element factories, and only replaces the bookkeeping around them.
"""

from __future__ import annotations

import copy
import io
import os
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from pptx.opc.constants import CONTENT_TYPE as CT
from pptx.opc.constants import RELATIONSHIP_TYPE as RT
from segue.render.pptx.write.oxml import qn
from pptx.parts.slide import NotesSlidePart, SlidePart
from pptx.text.text import TextFrame

from segue.media.pictures import ImageCache
from segue.sources import in_this_context
from segue.render.pptx.write import internals
from segue.render.pptx.write.vector import SvgParts


class DeckParts:
    """Slides and notes slides for one presentation, added without rescanning it."""

    def __init__(self, prs) -> None:
        self.prs = prs
        self.package = internals.IndexedPackage.index(prs.part.package)
        self.presentation_part = prs.part
        self.slide_ids = prs.slides.element  # p:sldIdLst
        used = [int(s.get("id")) for s in self.slide_ids]
        self._next_slide_id = max([255, *used]) + 1
        self._placeholders: dict[str, list] = {}  # layout partname -> cloned placeholder elements
        self._notes_master_part = None
        self._notes_template = None

    def add_slide(self, layout):
        """A slide with the layout's placeholders, like python-pptx's `Slides.add_slide`."""
        partname = self.package.next_partname("/ppt/slides/slide%d.xml")
        slide_part = SlidePart.new(partname, self.package, layout.part)
        rId = internals.add_new_relationship(self.presentation_part, RT.SLIDE, slide_part)
        internals.add_slide_id(self.slide_ids, self._next_slide_id, rId)
        self._next_slide_id += 1
        slide = slide_part.slide
        tree = slide.shapes.element  # p:spTree
        key = str(layout.part.partname)
        if key not in self._placeholders:
            slide.shapes.clone_layout_placeholders(layout)
            self._placeholders[key] = [copy.deepcopy(e) for e in tree.iterchildren(qn("p:sp"))]
        else:
            for element in self._placeholders[key]:
                tree.append(copy.deepcopy(element))
        return slide

    def add_notes(self, slide):
        """The text frame of a new notes slide for `slide`."""
        slide_part = slide.part
        if self._notes_template is None:
            notes = slide.notes_slide  # python-pptx makes the first one (and the notes master)
            self._notes_master_part = notes.part.part_related_by(RT.NOTES_MASTER)
            self._notes_template = copy.deepcopy(notes.element)
            notes_part, element = notes.part, notes.element
        else:
            partname = self.package.next_partname("/ppt/notesSlides/notesSlide%d.xml")
            element = copy.deepcopy(self._notes_template)
            notes_part = NotesSlidePart(partname, CT.PML_NOTES_SLIDE, self.package, element)
            notes_part.relate_to(self._notes_master_part, RT.NOTES_MASTER)
            notes_part.relate_to(slide_part, RT.SLIDE)
            slide_part.relate_to(notes_part, RT.NOTES_SLIDE)
        for sp in element.iter(qn("p:sp")):
            ph = sp.find(f"{qn('p:nvSpPr')}/{qn('p:nvPr')}/{qn('p:ph')}")
            if ph is not None and ph.get("type") == "body":
                # The notes slide as parent, so links in notes are related from its part.
                return TextFrame(sp.get_or_add_txBody(), notes_part.notes_slide)
        raise ValueError("the notes master has no body placeholder")  # checked when the template opens


class PendingPictures:
    """Pictures placed now and filled once all are prepared.

    Preparing a picture (decode, orient, scale, encode) is the slow part of a
    deck with photos, and Pillow releases the GIL while doing it, so the
    pictures are prepared together on every core. Until then a picture's
    element names no image (its `r:embed` is empty); each one is related to
    its own prepared image when it is filled, so every reference resolves
    whatever the image's bytes are.
    """

    def __init__(self, svgs: SvgParts) -> None:
        self._pending: list[tuple[object, object, Path, tuple[int, int]]] = []
        self.svgs = svgs

    def add(self, picture_element, slide_part, file: Path, max_size: tuple[int, int]) -> None:
        self._pending.append((picture_element, slide_part, file, max_size))

    def fill(self, images: ImageCache) -> None:
        keys = list(dict.fromkeys((file, size) for _, _, file, size in self._pending))
        with ThreadPoolExecutor(max_workers=os.cpu_count() or 2) as pool:
            prepare = in_this_context(images.prepare)  # its reads count for this deck
            prepared = dict(zip(keys, pool.map(lambda key: prepare(*key), keys)))
        for element, slide_part, file, size in self._pending:
            image = prepared[(file, size)]
            _, rid = slide_part.get_or_add_image_part(io.BytesIO(image.data))
            element.blipFill.blip.set(qn("r:embed"), rid)
            if image.svg is not None:
                self.svgs.show(element.blipFill.blip, slide_part, image.svg)
        self._pending.clear()
