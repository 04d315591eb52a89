"""The shared PDF layer: print colours, the font's coverage, column flow, measuring."""

from __future__ import annotations

import io

from pypdf import PdfReader

from segue.diagnostics import Diagnostics
from segue.model import ListBlock, ListItem, Paragraph, Source, Span, WriteLines
from segue.render.pdf import ink
from segue.render.pdf.blocks import BlockWriter, TextStyle, Typography, shown_url
from segue.render.pdf.document import Document, Margins
from segue.render.pdf.fonts import printable

HERE = Source("deck/01-test.md", 3)
TYPOGRAPHY = Typography(
    body=TextStyle(10, 13),
    heading=TextStyle(12, 15, bold=True),
    accent=ink.TEXT,
    paragraph_gap=4,
    item_gap=1,
    marker_width=11,
    write_line_gap=24,
    picture_height=100,
)


def writer_on(paper: str = "letter") -> BlockWriter:
    doc = Document(paper, Margins(50, 50, 50, 60, 40), footer="Footer")
    doc.add_page()
    return BlockWriter(doc, TYPOGRAPHY, Diagnostics(), "handout")


def paragraph(words: int, tag: str = "word") -> Paragraph:
    return Paragraph((Span(" ".join(f"{tag}{i}" for i in range(words))),), HERE)


def test_a_light_accent_prints_black_and_a_dark_one_stays():
    assert ink.print_accent("#F5C000") == ink.TEXT  # yellow would vanish on a greyscale printer
    assert ink.print_accent("#7A3E65") == (0x7A, 0x3E, 0x65)
    assert ink.print_accent("not a colour") == ink.TEXT
    assert ink.contrast_on_white(ink.CUE) >= 4.5


def test_printable_substitutes_and_reports_what_it_drops():
    assert printable("Adèle’s — “quoted” café") == ("Adèle’s — “quoted” café", "")
    assert printable("a → b\u2009c") == ("a -> b c", "")
    assert printable("seed 🌱 here") == ("seed  here", "🌱")


def test_missing_characters_are_reported_once_with_their_source():
    writer = writer_on()
    writer.blocks([Paragraph((Span("sun ☀ and ☀ again"),), HERE)] * 2)
    assert [str(d) for d in writer.report.items] == [
        "deck/01-test.md:3: warning: “☀” (U+2600) not in the Atkinson Hyperlegible font; left out of the handout"
    ]


def test_text_flows_from_the_first_column_into_the_second_then_a_new_page():
    writer = writer_on()
    doc = writer.doc
    doc.start_columns(2, 20)
    writer.blocks([paragraph(900)])
    doc.end_columns()
    assert doc.page == 2
    reader = PdfReader(io.BytesIO(bytes(doc.output())))
    xs = set()
    reader.pages[0].extract_text(visitor_text=lambda t, cm, tm, f, s: xs.add(round(tm[4])) if t.strip() else None)
    left, right = 50, 50 + (612 - 100 - 20) / 2 + 20
    assert {round(left), round(right)} <= xs


def test_a_list_item_keeps_its_hanging_indent_across_a_column_break():
    writer = writer_on()
    doc = writer.doc
    doc.start_columns(2, 20)
    doc.set_y(doc.frame_bottom - 14)
    item = ListItem((Span("item " * 60),), [], HERE)
    writer.blocks([ListBlock(False, 1, [item], HERE)])
    assert doc.flow.column == 1
    assert doc.l_margin == doc.frame_left  # the indent is gone again after the list
    doc.end_columns()


def test_measuring_matches_drawing():
    writer = writer_on()
    blocks = [paragraph(80), WriteLines(3, HERE), paragraph(10)]
    measured = writer.measure(lambda w: w.blocks(blocks))
    start = writer.doc.y
    writer.blocks(blocks)
    assert abs((writer.doc.y - start) - measured) < 0.01


def test_a_question_moves_with_its_writing_lines():
    writer = writer_on()
    doc = writer.doc
    doc.set_y(doc.frame_bottom - 40)  # room for the question, not for its lines
    writer.blocks([paragraph(5, "question"), WriteLines(4, HERE)])
    assert doc.page == 2


def test_shown_url_drops_the_scheme():
    assert shown_url("https://example.org/") == "example.org"
    assert shown_url("mailto:a@b.org") == "a@b.org"
