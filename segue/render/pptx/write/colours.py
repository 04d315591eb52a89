"""DrawingML colours as the applications show them: a scheme colour through the
master's colour map and its theme, with its modifiers (lighter, darker, tint,
shade) applied, as plain RRGGBB; and fills (solid, gradient) as one colour.
"""

from __future__ import annotations

import colorsys

from lxml import etree
from pptx.opc.constants import RELATIONSHIP_TYPE as RT

from segue.render.pptx.write.oxml import qn

_A = "{http://schemas.openxmlformats.org/drawingml/2006/main}"
COLOUR_TAGS = tuple(f"{_A}{tag}" for tag in ("srgbClr", "schemeClr", "sysClr", "prstClr", "scrgbClr", "hslClr"))
PATTERN_INK = 0.3  # of a patterned fill drawn in its foreground colour (grids, stripes, dots), but for percentage patterns
PRESET = {"black": "000000", "white": "FFFFFF", "red": "FF0000", "green": "008000", "blue": "0000FF", "gray": "808080", "grey": "808080"}


class Palette:
    """The colours a master's text and shapes can name: its theme's scheme through its colour map."""

    def __init__(self, master) -> None:
        self.mapping = {}
        clr_map = master.element.find(qn("p:clrMap"))
        if clr_map is not None:
            self.mapping = dict(clr_map.attrib)
        self.scheme: dict[str, str] = {}
        try:
            theme = etree.fromstring(master.part.part_related_by(RT.THEME).blob)
        except KeyError:
            theme = None
        scheme = theme.find(f".//{_A}clrScheme") if theme is not None else None
        if scheme is not None:
            for slot in scheme:
                if len(slot):
                    value = _base(slot[0], {})
                    if value is not None:
                        self.scheme[etree.QName(slot).localname] = value

    def slot(self, name: str) -> str | None:
        """A scheme colour by the name text uses (`tx1`, `bg1`, `accent1`, `phClr` is unknown)."""
        return self.scheme.get(self.mapping.get(name, name))

    def colour(self, element) -> tuple[str, float] | None:
        """(RRGGBB, opacity) of a colour element, its modifiers applied."""
        if element is None:
            return None
        base = _base(element, self)
        if base is None:
            return None
        red, green, blue = (int(base[i : i + 2], 16) / 255 for i in (0, 2, 4))
        opacity = 1.0
        hue, light, sat = colorsys.rgb_to_hls(red, green, blue)
        for modifier in element:
            name, value = etree.QName(modifier).localname, int(modifier.get("val", "0")) / 100000
            if name == "lumMod":
                light = min(1.0, light * value)
            elif name == "lumOff":
                light = max(0.0, min(1.0, light + value))
            elif name == "satMod":
                sat = min(1.0, sat * value)
            elif name == "alpha":
                opacity = value
            else:
                continue
            red, green, blue = colorsys.hls_to_rgb(hue, light, sat)
        for modifier in element:
            name, value = etree.QName(modifier).localname, int(modifier.get("val", "0")) / 100000
            if name == "tint":
                red, green, blue = (c + (1 - c) * (1 - value) for c in (red, green, blue))
            elif name == "shade":
                red, green, blue = (c * value for c in (red, green, blue))
        return "".join(f"{round(max(0.0, min(1.0, c)) * 255):02X}" for c in (red, green, blue)), opacity

    def fill(self, holder) -> tuple[str, float] | None:
        """The colour of the fill `holder` (spPr, bgPr, rPr, a style level) states, and its
        opacity: a solid fill's, or a gradient's stops averaged; None for no fill or a picture."""
        if holder is None:
            return None
        solid = holder.find(f"{_A}solidFill")
        if solid is not None and len(solid):
            return self.colour(solid[0])
        gradient = holder.find(f"{_A}gradFill")
        if gradient is not None:
            stops = [self.colour(stop[0]) for stop in gradient.iter(f"{_A}gs") if len(stop)]
            stops = [s for s in stops if s is not None]
            if stops:
                return mix([colour for colour, _ in stops]), sum(o for _, o in stops) / len(stops)
        pattern = holder.find(f"{_A}pattFill")
        if pattern is not None:
            ground = pattern.find(f"{_A}bgClr")
            ink = pattern.find(f"{_A}fgClr")
            found = [self.colour(part[0]) if part is not None and len(part) else None for part in (ink, ground)]
            if all(found):
                preset = pattern.get("prst", "")
                share = int(preset[3:]) / 100 if preset.startswith("pct") and preset[3:].isdigit() else PATTERN_INK
                return mix([found[0][0], found[1][0]], [share, 1 - share]), found[1][1]
        return None


def _base(element, palette) -> str | None:
    tag = element.tag
    if tag == f"{_A}srgbClr":
        return element.get("val", "").upper() or None
    if tag == f"{_A}sysClr":
        return (element.get("lastClr") or ("000000" if element.get("val") == "windowText" else "FFFFFF")).upper()
    if tag == f"{_A}schemeClr":
        return palette.slot(element.get("val", "")) if isinstance(palette, Palette) else None
    if tag == f"{_A}prstClr":
        return PRESET.get(element.get("val", ""))
    if tag == f"{_A}scrgbClr":
        return "".join(f"{round(int(element.get(c, '0')) / 100000 * 255):02X}" for c in ("r", "g", "b"))
    return None


def mix(colours: list[str], weights: list[float] | None = None) -> str:
    """The average of RRGGBB colours (weighted)."""
    weights = weights or [1.0] * len(colours)
    total = sum(weights) or 1.0
    channels = [sum(int(c[i : i + 2], 16) * w for c, w in zip(colours, weights)) / total for i in (0, 2, 4)]
    return "".join(f"{round(v):02X}" for v in channels)


def over(top: str, opacity: float, below: str) -> str:
    """`top` drawn at `opacity` over `below`."""
    return mix([top, below], [opacity, 1 - opacity])
