"""What one presenter's script holds, as data for `script.typ`: every slide
of the plan, in order, with that presenter's lines in full at lectern size,
lines for everyone in italics, and the others' as grey first-sentence cues.

Entries flow one after another rather than one per page: a 60-minute talk
stays a handful of pages to turn. An entry's heading (number, title, timing
cue) never sits alone at the bottom of a page.
"""

from __future__ import annotations

from segue.talk import labels
from segue.diagnostics import Diagnostics
from segue.talk.model import Note, Speaker, Talk
from segue.talk.plan import Plan, PlannedSlide
from segue.render.pdf import DECK_TOML, FOOTER_SIZE, Margins, Page, Pictures, Texts, colors, language, text_style
from segue.render.pdf.data import DataBuilder, chart_colours
from segue.talk.cues import cue

MARGINS = Margins(left=62, top=52, right=56, bottom=62)
PICTURE_HEIGHT = 150
SLIDE_WIDTH = 136  # points: the picture of the slide beside its lines, about 4.8 cm

STYLE = {
    "body": text_style(15, 20.5),  # read at arm's length under stage light
    "subtitle": text_style(13, 17),
    "meta": text_style(10, 13.5),
    "timing": text_style(10.5, 14),
    "label": text_style(8.5, 12),
    "others": text_style(11, 14.5),
    "headings": {
        "1": text_style(20, 24, color="text", above=0, below=4),
        "2": text_style(16, 20, color="text", above=0, below=2),
        "3": text_style(16, 20.5, color="accent", above=8, below=3),
    },
    "number_width": 34,
    "gap": 8,
    "marker_gap": 8,
    "write_gap": 26,
    "picture_height": PICTURE_HEIGHT,
    "qr_size": 62,  # points, about 2.2 cm: scanned from a page held in the hand
    "footer_size": FOOTER_SIZE,
    "slide_width": SLIDE_WIDTH,
}


def page_for(paper: str) -> Page:
    return Page(paper, MARGINS)


def entry_title(build: DataBuilder, plan: Plan, planned: PlannedSlide) -> list[dict]:
    """The slide's title; generated slides are named after what they show."""
    if planned.slide is not None:
        return build.inline(planned.slide.title, planned.slide.source) or build.plain(labels.untitled_slide(build.talk), None, italic=True)
    return build.plain(plan.title(planned), plan.segment_of(planned).segment.source)


def script_data(
    talk: Talk, plan: Plan, speaker: Speaker, page: Page, texts: Texts, report: Diagnostics, pictures: Pictures
) -> dict:
    build = DataBuilder(talk, texts, report, "script", pictures)
    build.clicks = labels.click(talk)  # `. . .` in the notes: where the presenter clicks
    build.chart_colours = chart_colours(talk)
    others = [s.label for s in talk.speakers.values() if s.id != speaker.id]
    legend = labels.script_legend(talk, others)
    facts = [labels.event_and_date(talk), labels.script_facts(talk, plan.total, len(plan.slides))]
    meta_pictures = [] if pictures is None or pictures.slide_keys else [texts(labels.no_slide_pictures(talk), DECK_TOML)]
    entries = []
    for planned in plan.slides:
        segment = plan.segment_of(planned).segment
        build.section(2)
        entry = {
            "number": str(planned.number),
            "title": entry_title(build, plan, planned),
            "timing": [texts(plan.cue(planned), None)],
            "notes": [],
        }
        if planned.kind == "section":
            entry["timing"].append(texts(labels.section_detail(talk, segment), DECK_TOML))
        if planned.slide is not None and planned.slide.clicks:
            entry["timing"].append(texts(labels.clicks(talk, planned.slide.clicks), None))
        build.footnotes = {f.number: f for f in planned.slide.footnotes} if planned.slide is not None else {}
        notes = [note_data(build, talk, note, speaker) for note in planned.notes]
        entry["notes"] = [n for n in notes if n is not None]
        keys = pictures.slide_keys if pictures is not None else {}
        if planned.number in keys:
            entry["picture"] = {"key": keys[planned.number], "alt": texts(labels.slide_picture(talk, planned.number), None)}
        entries.append(entry)
    return {
        "title": texts(labels.script_title(talk, speaker.label), DECK_TOML),
        "language": language(talk.lang),
        "footer": texts(labels.script_footer(talk, speaker.label), DECK_TOML),
        "page_of": [texts(part, DECK_TOML) for part in labels.page_of(talk)],
        "page": page.as_data(),
        "style": {**STYLE, "colors": colors(talk)},
        "talk": {
            "title": texts(talk.title, DECK_TOML),
            "subtitle": texts(labels.script_subtitle(talk, speaker.label), DECK_TOML),
            "meta": [texts(" · ".join(f for f in facts if f), DECK_TOML), texts(legend, DECK_TOML), *meta_pictures],
        },
        "entries": entries,
    }


def note_data(build: DataBuilder, talk: Talk, note: Note, speaker: Speaker) -> dict | None:
    if note.speaker == speaker.id:
        return {"kind": "own", "blocks": build.blocks(note.blocks)}
    if note.speaker is None:
        return {"kind": "everyone", "label": labels.all_presenters(talk), "blocks": build.blocks(note.blocks)}
    other = talk.speakers.get(note.speaker)
    text = cue(note.text)
    if not text:
        return None
    label = other.label if other is not None else note.speaker
    return {"kind": "cue", "label": build.text(f"{label}: ", note.source), "text": build.text(text, note.source)}
