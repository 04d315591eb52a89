"""The PowerPoint renderer: `<slug>.pptx` from the talk and its time plan."""

from __future__ import annotations

from segue.diagnostics import Diagnostics
from segue.images import shared_cache
from segue.model import Talk
from segue.plan import Plan
from segue.render.pptx.deck import DeckBuilder
from segue.render.pptx.layouts import open_presentation


def render(talk: Talk, plan: Plan, options, report: Diagnostics) -> dict[str, bytes]:
    opened = open_presentation(talk.theme, report)
    if opened is None:
        return {}
    prs, layouts = opened
    images = shared_cache(getattr(options, "cache_dir", None))
    builder = DeckBuilder(
        talk, plan, prs, layouts, report, public=options.public, images=images, progress=getattr(options, "progress", None)
    )
    return {f"{talk.slug}.pptx": builder.build(auto_advance=options.auto_advance)}
