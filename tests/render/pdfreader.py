"""Reading built PDFs back with pypdf and pikepdf: sizes, text, links, fonts,
drawn lines, and the structure tree a screen reader follows."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pikepdf
from pypdf import PdfReader


def open_pdf(path: Path) -> PdfReader:
    return PdfReader(str(path))


def page_sizes(path: Path) -> list[tuple[int, int]]:
    """Each page's width and height in points, rounded."""
    return [(round(float(p.mediabox.width)), round(float(p.mediabox.height))) for p in open_pdf(path).pages]


def text(path: Path) -> str:
    return "\n".join(page.extract_text() for page in open_pdf(path).pages)


def flat(path: Path) -> str:
    """The text with line breaks as spaces: a sentence wrapped over lines reads whole."""
    return " ".join(text(path).split())


def link_uris(path: Path) -> list[str]:
    uris = []
    for page in open_pdf(path).pages:
        for annotation in page.get("/Annots") or []:
            action = annotation.get_object().get("/A")
            if action is not None and "/URI" in action:
                uris.append(str(action["/URI"]))
    return uris


@dataclass(frozen=True)
class FontInfo:
    name: str
    embedded: bool  # a font program (FontFile, FontFile2 or FontFile3) travels in the file


def fonts(path: Path) -> list[FontInfo]:
    """Every font the file holds, wherever it is used (pages, forms, patterns)."""
    found: dict[str, FontInfo] = {}
    with pikepdf.open(path) as pdf:
        for obj in pdf.objects:
            if not isinstance(obj, pikepdf.Dictionary) or obj.get("/Type") != "/Font":
                continue
            if obj.get("/Subtype") in ("/Type0", "/Type3"):
                continue  # a Type0 font's program sits in its descendant; Type3 glyphs are drawings
            descriptor = obj.get("/FontDescriptor")
            embedded = descriptor is not None and any(k in descriptor for k in ("/FontFile", "/FontFile2", "/FontFile3"))
            name = str(obj.get("/BaseFont"))
            found[name] = FontInfo(name, embedded)
    return list(found.values())


@dataclass(frozen=True)
class Glyph:
    """One character as a page draws it."""

    char: str  # what the font's ToUnicode map says the glyph stands for
    font: str  # the font's name (a Type3 font's resource name), subset prefix removed
    embedded: bool  # the font program travels in the file (a Type3 font's glyphs always do)
    notdef: bool  # glyph 0, the box a font draws for a character it lacks
    empty: bool  # no outline and no drawing (a space)


def _to_unicode(font) -> dict[int, str]:
    """The font's ToUnicode map: character code -> text (bfchar and bfrange entries)."""
    import re

    stream = font.get("/ToUnicode")
    if stream is None:
        return {}
    text = stream.read_bytes().decode("latin-1")
    found: dict[int, str] = {}

    def utf16(hex_: str) -> str:
        return bytes.fromhex(hex_).decode("utf-16-be")

    for block in re.findall(r"beginbfchar(.*?)endbfchar", text, re.S):
        for code, target in re.findall(r"<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>", block):
            found[int(code, 16)] = utf16(target)
    for block in re.findall(r"beginbfrange(.*?)endbfrange", text, re.S):
        for low, high, target in re.findall(r"<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>", block):
            first = utf16(target)
            for offset in range(int(high, 16) - int(low, 16) + 1):
                found[int(low, 16) + offset] = first[:-1] + chr(ord(first[-1]) + offset)
    return found


class _FontReader:
    """Turns the bytes a text operator shows into glyphs, for a Type0 font (two-byte
    codes, Identity-H, as Typst writes them) or a Type3 font (one byte, its glyphs
    drawings in the file)."""

    def __init__(self, resource: str, font) -> None:
        import io

        from fontTools.ttLib import TTFont

        self.type3 = font.get("/Subtype") == "/Type3"
        self.unicode = _to_unicode(font)
        self.name = str(font.get("/BaseFont", resource)).lstrip("/").split("+")[-1]
        self.procs: dict[int, bytes] = {}
        self.program = None
        self.gids = None
        if self.type3:
            names, code = {}, 0
            for item in (font.get("/Encoding") or {}).get("/Differences", []):
                if isinstance(item, int):
                    code = item
                else:
                    names[code] = str(item)
                    code += 1
            self.procs = {code: font.CharProcs[name].read_bytes() for code, name in names.items() if name in font.CharProcs}
            self.embedded = True
            return
        descendant = font.DescendantFonts[0]
        descriptor = descendant.get("/FontDescriptor") or {}
        files = [descriptor[k] for k in ("/FontFile", "/FontFile2", "/FontFile3") if k in descriptor]
        self.embedded = bool(files)
        if files:
            self.program = TTFont(io.BytesIO(files[0].read_bytes()))
        mapping = descendant.get("/CIDToGIDMap")
        if mapping is not None and not isinstance(mapping, pikepdf.Name):
            data = mapping.read_bytes()
            self.gids = [int.from_bytes(data[i:i + 2], "big") for i in range(0, len(data), 2)]

    def glyphs(self, shown: bytes):
        if self.type3:
            for code in shown:
                yield Glyph(self.unicode.get(code, ""), self.name, True, False, not self.procs.get(code, b"").strip())
            return
        for i in range(0, len(shown) - 1, 2):
            code = int.from_bytes(shown[i:i + 2], "big")
            gid = self.gids[code] if self.gids is not None and code < len(self.gids) else code
            yield Glyph(self.unicode.get(code, ""), self.name, self.embedded, gid == 0, not self._outlined(gid))

    def _outlined(self, gid: int) -> bool:
        if self.program is None:
            return False
        order = self.program.getGlyphOrder()
        if gid >= len(order):
            return False
        if "glyf" in self.program:
            return self.program["glyf"][order[gid]].numberOfContours != 0
        strings = self.program["CFF "].cff.topDictIndex[0].CharStrings
        return strings[order[gid]].calcBounds(strings) is not None


def drawn_glyphs(path: Path) -> list[Glyph]:
    """Every glyph the pages' text operators draw, with the font that draws it."""
    found: list[Glyph] = []
    with pikepdf.open(path) as pdf:
        for page in pdf.pages:
            readers = {str(name): _FontReader(str(name), font) for name, font in (page.Resources.get("/Font") or {}).items()}
            current, saved = None, []
            for operands, operator in pikepdf.parse_content_stream(page):
                op = str(operator)
                if op == "q":
                    saved.append(current)
                elif op == "Q":
                    current = saved.pop() if saved else current
                elif op == "Tf":
                    current = readers[str(operands[0])]
                elif op in ("Tj", "'", '"'):
                    found += current.glyphs(bytes(operands[-1]))
                elif op == "TJ":
                    for item in operands[0]:
                        if isinstance(item, pikepdf.String):
                            found += current.glyphs(bytes(item))
    return found


def with_glyph_missing(path: Path, char: str, target: Path) -> Path:
    """A copy of the PDF in which every glyph a Type0 font draws for `char` is glyph 0
    (.notdef): what a font that lacks the character would show."""

    def missing(operand, code: int):
        if isinstance(operand, pikepdf.Array):
            return pikepdf.Array([missing(item, code) for item in operand])
        if not isinstance(operand, pikepdf.String):
            return operand
        data = bytes(operand)
        pairs = [data[i:i + 2] for i in range(0, len(data), 2)]
        return pikepdf.String(b"".join(bytes(2) if int.from_bytes(p, "big") == code else p for p in pairs))

    with pikepdf.open(path) as pdf:
        for page in pdf.pages:
            codes = {
                str(name): code
                for name, font in (page.Resources.get("/Font") or {}).items()
                if font.get("/Subtype") == "/Type0"
                for code, text in _to_unicode(font).items()
                if text == char
            }
            commands, current = [], None
            for operands, operator in pikepdf.parse_content_stream(page):
                if str(operator) == "Tf":
                    current = str(operands[0])
                elif current in codes and str(operator) in ("Tj", "TJ"):
                    operands = [missing(operand, codes[current]) for operand in operands]
                commands.append((operands, operator))
            page.Contents = pdf.make_stream(pikepdf.unparse_content_stream(commands))
        pdf.save(target)
    return target


@dataclass(frozen=True)
class Run:
    text: str
    size: float
    y: float  # from the page's bottom edge


def runs(path: Path, page_index: int) -> list[Run]:
    """Text runs of a page with their font size and height on the page."""
    found: list[Run] = []

    def visit(chunk, cm, tm, font, size):
        if chunk.strip():
            scale = abs(tm[3]) if tm[3] else 1
            found.append(Run(chunk, size * scale, tm[5] * (cm[3] or 1) + cm[5]))

    open_pdf(path).pages[page_index].extract_text(visitor_text=visit)
    return found


def _multiply(a: tuple, b: tuple) -> tuple:
    """The matrix a × b, PDF's [a b c d e f] form."""
    return (
        a[0] * b[0] + a[1] * b[2],
        a[0] * b[1] + a[1] * b[3],
        a[2] * b[0] + a[3] * b[2],
        a[2] * b[1] + a[3] * b[3],
        a[4] * b[0] + a[5] * b[2] + b[4],
        a[4] * b[1] + a[5] * b[3] + b[5],
    )


def horizontal_lines(path: Path, page_index: int) -> list[tuple[float, float, float]]:
    """Straight horizontal strokes on a page as (x1, x2, y) in page space, y from
    the page's bottom (the content stream's transformations applied)."""
    return [line[:3] for line in _strokes(path, page_index)]


def lines_outside_artifacts(path: Path, page_index: int) -> list[tuple[float, float, float]]:
    """Horizontal strokes a screen reader would meet: drawn outside `/Artifact` marked content."""
    return [line[:3] for line in _strokes(path, page_index) if not line[3]]


def _strokes(path: Path, page_index: int) -> list[tuple[float, float, float, bool]]:
    lines = []
    marked: list[bool] = []  # for each open marked-content sequence: is it an artifact?
    with pikepdf.open(path) as pdf:
        page = pdf.pages[page_index]
        matrix = (1.0, 0.0, 0.0, 1.0, 0.0, 0.0)
        stack = []
        start = None
        for operands, operator in pikepdf.parse_content_stream(page):
            op = str(operator)
            if op in ("BMC", "BDC"):
                marked.append(str(operands[0]) == "/Artifact")
            elif op == "EMC" and marked:
                marked.pop()
            elif op == "q":
                stack.append(matrix)
            elif op == "Q":
                matrix = stack.pop() if stack else matrix
            elif op == "cm":
                matrix = _multiply(tuple(float(v) for v in operands), matrix)
            elif op == "m":
                start = _apply(matrix, *(float(v) for v in operands))
            elif op == "l" and start is not None:
                end = _apply(matrix, *(float(v) for v in operands))
                if abs(end[1] - start[1]) < 0.01 and abs(end[0] - start[0]) > 1:
                    lines.append((min(start[0], end[0]), max(start[0], end[0]), start[1], any(marked)))
                start = end
            elif op in ("S", "s", "f", "F", "B", "b", "n", "re", "h"):
                start = None if op != "h" else start
    return lines


def _apply(matrix: tuple, x: float, y: float) -> tuple[float, float]:
    return (x * matrix[0] + y * matrix[2] + matrix[4], x * matrix[1] + y * matrix[3] + matrix[5])


# --- the structure tree ------------------------------------------------------------


@dataclass(frozen=True)
class Tag:
    role: str  # "H1", "P", "L", "Figure", …
    depth: int
    alt: str | None
    text: str  # the text of the content it holds directly (not its child elements')


def _marked_text(path: Path) -> dict[tuple[int, int], str]:
    """(page index, marked-content id) -> the text shown inside that marked content, in
    logical order: glyphs inside `/ReversedChars` marked content (right-to-left runs,
    drawn from the left) are read backwards, as PDF readers do for screen readers."""
    found: dict[tuple[int, int], str] = {}
    for index, page in enumerate(open_pdf(path).pages):
        stack: list[int | str | None] = []
        backwards: list[str] = []  # the text of the `/ReversedChars` run being read

        def add(chunk: str) -> None:
            current = next((m for m in reversed(stack) if isinstance(m, int)), None)
            if current is not None:
                found[(index, current)] = found.get((index, current), "") + chunk

        def before(operator, operands, cm, tm):
            if operator == b"BDC":
                props = operands[1] if len(operands) > 1 else None
                mcid = props.get("/MCID") if hasattr(props, "get") else None
                stack.append(int(mcid) if mcid is not None else None)
            elif operator == b"BMC":
                stack.append("reversed" if str(operands[0]) == "/ReversedChars" else None)
            elif operator == b"EMC" and stack:
                if stack.pop() == "reversed":
                    add("".join(backwards)[::-1])
                    backwards.clear()

        def text(chunk, cm, tm, font, size):
            if "reversed" in stack:
                backwards.append(chunk)
            else:
                add(chunk)

        page.extract_text(visitor_operand_before=before, visitor_text=text)
    return found


def structure(path: Path) -> list[Tag]:
    """The structure tree's elements, depth first: the order a screen reader reads them."""
    return _walk(path)[0]


def reading_text(path: Path) -> str:
    """All text of the structure tree in its reading order, as one line."""
    return " ".join("".join(_walk(path)[1]).split())


def _walk(path: Path) -> tuple[list[Tag], list[str]]:
    texts = _marked_text(path)
    tags: list[Tag] = []
    pieces: list[str] = []
    with pikepdf.open(path) as pdf:
        pages = {page.obj.objgen: index for index, page in enumerate(pdf.pages)}
        root = pdf.Root.get("/StructTreeRoot")
        if root is None:
            return tags, pieces
        role_map = root.get("/RoleMap") or {}

        def visit(node, depth: int, page: int | None) -> None:
            if isinstance(node, pikepdf.Array):
                for child in node:
                    visit(child, depth, page)
                return
            if not isinstance(node, pikepdf.Dictionary) or "/S" not in node:
                return
            if "/Pg" in node:
                page = pages.get(node.Pg.objgen, page)
            role = str(node.S)
            role = str(role_map.get(role, role)).lstrip("/")
            alt = node.get("/Alt")
            kids = node.get("/K")
            kids = list(kids) if isinstance(kids, pikepdf.Array) else ([] if kids is None else [kids])
            own: list[str] = []
            tag_index = len(tags)
            tags.append(Tag(role, depth, str(alt) if alt is not None else None, ""))
            for kid in kids:
                if isinstance(kid, pikepdf.Dictionary) and "/S" in kid:
                    visit(kid, depth + 1, page)
                    continue
                if isinstance(kid, pikepdf.Dictionary) and kid.get("/Type") == "/MCR":
                    piece = texts.get((pages.get(kid.Pg.objgen, page) if "/Pg" in kid else page, int(kid.MCID)), "")
                elif isinstance(kid, pikepdf.Dictionary):
                    continue  # an object reference (a link's annotation)
                else:
                    piece = texts.get((page, int(kid)), "")
                own.append(piece)
                pieces.append(piece)
            tags[tag_index] = Tag(role, depth, tags[tag_index].alt, "".join(own))

        visit(root.get("/K"), 0, None)
    return tags, pieces


def catalog_facts(path: Path) -> dict:
    """What the file says about itself: language, title, tagging and PDF/UA claims."""
    with pikepdf.open(path) as pdf:
        meta = pdf.open_metadata()
        return {
            "lang": str(pdf.Root.get("/Lang")),
            "title": meta.get("dc:title"),
            "marked": bool((pdf.Root.get("/MarkInfo") or {}).get("/Marked", False)),
            "display_title": bool((pdf.Root.get("/ViewerPreferences") or {}).get("/DisplayDocTitle", False)),
            "pdfua_part": meta.get("pdfuaid:part"),
        }
