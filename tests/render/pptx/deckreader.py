"""Reading a built deck back, for assertions."""

from __future__ import annotations

from pathlib import Path

from pptx import Presentation
from pptx.enum.shapes import MSO_SHAPE_TYPE

from segue.render.pptx.write.oxml import read_advance, read_sections


def open_deck(path: Path):
    return Presentation(str(path))


def titles(prs) -> list[str]:
    return [(s.shapes.title.text_frame.text if s.shapes.title is not None else "") for s in prs.slides]


def notes_text(slide) -> str:
    return slide.notes_slide.notes_text_frame.text if slide.has_notes_slide else ""


def bold_labels(slide) -> list[str]:
    """The bold, whole-paragraph labels of a slide's notes, in order."""
    labels = []
    for paragraph in slide.notes_slide.notes_text_frame.paragraphs:
        runs = paragraph.runs
        if runs and all(r.font.bold for r in runs):
            labels.append(paragraph.text)
    return labels


def sections(prs) -> list[tuple[str, list[int]]]:
    return read_sections(prs.part._element)


def advances(prs) -> list[int | None]:
    return [read_advance(s._element) for s in prs.slides]


def pictures(prs):
    for number, slide in enumerate(prs.slides, start=1):
        for shape in slide.shapes:
            if shape.shape_type == MSO_SHAPE_TYPE.PICTURE:
                yield number, shape


def table_rows(slide) -> list[list[str]]:
    for shape in slide.shapes:
        if shape.has_table:
            return [[cell.text for cell in row.cells] for row in shape.table.rows]
    return []
