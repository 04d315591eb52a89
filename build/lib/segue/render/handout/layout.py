"""The handout's pages: a title block, the slides' handout material in two
columns, then the handout pages full width.

Two columns keep lines short at a small print size and fit a talk's
takeaways on a sheet of paper. The columns' last page is balanced, so a
handout page that follows starts under two columns of equal height.
"""

from __future__ import annotations

from segue.diagnostics import Diagnostics
from segue.model import Heading, HandoutPage, Slide, Source, Talk
from segue.render.pdf import ink, new_document
from segue.render.pdf.blocks import BlockWriter, Pictures, TextStyle, Typography
from segue.render.pdf.document import Document, Margins
from segue.render.stamp import long_date

MARGINS = Margins(left=50, top=46, right=50, bottom=58, footer=42)
GUTTER = 22
BALANCE_TRIES = 12
DECK_TOML = Source("deck/deck.toml")


def typography(accent: ink.Rgb) -> Typography:
    return Typography(
        body=TextStyle(9.5, 12.4),
        heading=TextStyle(11.5, 14, color=accent, bold=True),
        accent=accent,
        paragraph_gap=4.5,
        item_gap=1.2,
        marker_width=11,
        write_line_gap=26,
        picture_height=100,
        show_urls=True,
    )


TITLE = TextStyle(22, 26, bold=True)
SUBTITLE = TextStyle(11.5, 14.5, color=ink.SECONDARY)
META = TextStyle(9.5, 12.5, color=ink.SECONDARY)
PAGE_TITLE = TextStyle(14, 17, bold=True)


def handout_material(talk: Talk) -> list[Slide]:
    """Slides with something for the handout, in slide order."""
    return [slide for _, slide in talk.slides if slide.handout or slide.handout_blocks]


def compose(
    talk: Talk,
    paper: str,
    report: Diagnostics,
    pictures: Pictures,
    balance: tuple[int, float] | None = None,
) -> Document:
    accent = ink.print_accent(talk.theme.accent)
    doc = new_document(talk, paper, MARGINS, title=f"{talk.title} – handout", footer=talk.title)
    doc.balance = balance
    doc.add_page()
    writer = BlockWriter(doc, typography(accent), report, "handout", pictures)
    title_block(writer, talk, accent)
    slides = handout_material(talk)
    if slides:
        doc.start_columns(2, GUTTER)
        for slide in slides:
            blocks = [Heading(1, slide.title, slide.source)]
            if slide.handout:
                blocks += slide.body
            writer.blocks(blocks + slide.handout_blocks)
        doc.end_columns()
    for page in talk.handout_pages:
        handout_page(writer, page, accent)
    return doc


def title_block(writer: BlockWriter, talk: Talk, accent: ink.Rgb) -> None:
    writer.line(talk.title, TITLE.but(color=accent), DECK_TOML, gap=2)
    if talk.subtitle:
        writer.line(talk.subtitle, SUBTITLE, DECK_TOML, gap=5)
    when = [part for part in (talk.event, long_date(talk.date) if talk.date else None) if part]
    if when:
        writer.line(" · ".join(when), META, DECK_TOML, gap=0)
    presenters = [speaker.credit for speaker in talk.speakers.values()]
    if presenters:
        writer.line("Presented by " + " · ".join(presenters), META, DECK_TOML, gap=0)
    writer.doc.gap(9)
    writer.rule()
    writer.doc.gap(12)


def handout_page(writer: BlockWriter, page: HandoutPage, accent: ink.Rgb) -> None:
    """A handout page starts on a fresh page unless all of it fits in the space left."""
    doc = writer.doc
    title_style = PAGE_TITLE.but(color=accent)

    def draw(w: BlockWriter) -> None:
        w.text(page.title, title_style, page.source, gap=6)
        w.blocks(page.blocks)

    height = writer.measure(draw) + 20
    full = doc.h - doc.b_margin - doc.t_margin
    at_top = doc.y <= doc.t_margin + 1
    if not at_top and height > doc.space_left and (height <= full or doc.space_left < full / 3):
        doc.add_page()
    elif not at_top:
        doc.gap(16)  # no rule here: under writing lines it would read as one more
    draw(writer)
