"""The takeaway handout: `<slug>-handout.pdf`, set by Typst as tagged PDF/UA-1.

The handout holds no speaker notes at all, so the public build needs nothing
removed. `content` turns the model into the template's data, `document`
sets it; this module declares the output and loads Typst only when the
handout is made.
"""

from __future__ import annotations

from segue.diagnostics import Diagnostics
from segue.render import RenderOptions, talk_facts
from segue.render.pdf import paper_for
from segue.talk.model import Slide, Talk
from segue.talk.plan import Plan

MADE_FROM = None


def _handout_part(slide: Slide) -> tuple | None:
    if not slide.handout and not slide.handout_blocks:
        return None
    return (slide.title, slide.source, slide.handout, slide.body if slide.handout else None, slide.handout_blocks)


def reads(talk: Talk, plan: Plan, options: RenderOptions) -> tuple:
    """The handout's bytes depend on `.handout` slides and `::: handout` blocks, the
    handout pages, the accent and the paper: never on speaker notes or the plan."""
    parts = [part for _, slide in talk.slides if (part := _handout_part(slide)) is not None]
    return (talk_facts(talk), talk.theme.accent, talk.handout, paper_for(talk, options), parts, talk.handout_pages)


def check(talk: Talk, plan: Plan, options: RenderOptions, report: Diagnostics) -> None:
    """What the handout would report, without setting it: characters no font can draw,
    links it cannot keep (`check` runs it; pictures are checked where they are read)."""
    from segue.render.handout.content import page_for
    from segue.render.handout.document import data_pass

    data_pass(talk, page_for(paper_for(talk, options)), report, None)


def render(talk: Talk, plan: Plan, options: RenderOptions, report: Diagnostics, made_from: bytes | None = None) -> dict[str, bytes]:
    from segue.render.handout.document import make_handout

    pdf = make_handout(talk, options, report)
    return {} if pdf is None else {f"{talk.slug}-handout.pdf": pdf}
