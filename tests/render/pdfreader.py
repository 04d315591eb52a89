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
