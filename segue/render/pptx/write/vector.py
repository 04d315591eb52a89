"""SVG pictures in the deck as PowerPoint 2016 and later keep them: the picture's blip
is its PNG drawing (what older applications and LibreOffice's import show), and an
`asvg:svgBlip` extension beside it names the SVG part, which PowerPoint shows instead.
"""

from __future__ import annotations

import hashlib

from lxml import etree
from pptx.opc.constants import RELATIONSHIP_TYPE as RT
from pptx.opc.package import Part

from segue.render.pptx.write.oxml import new_extension, qn

SVG_CONTENT_TYPE = "image/svg+xml"
SVG_EXTENSION_URI = "{96DAC541-7B7A-43D3-8B79-37D633B846F1}"
ASVG = "http://schemas.microsoft.com/office/drawing/2016/SVG/main"


class SvgParts:
    """One part per distinct SVG of the deck, however many slides show it."""

    def __init__(self) -> None:
        self._parts: dict[str, Part] = {}

    def part(self, package, data: bytes) -> Part:
        digest = hashlib.sha256(data).hexdigest()
        if digest not in self._parts:
            self._parts[digest] = Part(package.next_image_partname("svg"), SVG_CONTENT_TYPE, package, data)
        return self._parts[digest]

    def show(self, blip, slide_part, data: bytes) -> None:
        """`blip` (already related to the PNG drawing) names the SVG too."""
        rid = slide_part.relate_to(self.part(slide_part.package, data), RT.IMAGE)
        set_svg(blip, rid)


def set_svg(blip, rid: str) -> None:
    """The blip's `asvg:svgBlip` extension, naming the SVG related as `rid` (replacing one there)."""
    ext = new_extension(blip, "a", SVG_EXTENSION_URI)
    etree.SubElement(ext, f"{{{ASVG}}}svgBlip", {qn("r:embed"): rid}, nsmap={"asvg": ASVG})
