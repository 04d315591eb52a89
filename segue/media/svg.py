"""SVG pictures, cleaned by an allow-list before anything else reads them.

An SVG is a program as much as a picture: it can hold scripts, fetch files
and addresses, expand entities into gigabytes, and carry its editor's
metadata. Here it is parsed by expat through defusedxml (entities and
external references refused, nothing fetched), then rebuilt from the
elements and attributes a drawing needs: shapes, paths, text, gradients,
clips, masks, patterns, markers and filters. References may only point
inside the picture (`#id`); styles may not load anything. What the
allow-list removes is returned to be reported, except editors' metadata
(`<metadata>`, Inkscape's and Illustrator's own namespaces, comments),
which is dropped as a photo's EXIF is.

resvg draws the cleaned picture as PNG (the deck's fallback for applications
without SVG), with the packaged fonts only, so the same SVG gives the same
pixels on every machine.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass

SVG = "http://www.w3.org/2000/svg"
XLINK = "http://www.w3.org/1999/xlink"
XML = "http://www.w3.org/XML/1998/namespace"
MAX_BYTES = 5_000_000  # a drawing larger than this is refused (a 10 MB path is no logo)
MAX_DEPTH = 64  # elements nested deeper are removed
MAX_ELEMENTS = 50_000  # more is refused: too slow to draw
MAX_VALUE = 1_000_000  # an attribute longer than this (a path's `d`) is removed

ET.register_namespace("", SVG)
ET.register_namespace("xlink", XLINK)

ELEMENTS = {
    "svg", "g", "defs", "symbol", "use", "path", "rect", "circle", "ellipse", "line", "polyline", "polygon",
    "text", "tspan", "textPath", "title", "desc", "linearGradient", "radialGradient", "stop", "clipPath", "mask",
    "pattern", "marker", "style", "filter", "feGaussianBlur", "feOffset", "feBlend", "feFlood", "feComposite",
    "feMerge", "feMergeNode", "feColorMatrix", "feDropShadow", "feMorphology", "feComponentTransfer",
    "feFuncR", "feFuncG", "feFuncB", "feFuncA",
}
ATTRIBUTES = {
    "id", "class", "style", "transform", "d", "x", "y", "x1", "y1", "x2", "y2", "cx", "cy", "r", "rx", "ry", "fx", "fy", "fr",
    "width", "height", "viewBox", "preserveAspectRatio", "points", "pathLength", "version", "baseProfile",
    "fill", "fill-opacity", "fill-rule", "stroke", "stroke-width", "stroke-linecap", "stroke-linejoin",
    "stroke-miterlimit", "stroke-dasharray", "stroke-dashoffset", "stroke-opacity", "opacity", "color",
    "clip-path", "clip-rule", "mask", "filter", "visibility", "display", "overflow", "paint-order", "vector-effect",
    "shape-rendering", "text-rendering", "image-rendering", "mix-blend-mode", "isolation", "color-interpolation",
    "color-interpolation-filters", "font-family", "font-size", "font-weight", "font-style", "font-variant",
    "font-stretch", "text-anchor", "dominant-baseline", "alignment-baseline", "baseline-shift", "letter-spacing",
    "word-spacing", "text-decoration", "writing-mode", "direction", "unicode-bidi", "dx", "dy", "rotate",
    "textLength", "lengthAdjust", "startOffset", "method", "spacing", "side",
    "offset", "stop-color", "stop-opacity", "gradientUnits", "gradientTransform", "spreadMethod",
    "patternUnits", "patternContentUnits", "patternTransform", "clipPathUnits", "maskUnits", "maskContentUnits",
    "markerWidth", "markerHeight", "markerUnits", "orient", "refX", "refY", "marker-start", "marker-mid", "marker-end",
    "filterUnits", "primitiveUnits", "in", "in2", "result", "stdDeviation", "mode", "operator", "k1", "k2", "k3",
    "k4", "values", "type", "flood-color", "flood-opacity", "radius", "tableValues", "slope", "intercept",
    "amplitude", "exponent", "media",
}
METADATA_NAMESPACES = {
    "http://www.inkscape.org/namespaces/inkscape", "http://sodipodi.sourceforge.net/DTD/sodipodi-0.dtd",
    "http://ns.adobe.com/AdobeIllustrator/10.0/", "http://ns.adobe.com/Extensibility/1.0/",
    "http://ns.adobe.com/Graphs/1.0/", "http://ns.adobe.com/AdobeSVGViewerExtensions/3.0/",
    "http://ns.adobe.com/Variables/1.0/", "http://ns.adobe.com/SaveForWeb/1.0/", "http://ns.adobe.com/xap/1.0/",
    "http://www.w3.org/1999/02/22-rdf-syntax-ns#", "http://purl.org/dc/elements/1.1/", "http://creativecommons.org/ns#",
    "http://www.bohemiancoding.com/sketch/ns", "https://boxy-svg.com", "http://www.serif.com/",
}
_LOCAL = re.compile(r"^\s*#[\w.:-]+\s*$")
_URL = re.compile(r"url\(\s*['\"]?\s*([^)'\"]*)", re.I)
_UNITS = {"": 1.0, "px": 1.0, "pt": 96 / 72, "pc": 16.0, "mm": 96 / 25.4, "cm": 96 / 2.54, "in": 96.0}


class SvgProblem(Exception):
    """An SVG the build cannot use; the message says why, for the presenter."""


@dataclass(frozen=True)
class CleanSvg:
    data: bytes  # the picture rebuilt from the allow-list
    width: float  # its size in CSS pixels
    height: float
    removed: tuple[str, ...]  # what the allow-list took out, for a warning


def clean_svg(data: bytes) -> CleanSvg:
    """The SVG rebuilt from what the allow-list keeps; SvgProblem when it cannot be used."""
    from defusedxml import DefusedXmlException
    from defusedxml.ElementTree import fromstring

    if len(data) > MAX_BYTES:
        raise SvgProblem(f"the SVG is {len(data) / 1e6:.1f} MB, over the limit of {MAX_BYTES // 1_000_000} MB: simplify it")
    try:
        root = fromstring(data, forbid_dtd=False, forbid_entities=True, forbid_external=True)
    except DefusedXmlException:
        raise SvgProblem("the SVG declares XML entities, which are never expanded: export it again without them") from None
    except ET.ParseError as exc:
        raise SvgProblem(f"the SVG is not well-formed XML: {exc}") from None
    if root.tag == "svg":
        raise SvgProblem(f'the SVG does not say it is SVG: write xmlns="{SVG}" in its <svg>')
    if root.tag != f"{{{SVG}}}svg":
        raise SvgProblem("the file is not an SVG picture (its root is not <svg>)")
    cleaner = _Cleaner()
    cleaner.element(root, 0)
    width, height = _size(root)
    text = ET.tostring(root, encoding="unicode")
    return CleanSvg(('<?xml version="1.0" encoding="UTF-8"?>\n' + text).encode(), width, height, tuple(dict.fromkeys(cleaner.removed)))


class _Cleaner:
    def __init__(self) -> None:
        self.removed: list[str] = []
        self.count = 0

    def element(self, element: ET.Element, depth: int) -> None:
        self.count += 1
        if self.count > MAX_ELEMENTS:
            raise SvgProblem(f"the SVG has more than {MAX_ELEMENTS} elements: simplify it")
        self.attributes(element)
        for child in list(element):
            namespace, name = _split(child.tag) if isinstance(child.tag, str) else (None, None)
            if namespace == SVG and name in ELEMENTS and depth < MAX_DEPTH:
                if name == "style" and not _safe_css(child.text or ""):
                    self.removed.append("a <style> that loads files")
                    element.remove(child)
                    continue
                self.element(child, depth + 1)
            else:
                if depth >= MAX_DEPTH:
                    self.removed.append(f"elements nested deeper than {MAX_DEPTH}")
                elif namespace == SVG and name == "metadata" or namespace in METADATA_NAMESPACES or name is None:
                    pass  # an editor's own record, or a comment: dropped as a photo's EXIF is
                else:
                    self.removed.append(_removed_element(namespace, name))
                element.remove(child)
        if element.text and _split(element.tag)[1] not in ("text", "tspan", "textPath", "title", "desc", "style"):
            element.text = None

    def attributes(self, element: ET.Element) -> None:
        for key in list(element.attrib):
            namespace, name = _split(key)
            value = element.attrib[key]
            reason = None
            if namespace in METADATA_NAMESPACES:
                del element.attrib[key]
                continue
            if name.lower().startswith("on"):
                reason = f"event handlers ({name})"
            elif (namespace, name) in ((XLINK, "href"), (None, "href")):
                if not _LOCAL.match(value):
                    reason = f"a reference outside the picture ({_short(value)})"
            elif namespace == XML and name == "space":
                continue
            elif namespace is not None or name not in ATTRIBUTES:
                reason = f"the attribute {name!r}"
            elif len(value) > MAX_VALUE:
                reason = f"a {name!r} longer than {MAX_VALUE // 1000} kB"
            elif name == "style" and not _safe_css(value) or _loads_something(value):
                reason = f"a reference outside the picture ({_short(value)})"
            if reason is not None:
                self.removed.append(reason)
                del element.attrib[key]


def _removed_element(namespace: str | None, name: str) -> str:
    if name == "script":
        return "scripts"
    if name == "foreignObject":
        return "foreign objects (HTML inside the picture)"
    if name == "image":
        return "embedded or linked pictures (<image>)"
    if namespace != SVG:
        return f"elements of another language (<{name}>)"
    return f"<{name}> elements"


def _split(tag: str) -> tuple[str | None, str]:
    if tag.startswith("{"):
        namespace, _, name = tag[1:].partition("}")
        return namespace, name
    return None, tag


def _loads_something(value: str) -> bool:
    """A value that points outside the picture: `url(https://…)`, `javascript:`."""
    if "javascript:" in value.lower():
        return True
    return any(not target.strip().startswith("#") for target in _URL.findall(value))


def _safe_css(css: str) -> bool:
    """CSS that loads nothing: no @import, no url() but to `#id`, no escapes that could hide one."""
    lowered = css.lower()
    return "@import" not in lowered and "\\" not in css and "expression(" not in lowered and not _loads_something(css)


def _short(value: str) -> str:
    return repr(value if len(value) <= 40 else value[:39] + "…")


def _length(value: str | None) -> float | None:
    match = re.fullmatch(r"\s*([\d.]+(?:e[-+]?\d+)?)\s*(px|pt|pc|mm|cm|in)?\s*", value or "", re.I)
    if not match:
        return None
    try:
        number = float(match.group(1)) * _UNITS[(match.group(2) or "").lower()]
    except ValueError:
        return None
    return number if number > 0 else None


def _size(root: ET.Element) -> tuple[float, float]:
    """The picture's size in CSS pixels: `width` and `height`, else its viewBox's."""
    width, height = _length(root.get("width")), _length(root.get("height"))
    box = [float(v) for v in re.findall(r"-?[\d.]+(?:e[-+]?\d+)?", root.get("viewBox", ""))] if root.get("viewBox") else []
    if len(box) == 4 and box[2] > 0 and box[3] > 0:
        if width is None and height is None:
            width, height = box[2], box[3]
        elif width is None:
            width = height * box[2] / box[3]
        elif height is None:
            height = width * box[3] / box[2]
    if width is None or height is None:
        raise SvgProblem("the SVG has no size: give its <svg> a viewBox, or a width and a height")
    return width, height


FONT_FAMILIES = ("Atkinson Hyperlegible", "Noto Sans")  # packaged: text in an SVG is drawn alike everywhere


def _font_files() -> list[str]:
    import fontpkg

    return sorted({str(file.path) for family in FONT_FAMILIES for file in fontpkg.family(family).files})


def render_png(clean: CleanSvg, max_size: tuple[int, int] | None) -> tuple[bytes, int, int]:
    """The cleaned picture drawn as PNG, fitted in `max_size` pixels (its own size when
    None), with the packaged fonts only; (bytes, width, height)."""
    import resvg_py

    scale = 1.0
    if max_size is not None:
        scale = min(max_size[0] / clean.width, max_size[1] / clean.height)
    width, height = max(1, round(clean.width * scale)), max(1, round(clean.height * scale))
    data = resvg_py.svg_to_bytes(
        svg_string=clean.data.decode(), width=width, height=height, skip_system_fonts=True, font_files=_font_files(),
        font_family=FONT_FAMILIES[0], sans_serif_family=FONT_FAMILIES[0],
    )
    return bytes(data), width, height
