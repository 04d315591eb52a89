"""Reading built PDFs back with pypdf: sizes, text, links, fonts, drawn lines."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from pypdf import PdfReader
from pypdf.generic import ContentStream


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
    embedded: bool  # a TrueType program (FontFile2) travels in the file


def fonts(path: Path) -> list[FontInfo]:
    found: dict[str, FontInfo] = {}
    for page in open_pdf(path).pages:
        resources = page.get("/Resources") or {}
        for font in (resources.get("/Font") or {}).values():
            font = font.get_object()
            descendants = [d.get_object() for d in font.get("/DescendantFonts", [])] or [font]
            for descendant in descendants:
                descriptor = descendant.get("/FontDescriptor")
                embedded = descriptor is not None and "/FontFile2" in descriptor.get_object()
                name = str(descendant.get("/BaseFont", font.get("/BaseFont")))
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


def horizontal_lines(path: Path, page_index: int) -> list[tuple[float, float, float]]:
    """Straight horizontal strokes on a page as (x1, x2, y), y from the page's bottom."""
    reader = open_pdf(path)
    page = reader.pages[page_index]
    content = ContentStream(page.get_contents(), reader)
    lines = []
    start = None
    for operands, operator in content.operations:
        if operator == b"m":
            start = tuple(float(v) for v in operands)
        elif operator == b"l" and start is not None:
            x, y = (float(v) for v in operands)
            if abs(y - start[1]) < 0.01 and abs(x - start[0]) > 1:
                lines.append((start[0], x, y))
            start = None
    return lines
