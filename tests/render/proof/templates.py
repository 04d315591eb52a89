"""Templates that provoke what the proof looks for, made with python-pptx the way a
designer's file would carry them: artwork on the master, a picture as the
master's background, text colours in the master's styles."""

from __future__ import annotations

import io
from pathlib import Path

from lxml import etree
from PIL import Image, ImageDraw
from pptx import Presentation
from pptx.oxml.ns import qn

P = "http://schemas.openxmlformats.org/presentationml/2006/main"
A = "http://schemas.openxmlformats.org/drawingml/2006/main"


def _rectangle(master, shape_id: int, box: tuple[int, int, int, int], color: str) -> None:
    x, y, w, h = box
    xml = (
        f'<p:sp xmlns:p="{P}" xmlns:a="{A}"><p:nvSpPr><p:cNvPr id="{shape_id}" name="Band {shape_id}"/><p:cNvSpPr/><p:nvPr/></p:nvSpPr>'
        f'<p:spPr><a:xfrm><a:off x="{x}" y="{y}"/><a:ext cx="{w}" cy="{h}"/></a:xfrm><a:prstGeom prst="rect"><a:avLst/></a:prstGeom>'
        f'<a:solidFill><a:srgbClr val="{color}"/></a:solidFill><a:ln><a:noFill/></a:ln></p:spPr></p:sp>'
    )
    tree = master.shapes._spTree
    tree.insert(2, etree.fromstring(xml))  # behind the placeholders


def _title_color(prs, color: str) -> None:
    title = prs.slide_master.element.find(f"{qn('p:txStyles')}/{qn('p:titleStyle')}/{qn('a:lvl1pPr')}/{qn('a:defRPr')}")
    for fill in title.findall(qn("a:solidFill")):
        title.remove(fill)
    fill = etree.SubElement(title, qn("a:solidFill"))
    title.insert(0, fill)
    etree.SubElement(fill, qn("a:srgbClr"), val=color)


def banded(path: Path, band: str, title: str = "FFFFFF") -> Path:
    """A band of colour across the top of the master, under the title, and the title set in `title`."""
    prs = Presentation()
    master = prs.slide_master
    _rectangle(master, 90, (0, 0, int(prs.slide_width), 1600200), band)
    _title_color(prs, title)
    prs.save(path)
    return path


def pictured(path: Path) -> Path:
    """A busy, mid-grey picture as the master's background, and no panel for the text."""
    picture = Image.new("RGB", (800, 600), (90, 90, 90))
    draw = ImageDraw.Draw(picture)
    for x in range(0, 800, 40):
        draw.rectangle((x, 0, x + 19, 600), fill=(60, 55, 50))
    data = io.BytesIO()
    picture.save(data, "PNG")
    prs = Presentation()
    master = prs.slide_master
    _, rid = master.part.get_or_add_image_part(io.BytesIO(data.getvalue()))
    c_sld = master.element.find(qn("p:cSld"))
    old = c_sld.find(qn("p:bg"))
    if old is not None:
        c_sld.remove(old)
    bg = etree.fromstring(
        f'<p:bg xmlns:p="{P}" xmlns:a="{A}" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
        f'<p:bgPr><a:blipFill><a:blip r:embed="{rid}"/><a:stretch><a:fillRect/></a:stretch></a:blipFill><a:effectLst/></p:bgPr></p:bg>'
    )
    c_sld.insert(0, bg)
    prs.save(path)
    return path
