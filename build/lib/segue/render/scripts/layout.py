"""One presenter's script: every slide of the plan, in order, with that
presenter's lines in full at lectern size and the others' as grey cues.

Entries flow one after another rather than one per page: a 60-minute talk
stays a handful of pages to turn. An entry's heading (number, title, timing
cue) never sits alone at the bottom of a page.
"""

from __future__ import annotations

from segue.diagnostics import Diagnostics
from segue.model import Inline, Note, Source, Span, Speaker, Talk
from segue import labels
from segue.plan import Plan, PlannedSlide
from segue.render.pdf import ink, new_document
from segue.render.pdf.blocks import BlockWriter, Pictures, TextStyle, Typography
from segue.render.pdf.document import Document, Margins
from segue.render.scripts.cues import cue
from segue.render.stamp import long_date

MARGINS = Margins(left=62, top=52, right=56, bottom=62, footer=42)
DECK_TOML = Source("deck/deck.toml")


def typography(accent: ink.Rgb) -> Typography:
    return Typography(
        body=TextStyle(15, 20.5),  # read at arm's length under stage light
        heading=TextStyle(16, 20.5, color=accent, bold=True),
        accent=accent,
        paragraph_gap=8,
        item_gap=3,
        marker_width=17,
        write_line_gap=26,
        picture_height=150,
    )


TITLE = TextStyle(20, 24, bold=True)
SUBTITLE = TextStyle(13, 17, color=ink.SECONDARY)
META = TextStyle(10, 13.5, color=ink.SECONDARY)
ENTRY_TITLE = TextStyle(16, 20, bold=True)
TIMING = TextStyle(10.5, 14, color=ink.SECONDARY)
LABEL = TextStyle(8.5, 12, color=ink.CUE, bold=True)
OTHERS = TextStyle(11, 14.5, color=ink.CUE)
NUMBER_WIDTH = 34


def entry_title(plan: Plan, planned: PlannedSlide) -> Inline:
    """The slide's title; generated slides are named after what they show."""
    if planned.slide is not None:
        return planned.slide.title or (Span("(untitled slide)", italic=True),)
    return (Span(labels.slide_title(plan, planned)),)


def compose(talk: Talk, plan: Plan, speaker: Speaker, paper: str, report: Diagnostics, pictures: Pictures) -> Document:
    accent = ink.print_accent(talk.theme.accent)
    doc = new_document(
        talk, paper, MARGINS, title=f"{talk.title} – script for {speaker.label}", footer=f"{talk.title} · script for {speaker.label}"
    )
    doc.add_page()
    writer = BlockWriter(doc, typography(accent), report, "script", pictures)
    title_block(writer, talk, plan, speaker, accent)
    for planned in plan.slides:
        entry(writer, talk, plan, planned, speaker, accent)
    return doc


def title_block(writer: BlockWriter, talk: Talk, plan: Plan, speaker: Speaker, accent: ink.Rgb) -> None:
    writer.line(talk.title, TITLE, DECK_TOML, gap=2)
    writer.line(f"Script for {speaker.label}", SUBTITLE.but(color=accent), DECK_TOML, gap=4)
    facts = [talk.event, long_date(talk.date) if talk.date else None]
    facts.append(f"{labels.minutes(plan.total / 60)}, {len(plan.slides)} slides")
    writer.line(" · ".join(f for f in facts if f), META, DECK_TOML, gap=2)
    others = [s.label for s in talk.speakers.values() if s.id != speaker.id]
    legend = "Your lines are in full. "
    if others:
        legend += f"Grey cues give the first sentence of what {' or '.join(others)} says, in speaking order. "
    legend += "Lines for all presenters are in italics."
    writer.line(legend, META, gap=2)


def entry(writer: BlockWriter, talk: Talk, plan: Plan, planned: PlannedSlide, speaker: Speaker, accent: ink.Rgb) -> None:
    doc = writer.doc
    title = entry_title(plan, planned)
    source = planned.slide.source if planned.slide is not None else plan.segment_of(planned).segment.source

    def heading(w: BlockWriter) -> None:
        w.doc.gap(12)
        w.rule(ink.RULE, 0.5)
        w.doc.gap(7)
        y = w.doc.y
        w.use(ENTRY_TITLE, color=accent)
        w.doc.set_xy(w.doc.frame_left, y)
        w.doc.cell(NUMBER_WIDTH, ENTRY_TITLE.leading, str(planned.number))
        w.doc.set_indent(NUMBER_WIDTH)
        w.doc.set_xy(w.doc.l_margin, y)
        w.text(title, ENTRY_TITLE, source, gap=1)
        w.line(labels.cue(plan, planned), TIMING, gap=0)
        if planned.kind == "section":
            w.line(labels.section_detail(talk, plan.segment_of(planned).segment), TIMING, gap=0)
        w.doc.set_indent(0)
        w.doc.gap(8)

    doc.ensure_space(writer.measure(heading) + 2 * writer.typography.body.leading)
    heading(writer)
    if planned.slide is None:
        return
    for note in planned.slide.notes:
        lines(writer, talk, note, speaker)


def lines(writer: BlockWriter, talk: Talk, note: Note, speaker: Speaker) -> None:
    body = writer.typography.body
    if note.speaker == speaker.id:
        writer.blocks(note.blocks, body)
    elif note.speaker is None:
        writer.doc.ensure_space(LABEL.leading + body.leading)
        writer.line("ALL PRESENTERS", LABEL, note.source, gap=1)
        writer.blocks(note.blocks, body.but(italic=True))
    else:
        other = talk.speakers.get(note.speaker)
        label = other.label if other is not None else note.speaker
        text = cue(note.text)
        if text:
            writer.text((Span(f"{label}: ", bold=True), Span(text)), OTHERS, note.source, gap=7)
