"""The PowerPoint renderer: `<slug>.pptx` from the talk and its time plan.

Two steps, as pandoc's PowerPoint writer has them: `arrange` lays the plan
out on the slides the template offers (every layout decision, pure values),
then `write` serialises that (python-pptx and OOXML, no decisions); `deck`
runs both. This module declares the output and loads that stack only when
the deck is made.
"""

from __future__ import annotations

from segue.diagnostics import Diagnostics
from segue.render import RenderOptions, plan_facts, talk_facts
from segue.talk.model import Talk
from segue.talk.plan import Plan

MADE_FROM = None


def reads(talk: Talk, plan: Plan, options: RenderOptions) -> tuple:
    """Everything of the talk and the options the deck's bytes depend on: slides,
    notes (they are in the deck), the theme and the plan."""
    return (
        talk_facts(talk),
        talk.theme,
        talk.title_notes,
        talk.agenda_notes,
        talk.segments,
        plan_facts(plan),
        options.public,
        options.auto_advance,
        options.slide_timings,
    )


def agenda_fits(talk: Talk):
    """For a talk with a template: whether an agenda slide's table holds given rows at
    18 pt in the template's agenda layout (the plan asks, to know how many agenda slides
    there are); None without a template (the plan's own count serves the built-in look)
    or when the template cannot be opened (the deck says why)."""
    if talk.theme.template is None:
        return None
    from segue.render.pptx.deck import agenda_measure

    return agenda_measure(talk.theme)


def render(talk: Talk, plan: Plan, options: RenderOptions, report: Diagnostics, made_from: bytes | None = None) -> dict[str, bytes]:
    from segue.render.pptx.deck import make_deck

    data = make_deck(talk, plan, options, report)
    return {} if data is None else {f"{talk.slug}.pptx": data}
