"""The deck PDF read back with PDFium (pypdfium2): what LibreOffice drew on each page.

LibreOffice's tagged export gives every shape of a slide one structure element
at the top of the page's structure tree, in the order the slide lists its
shapes (a title `H`, a text body `Div` or `P`, a `Table`, a `Figure` carrying
the shape's alt text), and marks everything that shape draws with marked-content
ids under that element. What the slide's master and layout draw (their
artwork, the background) is not tagged. So each glyph run and each drawn
object is known to belong to one shape of the slide, or to the master and
layout, whatever the template: no guessing from positions.

Boxes are in points, origin at the top left of the page (y grows downwards),
so a slide of 13.333 × 7.5 in is 960 × 540.
"""

from __future__ import annotations

import ctypes
import unicodedata
from dataclasses import dataclass, field

import pypdfium2 as pdfium
import pypdfium2.raw as raw

Box = tuple[float, float, float, float]  # x0, y0, x1, y1: left, top, right, bottom

TEXT, PATH, IMAGE, SHADING, FORM = (
    raw.FPDF_PAGEOBJ_TEXT,
    raw.FPDF_PAGEOBJ_PATH,
    raw.FPDF_PAGEOBJ_IMAGE,
    raw.FPDF_PAGEOBJ_SHADING,
    raw.FPDF_PAGEOBJ_FORM,
)
UNTAGGED = -1  # drawn by the master or the layout


@dataclass(frozen=True)
class Run:
    """Glyphs drawn in one go: one font, size and colour, on one line."""

    text: str
    box: Box
    size: float  # points, as drawn
    font: str  # the font's name in the PDF, without a subset prefix (`Carlito-Bold`)
    color: tuple[int, int, int]
    element: int  # the page's structure element (shape) it belongs to; UNTAGGED for master and layout


@dataclass(frozen=True)
class Drawn:
    """A path, picture or shading: what text may sit on or run into."""

    kind: str  # "image" | "path" | "shading"
    box: Box
    element: int
    color: tuple[int, int, int] | None  # a path's fill, when it is filled
    artifact: bool  # marked as an artifact: the page's background
    opacity: float = 1.0  # of the group it is drawn in (a translucent shape is drawn in one)


@dataclass(frozen=True)
class Element:
    """A top-level structure element of a page: one shape of the slide."""

    kind: str  # H, P, Div, Table, Figure, L, …
    alt: str
    mcids: frozenset[int]
    paragraphs: tuple[frozenset[int], ...] = ()  # a text shape's: each paragraph's marked content, in order


@dataclass(frozen=True)
class Glyph:
    """One character beyond Latin (a script, a symbol, an emoji), with the font that drew it."""

    char: str
    box: Box
    font: str
    element: int


@dataclass
class Page:
    number: int  # 1-based
    width: float
    height: float
    elements: list[Element] = field(default_factory=list)
    runs: list[Run] = field(default_factory=list)
    drawn: list[Drawn] = field(default_factory=list)
    glyphs: list[Glyph] = field(default_factory=list)


_BUFFER = ctypes.create_string_buffer(4096)


def _utf16(getter, *args) -> str:
    length = getter(*args, None, 0)
    if length <= 2:
        return ""
    buffer = ctypes.create_string_buffer(length)
    getter(*args, ctypes.cast(buffer, getter.argtypes[len(args)]), length)
    return buffer.raw[: length - 2].decode("utf-16-le", "replace")


def _ascii(getter, *args) -> str:
    length = getter(*args, _BUFFER, len(_BUFFER))
    return _BUFFER.raw[: max(0, length - 1)].decode("latin-1")


def _element_type(element) -> str:
    return _utf16(raw.FPDF_StructElement_GetType, element)


def _mcids(element) -> set[int]:
    found = set()
    for index in range(max(0, raw.FPDF_StructElement_GetMarkedContentIdCount(element))):
        mcid = raw.FPDF_StructElement_GetMarkedContentIdAtIndex(element, index)
        if mcid >= 0:
            found.add(mcid)
    for index in range(max(0, raw.FPDF_StructElement_CountChildren(element))):
        child = raw.FPDF_StructElement_GetChildAtIndex(element, index)
        if child:
            found |= _mcids(child)
        else:
            mcid = raw.FPDF_StructElement_GetChildMarkedContentID(element, index)
            if mcid >= 0:
                found.add(mcid)
    return found


def _children(element) -> list:
    """An element's child elements and marked-content ids (ints), in order."""
    found: list = []
    for index in range(max(0, raw.FPDF_StructElement_CountChildren(element))):
        child = raw.FPDF_StructElement_GetChildAtIndex(element, index)
        if child:
            found.append(child)
        else:
            mcid = raw.FPDF_StructElement_GetChildMarkedContentID(element, index)
            if mcid >= 0:
                found.append(mcid)
    return found


def _paragraphs(element) -> list[frozenset[int]]:
    """The marked content of each paragraph a text shape draws, in order: a `P`, or an
    item of a list (`LI`: its label and body; a list nested in its body is its own
    paragraphs, after it)."""
    found: list[frozenset[int]] = []
    for child in _children(element):
        if isinstance(child, int):
            continue
        kind = _element_type(child)
        if kind == "L":
            found += _paragraphs(child)
        elif kind == "LI":
            own: set[int] = set()
            nested = []
            for part in _children(child):  # Lbl, LBody
                if isinstance(part, int):
                    own.add(part)
                    continue
                for piece in _children(part):
                    if isinstance(piece, int):
                        own.add(piece)
                    elif _element_type(piece) == "L":
                        nested.append(piece)
                    else:
                        own |= _mcids(piece)
                own.update(_own_mcids(part))
            found.append(frozenset(own))
            for inner in nested:
                found += _paragraphs(inner)
        else:
            found.append(frozenset(_mcids(child)))
    return found


def _own_mcids(element) -> set[int]:
    return {
        mcid
        for index in range(max(0, raw.FPDF_StructElement_GetMarkedContentIdCount(element)))
        if (mcid := raw.FPDF_StructElement_GetMarkedContentIdAtIndex(element, index)) >= 0
    }


def _elements(page) -> list[Element]:
    tree = raw.FPDF_StructTree_GetForPage(page)
    if not tree:
        return []
    try:
        elements = []
        for index in range(max(0, raw.FPDF_StructTree_CountChildren(tree))):
            element = raw.FPDF_StructTree_GetChildAtIndex(tree, index)
            if not element:
                continue
            alt = _utf16(raw.FPDF_StructElement_GetAltText, element)
            kind = _element_type(element)
            mcids = frozenset(_mcids(element))
            paragraphs = (mcids,) if kind == "P" else tuple(_paragraphs(element)) if kind in ("Div", "H") else ()
            elements.append(Element(kind, alt, mcids, paragraphs))
        return elements
    finally:
        raw.FPDF_StructTree_Close(tree)


def _bounds(obj, height: float) -> Box:
    left, bottom, right, top = ctypes.c_float(), ctypes.c_float(), ctypes.c_float(), ctypes.c_float()
    raw.FPDFPageObj_GetBounds(obj, left, bottom, right, top)
    return (left.value, height - top.value, right.value, height - bottom.value)


def _fill(obj) -> tuple[int, int, int] | None:
    r, g, b, a = ctypes.c_uint(), ctypes.c_uint(), ctypes.c_uint(), ctypes.c_uint()
    if not raw.FPDFPageObj_GetFillColor(obj, r, g, b, a):
        return None
    return (r.value, g.value, b.value)


def _opacity(obj) -> float:
    """How opaque a group of drawing is (LibreOffice draws a translucent shape in one)."""
    if not raw.FPDFPageObj_HasTransparency(obj):
        return 1.0
    r, g, b, a = ctypes.c_uint(), ctypes.c_uint(), ctypes.c_uint(), ctypes.c_uint()
    if not raw.FPDFPageObj_GetFillColor(obj, r, g, b, a):
        return 1.0
    return a.value / 255


def _is_artifact(obj) -> bool:
    for index in range(raw.FPDFPageObj_CountMarks(obj)):
        mark = raw.FPDFPageObj_GetMark(obj, index)
        length = ctypes.c_ulong()
        raw.FPDFPageObjMark_GetName(mark, ctypes.cast(_BUFFER, ctypes.POINTER(ctypes.c_ushort)), len(_BUFFER), length)
        if _BUFFER.raw[: max(0, length.value - 2)].decode("utf-16-le", "replace") == "Artifact":
            return True
    return False


def _size(obj) -> float:
    size = ctypes.c_float()
    raw.FPDFTextObj_GetFontSize(obj, size)
    matrix = raw.FS_MATRIX()
    if raw.FPDFPageObj_GetMatrix(obj, matrix):
        scale = abs(matrix.a * matrix.d - matrix.b * matrix.c) ** 0.5
        return size.value * (scale or 1.0)
    return size.value


def _font(obj) -> str:
    font = raw.FPDFTextObj_GetFont(obj)
    if not font:
        return ""
    name = _ascii(raw.FPDFFont_GetBaseFontName, font)
    return name.split("+", 1)[1] if len(name) > 7 and name[6] == "+" else name


def _filled(obj) -> bool:
    mode, stroke = ctypes.c_int(), ctypes.c_int()
    return bool(raw.FPDFPath_GetDrawMode(obj, mode, stroke)) and mode.value != raw.FPDF_FILLMODE_NONE


def _glyphs(textpage, height: float, by_mcid: dict[int, int]) -> list[Glyph]:
    """The characters past Latin on the page, each with its box and font."""
    found = []
    left, right, bottom, top = ctypes.c_double(), ctypes.c_double(), ctypes.c_double(), ctypes.c_double()
    flags = ctypes.c_int()
    text = textpage.raw
    count = raw.FPDFText_CountChars(text)
    index = 0
    while index < count:
        code = raw.FPDFText_GetUnicode(text, index)
        step = 1
        if 0xD800 <= code < 0xDC00 and index + 1 < count:  # a surrogate pair: one character past the BMP
            low = raw.FPDFText_GetUnicode(text, index + 1)
            code, step = 0x10000 + ((code - 0xD800) << 10) + (low - 0xDC00), 2
        if code > 0x24F:
            char = chr(code)
            if unicodedata.category(char)[0] not in "CZM":
                raw.FPDFText_GetCharBox(text, index, left, right, bottom, top)
                raw.FPDFText_GetFontInfo(text, index, _BUFFER, len(_BUFFER), flags)
                font = _BUFFER.value.decode("latin-1")
                font = font.split("+", 1)[1] if len(font) > 7 and font[6] == "+" else font
                obj = raw.FPDFText_GetTextObject(text, index)
                mcid = raw.FPDFPageObj_GetMarkedContentID(obj) if obj else -1
                box = (left.value, height - top.value, right.value, height - bottom.value)
                found.append(Glyph(char, box, font, by_mcid.get(mcid, UNTAGGED)))
        index += step
    return found


def read_page(document: pdfium.PdfDocument, index: int, page=None) -> Page:
    """Everything drawn on page `index` (0-based), each part with the shape it belongs to
    (`page`: the page, when the caller has it loaded)."""
    own = page is None
    page = document[index] if own else page
    width, height = page.get_size()
    textpage = page.get_textpage()
    result = Page(index + 1, width, height, _elements(page.raw))
    by_mcid: dict[int, int] = {}
    for number, element in enumerate(result.elements):
        for mcid in element.mcids:
            by_mcid.setdefault(mcid, number)

    # The master and layout are drawn first, then the slide's shapes in order. What a
    # shape draws outside its marked content (LibreOffice closes the marks of a shape
    # with a shadow after the group that draws the shadow) still comes after the
    # shape's first marked object: it belongs to the shape drawn last.
    current = [UNTAGGED]

    def visit(container, count, get, opacity: float = 1.0) -> None:
        for position in range(count(container)):
            obj = get(container, position)
            mcid = raw.FPDFPageObj_GetMarkedContentID(obj)
            if mcid >= 0 and mcid in by_mcid:
                current[0] = by_mcid[mcid]
            element = current[0]
            kind = raw.FPDFPageObj_GetType(obj)
            if kind == TEXT:
                text = _utf16(raw.FPDFTextObj_GetText, obj, textpage.raw)
                if text.strip():
                    rgb = _fill(obj) or (0, 0, 0)
                    result.runs.append(Run(text, _bounds(obj, height), _size(obj), _font(obj), rgb, element))
            elif kind == FORM:
                visit(obj, raw.FPDFFormObj_CountObjects, raw.FPDFFormObj_GetObject, min(opacity, _opacity(obj)))
            elif kind in (PATH, IMAGE, SHADING):
                names = {PATH: "path", IMAGE: "image", SHADING: "shading"}
                color = _fill(obj) if kind == PATH and _filled(obj) else None
                result.drawn.append(Drawn(names[kind], _bounds(obj, height), element, color, _is_artifact(obj), opacity))

    visit(page.raw, raw.FPDFPage_CountObjects, raw.FPDFPage_GetObject)
    result.glyphs = _glyphs(textpage, height, by_mcid)
    textpage.close()
    if own:
        page.close()
    return result


def open_pdf(data: bytes) -> pdfium.PdfDocument:
    return pdfium.PdfDocument(data)


def render(page, scale: float, without_text: bool = False):
    """A loaded page as a Pillow image at `scale` pixels per point; `without_text`
    takes the glyphs off the page first, to see what is behind them (render the
    page with its text before)."""
    if without_text:
        for obj in list(page.get_objects(filter=(TEXT,), max_depth=1)):
            page.remove_obj(obj)
            obj.close()
    return page.render(scale=scale, may_draw_forms=False).to_pil().convert("RGB")
