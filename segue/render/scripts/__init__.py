"""Presenter scripts: `<slug>-<speaker>-script.pdf`, one per speaker, set by
Typst as tagged PDF/UA-1.

Each holds every slide with its number, title and timing cue; the
presenter's own lines in full at lectern size; lines for everyone in full;
and the other presenters' lines as one grey cue each (their first sentence),
so each presenter knows when to come in; beside them, a picture of the slide
as the deck PDF draws it, when LibreOffice is there to draw it (the scripts
are then made from the deck PDF). Scripts are private notes: a public build
makes none. `content` turns the model into the template's
data, `document` sets it; this module declares the output and loads Typst
only when scripts are made.
"""

from __future__ import annotations

from segue.diagnostics import Diagnostics
from segue.render import RenderOptions, plan_facts, talk_facts
from segue.render.pdf import paper_for
from segue.talk.model import Talk
from segue.talk.plan import Plan

MADE_FROM = "deck-pdf"  # for the slide pictures, when LibreOffice is there (`wants_source`)


def wants_source(options: RenderOptions) -> bool:
    """Slide pictures come from the deck PDF, which needs LibreOffice."""
    from segue.render.deckpdf import available

    return not options.public and available()


def reads(talk: Talk, plan: Plan, options: RenderOptions) -> tuple:
    """The scripts' bytes depend on every slide's title and notes, the segments,
    the plan (cues), the accent and the paper; and, when they show the slides,
    on what the deck PDF is made from."""
    from segue.render import deckpdf

    pictures = deckpdf.reads(talk, plan, options) if wants_source(options) else None
    notes = [(slide.title, slide.source, slide.notes) for _, slide in talk.slides]
    notes.append(("opening", talk.title_notes, talk.agenda_notes))
    segments = [(s.title, s.minutes, s.lead, s.source, s.notes) for s in talk.segments]
    return (
        talk_facts(talk), talk.theme.accent, talk.handout, paper_for(talk, options), options.public, segments, notes,
        plan_facts(plan), pictures,
    )


def check(talk: Talk, plan: Plan, options: RenderOptions, report: Diagnostics) -> None:
    """What the scripts would report, without setting them (`check` runs it)."""
    from segue.render.scripts.document import check_scripts

    check_scripts(talk, plan, options, report)


def render(talk: Talk, plan: Plan, options: RenderOptions, report: Diagnostics, made_from: bytes | None = None) -> dict[str, bytes]:
    if options.public:
        return {}
    from segue.render.scripts.document import make_scripts

    return make_scripts(talk, plan, options, report, made_from)
