"""What the handout holds, as data for `handout.typ`: a title block, the
slides' handout material (set in two columns), then the handout pages.

Speaker notes never reach it: only `.handout` slides' visible content,
`::: handout` blocks and `handouts/*.md` pages do.
"""

from __future__ import annotations

from segue.talk import labels
from segue.diagnostics import Diagnostics
from segue.talk.model import References, Slide, Talk, iter_blocks
from segue.render.pdf import (
    DECK_TOML,
    FOOTER_SIZE,
    Margins,
    Page,
    Pictures,
    Texts,
    colors,
    font_data,
    language,
    text_style,
)
from segue.render.pdf.data import DataBuilder, chart_colours
from segue.render.pdf.fonts import Chain

MARGINS = Margins(left=50, top=46, right=50, bottom=58)
GUTTER = 22
PICTURE_HEIGHT = 100  # points: a picture sits in its column without crowding the text

STYLE = {
    "body": text_style(9.5, 12.4),
    "subtitle": text_style(11.5, 14.5),
    "meta": text_style(9.5, 12.5),
    "headings": {
        "1": text_style(22, 26, color="accent", above=0, below=4),
        "2": text_style(11.5, 14, color="accent", above=9, below=3),
        "3": text_style(10.5, 13, color="accent", above=7, below=2),
    },
    "gap": 4.5,  # between paragraphs, lists, pictures
    "marker_gap": 5.5,  # between a list marker and its text
    "write_gap": 26,  # between ruled writing lines
    "picture_height": PICTURE_HEIGHT,
    "qr_size": 62,  # points, about 2.2 cm: scanned from a page held in the hand
    "footer_size": FOOTER_SIZE,
}


def page_for(paper: str) -> Page:
    return Page(paper, MARGINS, GUTTER, columns=2)


def handout_material(talk: Talk) -> list[Slide]:
    """Slides with something for the handout, in slide order."""
    return [slide for _, slide in talk.slides if slide.handout or slide.handout_blocks]


def _shows_references(talk: Talk) -> bool:
    """Whether the handout's own material places the bibliography (`::: references`)."""
    blocks = [b for slide in handout_material(talk) for b in (slide.body if slide.handout else []) + slide.handout_blocks]
    blocks += [b for page in talk.handout_pages for b in page.blocks]
    return any(isinstance(block, References) for block in iter_blocks(blocks))


def handout_data(talk: Talk, page: Page, texts: Texts, report: Diagnostics, pictures: Pictures) -> dict:
    """The whole handout as template data (without fonts and column breaks)."""
    build = DataBuilder(talk, texts, report, "handout", pictures, marks=True)
    build.qr = "all" if talk.handout.qr else "marked"
    build.chart_colours = chart_colours(talk)
    flow: list[dict] = []
    for slide in handout_material(talk):
        build.footnotes = {f.number: f for f in slide.footnotes}
        blocks = slide.body if slide.handout else []
        title = build.inline(slide.title, slide.source)
        build.section(2)
        if title:
            flow.append(build._mark({"kind": "heading", "level": 2, "inline": title}))
        flow += build.blocks(blocks + slide.handout_blocks, top=True, after_sticky=bool(title))
    pages = []
    for handout_page in talk.handout_pages:
        build.footnotes = {f.number: f for f in handout_page.footnotes}
        build.section(2)
        pages.append(
            {
                "title": build.inline(handout_page.title, handout_page.source),
                "blocks": build.blocks(handout_page.blocks),
            }
        )
    if talk.references and not _shows_references(talk):
        # Every work the talk cites, after the pages: a reader looks for them at the end.
        build.footnotes = {}
        build.section(2)
        source = talk.references_source
        entries = build.references(talk.references, source)
        pages.append({"title": build.plain(labels.references_title(talk), source), "blocks": [entries] if entries else []})
    when = labels.event_and_date(talk)
    meta = [when] if when else []
    presenters = labels.credits(talk)
    if presenters:
        meta.append(labels.presented_by(talk, presenters))
    return {
        "title": texts(labels.handout_title(talk), DECK_TOML),
        "page_of": [texts(part, DECK_TOML) for part in labels.page_of(talk)],
        "language": language(talk.lang),
        "footer": texts(talk.title, DECK_TOML),
        "page": page.as_data(),
        "style": {**STYLE, "colors": colors(talk)},
        "talk": {
            "title": texts(talk.title, DECK_TOML),
            "subtitle": texts(talk.subtitle, DECK_TOML) if talk.subtitle else None,
            "meta": [texts(line, DECK_TOML) for line in meta],
        },
        "flow": flow,
        "pages": pages,
    }


def with_fonts(data: dict, chain: Chain) -> dict:
    data["style"].update(font_data(chain))
    return data
